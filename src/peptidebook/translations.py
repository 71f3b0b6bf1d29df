"""Step 2b - Translating: the content of a translated edition, segment by segment, from PO files.

``peptidebook translations extract`` writes every *segment* of the cleaned articles — a title,
a heading, a paragraph, a list item, a table cell, a caption, a definition term, a question, a
glossary term or definition — as one message of a PO template (``content.pot``). Translators
fill ``<lang>.po`` with any PO editor; ``peptidebook build --lang de`` then puts each translated
segment in place of its source (:func:`translate_book`).

Messages
    ``msgid`` is the segment's text; ``msgctxt`` is ``<article slug>#<hash of the text>``
    (SHA-256, 12 hex digits). Editing one paragraph of a source changes that paragraph's
    message only: its old translation is reported as unused, every other one still applies.
    Identical text within one article is one message.

Inline markup
    Text stays text; every inline element becomes a numbered placeholder in document order:
    ``<1>…</1>`` for an element with text inside (emphasis, a link, a glossary term, a citation,
    a study mention), ``<2/>`` for one without (an image, a line break, inline code). A
    translation must use each placeholder of its source exactly once, nested the same way, and
    may move them: ``"Take <1>sermorelin</1> at night"`` → ``"Nehmen Sie <1>Sermorelin</1>
    abends"``. The element keeps everything but its text (a link its address, a citation its
    target). A literal ``<`` or ``&`` in the text is written ``&lt;`` / ``&amp;``.

What a build does with them
    A segment with a usable translation is printed in the book's language; one without stays
    in its source language and is marked so (``lang`` on the paragraph or run, and ``/Lang`` in
    the PDF). An article with at least one translated segment becomes an article in the book's
    language (its untranslated parts marked); one with none stays wholly in its own language.
    Fuzzy entries are never used; they, obsolete (``#~``) entries, entries whose source no
    longer exists and translations whose placeholders do not match are reported. Coverage is
    reported per article and for the book (``translation-coverage``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from .diagnostics import Report
from .errors import UsageError
from .languages import fallback_chain, same_language, to_locale_name, to_tag
from .model import (
    Article,
    Book,
    GlossaryEntry,
    Inline,
    Inlines,
    ReferenceList,
    Span,
    Text,
)
from .walk import (
    has_inline_children,
    inline_children,
    map_inline_sequences,
    plain_text,
    with_inline_children,
)

__all__ = ["ContentTranslations", "Coverage", "Segment", "decode", "encode",
           "extract_catalog", "find_po", "load_translations", "segments", "translate_book"]

_TAG = re.compile(r"<(/?)(\d+)(/?)>")


# --------------------------------------------------------------------------- encoding


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&amp;", "&")


def encode(inlines: Inlines) -> tuple[str, dict[int, Inline]]:
    """A run of inlines as PO message text, and the elements its placeholders stand for."""
    nodes: dict[int, Inline] = {}
    parts: list[str] = []

    def walk(run: Inlines) -> None:
        for node in run:
            if isinstance(node, Text):
                parts.append(_escape(node.text))
                continue
            number = len(nodes) + 1
            nodes[number] = node
            if has_inline_children(node):
                parts.append(f"<{number}>")
                walk(inline_children(node))
                parts.append(f"</{number}>")
            else:
                parts.append(f"<{number}/>")

    walk(inlines)
    return "".join(parts), nodes


class PlaceholderError(ValueError):
    """A translation whose placeholders do not match its source's."""


