"""Step 5b - EPUB: serialise an EPUB's package files and zip them, byte for byte the same
for the same input.

After Sphinx's ``Epub3Builder`` (``build_mimetype``, ``build_container``, ``build_content``):
:mod:`.epub` makes every resource and derives every metadata value; this module is handed them
as a :class:`Package` and only serialises: ``mimetype``, ``META-INF/container.xml`` (the OCF
container), ``EPUB/content.opf`` (the package document: metadata, manifest, spine) and the
resources, into one ZIP file. Section names are those of EPUB 3.3
(https://www.w3.org/TR/epub-33/), cited with their anchors.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

MIMETYPE = b"application/epub+zip"
CONTAINER_PATH = "META-INF/container.xml"
#: The folder of the package document and of every resource (hrefs are relative to it).
PACKAGE_DIR = "EPUB"
OPF_PATH = f"{PACKAGE_DIR}/content.opf"
#: The ``id`` of the ``dc:identifier`` that ``unique-identifier`` names.
IDENTIFIER_ID = "id"

#: ZIP (APPNOTE 4.4.6) stores MS-DOS times, from 1980 to 2107 (even seconds).
_ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
_ZIP_LAST = (2107, 12, 31, 23, 59, 58)
#: zlib's default level (6), the level every EPUB was written with so far; 9 saves 0.2 %.
_DEFLATE_LEVEL = zlib.Z_DEFAULT_COMPRESSION


@dataclass(frozen=True)
class Resource:
    """A publication resource: its manifest ``item`` (EPUB 3.3 #sec-item-elem) and its bytes.
    ``href`` is relative to the package document (and is its path under ``EPUB/``)."""

    id: str
    href: str
    media_type: str
    data: bytes
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetaProperty:
    """A ``<meta property="…">value</meta>`` (EPUB 3.3 #sec-meta-elem)."""

    property: str
    value: str


@dataclass(frozen=True)
class PackageMetadata:
    """What the package document's ``metadata`` says, every value already derived.

    ``languages``: the book's language first, then every other language of the content
    (EPUB 3.3 #sec-opf-dclanguage). ``modified``: the build stamp (``dcterms:modified`` and the
    ZIP times). ``date``: ``dc:date``, already formatted (W3CDTF).
    """

    identifier: str
    title: str
    languages: tuple[str, ...]
    modified: datetime
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None
    description: str | None = None
    properties: tuple[MetaProperty, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The XML ``id``s the metadata's elements take (no manifest item may take one)."""
        return (IDENTIFIER_ID, *(f"creator{n}" for n in range(1, len(self.creators) + 1)))

    def __post_init__(self) -> None:
        if not self.languages:
            raise ValueError("a package needs at least one dc:language")
        if self.modified.tzinfo is None:
            raise ValueError("the modification time must be timezone-aware")


@dataclass(frozen=True)
class Package:
    """An EPUB to write: metadata, resources in manifest (and ZIP) order, the spine as the
    ``id``s of resources in reading order, and the book's direction (``ltr`` or ``rtl``)."""

    metadata: PackageMetadata
    resources: tuple[Resource, ...]
    spine: tuple[str, ...]
    direction: str = "ltr"

    def __post_init__(self) -> None:
        ids = [r.id for r in self.resources]
        hrefs = [r.href for r in self.resources]
        if len({*ids, *self.metadata.ids}) != len(ids) + len(self.metadata.ids) or \
                len(set(hrefs)) != len(hrefs):
            raise ValueError("every resource needs its own id and href")
        if unknown := [i for i in self.spine if i not in ids]:
            raise ValueError(f"the spine names no resource {unknown[0]!r}")
        if sum("nav" in r.properties for r in self.resources) != 1:
            raise ValueError("a package has exactly one navigation document")  # #sec-nav
        if self.direction not in ("ltr", "rtl"):
            raise ValueError(f"unknown direction {self.direction!r}")

    @property
    def language(self) -> str:
        return self.metadata.languages[0]


# ------------------------------------------------------------------------ the files


def container_xml() -> bytes:
    """``META-INF/container.xml``: the one ``rootfile`` is the package document
    (EPUB 3.3 #sec-container-metainf-container.xml)."""
    container = etree.Element(f"{{{CONTAINER_NS}}}container", {"version": "1.0"},
                              nsmap={None: CONTAINER_NS})
    rootfiles = etree.SubElement(container, f"{{{CONTAINER_NS}}}rootfiles")
    etree.SubElement(rootfiles, f"{{{CONTAINER_NS}}}rootfile",
                     {"full-path": OPF_PATH, "media-type": "application/oebps-package+xml"})
    return _serialise(container)


def package_document(package: Package) -> bytes:
    """The package document (EPUB 3.3 #sec-package-doc): ``package``, ``metadata``,
    ``manifest``, ``spine``; no NCX and no EPUB 2 ``guide``."""
    # #sec-package-elem; language and direction by #sec-shared-attrs (Ace "epub-lang").
    attrib = {"version": "3.0", "unique-identifier": IDENTIFIER_ID, XML_LANG: package.language}
    if package.direction == "rtl":
        attrib["dir"] = "rtl"
    # No ``prefix``: dcterms:, schema: and a11y: are reserved prefixes (#sec-reserved-prefixes).
    root = etree.Element(_opf("package"), attrib, nsmap={None: OPF_NS})
    root.append(_metadata(package.metadata))
    manifest = etree.SubElement(root, _opf("manifest"))
    for resource in package.resources:  # #sec-item-elem
        item = etree.SubElement(manifest, _opf("item"), {
            "href": resource.href, "id": resource.id, "media-type": resource.media_type})
        if resource.properties:
            item.set("properties", " ".join(resource.properties))
    # #sec-spine-elem: no ``toc`` (it names an NCX, which an EPUB 3 package does not need).
    spine = etree.SubElement(root, _opf("spine"))
    if package.direction == "rtl":
        spine.set("page-progression-direction", "rtl")
    for idref in package.spine:
        etree.SubElement(spine, _opf("itemref"), {"idref": idref})
    return _serialise(root)


def _metadata(meta: PackageMetadata) -> etree._Element:
    """``metadata`` (#sec-metadata-elem): the required ``dc:identifier``, ``dc:title``,
    ``dc:language`` and ``dcterms:modified``, then the optional DCMES elements, then the
    ``meta`` properties in their order."""
    metadata = etree.Element(_opf("metadata"), nsmap={"dc": DC_NS})

    def dc(name: str, value: str, ident: str | None = None) -> None:
        element = etree.SubElement(metadata, f"{{{DC_NS}}}{name}", {"id": ident} if ident else {})
        element.text = value

    dc("identifier", meta.identifier, IDENTIFIER_ID)  # #sec-opf-dcidentifier
    dc("title", meta.title)
    for lang in meta.languages:
        dc("language", lang)
    for creator, ident in zip(meta.creators, meta.ids[1:], strict=True):
        dc("creator", creator, ident)
    for name, optional in (("publisher", meta.publisher), ("date", meta.date),
                           ("description", meta.description)):
        if optional:
            dc(name, optional)
    # #sec-metadata-last-modified: exactly one, in UTC, YYYY-MM-DDThh:mm:ssZ.
    properties = [MetaProperty("dcterms:modified", modified_value(meta.modified)),
                  *meta.properties]
    for prop in properties:
        element = etree.SubElement(metadata, _opf("meta"), {"property": prop.property})
        element.text = prop.value
    return metadata


def modified_value(stamp: datetime) -> str:
    """``dcterms:modified``'s value: ``stamp`` in UTC, to the second, ``Z``-terminated."""
    return f"{stamp.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def _opf(name: str) -> str:
    return f"{{{OPF_NS}}}{name}"


def _serialise(root: etree._Element) -> bytes:
    serialised: bytes = etree.tostring(root, pretty_print=True, encoding="utf-8",
                                       xml_declaration=True)
    return serialised


# ------------------------------------------------------------------------ the ZIP container


def zip_time(stamp: datetime) -> tuple[int, int, int, int, int, int]:
    """The ZIP entries' time as stored: ``stamp`` in UTC, to even seconds, clamped to the years
    ZIP can store (a stamp outside them, e.g. SOURCE_DATE_EPOCH=0, as reproducible-builds.org
    advises); the package's ``dcterms:modified`` keeps the real value."""
    y, mo, d, h, mi, s = stamp.astimezone(UTC).timetuple()[:6]
    return min(max((y, mo, d, h, mi, s - s % 2), _ZIP_FIRST), _ZIP_LAST)


def write_ocf(package: Package, target: Path) -> None:
    """Write ``package`` as an OCF ZIP container (#sec-container-zip) to ``target``: the
    ``mimetype`` first, stored, with no extra field (#sec-zip-container-mime), then
    ``container.xml``, the package document and the resources in manifest order, deflated.
    Every entry has the same time and mode, so the same package gives the same bytes."""
    date_time = zip_time(package.metadata.modified)
    with zipfile.ZipFile(target, "w") as archive:

        def add(name: str, data: bytes, compress_type: int = zipfile.ZIP_DEFLATED) -> None:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = compress_type
            info.create_system = 3  # Unix, whatever the platform: external_attr is a Unix mode
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=_DEFLATE_LEVEL)

        add("mimetype", MIMETYPE, zipfile.ZIP_STORED)
        add(CONTAINER_PATH, container_xml())
        add(OPF_PATH, package_document(package))
        for resource in package.resources:
            add(f"{PACKAGE_DIR}/{resource.href}", resource.data)
