"""Step 5a - PDF, chunked (experimental): lay the book out in runs of chapters, then merge.

WeasyPrint's cost per page grows with the document and it holds every page to the end
(``../shared/PERF-PROFILE.md``). Here the print document's body (:func:`.document.book_body`)
is cut into chunks — the front (title page and printed contents), then runs of whole chapters
of about :data:`CHUNK_BYTES` of XHTML each — and each chunk is laid out and written as its own
tagged PDF, numbered as the book numbers it; :mod:`.merge` joins them into one PDF/UA-1 file.
Only one chunk is laid out at a time: memory is bounded by the largest chunk.

What a chunk needs to print as it would in the whole book, and how it gets it:

* **its page numbers**: the page counter starts at the chunk's first page
  (``@page :first { counter-reset: page N }``: WeasyPrint adds its own
  ``counter-increment: page`` only to pages whose rule does not touch the ``page`` counter,
  ``weasyprint/layout/page.py`` ``_standardize_page_based_counters``; CSS Paged Media 3
  §4.3 / CSS Lists 3 §4.5);
* **its first page's side**: WeasyPrint takes the side of a document's first page from the
  root's ``break-before`` (``weasyprint/layout/__init__.py`` ``initialize_page_maker``), so a
  chunk that starts on the other side than a document's first page says ``left``/``right``;
* **no first page**: ``:first`` matches only a document's first page (CSS Paged Media 3
  §4.2.2), so chunks other than the book's first drop the ``@page`` rules that select on it
  (:func:`without_first_page_rules`);
* **the running strings it opens with** (CSS GCPM 3 §1.2.1, ``string-set``): print.css sets
  ``book`` from the title page's heading and ``chapter`` from each chapter's heading (and
  empties it on the title page); a chunk carries their values where it begins
  (:func:`opening_strings`) as ``string-set`` on its root;
* **links to other chunks**: WeasyPrint drops a link to an anchor its document lacks
  (``weasyprint/pdf/anchors.py`` ``resolve_links``); an anchor that another chunk holds is
  added to the chunk's first page (``Page.anchors``, public) as a stand-in, whose
  destination :mod:`.merge` replaces with the real one;
* **page numbers of targets in other chunks** (the printed contents, a note's "(p. 13)"):
  ``target-counter()`` cannot see other documents. Each print.css rule that prints one is
  restated for links that carry the number as text (:func:`page_number_rules`:
  ``[data-page]``, ``attr(data-page)``), and such links get it (:func:`_number_links`). The
  body chunks are laid out in order, each anchor's page read from ``Page.anchors``, so a
  link back to an earlier chunk is numbered. The front (title page and printed contents)
  comes before them and links forward: it is laid out once with stand-in numbers to learn
  how many pages it takes, then, after the body, with the real numbers; should they change
  how many pages the front takes, the body is laid out again from the new first page. A
  body chunk's link forward to a later chunk is not numbered (it would need the body laid
  out twice): the sample and the print stylesheet have none today.

Switched on by ``PEPTIDEBOOK_PDF_CHUNKS=1`` (:data:`CHUNKS_ENV`) until the merged output is
proven on more books (README, "Experimental: chunked PDF").
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import tinycss2  # type: ignore[import-untyped]  # WeasyPrint's CSS tokenizer
from lxml import etree

from ...diagnostics import Report
from ...i18n import BookText
from ...model import Edition
from ...rendering.contents import PRINTED_CONTENTS_ID
from ...rendering.pagebreaks import PageBreak
from ...rendering.xhtml import xhtml_document
from .document import ASSET_SCHEME, PAGE_STYLE_NAME, STYLE_NAME, PrintDocument, book_body
from .layout import page_breaks, render
from .merge import ChunkPdf, MergeStats, merge_chunks
from .tagged import pdf_bytes

__all__ = ["CHUNKS_ENV", "CHUNK_BYTES", "CHUNK_STYLE_NAME", "ChunkedPdf", "chunk_css",
           "chunks_enabled", "lay_out_in_chunks", "opening_strings", "page_number_rules",
           "plan_runs", "without_first_page_rules"]

#: The environment variable that switches the chunked layout on ("1").
CHUNKS_ENV = "PEPTIDEBOOK_PDF_CHUNKS"
#: About how much XHTML one chunk holds: whole chapters are added to a run until it reaches
#: this (a chapter larger than it is a chunk of its own).
CHUNK_BYTES = 400_000
#: The stylesheet the writer computes for each chunk (page numbers, side, running strings).
CHUNK_STYLE_NAME = "styles/chunk.css"
#: How many times at most the body is laid out: again each time the contents' real page
#: numbers change how many pages the front takes.
MAX_PASSES = 3
XHTML_NS = "http://www.w3.org/1999/xhtml"


def chunks_enabled() -> bool:
    """Whether the environment asks for the chunked layout (:data:`CHUNKS_ENV` is ``1``)."""
    return os.environ.get(CHUNKS_ENV, "") == "1"


@dataclass(frozen=True)
class ChunkedPdf:
    """The merged book, where its pages begin, what the fetcher refused, how it was merged."""

    data: bytes
    pages: int
    page_breaks: tuple[PageBreak, ...]
    refused: tuple[str, ...]
    chunks: int
    merge: MergeStats


@dataclass(frozen=True)
class _Laid:
    """One chunk, laid out and written."""

    pdf: ChunkPdf
    pages: int
    anchors: dict[str, int]
    breaks: list[PageBreak]
    refused: list[str]


def plan_runs(sizes: Sequence[int], target: int = CHUNK_BYTES) -> list[range]:
    """Cut body children of ``sizes`` bytes into runs of consecutive children, each run
    closed once it holds ``target`` bytes or more."""
    runs: list[range] = []
    start = total = 0
    for index, size in enumerate(sizes):
        total += size
        if total >= target:
            runs.append(range(start, index + 1))
            start, total = index + 1, 0
    if start < len(sizes):
        runs.append(range(start, len(sizes)))
    return runs


def without_first_page_rules(css: str) -> str:
    """``css`` less the ``@page`` selectors that select on ``:first`` (a rule left with none
    is dropped): for a chunk that does not hold the book's first page."""
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            kept = [s for s in selectors if ":first" not in s.replace(" ", "").lower()]
            if not kept:
                continue
            if len(kept) != len(selectors):
                block = tinycss2.serialize(rule.content or [])
                out.append(f"@page {','.join(kept).strip()} {{{block}}}")
                continue
        out.append(rule.serialize())
    return "".join(out)


