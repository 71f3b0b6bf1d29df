"""Step 1 - Reading: before the mapper (:mod:`._mapper`) walks a parsed fragment, flatten what is
nested deeper than :data:`MAX_DEPTH` to its text, and report what the parser's bounds
(:mod:`._bounds`) held back."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from ...diagnostics import Report
from ._bounds import PARSE_DEPTH, REOPEN_ALLOWANCE
from ._elements import FLAT_BREAKS, FRAME, MAX_DEPTH, PRESENTATION, UNSAFE
from ._nodes import attr, plural, report_dropped

__all__ = ["flatten_deep", "report_parse_limits"]


def report_parse_limits(report: Report, where: str, skipped: Counter[str],
                        not_reopened: int) -> None:
    """Report what the parser's bounds held back (:mod:`._bounds`) beyond what
    :func:`flatten_deep` reports: elements skipped with their content, formatting elements
    not reopened."""
    for name, count in sorted(skipped.items()):
        report.warning(
            "dropped-unsafe",
            where,
            f"dropped {plural(count, f'<{name}>')} nested deeper than {PARSE_DEPTH} levels,"
            " and their content",
        )
    if not_reopened:
        report.warning(
            "nesting-flattened",
            where,
            f"{plural(not_reopened, 'formatting element')} left open across blocks "
            f"(<b>, <i>, <a> …) not reopened past {REOPEN_ALLOWANCE} more than the markup"
            " has tags: their text is kept without that formatting",
        )


def flatten_deep(soup: BeautifulSoup, report: Report, where: str,
                 held_back: Counter[str] | None = None) -> None:
    """Replace every element nested deeper than :data:`MAX_DEPTH` by its text (one walk,
    with a stack of its own: no recursion), and report what was flattened, counting in the
    start tags the parser ``held_back`` (nested deeper still: their text is already in
    place)."""
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        parent, depth = stack.pop()
        for child in parent.contents:
            if not isinstance(child, Tag):
                continue
            # The document frame a parser adds around a fragment is not nesting.
            level = depth if depth == 0 and child.name in FRAME else depth + 1
            if level > MAX_DEPTH:
                deep.append(child)
            else:
                stack.append((child, level))
    elements: Counter[str] = Counter(held_back)
    if not deep and not elements:
        return
    characters = 0
    for tag in deep:
        text, kept = _flat_text(tag, elements, report, where)
        characters += kept
        if text:
            tag.replace_with(NavigableString(text))
        else:
            tag.extract()
    names = ", ".join(f"<{name}> ×{n}" for name, n in elements.most_common(3))
    more = ", …" if len(elements) > 3 else ""
    report.warning(
        "nesting-flattened",
        where,
        f"flattened {plural(elements.total(), 'element')} nested deeper than {MAX_DEPTH} "
        f"levels"
        f" ({names}{more}) to their text: {plural(characters, 'character')} kept",
    )


def _flat_text(root: Tag, elements: Counter[str], report: Report, where: str) -> tuple[str, int]:
    """The text of ``root`` in document order, with a line break where a block or line
    ends and an image's alt text in its place, and how many characters of text (white
    space not counted) that is;
    active content is dropped and reported. Elements met are counted into ``elements``."""
    parts: list[str] = []
    kept = 0
    stack: list[PageElement | None] = [root]  # None: the end of a block
    while stack:
        node = stack.pop()
        if node is None:
            _line_break(parts)
        elif isinstance(node, PreformattedString):
            continue  # comments, CDATA: not text a reader sees
        elif isinstance(node, NavigableString):
            parts.append(str(node))
            kept += len(node) - sum(char.isspace() for char in node)
        elif isinstance(node, Tag):
            elements[node.name] += 1
            if node.name in UNSAFE | PRESENTATION:
                report_dropped(report, where, node)
                continue
            alt = attr(node, "alt") if node.name == "img" else None
            if alt and alt.strip():
                parts.append(f" {alt.strip()} ")
                kept += len(alt.strip())
            if node.name in FLAT_BREAKS:
                _line_break(parts)
                stack.append(None)
            stack.extend(reversed(node.contents))
    return "".join(parts), kept


def _line_break(parts: list[str]) -> None:
    """End the line of a flattened text (one line break, however many blocks end there)."""
    if not parts or parts[-1] != "\n":
        parts.append("\n")
