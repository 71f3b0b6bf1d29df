"""Step 5b - Printing: lay out an Edition as one tagged PDF/UA-1 book with WeasyPrint 70.

The named steps: render the chapters with the one XHTML renderer into one document (print
table of contents after the title page) → prepare it for paper (external addresses, images) →
lay it out with a fetcher that serves only the book's own files → read where each page begins
(the EPUB's page list) → write PDF/UA-1 with link descriptions → post-process the furniture into
artifacts (:mod:`.pdfua`) → write via a temporary file.

WeasyPrint never fetches anything on its own (``../shared/NOTES-weasyprint.md``, Security):
:class:`AssetFetcher` serves the stylesheet and the Edition's assets under the
``peptidebook-asset:`` scheme and refuses every other URL (``file:``, ``http(s):``, ``data:``)
with a ``fetch-refused`` diagnostic. WeasyPrint's own warnings and errors become ``pdf-log``
diagnostics.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import weasyprint
from babel.core import get_global
from lxml import etree
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..diagnostics import Report
from ..errors import FetchError
from ..files import written_atomically
from ..i18n import PDI, BookText, direction_of, isolate, parse_locale
from ..model import Chapter, Edition, Heading, QASection
from ..rendering.pagebreaks import BLOCK_TAGS, PageBreak, countable, own_text
from ..rendering.styles import stylesheet
from ..rendering.xhtml import XHTML, E, Renderer, Target, inlines_lang, set_lang, xhtml_document
from ..walk import plain_text
from .epub import build_stamp
from .pdflang import language_marks
from .pdfua import PostProcessStats, finish

__all__ = [
    "ASSET_SCHEME",
    "AssetFetcher",
    "PdfResult",
    "PrintDocument",
    "book_document",
    "paper_size",
    "render",
    "write_pdf",
]

ASSET_SCHEME = "peptidebook-asset"
STYLE_NAME = "styles/print.css"
PAGE_STYLE_NAME = "styles/page.css"
PB_ATTR = "data-pb"  # print-only: "chapter-index.element-index" of every rendered element

#: Territories whose paper is US Letter (CLDR supplementalData.xml, measurementData/paperSize);
#: everywhere else uses ISO A4.
LETTER_TERRITORIES = frozenset(["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"])
#: ``book.toml``/``--paper`` values → CSS Paged Media 3 §7.1 page-size keywords.
PAPER_KEYWORDS = {"a4": "A4", "a5": "A5", "letter": "letter", "legal": "legal"}
#: Characters WeasyPrint adds where it hyphenates a word (CSS Text 3 ``hyphenate-character``).
HYPHENS = frozenset("\u2010-\u00ad")

log = logging.getLogger("peptidebook")


# ------------------------------------------------------------------------------ paper


def paper_size(language: str, override: str | None = None) -> str:
    """The CSS page size for a book in ``language``: ``override`` (``book.toml`` ``paper`` or
    ``--paper``) when given, else Letter in Letter territories and A4 elsewhere.

    A tag without a territory (``en``, ``es``) takes the territory CLDR's likely subtags give it
    (``en`` → ``en_Latn_US`` → Letter; ``es`` → ``es_Latn_ES`` → A4; ``de`` → A4), as browsers
    and babel do.
    """
    if override:
        return PAPER_KEYWORDS[override.lower()]
    locale = parse_locale(language)
    territory = locale.territory
    if not territory:
        likely = str(get_global("likely_subtags").get(locale.language, ""))
        territory = next((p for p in likely.split("_")[1:] if len(p) == 2 and p.isupper()), "")
    return "letter" if territory in LETTER_TERRITORIES else "A4"


# ------------------------------------------------------------------------------ fetching


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's URL fetcher for one document: serves ``peptidebook-asset:<name>`` from
    ``files`` and refuses everything else (``fetch-refused``). Deny by default."""

    def __init__(self, files: Mapping[str, tuple[bytes, str]], report: Report,
                 where: str) -> None:
        super().__init__(allowed_protocols=(ASSET_SCHEME,), allow_redirects=False)
        self.files = dict(files)
        self.report = report
        self.where = where
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        prefix = f"{ASSET_SCHEME}:"
        if url.startswith(prefix) and url[len(prefix):] in self.files:
            data, media_type = self.files[url[len(prefix):]]
            return URLFetcherResponse(url, data, {"Content-Type": media_type})
        embedded = _embedded_picture(url)
        if embedded is not None:
            return URLFetcherResponse("data:", embedded[0], {"Content-Type": embedded[1]})
        self.refused.append(url)
        shown = url if len(url) <= 120 else url[:117] + "…"
        self.report.warning("fetch-refused", self.where,
                            f"{shown}: not fetched: not one of the book's own files")
        # WeasyPrint catches this, logs it and leaves the resource out.
        raise FetchError(f"{shown}: not fetched: not one of the book's own files")


