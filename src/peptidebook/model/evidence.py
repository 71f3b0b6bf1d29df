"""The evidence domain: what a works-cited entry, a study mention or a dose statement says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class WorkCited:
    """The parts of one reference-list entry, as far as they could be read from it.

    ``authors`` are as printed ("Veldhuis, Johannes D."); ``et_al`` says the list was cut
    short. Every other field is ``None`` when the entry does not give it.
    """

    authors: tuple[str, ...] = ()
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: int | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None

    @property
    def identifier(self) -> str | None:
        """A DOI, PMID or address a reader can look the work up by, if any."""
        return self.doi or self.pmid or self.url


StudyDesign = Literal[
    "meta-analysis", "systematic review", "review", "randomised controlled trial",
    "placebo-controlled trial", "pilot study", "dose-response trial", "clinical trial",
    "trial", "cohort study", "case-control study", "cross-sectional study", "case report",
    "animal study", "in-vitro study", "study", "research", "evidence",
]


#: What identifies the particular study a mention names (a mention with none is a general
#: appeal to research: "studies show", "the clinical data is robust").
StudyClue = Literal[
    "authors", "author-year", "year-journal", "year-institution", "trial-name", "doi", "pmid",
    "address", "numbered-citation", "reference-entry", "table-row", "footnote",
]
StudyKind = Literal["named", "general"]


@dataclass(frozen=True)
class Study:
    """What a :class:`StudyMention` (same ``id``) says about the research it reports.

    ``text`` is the sentence. ``year``, ``venue`` (a journal), ``institution``, ``design``,
    ``sample_size`` and ``ages`` (``"45–65"``) are what the sentence names, ``None`` when
    it does not; ``authors`` the family names it cites. ``cites`` are the :class:`Reference`
    ids its citations resolve to; ``identifiers`` the DOIs, PMIDs or addresses it carries.

    ``identified_by`` says what names the particular study (empty: a general appeal to
    research); ``works`` are the keys of the works it names (a reference id, a DOI, "2019
    journal of …"), so that mentions of the same work are one study with several passages.
    ``numbers`` are the article's numbered citations in the passage ("1", "2–4") when its
    list was not captured; ``notes`` the ids of the article's own footnotes the passage
    points at; ``via`` the id of the table-row mention that attributes this passage's finding
    to a work (the article's own table traces it).
    """

    id: str
    text: str
    design: StudyDesign
    year: int | None = None
    venue: str | None = None
    institution: str | None = None
    sample_size: int | None = None
    ages: str | None = None
    authors: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    identified_by: tuple[StudyClue, ...] = ()
    works: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    via: str | None = None

    @property
    def kind(self) -> StudyKind:
        """``named`` when something identifies the particular study, else ``general``."""
        return "named" if self.identified_by else "general"

    @property
    def traceable(self) -> bool:
        """Whether a reader can look the research up: it resolves to a works-cited entry,
        carries a DOI, PMID or address itself, or points at one of the article's own notes."""
        return bool(self.cites or self.identifiers or self.notes)


@dataclass(frozen=True)
class NamedStudy:
    """One particular study the text names, with every passage that names it: ``keys`` are
    what it is known by (a reference id, a DOI, "2019 journal of …"); ``passages`` the
    mentions, in text order."""

    keys: tuple[str, ...]
    passages: tuple[Study, ...]


def named_studies(studies: tuple[Study, ...]) -> tuple[NamedStudy, ...]:
    """The named studies of ``studies`` (one article's mentions), repeats merged: mentions
    that share a key are one study. A mention citing several entries ("the work of Veldhuis
    et al.", two entries) names each of them; the keys of a mention citing none (a DOI, a
    year and a journal) are names of one study."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for study in studies:
        if study.kind == "named" and study.works and not study.cites:
            first = find(study.works[0])
            for key in study.works[1:]:
                parent[find(key)] = first
    groups: dict[str, tuple[list[str], list[Study]]] = {}
    for study in studies:
        if study.kind != "named":
            continue
        for work in (study.cites or study.works[:1]):
            keys, passages = groups.setdefault(find(work), ([], []))
            keys.extend(k for k in (study.works if not study.cites else (work,))
                        if k not in keys)
            if study not in passages:
                passages.append(study)
    return tuple(NamedStudy(tuple(keys), tuple(passages)) for keys, passages in groups.values())


DoseRoute = Literal["subcutaneous", "intramuscular", "intravenous", "oral", "sublingual",
                    "intranasal", "topical", "transdermal"]


@dataclass(frozen=True)
class Dose:
    """One dosing statement of the text: a sentence (or table cell) giving an amount of a
    medicine with its unit, and the route and frequency where it says them.

    ``amounts`` are as printed ("200–500 mcg", "0.25 ml"); ``text`` is the statement.
    """

    text: str
    amounts: tuple[str, ...]
    route: DoseRoute | None = None
    frequency: str | None = None
