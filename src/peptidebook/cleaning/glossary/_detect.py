"""Step 2 - Cleaning (glossary): find the tooltips pasted into one run of text, both forms
(marked with ``Meaning ∞``, and unmarked), take them out and repair the sentence around them
(see :mod:`peptidebook.cleaning.glossary` for the rules)."""

from __future__ import annotations

from bisect import bisect_left

from ...limits import MAX_TOOLTIP_RUN_CHARS
from ...model import Inlines
from ._definition import defines
from ._entries import Change, Glossary
from ._rules import (
    BRACKETS_AT_END,
    DEFINITION_ARTICLES,
    FULL_STOP,
    MARKER,
    MAX_DEFINITION_SENTENCES,
    MAX_TERM_WORDS,
    MIN_DEFINITION_WORDS,
    OPENING_PUNCTUATION,
    RESUMES,
    STOP_THEN_LOWER,
    SUBJECT,
    TERM_WORD,
)
from ._run import Run
from ._words import (
    Words,
    capitalise,
    ends_sentence,
    is_abbreviated,
    last_word,
    noun_phrase,
    skip_space,
    strip_edges,
    word_ending_at,
    words_before,
)

__all__ = ["clean_text"]


def clean_text(text: str, glossary: Glossary) -> Inlines | None:
    """The repaired inlines of ``text``, or ``None`` when it holds no tooltip."""
    if "." not in text:
        return None
    if len(text) > MAX_TOOLTIP_RUN_CHARS:
        if MARKER.search(text) or STOP_THEN_LOWER.search(text):
            glossary.too_long.append(len(text))
        return None
    run = Run(text)
    found = len(glossary.changes)
    _take_marked(run, glossary)
    run.look_ahead()
    _take_unmarked(run, glossary)
    if len(glossary.changes) == found:
        return None
    return run.inlines()


def _take(run: Run, glossary: Glossary, term: str, ref: tuple[int, int] | None,
          tooltip: tuple[str, int, int, str]) -> None:
    """Take one tooltip out of the run: ``tooltip`` is its text and the span it takes with
    the glue that replaces it. A definition of ``term`` goes to the glossary (its use in the
    text becomes a reference to the entry), anything else is a teaser for another article."""
    definition, start, end, glue = tooltip
    before = _passage(run.text, start, end)
    run.splice(start, end, glue)
    after = _passage(run.text, start, start + len(glue))
    if defines(term, definition):
        entry_id = glossary.add(term, definition)
        if ref is not None:
            run.refs.append((ref[0], ref[1], entry_id))
        glossary.changes.append(Change("definition", term, definition, before, after))
    else:
        title, url = (run.text[ref[0] : ref[1]] if ref is not None else term), None
        if glossary.after_link is not None and _only_space_before(run.text, start):
            title, url = glossary.after_link  # the tooltip of the link right before it
        glossary.add_related(title, definition, url)
        glossary.changes.append(Change("teaser", title, definition, before, after))


def _only_space_before(text: str, at: int) -> bool:
    i = 0
    while i < at and text[i].isspace():
        i += 1
    return i == at


#: How much text either side of a change a report quotes.
PASSAGE_CHARS = 60


def _passage(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with up to :data:`PASSAGE_CHARS` characters either side, cut at
    white space, "…" where it is cut."""
    a = max(0, start - PASSAGE_CHARS)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    b = min(len(text), end + PASSAGE_CHARS)
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else b
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


# --------------------------------------------------------------------------- form (a): marked


def _take_marked(run: Run, glossary: Glossary) -> None:
    pos = 0
    while (marker := MARKER.search(run.text, pos)) is not None:
        text = run.text
        following = MARKER.search(text, marker.end())
        limit = following.start() if following else len(text)
        end = _definition_end(text, marker.end(), limit)
        if end is None:  # no full stop before the next tooltip: leave this one alone
            pos = marker.end()
            continue
        stop, resume, kind = end
        definition = text[marker.end() : stop].strip()
        before = words_before(text, marker.start(), MAX_TERM_WORDS)
        term, ref = _marked_term(text, before, definition)
        # Glue the interrupted sentence back together.
        host_ends = ends_sentence(last_word(text, marker.start()))
        if kind == "resume":
            glue = "" if text[resume] in ",;:)" else " "
        elif kind == "sentence":
            glue = " " if host_ends else ". "
        else:  # the tooltip ended the text: the host sentence takes its full stop
            ends_with_stop = definition.endswith(".") and not host_ends
            glue = "." if ends_with_stop else ""
        _take(run, glossary, term, ref, (definition, marker.start(), resume, glue))
        pos = marker.start() + len(glue)


def _definition_end(text: str, start: int, limit: int) -> tuple[int, int, str] | None:
    """Where a marked definition starting at ``start`` stops.

    ``(stop, resume, kind)``: the definition is ``text[start:stop]`` (its full stop included)
    and the host text resumes at ``resume``. ``kind`` is ``"resume"`` when the interrupted
    sentence goes on, ``"sentence"`` when a new sentence follows, ``"end"`` at the end.
    """
    first_sentence: tuple[int, int] | None = None
    sentences = 0
    for stop_match in FULL_STOP.finditer(text, start, limit):
        at = stop_match.start()
        if is_abbreviated(word_ending_at(text, at + 1)):
            continue
        resume = skip_space(text, at + 1)
        if resume >= len(text):
            break
        if text[resume].islower() or text[resume] in RESUMES:
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
        used = [text[a:b].lstrip(OPENING_PUNCTUATION) for a, b in before[-k:]]
        defined = [strip_edges(w) for w in words[:k]]
        if all(TERM_WORD.fullmatch(u) for u in used) and [u.casefold() for u in used] == [
            d.casefold() for d in defined
        ]:
            start = before[-k][1] - len(used[0])  # after any opening parenthesis or quote
            return " ".join(defined), (start, before[-1][1])
    phrase = noun_phrase(text, before)
    ref = (phrase[0][0], phrase[-1][1]) if phrase else None
    subject = SUBJECT.match(definition)
    if subject is not None:
        return BRACKETS_AT_END.sub("", subject["subject"]).strip(), ref
    if ref is not None:
        return capitalise(text[ref[0] : ref[1]]), ref
    return strip_edges(words[0]) if words else definition, None


# --------------------------------------------------------------------------- form (b): unmarked


def _take_unmarked(run: Run, glossary: Glossary) -> None:
    words = Words(run)
    pos = 0
    while (trigger := STOP_THEN_LOWER.search(run.text, pos)) is not None:
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
        term_words = noun_phrase(text, words.spans[max(first, opening - MAX_TERM_WORDS) : opening])
        start = words.spans[opening][0]
        if not glossary.evidence:  # nothing shows that this site pastes tooltips
            glossary.candidates.append(_passage(text, words.spans[first][0], trigger.end()))
            continue
        definition = text[start:stop]
        ref = (term_words[0][0], term_words[-1][1])
        words.forget(opening)
        _take(run, glossary, capitalise(text[ref[0] : ref[1]]), ref,
              (definition, start, trigger.end(), ""))
        pos = start

