"""Step 1 - Reading: turn a plain-text scraped article into a raw Article.

The text is what a browser's "copy" gives: one paragraph per line, headings on lines of their
own, ``- `` list items and ``a | b |`` pipe tables. Blank lines are not reliable paragraph
breaks (the sample separates paragraphs by single newlines and puts blank lines before
headings), so each line is read on its own:

* a line ``---`` (or ``***``, ``___``) is a thematic break;
* a line ``- item`` (or ``* item``, ``• item``) is a list item; consecutive items form one
  :class:`~peptidebook.model.BulletList`; ``1. item`` lines form an ``OrderedList``;
* a line with ``|`` followed by a separator line ``---|---|`` starts a pipe table: the first
  line is the head row (header cells, ``scope="col"``), the following ``|`` lines the body;
* a heading is a line followed by more text (not in lower case) that is either short (at most
  :data:`HEADING_MAX_WORDS` words and :data:`HEADING_MAX_CHARS` characters) and does not end
  like a sentence (``. ! : ; ,``), or a short question (at most :data:`QUESTION_MAX_WORDS`
  words, ending in ``?``) followed by a paragraph;
* any other line is a paragraph; a line starting in lower case continues the paragraph before
  it when that one does not end like a sentence (hard-wrapped text).

Heading levels: a heading after two or more blank lines (or at the start of the text) opens a
major section, level 2; the others are level 3. When no heading follows two blank lines, every
heading is level 2. A reference-list heading ("References", "Sources", ...) is level 2, and so
is the heading right after it (nothing nests inside a reference list: the sample's
"Reflection" closes the article at the top level). The file has no title line: the title is
derived from the file name and reported unless ``book.toml`` gives one (``no-title``). Glossary
tooltips and reference lists are left to the cleaning passes.

Characters XML forbids are taken out first by
:class:`~peptidebook.readers.characters.ControlFilter` (``control-removed``): a form feed or a
vertical tab between words becomes a space (Python's ``str.splitlines`` would make it a line
break, splitting a paragraph), U+0085 (next line) a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..errors import InputError
from ..model import (
    Article,
    Block,
    Blocks,
    BulletList,
    Cell,
    Heading,
    HorizontalRule,
    ListItem,
    OrderedList,
    Paragraph,
    Row,
    Source,
    Table,
    Text,
)
from ..names import safe_name
from ..sections import names_references
from ._read import Read
from .characters import ControlFilter

__all__ = ["parse_text", "read_text", "utf8_text"]

#: A heading line has at most this many words ...
HEADING_MAX_WORDS = 12
#: ... and at most this many characters.
HEADING_MAX_CHARS = 100
#: A question line followed by prose is a heading when it has at most this many words.
QUESTION_MAX_WORDS = 20
#: Blank lines before a heading that make it a major (level 2) section.
MAJOR_BREAK = 2

#: A bullet list item: "- item", "* item", "• item".
_BULLET = re.compile(r"[-*•]\s+(?P<text>\S.*)")
#: An ordered list item: "1. item", "2) item" (two digits at most: "2005. In that year" is prose).
_NUMBERED = re.compile(r"(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)")
#: A thematic break on a line of its own: "---", "***", "___".
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})")
#: The line under a pipe table's head: "---|---|", "| :--- | ---: |". Read with ``fullmatch``;
#: ``\A`` keeps a search from starting again inside a run of spaces (linear time).
_TABLE_RULE = re.compile(r"\A\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
#: How a sentence (not a heading) ends.
_SENTENCE_END = (".", "!", ":", ";", ",", "…")


def utf8_text(path: Path) -> str:
    """The text of a UTF-8 file (a byte order mark dropped); unreadable, not UTF-8 or empty is
    an input error, in one line. The plain-text and Markdown readers' first step."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte {error.start} is 0x{data[error.start]:02x})"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def read_text(path: Path, report: Report) -> list[Read]:
    """Read one UTF-8 plain-text article from ``path`` (its title is made from the file name,
    and it names no author: :func:`peptidebook.readers.read_file` reports either unless
    ``book.toml`` gives it)."""
    text = utf8_text(path)
    controls = ControlFilter()
    blocks = parse_text(text, report=report, where=str(path), controls=controls)
    title = controls(title_from_name(path), "the file name", one_line=True)
    controls.report(report, str(path))
    article = Article(title=title, slug=slug_from_name(path), blocks=blocks,
                      source=Source(kind="text", location=str(path)))
    return [Read(
        article, str(path),
        no_title=f'plain text has no title; using "{title}" from the file name (set a title in '
                 "book.toml)",
        no_author="plain text names no author")]


