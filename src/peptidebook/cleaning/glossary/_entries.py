"""Step 2 - Cleaning (glossary): the entries one pass over an article gathers, deduplicated by
term (case ignored), each with an id that is an XML name and unique in the article."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import GlossaryEntry, Text
from ...names import safe_name

__all__ = ["Glossary"]


@dataclass
class Glossary:
    """The entries gathered so far (one pass over one article), deduplicated by term."""

    entries: list[GlossaryEntry]
    found: list[tuple[str, str]] = field(default_factory=list)
    #: The lengths of the runs too long to search (:data:`MAX_TOOLTIP_RUN_CHARS`).
    too_long: list[int] = field(default_factory=list)
    #: Entry ids by case-folded term (the first entry of a term), and every id taken.
    by_term: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_term.setdefault(entry.term.casefold(), entry.id)
            self.taken.add(entry.id)

    def add(self, term: str, definition: str) -> str:
        """Record a tooltip; the id of its (possibly earlier) entry."""
        self.found.append((term, definition))
        known = self.by_term.get(term.casefold())
        if known is not None:
            return known
        base = "gloss-" + (safe_name(term) or "term")
        entry_id, n = base, 1
        while entry_id in self.taken:
            n += 1
            entry_id = f"{base}-{n}"
        self.entries.append(GlossaryEntry(entry_id, term, (Text(definition),)))
        self.by_term[term.casefold()] = entry_id
        self.taken.add(entry_id)
        return entry_id

