"""Helpers the cleaning passes share: a comparison key for labels and titles.

Traversals (``map_sequences``, ``map_children``) and ``plain_text`` live in
:mod:`peptidebook.walk`, shared with assembly and the writers.
"""

from __future__ import annotations

import unicodedata


def label_key(text: str) -> str:
    """``text`` for comparison: NFKC, case-folded, punctuation and dashes as spaces, collapsed
    (``"Sermorelin — Clinical Evidence"`` and ``"sermorelin: clinical evidence"`` match)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(char if char.isalnum() else " " for char in folded)
    return " ".join(kept.split())
