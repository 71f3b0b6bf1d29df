"""Book assembly: which articles make health claims (:mod:`peptidebook.assembly.health`).

Measured on real pages of the development corpus (``tests/corpus``, read and cleaned as a build
reads them): news, technical, sport, product and encyclopaedia pages in nine languages make none;
a clinical-trial record and a patient-information site do. Unit cases pin the rule: one health
word is no claim, two kinds of term in one sentence are, and an article needs two such sentences.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from peptidebook.assembly.health import MIN_SENTENCES, health_claims
from peptidebook.cleaning import clean
from peptidebook.config import SourceConfig
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Paragraph, Source, Text
from peptidebook.readers import read_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

#: Pages about other things than health, in en, de, fr, es, pt, pl, ar, zh, ja.
NOT_HEALTH = [
    "html/readability-mozilla-1.html",  # en, a browser's product page
    "html/trafilatura-lemire.me.json.html",  # en, a programming blog post
    "html/trafilatura-stackoverflow.com.rust.html",  # en, a programming article
    "html/readability-wikipedia-2.html",  # en, an encyclopaedia article (New Zealand)
    "html/trafilatura-heise.de.lithium.html",  # de, technology news
    "html/trafilatura-rs-ingenieure.de.tragwerksplanung.html",  # de, an engineering firm
    "html/readability-lemonde-1.html",  # fr, news
    "html/newspaper-spanish_article.html",  # es, news
    "html/goose3-elmondo1.html",  # es, news with one passing medical sentence
    "html/readability-la-nacion.html",  # es, opinion
    "html/readability-folha.html",  # pt-BR, sport
    "markdown/arzebiu-pt-2014-03-23-triatlo-sprint-alpiarca.markdown",  # pt, a race report
    "html/trafilatura-dziennik.pl-dezubekizacja.html",  # pl, news
    "html/trafilatura-assabah.com.tn.article.html",  # ar, an interview
    "html/newspaper-chinese_article.html",  # zh, news
    "html/trafilatura-nhk.or.jp.k100.html",  # ja, news
]


@cache
def _languages() -> dict[str, str]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return {row["path"]: row["lang"].split(",")[0]
                for row in csv.DictReader(fh, delimiter="\t")}


def _articles(relative: str) -> list[Article]:
    path = CORPUS / relative
    report = Report()
    return [clean(a, report) for a in read_file(path, report, SourceConfig(path))]


@pytest.mark.parametrize("relative", NOT_HEALTH)
def test_pages_about_other_things_make_no_health_claims(relative: str) -> None:
    articles = _articles(relative)
    assert articles
    for article in articles:
        assert not health_claims(article, _languages()[relative]).found, article.title


def test_a_clinical_trial_record_makes_health_claims() -> None:
    (article,) = _articles("html/postlight-clinicaltrials.gov.html")
    claims = health_claims(article, "en")
    assert claims.found
    assert any("surgery" in terms and "patients" in terms for _s, terms in claims.sentences)


def test_a_patient_information_site_in_portuguese_makes_health_claims() -> None:
    articles = {a.title: a for a in _articles("wxr/site-paralisiafacial-pt.xml")}
    assert health_claims(articles["Tratamento em Fisioterapia"], "pt").found


def _article(*sentences: str, lang: str = "en") -> Article:
    return Article(title="T", slug="t", lang=lang, source=Source("text", "t.txt"),
                   blocks=tuple(Paragraph((Text(s),)) for s in sentences))


@pytest.mark.parametrize("sentence", [
    "The water treatment plant reopened after the storm.",  # one kind of term
    "Doctor Who returns to television this spring.",
    "Police seized drugs worth two million dollars in the raid.",
])
def test_one_kind_of_health_word_is_no_claim(sentence: str) -> None:
    assert health_claims(_article(sentence, sentence), "en").sentences == ()


def test_two_claim_sentences_are_needed() -> None:
    one = "Patients with diabetes improved on the new medication."
    assert not health_claims(_article(one), "en").found
    assert MIN_SENTENCES == 2
    other = "Symptoms of the infection eased after treatment."
    assert health_claims(_article(one, other), "en").found


def test_compounds_count_in_german() -> None:
    article = _article("Die Hautkrankheit wurde mit einer Salbe behandelt; die Behandlung half.",
                       "Viele Patienten berichten von Nebenwirkungen.", lang="de")
    assert health_claims(article, "en").found  # the article's language, not the book's


def test_a_language_without_vocabulary_claims_nothing() -> None:
    article = _article("Pacjenci z cukrzycą.", "Pacjenci z cukrzycą.", lang="ko")
    assert health_claims(article, "en").sentences == ()
