"""The EPUB package: XPath checks on package.opf and nav.xhtml, determinism, no remote refs."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from peptidebook.assembly.accessibility import accessibility
from peptidebook.assembly.contents import table_of_contents
from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.errors import OutputError
from peptidebook.fetching import MemoryFetcher
from peptidebook.i18n import BookText
from peptidebook.model import BookMeta, Chapter, Contents, Edition, Text
from peptidebook.reproducible import UNDATED, build_stamp
from peptidebook.writers.epub import write_epub
from peptidebook.writers.epub_package import zip_time

from ..conftest import EXAMPLES
from ..helpers import NS, EpubFile

#: A valid 1×1 transparent PNG (images are decoded before packaging: assembly.images).
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\x0bIDATx\xdac`\x00\x02\x00\x00\x05\x00\x01\xe9\xfa\xdc"
       b"\xd8\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> EpubFile:
    out = tmp_path_factory.mktemp("epub")
    result = build(config_path=EXAMPLES / "book.toml", output_dir=out)
    return EpubFile(result.outputs[0])


def test_mimetype_is_first_and_stored(sample: EpubFile) -> None:
    first = sample.zip.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)


@pytest.mark.parametrize(("expr", "expected"), [
    ("string(/opf:package/@xml:lang)", "en"),
    ("string(//dc:language)", "en"),
    ("string(//dc:title)", "Peptides, Read Closely"),
    ("count(//opf:spine/@toc)", 0.0),
    ("string(//opf:meta[@property='schema:accessibilityHazard'])", "none"),
    ("string(//opf:meta[@property='dcterms:conformsTo'])",
     "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"),
    ("count(//opf:item[@properties='nav'])", 1.0),
    ("starts-with(string(//dc:identifier), 'urn:uuid:')", True),
    # unique-identifier names the dc:identifier (EPUB 3.3 #sec-package-elem).
    ("starts-with(string(//dc:identifier[@id = /opf:package/@unique-identifier]), 'urn:')",
     True),
    ("count(//opf:meta[@property='dcterms:modified'])", 1.0),
    # No certifier: nobody tested and certified the book (EPUB Accessibility 1.1 §5.2).
    ("count(//opf:meta[@property='a11y:certifiedBy'])", 0.0),
    (("contains(//opf:meta[@property='schema:accessibilitySummary'], "
      "'this file itself was not checked')"), True),
    ("count(//opf:guide | //opf:item[@media-type='application/x-dtbncx+xml'])", 0.0),
])
def test_package_document(sample: EpubFile, expr: str, expected: object) -> None:
    assert sample.opf(expr) == expected


def test_container_names_the_package_document(sample: EpubFile) -> None:
    container = sample.tree("META-INF/container.xml")
    (rootfile,) = container.xpath("//c:rootfile", namespaces=NS)
    assert rootfile.get("media-type") == "application/oebps-package+xml"
    assert rootfile.get("full-path") in sample.zip.namelist()


def test_modified_is_utc_to_the_second_and_sets_every_zip_time(sample: EpubFile) -> None:
    """EPUB 3.3 #sec-metadata-last-modified; one time and mode for every ZIP entry."""
    (modified,) = sample.opf("//opf:meta[@property='dcterms:modified']/text()")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    stamp = datetime.fromisoformat(modified)
    infos = sample.zip.infolist()
    assert {i.date_time for i in infos} == {zip_time(stamp)}
    assert {(i.external_attr >> 16, i.extra) for i in infos} == {(0o644, b"")}


def test_access_modes_are_textual_without_images(sample: EpubFile) -> None:
    assert sample.opf("//opf:meta[@property='schema:accessMode']/text()") == ["textual"]
    assert "alternativeText" not in sample.opf(
        "//opf:meta[@property='schema:accessibilityFeature']/text()")


def test_spine_reads_title_contents_preface_articles_glossary_references(
        sample: EpubFile) -> None:
    names = [h.rsplit("/", 1)[-1] for h in sample.spine_hrefs()]
    assert names[:3] == ["titlepage.xhtml", "nav.xhtml", "preface.xhtml"]
    # The sample's teasers for other articles are listed after the glossary.
    assert names[-3:] == ["glossary.xhtml", "related-articles.xhtml", "references.xhtml"]
    assert sum(n.startswith("ch") for n in names) == 3


