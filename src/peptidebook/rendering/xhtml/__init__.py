"""Step 4 - Rendering: the one XHTML renderer (being split by concern: :mod:`._renderer`)."""

from __future__ import annotations

from ._renderer import (
    CHAPTER_SEMANTICS,
    EPUB,
    NSMAP,
    XHTML,
    XML_LANG,
    E,
    Renderer,
    Target,
    append_text,
    has_rtl_text,
    inlines_lang,
    set_lang,
    xhtml_document,
)

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
    "inlines_lang",
    "set_lang",
    "xhtml_document",
]