#: ``data:`` pictures a packaged SVG may hold (assembly.images re-encoded each one): the only
#: URLs besides the book's own files that the print document may read. RFC 2397.
_EMBEDDED = re.compile(r"data:(image/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]*)\Z")
#: The largest embedded picture served (base64 characters): the image limit of a fetch.
_EMBEDDED_MAX = 14 * 1024 * 1024


def _embedded_picture(url: str) -> tuple[bytes, str] | None:
    """The bytes and type of a ``data:`` PNG, JPEG, GIF or WebP picture, else None."""
    if len(url) > _EMBEDDED_MAX:
        return None
    match = _EMBEDDED.match(url)
    if match is None:
        return None
    try:
        return base64.b64decode(match.group(2), validate=False), match.group(1)
    except (binascii.Error, ValueError):
        return None


class _ReportHandler(logging.Handler):
    """Turns WeasyPrint's warnings and errors into ``pdf-log`` diagnostics."""

    def __init__(self, report: Report, where: str) -> None:
        super().__init__(level=logging.WARNING)
        self.report = report
        self.where = where

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0] if record.getMessage() else record.msg
        self.report.warning("pdf-log", self.where, f"WeasyPrint: {message}")


@contextmanager
def weasyprint_diagnostics(report: Report, where: str) -> Iterator[None]:
    """While active, records on the ``weasyprint`` logger become diagnostics (and stay off
    the console: the report is printed instead)."""
    logger = logging.getLogger("weasyprint")
    handler = _ReportHandler(report, where)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


# ------------------------------------------------------------------------------ document


@dataclass
class PrintDocument:
    """One XHTML document for WeasyPrint, the files it may fetch, and the rendered elements
    by their ``data-pb`` key (for the page list)."""

    xhtml: bytes
    files: dict[str, tuple[bytes, str]]
    title: str
    authors: tuple[str, ...]
    keys: dict[str, tuple[str, int]] = field(default_factory=dict)
    elements: dict[str, etree._Element] = field(default_factory=dict)


def print_target() -> Target:
    """One document: ids are fragments, assets come through :class:`AssetFetcher`."""
    return Target(href_for_id=lambda ident: f"#{ident}",
                  asset_href=lambda name: f"{ASSET_SCHEME}:{name}")


def number_elements(section: etree._Element, chapter_index: int, chapter_id: str,
                    document: PrintDocument) -> None:
    """Key every element of a freshly rendered chapter by its index in document order, the
    address :class:`~peptidebook.rendering.pagebreaks.PageBreak` uses. Print-only changes
    come after this, so they never shift an index."""
    for index, element in enumerate(section.iter()):
        key = f"{chapter_index}.{index}"
        element.set(PB_ATTR, key)
        document.keys[key] = (chapter_id, index)
        document.elements[key] = element


#: The sans-serif face of the page furniture (running header, page numbers) per script of the
#: book's language, after print.css's Latin one: margin boxes cannot select on :lang().
FURNITURE_FONTS = {"ar": "Noto Sans Arabic", "he": "Noto Sans Hebrew", "ja": "Noto Sans CJK JP",
                   "zh": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC",
                   "ko": "Noto Sans CJK KR"}


def page_css(paper: str, language: str = "en") -> bytes:
    """The styles the writer computes: the page size (CSS Paged Media 3 §7.1) and, for books in
    a non-Latin script, the page furniture's font."""
    css = f"@page {{ size: {paper}; }}\n"
    font = FURNITURE_FONTS.get(_script_of(language))
    if font:
        family = f'"Noto Sans", "{font}", sans-serif'
        # No synthesised italics for scripts that have none (CSS Fonts 4 §2.5).
        boxes_css = " ".join(f"@{box} {{ font-family: {family}; font-style: normal; }}"
                             for box in ("top-left", "top-right", "bottom-center"))
        css += f"@page {{ {boxes_css} }}\n"
    return css.encode()


