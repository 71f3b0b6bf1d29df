"""The record an article carries of this edition: what the book changed in it (:class:`Edit`)
and what the article shows of its publisher's commercial interest (:class:`PublisherInterest`).

Cleaning passes (and readers) add to it; assembly prints it at the end of the article's chapter
(:mod:`peptidebook.assembly.edits`). No I/O, like the rest of the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What kind of change the book made. Each kind is one localised sentence in the book
#: (:data:`peptidebook.assembly.edits.SENTENCES`); the list is closed so that assembly's table
#: is checked for completeness (``tests/assembly/test_edits.py``).
EditKind = Literal[
    # readers
    "active-removed", "embed-linked", "link-unwrapped", "shortcode-kept", "block-missing",
    "excerpt-only", "page-extracted", "control-removed", "nesting-flattened", "raw-kept",
    "image-alt-only",
    # cleaning passes
    "title-heading", "question-heading", "faq-widget", "faq-headings", "heading-renumbered",
    "tooltip-moved", "table-unwrapped", "text-repaired", "pull-quote", "related-article",
    "numbered-citation",
    # derived at assembly from the article itself
    "references-moved", "references-restyled", "image-unfetched",
]


@dataclass(frozen=True)
class Edit:
    """One kind of change made ``count`` times. ``examples``: a few short texts of the article
    it touched (a heading, a term), as they stand in the source, for the reader to find them."""

    kind: EditKind
    count: int = 1
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class SalesLink:
    """A link of the article to a sales page of its own publisher (same host)."""

    text: str
    href: str


@dataclass(frozen=True)
class PublisherInterest:
    """What the article shows of its publisher selling what it discusses.

    ``publisher``: the site or name that published it (``trimrx.com``; ``None``: the source
    names neither). ``claims``: sentences of
    the article, quoted exactly, in which the publisher speaks of its own patients, clients,
    programme, products or services. ``sales_links``: its links to its publisher's own sales
    pages (shop, pricing, checkout, consultation, sign-up)."""

    publisher: str | None
    claims: tuple[str, ...] = ()
    sales_links: tuple[SalesLink, ...] = ()
