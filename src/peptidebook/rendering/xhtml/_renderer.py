"""Step 4 - Rendering: turn the chapters of an Edition into XHTML, one visitor per node type.

The one renderer both writers use (Pandoc reuses its HTML writer for EPUB): the EPUB packager
puts each chapter in its own file, the PDF writer concatenates the same ``<section>`` elements
into one document. They differ in :class:`Target` (where an id lives), their CSS, and the
renderer's print mode, which makes what paper and WeasyPrint need while rendering
(:meth:`Renderer._anchor`, :meth:`Renderer.image`): an external link whose text is its
address is marked ``shows-url`` (the others get their address printed after them, print.css);
a link holds text only — an image in it stands before it, a language ``<span>`` in it is
unwrapped; a decorative image is an empty ``span.decorative-image``; an image of unknown alt is
described as such; a chapter title in the other direction than the book's is isolated for the
running header. Block elements are the same in both modes, so a page break found on paper
addresses the same element in the EPUB (:mod:`.pagebreaks`).

Semantics follow EPUB 3 Structural Semantics and DPUB-ARIA 1.1: each chapter is a ``<section>``
with ``epub:type`` and the matching ``role``; headings open nested ``<section>`` elements
labelled by their heading (WCAG 2.2 SC 1.3.1); tables keep ``th scope``; decorative images are
``alt=""``. Everything is built as an element tree, so the output is always well-formed.

Languages (WCAG 2.2 SC 3.1.1/3.1.2; EPUB 3.3 §6.1.4 requires ``xml:lang`` beside ``lang``): a
chapter or passage in another language than the book carries both; a paragraph or heading that
is one such passage carries them itself rather than on a ``<span>``. Where a passage's direction
may differ from its surroundings (a right-to-left book, or a right-to-left passage), it also
carries ``dir`` (HTML §3.2.6.4), which isolates it for the bidirectional algorithm (UAX #9
§2.7); so do external links in a right-to-left book, whose addresses read left to right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from lxml import etree

from ...i18n import PDI, BookText, direction_of, isolate
from ...model import (
    BackLink,
    Block,
    BlockQuote,
    Blocks,
    BulletList,
    Cell,
    Chapter,
    Citation,
    Code,
    CodeBlock,
    DefinitionList,
    DoseAmount,
    Emph,
    Endnotes,
    Figure,
    GlossaryRef,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    Note,
    NoteRef,
    OrderedList,
    Paragraph,
    QASection,
    RawBlock,
    RawInline,
    ReferenceList,
    Span,
    Strong,
    StudyMention,
    Sub,
    Sup,
    Table,
    Text,
)
from ...walk import plain_text

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: XHTML, "epub": EPUB}

#: Chapter kind → (epub:type, DPUB-ARIA role). EPUB 3 SSV 1.1; DPUB-ARIA 1.1.
CHAPTER_SEMANTICS: dict[str, tuple[str, str | None]] = {
    "titlepage": ("titlepage", None),
    "preface": ("preface", "doc-preface"),
    "article": ("chapter", "doc-chapter"),
    "glossary": ("glossary", "doc-glossary"),
    "bibliography": ("bibliography", "doc-bibliography"),
}


@dataclass(frozen=True)
class Target:
    """How the output addresses things: ``href_for_id(id)`` and ``asset_href(name)``."""

    href_for_id: Callable[[str], str]
    asset_href: Callable[[str], str]


def E(tag: str, attrib: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    el = etree.Element(f"{{{XHTML}}}{tag}", attrib or {}, nsmap=NSMAP)
    for child in children:
        el.append(child)
    return el


def set_lang(el: etree._Element, lang: str) -> None:
    el.set("lang", lang)
    el.set(XML_LANG, lang)


def inlines_lang(inlines: Inlines, default: str | None) -> str | None:
    """The language of a run that is one marked Span (a foreign title), else ``default``."""
    if len(inlines) == 1 and isinstance(inlines[0], Span):
        return inlines[0].lang
    return default


_RTL_CHARS = ("\u0590", "\u08ff")


def has_rtl_text(text: str) -> bool:
    """Whether ``text`` holds Hebrew or Arabic letters (U+0590–U+08FF)."""
    return any(_RTL_CHARS[0] <= c <= _RTL_CHARS[1] for c in text)


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it in ``tail``)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class Renderer:
    """A per-node visitor: :meth:`block` and :meth:`inline` dispatch each node type to the
    method that appends its XHTML (``match`` + ``assert_never``: mypy reports a forgotten
    type). ``print_mode``: render for paper (the PDF book and handouts: see the module's
    docstring)."""

    def __init__(self, text: BookText, target: Target, *, print_mode: bool = False) -> None:
        self.text = text
        self.target = target
        self.print_mode = print_mode
        self.lang = text.language  # the language of what is being rendered
        #: In print mode, inside a link: the images met in it, with their alt, to stand
        #: before it (Matterhorn 28-011: a link annotation must sit in its Link element).
        self._in_link: list[tuple[etree._Element, str | None]] | None = None

    def mark(self, el: etree._Element, lang: str) -> None:
        """Declare ``el`` to be in ``lang``; with ``dir`` where directions may differ."""
        set_lang(el, lang)
        if self.text.direction == "rtl" or direction_of(lang) == "rtl":
            el.set("dir", direction_of(lang))

    # ------------------------------------------------------------------ chapters

    def chapter(self, chapter: Chapter) -> etree._Element:
        epub_type, role = CHAPTER_SEMANTICS[chapter.kind]
        section = E("section", {"id": chapter.id, f"{{{EPUB}}}type": epub_type})
        if role:
            section.set("role", role)
        outer, self.lang = self.lang, chapter.lang or self.text.language
        try:
            self._chapter(section, chapter)
        finally:
            self.lang = outer
        return section

    def _chapter(self, section: etree._Element, chapter: Chapter) -> None:
        if chapter.lang:
            self.mark(section, chapter.lang)
        section.set("class", f"chapter {chapter.kind}")
        header = E("header")
        title_id = f"{chapter.id}-title"
        h1 = E("h1", {"id": title_id})
        isolated = self._title_direction(chapter)
        if isolated:
            append_text(h1, isolate("", isolated)[0])
        self.inlines(h1, chapter.title)
        if isolated:
            append_text(h1, PDI)
        header.append(h1)
        section.set("aria-labelledby", title_id)
        for line in chapter.byline:
            p = E("p", {"class": "byline"})
            if chapter.lang:  # the byline is the book's text
                self.mark(p, self.text.language)
            self.inlines(p, line)
            header.append(p)
        section.append(header)
        self.sectioned(section, chapter.blocks, base_level=1)

    def _title_direction(self, chapter: Chapter) -> str | None:
        """On paper, the direction of a chapter title written in the other direction than the
        book's: its heading is wrapped in bidirectional isolates, so the running header
        (``string-set`` copies text only) shows it in its own order — "What is it?" keeps its
        question mark at the end in an Arabic book. ``None`` otherwise."""
        lang = inlines_lang(chapter.title, chapter.lang)
        if not self.print_mode or not lang or direction_of(lang) == self.text.direction:
            return None
        return direction_of(lang)

    def sectioned(self, parent: etree._Element, blocks: Blocks, base_level: int) -> None:
        """Append ``blocks``, opening a ``<section>`` at each heading (closed by the next
        heading of the same or a higher level)."""
        stack: list[tuple[int, etree._Element]] = [(base_level, parent)]
        for block in blocks:
            if isinstance(block, (Heading, QASection)):
                while stack[-1][0] >= block.level and len(stack) > 1:
                    stack.pop()
            container = stack[-1][1]
            if isinstance(block, Heading):
                section = E("section")
                if block.id:
                    section.set("aria-labelledby", block.id)
                container.append(section)
                self.block(section, block)
                stack.append((block.level, section))
            else:
                self.block(container, block)

    # ------------------------------------------------------------------ blocks

    def blocks(self, parent: etree._Element, blocks: Blocks) -> None:
        for block in blocks:
            self.block(parent, block)

    def block(self, parent: etree._Element, block: Block) -> None:
        """One block, by its type; a block type without a case here is a mypy error."""
        match block:
            case Heading():
                self._heading(parent, block)
            case Paragraph():
                self._paragraph(parent, block)
            case BulletList():
                self._bullet_list(parent, block)
            case OrderedList():
                self._ordered_list(parent, block)
            case DefinitionList():
                self._definition_list(parent, block)
            case BlockQuote():
                self._block_quote(parent, block)
            case CodeBlock():
                self._code_block(parent, block)
            case HorizontalRule():
                self._horizontal_rule(parent, block)
            case Table():
                self._table(parent, block)
            case Figure():
                self._figure(parent, block)
            case QASection():
                self._qa_section(parent, block)
            case Note():
                self._note(parent, block)
            case ReferenceList():
                self._reference_list(parent, block)
            case Endnotes():
                self._endnotes(parent, block)
            case RawBlock():
                self._raw_block(parent, block)
            case _:
                assert_never(block)

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

    def within(self, lang: str, parent: etree._Element, inlines: Inlines) -> None:
        """Render ``inlines`` into ``parent`` with ``lang`` as the current language."""
        outer, self.lang = self.lang, lang
        try:
            self.inlines(parent, inlines)
        finally:
            self.lang = outer

    def _bullet_list(self, parent: etree._Element, block: BulletList) -> None:
        ul = E("ul")
        for item in block.items:
            li = E("li")
            self.compact(li, item.blocks)
            ul.append(li)
        parent.append(ul)

    def _ordered_list(self, parent: etree._Element, block: OrderedList) -> None:
        ol = E("ol", {"start": str(block.start)} if block.start != 1 else {})
        for item in block.items:
            li = E("li")
            self.compact(li, item.blocks)
            ol.append(li)
        parent.append(ol)

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
        bq = E("blockquote")
        self.blocks(bq, block.blocks)
        parent.append(bq)

    def _code_block(self, parent: etree._Element, block: CodeBlock) -> None:
        pre = E("pre")
        code = E("code")
        code.text = block.text
        pre.append(code)
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

    # ------------------------------------------------------------------ inlines

    def inlines(self, parent: etree._Element, inlines: Inlines) -> None:
        for node in inlines:
            self.inline(parent, node)

    def inline(self, parent: etree._Element, node: Inline) -> None:
        """One inline, by its type; an inline type without a case here is a mypy error."""
        match node:
            case Text():
                self._text_inline(parent, node)
            case Emph():
                self._emph(parent, node)
            case Strong():
                self._strong(parent, node)
            case Sub():
                self._sub(parent, node)
            case Sup():
                self._sup(parent, node)
            case Code():
                self._code_inline(parent, node)
            case LineBreak():
                self._line_break(parent, node)
            case Link():
                self._link(parent, node)
            case Span():
                self._span(parent, node)
            case GlossaryRef():
                self._glossary_ref(parent, node)
            case Citation():
                self._citation(parent, node)
            case StudyMention():
                self._study_mention(parent, node)
            case DoseAmount():
                self._dose_amount(parent, node)
            case NoteRef():
                self._note_ref(parent, node)
            case BackLink():
                self._back_link(parent, node)
            case Image():
                self._image_inline(parent, node)
            case RawInline():
                self._raw_inline(parent, node)
            case _:
                assert_never(node)

    def _text_inline(self, parent: etree._Element, node: Text) -> None:
        append_text(parent, node.text)

    def _wrap(self, parent: etree._Element, tag: str, children: Inlines,
              attrib: dict[str, str] | None = None) -> etree._Element:
        el = E(tag, attrib)
        self.inlines(el, children)
        parent.append(el)
        return el

    def _emph(self, parent: etree._Element, node: Emph) -> None:
        self._wrap(parent, "em", node.children)

    def _strong(self, parent: etree._Element, node: Strong) -> None:
        self._wrap(parent, "strong", node.children)

    def _sub(self, parent: etree._Element, node: Sub) -> None:
        self._wrap(parent, "sub", node.children)

    def _sup(self, parent: etree._Element, node: Sup) -> None:
        self._wrap(parent, "sup", node.children)

    def _code_inline(self, parent: etree._Element, node: Code) -> None:
        code = E("code")
        code.text = node.text
        parent.append(code)

    def _line_break(self, parent: etree._Element, node: LineBreak) -> None:
        parent.append(E("br"))

    def _link(self, parent: etree._Element, node: Link) -> None:
        href = node.href
        if href.startswith("#"):
            href = self.target.href_for_id(href[1:])
        attrib = {"href": href}
        if node.title:
            attrib["title"] = node.title
        if href.startswith(("http://", "https://")):
            attrib["class"] = "external"
            if self.text.direction == "rtl" and not has_rtl_text(plain_text(node.children)):
                attrib["dir"] = "ltr"  # an address or a Latin name inside right-to-left text
        a = self._anchor(parent, node.children, attrib)
        if self.print_mode and attrib.get("class") == "external":
            label = " ".join("".join(a.itertext()).split()).rstrip("/")
            if label in {href.rstrip("/"), href.split("://", 1)[-1].rstrip("/")}:
                a.set("class", "external shows-url")  # its text is its address: not twice

    def _anchor(self, parent: etree._Element, children: Inlines,
                attrib: dict[str, str]) -> etree._Element:
        """Every link: ``<a>`` around ``children``. In print mode a link holds text only (see
        :meth:`image`, :meth:`_span`): each image met in it is put before it, followed by a
        space, and a link left with no text is named by the first image's alt, else its
        address."""
        if not self.print_mode:
            return self._wrap(parent, "a", children, attrib)
        images: list[tuple[etree._Element, str | None]] = []
        outer, self._in_link = self._in_link, images
        try:
            a = E("a", attrib)
            self.inlines(a, children)
        finally:
            self._in_link = outer
        for image, _alt in images:
            image.tail = " "
            parent.append(image)
        if images and not "".join(a.itertext()).strip():
            a.text = images[0][1] or attrib["href"]
        parent.append(a)
        return a

    def _span(self, parent: etree._Element, node: Span) -> None:
        span = E("span")
        self.mark(span, node.lang)
        self.within(node.lang, span, node.children)
        if self._in_link is not None and not len(span):
            # WeasyPrint 70 gives an inline element inside a link its own link annotation,
            # tagged outside the Link element (Matterhorn 28-011): on paper, a title quoted in
            # its language inside a link label ("Back to the passage in “…”") keeps its text
            # but not its <span lang> (the EPUB keeps it); a run in the other direction stays
            # isolated, as plain-text bidirectional isolates (UAX #9 §2.4).
            own = span.text or ""
            append_text(parent, isolate(own, span.get("dir", "")) if span.get("dir") else own)
            return
        parent.append(span)

    def _glossary_ref(self, parent: etree._Element, node: GlossaryRef) -> None:
        self._anchor(parent, node.children, {
            "href": self.target.href_for_id(node.term_id),
            f"{{{EPUB}}}type": "glossref",
            "role": "doc-glossref",
            "class": "glossref",
        })

    def _citation(self, parent: etree._Element, node: Citation) -> None:
        """DPUB-ARIA 1.1 ``doc-biblioref`` (EPUB SSV ``biblioref``): to its (first) entry."""
        attrib = {"href": self.target.href_for_id(node.ref_ids[0]),
                  f"{{{EPUB}}}type": "biblioref", "role": "doc-biblioref",
                  "class": "citation"}
        if node.id:
            attrib["id"] = node.id
        self._anchor(parent, node.children, attrib)

    def _study_mention(self, parent: etree._Element, node: StudyMention) -> None:
        """The passage a study mention's entry in the References chapter links back to."""
        self._wrap(parent, "span", node.children, {"id": node.id, "class": "study-mention"})

    def _dose_amount(self, parent: etree._Element, node: DoseAmount) -> None:
        """A dose amount as printed; print styles may shade it (see styles/print.css)."""
        self._wrap(parent, "span", node.children, {"class": "dose"})

    def _note_ref(self, parent: etree._Element, node: NoteRef) -> None:
        """EPUB SSV ``noteref`` / DPUB-ARIA ``doc-noteref``; its name keeps the visible
        number (WCAG 2.2 SC 2.5.3) and says what it is."""
        label = self.text.gettext("Note {number}").format(number=plain_text(node.children))
        attrib = {"href": self.target.href_for_id(node.target), f"{{{EPUB}}}type": "noteref",
                  "role": "doc-noteref", "class": "noteref", "aria-label": label}
        if node.id:
            attrib["id"] = node.id
        sup = E("sup")
        self._anchor(sup, node.children, attrib)
        parent.append(sup)

    def _back_link(self, parent: etree._Element, node: BackLink) -> None:
        """DPUB-ARIA ``doc-backlink``, with link text that says where it goes."""
        self._anchor(parent, node.children, {
            "href": self.target.href_for_id(node.target), "role": "doc-backlink",
            "class": "backlink"})

    def _image_inline(self, parent: etree._Element, node: Image) -> None:
        if self._in_link is not None:  # on paper: it stands before the link (:meth:`_anchor`)
            self._in_link.append((self.image(node), node.alt))
            return
        parent.append(self.image(node))

    def _raw_inline(self, parent: etree._Element, node: RawInline) -> None:
        code = E("code", {"class": "raw"})
        code.text = node.markup
        parent.append(code)

    def image(self, image: Image) -> etree._Element:
        """``<img>``; decorative (``alt=""``) with ``role="presentation"``. On paper a
        decorative image is an empty ``span.decorative-image`` (WeasyPrint would make an
        ``<img>`` a Figure without /Alt, Matterhorn 13-004, rather than an artifact), and one
        of unknown alt (reported as ``missing-alt``) is described as such."""
        if self.print_mode and image.alt == "":
            return E("span", {"class": "decorative-image"})
        alt = image.alt or ""
        if self.print_mode and image.alt is None:
            alt = self.text.gettext("Image (the source gives no description)")
        attrib = {"src": self.target.asset_href(image.src), "alt": alt}
        if image.alt == "":
            attrib["role"] = "presentation"
        if image.width and image.height:
            attrib["width"], attrib["height"] = str(image.width), str(image.height)
        return E("img", attrib)


def xhtml_document(body_children: list[etree._Element], *, title: str, lang: str,
                   direction: str, stylesheets: list[str]) -> bytes:
    """A complete XHTML5 document (EPUB 3.3 §6.1) around ``body_children``."""
    html = E("html")
    set_lang(html, lang)
    if direction == "rtl":
        html.set("dir", "rtl")
    head = E("head")
    meta = E("meta", {"charset": "utf-8"})
    head.append(meta)
    title_el = E("title")
    title_el.text = title
    head.append(title_el)
    for href in stylesheets:
        head.append(E("link", {"rel": "stylesheet", "type": "text/css", "href": href}))
    html.append(head)
    body = E("body")
    for child in body_children:
        body.append(child)
    html.append(body)
    serialised: bytes = etree.tostring(html, encoding="utf-8")
    return b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n" + serialised
