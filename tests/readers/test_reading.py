"""The reading step (``readers.read_file``): book.toml's overrides, then what is still missing
reported once per article, with the reader's reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peptidebook.config import SourceConfig
from peptidebook.diagnostics import Report
from peptidebook.readers import read_file

POST = {"slug": "s", "link": "https://ex.org/s/", "title": {"rendered": ""},
        "content": {"rendered": "<p>Body.</p>"}, "date_gmt": "2026-05-05T17:57:35"}


def post(tmp_path: Path, **fields: object) -> Path:
    path = tmp_path / "post.json"
    path.write_text(json.dumps({**POST, **fields}), encoding="utf-8")
    return path


def text(tmp_path: Path) -> Path:
    path = tmp_path / "a-note.txt"
    path.write_text("Some text.\n", encoding="utf-8")
    return path


def said(report: Report) -> dict[str, list[str]]:
    return {code: [d.message for d in report.diagnostics if d.code == code]
            for code in ("no-title", "no-author")}


def test_the_reader_s_reasons_are_reported_once(tmp_path: Path) -> None:
    report = Report()
    (article,) = read_file(post(tmp_path), report)
    assert article.title == "s"
    assert said(report) == {"no-title": ["the post has no title; using its slug 's'"],
                            "no-author": ["the post names no author (no _embedded.author)"]}


@pytest.mark.parametrize("make", [post, text], ids=["rest", "text"])
def test_book_toml_answers_what_the_source_lacks(tmp_path: Path, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    report = Report()
    (article,) = read_file(path, report, SourceConfig(path, title="Given", authors=("A. B.",)))
    assert (article.title, article.authors) == ("Given", ("A. B.",))
    assert said(report) == {"no-title": [], "no-author": []}


def test_an_empty_author_list_in_book_toml_is_still_no_author(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**POST, "title": {"rendered": "T"},
                                "_embedded": {"author": [{"name": "Ada"}]}}), encoding="utf-8")
    report = Report()
    (article,) = read_file(path, report, SourceConfig(path, authors=()))
    assert article.authors == ()
    assert said(report) == {"no-title": [], "no-author": [
        "the article names no author (book.toml gives none)"]}
