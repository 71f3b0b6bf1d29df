"""The Markdown reader: CommonMark with tables and strikethrough, front matter, raw HTML
through the one HTML mapper."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import InputError
from peptidebook.model import (
    Article,
    BulletList,
    Emph,
    Heading,
    Link,
    Paragraph,
    Table,
    Text,
)
from peptidebook.readers import detect, read_file


def read(tmp_path: Path, text: str, name: str = "post.md") -> tuple[Article, Report]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = Report()
    [article] = read_file(path, report)
    return article, report


@pytest.mark.parametrize("name", ["a.md", "b.markdown", "C.MD"])
def test_markdown_suffixes(name: str) -> None:
    assert detect(Path(name)) == "markdown"


def test_commonmark_blocks_and_inlines(tmp_path: Path) -> None:
    article, _report = read(tmp_path, "## Dosing\n\nTake *one* [dose](https://e.org/d).\n\n"
                                      "- a\n- b\n")
    heading, paragraph, bullets = article.blocks
    assert heading == Heading(2, (Text("Dosing"),))
    assert isinstance(paragraph, Paragraph)
    assert Emph((Text("one"),)) in paragraph.children
    assert any(isinstance(i, Link) and i.href == "https://e.org/d" for i in paragraph.children)
    assert isinstance(bullets, BulletList) and len(bullets.items) == 2


def test_tables(tmp_path: Path) -> None:
    article, _report = read(tmp_path, "| a | b |\n|---|---|\n| 1 | 2 |\n")
    [table] = article.blocks
    assert isinstance(table, Table) and len(table.head) == 1 and len(table.body) == 1


def test_strikethrough_is_parsed_and_its_text_kept(tmp_path: Path) -> None:
    # The mapper keeps the text of <s>/<del> (the model has no deleted-text node); the point
    # is that "~~" does not reach the book.
    article, _report = read(tmp_path, "~~gone~~ kept\n")
    assert article.blocks == (Paragraph((Text("gone"), Text(" kept"))),)


def test_raw_html_goes_through_the_mapper(tmp_path: Path) -> None:
    article, report = read(tmp_path, "Text.\n\n<script>alert(1)</script>\n\n<p>kept</p>\n")
    assert article.blocks == (Paragraph((Text("Text."),)), Paragraph((Text("kept"),)))
    assert "dropped-unsafe" in {d.code for d in report.diagnostics}


YAML = """---
title: "Growth hormone: a primer"
authors:
  - Ada Lovelace
  - 'Alan Turing'
date: 2024-01-31
lang: pt_BR
url: https://example.org/blog/gh-primer/
description: What GH does.
tags:
  nested: ignored
---
# Heading one

Body.
"""


def test_yaml_front_matter(tmp_path: Path) -> None:
    article, report = read(tmp_path, YAML)
    assert (article.title, article.authors, article.published, article.lang, article.summary,
            article.source.url, article.slug) == (
        "Growth hormone: a primer", ("Ada Lovelace", "Alan Turing"),
        datetime(2024, 1, 31, tzinfo=UTC), "pt-BR", "What GH does.",
        "https://example.org/blog/gh-primer/", "gh-primer")
    assert not {"no-title", "no-author"} & {d.code for d in report.diagnostics}


def test_toml_front_matter(tmp_path: Path) -> None:
    text = ('+++\ntitle = "TOML title"\nauthor = "Grace Hopper"\n'
            "date = 2023-05-01T10:00:00Z\n+++\nBody.\n")
    article, _report = read(tmp_path, text)
    assert (article.title, article.authors, article.published) == (
        "TOML title", ("Grace Hopper",), datetime(2023, 5, 1, 10, tzinfo=UTC))
    assert article.blocks == (Paragraph((Text("Body."),)),)


def test_broken_toml_front_matter_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="TOML front matter does not parse"):
        read(tmp_path, '+++\ntitle = "unclosed\n+++\nBody.\n')


def test_the_first_h1_is_the_title_without_front_matter(tmp_path: Path) -> None:
    article, _report = read(tmp_path, "# The *real* title\n\nBody.\n")
    assert article.title == "The real title"


def test_no_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    article, report = read(tmp_path, "Body only.\n", "gh-notes.md")
    assert article.title == "Gh notes"
    assert {"no-title", "no-author"} <= {d.code for d in report.diagnostics}


def test_a_leading_rule_without_a_closing_one_is_text(tmp_path: Path) -> None:
    article, _report = read(tmp_path, "---\nBody.\n")
    assert Paragraph((Text("Body."),)) in article.blocks


@pytest.mark.parametrize(("text", "reason"), [
    ("", "the file is empty"),
    ("---\ntitle: x\n---\n", "front matter only"),
])
def test_refusals(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read(tmp_path, text)


def test_a_front_matter_url_that_is_no_address_is_not_the_articles(tmp_path: Path) -> None:
    # A Hexo post (corpus markdown/shell32-zh-…): "url: 658.html" is a permalink, not an
    # address; as the article's address it became links to a file the book does not hold.
    article, report = read(tmp_path, "---\ntitle: T\nurl: 658.html\n---\n\nSee [x](y.html).\n")
    assert article.source.url is None
    assert article.slug == "post"
    assert report.by_code()["link-unwrapped"] == 2  # the url, then the relative link
