"""Step 5c - Handouts: print each of the Edition's handouts as a PDF/UA-1 file of its own.

Assembly made every handout — its caveat, the article, its source and references, its name
(``assembly/handouts.py``); this prints them as the book is printed (same renderer in print
mode, stylesheets, fetcher and post-processing) to ``<folder>/<name>.pdf``, on pages of their
own: compact, in two columns where the paper allows (:func:`.document.handout_document`,
``styles/print.css``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ...diagnostics import Report
from ...errors import OutputError
from ...i18n import BookText
from ...model import Edition, Handout
from ...names import is_safe_name
from .document import handout_document
from .layout import render
from .tagged import pdf_bytes, write_atomic

__all__ = ["handout_paths", "write_handouts"]


def handout_paths(handouts: Sequence[Handout], folder: Path) -> list[Path]:
    """``folder/<name>.pdf`` for each handout. An Edition made elsewhere whose handout names are
    not safe, distinct file names (:func:`peptidebook.names.is_safe_name`) is refused: a
    handout never lands outside ``folder`` or over another's."""
    names: set[str] = set()
    for handout in handouts:
        if not is_safe_name(handout.name) or handout.name in names:
            raise OutputError(f"{folder}: cannot write the handouts: the name "
                              f"{handout.name[:60]!r} is not a safe, unique file name")
        names.add(handout.name)
    return [folder / f"{handout.name}.pdf" for handout in handouts]


def write_handouts(edition: Edition, folder: Path, text: BookText, report: Report,
                   paper: str, *, on_start: Callable[[str], None] | None = None,
                   on_written: Callable[[Path], None] | None = None) -> list[Path]:
    """Write every handout of ``edition`` into ``folder``; return their paths.
    ``on_start``/``on_written`` are told of each handout (the build's progress)."""
    paths = []
    for handout, path in zip(edition.handouts, handout_paths(edition.handouts, folder),
                             strict=True):
        if on_start is not None:
            on_start(str(path))
        where = f"handouts/{path.name}"
        laid_out, _ = render(handout_document(handout, edition, text, paper), report, where)
        data, _stats = pdf_bytes(laid_out, report, where, edition.stamp)
        paths.append(write_atomic(path, data))
        if on_written is not None:
            on_written(path)
    return paths
