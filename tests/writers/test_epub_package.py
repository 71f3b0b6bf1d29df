"""The package files we write ourselves: container.xml, the package document, the OCF ZIP."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from peptidebook.writers.epub_package import (
    OPF_PATH,
    MetaProperty,
    Package,
    PackageMetadata,
    Resource,
    container_xml,
    modified_value,
    package_document,
    write_ocf,
    zip_time,
)

from ..helpers import NS

STAMP = datetime(2024, 3, 1, 12, 30, 45, tzinfo=UTC)
XHTML = "application/xhtml+xml"


def _package(**changes: Any) -> Package:
    metadata = PackageMetadata(
        identifier="urn:uuid:0ecd7d08-3680-58b4-80de-782dec23cb7d", title="A Book",
        languages=("en", "de"), modified=STAMP, creators=("Ann", "Bob"),
        description="On peptides",
        properties=(MetaProperty("schema:accessMode", "textual"),
                    MetaProperty("schema:accessibilityHazard", "none")))
    resources = (
        Resource("css", "styles/book.css", "text/css", b"p {}"),
        Resource("nav", "text/nav.xhtml", XHTML, b"<nav/>", properties=("nav",)),
        Resource("titlepage", "text/titlepage.xhtml", XHTML, b"<title/>"),
        Resource("ch01", "text/ch01.xhtml", XHTML, b"<ch/>"),
    )
    package = Package(metadata, resources, ("titlepage", "nav", "ch01"))
    return replace(package, **changes)


def _opf(package: Package, expr: str) -> Any:
    return etree.fromstring(package_document(package)).xpath(expr, namespaces=NS)


# ------------------------------------------------------------------------ container.xml


def test_container_names_the_package_document() -> None:
    root = etree.fromstring(container_xml())
    (rootfile,) = root.xpath("/c:container[@version='1.0']/c:rootfiles/c:rootfile",
                             namespaces=NS)
    assert (rootfile.get("full-path"), rootfile.get("media-type")) == (
        OPF_PATH, "application/oebps-package+xml")


# ------------------------------------------------------------------------ package document


@pytest.mark.parametrize(("expr", "expected"), [
    ("string(/opf:package/@version)", "3.0"),
    ("string(/opf:package/@xml:lang)", "en"),
    ("count(/opf:package/@dir)", 0.0),
    ("count(/opf:package/@prefix)", 0.0),
    # unique-identifier names the dc:identifier (EPUB 3.3 #sec-package-elem).
    ("string(//dc:identifier[@id = /opf:package/@unique-identifier])",
     "urn:uuid:0ecd7d08-3680-58b4-80de-782dec23cb7d"),
    ("//dc:language/text()", ["en", "de"]),
    ("//dc:creator/text()", ["Ann", "Bob"]),
    ("//dc:creator/@id", ["creator1", "creator2"]),
    ("string(//dc:description)", "On peptides"),
    ("count(//dc:publisher | //dc:date)", 0.0),
    ("//opf:meta[@property='dcterms:modified']/text()", ["2024-03-01T12:30:45Z"]),
    ("//opf:meta/@property", ["dcterms:modified", "schema:accessMode",
                              "schema:accessibilityHazard"]),
    ("//opf:item/@id", ["css", "nav", "titlepage", "ch01"]),
    ("//opf:item[@properties='nav']/@href", ["text/nav.xhtml"]),
    ("//opf:spine/opf:itemref/@idref", ["titlepage", "nav", "ch01"]),
    ("count(//opf:spine/@*)", 0.0),  # no toc="ncx", no page-progression-direction
    ("count(//opf:guide)", 0.0),
])
def test_package_document(expr: str, expected: object) -> None:
    assert _opf(_package(), expr) == expected


def test_right_to_left_book_sets_dir_and_page_progression() -> None:
    metadata = replace(_package().metadata, languages=("ar",))
    package = _package(metadata=metadata, direction="rtl")
    assert _opf(package, "string(/opf:package/@dir)") == "rtl"
    assert _opf(package, "string(/opf:package/@xml:lang)") == "ar"
    assert _opf(package, "string(//opf:spine/@page-progression-direction)") == "rtl"


def test_optional_dc_elements_are_written_when_given() -> None:
    metadata = replace(_package().metadata, publisher="Pub", date="2024-02-29")
    package = _package(metadata=metadata)
    assert _opf(package, "string(//dc:publisher)") == "Pub"
    assert _opf(package, "string(//dc:date)") == "2024-02-29"


@pytest.mark.parametrize(("stamp", "expected"), [
    (STAMP, "2024-03-01T12:30:45Z"),
    (datetime(2024, 3, 1, 14, 30, 45, 999, tzinfo=timezone(timedelta(hours=2))),
     "2024-03-01T12:30:45Z"),
    (datetime(1970, 1, 1, tzinfo=UTC), "1970-01-01T00:00:00Z"),
])
def test_modified_is_utc_to_the_second(stamp: datetime, expected: str) -> None:
    """EPUB 3.3 #sec-metadata-last-modified: YYYY-MM-DDThh:mm:ssZ, in UTC."""
    assert modified_value(stamp) == expected
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expected)


