"""Step 2 - Cleaning (evidence): decide whether a sentence reports a study, trial, review or
research finding, and read what it names (year, journal, institution, design, sample, ages).

**What counts.** A sentence is a study mention when it attributes a finding to research: it
names a source (a study, trial, review, meta-analysis, research, "the work of" an author,
clinical evidence or data) together with what links the finding to it — a reporting verb
("Clinical trials show …", "studies … have demonstrated …"), a publication ("A 2019 study
published in …"), an attribution ("well-tolerated in clinical trials", "based on dose-response
trials"), or a verdict on it ("The evidence is clear that …", "The trials are unambiguous").
Not counted: sentences that go on to give the results of a study named just before ("Results:
…", "The peptide group showed …"), which belong to that mention's passage; the article's own
signposts ("Here's what the research shows"); and statements that evidence is missing or
limited ("evidence for this approach is limited").

**How.** Every rule is a row of a table with a comment: :data:`EXCLUSIONS` first blank out the
phrases they match, then the sentence is a mention when any of :data:`TRIGGERS` matches what is
left. The facets come from :data:`DESIGNS` (first match wins, most specific first),
:data:`SAMPLE_PATTERNS`, :data:`AGE_PATTERNS` and the capitalised name after a preposition
(:func:`named_bodies`), a journal when it has a :data:`JOURNAL_WORDS` word, an institution when
it has an :data:`INSTITUTION_WORDS` word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import StudyDesign
from .cues import language_negation, language_triggers
from .works import FAMILY

__all__ = ["AGE_PATTERNS", "DESIGNS", "EXCLUSIONS", "INSTITUTION_WORDS", "JOURNAL_WORDS",
           "SAMPLE_PATTERNS", "TRIGGERS", "StudyFacts", "detect_study", "named_bodies"]

#: Nouns that name research (or the people doing it) as a source.
SOURCE = (r"(?:studies|study|trials?|RCTs?|research|reviews?|meta-analys[ie]s|analys[ie]s"
          r"|experiments?|investigations?|surveys?|findings|researchers|scientists)")
#: Verbs by which research reports, in any form ("show", "showed", "shown", "showing").
REPORTS = (
    r"(?:show(?:s|ed|n|ing)?|f(?:i|ou)nd(?:s|ing)?|demonstrat(?:e|es|ed|ing)"
    r"|suggest(?:s|ed|ing)?|indicat(?:e|es|ed|ing)|reveal(?:s|ed|ing)?|report(?:s|ed|ing)?"
    r"|document(?:s|ed|ing)?|confirm(?:s|ed|ing)?|establish(?:es|ed|ing)?"
    r"|illuminat(?:e|es|ed|ing)|assess(?:es|ed|ing)?|evaluat(?:e|es|ed|ing)"
    r"|examin(?:e|es|ed|ing)|investigat(?:e|es|ed|ing)|measur(?:e|es|ed|ing)"
    r"|track(?:s|ed|ing)?|compar(?:e|es|ed|ing)|observ(?:e|es|ed|ing)|link(?:s|ed|ing)?"
    r"|associat(?:e|es|ed|ing)|prov(?:e|es|ed|en|ing)|point(?:s|ed|ing)?\s+out)"
)
#: Verdicts on a body of research.
VERDICTS = r"(?:clear|unambiguous|consistent|conclusive|strong|compelling|robust|reproducible)"

_I = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """One row of a rule table: a name (shown in tests and reports), a pattern, why."""

    name: str
    pattern: re.Pattern[str]
    comment: str


#: Phrases that look like research reports but are not; blanked out before the triggers.
EXCLUSIONS: tuple[Rule, ...] = (
    Rule("signpost", re.compile(r"\bwhat\s+(?:the\s+)?(?:research|studies|evidence|science"
                                r"|trials|data)\s+(?:shows?|says?|suggests?|tells?\s+us)\b", _I),
         "the article announcing itself: Here's what the research shows"),
    Rule("article-covers", re.compile(r"\b(?:this|the|our)\s+(?:article|guide|post|section|page"
                                      r"|overview)\s+(?:covers|explains|reviews|summari[sz]es"
                                      r"|discusses|describes|looks at)\b.*", _I),
         "the article's own summary: This article covers … the clinical trial data …"),
    Rule("missing-evidence", re.compile(r"\b(?:evidence|data|research|studies|trials)\b"
                                        r"(?:\s+[^\s.;:]+){0,4}?\s+(?:is|are|remains?|was|were)"
                                        r"\s+(?:still\s+)?(?:limited|lacking|scarce|sparse|weak"
                                        r"|insufficient|mixed|inconclusive|preliminary)\b", _I),
         "evidence for this approach is limited: a statement that support is missing"),
    Rule("no-evidence", re.compile(r"\b(?:no|few|little|limited|insufficient|lack\s+of)\s+"
                                   r"(?:\w+\s+){0,2}?(?:evidence|studies|trials|research|data)\b",
                                   _I),
         "no clinical studies have …, little evidence: absence, not a finding"),
    Rule("capability", re.compile(r"\b(?:studies|trials|research|data|evidence)\s+"
                                  r"(?:can(?:not)?|could|may|might|can['’]t|don['’]t|do\s+not"
                                  r"|doesn['’]t|does\s+not)\s+(?:\w+\s+){0,2}?(?:show|prove|find"
                                  r"|tell|establish|demonstrate)\w*\b.*", _I),
         "what a kind of research can or cannot show: a statement about method, not a finding"),
    Rule("media-reports", re.compile(r"\b(?:media|news|press)\s+reports?\b", _I),
         "studies or media reports: a news report is not research reporting"),
    Rule("taking-part", re.compile(r"\b(?:enrol|enroll|participat|join|sign(?:ing)?\s+up"
                                   r"|take\s+part|recruit)\w*\s+(?:\w+\s+){0,2}?(?:in|for)\s+"
                                   r"(?:\w+\s+){0,2}?(?:studies|trials|study|trial)\b", _I),
         "invitations to take part in a trial report nothing"),
)

#: Any one of these makes a sentence a study mention.
TRIGGERS: tuple[Rule, ...] = (
    Rule("dated-design", re.compile(r"\b(?:19|20)\d{2}\s+(?:[\w-]+\s+){0,2}?(?:study|trial"
                                    r"|review|meta-analysis|analysis|survey|paper|report)\b", _I),
         "a dated study: A 2019 study, A smaller 2021 pilot study, a 2018 clinical trial"),
    Rule("published-in", re.compile(r"\b(?:published|appearing|appeared|reported)\s+in\s+"
                                    r"(?:the\s+)?(?:(?:scientific\s+|medical\s+)?journal\s+)?"
                                    r"[A-Z]"),
         "a publication named: … published in the Journal of Drugs in Dermatology, … published "
         "in the journal Current Biology"),
    Rule("shown-to", re.compile(r"\b(?:has|have|had)\s+(?:also\s+|repeatedly\s+)?been\s+"
                                r"(?:shown|proven|demonstrated)\s+to\b", _I),
         "a passive evidence claim: Fasting has been shown to decrease markers of inflammation"),
    Rule("state-of-knowledge", re.compile(r"\b(?:researchers|scientists)\s+(?:still\s+)?"
                                          r"(?:think|believe|suspect|doubt|are\s+(?:not\s+|still"
                                          r"\s+)?(?:sure|certain|unsure|uncertain)|do(?:n['’]t"
                                          r"|\s+not)\s+know)\b", _I),
         "what research holds: Researchers are not sure what causes it, scientists believe"),
    Rule("source-reports", re.compile(rf"\b{SOURCE}\b(?:\s+[^\s.;:]+){{0,8}}?\s+"
                                      rf"(?:(?:have|has|had|were|was|been|are|is)\s+)*"
                                      rf"{REPORTS}\b", _I),
         "research as the subject of a reporting verb: Clinical trials show, studies in older "
         "men have demonstrated, trials showing, Recent research has illuminated"),
    Rule("evidence-reports", re.compile(rf"\b(?:clinical|scientific|medical|published|research"
                                        rf"|trial)\s+(?:evidence|data)\s+(?:\w+\s+){{0,2}}?"
                                        rf"{REPORTS}\b", _I),
         "Clinical evidence shows …, clinical evidence suggests …"),
    Rule("verdict", re.compile(rf"\b(?:evidence|data|research|studies|trials)\s+(?:is|are"
                               rf"|was|were|remains?)\s+{VERDICTS}\b", _I),
         "a verdict on the research: The evidence is clear that …, The trials are unambiguous"),
    Rule("work-of", re.compile(r"\b(?:[Ww]ork|[Rr]esearch|[Ss]tud(?:y|ies)|[Ff]indings|[Tt]rials?"
                               r"|[Rr]eview)\s+(?:of|by)\s+(?:Dr\.?\s+)?[A-Z][\w'’-]+"),
         "research by a named person or team: the work of Veldhuis et al."),
    Rule("recent-research", re.compile(r"\b(?:recent|earlier|previous|prior|newer|emerging"
                                       r"|published)\s+(?:work|research|studies|trials)\b", _I),
         "More recent work has focused on …, Recent research has illuminated …"),
    Rule("attributed", re.compile(r"\b(?:in|from|across|by|based\s+on)\s+(?:(?:the|these|those"
                                  r"|several|multiple|many|some|numerous|large|small|randomi[sz]ed"
                                  r"|controlled|clinical|dose-response|placebo-controlled|human"
                                  r"|animal|published|recent)\s+){0,3}(?:studies|trials)\b", _I),
         "a finding placed in research: well-tolerated in clinical trials, across studies, "
         "based on dose-response trials"),
    Rule("author-year", re.compile(rf"{FAMILY}(?:\s+et\s+al\.?|\s+(?:and|&)\s+{FAMILY})?"
                                   r"\s*\(\s*(?:19|20)\d{2}[a-z]?\s*\)\s+(?:\w+\s+){0,2}?"
                                   rf"{REPORTS}\b"),
         "an author–year citation as the subject: Smith et al. (2019) found …"),
)

#: Study designs, most specific first: (design, pattern, comment).
DESIGNS: tuple[tuple[StudyDesign, re.Pattern[str], str], ...] = (
    ("meta-analysis", re.compile(r"\bmeta-analys[ie]s\b", _I), "pooled analysis of studies"),
    ("systematic review", re.compile(r"\bsystematic\s+reviews?\b", _I), ""),
    ("randomised controlled trial",
     re.compile(r"\brandomi[sz]ed(?:,?\s+[\w-]+){0,3}\s+trials?\b|\bRCTs?\b", _I),
     "randomised, double-blind, placebo-controlled trial"),
    ("placebo-controlled trial", re.compile(r"\bplacebo-controlled\s+trials?\b", _I), ""),
    ("pilot study", re.compile(r"\bpilot\s+(?:study|studies|trials?)\b", _I), ""),
    ("dose-response trial", re.compile(r"\bdose-(?:response|finding)\s+(?:trials?|stud(?:y|ies))\b",
                                       _I), ""),
    ("cohort study", re.compile(r"\b(?:cohort|longitudinal|prospective|retrospective)\s+"
                                r"(?:study|studies|analysis)\b", _I), "observational designs"),
    ("case-control study", re.compile(r"\bcase-control\b", _I), ""),
    ("cross-sectional study", re.compile(r"\bcross-sectional\b", _I), ""),
    ("case report", re.compile(r"\bcase\s+(?:report|series)\b", _I), ""),
    ("animal study", re.compile(r"\b(?:in|of)\s+(?:mice|rats|animals|rodents)\b", _I),
     "research in animals, not people"),
    ("in-vitro study", re.compile(r"\bin\s+vitro\b|\bcell\s+cultures?\b", _I), ""),
    ("clinical trial", re.compile(r"\bclinical\s+trials?\b", _I), ""),
    ("trial", re.compile(r"\btrials?\b", _I), ""),
    ("review", re.compile(r"\breviews?\b", _I), "a review of earlier work"),
    ("study", re.compile(r"\bstud(?:y|ies)\b", _I), ""),
    ("research", re.compile(r"\b(?:research|work|findings|experiments?|investigations?)\b", _I),
     "research named only as such"),
    ("evidence", re.compile(r"\b(?:evidence|data)\b", _I), "evidence named only as such"),
)

#: The number of people studied: (pattern with group ``n``, comment). A number does not start
#: inside a larger one ("234" of "1,234"), which also keeps a search linear in time.
SAMPLE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?<!\d,)(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+(?:[a-z-]+\s+){0,2}?(?:adults|patients"
                r"|participants|subjects|men|women|people|volunteers|individuals|children"
                r"|adolescents|persons|seniors)\b", _I),
     "42 adults, 63 postmenopausal women"),
    (re.compile(r"\bn\s*=\s*(?P<n>\d{1,3}(?:,\d{3})*|\d+)\b", _I), "n = 42"),
)

#: The ages of the people studied: (pattern with groups ``low`` and ``high``, comment).
AGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\baged?\s+(?P<low>\d{1,3})\s*(?:[–-]|to)\s*(?P<high>\d{1,3})\b", _I),
     "aged 61–81, ages 45 to 65"),
    (re.compile(r"\bbetween\s+(?:the\s+)?ages?\s+(?:of\s+)?(?P<low>\d{1,3})\s+and\s+"
                r"(?P<high>\d{1,3})\b", _I), "between the ages of 40 and 60"),
)

#: Words that make a capitalised name a journal.
JOURNAL_WORDS = frozenset(
    ["journal", "journals", "medicine", "surgery", "lancet", "annals", "archives", "proceedings",
     "review", "reviews", "letters", "reports", "bulletin", "bmj", "jama", "nature", "science",
     "cell", "endocrinology", "dermatology", "physiology", "metabolism", "gerontology",
     "geriatrics", "nutrition", "pediatrics", "paediatrics", "oncology", "cardiology", "neurology",
     "urology", "andrology", "gastroenterology", "rheumatology", "psychiatry", "pharmacology",
     "therapeutics", "research", "plos", "zeitschrift", "revue", "revista", "rivista",
     "tijdschrift", "czasopismo", "médecine", "medizin", "medicina", "geneeskunde"])
#: Words that make a capitalised name an institution.
INSTITUTION_WORDS = frozenset(
    ["university", "school", "institute", "institutes", "hospital", "clinic", "college", "center",
     "centre", "foundation", "laboratory", "laboratories", "nih", "mayo", "hopkins", "harvard",
     "stanford", "universität", "universitätsklinikum", "klinikum", "université", "universidad",
     "università", "universidade", "universiteit", "uniwersytet", "institut", "instituto",
     "istituto", "instituut", "hôpital", "ospedale", "ziekenhuis", "charité", "inserm",
     "academie", "akademie", "académie", "academia"])

#: A capitalised name after a preposition: "in the Journal of Drugs in Dermatology", "at Johns
#: Hopkins School of Medicine". Small words may join capitalised ones.
_NAME = re.compile(r"\b(?:in|at|from|by|of|im|der|des|von|an|aus|dans|de|du|la|le|del|en"
                   r"|della|dello|da|do|na|no|van|uit|op|het)\s+(?:the\s+|l['’]|de\s+)?"
                   r"(?P<name>[A-ZÀ-ÖØ-Ý][\w&’'-]*(?:\s+(?:[A-ZÀ-ÖØ-Ý][\w&’'-]*|of|the|and|&|for|in"
                   r"|on|de|der|des|du|la|van|di|della)"
                   r")*)")
#: A year a study may carry (not a number of people or a dose).
_YEAR = re.compile(r"\b(?P<year>(?:19[5-9]|20[0-4])\d)\b(?!\s*(?:mg|mcg|adults|patients|%))")


@dataclass(frozen=True)
class StudyFacts:
    """What a study mention names; ``rules`` are the triggers that matched."""

    design: StudyDesign
    rules: tuple[str, ...]
    year: int | None = None
    venue: str | None = None
    institution: str | None = None
    sample_size: int | None = None
    ages: str | None = None


def _blank(text: str) -> str:
    for rule in EXCLUSIONS:
        text = rule.pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def detect_study(sentence: str, language: str | None = None) -> StudyFacts | None:
    """The facts of ``sentence`` (in ``language``, when known) when it is a study mention,
    else ``None``. The English rules apply in every language (an English sentence quoted in
    another); a language with cues of its own (:mod:`.cues`) adds them."""
    kept = _blank(sentence)
    rules = tuple(rule.name for rule in TRIGGERS if rule.pattern.search(kept))
    own = language_triggers(language)
    if own:
        negation = language_negation(language)
        if negation is not None:
            kept = negation.sub(lambda m: " " * len(m.group(0)), kept)
        rules += tuple(name for name, pattern in own if pattern.search(kept))
    if not rules:
        return None
    design: StudyDesign = next((d for d, p, _ in DESIGNS if p.search(kept)), "research")
    venue, institution = named_bodies(sentence)
    return StudyFacts(design=design, rules=rules, year=_year(sentence), venue=venue,
                      institution=institution, sample_size=_sample(sentence),
                      ages=_ages(sentence))


def named_bodies(sentence: str) -> tuple[str | None, str | None]:
    """The journal and the institution a sentence names, if any."""
    venue = institution = None
    for match in _NAME.finditer(sentence):
        name = _trim(match["name"])
        words = {w.strip("&’'").lower() for w in name.split()}
        if institution is None and words & INSTITUTION_WORDS:
            institution = name
        elif venue is None and (words & JOURNAL_WORDS):
            venue = name
    return venue, institution


def _trim(name: str) -> str:
    """A name without small words at its end ("Dermatology in" → "Dermatology")."""
    words = name.split()
    while words and words[-1] in {"of", "the", "and", "&", "for", "in", "on", "de", "der", "des",
                                  "du", "la", "van", "di", "della"}:
        words.pop()
    return " ".join(words)


def _year(sentence: str) -> int | None:
    match = _YEAR.search(sentence)
    return int(match["year"]) if match else None


def _sample(sentence: str) -> int | None:
    for pattern, _ in SAMPLE_PATTERNS:
        match = pattern.search(sentence)
        if match:
            return int(match["n"].replace(",", ""))
    return None


def _ages(sentence: str) -> str | None:
    for pattern, _ in AGE_PATTERNS:
        match = pattern.search(sentence)
        if match:
            return f"{match['low']}–{match['high']}"
    return None
