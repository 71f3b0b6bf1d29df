"""The HTML reader's parser: the WHATWG fragment parsing algorithm, bounded so that no markup
makes it take more than linear time or build more elements than the markup has tags."""

from __future__ import annotations

import time

import pytest
from bs4.element import Tag

from peptidebook.diagnostics import Report
from peptidebook.readers.html import parse_html_fragment
from peptidebook.readers.html._bounds import PARSE_DEPTH, REOPEN_ALLOWANCE, ParseLimits
from peptidebook.readers.html._tree import parse_fragment


def parsed(markup: str) -> str:
    return str(parse_fragment(markup))


@pytest.mark.parametrize(
    ("markup", "tree"),
    [
        # Void elements (HTML §13.1.2) have no content, whatever follows them.
        ("<p>a<wbr>b</p>", "<p>a<wbr/>b</p>"),
        ("<p>x<embed src=x>after</p><h2>H</h2>", '<p>x<embed src="x"/>after</p><h2>H</h2>'),
        (
            "<picture><source srcset=a><img src=b alt=c></picture>",
            '<picture><source srcset="a"/><img alt="c" src="b"/></picture>',
        ),
        ("<video><track src=t>fb</video>t", '<video><track src="t"/>fb</video>t'),
        # </p> without a <p> open is an empty <p>; </br> is <br> (§13.2.6.4.7).
        ("<p><div>x</div></p>", "<p></p><div>x</div><p></p>"),
        ("<p>a<br/>b</br>c</p>", "<p>a<br/>b<br/>c</p>"),
        # The adoption agency algorithm (§13.2.6.4.7).
        ("<b><i>x</b>y</i>", "<b><i>x</i></b><i>y</i>"),
        ("<p><b>x<p>y", "<p><b>x</b></p><p><b>y</b></p>"),
        # Tables: implied <tbody>, foster parenting (§13.2.6.1).
        ("<table><tr><td>x</table>after", "<table><tbody><tr><td>x</td></tr></tbody></table>after"),
        ("<table>f<tr><td>x</table>", "f<table><tbody><tr><td>x</td></tr></tbody></table>"),
        (
            "<table><p>s</p><tr><td>1</table>",
            "<p>s</p><table><tbody><tr><td>1</td></tr></tbody></table>",
        ),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        # A fragment, not a document: <title> and <style> stay where they are.
        ("<title>T</title><p>x", "<title>T</title><p>x</p>"),
        ("<html><body class=x><p>x", "<p>x</p>"),
        (
            "<svg viewBox='0 0 1 1'><circle r=1 /></svg>",
            '<svg viewBox="0 0 1 1"><circle r="1"></circle></svg>',
        ),
    ],
    ids=lambda value: value,
)
def test_markup_is_parsed_as_the_html_standard_says(markup: str, tree: str) -> None:
    assert parsed(markup) == tree


def test_open_elements_are_bounded_and_the_rest_counted() -> None:
    limits = ParseLimits()
    soup = parse_fragment("<div>" * (PARSE_DEPTH + 30) + "deep", limits)
    assert len(soup.find_all("div")) == PARSE_DEPTH
    assert limits.held_back == {"div": 30}
    assert soup.get_text().strip() == "deep"


def test_held_back_blocks_keep_their_words_apart() -> None:
    soup = parse_fragment("<div>" * PARSE_DEPTH + "<p>one</p><p>two</p><li>three")
    assert soup.get_text().split() == ["one", "two", "three"]


def test_held_back_end_tags_close_what_the_start_tags_did_not_open() -> None:
    # 120 <div> open, 24 held back: the first 24 </div> are theirs, the next 96 close the rest.
    soup = parse_fragment("<div>" * 120 + "</div>" * 120 + "<p>after</p>")
    last = soup.contents[-1]
    assert isinstance(last, Tag) and last.name == "p"


def test_elements_dropped_with_their_content_are_skipped_whole_when_too_deep() -> None:
    limits = ParseLimits()
    soup = parse_fragment("<div>" * PARSE_DEPTH + "<template><p>hidden</p></template>shown",
                          limits)
    assert "hidden" not in soup.get_text() and "shown" in soup.get_text()
    assert limits.skipped == {"template": 1}


def test_script_stays_a_script_when_too_deep() -> None:
    soup = parse_fragment("<div>" * PARSE_DEPTH + "<script>if (a<b) x()</script>")
    assert soup.find("script") is not None


def test_skipped_elements_are_reported() -> None:
    report = Report()
    parse_html_fragment("<div>" * PARSE_DEPTH + "<noscript><p>x</p></noscript>",
                        base_url=None, report=report, where="t")
    assert f"dropped 1 <noscript> nested deeper than {PARSE_DEPTH} levels, and their content" in [
        d.message for d in report.diagnostics
    ]


def test_formatting_elements_are_reopened_as_the_standard_says() -> None:
    limits = ParseLimits()
    assert str(parse_fragment("<p><b><i>x<p>y", limits)) == (
        "<p><b><i>x</i></b></p><p><b><i>y</i></b></p>"
    )
    assert limits.reopened == 2 and limits.not_reopened == 0


def test_reopened_formatting_elements_are_bounded() -> None:
    # Unbounded, 2,000 of these make two million elements (§13.2.4.3 reopens all the <b>s
    # before each new one).
    limits = ParseLimits()
    markup = "".join(f"<div><b id={n}>x</div>" for n in range(2000))
    soup = parse_fragment(markup, limits)
    assert len(soup.find_all(True)) <= 2 * limits.start_tags + REOPEN_ALLOWANCE
    assert limits.not_reopened > 0
    assert soup.get_text() == "x" * 2000


def test_formatting_elements_not_reopened_are_reported_once() -> None:
    report = Report()
    markup = "".join(f"<p><b id={n}>x" for n in range(200))
    parse_html_fragment(markup, base_url=None, report=report, where="t")
    assert report.by_code() == {"nesting-flattened": 1}


@pytest.mark.parametrize(
    "unit",
    ["<div>", "<ul><li>", "<i><b><u>", "<table>x<b></b>", "<p><b id=K>x", "<li><dd>"],
)
def test_pathological_markup_parses_in_linear_time(unit: str) -> None:
    # Unbounded, 200 KB of any of these takes from 20 s to several minutes; bounded, about 0.5 s.
    markup = "".join(unit.replace("K", str(n)) for n in range(200_000 // len(unit)))
    start = time.perf_counter()
    parse_fragment(markup)
    assert time.perf_counter() - start < 15


def test_text_across_the_streams_chunks_is_read_whole() -> None:
    # tinyhtml5 reads 10,240 characters at a time; runs of text go across chunks.
    text = "a" * 25_000 + "&amp;" + " b" * 12_000 + "&lt;c"
    assert parse_fragment(f"<p>{text}</p>").get_text() == text.replace("&amp;", "&").replace(
        "&lt;", "<"
    )
