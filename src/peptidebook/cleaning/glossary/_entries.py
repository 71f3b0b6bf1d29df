"""Step 2 - Cleaning (glossary): what one pass over an article gathers — its entries, one per
headword (:mod:`._headword`), each with an id that is an XML name and unique in the article;
the teasers for other articles; every change made, with the text before and after it; and
the candidates left as written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ...model import GlossaryEntry, Inlines, RelatedArticle, Text
from ...names import safe_name
from ._headword import headword, headword_key

__all__ = ["Change", "Glossary"]


@dataclass(frozen=True)
class Change:
    """One tooltip taken out of the text: a definition (to the glossary) or a teaser (to
    the related articles), with the passage before and after."""

    kind: Literal["definition", "teaser"]
    term: str
    text: str
    before: str
    after: str


@dataclass
class Glossary:
    """The entries gathered so far (one pass over one article), one per headword key.

    ``evidence`` says the article proves that its site pastes tooltips into its text (it
    holds the marked form): only then is the unmarked form taken out. ``lower_words`` are
    the words the article writes in lower case (case-folded), for :func:`.headword`.
    """

    entries: list[GlossaryEntry]
    evidence: bool = False
    lower_words: frozenset[str] = frozenset()
    changes: list[Change] = field(default_factory=list)
    related: list[RelatedArticle] = field(default_factory=list)
    #: Passages that may hold an unmarked tooltip, left as written (no evidence).
    candidates: list[str] = field(default_factory=list)
    #: Plugin tooltips moved (the text itself unchanged): headwords.
    plugin_terms: list[str] = field(default_factory=list)
    #: The text and address of the link right before the run being read, if any.
    after_link: tuple[str, str] | None = None
    #: The lengths of the runs too long to search (:data:`MAX_TOOLTIP_RUN_CHARS`).
    too_long: list[int] = field(default_factory=list)
    #: Entry ids by headword key (the first entry of a key), and every id taken.
    by_key: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_key.setdefault(headword_key(entry.term), entry.id)
            self.taken.add(entry.id)

    def add(self, term: str, definition: Inlines | str) -> str:
        """Record a definition of ``term``; the id of its (possibly earlier) entry."""
        key = headword_key(term)
        known = self.by_key.get(key)
        if known is not None:
            return known
        base = "gloss-" + (safe_name(key) or "term")
        entry_id, n = base, 1
        while entry_id in self.taken:
            n += 1
            entry_id = f"{base}-{n}"
        body = (Text(definition),) if isinstance(definition, str) else definition
        self.entries.append(GlossaryEntry(entry_id, headword(term, self.lower_words), body))
        self.by_key[key] = entry_id
        self.taken.add(entry_id)
        return entry_id

    def add_related(self, title: str, summary: str, url: str | None = None) -> None:
        """Record a teaser for another article (once per title)."""
        title = headword(title, self.lower_words)
        if all(headword_key(known.title) != headword_key(title) for known in self.related):
            self.related.append(RelatedArticle(title, summary or None, url))