def decode(message: str, nodes: dict[int, Inline]) -> Inlines:
    """Rebuild inlines from a translated ``message``, putting back the elements of ``nodes``
    (from :func:`encode` of the source); :class:`PlaceholderError` when they do not match."""
    stack: list[tuple[int, list[Inline]]] = [(0, [])]
    used: set[int] = set()
    pos = 0
    for match in _TAG.finditer(message):
        if match.start() > pos:
            stack[-1][1].append(Text(_unescape(message[pos:match.start()])))
        pos = match.end()
        closing, number, empty = match.group(1) == "/", int(match.group(2)), match.group(3)
        node = nodes.get(number)
        if node is None or (number in used and not closing):
            raise PlaceholderError(f"<{number}> is not a placeholder of the source, or repeated")
        if empty:
            if has_inline_children(node):
                raise PlaceholderError(f"<{number}/> stands for an element with text")
            used.add(number)
            stack[-1][1].append(node)
        elif not closing:
            if not has_inline_children(node):
                raise PlaceholderError(f"<{number}> stands for an element without text")
            used.add(number)
            stack.append((number, []))
        else:
            if stack[-1][0] != number:
                raise PlaceholderError(f"</{number}> closes an element that is not open")
            _, children = stack.pop()
            stack[-1][1].append(with_inline_children(node, tuple(children)))
    if pos < len(message):
        stack[-1][1].append(Text(_unescape(message[pos:])))
    if len(stack) != 1:
        raise PlaceholderError(f"<{stack[-1][0]}> is never closed")
    if used != set(nodes):
        missing = ", ".join(f"<{n}>" for n in sorted(set(nodes) - used))
        raise PlaceholderError(f"placeholders missing: {missing}")
    return tuple(stack[0][1])


# --------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its message context and text, and where it comes from."""

    context: str
    text: str
    article: str
    location: str


def _context(slug: str, text: str) -> str:
    return f"{slug}#{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def _translatable(inlines: Inlines) -> bool:
    return any(c.isalpha() for c in plain_text(inlines))


def _rewrite(article: Article, fn: Callable[[Inlines], Inlines],
             term_lang: Callable[[str], str | None] = lambda _term: None) -> Article:
    """``article`` with ``fn`` applied to its title, every inline run of its body and its
    glossary entries (the segments, in a fixed order); ``term_lang`` gives the language to
    record on a glossary entry whose term ``fn`` left as it was."""
    title = fn((Text(article.title),))
    blocks = map_inline_sequences(article.blocks, fn)
    glossary = tuple(
        GlossaryEntry(e.id, plain_text(fn((Text(e.term),))), fn(e.definition),
                      lang=term_lang(e.term) or e.lang)
        for e in article.glossary)
    return replace(article, title=plain_text(title), blocks=blocks, glossary=glossary)


def segments(article: Article) -> list[Segment]:
    """The segments of one cleaned article, in a stable order, each once."""
    found: dict[tuple[str, str], Segment] = {}
    where = Path(article.source.location).name or article.slug

    def collect(inlines: Inlines) -> Inlines:
        if _translatable(inlines):
            text, _nodes = encode(inlines)
            key = (_context(article.slug, text), text)
            found.setdefault(key, Segment(key[0], text, article.slug,
                                          f"{where}:{len(found) + 1}"))
        return inlines

    _rewrite(article, collect)
    return list(found.values())


def extract_catalog(articles: Sequence[Article], project: str,
                    when: datetime | None = None) -> Catalog:
    """The PO template of the content of ``articles`` (``peptidebook translations extract``)."""
    catalog = Catalog(project=project, version="content", fuzzy=False,
                      creation_date=when, revision_date=when,
                      copyright_holder="the authors of the articles",
                      msgid_bugs_address="", charset="utf-8")
    for article in articles:
        for segment in segments(article):
            file, _sep, number = segment.location.rpartition(":")
            catalog.add(segment.text, context=segment.context,
                        locations=[(file, int(number))],
                        auto_comments=[f"{segment.article} ({article.lang or 'unknown'})"])
    return catalog


# --------------------------------------------------------------------------- applying


@dataclass
class ContentTranslations:
    """The usable entries of one ``<lang>.po`` and what was wrong with the others."""

    path: Path
    entries: dict[tuple[str, str], str] = field(default_factory=dict)
    fuzzy: list[str] = field(default_factory=list)
    obsolete: int = 0
    used: set[tuple[str, str]] = field(default_factory=set)


def find_po(folder: Path, language: str) -> Path | None:
    """``<folder>/<lang>.po`` along the fallback chain (``pt-BR.po``/``pt_BR.po``, then
    ``pt.po``)."""
    for name in fallback_chain(language):
        for candidate in (name, to_tag(name)):
            path = folder / f"{candidate}.po"
            if path.is_file():
                return path
    return None


