"""Step 4 - Rendering: turn the chapters of an Edition into XHTML, one visitor per node type.

The one renderer both writers use (Pandoc reuses its HTML writer for EPUB): the EPUB packager
puts each chapter in its own file, the PDF writer concatenates the same ``<section>`` elements
into one document. They differ in :class:`Target` (where an id lives), their CSS, and the
renderer's print mode, which makes what paper and WeasyPrint need while rendering
(:mod:`._printing`): an external link whose text is its address is marked ``shows-url`` (the
others get their address printed after them, print.css); a link holds text only — an image in
it stands before it, a language ``<span>`` in it is unwrapped; a decorative image is an empty
``span.decorative-image``; an image of unknown alt is described as such; a chapter title in the
other direction than the book's is isolated for the running header. Block elements are the
same in both modes, so a page break found on paper addresses the same element in the EPUB
(:mod:`peptidebook.rendering.pagebreaks`).

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

By concern, in the order of the flow: the elements, languages and document around the chapters
(:mod:`._elements`); the state and walks every visitor shares (:mod:`._base`); what differs on
paper (:mod:`._printing`); the inline visitors (:mod:`._inlines`), the block visitors
(:mod:`._blocks`), chapters and their sections (:mod:`._chapters`); and :class:`Renderer`
(:mod:`._renderer`), whose ``block`` and ``inline`` dispatch every node type to its visitor
with ``match`` + ``assert_never``.
"""

from __future__ import annotations

from ._chapters import CHAPTER_SEMANTICS
from ._elements import (
    EPUB,
    NSMAP,
    XHTML,
    XML_LANG,
    E,
    Target,
    append_text,
    has_rtl_text,
    set_lang,
    xhtml_document,
)
from ._renderer import Renderer

__all__ = [
    "CHAPTER_SEMANTICS",
    "EPUB",
    "NSMAP",
    "XHTML",
    "XML_LANG",
    "E",
    "Renderer",
    "Target",
    "append_text",
    "has_rtl_text",
    "set_lang",
    "xhtml_document",
]
