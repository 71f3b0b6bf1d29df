"""Step 1 - Reading: small readings of BeautifulSoup nodes that the HTML reader's walk
(:mod:`._depth`, :mod:`._inlines`, :mod:`._mapper`) shares: attributes, languages, URLs, inline
runs, and the words of its reports."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from ...diagnostics import Report
from ...model import Inline, LineBreak, Span, Text
from ._elements import BLOCKS, PRESENTATION

__all__ = [
    "attr", "classes", "clean_url", "contains_block", "has_content", "int_attr", "is_blank",
    "is_blank_node", "is_javascript", "plural", "report_dropped", "shorten", "with_lang",
]

#: BCP 47 shape (RFC 5646 §2.1), loose: subtags of 1-8 letters or digits.
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
#: Characters the WHATWG URL parser strips from both ends (C0 controls and space).
_URL_EDGE = "".join(chr(c) for c in range(0x21))


def attr(tag: Tag, name: str) -> str | None:
    """An attribute as one string (bs4 gives multi-valued attributes as lists)."""
    value = tag.get(name)
    if value is None or isinstance(value, str):
        return value
    return " ".join(value)


def classes(tag: Tag) -> list[str]:
    """The element's classes (the WordPress block editor names its blocks by class:
    ``wp-block-quote``)."""
    return (attr(tag, "class") or "").split()


def int_attr(tag: Tag, name: str, low: int, high: int) -> int | None:
    value = (attr(tag, name) or "").strip()
    if not value.isdigit():
        return None
    return min(max(int(value), low), high)


def _lang(tag: Tag) -> str | None:
    value = (attr(tag, "lang") or "").strip()
    return value if _LANG.fullmatch(value) else None


def with_lang(tag: Tag, inlines: list[Inline]) -> list[Inline]:
    lang = _lang(tag)
    return [Span(tuple(inlines), lang)] if lang and inlines else inlines


def is_blank(node: Inline) -> bool:
    return isinstance(node, LineBreak) or (isinstance(node, Text) and not node.text.strip())


def is_blank_node(node: PageElement) -> bool:
    """Whitespace or a comment: nothing a reader sees."""
    return isinstance(node, NavigableString) and (
        isinstance(node, PreformattedString) or not node.strip())


def has_content(inlines: Iterable[Inline]) -> bool:
    return any(not is_blank(node) for node in inlines)


def contains_block(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCKS for d in tag.descendants)


def clean_url(raw: str) -> str:
    """Strip what the WHATWG URL parser strips: edge controls/spaces, inner tabs and newlines."""
    return re.sub(r"[\t\n\r]", "", raw).strip(_URL_EDGE)


def is_javascript(raw: str) -> bool:
    return clean_url(raw).lower().startswith("javascript:")


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def report_dropped(report: Report, where: str, tag: Tag) -> None:
    """Report an element dropped with its content: active content as a warning, presentation
    (``<style>``) as info."""
    if tag.name in PRESENTATION:
        report.info("dropped-unsafe", where, f"dropped <{tag.name}> (presentation)")
    else:
        report.warning(
            "dropped-unsafe", where, f"dropped <{tag.name}> and its content"
        )
