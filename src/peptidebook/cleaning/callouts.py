"""Step 2 - Cleaning, pass "pull-quotes": mark callouts that repeat the article's own text as
pull quotes, so that they are not read as a second body paragraph.

Magazines and many article templates set a sentence of the text again, large, between the
paragraphs (WordPress's pullquote block, a theme's "callout"). On paper it is decoration; read
aloud it is the same sentence twice. A quotation (``<blockquote>``, the block editor's quote
or pullquote block) at the article's top level is a pull quote when its text, of one or two
sentences and at least :data:`MIN_WORDS` words, is also a sentence (or two sentences in a
row) of a longer paragraph elsewhere in the article (compared case-folded, with white space,
typographic quotes and the punctuation around it ignored). The evidence is the markup that
sets it apart together with the repetition, never the wording: a quotation with words of its
own is kept as it is.

A plain paragraph that repeats a sentence is not marked: in the corpus of real files it is
the author's own repetition (the WordPress theme test data says the same sentence after each
image) or a reply quoting an earlier message in italics — text a reader must hear.

It becomes a :class:`~peptidebook.model.BlockQuote` of kind ``"pullquote"``, which the renderer
makes a DPUB-ARIA ``doc-pullquote`` hidden from assistive technology (its words are read where
the text says them), reported as ``pull-quote`` (warning) with its text. Matching is by
sentence, through a set: linear in the length of the article.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from ..diagnostics import Report
from ..model import Article, Block, BlockQuote, Paragraph
from ..sentences import sentence_spans
from ..walk import iter_blocks, plain_text

__all__ = ["MIN_WORDS", "mark_pull_quotes"]

#: How many words a repeated text has, at least, to be a pull quote (shorter repeats, "Yes.",
#: "Read more", are ordinary).
MIN_WORDS = 8
#: Characters ignored at the ends of a sentence when comparing.
_EDGES = " \"'“”‘’«»„.…!?;:,-–—()"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def mark_pull_quotes(article: Article, report: Report) -> Article:
    """Mark the top-level quotations of ``article`` that repeat its own text as pull quotes
    (see the module docstring)."""
    singles, pairs = _sentences_of_long_paragraphs(article)
    if not singles:
        return article
    blocks: list[Block] = []
    changed = False
    for block in article.blocks:
        text = _callout_text(block)
        if text is None or not _repeats(text, article.lang, singles, pairs):
            blocks.append(block)
            continue
        assert isinstance(block, BlockQuote)
        blocks.append(replace(block, kind="pullquote"))
        changed = True
        report.warning("pull-quote", article.slug,
                       f'"{_abridge(text)}" repeats a sentence of the article: marked as a '
                       "pull quote, which screen readers skip")
    return replace(article, blocks=tuple(blocks)) if changed else article


def _repeats(text: str, lang: str | None, singles: set[str], pairs: set[str]) -> bool:
    """Whether ``text`` (one or two sentences, long enough) is a sentence, or two in a row,
    of a longer paragraph."""
    sentences = _sentences(text, lang)
    key = _key(" ".join(sentences))
    if len(key.split()) < MIN_WORDS:
        return False
    return (len(sentences) == 1 and key in singles) or (len(sentences) == 2 and key in pairs)


def _callout_text(block: Block) -> str | None:
    """The text of a block that may be a callout: a quotation of paragraphs not yet
    marked."""
    if isinstance(block, BlockQuote) and block.kind == "quote" and all(
            isinstance(b, Paragraph) for b in block.blocks):
        return " ".join(plain_text(b.children) for b in block.blocks
                        if isinstance(b, Paragraph))
    return None


def _sentences_of_long_paragraphs(article: Article) -> tuple[set[str], set[str]]:
    """The keys of the sentences, and of the pairs of sentences in a row, of every paragraph
    longer than a callout can be matched against: a paragraph of two sentences or more
    gives its sentences, of three or more its pairs."""
    singles: set[str] = set()
    pairs: set[str] = set()
    for block in iter_blocks(article.blocks):
        if not isinstance(block, Paragraph):
            continue
        sentences = _sentences(plain_text(block.children), article.lang)
        if len(sentences) >= 2:
            singles.update(_key(s) for s in sentences)
        if len(sentences) >= 3:
            pairs.update(_key(f"{a} {b}") for a, b in pairwise(sentences))
    return singles, pairs


def _sentences(text: str, lang: str | None) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lang)]


def _key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split()).strip(_EDGES)


def _abridge(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
