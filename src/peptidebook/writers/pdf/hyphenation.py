"""Step 5a - PDF: which hyphenation patterns the print edition uses for each language it holds.

WeasyPrint hyphenates a word (CSS Text 3 ``hyphens: auto``) with the pyphen dictionary its
element's ``lang`` names, through :func:`pyphen.language_fallback`. A tag with a region names
its variety, and is used as written: ``en-US`` → ``en_US``, ``en-GB`` → ``en_GB``,
``pt-PT`` → ``pt_PT``. A tag without one falls back, in pyphen, to whichever dictionary of that
language sorts first — ``en`` → ``en_GB``, ``de`` → ``de_AT`` — which would set an American
book's "evidence" as "evid-ence". So a bare tag is read here as CLDR reads it, through its likely
subtags (Unicode TR 35 §4.3 "Likely Subtags"; CLDR ``likelySubtags.xml``): ``en`` → ``en-US``,
``de`` → ``de-DE``, ``pt`` → ``pt-BR`` — the same reading that gives a plain ``en`` book Letter
paper (:func:`.document.paper_size`). An editor who means British English writes
``language = "en-GB"`` in ``book.toml``; the XHTML of both editions then carries that tag.

The print document keeps its ``lang`` attributes as the book gives them (they also become the
PDF's ``/Lang``); the choice of patterns is a style rule, WeasyPrint's ``-weasy-lang`` property,
for each bare tag the document holds.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyphen
from babel.core import get_global

from ...languages import subtags, write_tag

__all__ = ["hyphenation_css", "hyphenation_tag"]


def hyphenation_tag(tag: str) -> str | None:
    """The variety whose patterns hyphenate text tagged ``tag``, when pyphen would pick other
    patterns for ``tag`` as written; ``None`` when it picks the right ones (or has none)."""
    parts = subtags(tag)
    if len(parts) != 1:
        return None  # a region (or script) is given: the tag says what it means
    language = parts[0].lower()
    likely = str(get_global("likely_subtags").get(language, ""))
    region = next((p for p in likely.split("_")[1:] if len(p) == 2 and p.isupper()), "")
    variety = f"{language}_{region}"
    fallback = pyphen.language_fallback(language)
    if not region or variety not in pyphen.LANGUAGES or fallback is None:
        return None
    if pyphen.LANGUAGES[variety] == pyphen.LANGUAGES[fallback]:
        return None
    return write_tag(variety)


def hyphenation_css(tags: Iterable[str]) -> str:
    """A rule per bare language tag among ``tags`` (the ``lang`` values of a print document)
    whose likely variety hyphenates otherwise than pyphen's fallback would."""
    rules = []
    for tag in sorted(set(tags)):
        variety = hyphenation_tag(tag)
        if variety:
            rules.append(f'[lang="{tag}"] {{ -weasy-lang: "{variety}"; }}\n')
    return "".join(rules)
