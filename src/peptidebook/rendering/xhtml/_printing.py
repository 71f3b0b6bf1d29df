"""Step 4 - Rendering: the parts of the renderer that differ on paper (print mode, for
WeasyPrint and PDF/UA-1) — every link (:meth:`PrintMode._anchor`: on paper it holds text only),
every image (:meth:`PrintMode.image`) and a chapter title's direction for the running header.
The inline visitors that call them (:mod:`._inlines`) mark a link that shows its address and
unwrap a language ``<span>`` in a link. Print mode changes inline content only: the block
elements are the same in both modes."""

from __future__ import annotations

from lxml import etree

from ...i18n import direction_of
from ...model import Chapter, Image, Inlines
from ...walk import run_language
from ._base import RendererBase
from ._elements import E


class PrintMode(RendererBase):
    """Links, images and chapter titles, in either mode."""

    def _title_direction(self, chapter: Chapter) -> str | None:
        """On paper, the direction of a chapter title written in the other direction than the
        book's: its heading is wrapped in bidirectional isolates, so the running header
        (``string-set`` copies text only) shows it in its own order — "What is it?" keeps its
        question mark at the end in an Arabic book. ``None`` otherwise."""
        lang = run_language(chapter.title, chapter.lang)
        if not self.print_mode or not lang or direction_of(lang) == self.text.direction:
            return None
        return direction_of(lang)

    def _anchor(self, parent: etree._Element, children: Inlines,
                attrib: dict[str, str]) -> etree._Element:
        """Every link: ``<a>`` around ``children``. In print mode a link holds text only (see
        :meth:`image`, :meth:`._inlines.InlineVisitors._span`): each image met in it is put
        before it, followed by a space, and a link left with no text is named by the first
        image's alt, else its address."""
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
