"""Accessible on real inputs (issue 16): a fixed sample of the real-input corpus, built as EPUB
and tagged PDF, passes both checkers — ``check-epub`` (EPUBCheck, and DAISY Ace with no finding
of any impact: critical, serious, moderate or minor) and ``check-pdf`` (PDF/UA-1, 0 failed).

The sample covers every reader (WXR exports, REST payloads, saved pages, Markdown, Gutenberg
block markup) and every language of the corpus but Latin lorem ipsum, choosing for each the
file that makes the smallest book, so that the whole run (about five minutes on two cores) fits
CI. The languages are those each file's manifest row gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import corpus_harness as harness
from .test_end_to_end import run_checker

pytestmark = pytest.mark.conformance

#: The sample: each file with the reader and the languages it stands for.
SAMPLE = (
    "wxr/site-redleo-es.xml",  # es, Word-pasted footnote links
    "wxr/site-domonji-zh.xml",  # zh, shortcodes
    "wxr/site-nitrooos-pl.xml",  # pl
    "wxr/site-giliard-en-pt.xml",  # en, pt
    "wxr/site-hazealign-ko.xml",  # ko, repeated headings, code tables
    "wxr/site-bacharakis-en-el.xml",  # el, en: 104 posts
    "wxr/site-dakk-it.xml",  # it, pasted caption markup
    "wxr/wptt-theme-preview.xml",  # en: the theme unit test's every element
    "rest/izquierdahispanica-pages.json",  # es, pt: pages
    "rest/softconcis-de-posts-fields.json",  # de: a _fields listing, excerpts only
    "html/trafilatura-assabah.com.tn.article.html",  # ar, right to left
    "html/trafilatura-nhk.or.jp.k100.html",  # ja, ruby
    "html/trafilatura-xinhuanet.com.c_1125597921.html",  # zh
    "html/trafilatura-football.ua.podolski.html",  # ru
    "html/readability-aktualne.html",  # cs
    "html/trafilatura-aoc.media.archaisme.html",  # fr
    "html/trafilatura-brasil247.com-militares.html",  # pt
    "html/readability-la-nacion.html",  # es
    "html/trafilatura-dziennik.pl-dezubekizacja.html",  # pl
    "html/readability-daringfireball-1.html",  # en
    "html/trafilatura-rs-ingenieure.de.tragwerksplanung.html",  # de
    "html/newspaper-thai_article.html",  # th
    "html/goose3-cnn_arabic.html",  # ar, right to left
    "markdown/parchlinux-fa-aur-compromised.md",  # fa, right to left
    "markdown/ipaler-2013-08-08-the-ssh-command.md",  # zh
    "blocks/gutenberg-core__table__caption.html",  # a block-editor table with its caption
    "blocks/gutenberg-core__details.html",  # details: a question and its answer
    "blocks/wpdev-core__pullquote.html",  # a pull quote with its attribution
)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, harness.Outcome]:
    entries = {entry.path: entry for entry in harness.load_manifest()}
    outcomes = harness.build_all([entries[path] for path in SAMPLE],
                                 tmp_path_factory.mktemp("checked"), formats="epub,pdf")
    return {outcome.entry.path: outcome for outcome in outcomes}


def test_the_sample_covers_every_reader_and_language() -> None:
    entries = {entry.path: entry for entry in harness.load_manifest()}
    every = {tag.strip().split("-")[0] for entry in entries.values()
             for tag in entry.lang.split(",")} - {"zxx", "la", "und"}
    sampled = {tag.strip().split("-")[0] for path in SAMPLE
               for tag in entries[path].lang.split(",")}
    assert every <= sampled, sorted(every - sampled)
    assert {entries[path].kind for path in SAMPLE} == set(harness.KINDS)


@pytest.mark.parametrize("path", SAMPLE)
def test_sampled_book_passes_both_checkers(path: str, books: dict[str, harness.Outcome],
                                           tmp_path: Path) -> None:
    outcome = books[path]
    assert outcome.exit_code == 0, outcome.error
    assert outcome.epub is not None and outcome.pdf is not None
    epub = run_checker("check-epub", outcome.epub, tmp_path)
    ace = epub["ace"]
    assert isinstance(ace, dict)
    assert ace["counts"] == {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}, ace
    run_checker("check-pdf", outcome.pdf, tmp_path)
