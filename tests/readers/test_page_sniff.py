"""What a source on stdin (``-``) is taken for, by its first bytes: HTML is told apart from
JSON, a WordPress export and plain text."""

from __future__ import annotations

import pytest

from peptidebook.readers import sniff_suffix


@pytest.mark.parametrize(("data", "suffix"), [
    (b'{"id": 1}', ".json"),
    (b"\xef\xbb\xbf [ {} ]", ".json"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', ".xml"),
    (b'<?xml version="1.0"?>\n<feed>', ".xml"),
    (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', ".xhtml"),
    (b"<!DOCTYPE html>\n<html lang='en'>", ".html"),
    (b"<html><body><p>x</p></body></html>", ".html"),
    (b"<!-- saved from url=(0022)https://example.org/ -->\n<html>", ".html"),
    (b"<!-- wp:paragraph -->\n<p>Text</p>\n<!-- /wp:paragraph -->", ".html"),
    (b"\n  <p>A post fragment.</p>", ".html"),
    (b"<h2>Dosing</h2>", ".html"),
    (b"Plain text article\n\nWith paragraphs.", ".txt"),
    (b"<3 peptides, a plain-text post", ".txt"),
    (b"# A Markdown heading", ".txt"),
])
def test_sniff_suffix(data: bytes, suffix: str) -> None:
    assert sniff_suffix(data) == suffix
