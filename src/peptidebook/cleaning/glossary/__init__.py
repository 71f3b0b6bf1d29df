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
  :data:`~._rules.MIN_DEFINITION_WORDS` words. Scanning forward, not back from the full stop,
  keeps proper nouns inside a definition ("analog of naturally occurring Growth Hormone") from
  cutting it short. The term is the noun phrase right before the definition, back to a
  :data:`~._rules.STOP_WORDS` word or punctuation.

Each tooltip becomes a :class:`~peptidebook.model.GlossaryEntry` (deduplicated by term, case
ignored) and the term in the repaired sentence a :class:`~peptidebook.model.GlossaryRef`. A
``∞`` *without* ``Meaning`` (``Low-Dose Testosterone Cypionate ∞ 10-20 units``) is an ordinary
separator and is left alone. Text without tooltips comes back unchanged (the very same tuples).

**Where.** :mod:`._tree` walks the article and hands each run of adjacent Text nodes to
:mod:`._detect`, which finds both forms in it (reading words with :mod:`._words`, splicing a
:class:`~._run.Run`) and records each tooltip in a :class:`~._entries.Glossary`; the rules are
data in :mod:`._rules`.

**Time.** The pass reads a run of text once, forward (:class:`~._words.Words`), whatever it
holds: a word longer than :data:`~peptidebook.limits.MAX_WORD_CHARS` is never an abbreviation
or part of a term, and a run longer than :data:`~peptidebook.limits.MAX_TOOLTIP_RUN_CHARS` that
could hold a tooltip is left as it is, reported as ``input-limit``.
"""

from __future__ import annotations

from dataclasses import replace

from ...diagnostics import Report
from ...limits import MAX_TOOLTIP_RUN_CHARS
from ...model import Article, Inlines
from ...walk import map_inline_sequences
from ._entries import Glossary
from ._tree import clean_inlines

__all__ = ["extract_glossary"]


def extract_glossary(article: Article, report: Report) -> Article:
    """Move pasted glossary tooltips from the text of ``article`` into its glossary."""
    glossary = Glossary(list(article.glossary))

    def clean(inlines: Inlines) -> Inlines:
        return clean_inlines(inlines, glossary)

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
