"""Step 5a - PDF: the print document — one XHTML document for WeasyPrint — and its paper.

The book: its chapters rendered by the one renderer in print mode, the printed contents
(rendered from the Edition's contents model) after the title page. A handout: its chapter, in
print mode too. Each comes with the files it may fetch (:class:`~.fetcher.AssetFetcher`): the
print stylesheet, the page size and furniture fonts this module computes, the Edition's assets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.core import get_global
from lxml import etree

from ...i18n import BookText, direction_of, parse_locale
from ...model import FRONT_KINDS, Edition, Handout
from ...rendering.contents import printed_contents
from ...rendering.pagebreaks import block_elements
from ...rendering.styles import stylesheet
from ...rendering.xhtml import XHTML, E, Renderer, Target, xhtml_document
from ...walk import plain_text
from .geometry import type_area_css
from .hyphenation import hyphenation_css
from .tables import mark_tables_that_fit

__all__ = ["ASSET_SCHEME", "PAGE_STYLE_NAME", "STYLE_NAME", "PrintDocument", "book_body",
           "book_document",
           "handout_document", "page_css", "paper_size", "print_files", "print_target"]

#: The scheme of the book's own files in the print document (``peptidebook-asset:styles/…``):
#: the only URLs :class:`~.fetcher.AssetFetcher` serves.
ASSET_SCHEME = "peptidebook-asset"
STYLE_NAME = "styles/print.css"
PAGE_STYLE_NAME = "styles/page.css"
PB_ATTR = "data-pb"  # print-only: "chapter-index.block-index" of every rendered block element

#: Territories whose paper is US Letter (CLDR supplementalData.xml, measurementData/paperSize);
#: everywhere else uses ISO A4.
LETTER_TERRITORIES = frozenset(["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH",
                                "PR", "SV", "US", "VE"])
#: ``book.toml``/``--paper`` values → CSS Paged Media 3 §7.1 page-size keywords.
PAPER_KEYWORDS = {"a4": "A4", "a5": "A5", "letter": "letter", "legal": "legal"}
#: Page sizes wide enough for a handout in two columns of 40–50 characters at its compact size
#: (A5, 148 mm wide, is not: one column of about 70).
TWO_COLUMN_PAPERS = frozenset(["A4", "letter", "legal"])


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


@dataclass
class PrintDocument:
    """One XHTML document for WeasyPrint, the files it may fetch, and the rendered block
    elements by their ``data-pb`` key (for the page list)."""

    xhtml: bytes
    files: dict[str, tuple[bytes, str]]
    title: str
    authors: tuple[str, ...]
    keys: dict[str, tuple[str, int]] = field(default_factory=dict)
    elements: dict[str, etree._Element] = field(default_factory=dict)


def print_target() -> Target:
    """One document: ids are fragments, assets come through :class:`~.fetcher.AssetFetcher`."""
    return Target(href_for_id=lambda ident: f"#{ident}",
                  asset_href=lambda name: f"{ASSET_SCHEME}:{name}")


def number_blocks(section: etree._Element, chapter_index: int, chapter_id: str,
                  document: PrintDocument) -> None:
    """Key every block element of a rendered chapter by its index among them, the address a
    :class:`~peptidebook.rendering.pagebreaks.PageBreak` uses (the EPUB's rendering of the
    chapter has the same block elements)."""
    for index, element in enumerate(block_elements(section)):
        key = f"{chapter_index}.{index}"
        element.set(PB_ATTR, key)
        document.keys[key] = (chapter_id, index)
        document.elements[key] = element


#: The sans-serif face of the page furniture (running header, page numbers) per script of the
#: book's language, after print.css's Latin one: margin boxes cannot select on :lang().
FURNITURE_FONTS = {"ar": "Noto Sans Arabic", "he": "Noto Sans Hebrew", "ja": "Noto Sans CJK JP",
                   "zh": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC",
                   "ko": "Noto Sans CJK KR"}


def page_css(paper: str, language: str = "en", *, book: bool = True) -> bytes:
    """The styles the writer computes: the page size (CSS Paged Media 3 §7.1), the book's type
    area (:mod:`.geometry`; a handout keeps its own compact layout, styles/print.css) and, for
    books in a non-Latin script, the page furniture's font."""
    css = f"@page {{ size: {paper}; }}\n" + (type_area_css(paper) if book else "")
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


def print_files(edition: Edition, paper: str, *,
                book: bool = True) -> dict[str, tuple[bytes, str]]:
    """What a print document may fetch: the Edition's assets and the two stylesheets."""
    language = edition.meta.language
    files = {asset.name: (asset.data, asset.media_type) for asset in edition.assets}
    files[STYLE_NAME] = (stylesheet("print", direction_of(language)).encode("utf-8"), "text/css")
    files[PAGE_STYLE_NAME] = (page_css(paper, language, book=book), "text/css")
    return files