def test_nav_has_toc_with_every_chapter_and_landmarks(sample: EpubFile) -> None:
    nav = "text/nav.xhtml"
    chapters = sample.doc(nav, "//x:nav[@epub:type='toc']/x:ol/x:li/x:a/@href")
    assert len(chapters) == 8
    landmarks = sample.doc(nav, "//x:nav[@epub:type='landmarks']//x:a/@epub:type")
    assert set(landmarks) >= {"toc", "bodymatter", "preface", "glossary", "bibliography"}
    assert sample.doc(nav, "//x:nav[@epub:type='toc']//x:ol/x:li/x:ol/x:li")


def test_every_document_declares_its_language(sample: EpubFile) -> None:
    for href in sample.spine_hrefs():
        assert sample.doc(href, "string(/x:html/@lang)") == "en"
        assert sample.doc(href, "string(/x:html/@xml:lang)") == "en"


def test_chapters_carry_epub_type_and_matching_role(sample: EpubFile) -> None:
    for href in sample.spine_hrefs():
        for section in sample.doc(href, "//x:section[@epub:type]"):
            kind = section.get("{http://www.idpf.org/2007/ops}type")
            if kind != "titlepage":
                assert section.get("role") == f"doc-{kind}"


def test_no_remote_resources_and_no_inline_style(sample: EpubFile) -> None:
    for href in sample.spine_hrefs():
        assert not sample.doc(href, "//x:img[starts-with(@src, 'http')]")
        assert not sample.doc(href, "//*[@style] | //x:style | //x:script")


def test_same_input_same_bytes(tmp_path: Path) -> None:
    a = build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path / "a").outputs[0]
    b = build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path / "b").outputs[0]
    assert a.read_bytes() == b.read_bytes()


def test_source_date_epoch_sets_modified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    epub = EpubFile(build(config_path=EXAMPLES / "book.toml", output_dir=tmp_path).outputs[0])
    assert epub.opf("//opf:meta[@property='dcterms:modified']/text()") == [
        "2023-11-14T22:13:20Z"]


def _tiny_edition(lang: str, stamp: datetime = UNDATED) -> Edition:
    chapters = (Chapter("titlepage", "titlepage", (Text("Book"),), ()),
                Chapter("article", "ch01", (Text("One"),), ()))
    text = BookText(lang, Report())
    return Edition(BookMeta("Book", lang, "urn:x"), chapters, table_of_contents(chapters, text),
                   stamp, accessibility(chapters, text))


