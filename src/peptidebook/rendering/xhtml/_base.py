"""Step 4 - Rendering: what every visitor of the renderer shares — the book's text, the
:class:`~._elements.Target`, the mode, the current language — and the walks over a sequence of
nodes, which hand each node to :class:`~._renderer.Renderer`'s two dispatchers."""

from __future__ import annotations

from abc import ABC, abstractmethod

from lxml import etree

from ...i18n import BookText, direction_of
from ...model import Block, Blocks, Inline, Inlines
from ._elements import E, Target, set_lang


class RendererBase(ABC):
    """The renderer's state and walks; :meth:`block` and :meth:`inline` are the dispatchers
    :class:`~._renderer.Renderer` defines. ``print_mode``: render for paper (the PDF book
    and handouts: see :mod:`peptidebook.rendering.xhtml`)."""

    def __init__(self, text: BookText, target: Target, *, print_mode: bool = False) -> None:
        self.text = text
        self.target = target
        self.print_mode = print_mode
        self.lang = text.language  # the language of what is being rendered
        #: In print mode, inside a link: the images met in it, with their alt, to stand
        #: before it (Matterhorn 28-011: a link annotation must sit in its Link element).
        self._in_link: list[tuple[etree._Element, str | None]] | None = None

    @abstractmethod
    def block(self, parent: etree._Element, block: Block) -> None:
        """Append one block, by its type."""

    @abstractmethod
    def inline(self, parent: etree._Element, node: Inline) -> None:
        """Append one inline, by its type."""

    def mark(self, el: etree._Element, lang: str) -> None:
        """Declare ``el`` to be in ``lang``; with ``dir`` where directions may differ."""
        set_lang(el, lang)
        if self.text.direction == "rtl" or direction_of(lang) == "rtl":
            el.set("dir", direction_of(lang))

    def blocks(self, parent: etree._Element, blocks: Blocks) -> None:
        for block in blocks:
            self.block(parent, block)

    def inlines(self, parent: etree._Element, inlines: Inlines) -> None:
        for node in inlines:
            self.inline(parent, node)

    def within(self, lang: str, parent: etree._Element, inlines: Inlines) -> None:
        """Render ``inlines`` into ``parent`` with ``lang`` as the current language."""
        outer, self.lang = self.lang, lang
        try:
            self.inlines(parent, inlines)
        finally:
            self.lang = outer

    def _wrap(self, parent: etree._Element, tag: str, children: Inlines,
              attrib: dict[str, str] | None = None) -> etree._Element:
        el = E(tag, attrib)
        self.inlines(el, children)
        parent.append(el)
        return el
