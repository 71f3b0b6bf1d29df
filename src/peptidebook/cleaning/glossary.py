"""Step 2 - Cleaning: take glossary tooltips pasted into sentences out to ``Article.glossary``.

Some sites show a definition when the reader hovers a term; scraping flattens that tooltip
into the middle of the sentence. Two forms are recognised:

* **marked**: ``... a protocol of testosterone replacement Meaning ∞ Testosterone Replacement
  refers to ... symptoms. therapy, and while ...``. The term is the longest run of words right
  before ``Meaning ∞`` that the definition starts with (else the definition's subject); the
  definition ends at the full stop after which the interrupted sentence resumes (a lower-case
  word or a parenthesis), else at its first sentence, else at the end of the text.
* **unmarked**: ``Growth hormone peptides Growth hormone releasing peptides stimulate ...
  exogenous hormone. are a class of molecules``. The trigger is a full stop followed by a
  lower-case word (a sentence never starts in lower case) that is not an abbreviation
  (:func:`peptidebook.sentences.is_abbreviation`, initials); the definition starts at the
  *first* capitalised word of that sentence that is not its first word, follows a lower-case
  word that is not a stop word (so the term is not empty) and leaves at least
  :data:`MIN_DEFINITION_WORDS` words. Scanning forward, not back from the full stop, keeps
  proper nouns inside a definition ("analog of naturally occurring Growth Hormone") from
  cutting it short. The term is the noun phrase right
  before the definition, back to a :data:`STOP_WORDS` word or punctuation.

Each tooltip becomes a :class:`~peptidebook.model.GlossaryEntry` (deduplicated by term, case
ignored) and the term in the repaired sentence a :class:`~peptidebook.model.GlossaryRef`. A
``∞`` *without* ``Meaning`` (``Low-Dose Testosterone Cypionate ∞ 10-20 units``) is an ordinary
separator and is left alone. Text without tooltips comes back unchanged (the very same tuples).

**Time.** The pass reads a run of text once, forward (:class:`_Words`), whatever it holds: a
word longer than :data:`~peptidebook.limits.MAX_WORD_CHARS` is never an abbreviation or part
of a term, and a run longer than :data:`~peptidebook.limits.MAX_TOOLTIP_RUN_CHARS` that could
hold a tooltip is left as it is, reported as ``input-limit``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field, replace

from ..diagnostics import Report
from ..limits import MAX_TOOLTIP_RUN_CHARS, MAX_WORD_CHARS
from ..model import (
    Article,
    GlossaryEntry,
    GlossaryRef,
    Inline,
    Inlines,
    Text,
)
from ..names import safe_name
from ..sentences import is_abbreviation
from ..walk import has_inline_children, map_inline_sequences, map_own_inlines

__all__ = ["extract_glossary"]

# --------------------------------------------------------------------------- rules as data

#: Words that end a term when walking back from a definition: the term is the noun phrase
#: after them ("the clinical application of | combined hormonal therapies").
STOP_WORDS: frozenset[str] = frozenset(
    {
        # articles and determiners: "the | therapy", "these | therapies"
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its",
        "our", "their", "some", "any", "each", "every", "all", "both", "such", "no", "other",
        "another", "more", "most", "many", "much", "few", "several",
        # prepositions: "secretagogues with | testosterone replacement therapy"
        "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "about",
        "as", "like", "than", "between", "through", "via", "within", "without", "under", "over",
        "upon", "among", "across", "during", "after", "before", "against", "toward", "towards",
        "per", "including",
        # conjunctions and relatives: "testosterone and | growth hormone"
        "and", "or", "but", "nor", "while", "whereas", "because", "if", "when", "which", "who",
        "whom", "whose", "where", "how", "why", "what",
        # pronouns: "it | ..."
        "it", "they", "we", "you", "he", "she", "i", "them", "us", "one",
        # auxiliary and common verbs: "is | ...", "can | ..."
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
        "does", "did", "can", "could", "may", "might", "must", "shall", "should", "will",
        "would", "not", "also", "involves", "involve", "include", "includes", "called",
    }
)

#: Leading words a definition may put before its term ("The Androgen Receptor (AR) is ...").
DEFINITION_ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

#: How many words a term may have, at most.
MAX_TERM_WORDS = 8
#: How many words an unmarked definition has, at least (shorter runs are ordinary text).
MIN_DEFINITION_WORDS = 6
#: How many sentences a marked definition may have before its interrupted sentence resumes.
MAX_DEFINITION_SENTENCES = 2

#: The marker of form (a), with the space before it: "replacement Meaning ∞ Testosterone".
#: The spaces are taken from the start of their run (lookbehind), so that a search does not
#: start again at each space of a long run (linear time).
_MARKER = re.compile(r"(?:(?<![ \t])[ \t]+)?\bMeaning\s*∞\s*")
#: A full stop that may end a definition: followed by white space, a comma (…) or the end.
_FULL_STOP = re.compile(r"\.(?=[\s,;:)]|$)")
#: The trigger of form (b): a full stop, then a lower-case word ("hormone. are a class").
_STOP_THEN_LOWER = re.compile(r"\.\s+(?=[a-z])")
#: One word: a run of non-space characters.
_WORD = re.compile(r"\S+")
#: A capitalised word that can open a definition: "Combining", "Hormone-Releasing"; not "GH".
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z]+)*")
#: A lower-case word, with no punctuation after it (a comma would mean a clause boundary).
_LOWER_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
#: A word that may be part of a term: letters, digits, hyphens, apostrophes.
_TERM_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
#: The subject of a definition, used when no word before the marker matches its start: at the
#: start of the definition (``\A``, read with ``match``), ending on a non-space so that the
#: white space after it is read once (linear time).
_SUBJECT = re.compile(
    r"\A(?:(?:The|A|An)\s+)?(?P<subject>[^,.;:]{0,79}?[^\s,.;:])\s+"
    r"(?:is|are|refers? to|involves?|describes?|denotes|means)\b"
)
#: A bracketed part closing a subject, with the space before it: "Growth Hormone (GH)".
_BRACKETS_AT_END = re.compile(r"(?<!\s)\s*\([^()]*\)$")
#: Characters that may open a continuation after a definition but never a sentence.
_RESUMES = frozenset("(),;:")
#: Characters that may open a term used in the text: "(testosterone", "“growth hormone".
_OPENING_PUNCTUATION = "([{\"'“‘"
#: Characters stripped from a word's ends before comparing it.
_EDGE_PUNCTUATION = "()[]{},;:.!?\"'“”‘’"

# --------------------------------------------------------------------------- the pass


def extract_glossary(article: Article, report: Report) -> Article:
    """Move pasted glossary tooltips from the text of ``article`` into its glossary."""
    glossary = _Glossary(list(article.glossary))

    def clean(inlines: Inlines) -> Inlines:
        return _clean_inlines(inlines, glossary)

    blocks = map_inline_sequences(article.blocks, clean)
    if glossary.too_long:
        runs = len(glossary.too_long)
        report.warning(
            "input-limit",
            article.slug,
            f"{runs} text{'s' if runs > 1 else ''} of more than {MAX_TOOLTIP_RUN_CHARS:,} "
            f"characters (the longest {max(glossary.too_long):,}) not searched for pasted "
            "glossary tooltips",
        )
    for term, definition in glossary.found:
        report.info(
            "glossary-extracted",
            article.slug,
            f'moved the tooltip defining "{term}" into the glossary: "{_abridge(definition)}"',
        )
    if not glossary.found:
        return article
    return replace(article, blocks=blocks, glossary=tuple(glossary.entries))


def _abridge(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- the glossary


@dataclass
class _Glossary:
    """The entries gathered so far (one pass over one article), deduplicated by term."""

    entries: list[GlossaryEntry]
    found: list[tuple[str, str]] = field(default_factory=list)
    #: The lengths of the runs too long to search (:data:`MAX_TOOLTIP_RUN_CHARS`).
    too_long: list[int] = field(default_factory=list)
    #: Entry ids by case-folded term (the first entry of a term), and every id taken.
    by_term: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_term.setdefault(entry.term.casefold(), entry.id)
            self.taken.add(entry.id)

    def add(self, term: str, definition: str) -> str:
        """Record a tooltip; the id of its (possibly earlier) entry."""
        self.found.append((term, definition))
        known = self.by_term.get(term.casefold())
        if known is not None:
            return known
        base = "gloss-" + (safe_name(term) or "term")
        entry_id, n = base, 1
        while entry_id in self.taken:
            n += 1
            entry_id = f"{base}-{n}"
        self.entries.append(GlossaryEntry(entry_id, term, (Text(definition),)))
        self.by_term[term.casefold()] = entry_id
        self.taken.add(entry_id)
        return entry_id


# --------------------------------------------------------------------------- one text run


@dataclass
class _Run:
    """The text of adjacent Text nodes being repaired, and the term spans found in it.

    Both forms are repaired left to right: a splice never starts before the one before it, and
    a term span found in a form ends before its own splice. So the spans a splice may move are
    only those of the first form still ahead of it (:attr:`ahead`, by start, kept in the
    coordinates of :attr:`shift` ago), each moved or dropped once: splicing stays linear.
    """

    text: str
    refs: list[tuple[int, int, str]] = field(default_factory=list)
    #: Spans of the marked form that lie ahead of the unmarked form's splices (by start).
    ahead: deque[tuple[int, int, str]] = field(default_factory=deque)
    #: How far the text after the splices so far has moved (added to :attr:`ahead`).
    shift: int = 0

    def look_ahead(self) -> None:
        """Before the second form: every span found so far may lie ahead of its splices."""
        self.ahead = deque(sorted(self.refs))
        self.refs, self.shift = [], 0

    def splice(self, start: int, end: int, new: str) -> None:
        """Replace ``text[start:end]`` by ``new``: a span before it stays, one after it moves,
        one that overlaps it goes."""
        self.text = self.text[:start] + new + self.text[end:]
        while self.ahead and self.ahead[0][0] + self.shift < end:
            a, b, term_id = self.ahead.popleft()
            if b + self.shift <= start:
                self.refs.append((a + self.shift, b + self.shift, term_id))
        self.shift += len(new) - (end - start)

    def inlines(self) -> Inlines:
        out: list[Inline] = []
        at = 0
        refs = self.refs + [(a + self.shift, b + self.shift, i) for a, b, i in self.ahead]
        for start, end, term_id in sorted(refs):
            if start > at:
                out.append(Text(self.text[at:start]))
            out.append(GlossaryRef((Text(self.text[start:end]),), term_id))
            at = end
        if at < len(self.text):
            out.append(Text(self.text[at:]))
        return tuple(out)


def _clean_text(text: str, glossary: _Glossary) -> Inlines | None:
    """The repaired inlines of ``text``, or ``None`` when it holds no tooltip."""
    if "." not in text:
        return None
    if len(text) > MAX_TOOLTIP_RUN_CHARS:
        if _MARKER.search(text) or _STOP_THEN_LOWER.search(text):
            glossary.too_long.append(len(text))
        return None
    run = _Run(text)
    found = len(glossary.found)
    _take_marked(run, glossary)
    run.look_ahead()
    _take_unmarked(run, glossary)
    if len(glossary.found) == found:
        return None
    return run.inlines()


# --------------------------------------------------------------------------- form (a): marked


def _take_marked(run: _Run, glossary: _Glossary) -> None:
    pos = 0
    while (marker := _MARKER.search(run.text, pos)) is not None:
        text = run.text
        following = _MARKER.search(text, marker.end())
        limit = following.start() if following else len(text)
        end = _definition_end(text, marker.end(), limit)
        if end is None:  # no full stop before the next tooltip: leave this one alone
            pos = marker.end()
            continue
        stop, resume, kind = end
        definition = text[marker.end() : stop].strip()
        before = _words_before(text, marker.start(), MAX_TERM_WORDS)
        term, ref = _marked_term(text, before, definition)
        # Glue the interrupted sentence back together.
        host_ends = _ends_sentence(_last_word(text, marker.start()))
        if kind == "resume":
            glue = "" if text[resume] in ",;:)" else " "
        elif kind == "sentence":
            glue = " " if host_ends else ". "
        else:  # the tooltip ended the text: the host sentence takes its full stop
            ends_with_stop = definition.endswith(".") and not host_ends
            glue = "." if ends_with_stop else ""
        run.splice(marker.start(), resume, glue)
        entry_id = glossary.add(term, definition)
        if ref is not None:
            run.refs.append((ref[0], ref[1], entry_id))
        pos = marker.start() + len(glue)


def _definition_end(text: str, start: int, limit: int) -> tuple[int, int, str] | None:
    """Where a marked definition starting at ``start`` stops.

    ``(stop, resume, kind)``: the definition is ``text[start:stop]`` (its full stop included)
    and the host text resumes at ``resume``. ``kind`` is ``"resume"`` when the interrupted
    sentence goes on, ``"sentence"`` when a new sentence follows, ``"end"`` at the end.
    """
    first_sentence: tuple[int, int] | None = None
    sentences = 0
    for stop_match in _FULL_STOP.finditer(text, start, limit):
        at = stop_match.start()
        if _is_abbreviation(_word_ending_at(text, at + 1)):
            continue
        resume = _skip_space(text, at + 1)
        if resume >= len(text):
            break
        if text[resume].islower() or text[resume] in _RESUMES:
            return at + 1, resume, "resume"
        sentences += 1
        if first_sentence is None:
            first_sentence = (at + 1, resume)
        if sentences >= MAX_DEFINITION_SENTENCES:
            break
    if first_sentence is not None:  # of several sentences, only the first is surely its own
        return first_sentence[0], first_sentence[1], "sentence"
    if limit == len(text) and text[start:].strip():
        return len(text.rstrip()), len(text), "end"
    return None


def _marked_term(
    text: str, before: list[tuple[int, int]], definition: str
) -> tuple[str, tuple[int, int] | None]:
    """The glossary term of a marked tooltip and the span of its use in the text."""
    words = definition.split()
    if words and words[0].lower() in DEFINITION_ARTICLES:
        words = words[1:]
    longest = min(MAX_TERM_WORDS, len(before), len(words))
    for k in range(longest, 0, -1):
        used = [text[a:b].lstrip(_OPENING_PUNCTUATION) for a, b in before[-k:]]
        defined = [_strip_edges(w) for w in words[:k]]
        if all(_TERM_WORD.fullmatch(u) for u in used) and [u.casefold() for u in used] == [
            d.casefold() for d in defined
        ]:
            start = before[-k][1] - len(used[0])  # after any opening parenthesis or quote
            return " ".join(defined), (start, before[-1][1])
    phrase = _noun_phrase(text, before)
    ref = (phrase[0][0], phrase[-1][1]) if phrase else None
    subject = _SUBJECT.match(definition)
    if subject is not None:
        return _BRACKETS_AT_END.sub("", subject["subject"]).strip(), ref
    if ref is not None:
        return _capitalise(text[ref[0] : ref[1]]), ref
    return _strip_edges(words[0]) if words else definition, None


# --------------------------------------------------------------------------- form (b): unmarked


def _take_unmarked(run: _Run, glossary: _Glossary) -> None:
    words = _Words(run)
    pos = 0
    while (trigger := _STOP_THEN_LOWER.search(run.text, pos)) is not None:
        stop = trigger.start() + 1
        pos = trigger.end()
        last = words.read(stop)  # the word the full stop ends
        first = words.sentence[last]
        if words.is_abbreviation(last):
            continue
        # The first word after the sentence's first that opens a definition of enough words.
        k = bisect_left(words.openings, first + 1)
        if k == len(words.openings) or words.openings[k] > last + 1 - MIN_DEFINITION_WORDS:
            continue
        opening = words.openings[k]
        text = run.text
        term_words = _noun_phrase(text, words.spans[max(first, opening - MAX_TERM_WORDS) : opening])
        start = words.spans[opening][0]
        definition = text[start:stop]
        run.splice(start, trigger.end(), "")
        words.forget(opening)
        entry_id = glossary.add(_capitalise(text[term_words[0][0] : term_words[-1][1]]), definition)
        run.refs.append((term_words[0][0], term_words[-1][1], entry_id))
        pos = start


# --------------------------------------------------------------------------- words and sentences


class _Words:
    """The words of a run, read forward once (up to where the unmarked form has got), with
    where each one's sentence starts and which of them may open an unmarked definition.

    A sentence starts at a word that opens like one (a capital, an opening quote or bracket)
    after a word that ends one (:func:`_ends_sentence`). A definition may open at a capitalised
    word (:data:`_TITLE_WORD`) after a lower-case word (:data:`_LOWER_WORD`) that is not a stop
    word, so that the term before it is not empty. After a splice, the words from it on are
    read again.
    """

    def __init__(self, run: _Run) -> None:
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
        for match in _WORD.finditer(text, self.read_to, stop):
            i = len(self.spans)
            word = match.group()
            if i == 0:
                self.sentence.append(0)
            else:
                previous = text[self.spans[-1][0] : self.spans[-1][1]]
                opens = word[0].isupper() or word[0] in "\"“‘'(["
                self.sentence.append(i if opens and _ends_sentence(previous) else
                                     self.sentence[-1])
                if (_TITLE_WORD.fullmatch(word) and _LOWER_WORD.fullmatch(previous)
                        and previous not in STOP_WORDS):
                    self.openings.append(i)
            self.spans.append(match.span())
        self.read_to = stop
        return len(self.spans) - 1

    def is_abbreviation(self, index: int) -> bool:
        """Whether word ``index`` is an abbreviation (read from at most its last
        ``MAX_WORD_CHARS + 1`` characters, as :func:`_word_ending_at` does)."""
        a, b = self.spans[index]
        return _is_abbreviation(self.run.text[max(a, b - MAX_WORD_CHARS - 1) : b])

    def forget(self, index: int) -> None:
        """The text changed from the start of word ``index`` on: read it again."""
        self.read_to = self.spans[index][0]
        del self.spans[index:], self.sentence[index:]
        del self.openings[bisect_left(self.openings, index):]


def _words_before(text: str, end: int, count: int) -> list[tuple[int, int]]:
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


def _last_word(text: str, end: int) -> str:
    """The last word before ``end`` (see :func:`_word_ending_at`); ``""`` when there is none
    within :data:`MAX_WORD_CHARS` characters of white space."""
    at = end
    while at > 0 and text[at - 1].isspace() and end - at <= MAX_WORD_CHARS:
        at -= 1
    return "" if at > 0 and text[at - 1].isspace() else _word_ending_at(text, at)


def _noun_phrase(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The last words of ``words`` that can form a term: back to a stop word or punctuation."""
    phrase: list[tuple[int, int]] = []
    for start, end in reversed(words):
        word = text[start:end]
        if (
            len(phrase) == MAX_TERM_WORDS
            or not _TERM_WORD.fullmatch(word)
            or word.lower() in STOP_WORDS
        ):
            break
        phrase.append((start, end))
    return phrase[::-1]


