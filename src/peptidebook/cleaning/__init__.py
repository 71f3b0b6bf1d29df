"""Step 2 - Cleaning: passes that turn a raw Article into a clean, semantic one.

Each pass has the same signature ``(article, report) -> article`` and is pure: it returns a new
frozen Article and reports what it changed. :data:`PASSES` is the named, ordered sequence the
builder runs; tests run single passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..diagnostics import Report
from ..edit_record import edits_from, record
from ..model import Article
from .callouts import mark_pull_quotes
from .debris import repair_debris
from .evidence import gather_evidence
from .faq import gather_questions
from .glossary import extract_glossary
from .headings import drop_title_heading, fix_heading_levels, promote_question_paragraphs
from .interest import gather_interest
from .language import detect_language
from .links import check_links
from .references import gather_references
from .tables import infer_table_structure
from .whitespace import normalise_whitespace

Pass = Callable[[Article, Report], Article]

#: The cleaning passes, named, in the order :func:`clean` runs them.
PASSES: tuple[tuple[str, Pass], ...] = (
    ("whitespace", normalise_whitespace),
    ("title-heading", drop_title_heading),
    # Before the glossary: the tooltip label "Meaning ∞" it takes out is the evidence that
    # the site prints its colons as "∞".
    ("debris", repair_debris),
    ("glossary", extract_glossary),
    ("pull-quotes", mark_pull_quotes),
    ("question-paragraphs", promote_question_paragraphs),
    ("faq", gather_questions),
    ("references", gather_references),
    ("tables", infer_table_structure),
    # Before evidence: the sentences it reads are split by the article's language.
    ("language", detect_language),
    ("evidence", gather_evidence),
    # After the passes that take text out of the blocks (tooltips, references): it quotes
    # the sentences that stay.
    ("interest", gather_interest),
    ("heading-levels", fix_heading_levels),
    # Last: after every pass that marks text with links of its own.
    ("links", check_links),
)


def clean(article: Article, report: Report) -> Article:
    """Run every pass of :data:`PASSES` over ``article``, in order, and record in
    ``article.edits`` the changes each pass reports (:mod:`peptidebook.edit_record`: what a
    pass reports while it works on this article belongs to this article)."""
    article = replace(article, edits=article.edits or ())
    for _name, step in PASSES:
        start = len(report.diagnostics)
        article = step(article, report)
        article = record(article, *edits_from(report.diagnostics[start:]))
    return article


__all__ = ["PASSES", "Pass", "clean"]
