"""Step 1 - Reading: glossary plugins' tooltips — a term in the text with the definition the
page shows when the reader hovers it — read as a :class:`~peptidebook.model.GlossaryRef`
carrying that definition, which the glossary pass moves into the article's glossary
(:mod:`peptidebook.cleaning.glossary`). The term's text stays in the sentence; no word is lost.

The markup of the WordPress glossary plugins found in their public code:

* **CM Tooltip Glossary** (CreativeMinds, ``cm-tooltip-glossary``): the term is an ``<a>`` or
  ``<span>`` of class ``glossaryLink`` whose ``data-cmtooltip`` attribute holds the tooltip as
  HTML — ``<div class=glossaryItemTitle>Premium</div><div class=glossaryItemBody>A return
  difference between two assets or portfolios.</div>`` — or only the body;
* **Glossary by Codeat** (``glossary-by-codeat``): ``<span class="glossary-tooltip">`` holds
  the term in ``<span class="glossary-link">`` (often an ``<a>``) and the tooltip in
  ``<span class="glossary-tooltip-content">`` → ``<span class="glossary-tooltip-text">``
  (the term's excerpt, sometimes followed by a "More" link to the term's page, which is not
  part of the definition).

A link to the site's own page for the term is replaced by the book's link to its glossary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bs4.element import PageElement, Tag

from ...model import GlossaryRef, Inline
from ...names import safe_name
from ...walk import plain_text
from ._nodes import attr, classes
from ._tree import parse_fragment

__all__ = ["glossary_tooltip"]

InlinesOf = Callable[[Iterable[PageElement]], list[Inline]]


def glossary_tooltip(tag: Tag, inlines: InlinesOf) -> list[Inline] | None:
    """The term ``tag`` marks with its tooltip, or ``None`` when it is no plugin's term."""
    names = classes(tag)
    if "glossaryLink" in names and attr(tag, "data-cmtooltip"):
        return _ref(inlines(tag.children), _cm_tooltip(attr(tag, "data-cmtooltip") or ""))
    if "glossary-tooltip" in names:
        link = tag.find(class_="glossary-link")
        text = tag.find(class_="glossary-tooltip-text")
        if isinstance(link, Tag) and isinstance(text, Tag):
            term: Iterable[PageElement] = link.children
            anchor = link.find("a")
            if isinstance(anchor, Tag) and anchor.get_text().strip() == link.get_text().strip():
                term = anchor.children  # the term's own page: the book links to its glossary
            own_page = attr(anchor, "href") if isinstance(anchor, Tag) else None
            return _ref(inlines(term), _codeat_text(text, own_page))
    return None


def _ref(term: list[Inline], definition: str) -> list[Inline] | None:
    words = plain_text(tuple(term)).strip()
    if not term or not definition or not words:
        return None
    return [GlossaryRef(tuple(term), "gloss-" + (safe_name(words) or "term"), definition)]


def _cm_tooltip(markup: str) -> str:
    """The definition in a ``data-cmtooltip`` value: its ``glossaryItemBody``, else all of
    its text but the ``glossaryItemTitle``."""
    tree = parse_fragment(markup)
    body = tree.find(class_="glossaryItemBody")
    if isinstance(body, Tag):
        return _words(body.get_text(" "))
    for title in tree.find_all(class_="glossaryItemTitle"):
        title.decompose()
    return _words(tree.get_text(" "))


def _codeat_text(text: Tag, own_page: str | None) -> str:
    """The excerpt of a Codeat tooltip, without the "More" link to the term's own page that
    may end it."""
    full = _words(text.get_text(" "))
    links = text.find_all("a")
    if own_page and links and attr(links[-1], "href") == own_page:
        more = _words(links[-1].get_text(" "))
        if full.endswith(more):
            return full[: len(full) - len(more)].rstrip()
    return full


def _words(text: str) -> str:
    return " ".join(text.split())