def _ends_sentence(word: str) -> bool:
    """Whether ``word`` ends a sentence (a word longer than :data:`MAX_WORD_CHARS`, closing
    quotes and brackets included, is never an abbreviation)."""
    bare = word.rstrip("\"'”’)]")
    if len(word) > MAX_WORD_CHARS:
        return bare.endswith(("!", "?", ".")) and not bare.endswith("..")
    return bare.endswith(("!", "?")) or (bare.endswith(".") and not _is_abbreviation(bare))


def _is_abbreviation(word: str) -> bool:
    """Whether the full stop ending ``word`` belongs to an abbreviation or initials (the
    splitter's rule: :func:`peptidebook.sentences.is_abbreviation`; the pass reads pasted
    English tooltips), or to "..." (for a word longer than :data:`MAX_WORD_CHARS`, only
    "...")."""
    return word.endswith("..") or is_abbreviation(word, "en")


def _word_ending_at(text: str, end: int) -> str:
    """The word that ends at ``end``; only its last ``MAX_WORD_CHARS + 1`` characters when it
    is longer (enough to tell it is too long to be an abbreviation)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start <= MAX_WORD_CHARS:
        start -= 1
    return text[start:end]


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _strip_edges(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION)


def _capitalise(term: str) -> str:
    return term[:1].upper() + term[1:]


# --------------------------------------------------------------------------- walking the tree


def _clean_inlines(inlines: Inlines, glossary: _Glossary) -> Inlines:
    """``inlines`` with every run of adjacent Text nodes repaired; the same tuple if unchanged."""
    out: list[Inline] = []
    changed = False
    i = 0
    while i < len(inlines):
        node = inlines[i]
        if isinstance(node, Text):
            texts: list[Text] = []
            while i < len(inlines):
                candidate = inlines[i]
                if not isinstance(candidate, Text):
                    break
                texts.append(candidate)
                i += 1
            repaired = _clean_text("".join(t.text for t in texts), glossary)
            if repaired is None:
                out.extend(texts)
            else:
                out.extend(repaired)
                changed = True
            continue
        new = _clean_inline(node, glossary)
        changed = changed or new is not node
        out.append(new)
        i += 1
    return tuple(out) if changed else inlines


def _clean_inline(node: Inline, glossary: _Glossary) -> Inline:
    """A mark, link or other inline with text inside, repaired inside; a leaf (code, an
    image…) and a GlossaryRef (already a term) as they are."""
    if isinstance(node, GlossaryRef) or not has_inline_children(node):
        return node
    return map_own_inlines(node, lambda run: _clean_inlines(run, glossary))
