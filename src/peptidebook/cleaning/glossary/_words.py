"""Step 2 - Cleaning (glossary): the words of a run of text — read forward once, incrementally,
as the unmarked form advances (:class:`Words`), or read back a bounded way from a point — and
what a word says: whether it ends a sentence, is an abbreviation, may be part of a term."""

from __future__ import annotations

from bisect import bisect_left

from ...limits import MAX_WORD_CHARS
from ...sentences import is_abbreviation
from ._rules import (
    EDGE_PUNCTUATION,
    LOWER_WORD,
    MAX_TERM_WORDS,
    STOP_WORDS,
    TERM_WORD,
    TITLE_WORD,
    WORD,
)
from ._run import Run

__all__ = [
    "Words", "capitalise", "ends_sentence", "is_abbreviated", "last_word", "noun_phrase",
    "skip_space", "strip_edges", "word_ending_at", "words_before",
]


class Words:
    """The words of a run, read forward once (up to where the unmarked form has got), with
    where each one's sentence starts and which of them may open an unmarked definition.

    A sentence starts at a word that opens like one (a capital, an opening quote or bracket)
    after a word that ends one (:func:`ends_sentence`). A definition may open at a capitalised
    word (:data:`TITLE_WORD`) after a lower-case word (:data:`LOWER_WORD`) that is not a stop
    word, so that the term before it is not empty. After a splice, the words from it on are
    read again.
    """

    def __init__(self, run: Run) -> None:
        self.run = run
        self.spans: list[tuple[int, int]] = []
        #: The index of the first word of each word's sentence.
        self.sentence: list[int] = []
        #: The indices of the words that may open a definition, in order.
        self.openings: list[int] = []
        self.read_to = 0

    def read(self, stop: int) -> int:
        """Read the words up to ``stop`` (where a word ends); the index of the last one."""
        text = self.run.text
        for match in WORD.finditer(text, self.read_to, stop):
            i = len(self.spans)
            word = match.group()
            if i == 0:
                self.sentence.append(0)
            else:
                previous = text[self.spans[-1][0] : self.spans[-1][1]]
                opens = word[0].isupper() or word[0] in "\"“‘'(["
                self.sentence.append(i if opens and ends_sentence(previous) else
                                     self.sentence[-1])
                if (TITLE_WORD.fullmatch(word) and LOWER_WORD.fullmatch(previous)
                        and previous not in STOP_WORDS):
                    self.openings.append(i)
            self.spans.append(match.span())
        self.read_to = stop
        return len(self.spans) - 1

    def is_abbreviation(self, index: int) -> bool:
        """Whether word ``index`` is an abbreviation (read from at most its last
        ``MAX_WORD_CHARS + 1`` characters, as :func:`word_ending_at` does)."""
        a, b = self.spans[index]
        return is_abbreviated(self.run.text[max(a, b - MAX_WORD_CHARS - 1) : b])

    def forget(self, index: int) -> None:
        """The text changed from the start of word ``index`` on: read it again."""
        self.read_to = self.spans[index][0]
        del self.spans[index:], self.sentence[index:]
        del self.openings[bisect_left(self.openings, index):]


def words_before(text: str, end: int, count: int) -> list[tuple[int, int]]:
    """The spans of the last ``count`` words before ``end``, read back from there. A word, or a
    run of white space, longer than :data:`MAX_WORD_CHARS` ends the reading (as the start of
    the text would), so that reading back is bounded."""
    spans: list[tuple[int, int]] = []
    at = end
    while len(spans) < count:
        space = at
        while at > 0 and text[at - 1].isspace() and space - at <= MAX_WORD_CHARS:
            at -= 1
        word_end = at
        while at > 0 and not text[at - 1].isspace() and word_end - at <= MAX_WORD_CHARS:
            at -= 1
        if at == word_end or space - word_end > MAX_WORD_CHARS or word_end - at > MAX_WORD_CHARS:
            break
        spans.append((at, word_end))
    return spans[::-1]


def last_word(text: str, end: int) -> str:
    """The last word before ``end`` (see :func:`word_ending_at`); ``""`` when there is none
    within :data:`MAX_WORD_CHARS` characters of white space."""
    at = end
    while at > 0 and text[at - 1].isspace() and end - at <= MAX_WORD_CHARS:
        at -= 1
    return "" if at > 0 and text[at - 1].isspace() else word_ending_at(text, at)


def noun_phrase(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The last words of ``words`` that can form a term: back to a stop word or punctuation."""
    phrase: list[tuple[int, int]] = []
    for start, end in reversed(words):
        word = text[start:end]
        if (
            len(phrase) == MAX_TERM_WORDS
            or not TERM_WORD.fullmatch(word)
            or word.lower() in STOP_WORDS
        ):
            break
        phrase.append((start, end))
    return phrase[::-1]


def ends_sentence(word: str) -> bool:
    """Whether ``word`` ends a sentence (a word longer than :data:`MAX_WORD_CHARS`, closing
    quotes and brackets included, is never an abbreviation)."""
    bare = word.rstrip("\"'”’)]")
    if len(word) > MAX_WORD_CHARS:
        return bare.endswith(("!", "?", ".")) and not bare.endswith("..")
    return bare.endswith(("!", "?")) or (bare.endswith(".") and not is_abbreviated(bare))


def is_abbreviated(word: str) -> bool:
    """Whether the full stop ending ``word`` belongs to an abbreviation or initials (the
    splitter's rule: :func:`peptidebook.sentences.is_abbreviation`; the pass reads pasted
    English tooltips), or to "..." (for a word longer than :data:`MAX_WORD_CHARS`, only
    "...")."""
    return word.endswith("..") or is_abbreviation(word, "en")


def word_ending_at(text: str, end: int) -> str:
    """The word that ends at ``end``; only its last ``MAX_WORD_CHARS + 1`` characters when it
    is longer (enough to tell it is too long to be an abbreviation)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start <= MAX_WORD_CHARS:
        start -= 1
    return text[start:end]


def skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def strip_edges(word: str) -> str:
    return word.strip(EDGE_PUNCTUATION)


def capitalise(term: str) -> str:
    return term[:1].upper() + term[1:]
