"""Step 2 - Cleaning (evidence): find the numbered citations of an article's text — "[1]",
"[2, 5]", "[3–6]", "(1)" at the end of a clause, a superscript "¹" or "<sup>4</sup>" after a word.

A number in brackets is a citation wherever it stands. One in parentheses is one only where a
citation stands: right after a word or a full stop and before the end of a clause (", . ; :"
or the end of the block) — "(1) Wash your hands" and "in 2 (14%) of the cases" are not. A
superscript is one when it holds only numbers and follows a letter or a closing punctuation
mark, never a digit ("10³", "m²" are powers and units). Numbers are read as the article's
list numbers ("2–4" is 2, 3 and 4, up to :data:`MAX_RANGE` of them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MAX_RANGE", "NumberedMatch", "find_numbered", "numbers_of", "superscript_numbers"]

#: A list of numbers: "1", "2, 5", "3–6", "1,3-5".
_NUMBERS = r"\d{1,3}(?:\s?[,–-]\s?\d{1,3}){0,8}"
#: "[1]", "[2, 5]" anywhere; "(1)" before the end of a clause (what stands before it is
#: checked by :func:`find_numbered`: a search that starts at the bracket is a fast one).
NUMBERED_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("brackets", re.compile(rf"\[(?P<numbers>{_NUMBERS})\]"), "[1], [2, 5], [3–6]"),
    ("parentheses", re.compile(rf"\((?P<numbers>{_NUMBERS})\)(?=[.,;:!?]|\s*$)"),
     "… lean mass (1). / … lean mass.(2) — at the end of a clause, after a word"),
)
#: The superscript digits of Unicode, as a translation to ASCII digits.
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
#: Superscript digit characters: "mass¹²" (after a letter, which :func:`find_numbered` checks).
SUPERSCRIPT_CHARS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,⁻][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*")
#: What may stand right before a citation in parentheses or a superscript (after an optional
#: space for parentheses): a letter, or a closing mark.
_CLOSING = frozenset(".,;:%”’\")\"")
#: A list of numbers and nothing else (a superscript's whole text).
_ONLY_NUMBERS = re.compile(_NUMBERS)
#: The separator of a list of numbers.
_COMMA = re.compile(r"\s?,\s?")
#: The most numbers one range may stand for ("1–200" is not a citation of 200 works).
MAX_RANGE = 20


@dataclass(frozen=True)
class NumberedMatch:
    """A numbered citation found in plain text: where, and the list numbers it gives."""

    start: int
    end: int
    numbers: tuple[int, ...]
    printed: str


def numbers_of(text: str) -> tuple[int, ...]:
    """``"2, 4–6"`` → ``(2, 4, 5, 6)``; ``()`` for a range that is backwards or too long."""
    out: list[int] = []
    for part in _COMMA.split(text.translate(_SUPERSCRIPTS).replace("⁻", "-")):
        low, _, high = part.replace("–", "-").partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            return ()
        first, last = int(low), int(high or low)
        if first == 0 or last < first or last - first >= MAX_RANGE:
            return ()
        out += range(first, last + 1)
    return tuple(dict.fromkeys(out))


def _after_word(text: str, at: int) -> bool:
    """Whether ``text[at - 1]`` is a letter or a closing mark."""
    if at == 0:
        return False
    before = text[at - 1]
    return (before.isalpha() and not before.isdigit()) or before in _CLOSING


def find_numbered(text: str) -> list[NumberedMatch]:
    """The numbered citations of ``text`` (plain text), in order. They never overlap: each
    pattern's matches do not, and the patterns' shapes ("[", "(", superscript digits) share
    no character."""
    found: list[NumberedMatch] = []
    if "[" in text:
        found += _matches(NUMBERED_PATTERNS[0][1], text, lambda start: True)
    if "(" in text:
        found += _matches(NUMBERED_PATTERNS[1][1], text, lambda start: _after_word(text, start)
                          or (text[start - 1 : start] == " " and _after_word(text, start - 1)))
    if any(c in text for c in "¹²³⁴⁵⁶⁷⁸⁹⁰"):
        for match in SUPERSCRIPT_CHARS.finditer(text):
            numbers = numbers_of(match.group(0))
            if numbers and _after_word(text, match.start()):
                found.append(NumberedMatch(match.start(), match.end(), numbers,
                                           match.group(0).translate(_SUPERSCRIPTS)))
    return sorted(found, key=lambda f: f.start)


def _matches(pattern: re.Pattern[str], text: str,
             placed: Callable[[int], bool]) -> list[NumberedMatch]:
    """The matches of ``pattern`` that are ``placed`` where a citation stands (by their start)
    and give list numbers."""
    out = []
    for match in pattern.finditer(text):
        numbers = numbers_of(match["numbers"])
        if numbers and placed(match.start()):
            out.append(NumberedMatch(match.start(), match.end(), numbers, match["numbers"]))
    return out


def superscript_numbers(text: str) -> tuple[int, ...]:
    """The list numbers of a superscript's text ("4", "2,3", "[5]"), or ``()`` when it holds
    anything else."""
    inner = text.strip().strip("[]()").strip()
    if not _ONLY_NUMBERS.fullmatch(inner):
        return ()
    return numbers_of(inner)
