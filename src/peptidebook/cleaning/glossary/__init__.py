"""Step 2 - Cleaning: take glossary tooltips pasted into sentences out to ``Article.glossary``,
and teasers for other articles out to ``Article.related``, only where the source proves them.

Some sites show a definition when the reader hovers a term; scraping flattens that tooltip
into the middle of the sentence. This pass changes the author's text **only on positive
evidence**, and reports every change at warning level with the passage before and after it.
What counts as evidence, exactly:

1. **A glossary plugin's markup**, read by the HTML reader (:mod:`peptidebook.readers.html`):
   the term arrives as a :class:`~peptidebook.model.GlossaryRef` carrying its tooltip, which
   this pass moves into the glossary. The text the reader reads is unchanged, so this is
   reported at ``info`` (``glossary-extracted``).
2. **The marker** ``Meaning ∞``: ``... a protocol of testosterone replacement Meaning ∞
   Testosterone Replacement refers to ... symptoms. therapy, and while ...``. The term is the
   longest run of words right before the marker that the tooltip starts with (else the
   tooltip's subject); the tooltip ends at the full stop after which the interrupted sentence
   resumes (a lower-case word or a parenthesis), else at its first sentence, else at the end
   of the text.
3. **The unmarked form, in an article that holds the marker** (point 2, anywhere in the same
   article, before or after): the site is then known to paste its tooltips, and ``Growth
   hormone peptides Growth hormone releasing peptides stimulate ... exogenous hormone. are a
   class of molecules`` is one. Its trigger is a full stop followed by a lower-case word that
   is not an abbreviation (:func:`peptidebook.sentences.is_abbreviation`, initials); the
   tooltip starts at the *first* capitalised word of that sentence that is not its first
   word, follows a lower-case word that is not a stop word (so the term is not empty) and
   leaves at least :data:`~._rules.MIN_DEFINITION_WORDS` words; the term is the noun phrase
   right before it, back to a :data:`~._rules.STOP_WORDS` word or punctuation.

Without evidence the unmarked form changes nothing: the passage is reported as a
``glossary-candidate`` (``info``) and left exactly as written ("A trial in Boston treated
Veterans with sermorelin for twelve weeks. mTOR levels rose" is two sentences).

**Definitions and teasers.** A tooltip taken out of the text (points 2 and 3) goes to the
glossary only when it defines its term (:func:`._definition.defines`: it opens with the term
and says what it is); otherwise it is a teaser for another article — the page's link to it,
with that article's summary shown on hover — and goes to ``Article.related`` (listed under
"Related articles not included", reported as ``related-article``). A plugin's tooltip is the
site's own glossary entry and is taken as a definition.

**Headwords** are merged and cased by one rule (:mod:`._headword`): near-duplicates (case,
plural, hyphen or space, end punctuation) are one entry; sentence case, keeping the case of
words the article never writes in lower case (acronyms, proper nouns). A ``∞`` *without*
``Meaning`` is not a tooltip (:mod:`peptidebook.cleaning.debris` repairs it). Text without
tooltips comes back unchanged (the very same tuples).

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

import re
from dataclasses import replace

from ...diagnostics import Report
from ...limits import MAX_TOOLTIP_RUN_CHARS
from ...model import Article, Blocks, Inlines, Text
from ...walk import iter_inlines, map_inline_sequences
from . import _rules
from ._entries import Glossary
from ._tree import clean_inlines

__all__ = ["extract_glossary"]


def extract_glossary(article: Article, report: Report) -> Article:
    """Move pasted glossary tooltips (on evidence) from the text of ``article`` into its
    glossary, and teasers into its related articles."""
    lower_words, evidence = _read_article(article.blocks)
    glossary = Glossary(list(article.glossary), evidence=evidence, lower_words=lower_words)

    def clean(inlines: Inlines) -> Inlines:
        return clean_inlines(inlines, glossary)

    blocks = map_inline_sequences(article.blocks, clean)
    where = article.slug
    if glossary.too_long:
        runs = len(glossary.too_long)
        report.warning(
            "input-limit",
            where,
            f"{runs} text{'s' if runs > 1 else ''} of more than {MAX_TOOLTIP_RUN_CHARS:,} "
            f"characters (the longest {max(glossary.too_long):,}) not searched for pasted "
            "glossary tooltips",
        )
    for term in glossary.plugin_terms:
        report.info("glossary-extracted", where,
                    f'moved the tooltip of the glossary term "{term}" (the page\'s glossary '
                    "markup) into the glossary; the text is unchanged")
    for change in glossary.changes:
        if change.kind == "definition":
            report.warning("glossary-extracted", where,
                           f'moved the pasted tooltip defining "{change.term}" into the '
                           f'glossary: "{change.before}" became "{change.after}"')
        else:
            report.warning("related-article", where,
                           f'moved the pasted teaser for "{change.term}" '
                           f'("{_abridge(change.text)}") to the related articles: '
                           f'"{change.before}" became "{change.after}"')
    for passage in glossary.candidates:
        report.info("glossary-candidate", where,
                    "may hold a tooltip pasted from the page, left as written (nothing in "
                    f'this article shows that its site pastes tooltips): "{passage}"')
    if not glossary.changes and not glossary.plugin_terms:
        return article
    return replace(article, blocks=blocks, glossary=tuple(glossary.entries),
                   related=article.related + tuple(glossary.related))


def _read_article(blocks: Blocks) -> tuple[frozenset[str], bool]:
    """The words the article writes in lower case, and whether it holds the tooltip marker
    (the evidence that its site pastes tooltips)."""
    lower: set[str] = set()
    marked = False
    for node in iter_inlines(blocks):
        if isinstance(node, Text):
            lower.update(w for w in _WORD.findall(node.text) if w.islower())
            marked = marked or _rules.MARKER.search(node.text) is not None
    return frozenset(lower), marked


_WORD = re.compile(r"\w+")


def _abridge(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