def _script_of(language: str) -> str:
    """``zh-TW``/``zh-Hant`` → ``zh-Hant``; other tags → their language subtag."""
    parts = language.replace("_", "-").split("-")
    if parts[0].lower() == "zh" and any(p.lower() in {"hant", "tw", "hk", "mo"}
                                        for p in parts[1:]):
        return "zh-Hant"
    return parts[0].lower()


def book_document(edition: Edition, text: BookText, paper: str) -> PrintDocument:
    """The whole book as one XHTML document: title page, printed contents, every chapter."""
    renderer = Renderer(text, print_target())
    document = PrintDocument(xhtml=b"", files=print_files(edition, paper),
                             title=edition.meta.title, authors=edition.meta.authors)
    body: list[etree._Element] = []
    for n, chapter in enumerate(edition.chapters):
        section = renderer.chapter(chapter)
        number_elements(section, n, chapter.id, document)
        prepare_for_print(section, text)
        isolate_running_title(section, chapter, text)
        body.append(section)
        if chapter.kind == "titlepage":
            body.append(print_toc(edition, text))
    document.xhtml = xhtml_document(
        body, title=edition.meta.title, lang=edition.meta.language, direction=text.direction,
        stylesheets=[f"{ASSET_SCHEME}:{STYLE_NAME}", f"{ASSET_SCHEME}:{PAGE_STYLE_NAME}"])
    return document


def print_files(edition: Edition, paper: str) -> dict[str, tuple[bytes, str]]:
    language = edition.meta.language
    files = {asset.name: (asset.data, asset.media_type) for asset in edition.assets}
    files[STYLE_NAME] = (stylesheet("print", direction_of(language)).encode("utf-8"), "text/css")
    files[PAGE_STYLE_NAME] = (page_css(paper, language), "text/css")
    return files


def print_toc(edition: Edition, text: BookText) -> etree._Element:
    """The printed table of contents, from the model: chapters and their sections, each with
    the page it starts on (CSS GCPM 3 ``target-counter``, in print.css). DPUB-ARIA doc-toc."""
    nav = E("nav", {"role": "doc-toc", "class": "print-toc", "aria-labelledby": "print-toc"})
    h1 = E("h1", {"id": "print-toc"})
    h1.text = text.gettext("Contents")
    nav.append(h1)
    ol = E("ol")
    for chapter in edition.chapters:
        if chapter.kind == "titlepage":
            continue
        li = E("li")
        li.append(_toc_link(f"{chapter.id}-title", plain_text(chapter.title),
                            inlines_lang(chapter.title, chapter.lang), text))
        sections = [b for b in chapter.blocks
                    if isinstance(b, (Heading, QASection)) and b.level == 2]
        sub = E("ol")
        for block in sections:
            target, label = _section_target(block, text)
            if target:
                item = E("li")
                lang = inlines_lang(block.children, chapter.lang) \
                    if isinstance(block, Heading) else None
                item.append(_toc_link(target, label, lang, text))
                sub.append(item)
        if len(sub):
            li.append(sub)
        ol.append(li)
    nav.append(ol)
    return nav


def _toc_link(target: str, label: str, lang: str | None = None,
              text: BookText | None = None) -> etree._Element:
    """A contents entry; one quoting a title in another language than the book's says so."""
    a = E("a", {"href": f"#{target}"})
    a.text = label
    if lang and text is not None and not text.is_book_language(lang):
        set_lang(a, lang)  # the Link element gets /Lang (.pdflang)
        if direction_of(lang) != text.direction:
            # Isolated as text: a dir on the link would take the leader and the page number
            # into the title's direction.
            a.text = isolate(label, direction_of(lang))
    return a


def _section_target(block: Heading | QASection, text: BookText) -> tuple[str | None, str]:
    if isinstance(block, Heading):
        return block.id, plain_text(block.children)
    return block.id, text.gettext("Frequently asked questions")


