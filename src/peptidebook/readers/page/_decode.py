"""Step 1 - Reading (HTML pages): the text of an HTML file, decoded as a browser would decode a
file with no HTTP header: its byte order mark, else the encoding its first 1,024 bytes
declare (``<meta charset>``, ``<meta http-equiv="content-type">``: the prescan of WHATWG HTML
§13.2.3.2), else UTF-8. What is not HTML is refused in one line."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ...errors import InputError

__all__ = ["decode_page"]

#: How far the prescan looks for a declared encoding (WHATWG HTML §13.2.3.2: 1,024 bytes).
PRESCAN_BYTES = 1024

#: Byte order marks, longest first (WHATWG Encoding §6, "BOM sniff").
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))

#: ``<meta charset="x">`` and ``<meta http-equiv="content-type" content="text/html; charset=x">``
#: alike: a ``charset=`` inside a ``<meta`` tag.
_DECLARED = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)

#: Labels WHATWG Encoding §4.2 maps to windows-1252, which Python's codecs name otherwise
#: (``latin-1`` would decode 0x80-0x9F to C1 controls, not to ``€`` or curly quotes).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                 "cp819", "ibm819", "iso-ir-100", "csisolatin1", "x-cp1252"}

#: Labels WHATWG Encoding §4.2 maps to a superset of what Python's codec of that name decodes:
#: GBK for gb2312 (gb18030 decodes GBK), windows-31J for Shift_JIS, windows-949 for EUC-KR.
_LEGACY = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "csgb2312": "gb18030",
           "chinese": "gb18030", "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
           "ms_kanji": "cp932", "windows-31j": "cp932", "euc-kr": "cp949",
           "ks_c_5601-1987": "cp949"}

#: How far declarations are looked for when the first one does not read the bytes.
DECLARED_BYTES = 65536

#: The start of markup: a tag, an end tag, a comment or a doctype.
_MARKUP = re.compile(r"<[a-zA-Z!/?]")


def decode_page(path: Path, data: bytes) -> tuple[str, str]:
    """The text of the page and the encoding it was decoded with. An empty file, one that is
    not text, not in any encoding it declares, or holding no markup is an :class:`InputError`.

    After a byte order mark, UTF-8 is tried first: bytes that decode as UTF-8 and are not
    ASCII are UTF-8 (positive evidence: text in a legacy encoding almost never is valid
    UTF-8), whatever a stale ``<meta>`` says — pages re-saved as UTF-8 keep their old
    declaration. Then each encoding the page declares, in order (a saved archive page declares
    the archive's encoding first and the page's own after it); the first that decodes the
    bytes is the page's."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data[:PRESCAN_BYTES]:
        raise InputError(f"{path}: not an HTML page: the file holds binary data")
    text, encoding = _decode(path, data)
    head = text.lstrip()
    if head.startswith(("{", "[")):
        raise InputError(f"{path}: not an HTML page: it holds JSON (name it .json)")
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if _MARKUP.search(text) is None:
        raise InputError(f"{path}: not an HTML page: it holds no markup (name it .txt for "
                         "plain text)")
    return text, encoding


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(path, data[len(bom):], name, len(bom)), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_error = error
    labels = (m[1].decode("ascii").lower() for m in _DECLARED.finditer(data[:DECLARED_BYTES]))
    declared = list(dict.fromkeys(_codec(path, label) for label in labels))
    for encoding in declared:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    encoding = declared[0] if declared else "utf-8"
    if encoding != "utf-8":
        return _strict(path, data, encoding, 0), encoding
    offset = first_error.start
    raise InputError(
        f"{path}: not utf-8 text (byte {offset} is 0x{data[offset]:02x}) and the page declares "
        "no encoding that reads it; save the page again as UTF-8")


def _strict(path: Path, data: bytes, encoding: str, start: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise InputError(
            f"{path}: not {encoding} text as the page says (byte {offset} is "
            f"0x{data[error.start]:02x}); save the page again as UTF-8"
        ) from None


def _codec(path: Path, label: str) -> str:
    """The Python codec for an encoding label, as WHATWG Encoding §4.2 reads the label."""
    if label in _WINDOWS_1252:
        return "cp1252"
    if label in ("utf-16", "utf-16le", "utf-16be"):
        return "utf-8"  # a page that says UTF-16 without a BOM is UTF-8 (WHATWG §13.2.3.2)
    if label in _LEGACY:
        return _LEGACY[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        raise InputError(f"{path}: the page declares an encoding peptidebook does not know "
                         f"({label!r}); save it again as UTF-8") from None
