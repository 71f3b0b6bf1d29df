"""Step 2 - Cleaning (glossary): one run of text being repaired — the splices that take
tooltips out, and the spans of the terms left behind."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from ...model import GlossaryRef, Inline, Inlines, Text

__all__ = ["Run"]


@dataclass
class Run:
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

