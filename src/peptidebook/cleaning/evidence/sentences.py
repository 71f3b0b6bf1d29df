"""Step 2 - Cleaning (evidence): wrap ranges of a block's text in inline nodes (its sentences
come from :func:`peptidebook.sentences.sentence_spans`, the one splitter).

Detectors read *plain text* (:func:`peptidebook.walk.plain_text`: a glossary term or a citation
inside a sentence reads as its words); the pass then wraps what they found back into the
inline tree. :func:`wrap_ranges` splits :class:`~peptidebook.model.Text` runs at the range
edges; any other node is atomic, so a range that cuts into one grows to cover it whole.
:class:`Layout` says where each node lies in the plain text, by bisection, so that a paragraph
with many sentences, citations or amounts is still read in linear time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from ...model import Inline, Inlines, Text
from ...walk import plain_text

__all__ = ["Layout", "Wrapper", "wrap_ranges"]

Wrapper = Callable[[Inlines], Inline]


class Layout:
    """The plain text of ``inlines`` and where each top-level node lies in it."""

    def __init__(self, inlines: Inlines) -> None:
        self.inlines = inlines
        self.starts: list[int] = []
        self.ends: list[int] = []
        parts: list[str] = []
        at = 0
        for node in inlines:
            part = plain_text((node,))
            parts.append(part)
            self.starts.append(at)
            at += len(part)
            self.ends.append(at)
        self.text = "".join(parts)

    def overlapping(self, start: int, end: int) -> range:
        """The indices of the nodes that overlap ``start``–``end``."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def nodes(self, start: int, end: int) -> list[Inline]:
        """The nodes that overlap ``start``–``end``."""
        return [self.inlines[i] for i in self.overlapping(start, end)]

    def containing(self, at: int) -> int | None:
        """The index of the node that ``at`` falls strictly inside, if any."""
        index = bisect_left(self.starts, at) - 1
        return index if index >= 0 and at < self.ends[index] else None


def wrap_ranges(inlines: Inlines, ranges: Sequence[tuple[int, int, Wrapper]]) -> Inlines:
    """``inlines`` with each ``(start, end, wrap)`` range of its plain text replaced by
    ``wrap(children)``. Ranges are in order and do not overlap; a range that cuts into a node
    other than Text grows to cover it, and one that would then overlap the range before it
    starts after it (an empty range is left out)."""
    layout = Layout(inlines)
    bounds = list(zip(layout.starts, layout.ends, strict=True))
    at = len(layout.text)
    out: list[Inline] = []
    index = 0  # next node to copy
    offset = 0  # characters of inlines[index] already copied (a split Text)
    previous_end = 0
    for given_start, given_end, wrap in ranges:
        start, end = _grow(layout, max(given_start, previous_end), given_end)
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


def _grow(layout: Layout, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved outwards to the edges of any non-Text node they cut into."""
    first, last = layout.containing(start), layout.containing(end)
    if first is not None and not isinstance(layout.inlines[first], Text):
        start = layout.starts[first]
    if last is not None and not isinstance(layout.inlines[last], Text):
        end = layout.ends[last]
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
