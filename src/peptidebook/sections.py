"""The parts of an article its headings name: shared by the plain-text reader and the cleaning
passes, so neither imports the other (not a stage: no I/O, nothing but the model).

The model keeps sections flat: a heading's section is the blocks after it up to the next
heading of its level or a higher one (:func:`section_end`). Headings are recognised by their
words, compared by :func:`label_key` (case, punctuation and dashes ignored): a reference list's
(:data:`REFERENCE_HEADINGS`, which the text reader puts at the top level and the references
pass takes out) and, in :mod:`peptidebook.cleaning.faq`, a FAQ's.
"""

from __future__ import annotations

import unicodedata

from .model import Block, Heading

__all__ = ["REFERENCE_HEADINGS", "label_key", "names_references", "section_end"]

#: Headings that open a reference list, as :func:`label_key` writes them.
REFERENCE_HEADINGS: frozenset[str] = frozenset(
    {"references", "sources", "bibliography", "works cited", "citations"}
)


def label_key(text: str) -> str:
    """``text`` for comparison: NFKC, case-folded, punctuation and dashes as spaces, collapsed
    (``"Sermorelin — Clinical Evidence"`` and ``"sermorelin: clinical evidence"`` match)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(char if char.isalnum() else " " for char in folded)
    return " ".join(kept.split())


def names_references(heading: str) -> bool:
    """Whether the words of ``heading`` name a reference list ("References", "Works cited:")."""
    return label_key(heading) in REFERENCE_HEADINGS


def section_end(blocks: tuple[Block, ...], start: int, level: int) -> int:
    """The index of the next heading of ``level`` or higher after ``start``, or the end."""
    for end in range(start + 1, len(blocks)):
        block = blocks[end]
        if isinstance(block, Heading) and block.level <= level:
            return end
    return len(blocks)
