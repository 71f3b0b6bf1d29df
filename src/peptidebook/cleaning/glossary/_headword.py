"""Step 2 - Cleaning (glossary): one headword per term — near-duplicates share a key, and
every headword is cased by one rule.

**Key.** Two terms are the same entry when they differ only in case, in a hyphen for a space
("growth-hormone" / "growth hormone"), in punctuation at their ends ("Sermorelin:"), in
white space, or in an English plural ending of a word ("Hormonal Therapies" / "hormonal
therapy"; "-ies" → "-y", "-s" but not "-ss", "-us" or "-is", in words of four letters or
more).

**Case.** Sentence case: the first letter upper case, each later word as the article writes
it in running text — lower case when the article uses it in lower case anywhere ("Older Men"
→ "Older men", since the text says "older men"), else as written (a proper noun, an
acronym, "IGF-1", "mTOR"). A first word written with a capital inside it ("mTOR",
"iPhone") keeps its case.
"""

from __future__ import annotations

import re

__all__ = ["headword", "headword_key"]

_EDGES = "()[]{},;:.!?\"'“”‘’«»–—-∞ "
_SPACES = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def headword_key(term: str) -> str:
    """The key that near-duplicate terms share (see the module docstring)."""
    words = _SPACES.sub(" ", term.strip(_EDGES).casefold()).split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def headword(term: str, lower_words: frozenset[str]) -> str:
    """``term`` in sentence case, keeping the case of words the article never writes in
    lower case (``lower_words``: the words it does, case-folded as written)."""
    words = term.strip(_EDGES.replace("-", "")).split()
    if not words:
        return term
    out = []
    for index, word in enumerate(words):
        if index == 0:
            inner_capital = any(c.isupper() for c in word[1:])
            out.append(word if inner_capital else word[:1].upper() + word[1:])
            continue
        plain = word[:1].upper() + word[1:].lower() == word
        out.append(word.lower() if plain and word.lower() in lower_words else word)
    return " ".join(out)
