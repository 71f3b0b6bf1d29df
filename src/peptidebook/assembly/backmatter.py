"""Book assembly: article chapters with their bylines, the Glossary, the related articles the
articles advertised (not included), and the References chapter."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import BookText
from ..languages import same_language
from ..model import (
    Article,
    Block,
    Blocks,
    BulletList,
    Chapter,
    DefinitionItem,
    DefinitionList,
    Emph,
    GlossaryEntry,
    Heading,
    Inlines,
    Link,
    ListItem,
    Paragraph,
    Span,
    Strong,
    Text,
)
from .collation import collation_key
from .evidence import evidence_section, link_first_glossary_uses, mark_untraceable, summary_of
from .frontmatter import evidence_facts, site_of
from .notes import own_notes
from .templates import fill, marked, title_of


def byline(article: Article, _: BookText) -> tuple[Inlines, ...]:
    """The lines under an article's title: author, dates, and a link to the original."""
    lines: list[Inlines] = []
    if article.authors:
        lines.append(fill(_.gettext("By {authors}"), authors=_.list(article.authors)))
    dates: list[str] = []
    if article.published:
        dates.append(_.gettext("Published {date}").format(date=_.date(article.published)))
    if article.modified and (not article.published
                             or article.modified.date() != article.published.date()):
        dates.append(_.gettext("updated {date}").format(date=_.date(article.modified)))
    if dates:
        lines.append((Text(_.gettext(", ").join(dates)),))
    if article.source.url:
        site = site_of(article) or article.source.url
        lines.append(fill(_.gettext("Original: {link}"),
                          link=Link((Text(site),), article.source.url)))
    return tuple(lines)


def chapter_prefix(number: int) -> str:
    """``ch03``: the start of an article chapter's id, and of the ids of its evidence."""
    return f"ch{number:02d}"


def article_chapter(article: Article, number: int, name: str, _: BookText) -> Chapter:
    """One article as a chapter, its id ending in ``name`` (:func:`.article_names`): note
    markers after its untraceable study mentions, the first use of each glossary term linked,
    its own notes titled and linked back (:func:`.notes.own_notes`);
    ``lang`` set when the article is not in the book's language (its title is marked on its
    own when only the title is: a translated edition)."""
    lang = None if _.is_book_language(article.lang) else article.lang
    title: Inlines = (Text(article.title),)
    if article.title_lang and not same_language(article.title_lang, lang or _.language):
        title = (Span(title, article.title_lang),)
    blocks = own_notes(link_first_glossary_uses(mark_untraceable(article).blocks),
                       chapter_prefix(number), _)
    return Chapter(kind="article", id=f"{chapter_prefix(number)}-{name}",
                   title=title, blocks=blocks, byline=byline(article, _), lang=lang,
                   evidence=summary_of((article,)))


def sort_key(term: str, language: str = "en") -> tuple[str, str, str]:
    """Alphabetical order in the book's language (:mod:`.collation`)."""
    return collation_key(term, language)


def glossary_chapter(articles: tuple[Article, ...], _: BookText) -> Chapter | None:
    """The terms of every article, in the alphabetical order of the book's language; terms
    and definitions keep their article's language."""
    entries: dict[str, tuple[GlossaryEntry, str | None]] = {}
    for article in articles:
        for entry in article.glossary:
            entries.setdefault(entry.id, (entry, entry.lang or article.lang))
    if not entries:
        return None
    items = tuple(
        DefinitionItem(term=marked((Text(e.term),), lang, _),
                       definitions=((Paragraph(marked(e.definition, lang, _)),),), id=e.id)
        for e, lang in sorted(entries.values(),
                              key=lambda pair: sort_key(pair[0].term, _.language))
    )
    return Chapter(kind="glossary", id="glossary", title=(Text(_.gettext("Glossary")),),
                   blocks=(DefinitionList(items),))