def load_translations(path: Path, language: str) -> ContentTranslations:
    """Read a translated ``<lang>.po``; a file that is not a PO file is a usage error."""
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=to_locale_name(language), abort_invalid=True)
    except (OSError, PoFileError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the translations: {exc}") from None
    found = ContentTranslations(path)
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.context:
            continue
        if not isinstance(message.string, str) or not message.string.strip():
            continue
        if message.fuzzy:
            found.fuzzy.append(message.context)
            continue
        found.entries[(message.context, message.id)] = message.string
    found.obsolete = len(catalog.obsolete)
    return found


@dataclass(frozen=True)
class Coverage:
    """How many segments of an article were translated."""

    article: str
    translated: int
    total: int


def translate_article(article: Article, po: ContentTranslations, language: str,
                      report: Report) -> tuple[Article, Coverage]:
    """``article`` with the translated segments of ``po`` in place; see the module docstring
    for what happens to the others."""
    source = article.lang
    if source is not None and same_language(source, language):
        return article, Coverage(article.slug, 0, 0)
    done: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    invalid: list[str] = []

    def key_of(text: str) -> tuple[str, str]:
        return _context(article.slug, text), text

    def apply(inlines: Inlines) -> Inlines:
        if not _translatable(inlines):
            return inlines
        text, nodes = encode(inlines)
        key = key_of(text)
        seen.add(key)
        translation = po.entries.get(key)
        if translation is None:
            return _mark(inlines, source)
        try:
            translated = decode(translation, nodes)
        except PlaceholderError as exc:
            invalid.append(f"{key[0]}: {exc}")
            return _mark(inlines, source)
        po.used.add(key)
        done.add(key)
        return translated

    def untranslated(term: str) -> str | None:
        return None if key_of(_escape(term)) in done else source

    translated = _rewrite(article, apply, untranslated)
    for problem in invalid:
        report.warning("translation-invalid", article.slug,
                       f"{po.path.name}: translation not used: {problem}")
    coverage = Coverage(article.slug, len(done), len(seen))
    if not done:
        return article, coverage
    title_done = key_of(_escape(article.title)) in done
    return replace(translated, lang=language, title_lang=None if title_done else source,
                   references=_marked_references(article, source),
                   translated_from=source), coverage


def _mark(inlines: Inlines, lang: str | None) -> Inlines:
    """A segment left in its source language, marked with it (it may stand in an article
    that is now in the book's language). Unknown language: nothing to mark."""
    if lang is None:
        return inlines
    if len(inlines) == 1 and isinstance(inlines[0], Span):
        return inlines
    return (Span(inlines, lang),)


def _marked_references(article: Article, lang: str | None) -> ReferenceList | None:
    """The article's own reference list stays in its language (citations are not segments)."""
    if article.references is None or lang is None:
        return article.references
    return replace(article.references, entries=tuple(
        replace(e, children=_mark(e.children, lang)) for e in article.references.entries))


def translate_book(book: Book, po: ContentTranslations, report: Report) -> tuple[Book, int, int]:
    """Every article of ``book`` translated from ``po`` into the book's language; reports
    coverage, fuzzy, obsolete, unused and invalid entries. Returns (translated, total)."""
    language = book.meta.language
    articles: list[Article] = []
    coverages: list[Coverage] = []
    for article in book.articles:
        translated, coverage = translate_article(article, po, language, report)
        articles.append(translated)
        if coverage.total:
            coverages.append(coverage)
            report.info("translation-coverage", article.slug,
                        f"{coverage.translated} of {coverage.total} segments translated from "
                        f"{po.path.name}")
    if po.fuzzy:
        report.warning("translation-fuzzy", po.path.name,
                       f"{len(po.fuzzy)} fuzzy translations not used (review them and remove "
                       f"the fuzzy flag): {', '.join(sorted(po.fuzzy)[:5])}"
                       + ("…" if len(po.fuzzy) > 5 else ""))
    unused = sorted(set(po.entries) - po.used)
    if po.obsolete or unused:
        report.warning("translation-unused", po.path.name,
                       f"{po.obsolete} obsolete and {len(unused)} unmatched translations not "
                       "used (their source text changed or is gone; run "
                       "`peptidebook translations extract` and update the PO file)"
                       + (f": {', '.join(c for c, _ in unused[:5])}" if unused else ""))
    done = sum(c.translated for c in coverages)
    total = sum(c.total for c in coverages)
    return replace(book, articles=tuple(articles)), done, total
