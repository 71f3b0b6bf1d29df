"""Step 5b - EPUB: write an Edition as an EPUB 3.3 file (EPUB Accessibility 1.1).

The builder is a named sequence (after Sphinx's ``Epub3Builder``): chapters → stylesheet →
images → navigation document → package metadata (accessibility claims derived from the
content) → deterministic zip. The chapters and the nav are rendered from the model by
:mod:`peptidebook.rendering.xhtml`; :mod:`.epub_package` serialises the package files
(``container.xml``, ``content.opf``) with lxml and zips everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import OutputError
from ..files import written_atomically
from ..i18n import BookText, direction_of, same_language
from ..model import Accessibility, Chapter, ContentsEntry, Edition
from ..names import is_safe_id
from ..rendering.pagebreaks import PageBreak, insert_page_breaks, marker
from ..rendering.styles import stylesheet
from ..rendering.xhtml import EPUB, E, Renderer, Target, set_lang, xhtml_document
from ..walk import iter_ids, plain_text
from .epub_package import MetaProperty, Package, PackageMetadata, Resource, write_ocf

TEXT_DIR = "text"
STYLE_NAME = "styles/book.css"
XHTML_TYPE = "application/xhtml+xml"


#: The package's own manifest and metadata ids (``id`` of the identifier and ``creatorN``:
#: :mod:`.epub_package`; ``nav``, ``css``, ``imgN``: :func:`write_epub`): a chapter's id, its
#: manifest id, is none of them.
_PACKAGE_IDS = re.compile(r"nav|css|id|img[0-9]+|creator[0-9]+")


def chapter_href(chapter: Chapter) -> str:
    """``text/<chapter id>.xhtml``: assembly names chapters (:mod:`..names`)."""
    return f"{TEXT_DIR}/{chapter.id}.xhtml"


def check_chapter_ids(edition: Edition, path: Path) -> None:
    """Refuse an Edition whose chapter ids cannot name the package's files: each must be an id
    assembly could have made (:func:`..names.is_safe_id`), unique, and not one of the
    package's own. Assembly's always are; this keeps an Edition made elsewhere from writing a
    zip entry outside ``EPUB/text/`` (EPUB 3.3 §6.1.4: file names) or two chapters into one."""
    seen: set[str] = set()
    for chapter in edition.chapters:
        if not is_safe_id(chapter.id) or chapter.id in seen or _PACKAGE_IDS.fullmatch(chapter.id):
            raise OutputError(f"{path}: cannot write the EPUB: the chapter id "
                              f"{chapter.id[:60]!r} is not a safe, unique file name")
        seen.add(chapter.id)


@dataclass(frozen=True)
class PageSource:
    """The print edition the EPUB's page numbers come from (EPUB Accessibility 1.1 §5.4):
    where each of its pages begins, and how to name it (``pageBreakSource``)."""

    breaks: tuple[PageBreak, ...]
    name: str

    def by_chapter(self) -> dict[str | None, list[PageBreak]]:
        out: dict[str | None, list[PageBreak]] = {}
        for page_break in self.breaks:
            out.setdefault(page_break.chapter, []).append(page_break)
        return out


# ------------------------------------------------------------------------ navigation


def _nav(epub_type: str, title: str, heading: str = "h2", hidden: bool = True,
         role: str | None = None) -> etree._Element:
    """A ``<nav epub:type=…>`` (EPUB 3.3 §7.4) labelled by its own heading; the ``id`` is the
    type, so ``nav.xhtml#toc`` and the landmarks can point at it."""
    attrib = {f"{{{EPUB}}}type": epub_type, "id": epub_type,
              "aria-labelledby": f"{epub_type}-title"}
    if hidden:
        attrib["hidden"] = "hidden"
    if role:
        attrib["role"] = role
    nav = E("nav", attrib)
    head = E(heading, {"id": f"{epub_type}-title"})
    head.text = title
    nav.append(head)
    return nav