def prepare_for_print(section: etree._Element, text: BookText) -> None:
    """Paper-only changes to a rendered chapter (attributes and moves, never new indices):

    * an external link whose text is not its address gets it printed after it (print.css);
    * an image inside a link moves out of it (Matterhorn 28-011: the link annotation must sit
      in its Link element), the link keeps a text;
    * a decorative image (``alt=""``) is left out of print: WeasyPrint would make it a Figure
      without /Alt (Matterhorn 13-004) rather than an artifact;
    * an image with unknown alt (already reported as ``missing-alt``) is described as such.
    """
    for a in section.iter(f"{{{XHTML}}}a"):
        href = a.get("href", "")
        _unwrap_language_spans(a)
        if "external" in (a.get("class") or "").split():
            label = " ".join("".join(a.itertext()).split())
            if label.rstrip("/") in {href.rstrip("/"), href.split("://", 1)[-1].rstrip("/")}:
                a.set("class", f"{a.get('class')} shows-url")
        for img in list(a.iter(f"{{{XHTML}}}img")):
            parent = img.getparent()
            assert parent is not None
            _detach(img)
            a.addprevious(img)
            img.tail = " "
            if not "".join(a.itertext()).strip():
                a.text = img.get("alt") or href
    for img in list(section.iter(f"{{{XHTML}}}img")):
        if img.get("role") == "presentation":
            span = img
            span.tag = f"{{{XHTML}}}span"
            for attr in ("src", "alt", "role", "width", "height"):
                span.attrib.pop(attr, None)
            span.set("class", "decorative-image")
        elif not img.get("alt"):
            img.set("alt", text.gettext("Image (the source gives no description)"))


def isolate_running_title(section: etree._Element, chapter: Chapter, text: BookText) -> None:
    """A chapter title written in the other direction than the book's is wrapped in
    bidirectional isolates, so the running header (``string-set`` copies text only) shows it
    in its own order: "What is it?" keeps its question mark at the end in an Arabic book."""
    lang = inlines_lang(chapter.title, chapter.lang)
    if not lang or direction_of(lang) == text.direction:
        return
    h1 = section.find(f"{{{XHTML}}}header/{{{XHTML}}}h1")
    if h1 is None:
        return
    opening, closing = isolate("", direction_of(lang))[0], PDI
    h1.text = opening + (h1.text or "")
    if len(h1):
        h1[-1].tail = (h1[-1].tail or "") + closing
    else:
        h1.text += closing


def _unwrap_language_spans(link: etree._Element) -> None:
    """WeasyPrint 70 gives an inline element inside a link its own link annotation, tagged
    outside the Link element (Matterhorn 28-011): a title quoted in its language inside a link
    label ("Back to the passage in “…”") keeps its text but loses its ``<span lang>`` on paper
    (the EPUB keeps it); a run in the other direction stays isolated, as plain-text
    bidirectional isolates (UAX #9 §2.4)."""
    for span in list(link.iter(f"{{{XHTML}}}span")):
        if span is link or span.get("lang") is None or len(span):
            continue
        parent = span.getparent()
        if parent is None:
            continue
        own = span.text or ""
        if span.get("dir"):
            own = isolate(own, span.get("dir", "ltr"))
        text = own + (span.tail or "")
        previous = span.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(span)


def _detach(element: etree._Element) -> None:
    """Remove ``element`` from its parent, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    element.tail = None
    parent.remove(element)


# ------------------------------------------------------------------------------ layout


def render(document: PrintDocument, report: Report, where: str) -> tuple[Any, AssetFetcher]:
    """Lay ``document`` out (a ``weasyprint.Document``); only :class:`AssetFetcher` fetches."""
    fetcher = AssetFetcher(document.files, report, where)
    with weasyprint_diagnostics(report, where):
        laid_out = weasyprint.HTML(string=document.xhtml.decode("utf-8"), base_url=None,
                                   url_fetcher=fetcher).render()
    laid_out.metadata.authors = list(document.authors)
    return laid_out, fetcher


def _fragments(page: Any, seen: set[str]) -> list[tuple[str | None, str | None]]:
    """The content of one page in order, as ``(block key, text)``; ``text`` is ``None`` for an
    image. Margin boxes, generated content (``::after``, list markers) and table header rows
    repeated from an earlier page (their key is in ``seen``) are left out: they are not the
    book's text. Every key met on the page is added to ``seen``."""
    out: list[tuple[str | None, str | None]] = []
    met: set[str] = set()

    def walk(box: Any, key: str | None) -> None:
        if isinstance(box, boxes.MarginBox):
            return
        tag = box.element_tag or ""
        if "::" in tag:
            return
        element = box.element
        own = element.get(PB_ATTR) if element is not None else None
        if isinstance(box, boxes.TableRowGroupBox) and box.is_header and own in seen:
            return
        if own is not None:
            met.add(own)
        if own is not None and f"{{{XHTML}}}{tag}" in BLOCK_TAGS or own is not None and element is not None and key is None:
            key = own
        if isinstance(box, boxes.TextBox):
            out.append((key, box.text))
            return
        if isinstance(box, boxes.ReplacedBox):
            out.append((key, None))
            return
        for child in getattr(box, "children", ()):
            walk(child, key)

    walk(page._page_box, None)
    seen.update(met)
    return out


