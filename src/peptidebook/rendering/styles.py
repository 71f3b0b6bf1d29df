"""The book's stylesheets: ``styles/base.css`` shared by every format, plus one per format.

EPUB and PDF differ only here and in packaging: ``epub`` adds ``styles/epub.css``, ``print``
adds ``styles/print.css``. No inline styles are ever written.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {"epub": ("base.css", "epub.css"), "print": ("base.css", "print.css")}


def styles_dir() -> Path:
    """``styles/`` beside ``src/`` in a checkout, or inside the package when installed."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "styles", here.parent.parent / "styles"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("peptidebook styles/ folder not found")


def stylesheet(fmt: str) -> str:
    """The concatenated CSS for ``fmt`` ("epub" or "print")."""
    folder = styles_dir()
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in FORMATS[fmt])
