"""Step 1 - Reading: parse a WordPress export, strictly first, then repaired when it is malformed.

WordPress's own importer (WordPress/wordpress-importer, ``WXR_Parser::parse``) reads an export
with a strict XML parser and, when that fails, falls back to a lenient one, so exports that
are not well-formed XML exist and are imported every day. This module does the same, in two
measured steps, and says what it did:

1. Targeted repairs of the bytes, each of a known WordPress cause and none changing a word:
   invalid UTF-8 sequences decoded as U+FFFD (a post pasted from a Latin-1 source); a bare
   ``&`` written as ``&amp;`` and an HTML entity (``&nbsp;``) as its character reference (a
   plugin that wrote a field without ``esc_xml``); a CDATA section whose text holds ``]]>``
   split as WordPress's ``wxr_cdata`` splits it; a standard prefix (``wp:``, ``content:``)
   used without its declaration bound to its namespace. Then the strict parse again.
2. Only when that still fails: lxml's recovering parser, which skips what it cannot read. What
   it skipped is not known word for word, so the warning gives its errors with their lines,
   and the ``<item>`` elements parsed are counted against the ``<item>`` tags in the bytes.

A DTD is refused before and after any repair: it is the only way to declare entities, so
refusing it rules out entity expansion and external entities; nothing is ever fetched.
"""

from __future__ import annotations

import codecs
import html.entities
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from ...diagnostics import Report
from ...errors import InputError
from ..characters import ControlFilter

__all__ = ["parse_export"]

#: Prefixes a WXR file uses, with the namespace WordPress binds each to (WXR 1.2).
_STANDARD_PREFIXES = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
}

#: At most this many line numbers are named for one kind of repair.
_LINES_NAMED = 3


def parse_export(path: Path, data: bytes, controls: ControlFilter, report: Report) -> ET.Element:
    """The export's root element; a repaired or recovered parse is reported (``xml-repaired``)."""
    if _ascii_compatible(data):
        data = controls.filter_bytes(data, "the export file")
    try:
        return _strict(path, data)
    except _NotWellFormed as error:
        if not _ascii_compatible(data):
            raise InputError(f"{path}: {error}") from None
        first = str(error)
        repairs = _Repairs()
        repaired = _repair(data, repairs)
        try:
            root = _strict(path, repaired)
        except _NotWellFormed:
            root = _recover(path, repaired, repairs)
    report.warning("xml-repaired", str(path),
                   f"the export is not well-formed XML ({first}); {repairs.describe()}")
    return root


class _NotWellFormed(Exception):
    """A strict parse failed; the message says where (line, column) and why."""


def _strict(path: Path, data: bytes) -> ET.Element:
    checker = expat.ParserCreate()

    def refuse(*_args: object) -> None:
        raise InputError(f"{path}: refusing a WXR file with a DTD (entity declarations)")

    checker.StartDoctypeDeclHandler = refuse
    checker.EntityDeclHandler = refuse
    try:
        checker.Parse(data, True)
        return ET.fromstring(data)
    except expat.ExpatError as error:
        raise _NotWellFormed(
            f"invalid XML at line {error.lineno}, column {error.offset + 1}: "
            f"{expat.ErrorString(error.code)}"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise _NotWellFormed(f"invalid XML at line {line}, column {column + 1}") from None


def _ascii_compatible(data: bytes) -> bool:
    """Whether the bytes 0x00-0x7F of ``data`` can only be ASCII characters: no UTF-16 or
    UTF-32 byte order mark, and no NUL among the first bytes (``<?xml`` in UTF-16 without a
    mark). Only such a file is filtered or repaired byte-wise."""
    marks = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    return not data.startswith(marks) and b"\x00" not in data[:4]


@dataclass
class _Repairs:
    """What the repairs changed: lines by kind, and what the recovering parser reported."""

    counts: Counter[str] = field(default_factory=Counter)
    lines: dict[str, list[int]] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)
    items_lost: int = 0

    def add(self, kind: str, line: Callable[[], int]) -> None:
        """One repair of ``kind``; ``line`` (costly: it counts newlines) is called only for
        the first few, which the warning names."""
        self.counts[kind] += 1
        if self.counts[kind] <= _LINES_NAMED:
            self.lines.setdefault(kind, []).append(line())

    def describe(self) -> str:
        parts = [
            f"{kind} ×{count} (line {', '.join(map(str, dict.fromkeys(self.lines[kind])))}"
            f"{', …' if count > _LINES_NAMED else ''})"
            for kind, count in self.counts.items()
        ]
        said = "repaired: " + "; ".join(parts) if parts else "no byte repair applied"
        if self.recovered:
            said += (f"; then read by a recovering parser, which skipped what it could not "
                     f"read: {'; '.join(self.recovered)} - check those places")
        if self.items_lost:
            said += f"; {self.items_lost} <item> of the file could not be read and are missing"
        return said


