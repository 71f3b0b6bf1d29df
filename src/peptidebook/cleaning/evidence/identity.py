"""Step 2 - Cleaning (evidence): say what identifies the study a mention reports — or that
nothing does — and trace a general mention to the article's own evidence table.

**Named or general.** A mention is *named* when it identifies a particular study: a citation
that resolves to the article's reference list (``reference-entry``), an author–year or
author citation (``author-year``, ``authors``), a DOI, PubMed id or a scholarly address, a
numbered citation, one of the article's own footnotes, a year with a journal or an
institution ("A 2019 study published in the Journal of …"), a trial's own name ("the STEP 1
trial", "the Framingham Heart Study"), or an evidence-table row whose reference cell cites an
entry. Anything else is a *general* appeal to research ("Studies show …", "The clinical data
is robust"): a journal or an institution alone names a venue, not a study.

**The same study.** Each named mention carries the keys of the works it names
(:func:`classify`): the reference entry's id, the DOI or PMID, the folded family name and
year, the year and the folded journal or institution, the folded trial name. Mentions that
share a key are the same study with several passages (assembly counts and lists them once).

**Traced through the article's table** (:func:`trace_through_tables`): a general mention
whose words restate the finding of one evidence-table row — the tf-idf cosine of their content
words (:class:`Weights`, over the article's own sentences) reaches :data:`TRACE_SIMILARITY`
and no other row comes close (:data:`TRACE_MARGIN`) — is traced to the works that row cites,
as the article itself attributes that finding to them. A row reads as its finding and the
titles of the works it cites. Content words are compared by their first five letters (a
crude stem that serves every language with inflected endings), leaving out the words every
research sentence uses (:data:`RESEARCH_WORDS`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from ...model import Study, StudyClue

__all__ = ["SCHOLARLY_HOSTS", "TRIAL_NAME", "Weights", "classify", "content_stems",
           "trace_through_tables"]

#: Hosts whose pages are single scholarly works (an address there identifies a study).
SCHOLARLY_HOSTS = (
    "doi.org", "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "europepmc.org",
    "clinicaltrials.gov", "sciencedirect.com", "link.springer.com", "onlinelibrary.wiley.com",
    "nature.com", "thelancet.com", "nejm.org", "jamanetwork.com", "bmj.com",
    "academic.oup.com", "cochranelibrary.com", "journals.plos.org", "frontiersin.org",
    "mdpi.com", "tandfonline.com", "journals.sagepub.com", "karger.com", "jstage.jst.go.jp",
    "cambridge.org", "pnas.org", "science.org", "cell.com", "arxiv.org", "biorxiv.org",
    "medrxiv.org", "ahajournals.org", "diabetesjournals.org", "jci.org", "elifesciences.org",
    "scielo.org", "scielo.br", "cinii.ac.jp", "cnki.net",
)

#: A trial's or cohort's own name: an acronym before "trial"/"study" ("the STEP 1 trial",
#: "the SELECT trial", "die PREDIMED-Studie", "die PREDIMED-RCT"; a hyphened part is the
#: acronym's only when it ends there: "PREDIMED-Studie" is not "PREDIMED-S") or capitalised
#: words ending in "Study"/"Trial" ("the Framingham Heart Study", "the Nurses' Health Study").
TRIAL_NAME = re.compile(
    r"(?<![\w'’-])(?P<acronym>[A-Z][A-Z0-9]{2,}+(?:-(?!RCT\b)[A-Z0-9]++(?!\w))*+"
    r"(?:\s\d{1,2})?)[\s-]"
    r"(?:[Tt]rials?|[Ss]tud(?:y|ie|ies)|[Ee]studio|[ÉéEe]tude|[Ss]tudio|[Oo]nderzoek|RCT)\b"
    r"|(?<![\w'’-])(?P<name>(?:[A-Z][\w'’-]++\s){1,4})(?:Study|Trial)\b")

#: Words that only say "research": not evidence that two passages state the same finding.
RESEARCH_WORDS = frozenset([
    "studies", "study", "trial", "trials", "research", "researchers", "found", "finding",
    "findings", "shown", "showed", "shows", "demonstrated", "demonstrate", "evidence", "clinical",
    "data", "results", "result", "reported", "report", "suggest", "suggests", "suggested",
    "patients", "participants", "subjects"])
#: English function words, left out of content words (in other languages they stay, and the
#: idf of :class:`Weights` makes a word that most sentences use count for little).
_FUNCTION_WORDS = frozenset([
    "the", "and", "that", "this", "these", "those", "with", "within", "from", "into", "have",
    "has", "had", "been", "were", "was", "are", "which", "while", "when", "where", "than", "then",
    "their", "there", "they", "them", "such", "also", "more", "most", "less", "can", "could",
    "may", "might", "will", "would", "both", "either", "other", "each", "same", "over", "under",
    "about", "after", "before", "between", "during", "through", "without", "including", "however",
    "therefore", "thus", "moreover", "furthermore", "indeed"])
_WORD = re.compile(r"[^\W_][\w-]*[^\W_]|[^\W_]", re.UNICODE)


def content_stems(text: str) -> frozenset[str]:
    """The content words of ``text`` by their first five letters ("progenitor" → "proge")."""
    return frozenset(
        w[:5] for w in (m.group(0).casefold() for m in _WORD.finditer(text))
        if len(w) > 2 and w not in _FUNCTION_WORDS and w not in RESEARCH_WORDS)


def _fold(text: str) -> str:
    base = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in base if not unicodedata.combining(c)).split())


def scholarly(address: str) -> bool:
    """Whether ``address`` is on a host of :data:`SCHOLARLY_HOSTS` (or one of its subdomains)."""
    host = (urlsplit(address).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in SCHOLARLY_HOSTS)


def trial_name(sentence: str) -> str | None:
    """The trial's or cohort's own name in ``sentence``, if it gives one."""
    match = TRIAL_NAME.search(sentence)
    if match is None:
        return None
    return (match["acronym"] or match["name"]).strip()


def classify(study: Study, *, citations: tuple[tuple[str, int | None], ...] = (),
             numbered: bool = False) -> Study:
    """``study`` with what identifies it (``identified_by``) and the keys of the works it
    names (``works``). ``citations`` are the (family, year) author citations in the passage;
    ``numbered`` says it holds a numbered citation."""
    clues: list[StudyClue] = []
    keys: list[str] = []
    if study.cites:
        clues.append("numbered-citation" if numbered and not citations else "reference-entry")
        keys += study.cites
    elif numbered:
        clues.append("numbered-citation")
        keys += (f"#{n}" for n in study.numbers)
    for family, year in citations:
        clue: StudyClue = "author-year" if year else "authors"
        if clue not in clues:
            clues.append(clue)
        if not study.cites:
            keys.append(f"{_fold(family)} {year}" if year else _fold(family))
    for clue, key in _identifier_clues(study.identifiers):
        clues.append(clue)
        keys.append(key)
    if study.notes:
        clues.append("footnote")
        keys += study.notes
    name = trial_name(study.text)
    if name:
        clues.append("trial-name")
        keys.append(_fold(name))
    if study.year and study.venue:
        clues.append("year-journal")
        keys.append(f"{study.year} {_fold(study.venue)}")
    elif study.year and study.institution:
        clues.append("year-institution")
        keys.append(f"{study.year} {_fold(study.institution)}")
    # The strongest key names the study when there are several (a DOI beside a year and a
    # journal): keep them all, so that a later passage naming it either way is merged.
    return replace(study, identified_by=tuple(dict.fromkeys(clues)),
                   works=tuple(dict.fromkeys(keys)))


def _identifier_clues(identifiers: tuple[str, ...]) -> list[tuple[StudyClue, str]]:
    """What each DOI, PMID or scholarly address identifies a study by, and its key."""
    out: list[tuple[StudyClue, str]] = []
    for identifier in identifiers:
        if identifier.startswith("10."):
            out.append(("doi", identifier.casefold()))
        elif identifier.upper().startswith("PMID"):
            out.append(("pmid", "pmid " + "".join(c for c in identifier if c.isdigit())))
        elif scholarly(identifier):
            out.append(("address", identifier.rstrip("/")))
    return out


#: The least similarity (tf-idf cosine) of a mention to a table row's finding, and how many
#: times closer it must be to that row than to any other.
TRACE_SIMILARITY = 0.25
TRACE_MARGIN = 1.5
#: Tables with more rows than this are not compared with the prose (each general mention is
#: compared with every row: the time grows with both, and an evidence table is short).
MAX_TRACED_ROWS = 200


class Weights:
    """Inverse document frequencies of content words over the article's sentences: a word
    most sentences use ("testosterone" in an article about it) says little about which
    finding a sentence states; a rare one ("blunts") says much."""

    def __init__(self, sentences: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for sentence in sentences:
            counts.update(content_stems(sentence))
            total += 1
        self.idf = {w: math.log((1 + total) / (1 + n)) for w, n in counts.items()}
        self.unseen = math.log(1 + total)

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The cosine of two sets of content words, each word weighted by its idf."""
        def norm(words: frozenset[str]) -> float:
            return math.sqrt(sum(self.weight(w) ** 2 for w in words))

        denominator = norm(a) * norm(b)
        shared = sum(self.weight(w) ** 2 for w in a & b)
        return shared / denominator if denominator else 0.0

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unseen)


def trace_through_tables(studies: list[Study], rows: set[str], titles: dict[str, str],
                         weights: Weights) -> list[Study]:
    """``studies`` with each general mention that restates one evidence-table row's finding
    (``rows``: the ids of the table-row mentions) traced to that row's works. A row reads as
    its finding and the titles (``titles``, by entry id) of the works it cites."""
    table = [(s, content_stems(" ".join([s.text, *(titles.get(c, "") for c in s.cites)])))
             for s in studies if s.id in rows and s.cites]
    if not table or len(table) > MAX_TRACED_ROWS:
        return studies
    out = []
    for mention in studies:
        if mention.id in rows or mention.kind == "named":
            out.append(mention)
            continue
        words = content_stems(mention.text)
        scored = sorted(((weights.similarity(words, row_words), row) for row, row_words in table),
                        key=lambda pair: -pair[0])
        best, row = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        traced = best >= TRACE_SIMILARITY and best >= TRACE_MARGIN * runner_up
        out.append(replace(mention, cites=row.cites, via=row.id, identified_by=("table-row",),
                           works=row.works) if traced else mention)
    return out
