"""Step 2 - Cleaning, passes on headings: drop the repeated title, promote bold questions,
renumber levels.

* ``title-heading`` (:func:`drop_title_heading`): many themes repeat the post title as the
  body's first heading; the book prints the title itself (from ``title.rendered``).

The first two change the article's structure without a diagnostic (nothing of the author's is
lost): each records what it did in ``Article.edits`` (:mod:`peptidebook.edit_record`).
* ``question-paragraphs`` (:func:`promote_question_paragraphs`): a paragraph that is nothing but
  one bold question (``<p><strong>What is …?</strong></p>``) is a heading in disguise.
* ``heading-levels`` (:func:`fix_heading_levels`): body headings start at level 2 and never skip
  a level (WCAG 2.2 SC 1.3.1, technique H42; Matterhorn 14-003 for the PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial

from ..diagnostics import Report
from ..edit_record import record
from ..model import (
    Article,
    Block,
    Blocks,
    Edit,
    Emph,
    Heading,
    Inlines,
    LineBreak,
    Paragraph,
    QASection,
    Strong,
)
from ..sections import label_key
from ..walk import map_children, plain_text

__all__ = ["drop_title_heading", "fix_heading_levels", "promote_question_paragraphs"]

#: Level of the article title (the chapter heading); body headings start one below.
TITLE_LEVEL = 1
#: Deepest heading level HTML has.
MAX_LEVEL = 6


def drop_title_heading(article: Article, report: Report) -> Article:
    """Remove the first block when it is a heading repeating the title (compared by
    :func:`~peptidebook.sections.label_key`: case, punctuation and dashes ignored)."""
    blocks = article.blocks
    if not blocks or not isinstance(blocks[0], Heading):
        return article
    if label_key(plain_text(blocks[0].children)) != label_key(article.title):
        return article
    dropped = Edit("title-heading", 1, (plain_text(blocks[0].children),))
    return record(replace(article, blocks=blocks[1:]), dropped)


def promote_question_paragraphs(article: Article, report: Report) -> Article:
    """Turn top-level bold-question paragraphs into headings one level below the section they
    are in (below an ``h2`` they become ``h3``; before any heading, ``h2``).

    Only top-level blocks are looked at: a bold question inside a list or a table cell is
    emphasis, not a section."""
    section = TITLE_LEVEL
    out: list[Block] = []
    promoted: list[str] = []
    for block in article.blocks:
        question = _bold_question(block)
        if question is not None:
            # The section level stays: the next bold question is a sibling, not a child.
            out.append(Heading(min(section + 1, MAX_LEVEL), question))
            promoted.append(plain_text(question))
            continue
        if isinstance(block, Heading):
            section = block.level
        out.append(block)
    return record(replace(article, blocks=tuple(out)),
                  Edit("question-heading", len(promoted), tuple(promoted[:3])))


def _bold_question(block: Block) -> Inlines | None:
    """The question of a paragraph made only of one ``Strong`` (possibly within or around one
    ``Emph``) whose text ends in "?"; None otherwise."""
    if not isinstance(block, Paragraph):
        return None
    inlines = block.children
    bold = False
    while len(inlines) == 1 and isinstance(inlines[0], Strong | Emph):
        bold = bold or isinstance(inlines[0], Strong)
        inlines = inlines[0].children
    if not bold or any(isinstance(node, LineBreak) for node in inlines):
        return None
    return inlines if plain_text(inlines).rstrip().endswith("?") else None


def fix_heading_levels(article: Article, report: Report) -> Article:
    """Renumber headings so the body starts at level 2 and each heading is at most one level
    below the one before, keeping the source's relative nesting.

    A heading's new level is one more than that of the closest preceding heading with a lower
    *source* level (level 2 when there is none): ``h2 h4 h5 h3`` becomes ``h2 h3 h4 h3``. A
    :class:`QASection` counts as a heading of its ``level`` (its questions sit one below).
    Headings nested in lists, quotes, cells or answers start below the section they are in.
    Each changed heading is reported as ``skipped-heading-level`` (info)."""
    renumber = _Renumber(report, article.slug)
    return replace(article, blocks=renumber.sequence(article.blocks, TITLE_LEVEL + 1))


@dataclass
class _Renumber:
    report: Report
    where: str
    #: (source level, new level) of the open sections, outermost first.
    stack: list[tuple[int, int]] = field(default_factory=list)

    def sequence(self, blocks: Blocks, base: int) -> Blocks:
        """One block sequence whose first heading goes to level ``base``."""
        outer, self.stack = self.stack, []
        current = base - 1
        out: list[Block] = []
        for given in blocks:
            block = given
            if isinstance(given, Heading):
                block = self._heading(given, base)
                current = block.level
            elif isinstance(given, QASection):
                block = replace(given, level=self._level(given.level, base, MAX_LEVEL - 1))
                current = block.level + 1
            nested = partial(self.sequence, base=min(current + 1, MAX_LEVEL))
            out.append(map_children(block, nested))
        self.stack = outer
        return tuple(out)

    def _heading(self, heading: Heading, base: int) -> Heading:
        level = self._level(heading.level, base, MAX_LEVEL)
        if level == heading.level:
            return heading
        self.report.info(
            "skipped-heading-level",
            self.where,
            f"heading {plain_text(heading.children)[:60]!r} renumbered from h{heading.level} "
            f"to h{level}",
        )
        return replace(heading, level=level)

    def _level(self, source: int, base: int, deepest: int) -> int:
        while self.stack and self.stack[-1][0] >= source:
            self.stack.pop()
        level = min(self.stack[-1][1] + 1 if self.stack else base, deepest)
        self.stack.append((source, level))
        return level