# --------------------------------------------------------------------------- byte repairs

_DECLARED_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])([A-Za-z0-9._-]+)\2""")
#: A CDATA section, or markup outside one: ``&`` repairs apply only outside CDATA.
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.DOTALL)
#: An element whose whole text is one CDATA section (as ``wxr_cdata`` writes every text
#: field), up to the first ``]]></same-tag>``; its inner ``]]>`` made it end too early.
_CDATA_ELEMENT = re.compile(r"<([A-Za-z_][\w.:-]*)((?:\s[^<>]*)?)><!\[CDATA\[(.*?)\]\]></\1>",
                            re.DOTALL)
_AMPERSAND = re.compile(r"&(?:(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_PREFIX_USE = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
_RSS_START = re.compile(r"<rss\b")


def _repair(data: bytes, repairs: _Repairs) -> bytes:
    """``data`` with the targeted repairs applied, as UTF-8 (its declaration says so)."""
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(3).decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    if declared:  # the text is written back as UTF-8
        data = _DECLARED_ENCODING.sub(rb"\1\2UTF-8\2", data, count=1)
    text = _decoded(data, encoding, repairs)
    text = _forbidden_characters(text, repairs)
    text = _split_cdata_ends(text, repairs)
    text = _escaped_ampersands(text, repairs)
    text = _declared_prefixes(text, repairs)
    return text.encode("utf-8")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _byte_line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


#: What XML 1.0 §2.2 forbids beyond the C0 controls (removed before any parse): the
#: noncharacters U+FFFE and U+FFFF and lone surrogates, raw or as character references
#: (``&#55296;``, ``&#xFFFE;``). WordPress writes what a post holds; its importer reads it.
_FORBIDDEN = re.compile(
    r"[\ufffe\uffff\ud800-\udfff]|&#(?P<dec>\d{1,8});|&#[xX](?P<hex>[0-9a-fA-F]{1,8});"
)


def _is_forbidden(code: int) -> bool:
    return 0xD800 <= code <= 0xDFFF or code in {0xFFFE, 0xFFFF}


def _forbidden_characters(text: str, repairs: _Repairs) -> str:
    """``text`` with each character XML forbids (see :data:`_FORBIDDEN`) shown as U+FFFD."""
    def replace(match: re.Match[str]) -> str:
        number = match.group("dec") or match.group("hex")
        if number and not _is_forbidden(int(number, 10 if match.group("dec") else 16)):
            return match.group(0)
        repairs.add("character XML forbids shown as U+FFFD", partial(_line, text, match.start()))
        return "\ufffd"

    return _FORBIDDEN.sub(replace, text)


def _decoded(data: bytes, encoding: str, repairs: _Repairs) -> str:
    """The text; each byte sequence that is not valid in ``encoding`` becomes U+FFFD."""
    bad: list[int] = []

    def replace(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        bad.append(error.start)
        return "\ufffd", error.end

    codecs.register_error("peptidebook-wxr", replace)
    text = data.decode(encoding, errors="peptidebook-wxr")
    for offset in bad:
        repairs.add(f"invalid {encoding} byte sequence shown as U+FFFD",
                    partial(_byte_line, data, offset))
    return text


def _split_cdata_ends(text: str, repairs: _Repairs) -> str:
    """``]]>`` inside an element's CDATA text written as WordPress's exporter writes it
    (``]]]]><![CDATA[>``: the same characters, in two sections)."""

    def split(match: re.Match[str]) -> str:
        inner = match.group(3)
        if _well_nested(inner):
            return match.group(0)
        repairs.add("']]>' inside a CDATA section split", lambda: _line(text, match.start()))
        inner = inner.replace("]]>", "]]]]><![CDATA[>")
        return f"<{match.group(1)}{match.group(2)}><![CDATA[{inner}]]></{match.group(1)}>"

    return _CDATA_ELEMENT.sub(split, text)


def _well_nested(inner: str) -> bool:
    """Whether the text between an element's first ``<![CDATA[`` and last ``]]>`` is already
    well-formed: only sections that close and reopen (``a]]> b <![CDATA[c``, as a file with
    several adjacent sections has), none opened inside another, none closed twice."""
    inside = True
    for token in re.findall(r"<!\[CDATA\[|\]\]>", inner):
        if (token == "]]>") != inside:
            return False
        inside = not inside
    return inside


def _escaped_ampersands(text: str, repairs: _Repairs) -> str:
    """Outside CDATA: a bare ``&`` as ``&amp;``; an HTML named entity (not one of XML's five)
    as its numeric character reference, the same character; an unknown name keeps its ``&``
    visible (``&amp;name;``)."""
    pieces: list[str] = []
    start = 0
    for cdata in (*_CDATA.finditer(text), None):
        end = cdata.start() if cdata else len(text)
        pieces.append(_AMPERSAND.sub(partial(_ampersand, text=text, base=start,
                                             repairs=repairs), text[start:end]))
        if cdata:
            pieces.append(cdata.group(0))
            start = cdata.end()
    return "".join(pieces)


def _ampersand(match: re.Match[str], *, text: str, base: int, repairs: _Repairs) -> str:
    reference = match.group(1)
    if reference is None:
        repairs.add("bare '&' escaped", lambda: _line(text, base + match.start()))
        return "&amp;"
    if reference.startswith("#") or reference in _XML_ENTITIES:
        return match.group(0)
    character = html.entities.html5.get(reference + ";")
    if character is not None:
        repairs.add("HTML entity written as its character reference",
                    lambda: _line(text, base + match.start()))
        return "".join(f"&#{ord(c)};" for c in character)
    repairs.add("unknown entity kept as text", lambda: _line(text, base + match.start()))
    return "&amp;" + reference + ";"


def _declared_prefixes(text: str, repairs: _Repairs) -> str:
    """A standard WXR prefix used but declared nowhere bound on ``<rss>`` to its namespace, as
    the importer assumes (``WXR_Parser_SimpleXML`` defaults ``wp`` and ``excerpt``)."""
    used = {m.group(1) for m in _PREFIX_USE.finditer(text)}
    missing = sorted(p for p in used & _STANDARD_PREFIXES.keys() if f"xmlns:{p}=" not in text)
    rss = _RSS_START.search(text)
    if not missing or rss is None:
        return text
    for prefix in missing:
        repairs.add(f"undeclared prefix '{prefix}:' bound to its WXR namespace",
                    lambda: _line(text, rss.start()))
    declarations = "".join(f' xmlns:{p}="{_STANDARD_PREFIXES[p]}"' for p in missing)
    return text[: rss.end()] + declarations + text[rss.end():]


# --------------------------------------------------------------------------- recovery

_ITEM_START = re.compile(rb"<item[\s>]")
_PROLOG_DTD = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def _recover(path: Path, data: bytes, repairs: _Repairs) -> ET.Element:
    """lxml's recovering parse (no DTD, no entity, no network), as a standard-library tree."""
    rss = re.search(rb"<rss\b", data)
    if _PROLOG_DTD.search(data[: rss.start() if rss else len(data)]):
        raise InputError(f"{path}: refusing a WXR file with a DTD (entity declarations)")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise InputError(f"{path}: invalid XML, too broken to read even leniently")
    errors = Counter((error.message.strip(), error.line) for error in parser.error_log)
    repairs.recovered = [f"{message} (line {line})" for (message, line) in
                         list(errors)[:_LINES_NAMED]]
    if len(errors) > _LINES_NAMED:
        repairs.recovered.append(f"{len(errors) - _LINES_NAMED} more")
    expected = len(_ITEM_START.findall(data))
    parsed = sum(1 for _ in root.iter("item"))
    repairs.items_lost = max(expected - parsed, 0)
    if expected and not parsed:
        raise InputError(f"{path}: invalid XML, too broken to trust: none of its {expected} "
                         "<item> could be read")
    _entities_as_text(root)
    try:
        return ET.fromstring(etree.tostring(root, encoding="utf-8"))
    except ET.ParseError as error:
        # What libxml2 kept but XML forbids (a noncharacter such as U+FFFE, a reference to a
        # surrogate): the recovered tree is not XML either, and nothing is guessed from it.
        line, column = error.position
        raise InputError(f"{path}: invalid XML, too broken to read even leniently (line "
                         f"{line}, column {column + 1} of the recovered text)") from None


def _entities_as_text(root: etree._Element) -> None:
    """Entity references the recovering parser kept unresolved (``&foo;``, declared nowhere:
    no DTD is ever read) become their own text, ``&foo;`` as written, so that the tree
    serialises to XML the strict parser reads (it would refuse an undefined entity)."""
    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        text = (entity.text or "") + (entity.tail or "")
        previous = entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(entity)