def _css_string(value: str) -> str:
    """``value`` as a CSS string token (CSS Syntax 3 §4.3.5: escape ``"``, ``\\``, newlines)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def chunk_css(first_page: int, ltr: bool, strings: dict[str, str]) -> bytes:
    """The chunk's own styles: its first page number and side, its opening running strings."""
    css = f"@page :first {{ counter-reset: page {first_page}; }}\n"
    # The book's page 1 is a right page in a left-to-right book, a left one otherwise.
    right = (first_page % 2 == 1) == ltr
    if right != ltr:  # not the side a document's first page takes by default
        css += f"html {{ break-before: {'right' if right else 'left'}; }}\n"
    if strings:
        values = ", ".join(f"{name} {_css_string(value)}" for name, value in strings.items())
        css += f"html {{ string-set: {values}; }}\n"
    return css.encode()


def _heading_text(section: etree._Element) -> str | None:
    """The text of a chapter section's own heading (``header h1``), as ``content(text)``
    gives it (white space collapsed)."""
    for header in section.iterchildren(f"{{{XHTML_NS}}}header", "header"):
        for h1 in header.iterchildren(f"{{{XHTML_NS}}}h1", "h1"):
            return " ".join("".join(h1.itertext()).split())
    return None


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def opening_strings(body: Sequence[etree._Element], run: range) -> dict[str, str]:
    """The running strings in effect where the chunk of body children ``run`` begins, as
    print.css sets them: ``book`` from the title page's heading, ``chapter`` from the last
    chapter heading (the title page empties it).

    They are set on the chunk's root, which WeasyPrint assigns on every page the root is on
    (all of them): a string that an element of the chunk sets too is left out, else the root
    would override that element from the next page on. (A chunk opens with a chapter, whose
    heading sets ``chapter`` on the chunk's first page.)"""
    strings: dict[str, str] = {}
    set_within = {name for element in body[run.start:run.stop]
                  for name in _sets(element)}
    for element in body[:run.start]:
        for name, value in _sets(element).items():
            strings[name] = value
    return {name: value for name, value in strings.items() if name not in set_within}


def _sets(element: etree._Element) -> dict[str, str]:
    """The running strings body child ``element`` sets (print.css: a chapter's heading)."""
    classes = _classes(element)
    if "chapter" not in classes:
        return {}
    text = _heading_text(element)
    if text is None:
        return {}
    if "titlepage" in classes:
        return {"book": text, "chapter": ""}
    return {"chapter": text}