def test_epoch_zero_is_modified_1970_and_zip_times_1980(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH=0 (the book's date: reproducible.build_stamp): dcterms:modified keeps
    it, ZIP (from 1980) is clamped."""
    path = write_epub(_tiny_edition("en", build_stamp(0, None)), tmp_path / "book.epub",
                      BookText("en", Report()))
    epub = EpubFile(path)
    assert epub.opf("//opf:meta[@property='dcterms:modified']/text()") == [
        "1970-01-01T00:00:00Z"]
    assert {i.date_time for i in epub.zip.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("he", "rtl"), ("de", "")])
def test_package_declares_the_book_language_and_direction(
        tmp_path: Path, lang: str, direction: str) -> None:
    path = write_epub(_tiny_edition(lang), tmp_path / "book.epub", BookText(lang, Report()))
    epub = EpubFile(path)
    assert epub.opf("string(/opf:package/@xml:lang)") == lang
    assert epub.opf("string(/opf:package/@dir)") == direction
    assert epub.opf("string(//opf:spine/@page-progression-direction)") == direction
    assert epub.spine_hrefs() == ["text/titlepage.xhtml", "text/nav.xhtml", "text/ch01.xhtml"]


def _post_with_image(tmp_path: Path, alt: str | None) -> Path:
    img = '<img src="https://example.org/a.png"' + (f' alt="{alt}"' if alt is not None else "")
    post = {"title": {"rendered": "Pictures"}, "slug": "pictures",
            "link": "https://example.org/p/", "date_gmt": "2026-01-01T00:00:00",
            "content": {"rendered": f"<p>Intro.</p><figure>{img} /></figure>"}}
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    return tmp_path / "post.json"


def test_fetched_image_is_packaged_and_alt_text_claimed(tmp_path: Path) -> None:
    source = _post_with_image(tmp_path, "A vial")
    fetcher = MemoryFetcher({"https://example.org/a.png": PNG})
    epub = EpubFile(build([source], output_dir=tmp_path / "out", fetcher=fetcher).outputs[0])
    assert epub.opf("//opf:item[@media-type='image/png']/@href")
    assert "alternativeText" in epub.opf(
        "//opf:meta[@property='schema:accessibilityFeature']/text()")
    assert set(epub.opf("//opf:meta[@property='schema:accessMode']/text()")) == {
        "textual", "visual"}


def test_image_that_cannot_be_fetched_becomes_alt_text_and_link(tmp_path: Path) -> None:
    source = _post_with_image(tmp_path, "A vial")
    report = Report()
    epub = EpubFile(build([source], output_dir=tmp_path / "out", report=report).outputs[0])
    chapter = next(h for h in epub.spine_hrefs() if "pictures" in h)
    assert not epub.doc(chapter, "//x:img")
    assert epub.doc(chapter, "//x:a[@href='https://example.org/a.png']")
    assert "A vial" in "".join(epub.doc(chapter, "//x:p//text()"))
    assert report.count("fetch-refused") == 1


def test_image_without_alt_is_reported_and_not_claimed(tmp_path: Path) -> None:
    source = _post_with_image(tmp_path, None)
    report = Report()
    fetcher = MemoryFetcher({"https://example.org/a.png": PNG})
    epub = EpubFile(build([source], output_dir=tmp_path / "out", fetcher=fetcher,
                          report=report).outputs[0])
    assert report.count("missing-alt") == 1
    assert "alternativeText" not in epub.opf(
        "//opf:meta[@property='schema:accessibilityFeature']/text()")
    assert epub.opf("//opf:meta[@property='schema:accessModeSufficient']/text()") == [
        "textual,visual"]


def test_untraceable_mentions_are_noterefs_to_endnotes_with_backlinks(sample: EpubFile) -> None:
    """EPUB SSV noteref / DPUB-ARIA doc-noteref → an item of a doc-endnotes section in the
    References chapter, whose doc-backlink (with words, not "↩") leads back."""
    chapter = next(h for h in sample.spine_hrefs() if "ch01-" in h)
    refs = sample.doc(chapter, "//x:a[@epub:type='noteref'][@role='doc-noteref']")
    assert refs and all(r.get("aria-label").startswith("Note ") for r in refs)
    target = refs[0].get("href")
    doc, fragment = target.split("#")
    note = sample.doc(f"text/{doc}", f"//x:section[@role='doc-endnotes']//x:li[@id='{fragment}']")
    assert note
    (back,) = note[0].xpath(".//x:a[@role='doc-backlink']", namespaces={"x": XHTML_NS})
    assert back.get("href") == f"{chapter.rsplit('/', 1)[-1]}#{refs[0].get('id')}"
    assert "".join(back.itertext()).startswith("Back to the passage in “")


def test_citations_are_bibliorefs_and_entries_link_back(sample: EpubFile) -> None:
    chapter = next(h for h in sample.spine_hrefs() if "ch03-" in h)
    cites = sample.doc(chapter, "//x:a[@role='doc-biblioref'][@epub:type='biblioref']")
    assert len(cites) == 4
    doc, fragment = cites[0].get("href").split("#")
    backs = sample.doc(f"text/{doc}", f"//x:li[@id='{fragment}']//x:a[@role='doc-backlink']/@href")
    assert f"{chapter.rsplit('/', 1)[-1]}#{cites[0].get('id')}" in backs


XHTML_NS = "http://www.w3.org/1999/xhtml"


@pytest.mark.parametrize("chapter_ids", [
    ("../../escaped",), ("/tmp/absolute",), ("a b",), ("nav",), ("css",), ("img1",),
    ("x", "x"), ("2019",),
])
def test_an_edition_whose_chapter_ids_cannot_name_files_is_refused(
        tmp_path: Path, chapter_ids: tuple[str, ...]) -> None:
    """Assembly names every chapter safely; an Edition made elsewhere is checked, so no zip
    entry lands outside EPUB/text/ and no chapter overwrites another."""
    chapters = tuple(Chapter("article", ident, (Text("T"),), ()) for ident in chapter_ids)
    edition = Edition(BookMeta("Book", "en", "urn:x"), chapters, Contents((), ()), UNDATED,
                      accessibility(chapters, BookText("en", Report())))
    with pytest.raises(OutputError, match="is not a safe, unique file name"):
        write_epub(edition, tmp_path / "book.epub", BookText("en", Report()))
    assert not list(tmp_path.iterdir())
