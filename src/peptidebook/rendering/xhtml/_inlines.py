"""Step 4 - Rendering: one visitor per inline node type, each appending its XHTML to its parent
(:meth:`~._renderer.Renderer.inline` dispatches to them). Links and images go through
:mod:`._printing`, which makes what paper needs."""

from __future__ import annotations

from lxml import etree

from ...i18n import isolate
from ...model import (
    BackLink,
    Citation,
    Code,
    DoseAmount,
    Emph,
    GlossaryRef,
    Image,
    LineBreak,
    Link,
    NoteRef,
    RawInline,
    Span,
    Strong,
    StudyMention,
    Sub,
    Sup,
    Text,
)
from ...walk import plain_text
from ._elements import EPUB, E, append_text, has_rtl_text
from ._printing import PrintMode


class InlineVisitors(PrintMode):
    """``_<node type>(parent, node)`` for each inline node type."""

    def _text_inline(self, parent: etree._Element, node: Text) -> None:
        append_text(parent, node.text)

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
        """DPUB-ARIA ``doc-backlink``, with link text that says where it goes. On paper a link
        leads nowhere: the note says the page of its passage instead, "(p. 13)" — the words
        around the number from the book's catalog, the number from the layout
        (``target-counter`` in styles/print.css, after the link's text, ``data-after`` after
        the number)."""
        attrib = {"href": self.target.href_for_id(node.target), "role": "doc-backlink",
                  "class": "backlink"}
        if not self.print_mode:
            self._anchor(parent, node.children, attrib)
            return
        before, _, after = self.text.gettext("(p. {page})").partition("{page}")
        attrib["data-after"] = after
        self._anchor(parent, (Text(before),), attrib)

    def _image_inline(self, parent: etree._Element, node: Image) -> None:
        if self._in_link is not None:  # on paper: it stands before the link (:meth:`_anchor`)
            self._in_link.append((self.image(node), node.alt))
            return
        parent.append(self.image(node))

    def _raw_inline(self, parent: etree._Element, node: RawInline) -> None:
        code = E("code", {"class": "raw"})
        code.text = node.markup
        parent.append(code)
