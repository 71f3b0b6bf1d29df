"""Step 2 - Cleaning (evidence): split the text of a block into sentences, and wrap ranges of
that text in inline nodes.

Detectors read *plain text* (:func:`peptidebook.walk.plain_text`: a glossary term or a citation
inside a sentence reads as its words); the pass then wraps what they found back into the
inline tree. :func:`wrap_ranges` splits :class:`~peptidebook.model.Text` runs at the range
edges; any other node is atomic, so a range that cuts into one grows to cover it whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ...model import Inline, Inlines, Text
from ...walk import plain_text
from ..glossary import ABBREVIATIONS

__all__ = ["Wrapper", "sentence_spans", "wrap_ranges"]

#: A full stop, question or exclamation mark (with closing quotes or brackets) and white space,
#: then what may open a sentence: a capital, a digit, an opening quote or bracket.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“‘'(\[$])")
#: Initials ("J.", "D.", "U.S."): their full stop does not end a sentence.
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``, surrounding white space excluded.

    A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital, a digit or
    an opening quote — not after an abbreviation (``et al.``, ``e.g.``, ``vol.``) or initials.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[: match.start() + 1]
        word = before.rsplit(None, 1)[-1] if before.strip() else ""
        bare = word.lstrip("([\"'“‘")
        if bare.lower() in ABBREVIATIONS or _INITIALS.fullmatch(bare) or _is_et_al(text, match):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if b - trail > a + lead:
            out.append((a + lead, b - trail))
    return out


def _is_et_al(text: str, match: re.Match[str]) -> bool:
    return text[: match.start() + 1].lower().endswith("et al.")


Wrapper = Callable[[Inlines], Inline]


def wrap_ranges(inlines: Inlines, ranges: Sequence[tuple[int, int, Wrapper]]) -> Inlines:
    """``inlines`` with each ``(start, end, wrap)`` range of its plain text replaced by
    ``wrap(children)``. Ranges are in order and do not overlap; a range that cuts into a node
    other than Text grows to cover it, and one that would then overlap the range before it
    starts after it (an empty range is left out)."""
    # Offsets of each top-level node in the plain text.
    bounds: list[tuple[int, int]] = []
    at = 0
    for node in inlines:
        length = len(plain_text((node,)))
        bounds.append((at, at + length))
        at += length
    out: list[Inline] = []
    index = 0  # next node to copy
    offset = 0  # characters of inlines[index] already copied (a split Text)
    previous_end = 0
    for start, end, wrap in ranges:
        start, end = _grow(bounds, inlines, max(start, previous_end), end)
        if end <= start:
            continue
        # Copy what comes before the range.
        head, index, offset = _take(inlines, bounds, index, offset, start)
        out.extend(head)
        body, index, offset = _take(inlines, bounds, index, offset, end)
        out.append(wrap(tuple(body)))
        previous_end = end
    tail, _, _ = _take(inlines, bounds, index, offset, at)
    out.extend(tail)
    return tuple(out)


def _grow(bounds: list[tuple[int, int]], inlines: Inlines, start: int,
          end: int) -> tuple[int, int]:
    """``start``/``end`` moved outwards to the edges of any non-Text node they cut into."""
    for (a, b), node in zip(bounds, inlines, strict=True):
        if isinstance(node, Text):
            continue
        if a < start < b:
            start = a
        if a < end < b:
            end = b
    return start, end


def _take(inlines: Inlines, bounds: list[tuple[int, int]], index: int, offset: int,
          until: int) -> tuple[list[Inline], int, int]:
    """The nodes (or parts of Text nodes) from ``index``/``offset`` up to character ``until``;
    the new ``index``/``offset``."""
    taken: list[Inline] = []
    while index < len(inlines):
        a, b = bounds[index]
        node = inlines[index]
        if b <= until:
            if offset and isinstance(node, Text):
                taken.append(Text(node.text[offset:]))
            else:
                taken.append(node)
            index, offset = index + 1, 0
            continue
        if a + offset < until and isinstance(node, Text):
            taken.append(Text(node.text[offset : until - a]))
            offset = until - a
        break
    return [n for n in taken if not (isinstance(n, Text) and n.text == "")], index, offset
