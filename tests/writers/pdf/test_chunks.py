"""The chunked layout's plan: runs of chapters, each chunk's page numbers, side and strings."""

from __future__ import annotations

import pytest
import tinycss2  # type: ignore[import-untyped]
from lxml import etree

from peptidebook.writers.pdf.chunks import (
    CHUNKS_ENV,
    chunk_css,
    chunks_enabled,
    opening_strings,
    page_number_rules,
    plan_runs,
    without_first_page_rules,
)

X = "http://www.w3.org/1999/xhtml"


@pytest.mark.parametrize(("sizes", "target", "runs"), [
    ([10, 10, 10, 10], 20, [range(2), range(2, 4)]),
    ([10, 10, 10], 20, [range(2), range(2, 3)]),
    ([50, 5, 5], 20, [range(1), range(1, 3)]),   # a large chapter is a chunk of its own
    ([5, 5, 5], 1, [range(1), range(1, 2), range(2, 3)]),
    ([], 20, []),
])
def test_runs_close_once_they_reach_the_target(sizes: list[int], target: int,
                                                runs: list[range]) -> None:
    assert plan_runs(sizes, target) == runs


def page_selectors(css: str) -> list[str]:
    return [tinycss2.serialize(rule.prelude).strip()
            for rule in tinycss2.parse_stylesheet(css, skip_comments=True,
                                                  skip_whitespace=True)
            if rule.type == "at-rule" and rule.lower_at_keyword == "page"]


def test_a_chunk_after_the_first_page_has_no_first_page_rules() -> None:
    css = ("@page { margin: 1cm; }\n@page :first { @top-left { content: none; } }\n"
           "@page chapter:first, chapter { margin: 2cm; }\np { color: red; }")
    out = without_first_page_rules(css)
    assert page_selectors(out) == ["", "chapter"]
    assert "p { color: red; }" in out and "margin: 2cm" in out


@pytest.mark.parametrize(("first", "ltr", "side"), [
    (1, True, None), (2, True, "left"), (3, True, None),
    (1, False, None), (2, False, "right"), (5, False, None),
])
def test_a_chunk_starts_its_page_counter_and_side_where_the_book_has_them(
        first: int, ltr: bool, side: str | None) -> None:
    css = chunk_css(first, ltr, {}).decode()
    assert f"@page :first {{ counter-reset: page {first}; }}" in css
    assert ("break-before" in css) is (side is not None)
    if side:
        assert f"break-before: {side};" in css


def test_strings_are_escaped_as_css_strings() -> None:
    css = chunk_css(3, True, {"book": 'Say "hi" \\ bye'}).decode()
    assert 'string-set: book "Say \\"hi\\" \\\\ bye";' in css


def section(classes: str, title: str) -> etree._Element:
    element = etree.Element(f"{{{X}}}section", {"class": classes})
    header = etree.SubElement(element, f"{{{X}}}header")
    h1 = etree.SubElement(header, f"{{{X}}}h1")
    h1.text = f"  {title}\n "
    return element


def test_a_chunk_opens_with_the_book_title_but_sets_its_own_chapter() -> None:
    nav = etree.Element(f"{{{X}}}nav", {"class": "print-toc"})
    body = [section("chapter titlepage", "The  Book"), nav,
            section("chapter", "One"), section("chapter", "Two")]
    assert opening_strings(body, range(3, 4)) == {"book": "The Book"}
    assert opening_strings(body, range(1, 2)) == {"book": "The Book", "chapter": ""}
    assert opening_strings(body, range(2)) == {}


@pytest.mark.parametrize(("value", "enabled"), [("1", True), ("0", False), ("", False)])
def test_the_chunked_layout_is_switched_on_by_the_environment(
        monkeypatch: pytest.MonkeyPatch, value: str, enabled: bool) -> None:
    monkeypatch.setenv(CHUNKS_ENV, value)
    assert chunks_enabled() is enabled


def test_rules_printing_a_target_page_are_restated_for_numbers_given_as_text() -> None:
    css = ("nav.print-toc a::after { content: leader(dotted) \" \" "
           "target-counter(attr(href url), page); font-weight: normal; }\n"
           "a.backlink::after, a.x { content: target-counter( attr(href url) , page) "
           "attr(data-after); }\np::after { content: counter(page); }")
    rules = page_number_rules(css)
    assert "target-counter" not in rules and "counter(page)" not in rules
    assert 'nav.print-toc a[data-page]::after { content: leader(dotted) " " attr(data-page);' \
        in rules
    assert "a.backlink[data-page]::after, a.x[data-page] {" in rules