@pytest.mark.parametrize(("change", "message"), [
    ({"spine": ("titlepage", "missing")}, "the spine names no resource 'missing'"),
    ({"direction": "ttb"}, "unknown direction"),
])
def test_an_inconsistent_package_is_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _package(**change)


@pytest.mark.parametrize("extra", [
    Resource("ch01", "text/other.xhtml", XHTML, b""),      # an id taken by a resource
    Resource("other", "text/ch01.xhtml", XHTML, b""),      # an href taken
    Resource("id", "text/id.xhtml", XHTML, b""),           # the dc:identifier's id
    Resource("creator2", "text/c.xhtml", XHTML, b""),      # a dc:creator's id
])
def test_every_id_and_href_is_unique(extra: Resource) -> None:
    with pytest.raises(ValueError, match="its own id and href"):
        _package(resources=(*_package().resources, extra))


@pytest.mark.parametrize("navs", [0, 2])
def test_a_package_has_one_navigation_document(navs: int) -> None:
    others = tuple(r for r in _package().resources if r.id != "nav")
    extra = tuple(Resource(f"nav{n}", f"text/nav{n}.xhtml", XHTML, b"", properties=("nav",))
                  for n in range(navs))
    with pytest.raises(ValueError, match="exactly one navigation document"):
        _package(resources=(*others, *extra), spine=("titlepage",))


def test_metadata_needs_a_language_and_an_aware_time() -> None:
    with pytest.raises(ValueError, match="dc:language"):
        replace(_package().metadata, languages=())
    with pytest.raises(ValueError, match="timezone-aware"):
        replace(_package().metadata, modified=datetime(2024, 1, 1))  # noqa: DTZ001 -- a naive time, on purpose


# ------------------------------------------------------------------------ the ZIP


@pytest.fixture
def written(tmp_path: Path) -> zipfile.ZipFile:
    write_ocf(_package(), tmp_path / "book.epub")
    return zipfile.ZipFile(tmp_path / "book.epub")


def test_mimetype_first_stored_without_extra_field(written: zipfile.ZipFile) -> None:
    """EPUB 3.3 #sec-zip-container-mime."""
    first = written.infolist()[0]
    assert (first.filename, first.compress_type, first.extra) == (
        "mimetype", zipfile.ZIP_STORED, b"")
    assert written.read("mimetype") == b"application/epub+zip"


def test_entries_in_order_with_one_time_and_mode(written: zipfile.ZipFile) -> None:
    assert written.namelist() == [
        "mimetype", "META-INF/container.xml", OPF_PATH, "EPUB/styles/book.css",
        "EPUB/text/nav.xhtml", "EPUB/text/titlepage.xhtml", "EPUB/text/ch01.xhtml"]
    infos = written.infolist()
    assert {i.date_time for i in infos} == {(2024, 3, 1, 12, 30, 44)}  # ZIP: even seconds
    assert {(i.external_attr >> 16, i.create_system, i.extra) for i in infos} == {
        (0o644, 3, b"")}
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:])
    assert written.read("EPUB/text/ch01.xhtml") == b"<ch/>"


def test_same_package_same_bytes(tmp_path: Path) -> None:
    write_ocf(_package(), tmp_path / "a.epub")
    write_ocf(_package(), tmp_path / "b.epub")
    assert (tmp_path / "a.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()


@pytest.mark.parametrize(("stamp", "expected"), [
    (datetime(1970, 1, 1, tzinfo=UTC), (1980, 1, 1, 0, 0, 0)),
    (datetime(2200, 6, 1, tzinfo=UTC), (2107, 12, 31, 23, 59, 58)),
    (datetime(2024, 3, 1, 1, 0, tzinfo=timezone(timedelta(hours=2))), (2024, 2, 29, 23, 0, 0)),
])
def test_zip_time_is_utc_clamped_to_what_zip_stores(
        stamp: datetime, expected: tuple[int, ...]) -> None:
    assert zip_time(stamp) == expected
