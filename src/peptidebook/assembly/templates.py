"""Fill translated sentences with model inlines: ``"Read it at {link}."`` + a Link node.

Translators see whole sentences with named placeholders; the book gets typed inline nodes, so a
link or an emphasised title can sit anywhere the translation puts it.

Language marks: the book's own sentences are in the book's language, what they quote from an
article (its title, a glossary term) is in the article's. :func:`marked` wraps such a run in a
:class:`~peptidebook.model.Span` with its language (WCAG 2.2 SC 3.1.2 Language of Parts), and
:func:`mark_blocks` does it for whole blocks of the book's text placed inside an article.
"""

from __future__ import annotations

import re

from ..i18n import BookText
from ..model import Article, Blocks, Inline, Inlines, Span, Text
from ..walk import map_inline_sequences

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: Inline | Inlines | str) -> Inlines:
    """Split ``template`` on ``{name}`` placeholders and put ``values`` in their place."""
    out: list[Inline] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > pos:
            out.append(Text(template[pos : match.start()]))
        value = values[match.group(1)]
        if isinstance(value, str):
            out.append(Text(value))
        elif isinstance(value, tuple):
            out.extend(value)
        else:
            out.append(value)
        pos = match.end()
    if pos < len(template):
        out.append(Text(template[pos:]))
    return tuple(out)


def marked(inlines: Inlines, lang: str | None, text: BookText) -> Inlines:
    """``inlines`` as a Span in ``lang`` when that is not the book's language."""
    if lang is None or text.is_book_language(lang) or not inlines:
        return inlines
    return (Span(inlines, lang),)


def title_of(article: Article, text: BookText) -> Inlines:
    """An article's title, marked with its language when that is not the book's."""
    return marked((Text(article.title),), article.title_lang or article.lang, text)


def mark_blocks(blocks: Blocks, lang: str) -> Blocks:
    """Every run of text in ``blocks`` marked as ``lang`` (the book's text placed inside a
    chapter in another language: a handout's caveat and sources)."""
    return map_inline_sequences(blocks, lambda seq: (Span(seq, lang),) if seq else seq)
