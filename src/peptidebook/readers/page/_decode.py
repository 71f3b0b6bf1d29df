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

#: The start of markup: a tag, an end tag, a comment or a doctype.
_MARKUP = re.compile(r"<[a-zA-Z!/?]")


def decode_page(path: Path, data: bytes) -> tuple[str, str]:
    """The text of the page and the encoding it was decoded with. An empty file, one that is
    not text, not in its declared encoding, or holds no markup is an :class:`InputError`."""
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    encoding, start = _encoding(path, data)
    if encoding not in ("utf-16-le", "utf-16-be") and b"\x00" in data[:PRESCAN_BYTES]:
        raise InputError(f"{path}: not an HTML page: the file holds binary data")
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = start + error.start
        raise InputError(
            f"{path}: not {encoding} text as the page says (byte {offset} is "
            f"0x{data[offset]:02x}); save the page again as UTF-8"
        ) from None
    head = text.lstrip()
    if head.startswith(("{", "[")):
        raise InputError(f"{path}: not an HTML page: it holds JSON (name it .json)")
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if _MARKUP.search(text) is None:
        raise InputError(f"{path}: not an HTML page: it holds no markup (name it .txt for "
                         "plain text)")
    return text, encoding


def _encoding(path: Path, data: bytes) -> tuple[str, int]:
    """The encoding and where the text starts after its byte order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    match = _DECLARED.search(data[:PRESCAN_BYTES])
    if match is None:
        return "utf-8", 0
    label = match[1].decode("ascii").lower()
    if label in _WINDOWS_1252:
        return "cp1252", 0
    if label in ("utf-16", "utf-16le", "utf-16be"):
        return "utf-8", 0  # a page that says UTF-16 without a BOM is UTF-8 (WHATWG §13.2.3.2)
    try:
        return codecs.lookup(label).name, 0
    except LookupError:
        raise InputError(f"{path}: the page declares an encoding peptidebook does not know "
                         f"({label!r}); save it again as UTF-8") from None
