"""Pass "interest": the publisher's own offer, quoted exactly; nothing on pages without it.

Sentences marked "(real)" are quoted from real pages: the sample articles (trimrx.com) and
``tests/corpus/`` (the Fedora and Mozilla volunteer's blog, a news site's subscription box, a
Portuguese health blog) — the last ones are the false statements the weak/strong split and the
per-language vocabularies were made against.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peptidebook.cleaning import clean
from peptidebook.cleaning.interest import claims, cue, gather_interest, sales_links
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Block, BlockQuote, Link, Paragraph, SalesLink, Source, Text
from peptidebook.readers import read_file

from ..conftest import ROOT

URL = "https://trimrx.com/blog/sermorelin-skin-health/"


def article(*blocks: Block, url: str | None = URL, lang: str | None = "en") -> Article:
    return Article(title="T", slug="s", blocks=blocks, lang=lang,
                   source=Source("wordpress-rest", "t.json", url=url))


def para(*texts: str) -> Paragraph:
    return Paragraph(tuple(Text(t) for t in texts))


@pytest.mark.parametrize(("sentence", "lang", "expected"), [
    # (real) the sample articles
    (("Our team has guided hundreds of patients through metabolic therapies that prioritise "
     "body recomposition over crude weight loss."), "en", "own-people"),
    (("In our experience, patients using both report faster and more comprehensive improvements "
     "than either therapy alone."), "en", "own-people"),
    (("If you’re currently on GLP-1 therapy through a program like TrimrX, discuss adding "
     "sermorelin with your prescribing physician."), "en", "publisher-name"),
    ("Our patients typically see results within eight weeks.", "en", "possessive-strong"),
    ("Book a free consultation with us today.", "en", "with-us"),
    ("We offer a medically supervised weight-loss program.", "en", "we-offer"),
    ("Unsere Patienten berichten von besserem Schlaf.", "de", "possessive-strong"),
    ("In unserer Praxis behandeln wir seit 2010.", "de", "possessive-strong"),
    ("Nos patients constatent une amélioration.", "fr", "possessive-strong"),
    ("Nuestros pacientes notan la diferencia.", "es", "possessive-strong"),
    ("I nostri pazienti seguono un percorso personalizzato.", "it", "possessive-strong"),
    ("Na nossa clínica fazemos o acompanhamento.", "pt", "possessive-strong"),
    ("Onze klanten krijgen persoonlijk advies.", "nl", "possessive-strong"),
    # (real) tests/corpus: weak nouns only, no statement alone
    (("We decided to focus on events where we believe the audience of our three products "
     "(Workstation, Cloud, Server) exists."), "en", "possessive-weak"),
    ("Join our Fan Contributor Program and share your voice on Fandom.com!", "en",
     "possessive-weak"),
    ("Toutes nos offres d’abonnement", "fr", "possessive-weak"),
    # a national news story's "our": weak too
    ("Our doctors see too many patients in winter.", "en", "possessive-weak"),
    ("Our treatments for cancer have improved a great deal.", "en", "possessive-weak"),
])
def test_a_claim_of_the_publishers_own_offer_is_recognised(sentence: str, lang: str,
                                                           expected: str) -> None:
    assert cue(sentence, lang, brand="trimrx") == expected


@pytest.mark.parametrize(("sentence", "lang"), [
    # generic first person: no offer noun
    (("This experience is a common one, and it speaks to a fundamental truth of our internal "
     "biology."), "en"),
    ("Your endocrine system functions as a network; our bodies adapt.", "en"),
    # a possessive phrase cut by a preposition
    ("Our knowledge of patients with this condition is limited.", "en"),
    # somebody else's words: a quotation, closed or running to the sentence's end (real)
    ("“Our patients were delighted,” said the clinic’s director.", "en"),
    (('The above images says: "For your better service, our web services are available '
     "everyday."), "en"),
    # another language's possessive: Portuguese "nos" is "in the", not French "our" (real)
    (("Padrões de Movimento: Usa movimentos em massa, globais, que são executados nos três "
     "planos do espaço."), "pt"),
    # a news site's contact box
    ("Contact us at tips@example.org or call the newsroom.", "en"),
    # "schedule with your doctor" is not booking with the publisher
    ("Schedule an appointment with your doctor before you start.", "en"),
    # the publisher's name as the first word, or lower-case in an address
    ("Trimrx programs are discussed elsewhere.", "en"),
    ("See trimrx.com for the program.", "en"),
    # a language without cue words
    ("Nasi pacjenci są zadowoleni.", "pl"),
])
def test_no_claim_without_positive_evidence(sentence: str, lang: str) -> None:
    assert cue(sentence, lang, brand="trimrx") is None


def test_claims_are_quoted_exactly_once_in_reading_order_outside_block_quotes() -> None:
    said = "Our patients love it."
    blocks = (para("Intro. ", said, " More."), BlockQuote((para("Our clients agree."),)),
              para(said))
    assert claims(blocks, "en") == [(said, "possessive-strong")]


def test_a_statement_needs_a_strong_claim_or_a_sales_link() -> None:
    weak = para("Discover our products.")
    report = Report()
    assert gather_interest(article(weak), report).interest is None
    assert report.count("publisher-interest") == 0
    strong = para("Our patients say so.")
    got = gather_interest(article(weak, strong), report).interest
    assert got is not None
    assert got.publisher == "trimrx.com"
    assert got.claims == ("Discover our products.", "Our patients say so.")
    assert report.count("publisher-interest") == 1


def test_the_text_is_left_unchanged() -> None:
    given = article(para("Our patients say so."))
    assert gather_interest(given, Report()).blocks == given.blocks


@pytest.mark.parametrize(("href", "text", "sales"), [
    ("https://trimrx.com/shop/sermorelin", "sermorelin", True),
    ("https://www.trimrx.com/pricing", "see what it costs", True),
    ("/get-started", "here", True),
    ("https://trimrx.com/blog/other-post", "Get started", True),
    ("https://trimrx.com/blog/product-review", "a review", False),
    ("https://example.org/shop", "Buy now", False),
    ("https://trimrx.com/about", "About us", False),
    ("mailto:hello@trimrx.com", "Buy now", False),
])
def test_sales_links_are_the_publishers_own(href: str, text: str, sales: bool) -> None:
    link = Link((Text(text),), href)
    assert (sales_links((Paragraph((link,)),), URL) == [SalesLink(text, href)]) is sales


def test_relative_links_are_not_sales_links_when_the_address_is_unknown() -> None:
    assert sales_links((Paragraph((Link((Text("x"),), "/shop"),)),), None) == []


def test_a_sales_link_alone_makes_a_statement() -> None:
    link = Link((Text("Start your journey"),), "https://trimrx.com/intake")
    got = gather_interest(article(Paragraph((link,))), Report()).interest
    assert got is not None and got.claims == ()
    assert got.sales_links == (SalesLink("Start your journey", "https://trimrx.com/intake"),)


@pytest.mark.integration  # reads and cleans the whole corpus: about a minute
def test_corpus_pages_get_a_statement_only_where_the_writers_business_speaks() -> None:
    """Measured: of the corpus's 1,920 articles, one gets a statement, the post of a Bitcoin
    exchange's co-founder about "nos clients"; before the weak/strong split and the
    per-language words there were eight, seven of them false (see the module docstring)."""
    with (ROOT / "tests/corpus/MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    stated: list[str] = []
    for row in rows:
        if row["expect"] == "refuse":
            continue
        report = Report()
        for read in read_file(Path(ROOT / "tests/corpus" / row["path"]), report):
            if clean(read, report).interest is not None:
                stated.append(f"{row['path']}#{read.slug}")
    assert stated == ["wxr/site-bitcoinfrance-fr.xml#securite-et-transparence-dun-exchange-bitcoin"]


def test_a_source_with_no_address_and_no_publisher_leaves_the_publisher_unnamed() -> None:
    got = gather_interest(article(para("Our patients say so."), url=None), Report()).interest
    assert got is not None and got.publisher is None


@pytest.mark.integration  # reads and cleans the 41 labelled health articles: ~20 s
def test_the_labelled_health_articles_get_no_statement() -> None:
    """``tests/corpus/articles/``: news, health-portal, encyclopaedia and blog pages on health
    in several languages, none of them written by a business about its own offer."""
    with (ROOT / "tests/corpus/articles/MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    assert len(rows) >= 30
    stated = [row["path"] for row in rows
              for read in read_file(ROOT / "tests/corpus" / row["path"], Report())
              if clean(read, Report()).interest is not None]
    assert stated == []
