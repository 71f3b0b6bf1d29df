"""Book assembly: the title page and the "About this book" preface with its evidence caveat.

Every sentence is the book's own text, so it goes through :class:`~peptidebook.i18n.BookText`;
every fact in it (how many articles, which sites, which dates) is computed from the articles.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..i18n import BookText
from ..model import (
    Article,
    Block,
    BookMeta,
    BulletList,
    Chapter,
    Emph,
    Heading,
    Inlines,
    Link,
    ListItem,
    Paragraph,
    Text,
)
from .templates import fill, title_of


def site_of(article: Article) -> str | None:
    """The publisher's name, or the host of the article's address (``trimrx.com``)."""
    if article.source.publisher:
        return article.source.publisher
    if article.source.url:
        host = urlsplit(article.source.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def title_page(meta: BookMeta, _: BookText) -> Chapter:
    lines: list[Inlines] = []
    if meta.subtitle:
        lines.append((Text(meta.subtitle),))
    if meta.authors:
        lines.append(fill(_.gettext("Compiled by {names}"), names=_.list(meta.authors)))
    if meta.publisher:
        lines.append((Text(meta.publisher),))
    if meta.date:
        lines.append((Text(_.date(meta.date)),))
    return Chapter(kind="titlepage", id="titlepage", title=(Text(meta.title),), blocks=(),
                   byline=tuple(lines))


def provenance(article: Article, _: BookText) -> Inlines:
    """One sentence: where and when an article was published and retrieved."""
    title: Inlines = (Emph(title_of(article, _)),)
    site: Inlines = ()
    if article.source.url:
        site = (Link((Text(site_of(article) or article.source.url),), article.source.url),)
    published = _.date(article.published) if article.published else None
    if site and published:
        sentence = fill(_.gettext("{title}, published on {site} on {date}"),
                        title=title, site=site, date=published)
    elif site:
        sentence = fill(_.gettext("{title}, published on {site} (date of publication not "
                                  "given)"), title=title, site=site)
    elif published:
        sentence = fill(_.gettext("{title}, published on {date} (address not recorded)"),
                        title=title, date=published)
    else:
        sentence = fill(_.gettext("{title} (address and date of publication not recorded)"),
                        title=title)
    if article.source.retrieved:
        tail = fill(_.gettext("; retrieved on {date}."), date=_.date(article.source.retrieved))
    else:
        tail = (Text(_.gettext("; date of retrieval not recorded.")),)
    return sentence + tail


def preface(articles: tuple[Article, ...], _: BookText, has_glossary: bool) -> Chapter:
    n = len(articles)
    sites = sorted({s for s in (site_of(a) for a in articles) if s})
    blocks: list[Block] = [
        Paragraph((Text(_.ngettext(
            "This book collects {count} article about peptide therapies, reproduced from the "
            "web so that it can be read offline, printed, or read aloud by a screen reader.",
            "This book collects {count} articles about peptide therapies, reproduced from the "
            "web so that they can be read offline, printed, or read aloud by a screen reader.",
            n).format(count=_.number(n))),)),
        Heading(2, (Text(_.gettext("Read this first")),)),
        Paragraph((Text(_.gettext(
            "These articles describe treatments, report the results of studies and give doses. "
            "They are reproduced as they were published, without review by the makers of this "
            "book: no claim, study or dose in them has been checked.")),)),
        Paragraph((Text(_.gettext(
            "This book is not medical advice. Do not start, change or stop a treatment because "
            "of something you read here; talk to a qualified clinician who knows your health.")),)),
        Paragraph((Text(_.gettext(
            "Many of the studies the articles mention are named only by year, journal or "
            "institution, without a reference a reader could look up. Where an article gives "
            "its own list of references, that list is reproduced in the References chapter at "
            "the end of the book, together with the address of every article.")),)),
    ]
    if has_glossary:
        blocks.append(Paragraph((Text(_.gettext(
            "Some source pages showed definitions as pop-up notes in the middle of sentences. "
            "Those definitions were taken out of the text and collected in the Glossary.")),)))
    blocks.append(Heading(2, (Text(_.gettext("Where the articles come from")),)))
    if sites:
        blocks.append(Paragraph((Text(_.ngettext(
            "The articles were published on {sites}.",
            "The articles were published on these sites: {sites}.",
            len(sites)).format(sites=_.list(sites))),)))
    blocks.append(BulletList(tuple(
        ListItem((Paragraph(provenance(a, _)),)) for a in articles)))
    return Chapter(kind="preface", id="preface", title=(Text(_.gettext("About this book")),),
                   blocks=tuple(blocks))