def _ids(elements: Sequence[etree._Element]) -> set[str]:
    return {ident for element in elements for node in element.iter()
            if isinstance(node.tag, str) and (ident := node.get("id"))}


def _front_length(body: Sequence[etree._Element]) -> int:
    """How many body children the front holds: up to the printed contents, if there is one."""
    for index, element in enumerate(body):
        if element.get("aria-labelledby") == PRINTED_CONTENTS_ID:
            return index + 1
    return 0


#: ``target-counter(attr(href url), page)``: the page of a link's target (CSS GCPM 3 §2.4).
_TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(\s*href\s+url\s*\)\s*,\s*page\s*\)")
_PSEUDO_ELEMENT = re.compile(r"::?(?:after|before|marker)\s*$")
#: The stand-in page number of the front's first layout (three digits: a book of hundreds
#: of pages).
STAND_IN = "000"


def page_number_rules(css: str) -> str:
    """For every rule of ``css`` that prints a link target's page number with
    ``target-counter(attr(href url), page)``, the same rule restricted to links that carry
    the number as text (``[data-page]``: their target is in another chunk), printing
    ``attr(data-page)`` instead: the stylesheet keeps saying how a page number is printed."""
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        block = tinycss2.serialize(rule.content)
        if not _TARGET_PAGE.search(block):
            continue
        selectors = [_with_data_page(s.strip())
                     for s in tinycss2.serialize(rule.prelude).split(",")]
        out.append(f"{', '.join(selectors)} {{{_TARGET_PAGE.sub('attr(data-page)', block)}}}")
    return "\n".join(out)


def _with_data_page(selector: str) -> str:
    """``selector`` (``a.backlink::after``) for elements with a ``data-page`` attribute
    (``a.backlink[data-page]::after``)."""
    found = _PSEUDO_ELEMENT.search(selector)
    at = found.start() if found else len(selector)
    return f"{selector[:at]}[data-page]{selector[at:]}"


def _number_links(elements: Sequence[etree._Element], index: int, owner: dict[str, int],
                  pages: dict[str, int] | None) -> None:
    """Give every link of chunk ``index`` whose target another chunk holds that target's
    page as text (``data-page``): from ``pages``, or :data:`STAND_IN` with ``pages`` None.
    A link to its own chunk, or to a target whose page is not known (laid out later), keeps
    ``target-counter()``."""
    for element in elements:
        for link in element.iter(f"{{{XHTML_NS}}}a", "a"):
            target = (link.get("href") or "")[1:] if \
                (link.get("href") or "").startswith("#") else None
            if target is None:
                continue
            if owner.get(target, index) != index and pages is None:
                link.set("data-page", STAND_IN)
            elif owner.get(target, index) != index and pages and target in pages:
                link.set("data-page", str(pages[target]))
            elif "data-page" in link.attrib:
                del link.attrib["data-page"]


