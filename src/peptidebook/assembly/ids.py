"""Stable, XML-valid ids derived from content and position (never ``uuid4``).

Chapter splitting is pure: every heading gets a book-wide unique id, so links survive when the
chapters are files of an EPUB and when they are one PDF document (after Pandoc's
``Chunks.fixInternalReferences``).
"""

from __future__ import annotations

import re
import unicodedata

from ..walk import plain_text

__all__ = ["IdAllocator", "plain_text", "slugify"]

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 8) -> str:
    """``"What Is Sermorelin?"`` → ``"what-is-sermorelin"``; ASCII only, never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _NON_WORD.split(ascii_text.lower()) if w]
    return "-".join(words[:max_words]) or "section"


class IdAllocator:
    """Hands out ids unique within one book: the second ``x`` becomes ``x-2``."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, wanted: str) -> str:
        # XML ids must not start with a digit (XML 1.0 §2.3 NameStartChar).
        base = wanted if wanted[:1].isalpha() else f"id-{wanted}"
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate

    def reserve(self, taken: str) -> None:
        self._used.add(taken)