def nav_document(edition: Edition, text: BookText, page_source: PageSource | None = None) -> bytes:
    """``nav.xhtml``: table of contents (the Edition's contents model), landmarks and, with a
    print edition, its page list (EPUB 3.3 §7), from the model."""
    toc = _nav("toc", plain_text(edition.contents.title), heading="h1", hidden=False,
               role="doc-toc")
    ol = E("ol")
    for entry in edition.contents.entries:
        li = _nav_entry(entry, text)
        if entry.entries:
            sub = E("ol")
            for section in entry.entries:
                sub.append(_nav_entry(section, text))
            li.append(sub)
        ol.append(li)
    toc.append(ol)

    contents = edition.contents
    landmarks = _nav("landmarks", contents.landmarks_title)
    lol = E("ol")
    for mark in contents.landmarks:
        li = E("li")
        href = f"{mark.chapter}.xhtml" if mark.chapter else "nav.xhtml#toc"
        a = E("a", {f"{{{EPUB}}}type": mark.kind, "href": href})
        a.text = mark.label
        li.append(a)
        lol.append(li)
    landmarks.append(lol)
    body = [toc, landmarks]
    if page_source is not None:
        # Pages of print-only matter (the printed contents) begin here, at the EPUB's own.
        body[:0] = [marker(b) for b in page_source.breaks if b.chapter is None]
        body.append(page_list_nav(edition, page_source, text))
    return xhtml_document(body, title=plain_text(contents.title),
                          lang=edition.meta.language, direction=text.direction,
                          stylesheets=[f"../{STYLE_NAME}"])


def page_list_nav(edition: Edition, page_source: PageSource, text: BookText) -> etree._Element:
    """The ``page-list`` nav (EPUB 3.3 §7.4.2): every printed page, in order."""
    nav = _nav("page-list", edition.contents.pages_title)
    ol = E("ol")
    for page_break in page_source.breaks:
        li = E("li")
        doc = f"{page_break.chapter}.xhtml" if page_break.chapter else "nav.xhtml"
        a = E("a", {"href": f"{doc}#{page_break.id}"})
        a.text = page_break.label
        li.append(a)
        ol.append(li)
    nav.append(ol)
    return nav


def _nav_entry(entry: ContentsEntry, text: BookText) -> etree._Element:
    """A contents entry: its chapter's file, at its section when it is one."""
    li = E("li")
    a = E("a", {"href": f"{entry.chapter}.xhtml" + (f"#{entry.target}" if entry.target else "")})
    a.text = plain_text(entry.label)
    _mark_label(a, entry.lang, text)
    li.append(a)
    return li


def _mark_label(a: etree._Element, lang: str | None, text: BookText) -> None:
    """A navigation label quoting a chapter or section title in another language than the
    book's carries that language (WCAG 2.2 SC 3.1.2), and ``dir`` where directions differ."""
    if lang is None or text.is_book_language(lang):
        return
    set_lang(a, lang)
    if text.direction == "rtl" or direction_of(lang) == "rtl":
        a.set("dir", direction_of(lang))


# ------------------------------------------------------------------------ packaging


