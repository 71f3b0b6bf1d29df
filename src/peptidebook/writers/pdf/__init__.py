"""Step 5a - PDF: the Edition as one tagged PDF/UA-1 book, and its handouts (WeasyPrint 70).

By concern: the fetcher that serves only the book's own files (:mod:`.fetcher`); the print
document and its paper (:mod:`.document`); layout and where pages begin (:mod:`.layout`); the
tagged PDF with link descriptions (:mod:`.tagged`); PDF/UA post-processing (:mod:`.pdfua`,
:mod:`.pdflang`); the book (:mod:`.book`) and the handouts (:mod:`.handouts`). Every WeasyPrint
interface that is not public is read through :mod:`._weasyprint`, pinned to one version.
Nothing here writes text of the book: the chapters, the contents, the handouts are the
Edition's, rendered by the one renderer in print mode.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .book import PdfResult, write_pdf
    from .document import PrintDocument, book_document, handout_document, paper_size
    from .fetcher import ASSET_SCHEME, AssetFetcher
    from .handouts import write_handouts
    from .layout import render
    from .tagged import pdf_bytes

#: Where each name lives. Imported on first use (PEP 562): importing WeasyPrint takes most of
#: a second, which an EPUB-only build, or a caller that only wants :func:`paper_size`, never pays.
_HOMES = {"PdfResult": "book", "write_pdf": "book", "PrintDocument": "document",
          "book_document": "document", "handout_document": "document", "paper_size": "document",
          "ASSET_SCHEME": "document", "AssetFetcher": "fetcher", "write_handouts": "handouts",
          "render": "layout", "pdf_bytes": "tagged"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # once: later lookups do not come back here
    return value


__all__ = [
    "ASSET_SCHEME",
    "AssetFetcher",
    "PdfResult",
    "PrintDocument",
    "book_document",
    "handout_document",
    "paper_size",
    "pdf_bytes",
    "render",
    "write_handouts",
    "write_pdf",
]