def related_chapter(articles: tuple[Article, ...], _: BookText) -> Chapter | None:
    """"Related articles not included": the other articles the articles advertised inside
    their text (a linked title with its summary, taken out by the glossary pass), each with
    its summary and address when the page gave them, and the article it was found in; in
    the order the articles give them. EPUB SSV / DPUB-ARIA ``appendix``: supplementary
    matter, not part of any article."""
    items: list[ListItem] = []
    for article in articles:
        for related in article.related:
            title: Inlines = (Text(related.title),)
            if related.url:
                title = (Link(title, related.url),)
            title = marked((Strong(title),), article.lang, _)
            line = (fill(_.gettext("{title}: {summary}"), title=title,
                         summary=marked((Text(related.summary),), article.lang, _))
                    if related.summary else title)
            found = fill(_.gettext("(in {article})"), article=(Emph(title_of(article, _)),))
            items.append(ListItem((Paragraph((*line, Text(" "), *found)),)))
    if not items:
        return None
    lead = Paragraph((Text(_.gettext(
        "The articles of this book advertised these other articles inside their text, with "
        "a summary; they are not part of this book.")),))
    return Chapter(kind="appendix", id="related-articles",
                   title=(Text(_.gettext("Related articles not included")),),
                   blocks=(lead, BulletList(tuple(items))))


#: The References chapter's id; its parts carry it too until they are joined.
REFERENCES = "references"


def references_part(article: Article, _: BookText) -> Chapter:
    """One article's part of the References chapter: a level-2 heading with the article's
    title, then its source, the works it cites, and its study mentions with their
    traceability. Assembly names its ids and fetches its images like a chapter's (with the
    References chapter's id, so they are the ids that chapter's blocks get), then joins the
    parts into that chapter (:func:`references_chapter`) and prints each one again, under its
    own heading, in the article's handout (:func:`part_body`)."""
    blocks: list[Block] = [Heading(2, title_of(article, _))]
    if article.source.url:
        blocks.append(Paragraph(fill(_.gettext("Source: {link}"),
                                     link=Link((Text(article.source.url),),
                                               article.source.url))))
    else:
        blocks.append(Paragraph((Text(_.gettext(
            "Source: the address of this article was not recorded.")),)))
    facts: list[str] = []
    if article.authors:
        facts.append(_.gettext("Author: {names}").format(names=_.list(article.authors)))
    else:
        facts.append(_.gettext("Author: not named in the source"))
    if article.published:
        facts.append(_.gettext("Published: {date}").format(date=_.date(article.published)))
    if article.modified:
        facts.append(_.gettext("Last modified: {date}").format(date=_.date(article.modified)))
    if article.source.retrieved:
        facts.append(_.gettext("Retrieved: {date}").format(
            date=_.date(article.source.retrieved)))
    else:
        facts.append(_.gettext("Retrieved: date not recorded"))
    blocks.append(Paragraph((Text(_.gettext("{facts}.").format(
        facts=_.gettext("; ").join(facts))),)))
    counts = evidence_facts(summary_of((article,)), _, whole_book=False)[0]
    blocks.extend(evidence_section(article, _, counts))
    return Chapter(kind="bibliography", id=REFERENCES, title=title_of(article, _),
                   blocks=tuple(blocks))


def part_body(part: Chapter) -> Blocks:
    """A part of the References chapter without its heading, which :func:`references_part`
    puts first: what the article's handout prints under its "Source and references"."""
    heading, *body = part.blocks
    assert isinstance(heading, Heading) and heading.level == 2, heading
    return tuple(body)


def references_chapter(parts: Sequence[Chapter], _: BookText) -> Chapter:
    """The References chapter: the articles' parts (:func:`references_part`), in article
    order."""
    return Chapter(kind="bibliography", id=REFERENCES, title=(Text(_.gettext("References")),),
                   blocks=tuple(block for part in parts for block in part.blocks))
