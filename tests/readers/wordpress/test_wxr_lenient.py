"""The WXR reader's lenient parse: a malformed export is repaired, and every repair is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.errors import InputError
from peptidebook.model import Paragraph, Text

from .wxr_text import export, item, read, said


def test_a_well_formed_export_reports_no_repair(tmp_path: Path) -> None:
    _, report = read(tmp_path, export(item()))
    assert said(report, "xml-repaired") == []


def test_a_bare_ampersand_is_escaped_and_the_text_kept(tmp_path: Path) -> None:
    text = export(item()).replace("<title>T1</title>", "<title>Salt & Pepper</title>")
    (article,), report = read(tmp_path, text)
    assert article.title == "Salt & Pepper"
    (message,) = said(report, "xml-repaired")
    assert "repaired: bare '&' escaped ×1 (line 5)" in message
    assert message.startswith("the export is not well-formed XML (invalid XML at line 5")


def test_an_html_entity_outside_cdata_becomes_its_character(tmp_path: Path) -> None:
    text = export(item()).replace("<title>T1</title>", "<title>a&eacute;b&rarr;</title>")
    (article,), report = read(tmp_path, text)
    assert article.title == "aéb→"
    assert "HTML entity written as its character reference ×2 (line 5)" in said(
        report, "xml-repaired")[0]


def test_an_ampersand_inside_cdata_is_left_alone(tmp_path: Path) -> None:
    text = export(item("<p>R&D &amp; more</p>")).replace(
        "<title>T1</title>", "<title>A & B</title>")
    (article,), _ = read(tmp_path, text)
    assert article.blocks == (Paragraph((Text("R&D & more"),)),)


def test_invalid_utf8_is_replaced_visibly(tmp_path: Path) -> None:
    data = export(item("<p>caf\x00</p>")).encode("utf-8").replace(b"\x00", b"\xe9")
    (article,), report = read(tmp_path, data)
    assert article.blocks == (Paragraph((Text("caf\ufffd"),)),)
    assert "invalid UTF-8 byte sequence shown as U+FFFD ×1 (line 5)" in said(
        report, "xml-repaired")[0]


def test_characters_xml_forbids_are_replaced_visibly(tmp_path: Path) -> None:
    # Found by the hostile-input property test: a noncharacter and a reference to a surrogate
    # made even the recovering parser's tree unreadable, and the reader crashed.
    (article,), report = read(tmp_path, export(item("<p>a\ufffe b&#55296;</p>")))
    assert article.blocks == (Paragraph((Text("a\ufffd b\ufffd"),)),)
    assert "character XML forbids shown as U+FFFD ×2" in said(report, "xml-repaired")[0]


def test_cdata_holding_its_own_end_is_split_as_wordpress_writes_it(tmp_path: Path) -> None:
    text = export(item()).replace("<title>T1</title>", "<title><![CDATA[a ]]> b]]></title>")
    (article,), report = read(tmp_path, text)
    assert article.title == "a ]]> b"
    assert "']]>' inside a CDATA section split ×1" in said(report, "xml-repaired")[0]


def test_adjacent_cdata_sections_are_not_split(tmp_path: Path) -> None:
    # Well-formed sections that close and reopen, in a file broken elsewhere.
    text = export(item("<p>a]]> <![CDATA[b</p>")).replace("<title>T1</title>",
                                                          "<title>x & y</title>")
    (article,), report = read(tmp_path, text)
    assert article.blocks == (Paragraph((Text("a b"),)),)
    assert "CDATA" not in said(report, "xml-repaired")[0]


def test_an_undeclared_wp_prefix_is_bound_to_wxr(tmp_path: Path) -> None:
    text = export(item()).replace(' xmlns:wp="http://wordpress.org/export/1.2/"', "")
    articles, report = read(tmp_path, text)
    assert [a.slug for a in articles] == ["p"]
    assert "undeclared prefix 'wp:' bound to its WXR namespace ×1" in said(
        report, "xml-repaired")[0]


def test_a_truncated_export_is_recovered_and_lost_items_said(tmp_path: Path) -> None:
    text = export(item(), item("<p>Second</p>", post_id=2, slug="q"))
    text = text[: text.rindex("<wp:post_type>")]  # the second item is cut in its middle
    articles, report = read(tmp_path, text)
    assert [a.slug for a in articles] == ["p"]
    (message,) = said(report, "xml-repaired")
    assert "then read by a recovering parser" in message


def test_a_dtd_is_refused_even_in_a_broken_file(tmp_path: Path) -> None:
    text = export(item()).replace("<rss", '<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss', 1)
    text = text.replace("<title>T1</title>", "<title>A & B</title>")
    with pytest.raises(InputError, match="refusing a WXR file with a DTD"):
        read(tmp_path, text)


def test_a_file_too_broken_to_hold_any_item_is_refused(tmp_path: Path) -> None:
    text = "<rss><channel><item></itemx>" * 2
    with pytest.raises(InputError):
        read(tmp_path, text)
