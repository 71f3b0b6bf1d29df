"""The WordPress WXR reader: the published posts and pages of an export become raw Articles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.dump import dump_article
from peptidebook.errors import InputError
from peptidebook.model import Article, Figure, Image, Paragraph, Source, Text
from peptidebook.readers import read_file

WXR = Path(__file__).parents[1] / "fixtures" / "sample.wxr"


# --------------------------------------------------------------------------- metadata


@pytest.fixture(scope="module")
def wxr_articles() -> list[Article]:
    report = Report()
    articles = read_file(WXR, report)
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("left-out", "left out 1 attachment, 1 draft post")
    ]
    return articles


def test_wxr_reads_published_posts_and_pages_only(wxr_articles: list[Article]) -> None:
    assert [a.slug for a in wxr_articles] == ["sermorelin-sleep", "about"]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Sermorelin & Sleep"),
        ("authors", ("Ada Lovelace",)),
        ("published", datetime(2026, 5, 5, 17, 57, 35, tzinfo=UTC)),
        ("summary", "Why timing matters."),
        ("lang", None),
    ],
)
def test_wxr_post_metadata(wxr_articles: list[Article], field: str, expected: object) -> None:
    assert getattr(wxr_articles[0], field) == expected


def test_wxr_source_has_channel_title_as_publisher(wxr_articles: list[Article]) -> None:
    assert wxr_articles[0].source == Source(
        "wordpress-wxr",
        str(WXR),
        url="https://peptides.example.org/sermorelin-sleep/",
        publisher="Peptide Notes",
        site_language="en-US",
    )


def test_wxr_channel_language_is_a_site_hint_not_the_post_language(
        wxr_articles: list[Article]) -> None:
    assert wxr_articles[0].lang is None
    assert wxr_articles[0].source.site_language == "en-US"


def test_wxr_attachment_alt_text_reaches_the_image(wxr_articles: list[Article]) -> None:
    assert wxr_articles[0].blocks[-1] == Figure(
        Image(
            "https://peptides.example.org/wp-content/uploads/vial.jpg",
            "A reconstituted sermorelin vial",
        )
    )


def test_wxr_classic_content_gets_paragraphs(wxr_articles: list[Article]) -> None:
    assert [type(b).__name__ for b in wxr_articles[1].blocks] == ["Paragraph", "Paragraph"]
    assert wxr_articles[1].blocks[1] == Paragraph((Text("A second paragraph."),))


def test_wxr_unset_gmt_date_falls_back_to_local_date(wxr_articles: list[Article]) -> None:
    assert wxr_articles[1].published == datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&xxe;</title></channel></rss>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, "refusing a WXR file with a DTD"),
        (EXTERNAL_ENTITY, "refusing a WXR file with a DTD"),
        # Truncated: read leniently (xml-repaired), then truly empty.
        ("<rss><channel>", "holds no published post or page; it holds nothing"),
        ("<html><body/></html>", "not a WordPress export (WXR): no <rss><channel>"),
        ("<rss><channel><title>x</title></channel></rss>", "holds no published post or page"),
    ],
)
def test_wxr_input_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_file(path, Report())
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


# --------------------------------------------------------------------------- hostile input


WXR_POST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Site</title><link>https://ex.org</link>
<item><title>{title}</title><link>https://ex.org/p/</link><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_name>p</wp:post_name><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
</item></channel></rss>
"""


def read_wxr_text(tmp_path: Path, text: str, encoding: str = "utf-8") -> tuple[Article, Report]:
    path = tmp_path / "export.xml"
    path.write_bytes(text.encode(encoding))
    report = Report()
    (article,) = read_file(path, report)
    return article, report


def test_wxr_control_character_references_leave_the_content(tmp_path: Path) -> None:
    article, report = read_wxr_text(
        tmp_path, WXR_POST.format(title="Title", content="<p>a&#0;b&#12;c&#x1b;d</p>")
    )
    assert article.blocks == (Paragraph((Text("a\ufffdb cd"),)),)
    assert [(d.where, d.message) for d in report.diagnostics if d.code == "control-removed"] == [
        ("p", ("removed 1 control character (U+001B ×1) from the content; replaced 1 control "
              "character (U+000C ×1) in the content by a space"))
    ]


def test_wxr_raw_control_characters_are_removed_before_parsing(tmp_path: Path) -> None:
    article, report = read_wxr_text(
        tmp_path, WXR_POST.format(title="Ti\x00tle", content="<p>a\x01b\x0cc\x85d</p>")
    )
    assert article.title == "Title"
    assert article.blocks == (Paragraph((Text("ab c\nd"),)),)
    assert [(d.where, d.message) for d in report.diagnostics if d.code == "control-removed"] == [
        (str(tmp_path / "export.xml"),
         ("removed 2 control characters (U+0000 ×1, U+0001 ×1) from the export file; replaced 1 "
         "control character (U+000C ×1) in the export file by a space")),
        ("p", "replaced 1 control character (U+0085 ×1) in the content by a line break"),
    ]


def test_wxr_in_utf16_is_not_filtered_byte_by_byte(tmp_path: Path) -> None:
    text = WXR_POST.format(title="Ti\u0100tle", content="<p>\u0100 text</p>").replace(
        'encoding="UTF-8"', 'encoding="UTF-16"'
    )
    article, report = read_wxr_text(tmp_path, text, "utf-16")
    assert article.title == "Ti\u0100tle"
    assert report.count("control-removed") == 0


@pytest.mark.parametrize(
    ("open_tag", "close_tag", "levels"),
    [("<b>", "</b>", 250), ("<blockquote>", "</blockquote>", 250), ("<div>", "</div>", 490)],
)
def test_wxr_deeply_nested_content_is_flattened(
    tmp_path: Path, open_tag: str, close_tag: str, levels: int
) -> None:
    content = "<p>Intro.</p>" + open_tag * levels + "deep" + close_tag * levels
    article, report = read_wxr_text(tmp_path, WXR_POST.format(title="T", content=content))
    assert "deep" in dump_article(article)
    assert report.count("nesting-flattened") == 1
