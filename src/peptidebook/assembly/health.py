"""Book assembly: whether an article makes health claims, which chooses the preface's caveat.

A sentence is a health claim here when it names, in the article's language, things from two
of three kinds at once:

- *care*: a treatment, therapy, medicine, drug, dose, injection, vaccine, surgery, hormone;
- *condition*: a disease, illness, symptom, syndrome, infection, cancer, diabetes, obesity,
  inflammation, side effect;
- *clinic*: a patient, physician, clinician, diagnosis, hospital, something clinical.

One such word is no evidence: "water treatment", "a drug bust", "Doctor Who", "the treatment
of missing values" all occur in news and technical pages. Two kinds in one sentence ("patients
treated with metformin…", "symptoms eased after the therapy") are the language of health
writing; and an article counts only when at least :data:`MIN_SENTENCES` of its sentences are
such claims, so that a news report that mentions a hospital once gets the general caveat.
Precision first: a missed claim still gets a caveat that says nothing in the book was checked;
a wrong one tells a reader of a travel book not to stop their treatment.

The vocabulary is the general language of medicine — the kinds of thing MeSH files under
Diseases [C], Chemicals and Drugs [D] and Therapeutic Techniques [E], in the words patient
information uses — never a subject's own names: no peptide, no product, no disease of the
sample. It was checked on real pages of ``tests/corpus`` (``tests/assembly/test_health.py``). In
languages that write compounds as one word (German, Dutch) and in Arabic, Hebrew, Chinese and
Japanese a term is found inside a word; elsewhere it begins one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..languages import parse_locale
from ..model import Article, Blocks
from ..sentences import sentence_spans
from ..walk import child_inlines, iter_blocks, plain_text

__all__ = ["MIN_SENTENCES", "HealthClaims", "claims_in", "health_claims"]

Kind = Literal["care", "condition", "clinic"]

#: How many claim sentences make an article one that makes health claims.
MIN_SENTENCES = 2

# Each term, lower-case, as it begins a word (``prefix``) or anywhere in one (``inside``).
_TERMS: dict[str, dict[Kind, tuple[str, ...]]] = {
    "en": {
        "care": ("treatment", "therapy", "therapies", "therapeutic", "medication", "medicine",
                 "drug", "prescri", "dose", "doses", "dosage", "dosing", "injection", "vaccin",
                 "surgery", "surgical", "hormone", "supplementation", "pharmac"),
        "condition": ("disease", "illness", "disorder", "syndrome", "symptom", "infection",
                      "cancer", "tumor", "tumour", "diabet", "obes", "inflammat",
                      "side effect", "chronic", "deficienc"),
        "clinic": ("patients", "the patient", "a patient", "physician", "clinician", "clinical",
                   "diagnos", "hospital", "nurse", "doctors", "your doctor", "healthcare",
                   "health care"),
    },
    "de": {
        "care": ("behandlung", "therapie", "medikament", "arznei", "wirkstoff", "dosis",
                 "dosierung", "injektion", "impfung", "impfstoff", "operation am", "hormon",
                 "präparat"),
        "condition": ("krankheit", "erkrank", "syndrom", "symptom", "infektion", "krebs",
                      "diabet", "entzündung", "nebenwirkung", "adipositas", "beschwerden"),
        "clinic": ("patient", "arzt", "ärzt", "klinisch", "klinik", "diagnos", "krankenhaus",
                   "pflegekr"),
    },
    "fr": {
        "care": ("traitement", "thérap", "médicament", "dose", "posologie", "injection",
                 "vaccin", "chirurg", "hormon", "pharmac"),
        "condition": ("maladie", "symptôme", "syndrome", "infection", "cancer", "tumeur",
                      "diabèt", "obésit", "inflammat", "effets secondaires",
                      "effet secondaire", "chronique"),
        "clinic": ("patient", "médecin", "clinique", "diagnost", "hôpita", "soignant"),
    },
    "es": {
        "care": ("tratamiento", "terapia", "terapéut", "medicament", "fármaco", "dosis",
                 "inyecci", "vacuna", "cirug", "hormon"),
        "condition": ("enfermedad", "síntoma", "síndrome", "infecci", "cáncer", "tumor",
                      "diabet", "obesidad", "inflamaci", "efectos secundarios", "trastorno",
                      "crónic"),
        "clinic": ("paciente", "médico", "médica", "clínic", "diagnós", "hospital"),
    },
    "it": {
        "care": ("trattament", "terapi", "farmac", "medicinal", "dose", "dosaggi", "iniezion",
                 "vaccin", "chirurg", "ormon"),
        "condition": ("malatti", "sintom", "sindrom", "infezion", "cancro", "tumor", "diabet",
                      "obesità", "infiammazion", "effetti collaterali", "cronic"),
        "clinic": ("pazient", "medico", "medici", "clinic", "diagnos", "ospedal"),
    },
    "pt": {
        "care": ("tratamento", "terapia", "terapêut", "medicament", "fármaco", "dose",
                 "dosagem", "injeç", "vacina", "cirurg", "hormon"),
        "condition": ("doença", "sintoma", "síndrome", "infeç", "câncer", "cancro", "tumor",
                      "diabet", "obesidade", "inflamaç", "efeitos colaterais",
                      "efeitos secundários", "crónic", "crônic"),
        "clinic": ("paciente", "doente", "médico", "médica", "clínic", "diagnóst", "hospita"),
    },
    "nl": {
        "care": ("behandel", "therap", "medicijn", "medicatie", "geneesmiddel", "dosis",
                 "injectie", "vaccin", "hormoon"),
        "condition": ("ziekte", "aandoening", "symptom", "syndroom", "infectie", "kanker",
                      "diabet", "obesitas", "ontsteking", "bijwerking", "chronisch"),
        "clinic": ("patiënt", "artsen", "huisarts", "klinisch", "diagnos", "ziekenhuis"),
    },
    "pl": {
        "care": ("leczeni", "leczy", "terapi", "leki", "leków", "lekami", "farmak", "dawk",
                 "zastrzyk", "szczepi", "chirurg", "hormon"),
        "condition": ("chorob", "objaw", "infekcj", "zakażeni", "nowotw", "cukrzyc",
                      "otyłoś", "zapaleni", "skutki uboczne", "działania niepożądane",
                      "przewlekł"),
        "clinic": ("pacjent", "lekarz", "klinicz", "diagnoz", "szpital"),
    },
    "ar": {
        "care": ("علاج", "العلاج", "دواء", "أدوية", "جرعة", "جرعات", "لقاح", "جراحة", "هرمون"),
        "condition": ("مرض", "أمراض", "الأمراض", "أعراض", "الأعراض", "عدوى", "سرطان",
                      "السكري", "سمنة", "السمنة", "التهاب", "آثار جانبية"),
        "clinic": ("مريض", "مرضى", "المرضى", "طبيب", "أطباء", "الأطباء", "سريري", "سريرية",
                   "تشخيص", "مستشفى"),
    },
    "he": {
        "care": ("טיפול תרופתי", "תרופה", "תרופות", "מינון", "זריקה", "זריקות", "חיסון",
                 "הורמון"),
        "condition": ("מחלה", "מחלות", "מחלת", "תסמין", "סוכרת", "השמנה", "דלקת",
                      "תופעות לוואי", "כרונית", "כרוני"),
        "clinic": ("חולים", "מטופל", "רופא", "קליני", "אבחנה", "אבחון"),
    },
    "zh": {
        "care": ("治疗", "治療", "疗法", "療法", "药物", "藥物", "药品", "剂量", "劑量", "注射",
                 "疫苗", "手术", "手術", "激素", "处方", "處方"),
        "condition": ("疾病", "症状", "症狀", "综合征", "綜合徵", "感染", "癌", "糖尿病", "肥胖",
                      "炎症", "副作用", "慢性"),
        "clinic": ("患者", "病人", "医生", "醫生", "临床", "臨床", "诊断", "診斷", "医院", "醫院"),
    },
    "ja": {
        "care": ("治療", "療法", "薬", "投与", "用量", "注射", "ワクチン", "手術", "ホルモン",
                 "処方"),
        "condition": ("病気", "疾患", "症状", "症候群", "感染", "癌", "糖尿病", "肥満", "炎症",
                      "副作用", "慢性"),
        "clinic": ("患者", "医師", "臨床", "診断", "病院"),
    },
}

#: Where a term may stand inside a longer word: compounds (``Hautkrankheit``, ``huisarts``),
#: attached articles and prepositions (``والعلاج``, ``בבית חולים``), unspaced scripts.
_INSIDE_WORDS = {"de", "nl", "ar", "he", "zh", "ja"}


@dataclass(frozen=True)
class HealthClaims:
    """The sentences of an article that make health claims, each with the terms that make it
    one; :attr:`found` when there are enough of them."""

    sentences: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def found(self) -> bool:
        return len(self.sentences) >= MIN_SENTENCES


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    terms = _TERMS.get(language)
    if terms is None:
        return None
    # Longest first, so that "المرضى" (patients) is not read as "مرض" (disease).
    words = sorted({t for kind in terms.values() for t in kind}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    if language in _INSIDE_WORDS:
        return re.compile(f"(?:{body})")
    return re.compile(rf"(?<!\w)(?:{body})")


def _kind_of(language: str, term: str) -> Kind:
    return next(kind for kind, words in _TERMS[language].items() if term in words)


def health_claims(article: Article, book_language: str) -> HealthClaims:
    """The health-claim sentences of ``article`` in its language (the book's when it has none);
    none in a language without a vocabulary here."""
    return claims_in(article.blocks, article.lang or book_language)


def claims_in(blocks: Blocks, language: str) -> HealthClaims:
    """The health-claim sentences of ``blocks`` written in ``language`` (a BCP 47 tag): what
    :func:`health_claims` finds in an article, for a chapter made of one (a handout)."""
    primary = parse_locale(language).language
    pattern = _pattern(primary)
    if pattern is None:
        return HealthClaims(())
    found: list[tuple[str, tuple[str, ...]]] = []
    for sentence in _sentences(blocks, primary):
        terms = tuple(dict.fromkeys(m.group() for m in pattern.finditer(sentence.lower())))
        if len({_kind_of(primary, t) for t in terms}) >= 2:
            found.append((sentence, terms))
    return HealthClaims(tuple(found))


def _sentences(blocks: Blocks, language: str) -> Iterator[str]:
    for block in iter_blocks(blocks):
        for run in child_inlines(block):
            text = " ".join(plain_text(run).split())
            for start, end in sentence_spans(text, language):
                yield text[start:end]
