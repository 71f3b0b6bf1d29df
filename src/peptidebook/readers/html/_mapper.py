"""Step 1 - Reading: map a parsed HTML fragment (a BeautifulSoup tree) to model blocks, one
walk over the tree; :mod:`peptidebook.readers.html` says what is mapped to what."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from ...diagnostics import Report
from ...model import (
    Block,
    BlockQuote,
    BulletList,
    Cell,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Emph,
    Figure,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    ListItem,
    Note,
    OrderedList,
    Paragraph,
    QASection,
    Question,
    RawBlock,
    RawInline,
    Row,
    Span,
    Strong,
    Sub,
    Sup,
    Table,
    Text,
)
from ._bounds import PARSE_DEPTH, REOPEN_ALLOWANCE
from ._elements import (
    BLOCKS,
    CODE,
    EMBEDS,
    EMPH,
    FLAT_BREAKS,
    FRAME,
    HEADINGS,
    IGNORED,
    INLINE_WRAPPERS,
    KNOWN_INLINE,
    MAX_DEPTH,
    PRESENTATION,
    STANDALONE,
    STRONG,
    UNSAFE,
)

__all__ = ["Mapper"]

# --------------------------------------------------------------------------- mapper-only constants

#: Characters a FAQ widget uses as its open/close arrow (``<span class="faq-arrow">▼</span>``).
_ARROWS = frozenset("▼▲▾▴▽△►▶◀◄▸◂›‹⌄⌃˅˄﹀︿+−-–×✕✖⊕⊖")
#: BCP 47 shape (RFC 5646 §2.1), loose: subtags of 1-8 letters or digits.
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
#: Characters the WHATWG URL parser strips from both ends (C0 controls and space).
_URL_EDGE = "".join(chr(c) for c in range(0x21))
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_SCHEMES = frozenset({"http", "https"})


# --------------------------------------------------------------------------- small helpers


def _attr(tag: Tag, name: str) -> str | None:
    """An attribute as one string (bs4 gives multi-valued attributes as lists)."""
    value = tag.get(name)
    if value is None or isinstance(value, str):
        return value
    return " ".join(value)


def _int_attr(tag: Tag, name: str, low: int, high: int) -> int | None:
    value = (_attr(tag, name) or "").strip()
    if not value.isdigit():
        return None
    return min(max(int(value), low), high)


def _lang(tag: Tag) -> str | None:
    value = (_attr(tag, "lang") or "").strip()
    return value if _LANG.fullmatch(value) else None


def _with_lang(tag: Tag, inlines: list[Inline]) -> list[Inline]:
    lang = _lang(tag)
    return [Span(tuple(inlines), lang)] if lang and inlines else inlines


def _is_blank(node: Inline) -> bool:
    return isinstance(node, LineBreak) or (isinstance(node, Text) and not node.text.strip())


def _has_content(inlines: Iterable[Inline]) -> bool:
    return any(not _is_blank(node) for node in inlines)


def _contains_block(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCKS for d in tag.descendants)


def _is_arrow(node: PageElement) -> bool:
    """An arrow or icon decorating a FAQ ``<summary>``: only arrow characters, or an ``<svg>``."""
    if not isinstance(node, Tag):
        return False
    if node.name == "svg":
        return True
    text = node.get_text().strip()
    return node.name != "img" and all(char in _ARROWS for char in text)


def _clean_url(raw: str) -> str:
    """Strip what the WHATWG URL parser strips: edge controls/spaces, inner tabs and newlines."""
    return re.sub(r"[\t\n\r]", "", raw).strip(_URL_EDGE)


def _is_javascript(raw: str) -> bool:
    return _clean_url(raw).lower().startswith("javascript:")


def _figure_blocks(node: Inline) -> list[Block] | None:
    """An image as a figure; a linked image as the figure, then the link as text beside it
    (unless it links to the image itself); None for anything else."""
    if isinstance(node, Image):
        return [Figure(node)]
    image = _only_image(node.children) if isinstance(node, Link) else None
    if image is None or not isinstance(node, Link):
        return None
    if node.href == image.src:
        return [Figure(image)]
    return [Figure(image), Paragraph((Link((Text(node.href),), node.href, node.title),))]


def _only_image(inlines: tuple[Inline, ...]) -> Image | None:
    content = [node for node in inlines if not _is_blank(node)]
    if len(content) == 1 and isinstance(content[0], Image):
        return content[0]
    return None


# --------------------------------------------------------------------------- the mapper


class Mapper:
    """One walk over a parsed fragment; collects diagnostics into ``report``."""

    def __init__(
        self, base_url: str | None, report: Report, where: str, media_alt: Mapping[str, str]
    ) -> None:
        self.base_url = base_url
        self.report = report
        self.where = where
        self.media_alt = media_alt

    # ----------------------------------------------------------------- depth

    def report_parse_limits(self, skipped: Counter[str], not_reopened: int) -> None:
        """Report what the parser's bounds held back (:mod:`._bounds`) beyond what
        :meth:`flatten_deep` reports: elements skipped with their content, formatting elements
        not reopened."""
        for name, count in sorted(skipped.items()):
            self.report.warning(
                "dropped-unsafe",
                self.where,
                f"dropped {_plural(count, f'<{name}>')} nested deeper than {PARSE_DEPTH} levels,"
                " and their content",
            )
        if not_reopened:
            self.report.warning(
                "nesting-flattened",
                self.where,
                f"{_plural(not_reopened, 'formatting element')} left open across blocks "
                f"(<b>, <i>, <a> …) not reopened past {REOPEN_ALLOWANCE} more than the markup"
                " has tags: their text is kept without that formatting",
            )

    def flatten_deep(self, soup: BeautifulSoup, held_back: Counter[str] | None = None) -> None:
        """Replace every element nested deeper than :data:`MAX_DEPTH` by its text (one walk,
        with a stack of its own: no recursion), and report what was flattened, counting in the
        start tags the parser ``held_back`` (nested deeper still: their text is already in
        place)."""
        deep: list[Tag] = []
        stack: list[tuple[Tag, int]] = [(soup, 0)]
        while stack:
            parent, depth = stack.pop()
            for child in parent.contents:
                if not isinstance(child, Tag):
                    continue
                # The document frame a parser adds around a fragment is not nesting.
                level = depth if depth == 0 and child.name in FRAME else depth + 1
                if level > MAX_DEPTH:
                    deep.append(child)
                else:
                    stack.append((child, level))
        elements: Counter[str] = Counter(held_back)
        if not deep and not elements:
            return
        characters = 0
        for tag in deep:
            text, kept = self._flat_text(tag, elements)
            characters += kept
            if text:
                tag.replace_with(NavigableString(text))
            else:
                tag.extract()
        names = ", ".join(f"<{name}> ×{n}" for name, n in elements.most_common(3))
        more = ", …" if len(elements) > 3 else ""
        self.report.warning(
            "nesting-flattened",
            self.where,
            f"flattened {_plural(elements.total(), 'element')} nested deeper than {MAX_DEPTH} "
            f"levels"
            f" ({names}{more}) to their text: {_plural(characters, 'character')} kept",
        )

    def _flat_text(self, root: Tag, elements: Counter[str]) -> tuple[str, int]:
        """The text of ``root`` in document order, with a line break where a block or line
        ends and an image's alt text in its place, and how many characters of text (white
        space not counted) that is;
        active content is dropped and reported. Elements met are counted into ``elements``."""
        parts: list[str] = []
        kept = 0
        stack: list[PageElement | None] = [root]  # None: the end of a block
        while stack:
            node = stack.pop()
            if node is None:
                _line_break(parts)
            elif isinstance(node, PreformattedString):
                continue  # comments, CDATA: not text a reader sees
            elif isinstance(node, NavigableString):
                parts.append(str(node))
                kept += len(node) - sum(char.isspace() for char in node)
            elif isinstance(node, Tag):
                elements[node.name] += 1
                if node.name in UNSAFE | PRESENTATION:
                    self._report_dropped(node)
                    continue
                alt = _attr(node, "alt") if node.name == "img" else None
                if alt and alt.strip():
                    parts.append(f" {alt.strip()} ")
                    kept += len(alt.strip())
                if node.name in FLAT_BREAKS:
                    _line_break(parts)
                    stack.append(None)
                stack.extend(reversed(node.contents))
        return "".join(parts), kept

    # ----------------------------------------------------------------- blocks

    def blocks(self, nodes: Iterable[PageElement]) -> list[Block]:
        """Blocks for a run of sibling nodes; inline runs between blocks become paragraphs."""
        out: list[Block] = []
        pending: list[Inline] = []
        for node in nodes:
            if isinstance(node, Tag) and self._starts_block(node, pending):
                self._flush(pending, out)
                out.extend(self.block(node))
            else:
                pending.extend(self.inline(node))
        self._flush(pending, out)
        return out

    def _starts_block(self, tag: Tag, pending: list[Inline]) -> bool:
        if tag.name in BLOCKS:
            return True
        if tag.name in UNSAFE | PRESENTATION | IGNORED:
            return False
        if tag.name in STANDALONE or tag.name not in KNOWN_INLINE:
            # An image, an embed or an unknown element is a block of its own (a figure, a
            # link paragraph, a raw block) unless it sits inside running text.
            return not _has_content(pending)
        # An inline element wrapping blocks (``<strong><p>…</p></strong>``) is unwrapped.
        return _contains_block(tag)

    def _flush(self, pending: list[Inline], out: list[Block]) -> None:
        if _has_content(pending):
            out.extend(self._paragraph(tuple(pending)))
        pending.clear()

    def _paragraph(self, inlines: tuple[Inline, ...]) -> list[Block]:
        """A paragraph, or figures when it holds nothing but (linked) images."""
        out: list[Block] = []
        for node in inlines:
            if _is_blank(node):
                continue
            figure = _figure_blocks(node)
            if figure is None:
                return [Paragraph(inlines)]
            out.extend(figure)
        return out

    def block(self, tag: Tag) -> list[Block]:
        """The blocks one block-level element maps to (often one, sometimes none or several)."""
        self._check_attributes(tag)
        name = tag.name
        if name in HEADINGS:
            inlines = _with_lang(tag, self.inlines(tag.children))
            return [Heading(HEADINGS[name], tuple(inlines), _attr(tag, "id"))]
        if name == "p":
            inlines = _with_lang(tag, self.inlines(tag.children))
            return self._paragraph(tuple(inlines)) if _has_content(inlines) else []
        if name in {"ul", "ol"}:
            return [self._list(tag)]
        if name == "dl":
            return [self._definition_list(tag)]
        if name == "blockquote":
            return [BlockQuote(tuple(self.blocks(tag.children)))]
        if name == "aside":
            return [Note("note", tuple(self.blocks(tag.children)))]
        if name == "pre":
            return [self._code_block(tag)]
        if name == "hr":
            return [HorizontalRule()]
        if name == "table":
            return self._table(tag)
        if name == "figure":
            return self._figure(tag)
        if name == "details":
            return self._details(tag)
        if name == "object":
            # HTML §4.8.7: the fallback content stands for the object where it cannot be shown.
            link = self._paragraph(tuple(_with_lang(tag, self._embed(tag))))
            return [*link, *self.blocks(tag.children)]
        if name in STANDALONE:
            return self._paragraph(tuple(_with_lang(tag, self._inline_tag(tag))))
        if name in BLOCKS or name in KNOWN_INLINE:
            # Wrappers, stray list/table parts, inline elements around blocks: keep children.
            return self.blocks(tag.children)
        return [RawBlock(self._raw(tag), f"unknown element <{name}>")]

    def _list(self, tag: Tag) -> Block:
        """``<ul>``/``<ol>``; content outside ``<li>`` (a nested list, say) joins the item
        before it, as browsers show it."""
        groups: list[list[PageElement]] = []
        for child in tag.children:
            if isinstance(child, Tag) and child.name == "li":
                self._check_attributes(child)
                groups.append(list(child.children))
            elif groups:
                groups[-1].append(child)
            elif not (isinstance(child, NavigableString) and not child.strip()):
                groups.append([child])
        items = tuple(ListItem(tuple(self.blocks(group))) for group in groups)
        if tag.name == "ol":
            return OrderedList(items, _int_attr(tag, "start", 0, 10**9) or 1)
        return BulletList(items)

    def _definition_list(self, tag: Tag) -> Block:
        terms: list[tuple[list[Inline], list[tuple[Block, ...]]]] = []
        for child in self._dl_entries(tag):
            if isinstance(child, Tag) and child.name == "dt":
                terms.append((self.inlines(child.children), []))
                continue
            if not terms:
                terms.append(([], []))
            nodes = child.children if isinstance(child, Tag) and child.name == "dd" else [child]
            terms[-1][1].append(tuple(self.blocks(nodes)))
        return DefinitionList(
            tuple(DefinitionItem(tuple(term), tuple(defs)) for term, defs in terms)
        )

    @staticmethod
    def _dl_entries(tag: Tag) -> Iterator[PageElement]:
        """The ``<dt>``/``<dd>`` of a list, looking through ``<div>`` groups (HTML §4.4.9)."""
        stack: list[PageElement] = list(reversed(tag.contents))
        while stack:
            child = stack.pop()
            if isinstance(child, NavigableString) and not child.strip():
                continue
            if isinstance(child, Tag) and child.name == "div":
                stack.extend(reversed(child.contents))
            else:
                yield child

    @staticmethod
    def _code_block(tag: Tag) -> Block:
        text = tag.get_text()
        # HTML §13.2.6.4.7: a newline right after <pre> is not part of the content.
        return CodeBlock(text.removeprefix("\n").rstrip("\n"))

    def _figure(self, tag: Tag) -> list[Block]:
        """``<figure>``: an image with its caption, or (in WordPress) a captioned table."""
        caption_tag = next(
            (c for c in tag.children if isinstance(c, Tag) and c.name == "figcaption"), None
        )
        blocks = self.blocks(c for c in tag.children if c is not caption_tag)
        if caption_tag is None:
            return blocks
        caption = tuple(self.inlines(caption_tag.children))
        figures = [b for b in blocks if isinstance(b, Figure)]
        tables = [b for b in blocks if isinstance(b, Table)]
        if len(figures) == 1 and not tables:
            return [Figure(b.image, caption) if b is figures[0] else b for b in blocks]
        if len(tables) == 1 and not figures and not tables[0].caption:
            return [
                Table(b.head, b.body, caption, b.id) if b is tables[0] else b for b in blocks
            ]
        return [*blocks, Paragraph(caption)] if _has_content(caption) else blocks

    def _details(self, tag: Tag) -> list[Block]:
        """``<details><summary>Q</summary>A</details>``: one question and its answer.

        The model has no block for a lone question, so it travels as a one-question
        :class:`QASection`; :mod:`peptidebook.cleaning.faq` joins the runs and sets levels.
        """
        summary = next(
            (c for c in tag.children if isinstance(c, Tag) and c.name == "summary"), None
        )
        if summary is None:
            return self.blocks(tag.children)
        self._check_attributes(summary)
        question = self.inlines(c for c in summary.children if not self._is_decoration(c))
        answer = self.blocks(c for c in tag.children if c is not summary)
        item = Question(tuple(_strip_arrows(question)), tuple(answer), _attr(tag, "id"))
        return [QASection((item,))]

    @staticmethod
    def _is_decoration(node: PageElement) -> bool:
        return isinstance(node, Tag) and (node.name == "br" or _is_arrow(node))

    # ----------------------------------------------------------------- tables

    def _table(self, tag: Tag) -> list[Block]:
        """A table; content that is not part of it is put before it ("foster parenting",
        HTML §13.2.6.1), as browsers show it."""
        fostered: list[PageElement] = []
        caption: tuple[Inline, ...] = ()
        head: list[Row] = []
        body: list[Row] = []
        foot: list[Row] = []
        for child in tag.children:
            if not isinstance(child, Tag):
                fostered.append(child)
            elif child.name == "caption":
                caption = tuple(self.inlines(child.children))
            elif child.name in {"thead", "tbody", "tfoot"}:
                rows = self._rows(child, fostered)
                {"thead": head, "tbody": body, "tfoot": foot}[child.name].extend(rows)
            elif child.name == "tr":
                body.append(self._row(child, fostered))
            elif child.name not in IGNORED:
                fostered.append(child)
        # The model has no footer: footer rows follow the body, as they are read.
        table = Table(tuple(head), tuple(body + foot), caption, _attr(tag, "id"))
        return [*self.blocks(fostered), table]

    def _rows(self, section: Tag, fostered: list[PageElement]) -> list[Row]:
        rows: list[Row] = []
        for child in section.children:
            if isinstance(child, Tag) and child.name == "tr":
                rows.append(self._row(child, fostered))
            else:
                fostered.append(child)
        return rows

    def _row(self, tr: Tag, fostered: list[PageElement]) -> Row:
        cells: list[Cell] = []
        for child in tr.children:
            if isinstance(child, Tag) and child.name in {"td", "th"}:
                cells.append(self._cell(child))
            else:
                fostered.append(child)
        return Row(tuple(cells))

    def _cell(self, tag: Tag) -> Cell:
        self._check_attributes(tag)
        scope = _attr(tag, "scope")
        return Cell(
            tuple(self.blocks(tag.children)),
            header=tag.name == "th",
            scope="col" if scope == "col" else "row" if scope == "row" else None,
            # HTML §4.9.11: colspan is clamped to 1..1000, rowspan to 0..65534 (0 = "to the
            # end of the section", which we read as 1).
            colspan=_int_attr(tag, "colspan", 1, 1000) or 1,
            rowspan=_int_attr(tag, "rowspan", 1, 65534) or 1,
        )

    # ----------------------------------------------------------------- inlines

    def inlines(self, nodes: Iterable[PageElement]) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            out.extend(self.inline(node))
        return out

    def inline(self, node: PageElement) -> list[Inline]:
        """The inlines one node maps to."""
        if isinstance(node, PreformattedString):
            return []  # comments, CDATA, processing instructions, doctypes
        if isinstance(node, NavigableString):
            return [Text(str(node))]
        if not isinstance(node, Tag):
            return []
        self._check_attributes(node)
        if node.name in UNSAFE | PRESENTATION:
            self._report_dropped(node)
            return []
        return _with_lang(node, self._inline_tag(node))

    def _inline_tag(self, tag: Tag) -> list[Inline]:
        name = tag.name
        if name in IGNORED:
            return []
        if name == "br":
            return [LineBreak()]
        if name in STRONG:
            return [Strong(tuple(self.inlines(tag.children)))]
        if name in EMPH:
            return [Emph(tuple(self.inlines(tag.children)))]
        if name in CODE:
            return [Code(tag.get_text())]
        if name == "sub":
            return [Sub(tuple(self.inlines(tag.children)))]
        if name == "sup":
            return [Sup(tuple(self.inlines(tag.children)))]
        if name == "a":
            return self._link(tag)
        if name == "img":
            return self._image(tag)
        if name == "object":
            return [*self._embed(tag), *self.inlines(tag.children)]
        if name in EMBEDS:
            return self._embed(tag)
        if name == "q":
            return [Text('"'), *self.inlines(tag.children), Text('"')]
        if name in INLINE_WRAPPERS or name in BLOCKS:
            # Wrappers, and blocks met inside running text (a <p> in a <summary>): unwrapped.
            return self.inlines(tag.children)
        return [RawInline(self._raw(tag), f"unknown element <{name}>")]

    def _link(self, tag: Tag) -> list[Inline]:
        children = self.inlines(tag.children)
        href = _attr(tag, "href")
        if href is None:
            return children  # a named anchor
        if _is_javascript(href):
            self.report.warning(
                "dropped-unsafe", self.where, "dropped a javascript: link, kept its text"
            )
            return children
        url = self._url(href, _LINK_SCHEMES, allow_fragment=True)
        if url is None:
            return children  # a scheme a book cannot follow (tel:, ftp:, file:, …)
        return [Link(tuple(children), url, _attr(tag, "title"))]

    def _image(self, tag: Tag) -> list[Inline]:
        src = _image_source(tag)
        url = self._url(src, _IMAGE_SCHEMES) if src is not None else None
        alt = _attr(tag, "alt")
        if alt is None:
            alt = self.media_alt.get(url or "") or self.media_alt.get(src or "")
        if url is None:
            shown = (src or "")[:80]
            self.report.warning(
                "fetch-refused",
                self.where,
                f"image source {shown!r} is not an http(s) URL; kept its alt text instead",
            )
            return [Text(alt)] if alt else []
        if alt is None:
            self.report.warning("missing-alt", self.where, f"image {url} has no alt text")
        return [
            Image(
                url,
                alt,
                _attr(tag, "title"),
                _int_attr(tag, "width", 1, 100_000),
                _int_attr(tag, "height", 1, 100_000),
            )
        ]

    def _embed(self, tag: Tag) -> list[Inline]:
        """A link to what ``tag`` embeds. The fallback text of ``<video>``/``<audio>`` (HTML
        §4.8.9: "intended for older web browsers", not to be shown) is dropped, and said so;
        an ``<object>``'s fallback content is the caller's to map."""
        src = _attr(tag, "data" if tag.name == "object" else "src")
        if src is None:
            first = tag.find("source")
            src = _attr(first, "src") if isinstance(first, Tag) else None
        url = self._url(src, _IMAGE_SCHEMES) if src is not None else None
        fallback = ""
        if tag.name in {"video", "audio"}:
            fallback = " ".join(tag.get_text().split())
        dropped = f"; dropped its fallback text {_shorten(fallback)!r}" if fallback else ""
        if url is None:
            kept = ", kept its fallback content" if tag.name == "object" else ""
            self.report.warning(
                "dropped-unsafe",
                self.where,
                f"dropped <{tag.name}> without an http(s) source{kept}{dropped}",
            )
            return []
        self.report.info(
            "embed-linked", self.where, f"<{tag.name}> replaced by a link to {url}{dropped}"
        )
        return [Link((Text(url),), url, _attr(tag, "title"))]

    # ----------------------------------------------------------------- checks and reports

    def _url(
        self, raw: str, schemes: frozenset[str], *, allow_fragment: bool = False
    ) -> str | None:
        """``raw`` made absolute against the base URL, or None when its scheme is not allowed."""
        cleaned = _clean_url(raw)
        if cleaned.startswith("#"):
            return cleaned if allow_fragment and len(cleaned) > 1 else None
        try:
            if not urlsplit(cleaned).scheme:
                if self.base_url is None:
                    return None
                cleaned = urljoin(self.base_url, cleaned)
            parts = urlsplit(cleaned)
        except ValueError:  # e.g. an unbalanced IPv6 bracket
            return None
        if parts.scheme.lower() not in schemes:
            return None
        if parts.scheme.lower() != "mailto" and not parts.netloc:
            return None
        return cleaned

    def _check_attributes(self, tag: Tag) -> None:
        handlers = sorted(name for name in tag.attrs if name.lower().startswith("on"))
        if handlers:
            self.report.warning(
                "dropped-unsafe",
                self.where,
                f"dropped event handler(s) {', '.join(handlers)} on <{tag.name}>",
            )

    def _report_dropped(self, tag: Tag) -> None:
        if tag.name in PRESENTATION:
            self.report.info("dropped-unsafe", self.where, f"dropped <{tag.name}> (presentation)")
        else:
            self.report.warning(
                "dropped-unsafe", self.where, f"dropped <{tag.name}> and its content"
            )

    def _raw(self, tag: Tag) -> str:
        """The element's markup for a Raw node, with active content taken out first."""
        self.report.warning("raw-kept", self.where, f"kept unknown element <{tag.name}> as raw")
        clean = copy.copy(tag)
        for comment in clean.find_all(string=lambda s: isinstance(s, PreformattedString)):
            comment.extract()  # comments, CDATA: nothing a reader needs, and may hide markup
        for element in [clean, *clean.find_all(True)]:
            if element.decomposed:
                continue
            if element.name in UNSAFE | PRESENTATION:
                element.decompose()
                continue
            for name in list(element.attrs):
                value = _attr(element, name) or ""
                if name.lower().startswith("on") or _is_javascript(value):
                    del element[name]
        return str(clean)