def write_epub(edition: Edition, path: Path, text: BookText,
               page_source: PageSource | None = None) -> Path:
    """Write ``edition`` to ``path`` (via a temporary file: nothing half-written remains).

    With ``page_source`` (the PDF was laid out first), page-break markers go where the print
    edition's pages begin, with a page list and the metadata naming the print edition.
    """
    check_chapter_ids(edition, path)
    meta = edition.meta
    # Chapters, rendered from the model.
    renderer = Renderer(text, epub_target(edition))
    breaks = page_source.by_chapter() if page_source else {}
    chapters: list[Resource] = []
    for chapter in edition.chapters:
        section = renderer.chapter(chapter)
        insert_page_breaks(section, breaks.get(chapter.id, []))
        content = xhtml_document([section], title=plain_text(chapter.title),
                                 lang=meta.language, direction=text.direction,
                                 stylesheets=[f"../{STYLE_NAME}"])
        chapters.append(Resource(chapter.id, chapter_href(chapter), XHTML_TYPE, content))
    # Stylesheet, images, navigation document.
    resources = [
        Resource("css", STYLE_NAME, "text/css", stylesheet("epub").encode("utf-8")),
        *(Resource(f"img{n}", asset.name, asset.media_type, asset.data)
          for n, asset in enumerate(edition.assets, 1)),
        Resource("nav", f"{TEXT_DIR}/nav.xhtml", XHTML_TYPE,
                 nav_document(edition, text, page_source), properties=("nav",)),
        *chapters,
    ]
    # Reading order: the title page, then the contents, then the rest.
    spine = (*(c.id for c in chapters[:1]), "nav", *(c.id for c in chapters[1:]))
    metadata = PackageMetadata(
        identifier=meta.identifier,
        title=meta.title,
        # EPUB 3.3 §5.5.3.2.2: every language of the content, the book's first.
        languages=(meta.language, *content_languages(edition)),
        modified=edition.stamp,  # the book's date (peptidebook.reproducible)
        creators=meta.authors,
        publisher=meta.publisher,
        date=meta.date.strftime("%Y-%m-%d") if meta.date else None,
        description=meta.subtitle,
        properties=accessibility_metadata(edition.accessibility, page_source),
    )
    package = Package(metadata, tuple(resources), spine, direction=text.direction)
    with written_atomically(path, "EPUB") as partial:
        write_ocf(package, partial)
    return path


def content_languages(edition: Edition) -> list[str]:
    """The languages of the chapters that are not in the book's language, in reading order."""
    found: list[str] = []
    for chapter in edition.chapters:
        lang = chapter.lang
        if lang and not same_language(lang, edition.meta.language) and \
                not any(same_language(lang, f) for f in found):
            found.append(lang)
    return found


def epub_target(edition: Edition) -> Target:
    """Ids resolve to ``<chapter>.xhtml#id`` (chapters are sibling files in ``text/``)."""
    owner: dict[str, str] = {}
    for chapter in edition.chapters:
        owner[chapter.id] = chapter.id
        owner.update((ident, chapter.id) for ident in iter_ids(chapter.blocks))

    def href_for_id(ident: str) -> str:
        chapter_id = owner.get(ident)
        if chapter_id is None:
            return f"#{ident}"
        return f"{chapter_id}.xhtml#{ident}"

    return Target(href_for_id=href_for_id, asset_href=lambda name: f"../{name}")


def accessibility_metadata(claims: Accessibility,
                           page_source: PageSource | None = None) -> tuple[MetaProperty, ...]:
    """EPUB Accessibility 1.1 §2: the Edition's accessibility claims as schema.org properties;
    with a print edition's page list, its page-break features and ``pageBreakSource``."""
    properties: list[MetaProperty] = []

    def meta(prop: str, value: str) -> None:
        properties.append(MetaProperty(prop, value))

    paged = page_source is not None and bool(page_source.breaks)
    for mode in claims.access_modes:
        meta("schema:accessMode", mode)
    for modes in claims.sufficient_modes:
        meta("schema:accessModeSufficient", modes)
    features = list(claims.features)
    summary = claims.summary
    if paged:
        # EPUB Accessibility 1.1 §5.4: markers and a page list from the print edition.
        features = sorted([*features, "pageBreakMarkers", "pageNavigation"])
        summary += " " + claims.page_numbers
    if claims.checking:
        summary += " " + claims.checking
    for feature in features:
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    meta("schema:accessibilitySummary", summary)
    if paged and page_source is not None:
        # Page source identification (W3C "EPUB pageBreakSource", EPUBCheck 5.1+).
        meta("pageBreakSource", page_source.name)
    # EPUB Accessibility 1.1 §5.1: the standard the book was made to (its design; whether this
    # file was checked is in the summary). No a11y:certifiedBy (§5.2): it names a party that
    # tested and certified the publication, and none did.
    meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA")
    return tuple(properties)
