"""Step 1 - Reading: map a parsed HTML fragment (a BeautifulSoup tree) to model blocks, one
walk over the tree (the inlines within the blocks: :mod:`._inlines`);
:mod:`peptidebook.readers.html` says what is mapped to what."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bs4.element import NavigableString, PageElement, Tag

from ...model import (
    Block,
    BlockQuote,
    BulletList,
    Cell,
    CodeBlock,
    DefinitionItem,
    Figure,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    Link,
    ListItem,
    Note,
    OrderedList,
    Paragraph,
    QASection,
    Question,
    RawBlock,
    Row,
    Table,
    Text,
    definition_blocks,
)
from ._elements import BLOCKS, HEADINGS, IGNORED, KNOWN_INLINE, PRESENTATION, STANDALONE, UNSAFE
from ._gutenberg import block_editor
from ._inlines import InlineMapper
from ._nodes import attr, contains_block, has_content, int_attr, is_blank, is_blank_node, with_lang

__all__ = ["Mapper"]

#: Characters a FAQ widget uses as its open/close arrow (``<span class="faq-arrow">▼</span>``).
_ARROWS = frozenset("▼▲▾▴▽△►▶◀◄▸◂›‹⌄⌃˅˄﹀︿+−-–×✕✖⊕⊖")


def _is_arrow(node: PageElement) -> bool:
    """An arrow or icon decorating a FAQ ``<summary>``: only arrow characters, or an ``<svg>``."""
    if not isinstance(node, Tag):
        return False
    if node.name == "svg":
        return True
    text = node.get_text().strip()
    return node.name != "img" and all(char in _ARROWS for char in text)




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
    content = [node for node in inlines if not is_blank(node)]
    if len(content) == 1 and isinstance(content[0], Image):
        return content[0]
    return None


class Mapper(InlineMapper):
    """One walk over a parsed fragment: blocks, and the inlines within them
    (:class:`._inlines.InlineMapper`); collects diagnostics into ``report``."""

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
            return not has_content(pending)
        # An inline element wrapping blocks (``<strong><p>…</p></strong>``) is unwrapped.
        return contains_block(tag)

    def _flush(self, pending: list[Inline], out: list[Block]) -> None:
        if has_content(pending):
            out.extend(self._paragraph(tuple(pending)))
        pending.clear()

    def _paragraph(self, inlines: tuple[Inline, ...]) -> list[Block]:
        """A paragraph, or figures when it holds nothing but (linked) images."""
        out: list[Block] = []
        for node in inlines:
            if is_blank(node):
                continue
            figure = _figure_blocks(node)
            if figure is None:
                return [Paragraph(inlines)]
            out.extend(figure)
        return out

    # A flat dispatch on the element's name, one branch per kind of element.
    def block(self, tag: Tag) -> list[Block]:  # noqa: C901
        """The blocks one block-level element maps to (often one, sometimes none or several)."""
        self.check_attributes(tag)
        editor = block_editor(self, tag)
        if editor is not None:
            return editor
        name = tag.name
        if name in HEADINGS:
            inlines = with_lang(tag, self.inlines(tag.children))
            return [Heading(HEADINGS[name], tuple(inlines), attr(tag, "id"))]
        if name == "p":
            inlines = with_lang(tag, self.inlines(tag.children))
            return self._paragraph(tuple(inlines)) if has_content(inlines) else []
        if name in {"ul", "ol"}:
            return [self._list(tag)]
        if name == "dl":
            return self._definition_list(tag)
        if name == "blockquote":
            return [self._block_quote(tag)]
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
            link = self._paragraph(tuple(with_lang(tag, self._embed(tag))))
            return [*link, *self.blocks(tag.children)]
        if name in STANDALONE:
            return self._paragraph(tuple(with_lang(tag, self._inline_tag(tag))))
        if name in BLOCKS or name in KNOWN_INLINE:
            # Wrappers, stray list/table parts, inline elements around blocks: keep children.
            self.drop_form_controls(tag)
            return self.blocks(tag.children)
        return [RawBlock(self._raw(tag), f"unknown element <{name}>")]

    def _list(self, tag: Tag) -> Block:
        """``<ul>``/``<ol>``; content outside ``<li>`` (a nested list, say) joins the item
        before it, as browsers show it."""
        groups: list[list[PageElement]] = []
        for child in tag.children:
            if isinstance(child, Tag) and child.name == "li":
                self.check_attributes(child)
                groups.append(list(child.children))
            elif groups:
                groups[-1].append(child)
            elif not (isinstance(child, NavigableString) and not child.strip()):
                groups.append([child])
        items = tuple(ListItem(tuple(self.blocks(group))) for group in groups)
        if tag.name == "ol":
            return OrderedList(items, int_attr(tag, "start", 0, 10**9) or 1)
        return BulletList(items)

    def _definition_list(self, tag: Tag) -> list[Block]:
        """``<dl>``; terms after the last description (Wikipedia writes ``<dl><dt>`` for a
        pseudo-heading) become paragraphs after it
        (:func:`~peptidebook.model.definition_blocks`)."""
        terms: list[tuple[list[Inline], list[tuple[Block, ...]]]] = []
        for child in self._dl_entries(tag):
            if isinstance(child, Tag) and child.name == "dt":
                terms.append((self.inlines(child.children), []))
                continue
            if not terms:
                terms.append(([], []))
            nodes = child.children if isinstance(child, Tag) and child.name == "dd" else [child]
            terms[-1][1].append(tuple(self.blocks(nodes)))
        return list(definition_blocks(tuple(
            DefinitionItem(tuple(term), tuple(defs)) for term, defs in terms
            if has_content(term) or defs
        )))

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

    def _block_quote(self, tag: Tag) -> BlockQuote:
        """A quotation; a ``<cite>`` that is its last child (not inside one of its paragraphs)
        names its source, as WordPress's quote and pullquote blocks write it."""
        content = [c for c in tag.children if not is_blank_node(c)]
        last = content[-1] if content else None
        if isinstance(last, Tag) and last.name == "cite" and len(content) > 1:
            self.check_attributes(last)
            quoted = self.blocks(c for c in tag.children if c is not last)
            attribution = with_lang(last, self.inlines(last.children))
            return BlockQuote(tuple(quoted), tuple(attribution))
        return BlockQuote(tuple(self.blocks(tag.children)))

    @staticmethod
    def _code_block(tag: Tag) -> Block:
        """Code as written: a ``<br>`` (the block editor's code block writes one for each line
        break in older versions) is a newline."""
        for br in tag.find_all("br"):
            br.replace_with("\n")
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
        return [*blocks, Paragraph(caption)] if has_content(caption) else blocks

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
        self.check_attributes(summary)
        question = self.inlines(c for c in summary.children if not self._is_decoration(c))
        answer = self.blocks(c for c in tag.children if c is not summary)
        item = Question(tuple(_strip_arrows(question)), tuple(answer), attr(tag, "id"))
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
        table = Table(tuple(head), tuple(body + foot), caption, attr(tag, "id"))
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
        self.check_attributes(tag)
        scope = attr(tag, "scope")
        return Cell(
            tuple(self.blocks(tag.children)),
            header=tag.name == "th",
            scope="col" if scope == "col" else "row" if scope == "row" else None,
            # HTML §4.9.11: colspan is clamped to 1..1000, rowspan to 0..65534 (0 = "to the
            # end of the section", which we read as 1).
            colspan=int_attr(tag, "colspan", 1, 1000) or 1,
            rowspan=int_attr(tag, "rowspan", 1, 65534) or 1,
        )


def _strip_arrows(inlines: list[Inline]) -> list[Inline]:
    """Drop arrow characters a FAQ widget typed at the end of its question text."""
    if inlines and isinstance(inlines[-1], Text):
        text = inlines[-1].text.rstrip()
        stripped = text.rstrip("".join(_ARROWS - set("-–+"))).rstrip()
        if stripped != text:
            return [*inlines[:-1], Text(stripped)]
    return inlines