def add_hyphenation(files: dict[str, tuple[bytes, str]], language: str,
                    body: list[etree._Element]) -> None:
    """Add to the computed page styles the hyphenation patterns of every language the document
    holds (:mod:`.hyphenation`)."""
    tags = {language} | {el.get("lang", "") for part in body for el in part.iter()
                         if isinstance(el.tag, str) and el.get("lang")}
    css, media_type = files[PAGE_STYLE_NAME]
    files[PAGE_STYLE_NAME] = (css + hyphenation_css(tags).encode(), media_type)


def _stylesheets() -> list[str]:
    return [f"{ASSET_SCHEME}:{STYLE_NAME}", f"{ASSET_SCHEME}:{PAGE_STYLE_NAME}"]


def book_body(edition: Edition, text: BookText,
              paper: str) -> tuple[PrintDocument, list[etree._Element]]:
    """The book's print document with no XHTML yet, and what its body holds: title page,
    printed contents, every chapter (the chunked layout, :mod:`.chunks`, cuts it in runs)."""
    renderer = Renderer(text, print_target(), print_mode=True)
    document = PrintDocument(xhtml=b"", files=print_files(edition, paper),
                             title=edition.meta.title, authors=edition.meta.authors)
    body: list[etree._Element] = []
    for n, chapter in enumerate(edition.chapters):
        section = renderer.chapter(chapter)
        number_blocks(section, n, chapter.id, document)
        body.append(section)
        if chapter.kind in FRONT_KINDS and (
                n + 1 == len(edition.chapters)
                or edition.chapters[n + 1].kind not in FRONT_KINDS):
            # the contents follow the title and copyright pages
            body.append(printed_contents(edition.contents, text))
    add_hyphenation(document.files, edition.meta.language, body)
    mark_tables_that_fit(body, paper)
    return document, body


def book_document(edition: Edition, text: BookText, paper: str) -> PrintDocument:
    """The whole book as one XHTML document: title page, printed contents, every chapter."""
    document, body = book_body(edition, text, paper)
    document.xhtml = xhtml_document(
        body, title=edition.meta.title, lang=edition.meta.language, direction=text.direction,
        stylesheets=_stylesheets())
    return document


def handout_document(handout: Handout, edition: Edition, text: BookText,
                     paper: str) -> PrintDocument:
    """One handout as an XHTML document: its chapter, marked as a handout (print.css gives it
    its own pages and compact type), in two columns when ``paper`` is wide enough."""
    chapter = handout.chapter
    section = Renderer(text, print_target(), print_mode=True).chapter(chapter)
    classes = "handout"
    if paper in TWO_COLUMN_PAPERS:
        classes += " columns"
        flatten_sections(section)
    wrapper = E("div", {"class": classes})
    wrapper.append(section)
    title = plain_text(chapter.title)
    language = chapter.lang or edition.meta.language
    xhtml = xhtml_document(
        [wrapper], title=title, lang=language, direction=text.direction,
        stylesheets=_stylesheets())
    mark_tables_that_fit([wrapper], paper)
    files = print_files(edition, paper, book=False)
    add_hyphenation(files, language, [wrapper])
    return PrintDocument(xhtml=xhtml, files=files, title=title, authors=edition.meta.authors)


def flatten_sections(chapter: etree._Element) -> None:
    """Lay a chapter out for two columns: the ``<section>`` elements its headings open are
    unwrapped (their content kept in place; one with an ``id``, which links name, is kept
    whole), and each run of blocks between the elements that
    span the page — its header, the caveat, section headings, tables, figures — is wrapped in
    a ``div.columns``. WeasyPrint 70 loses the text after a page break in a multicolumn box
    whose children span it (``column-span: all``) and ignores ``display: contents``; runs of
    columns between full-width blocks are the same page without either. The headings still
    give the PDF's structure (PDF/UA-1 §7.4 asks for headings, not sections)."""
    for section in list(chapter.iter(f"{{{XHTML}}}section")):
        if section is chapter or section.get("id"):
            continue  # a section links point to (a block of notes) stays whole, in a column
        parent = section.getparent()
        assert parent is not None
        index = parent.index(section)
        for offset, child in enumerate(list(section)):
            parent.insert(index + offset, child)
        parent.remove(section)
    run: list[etree._Element] = []
    for child in list(chapter):
        if _spans(child):
            _wrap_columns(chapter, run)
            run = []
        else:
            run.append(child)
    _wrap_columns(chapter, run)


#: What spans both columns of a handout: block elements that are wide or open a part.
_SPANNING = frozenset(f"{{{XHTML}}}{t}" for t in ["header", "h1", "h2", "figure", "table"])
_SPANNING_CLASSES = frozenset(["table-wrap", "note"])


def _spans(element: etree._Element) -> bool:
    classes = set((element.get("class") or "").split())
    return element.tag in _SPANNING or bool(classes & _SPANNING_CLASSES)


def _wrap_columns(chapter: etree._Element, run: list[etree._Element]) -> None:
    if not run:
        return
    div = E("div", {"class": "columns"})
    run[0].addprevious(div)
    for element in run:
        div.append(element)