def title_from_name(path: Path) -> str:
    """``combining-gh-peptides-and-trt.txt`` → ``Combining gh peptides and trt``."""
    words = re.sub(r"[-_\s]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.stem


def slug_from_name(path: Path) -> str:
    """``Combining GH peptides.txt`` → ``combining-gh-peptides`` (:func:`..names.safe_name`)."""
    return safe_name(path.stem) or "article"


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    text: str
    blanks_before: int  # blank lines right before this one (the start of text counts as many)


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blanks = MAJOR_BREAK  # the start of the text is a major break
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blanks += 1
            continue
        lines.append(_Line(line, blanks))
        blanks = 0
    return lines


def parse_text(
    text: str, *, report: Report, where: str, controls: ControlFilter | None = None
) -> Blocks:
    """The blocks of a plain-text article (see the module docstring for the rules).

    ``controls`` collects the characters removed for the caller to report with the rest of the
    source; without it, they are reported here, under ``where``."""
    own = controls is None
    controls = controls or ControlFilter()
    text = controls(text, "the text")
    if own:
        controls.report(report, where)
    lines = _lines(text)
    # Two blank lines somewhere after the start mean the text has major sections.
    major_sections = any(
        i > 0 and line.blanks_before >= MAJOR_BREAK and _is_heading(lines, i)
        for i, line in enumerate(lines)
    )
    blocks: list[Block | list[str]] = []  # a paragraph as its lines, joined at the end
    after_references = False  # the previous heading opened the reference list
    i = 0
    while i < len(lines):
        line = lines[i]
        if _RULE.fullmatch(line.text):
            blocks.append(HorizontalRule())
            i += 1
        elif _BULLET.fullmatch(line.text):
            items, i = _items(lines, i, _BULLET)
            blocks.append(BulletList(items))
        elif match := _NUMBERED.fullmatch(line.text):
            items, i = _items(lines, i, _NUMBERED)
            blocks.append(OrderedList(items, start=int(match["number"])))
        elif _starts_table(lines, i):
            table, i = _table(lines, i)
            blocks.append(table)
        elif _is_heading(lines, i):
            opens_references = names_references(line.text)
            major = (
                not major_sections
                or line.blanks_before >= MAJOR_BREAK
                or opens_references
                or after_references
            )
            blocks.append(Heading(2 if major else 3, (Text(line.text),)))
            after_references = opens_references
            i += 1
        else:
            previous = blocks[-1] if blocks else None
            if (
                line.blanks_before == 0
                and isinstance(previous, list)
                and line.text[0].islower()
                and not previous[-1].endswith((".", "!", "?", ":", '"', "”"))
            ):
                previous.append(line.text)
            else:
                blocks.append([line.text])
            i += 1
    return tuple(
        Paragraph((Text(" ".join(block)),)) if isinstance(block, list) else block
        for block in blocks
    )


def _is_heading(lines: list[_Line], i: int) -> bool:
    """Whether ``lines[i]`` is a section heading: short, not a sentence, followed by text."""
    if i + 1 >= len(lines):
        return False
    text, following = lines[i].text, lines[i + 1].text
    if text[0].islower() or _BULLET.fullmatch(text) or "|" in text:
        return False
    if following[0].islower() and lines[i + 1].blanks_before == 0:
        return False  # a hard-wrapped sentence goes on
    words = len(text.split())
    if text.endswith("?"):
        return (
            words <= QUESTION_MAX_WORDS
            and not _BULLET.fullmatch(following)
            and not following.endswith("?")
        )
    return (
        words <= HEADING_MAX_WORDS
        and len(text) <= HEADING_MAX_CHARS
        and not text.endswith(_SENTENCE_END)
    )


def _items(
    lines: list[_Line], i: int, pattern: re.Pattern[str]
) -> tuple[tuple[ListItem, ...], int]:
    items: list[ListItem] = []
    while i < len(lines) and (match := pattern.fullmatch(lines[i].text)) is not None:
        items.append(ListItem((Paragraph((Text(match["text"]),)),)))
        i += 1
    return tuple(items), i


# --------------------------------------------------------------------------- pipe tables


def _starts_table(lines: list[_Line], i: int) -> bool:
    return (
        "|" in lines[i].text
        and i + 1 < len(lines)
        and "|" in lines[i + 1].text
        and _TABLE_RULE.fullmatch(lines[i + 1].text) is not None
    )


def _cells(line: str) -> list[str]:
    """``a | b | c |`` → ``["a", "b", "c"]`` (outer pipes are optional)."""
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in inner.split("|")]


def _table(lines: list[_Line], i: int) -> tuple[Table, int]:
    header = _cells(lines[i].text)
    i += 2  # the head row and the rule under it
    body: list[Row] = []
    while i < len(lines) and "|" in lines[i].text and lines[i].blanks_before == 0:
        cells = _cells(lines[i].text)
        cells += [""] * (len(header) - len(cells))  # short rows are padded
        body.append(Row(tuple(Cell(_cell_blocks(c)) for c in cells)))
        i += 1
    head = Row(tuple(Cell(_cell_blocks(c), header=True, scope="col") for c in header))
    return Table(head=(head,), body=tuple(body)), i


def _cell_blocks(text: str) -> Blocks:
    return (Paragraph((Text(text),)),) if text else ()