def source_offset(element: etree._Element, laid: str) -> int:
    """How many countable characters of ``element``'s own text ``laid`` (the text laid out on
    earlier pages) covers; hyphens WeasyPrint inserted are skipped."""
    src, lay = countable(own_text(element)), countable(laid)
    i = j = 0
    while i < len(src) and j < len(lay):
        if src[i] == lay[j]:
            i += 1
            j += 1
        elif lay[j] in HYPHENS:
            j += 1
        else:
            i += 1
    return i


def page_breaks(laid_out: Any, document: PrintDocument) -> list[PageBreak]:
    """Where each printed page begins: its first text, as a position in the rendered XHTML.
    A page with no text (none is expected) shares the position of the next page."""
    laid: dict[str, str] = {}
    seen: set[str] = set()
    breaks: list[PageBreak] = []
    blank: list[int] = []
    for number, page in enumerate(laid_out.pages, 1):
        fragments = _fragments(page, seen)
        first = next(((k, t) for k, t in fragments if t is None or t.strip()), None)
        if first is None:
            blank.append(number)
            continue
        key = first[0]
        if key is None or key not in document.keys:
            found = PageBreak(number, None)
        else:
            chapter, index = document.keys[key]
            offset = source_offset(document.elements[key], laid[key]) if key in laid else 0
            found = PageBreak(number, chapter, index, offset)
        for n in blank:
            breaks.append(PageBreak(n, found.chapter, found.element, found.offset))
        blank = []
        breaks.append(found)
        for k, t in fragments:
            if k is not None and t:
                laid[k] = laid.get(k, "") + t
    return breaks


# ------------------------------------------------------------------------------ writing


def _describe_links(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: a link annotation's /Contents is its link text, not the raw target
    (PDF/UA-1 §7.18.5; Matterhorn 28-011 ff.; NOTES-weasyprint.md §7)."""
    import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF object library

    for page in laid_out.pages:
        for link_type, target, _rect, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            if annotation is None or box.element is None:
                continue
            label = " ".join("".join(box.element.itertext()).split())
            if link_type == "internal" and not label:
                label = str(target)
            annotation["Contents"] = pydyf.String(label or str(target))


def pdf_bytes(laid_out: Any, report: Report, where: str,
              stamp: str | None = None) -> tuple[bytes, PostProcessStats]:
    """PDF/UA-1 bytes of a laid-out document, post-processed by :func:`.pdfua.finish`."""
    if stamp:
        laid_out.metadata.created = laid_out.metadata.modified = stamp
    languages = language_marks(laid_out)  # before writing: tagging consumes the boxes' marks
    with weasyprint_diagnostics(report, where):
        data = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=_describe_links)
    data, stats = finish(data, languages)
    for problem in stats.language_problems:
        report.warning("pdf-lang", where, f"passage languages not set on the PDF's {problem}")
    return data, stats


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file: nothing half-written remains."""
    with written_atomically(path, "PDF") as partial:
        partial.write_bytes(data)
    return path


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    page_breaks: tuple[PageBreak, ...]
    refused: tuple[str, ...]


def write_pdf(edition: Edition, path: Path, text: BookText, report: Report,
              paper: str | None = None, source_date_epoch: int | None = None) -> PdfResult:
    """Write ``edition`` as a PDF/UA-1 book at ``path``; return where its pages begin."""
    size = paper_size(edition.meta.language, paper)
    document = book_document(edition, text, size)
    where = path.name
    laid_out, fetcher = render(document, report, where)
    breaks = page_breaks(laid_out, document)
    stamp = build_stamp(edition, source_date_epoch).strftime("%Y-%m-%dT%H:%M:%SZ")
    data, stats = pdf_bytes(laid_out, report, where, stamp)
    log.debug("%s: %d pages (%s); running heads and page numbers marked as artifacts in %d "
              "places", path.name, stats.pages, size, stats.artifacts)
    write_atomic(path, data)
    return PdfResult(path=path, pages=stats.pages, page_breaks=tuple(breaks),
                     refused=tuple(fetcher.refused))
