"""The book's stylesheets: ``styles/base.css`` shared by every format, plus one per format.

EPUB and PDF differ only here and in packaging: ``epub`` adds ``styles/epub.css``, ``print``
adds ``styles/print.css``; both add ``styles/i18n.css`` (fonts per script, line breaking,
direction), and a right-to-left print edition adds ``styles/print-rtl.css`` (mirrored pages).
No inline styles are ever written.

The sheets are package data (``src/peptidebook/styles/``), read with :mod:`importlib.resources`
so an installed wheel finds them as a checkout does.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

FORMATS = {"epub": ("base.css", "i18n.css", "epub.css"),
           "print": ("base.css", "i18n.css", "print.css")}
#: Added after the format's own sheets for a right-to-left book.
RTL = {"epub": (), "print": ("print-rtl.css",)}


def styles_dir() -> Traversable:
    """The package's ``styles/`` folder."""
    return files("peptidebook") / "styles"


def stylesheet(fmt: str, direction: str = "ltr") -> str:
    """The concatenated CSS for ``fmt`` ("epub" or "print") in a book written in
    ``direction`` ("ltr" or "rtl")."""
    folder = styles_dir()
    names = FORMATS[fmt] + (RTL[fmt] if direction == "rtl" else ())
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in names)