def _line_break(parts: list[str]) -> None:
    """End the line of a flattened text (one line break, however many blocks end there)."""
    if not parts or parts[-1] != "\n":
        parts.append("\n")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _image_source(tag: Tag) -> str | None:
    """``src``; when it is missing or a placeholder, a lazy-loading plugin's ``data-src``,
    the first candidate of ``srcset``, or, in a ``<picture>``, of the first ``<source>``'s."""
    src = _attr(tag, "src")
    if src is None or src.strip() == "" or src.strip().lower().startswith("data:"):
        srcset = (_attr(tag, "srcset") or "").split()
        lazy = _attr(tag, "data-src") or _attr(tag, "data-lazy-src") or next(iter(srcset), None)
        if lazy:
            return lazy
        picture = tag.parent
        if picture is not None and picture.name == "picture":
            for source in picture.find_all("source", recursive=False):
                candidates = (_attr(source, "srcset") or "").split()
                if candidates:
                    return candidates[0]
    return src


def _strip_arrows(inlines: list[Inline]) -> list[Inline]:
    """Drop arrow characters a FAQ widget typed at the end of its question text."""
    if inlines and isinstance(inlines[-1], Text):
        text = inlines[-1].text.rstrip()
        stripped = text.rstrip("".join(_ARROWS - set("-–+"))).rstrip()
        if stripped != text:
            return [*inlines[:-1], Text(stripped)]
    return inlines
