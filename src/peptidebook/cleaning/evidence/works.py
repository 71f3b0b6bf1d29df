"""Step 2 - Cleaning (evidence): read reference-list entries into their parts, and find the
author–year citations of the text that point at them.

Entries come in the two shapes health sites copy from citation generators:

* MLA: ``Veldhuis, Johannes D. et al. “Title.” Journal, vol. 90, no. 3, 2005, pp. 1613-1617.``
* APA: ``Veldhuis, J. D., et al. (2005). Title. Journal, 90(3), 1613–1617. https://doi.org/…``

Each part is found by one rule of :data:`ENTRY_FIELDS`; what no rule finds stays ``None``
(nothing is guessed). Citations (:data:`CITATION_PATTERNS`) name the first author's family
name, with or without a year; one resolves to every entry whose first author has that name
(and that year, when it gives one).

Every pattern takes time linear in the length of the text, whatever the text
(``tests/test_linear_time.py`` counts the steps): an entry is read with its white space
collapsed, so the entry patterns expect one space where a citation generator puts one; a
family name starts at the start of a word (:data:`FAMILY`), so a search does not start again
inside a long capitalised word; a DOI is looked for up to :data:`~peptidebook.limits.MAX_DOI_CHARS`
characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...limits import MAX_DOI_CHARS
from ...model import Reference, WorkCited

__all__ = ["CITATION_PATTERNS", "ENTRY_FIELDS", "FAMILY", "CitationMatch", "EntryIndex",
           "find_citations", "parse_entry", "resolve"]

#: A family name: a capital and the rest of its word (letters, digits, apostrophes, hyphens),
#: from the start of the word ("Veldhuis", "O'Brien", "Smith-Jones"; not "Hassan" inside
#: "al-Hassan"). Starting only at a word's start, and never giving a letter back
#: (possessive: what follows a name is never part of one), a search reads each word once.
FAMILY = r"(?<![\w'’-])[A-Z][\w'’-]++"

# --------------------------------------------------------------------------- entries

#: Identifiers and numbered parts of an entry: (field, pattern; group 1 is the value, comment).
ENTRY_FIELDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("doi", re.compile(r"\b(?:doi:\s?|https?://(?:dx\.)?doi\.org/)?"
                       rf"(10\.\d{{4,9}}/[^\s\"<>]{{1,{MAX_DOI_CHARS}}}?)"
                       r"(?=[.,;]?(?:\s|$))", re.IGNORECASE),
     "a DOI, bare, as doi:… or as a doi.org address"),
    ("pmid", re.compile(r"\bPMID:?\s*(\d{4,9})\b"), "a PubMed id: PMID: 15613421"),
    ("url", re.compile(r"(https?://(?!(?:dx\.)?doi\.org/)[^\s\"<>]+[^\s\"<>.,;)])"),
     "any other address (a doi.org address is the DOI)"),
    ("volume", re.compile(r"\bvols?\.\s*(\d+)|,\s*(\d+)\s*\(\d+\)", re.IGNORECASE),
     "MLA vol. 90, or APA 90(3)"),
    ("issue", re.compile(r"\bno\.\s*(\d+)|\b(Suppl\.?\s*\d+)|,\s*\d+\s*\((\d+)\)", re.IGNORECASE),
     "MLA no. 3 or Suppl 2, or APA 90(3)"),
    ("pages", re.compile(r"\bpp?\.\s*([A-Z]?\d+\s*[-–]\s*[A-Z]?\d+|[A-Z]?\d+)"
                         r"|,\s*([A-Z]\d+\s*[-–]\s*[A-Z]\d+)\s*\.?\s*$"
                         r"|\)\s*,\s*(\d+\s*[-–]\s*\d+)"
                         r"|,\s*(e\d{4,})\b"),
     "pp. 1613-1617; S156-S166 at the end; APA ), 1613–1617; an e-locator e2407768121"),
    ("year", re.compile(r"\((\d{4})[a-z]?\)|(?:^|[,.]\s*)((?:19|20)\d{2})(?=[,.;]|\s*$)"),
     "APA (2005), or MLA , 2005, between commas"),
)

#: MLA: the authors, then the title in quotation marks, then the container and its parts.
#: The authors end at the first opening quote (atomic: if no title closes after it, none
#: closes after a later one either).
_MLA = re.compile(r"^(?>(?P<authors>.+?)\s?[“\"])(?P<title>.+?)[”\"]\s*(?P<rest>.*)$")
#: APA: the authors, the year in brackets, the title up to a full stop, then the container.
#: The authors end at the first "(2005)." (atomic, as in MLA: a title that does not end
#: after it does not end after a later one).
_APA = re.compile(r"^(?>(?P<authors>.+?)\s?\((?P<year>\d{4})[a-z]?\)\.)\s*"
                  r"(?P<title>.+?[.?!])\s+(?P<rest>.*)$")
#: "et al." closing an author list.
_ET_AL = re.compile(r",?\s?et\s+al\.?\s*$", re.IGNORECASE)
#: Separators in an author list: ", and", " and ", " & ", ",".
_AUTHOR_SEPARATOR = re.compile(r"\s?,\s*(?:(?:and|&)\s+)?|\s(?:and|&)\s+")
#: One initial: "J." or "J".
_INITIAL = re.compile(r"[A-Z]\.?")


def parse_entry(text: str) -> WorkCited | None:
    """The parts of one reference entry, or ``None`` when it has neither the MLA nor the APA
    shape (then only its identifiers, if any, are known)."""
    text = " ".join(text.split())
    found = {name: _field(pattern, text) for name, pattern, _ in ENTRY_FIELDS}
    mla, apa = _MLA.match(text), _APA.match(text)
    shape = apa or mla
    if shape is None:
        if not (found["doi"] or found["pmid"] or found["url"]):
            return None
        return WorkCited(doi=found["doi"], pmid=found["pmid"], url=found["url"])
    rest = shape["rest"]
    authors, et_al = _authors(shape["authors"])
    title = shape["title"].strip().rstrip(".").rstrip() or None
    if title and title.endswith("?."):
        title = title[:-1]
    journal = re.split(r",|\.\s|\.$", rest, maxsplit=1)[0].strip() or None
    year = int(shape["year"]) if apa else _int(_field(ENTRY_FIELDS[-1][1], rest))
    return WorkCited(
        authors=authors, et_al=et_al, title=title, journal=journal,
        volume=_field(ENTRY_FIELDS[3][1], rest), issue=_field(ENTRY_FIELDS[4][1], rest),
        year=year, pages=_field(ENTRY_FIELDS[5][1], rest),
        doi=found["doi"], pmid=found["pmid"], url=found["url"],
    )


def _field(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if match is None:
        return None
    value = next((g for g in match.groups() if g), None)
    return " ".join(value.split()) if value else None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _authors(text: str) -> tuple[tuple[str, ...], bool]:
    """``"Veldhuis, Johannes D. et al."`` → ``(("Veldhuis, Johannes D.",), True)``.

    The list is cut at commas and "and"/"&". The first author is "Family, Given"; a later piece
    made only of initials ("J. D.") is the given names of the family name before it (APA);
    any other piece is an author of its own ("M. R. Blackman", MLA). A first author whose
    given names run on into a full name ("Corpas, E. S. M. Harman") lost a comma: the first
    initial is theirs, the rest is the next author.
    """
    text = text.strip()
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip()
    if text.endswith(".") and not _INITIAL.fullmatch(text.rsplit(None, 1)[-1]):
        text = text[:-1]  # the full stop closing the list, not an initial's
    pieces = [p.strip() for p in _AUTHOR_SEPARATOR.split(text) if p.strip()]
    authors: list[list[str]] = []  # [family or full name, given]
    for n, piece in enumerate(pieces):
        words = piece.split()
        only_initials = all(_INITIAL.fullmatch(w) for w in words)
        if authors and len(authors[-1]) == 1 and (n == 1 or only_initials):
            if (n == 1 and not only_initials and len(words) > 1
                    and _INITIAL.fullmatch(words[0])
                    and not _INITIAL.fullmatch(words[-1])):
                authors[-1].append(words[0])
                authors.append([" ".join(words[1:]), ""])
            else:
                authors[-1].append(piece)
            continue
        # A lone family name waits for its initials; a full name ("Jane Doe") is complete.
        authors.append([piece] if n == 0 or len(words) == 1 else [piece, ""])
    names = tuple(f"{a[0]}, {a[1]}" if len(a) > 1 and a[1] else a[0] for a in authors)
    return names, et_al


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class CitationMatch:
    """An author–year citation found in plain text."""

    start: int
    end: int
    family: str
    year: int | None


#: Citations in running text and table cells, tried in this order (the first match at a
#: place wins): (name, pattern with groups ``family`` and optional ``year``, comment).
CITATION_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("reference-style",
     re.compile(rf"(?P<family>{FAMILY}),\s+(?:[A-Z]\.\s*)+(?:,?\s*et\s+al\.?\s*)?"
                r"\(\s*(?P<year>(?:19|20)\d{2})[a-z]?\s*\)"),
     "Veldhuis, J. D. et al. (2005): a table's 'Primary Reference' column"),
    ("bracketed",
     re.compile(rf"\(\s*(?P<family>{FAMILY})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{FAMILY})?"
                r",?\s+(?P<year>(?:19|20)\d{2})[a-z]?\s*\)"),
     "(Veldhuis et al., 2005), (Sattler and Bhasin 2009), (Walker, 2006)"),
    ("narrative",
     re.compile(rf"(?P<family>{FAMILY})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{FAMILY})?"
                r"\s+\(\s*(?P<year>(?:19|20)\d{2})[a-z]?\s*\)"),
     "Veldhuis et al. (2005) showed …, Walker (2006) argued …"),
    ("et-al",
     re.compile(rf"(?P<family>{FAMILY})\s+et\s+al\.?"),
     "the work of Veldhuis et al. (no year: every entry of that first author)"),
)


def find_citations(text: str) -> list[CitationMatch]:
    """Every citation of ``text``, in order, not overlapping."""
    found: list[CitationMatch] = []
    taken: list[tuple[int, int]] = []  # spans found so far, in order (they never overlap)
    for _name, pattern, _comment in CITATION_PATTERNS:
        new: list[tuple[int, int]] = []
        j = 0  # the first taken span that ends after the match starts (matches come in order)
        for match in pattern.finditer(text):
            start, end = match.span()
            while j < len(taken) and taken[j][1] <= start:
                j += 1
            if j < len(taken) and taken[j][0] < end:
                continue
            year = match.groupdict().get("year")
            found.append(CitationMatch(start, end, match["family"],
                                       int(year) if year else None))
            new.append((start, end))
        taken = sorted(taken + new)
    return sorted(found, key=lambda c: c.start)


def _fold(name: str) -> str:
    base = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in base if not unicodedata.combining(c))


def first_family(work: WorkCited) -> str | None:
    """The first author's family name (before the comma, or the last word)."""
    if not work.authors:
        return None
    first = work.authors[0]
    return first.split(",")[0].strip() if "," in first else first.split()[-1]


def resolve(citation: CitationMatch, entries: tuple[Reference, ...]) -> tuple[str, ...]:
    """The ids of the entries ``citation`` points at (first author, and year if given)."""
    return EntryIndex(entries).resolve(citation)


class EntryIndex:
    """An article's entries by their first author's folded family name, so that resolving
    each of many citations does not read every entry again."""

    def __init__(self, entries: tuple[Reference, ...]) -> None:
        self.by_family: dict[str, list[tuple[str, int | None]]] = {}
        for entry in entries:
            work = entry.work
            family = first_family(work) if work else None
            if entry.id is None or work is None or family is None:
                continue
            self.by_family.setdefault(_fold(family), []).append((entry.id, work.year))

    def resolve(self, citation: CitationMatch) -> tuple[str, ...]:
        """The ids of the entries ``citation`` points at (first author, and year if given)."""
        return tuple(entry_id for entry_id, year in self.by_family.get(_fold(citation.family), ())
                     if citation.year is None or year == citation.year)
