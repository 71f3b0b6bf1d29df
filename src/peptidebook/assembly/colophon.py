"""Book assembly: the copyright page (colophon), after the title page.

What a reader may need to know of the book's rights and making, every fact computed or taken
from ``book.toml`` and the sources, never guessed: each article's publisher or site, author,
date of publication, address and the licence its source states — or, when it states none, that
its rights are reserved by its publisher; the licence the editor gives this compilation, if
any; the edition (its language, the paper of its print edition, its identifier) and its date;
the tools that made it. It is the book's own text, in the book's language.

EPUB 3 Structural Semantics 1.1 ``copyright-page``; the renderer gives the chapter that type
(:data:`peptidebook.rendering.xhtml._chapters.CHAPTER_SEMANTICS`).
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from datetime import datetime

from ..i18n import BookText, parse_locale
from ..model import (
    Article,
    Block,
    BookMeta,
    BulletList,
    Chapter,
    Emph,
    Inline,
    Inlines,
    Link,
    ListItem,
    Paragraph,
    Text,
)
from ..reproducible import UNDATED
from .frontmatter import site_of
from .templates import fill, title_of

__all__ = ["Tool", "colophon", "tools"]


@dataclass(frozen=True)
class Tool:
    """A program that made the book, and its version."""

    name: str
    version: str


def tools() -> tuple[Tool, ...]:
    """peptidebook and the layout engine of the print edition, with their installed versions
    (package metadata: the same install gives the same text, and the same bytes)."""
    found = []
    for name, package in (("peptidebook", "peptidebook"), ("WeasyPrint", "weasyprint")):
        try:
            found.append(Tool(name, importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:  # a bare source tree, never installed
            continue
    return tuple(found)


def colophon(meta: BookMeta, articles: tuple[Article, ...], _: BookText, *,
             date: datetime | None = None, paper: str | None = None,
             made_with: tuple[Tool, ...] = ()) -> Chapter:
    """The copyright page. ``date`` is the book's date (``Edition.stamp``; the placeholder of
    an undated build is not printed); ``paper`` the print edition's paper as readers name it
    ("US Letter"), ``None`` without one; ``made_with`` the tools (:func:`tools`)."""
    n = len(articles)
    blocks: list[Block] = []
    if n:
        blocks.append(Paragraph((Text(_.ngettext(
            "This book reproduces {count} article published on the web. The article keeps "
            "its own rights:",
            "This book reproduces {count} articles published on the web. Each keeps its own "
            "rights:", n).format(count=_.number(n))),)))
        blocks.append(BulletList(tuple(ListItem((Paragraph(source_rights(a, _)),))
                                       for a in articles)))
    if meta.licence:
        blocks.append(Paragraph((Text(_.gettext(
            "This compilation — the choice and order of the articles and the book's own text "
            "— is published under {licence}. That licence does not cover the articles "
            "themselves.").format(licence=meta.licence)),)))
    if meta.publisher:
        blocks.append(Paragraph((Text(_.gettext("Published by {publisher}.").format(
            publisher=meta.publisher)),)))
    blocks.append(Paragraph(edition_facts(meta, _, date, paper)))
    if made_with:
        blocks.append(Paragraph((Text(_.gettext("Made with {tools}.").format(
            tools=_.list([f"{t.name} {t.version}" for t in made_with]))),)))
    return Chapter(kind="copyright", id="copyright",
                   title=(Text(_.gettext("Copyright and edition")),), blocks=tuple(blocks))


def source_rights(article: Article, _: BookText) -> Inlines:
    """One article's entry: its title, then its site or publisher, author, date of
    publication, address and rights, as far as the source says."""
    facts: list[Inlines] = []
    site = site_of(article)
    if site:
        facts.append((Text(_.gettext("Publisher: {name}").format(name=site)),))
    if article.authors:
        facts.append((Text(_.gettext("Author: {names}").format(names=_.list(article.authors))),))
    else:
        facts.append((Text(_.gettext("Author: not named in the source")),))
    if article.published:
        facts.append((Text(_.gettext("Published: {date}").format(
            date=_.date(article.published))),))
    if article.source.url:
        facts.append(fill(_.gettext("Address: {link}"), link=Link(
            (Text(article.source.url),), article.source.url)))
    if article.source.licence:
        facts.append((Text(_.gettext("Licence stated by the source: {licence}").format(
            licence=article.source.licence)),))
    else:
        facts.append((Text(_.gettext(
            "The source states no licence: all rights are reserved by its publisher")),))
    joined: list[Inline] = []
    separator = _.gettext("; ")
    for index, fact in enumerate(facts):
        if index:
            joined.append(Text(separator))
        joined.extend(fact)
    return fill(_.gettext("{title}. {facts}."), title=Emph(title_of(article, _)),
                facts=tuple(joined))


def edition_facts(meta: BookMeta, _: BookText, date: datetime | None,
                  paper: str | None) -> Inlines:
    """The edition: its language, the paper of its print edition, its date and identifier."""
    sentences = [_.gettext("This edition is in {language}.").format(
        language=language_name(meta.language, _))]
    if paper:
        sentences.append(_.gettext("The print edition is laid out for {paper} paper.").format(
            paper=paper))
    if date and date != UNDATED:
        sentences.append(_.gettext("Date of this edition: {date}.").format(date=_.date(date)))
    sentences.append(_.gettext("Identifier: {identifier}.").format(identifier=meta.identifier))
    return (Text(" ".join(sentences)),)


def language_name(tag: str, _: BookText) -> str:
    """The name of the language ``tag`` in the book's language ("English", "Deutsch",
    "japonais"), from CLDR; the tag itself when CLDR has no name for it."""
    try:
        name = parse_locale(tag).get_display_name(_.locale)
    except (ValueError, TypeError):
        name = None
    return name or tag
