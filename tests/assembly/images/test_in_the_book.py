"""Packaged images in the book: sanitised in the EPUB, one file per picture, and what is
refused falls back to its alt text."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from lxml import etree

from peptidebook.assembly import assemble
from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.fetching import MemoryFetcher
from peptidebook.i18n import BookText
from peptidebook.model import Article, Book, BookMeta, Figure, Paragraph, Source, Text
from peptidebook.model import Image as ImageNode
from peptidebook.walk import iter_blocks

from ...helpers import EpubFile
from .helpers import NS, encoded, picture, png_claiming, svg, with_gps

HOSTILE_SVG = svg(
    '<script>alert(1)</script><style>@import url(http://x.example/a.css);</style>'
    '<a xlink:href="javascript:alert(2)"><text>&c;</text></a>'
    '<image href="https://evil.example/x.png" width="1" height="1"/>'
    '<use href="https://evil.example/s.svg#x"/>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>',
    root='onload="alert(3)"', prolog='<!DOCTYPE svg [<!ENTITY c "text">]>')


def test_hostile_svg_reaches_the_epub_sanitised(tmp_path: Path) -> None:
    post = {"title": {"rendered": "Pictures"}, "slug": "pictures",
            "link": "https://example.org/p/", "date_gmt": "2026-01-01T00:00:00",
            "content": {"rendered": '<p>Intro.</p><figure><img src="https://example.org/a.svg"'
                                    ' alt="A chart"/></figure>'}}
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    report = Report()
    result = build([tmp_path / "post.json"], output_dir=tmp_path / "out", report=report,
                   fetcher=MemoryFetcher({"https://example.org/a.svg": HOSTILE_SVG}))
    epub = EpubFile(result.outputs[0])
    (name,) = [n for n in epub.zip.namelist() if n.endswith(".svg")]
    data = epub.zip.read(name)
    tree = etree.fromstring(data)
    assert tree.xpath("//s:script | //s:foreignObject | //s:image | //s:use | //s:a | //@onload",
                      namespaces=NS) == []
    for gone in (b"DOCTYPE", b"ENTITY", b"javascript", b"evil", b"x.example", b"xhtml"):
        assert gone not in data
    assert "".join(tree.itertext()) == "text"  # the link's text stays
    assert epub.opf("//opf:item[@media-type='image/svg+xml']/@href") == [
        name.removeprefix(epub.root)]
    assert report.count("svg-sanitised") == 1


def book_with(*sources: str) -> Book:
    figures = tuple(Figure(ImageNode(src, f"Picture {n}")) for n, src in enumerate(sources))
    article = Article(title="A", slug="a", blocks=(Paragraph((Text("Body."),)), *figures),
                      source=Source("wordpress-rest", "a.json", url="https://example.org/a/"))
    return Book(BookMeta("Book", "en", "urn:x"), (article,))


def test_the_same_picture_at_two_addresses_is_one_file() -> None:
    data = encoded(picture(), "PNG")
    fetcher = MemoryFetcher({"https://example.org/1.png": data, "https://example.org/2.png":
                             encoded(picture(), "PNG", exif=with_gps())})
    report = Report()
    edition = assemble(book_with("https://example.org/1.png", "https://example.org/2.png"),
                       BookText("en", report), report, fetcher)
    assert len(edition.assets) == 1
    srcs = {b.image.src for c in edition.chapters for b in iter_blocks(c.blocks)
            if isinstance(b, Figure)}
    assert srcs == {edition.assets[0].name}


def test_a_refused_image_becomes_its_alt_text_with_the_limit_reported() -> None:
    report = Report()
    url = "https://example.org/bomb.png"
    edition = assemble(book_with(url), BookText("en", report), report,
                       MemoryFetcher({url: png_claiming(50_000, 50_000)}))
    assert not edition.assets
    assert not [b for c in edition.chapters for b in iter_blocks(c.blocks)
                if isinstance(b, Figure)]
    assert [d.code for d in report.diagnostics if d.code != "no-author"] == ["input-limit"]


def test_packaged_files_carry_no_zip_duplicates(tmp_path: Path) -> None:
    """Regression: two addresses with one picture wrote one zip member twice."""
    post = {"title": {"rendered": "P"}, "slug": "p", "link": "https://example.org/p/",
            "date_gmt": "2026-01-01T00:00:00",
            "content": {"rendered": '<p>I.</p><img src="https://example.org/1.png" alt="a"/>'
                                    '<img src="https://example.org/2.png" alt="b"/>'}}
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    data = encoded(picture(), "PNG")
    out = build([tmp_path / "post.json"], output_dir=tmp_path / "out",
                fetcher=MemoryFetcher({"https://example.org/1.png": data,
                                       "https://example.org/2.png": data})).outputs[0]
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == len(set(names))
