"""Step 4 - Rendering: one visitor per block node type, each appending its XHTML to its parent
(:meth:`~._renderer.Renderer.block` dispatches to them): lists, tables with ``th scope``,
figures, the FAQ with the book's own heading, notes, references, endnotes (EPUB SSV /
DPUB-ARIA 1.1), raw markup shown escaped. Block elements are the same in both modes."""

from __future__ import annotations

from lxml import etree

from ...model import (
    BlockQuote,
    Blocks,
    BulletList,
    Cell,
    CodeBlock,
    DefinitionList,
    Endnotes,
    Figure,
    Heading,
    HorizontalRule,
    Inlines,
    ListItem,
    Note,
    OrderedList,
    Paragraph,
    Preformatted,
    QASection,
    RawBlock,
    ReferenceList,
    Span,
    Table,
)
from ._elements import EPUB, E
from ._printing import PrintMode


class BlockVisitors(PrintMode):
    """``_<node type>(parent, block)`` for each block node type, and what they share."""

    def _heading(self, parent: etree._Element, block: Heading) -> None:
        h = E(f"h{min(max(block.level, 1), 6)}")
        if block.id:
            h.set("id", block.id)
        self.passage(h, block.children)
        parent.append(h)

    def _paragraph(self, parent: etree._Element, block: Paragraph) -> None:
        p = E("p")
        self.passage(p, block.children)
        parent.append(p)

    def passage(self, el: etree._Element, inlines: Inlines) -> None:
        """A paragraph's or heading's text; a text that is wholly one language Span puts its
        language on the element itself."""
        if len(inlines) == 1 and isinstance(inlines[0], Span):
            self.mark(el, inlines[0].lang)
            self.within(inlines[0].lang, el, inlines[0].children)
        else:
            self.inlines(el, inlines)

    def _bullet_list(self, parent: etree._Element, block: BulletList) -> None:
        parent.append(self._list(E("ul"), block.items))

    def _ordered_list(self, parent: etree._Element, block: OrderedList) -> None:
        ol = E("ol", {"start": str(block.start)} if block.start != 1 else {})
        parent.append(self._list(ol, block.items))

    def _list(self, el: etree._Element, items: tuple[ListItem, ...]) -> etree._Element:
        for item in items:
            li = E("li")
            self.compact(li, item.blocks)
            el.append(li)
        return el

    def _definition_list(self, parent: etree._Element, block: DefinitionList) -> None:
        dl = E("dl")
        for item in block.items:
            dt = E("dt", {"id": item.id} if item.id else {})
            if item.id:
                dfn = E("dfn")
                self.inlines(dfn, item.term)
                dt.append(dfn)
            else:
                self.inlines(dt, item.term)
            dl.append(dt)
            for definition in item.definitions:
                dd = E("dd")
                self.compact(dd, definition)
                dl.append(dd)
        parent.append(dl)

    def _block_quote(self, parent: etree._Element, block: BlockQuote) -> None:
        """A quotation; its attribution follows it in a ``<figure>``'s ``<figcaption>`` (HTML
        §4.4.4: attribution belongs outside the ``<blockquote>``, which holds only the quoted
        words). A pull quote repeats the article's own text: an ``<aside>`` with DPUB-ARIA
        1.1 ``doc-pullquote`` (EPUB SSV ``pullquote``), hidden from assistive technology
        (WAI-ARIA 1.2 §aria-hidden: redundant content may be hidden when the same meaning is
        exposed, here the passage it repeats)."""
        if block.kind == "pullquote":
            aside = E("aside", {"class": "pullquote", "role": "doc-pullquote",
                                f"{{{EPUB}}}type": "pullquote", "aria-hidden": "true"})
            self.blocks(aside, block.blocks)
            parent.append(aside)
            return
        bq = E("blockquote")
        self.blocks(bq, block.blocks)
        if not block.attribution:
            parent.append(bq)
            return
        figure = E("figure", {"class": "quote"})
        figure.append(bq)
        caption = E("figcaption")
        self.inlines(caption, block.attribution)
        figure.append(caption)
        parent.append(figure)

    def _code_block(self, parent: etree._Element, block: CodeBlock) -> None:
        pre = E("pre")
        code = E("code")
        code.text = block.text
        pre.append(code)
        parent.append(pre)

    def _preformatted(self, parent: etree._Element, block: Preformatted) -> None:
        """Formatted text with its own line breaks and spaces: a ``<pre>`` (which may hold
        phrasing content, HTML §4.4.3), classed by kind for the face it is set in."""
        pre = E("pre", {"class": block.kind})
        self.inlines(pre, block.children)
        parent.append(pre)

    def _horizontal_rule(self, parent: etree._Element, block: HorizontalRule) -> None:
        parent.append(E("hr"))

    def _table(self, parent: etree._Element, block: Table) -> None:
        wrap = E("div", {"class": "table-wrap"})
        table = E("table", {"id": block.id} if block.id else {})
        if block.caption:
            caption = E("caption")
            self.inlines(caption, block.caption)
            table.append(caption)
        for group, rows in (("thead", block.head), ("tbody", block.body)):
            if not rows:
                continue
            section = E(group)
            for row in rows:
                tr = E("tr")
                for cell in row.cells:
                    tr.append(self.cell(cell))
                section.append(tr)
            table.append(section)
        wrap.append(table)
        parent.append(wrap)

    def cell(self, cell: Cell) -> etree._Element:
        el = E("th" if cell.header else "td")
        if cell.header and cell.scope:
            el.set("scope", cell.scope)
        if cell.colspan > 1:
            el.set("colspan", str(cell.colspan))
        if cell.rowspan > 1:
            el.set("rowspan", str(cell.rowspan))
        self.compact(el, cell.blocks)
        return el

    def _figure(self, parent: etree._Element, block: Figure) -> None:
        figure = E("figure")
        figure.append(self.image(block.image))
        if block.caption:
            figcaption = E("figcaption")
            self.inlines(figcaption, block.caption)
            figure.append(figcaption)
        parent.append(figure)

    def _qa_section(self, parent: etree._Element, block: QASection) -> None:
        section = E("section", {"class": "faq"})
        heading_id = block.id
        h = E(f"h{min(block.level, 6)}")
        h.text = self.text.gettext("Frequently asked questions")
        if not self.text.is_book_language(self.lang):  # the book's text in a foreign chapter
            self.mark(h, self.text.language)
        if heading_id:
            h.set("id", heading_id)
            section.set("aria-labelledby", heading_id)
        section.append(h)
        for question in block.questions:
            qsection = E("section", {"class": "question"})
            qh = E(f"h{min(block.level + 1, 6)}")
            if question.id:
                qh.set("id", question.id)
                qsection.set("aria-labelledby", question.id)
            self.inlines(qh, question.question)
            qsection.append(qh)
            self.blocks(qsection, question.answer)
            section.append(qsection)
        parent.append(section)

    def _note(self, parent: etree._Element, block: Note) -> None:
        aside = E("aside", {"class": f"note {block.kind}", "role": "note"})
        self.blocks(aside, block.blocks)
        parent.append(aside)

    def _reference_list(self, parent: etree._Element, block: ReferenceList) -> None:
        ol = E("ol", {"class": "references"})
        for entry in block.entries:
            li = E("li", {"id": entry.id} if entry.id else {})
            self.inlines(li, entry.children)
            ol.append(li)
        parent.append(ol)

    def _endnotes(self, parent: etree._Element, block: Endnotes) -> None:
        """EPUB SSV ``endnotes`` / DPUB-ARIA ``doc-endnotes``, labelled by its own heading;
        each note is a list item (the ``doc-endnote`` role and the ``endnote`` type are
        deprecated in DPUB-ARIA 1.1 and EPUB SSV 1.1, so neither is used)."""
        section = E("section", {f"{{{EPUB}}}type": "endnotes", "role": "doc-endnotes",
                                "class": "endnotes"})
        if block.id:
            section.set("id", block.id)
        h = E(f"h{min(max(block.level, 1), 6)}")
        if block.id:
            h.set("id", f"{block.id}-title")
            section.set("aria-labelledby", f"{block.id}-title")
        self.inlines(h, block.title)
        section.append(h)
        ol = E("ol")
        for note in block.notes:
            li = E("li", {"id": note.id})  # EPUB SSV 1.1: "endnote" is deprecated
            self.compact(li, note.blocks)
            ol.append(li)
        section.append(ol)
        parent.append(section)

    def _raw_block(self, parent: etree._Element, block: RawBlock) -> None:
        pre = E("pre", {"class": "raw"})
        pre.text = block.markup
        parent.append(pre)

    def compact(self, parent: etree._Element, blocks: Blocks) -> None:
        """A lone paragraph in a list item or cell is written without its ``<p>``."""
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
            self.inlines(parent, blocks[0].children)
        else:
            self.blocks(parent, blocks)
