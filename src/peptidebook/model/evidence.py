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


@dataclass(frozen=True)
class Study:
    """What a :class:`StudyMention` (same ``id``) says about the research it reports.

    ``text`` is the sentence. ``year``, ``venue`` (a journal), ``institution``, ``design``,
    ``sample_size`` and ``ages`` (``"45–65"``) are what the sentence names, ``None`` when
    it does not; ``authors`` the family names it cites. ``cites`` are the :class:`Reference`
    ids its citations resolve to; ``identifiers`` the DOIs, PMIDs or addresses it carries.
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

    @property
    def traceable(self) -> bool:
        """Whether a reader can look the research up: it resolves to a works-cited entry or
        carries a DOI, PMID or address itself."""
        return bool(self.cites or self.identifiers)


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
