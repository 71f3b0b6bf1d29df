"""Step 2 - Cleaning, pass "faq": gather questions and answers into one Q&A section each.

The HTML reader turns each ``<details><summary>`` into a one-question
:class:`~peptidebook.model.QASection` (the model has no block for a lone question). This pass:

* joins each run of consecutive Q&A sections into one;
* absorbs a heading that names the run ("Frequently Asked Questions", "FAQ", "FAQs", …, see
  :data:`FAQ_TITLES`) right before it: the book prints its own localised heading, at the level
  the absorbed heading had; a run without one sits one level below its section;
* turns a FAQ-named section whose only sub-headings are questions (``<h3>…?</h3>`` followed by
  the answer) into a Q&A section as well.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeGuard

from ..diagnostics import Report
from ..edit_record import record
from ..model import Article, Block, Blocks, Edit, Heading, QASection, Question
from ..sections import label_key, section_end
from ..walk import iter_blocks, map_sequences, plain_text

__all__ = ["FAQ_TITLES", "gather_questions"]

#: Headings that name a Q&A section (compared by ``label_key``: case and punctuation ignored).
FAQ_TITLES = frozenset(
    {
        "faq", "faqs", "faq s", "f a q", "frequently asked questions", "common questions",
        "questions and answers", "q a", "questions answers",
        "foire aux questions", "questions fréquentes", "preguntas frecuentes",
        "perguntas frequentes", "häufig gestellte fragen", "domande frequenti",
    }
)
#: Deepest level a Q&A section can have: its questions sit one level below (h6 at most).
_DEEPEST = 5


def gather_questions(article: Article, report: Report) -> Article:
    """Join Q&A runs (and their FAQ heading) in every block sequence of the article, and
    record (``Article.edits``) the questions of widgets opened (each ``<details>`` the reader
    read is one) and the question headings made a Q&A section."""
    widgets = sum(len(b.questions) for b in iter_blocks(article.blocks)
                  if isinstance(b, QASection))
    blocks = map_sequences(article.blocks, _gather)
    questions = sum(len(b.questions) for b in iter_blocks(blocks) if isinstance(b, QASection))
    return record(replace(article, blocks=blocks),
                  Edit("faq-widget", widgets), Edit("faq-headings", questions - widgets))


def _names_faq(block: Block) -> TypeGuard[Heading]:
    return isinstance(block, Heading) and label_key(plain_text(block.children)) in FAQ_TITLES


def _gather(blocks: Blocks) -> Blocks:
    out: list[Block] = []
    section = 1  # the level of the heading whose section we are in (1: the article title)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _names_faq(block) and i + 1 < len(blocks) and isinstance(blocks[i + 1], QASection):
            # "FAQ" + questions: the heading is absorbed, the section takes its level.
            questions, i = _run(blocks, i + 1)
            out.append(QASection(questions, min(block.level, _DEEPEST)))
            section = block.level
            continue
        if _names_faq(block):
            end = section_end(blocks, i, block.level)
            asked = _heading_questions(blocks[i + 1 : end])
            if asked:
                out.append(QASection(asked, min(block.level, _DEEPEST)))
                section, i = block.level, end
                continue
        if isinstance(block, QASection):
            questions, i = _run(blocks, i)
            out.append(QASection(questions, min(section + 1, _DEEPEST)))
            continue
        if isinstance(block, Heading):
            section = block.level
        out.append(block)
        i += 1
    return tuple(out)


def _run(blocks: Blocks, start: int) -> tuple[tuple[Question, ...], int]:
    """The questions of the Q&A sections from ``start`` on, and the index after them."""
    questions: list[Question] = []
    end = start
    for block in blocks[start:]:
        if not isinstance(block, QASection):
            break
        questions.extend(block.questions)
        end += 1
    return tuple(questions), end


def _heading_questions(section: Blocks) -> tuple[Question, ...]:
    """``section`` as questions when it is only question headings (all of one level, each
    ending in "?") and their answers; empty otherwise."""
    if not section or not isinstance(section[0], Heading):
        return ()
    level = section[0].level
    questions: list[Question] = []
    for block in section:
        if isinstance(block, Heading):
            if block.level != level or not plain_text(block.children).rstrip().endswith("?"):
                return ()
            questions.append(Question(block.children, (), block.id))
        else:
            last = questions[-1]
            questions[-1] = replace(last, answer=(*last.answer, block))
    return tuple(questions)