class _Chunker:
    """Lays out and writes the chunks of one book."""

    def __init__(self, edition: Edition, text: BookText, report: Report, *, paper: str,
                 where: str, chunk_bytes: int) -> None:
        self.edition, self.text, self.report, self.where = edition, text, report, where
        self.document, self.body = book_body(edition, text, paper)
        self.front = _front_length(self.body)
        sizes = [len(etree.tostring(element)) for element in self.body[self.front:]]
        self.runs = [range(r.start + self.front, r.stop + self.front)
                     for r in plan_runs(sizes, chunk_bytes)]
        if self.front:
            self.runs.insert(0, range(self.front))
        #: Which chunk holds each id of the book (an anchor WeasyPrint may make).
        self.owner = {ident: n for n, r in enumerate(self.runs)
                      for ident in _ids(self.body[r.start:r.stop])}
        self.seen: set[tuple[str, str, str, str]] = set()
        self.rules = page_number_rules(self.document.files[STYLE_NAME][0].decode("utf-8")
                                       ).encode("utf-8")

    def document_for(self, index: int, first_page: int,
                     pages: dict[str, int] | None) -> PrintDocument:
        """Chunk ``index`` as a print document from book page ``first_page``, its links to
        other chunks numbered from ``pages`` (:func:`_number_links`)."""
        run = self.runs[index]
        _number_links(self.body[run.start:run.stop], index, self.owner, pages)
        files = dict(self.document.files)
        if first_page != 1:
            css = files[STYLE_NAME][0].decode("utf-8")
            files[STYLE_NAME] = (without_first_page_rules(css).encode("utf-8"), "text/css")
        ltr = self.text.direction != "rtl"
        strings = opening_strings(self.body, run)
        files[CHUNK_STYLE_NAME] = (chunk_css(first_page, ltr, strings) + self.rules,
                                   "text/css")
        xhtml = xhtml_document(
            list(self.body[run.start:run.stop]), title=self.edition.meta.title,
            lang=self.edition.meta.language, direction=self.text.direction,
            stylesheets=[f"{ASSET_SCHEME}:{name}"
                         for name in (STYLE_NAME, PAGE_STYLE_NAME, CHUNK_STYLE_NAME)])
        return PrintDocument(xhtml=xhtml, files=files, title=self.document.title,
                             authors=self.document.authors, keys=self.document.keys,
                             elements=self.document.elements)

    def count_pages(self, index: int, first_page: int) -> int:
        """Lay chunk ``index`` out with stand-in page numbers for its links to other chunks
        and return its pages, writing nothing, reporting nothing."""
        laid_out, _ = render(self.document_for(index, first_page, None), Report(), self.where)
        return len(laid_out.pages)

    def lay_out(self, index: int, first_page: int, pages: dict[str, int]) -> _Laid:
        """Lay chunk ``index`` out from book page ``first_page``, the pages of the anchors laid
        out so far in ``pages``, and write it."""
        scratch = Report()
        laid_out, fetcher = render(self.document_for(index, first_page, pages), scratch,
                                   self.where)
        breaks = [replace(b, page=b.page + first_page - 1)
                  for b in page_breaks(laid_out, self.document)]
        anchors = {name: first_page + n for n, page in enumerate(laid_out.pages)
                   for name in page.anchors}
        phantoms = {target for page in laid_out.pages
                    for kind, target, _rect, _box in page.links
                    if kind == "internal" and target not in anchors
                    and self.owner.get(target, index) != index}
        if laid_out.pages:
            for name in sorted(phantoms):  # a stand-in, replaced in the merge (.merge)
                laid_out.pages[0].anchors[name] = (0, 0, 0, 0)
        data, _stats = pdf_bytes(laid_out, scratch, self.where, self.edition.stamp)
        self._keep(scratch)
        return _Laid(pdf=ChunkPdf(data, frozenset(phantoms)), pages=len(laid_out.pages),
                     anchors=anchors, breaks=breaks, refused=list(fetcher.refused))

    def _keep(self, scratch: Report) -> None:
        """Report each diagnostic a chunk raised once, however many chunks raised it (each
        chunk reads the same stylesheets)."""
        for d in scratch.diagnostics:
            key = (d.code, str(d.severity), d.where, d.message)
            if key not in self.seen:
                self.seen.add(key)
                self.report.add(d.code, d.severity, d.where, d.message)


def lay_out_in_chunks(edition: Edition, text: BookText, report: Report, *, paper: str,
                      where: str, chunk_bytes: int = CHUNK_BYTES) -> ChunkedPdf:
    """The book as one PDF/UA-1 file, laid out in chunks of about ``chunk_bytes`` of XHTML
    (module docstring)."""
    chunker = _Chunker(edition, text, report, paper=paper, where=where,
                       chunk_bytes=chunk_bytes)
    front = chunker.front
    body_runs = range(1 if front else 0, len(chunker.runs))
    front_pages = 0
    if front:
        front_pages = chunker.count_pages(0, 1)
    for _ in range(MAX_PASSES):
        laid: list[_Laid] = []
        pages: dict[str, int] = {}
        first = front_pages + 1
        for index in body_runs:
            laid.append(chunker.lay_out(index, first, pages))
            pages.update(laid[-1].anchors)
            first += laid[-1].pages
        if not front:
            break
        head = chunker.lay_out(0, 1, pages)
        if head.pages == front_pages:
            laid.insert(0, head)
            break
        front_pages = head.pages
    else:
        raise RuntimeError(f"{where}: the printed contents did not settle on a length in "
                           f"{MAX_PASSES} layouts")
    data, stats = merge_chunks([chunk.pdf for chunk in laid])
    refused = list(dict.fromkeys(r for chunk in laid for r in chunk.refused))
    return ChunkedPdf(data=data, pages=stats.pages,
                      page_breaks=tuple(b for chunk in laid for b in chunk.breaks),
                      refused=tuple(refused), chunks=len(laid), merge=stats)
