"""Book assembly: the end of each article's chapter — who published it and what it sells, when
the article shows it, and the edits made for this edition.

What a reader needs after an article reproduced from the web: that the site which wrote it sells
what it discusses (the passages and links that show it, quoted as they are:
``Article.interest``, found by :mod:`peptidebook.cleaning.interest`), and what the book changed
and where the text went (``Article.edits``, recorded by the readers and cleaning passes,
:mod:`peptidebook.edit_record`). Three edits are derived here from the article itself, since
they happen in assembly: its reference list printed in the References chapter, restyled in the
book's citation style (:func:`.evidence.format_work`), and its images that could not be fetched
replaced by their alt text (:func:`peptidebook.assembly.resolve_images`).

Each kind of edit is one sentence of the book's language with its count (:data:`SENTENCES`,
one entry for each :data:`~peptidebook.model.EditKind`, which ``tests/assembly/test_edits.py``
checks). A chapter
with no edit says so; an article never cleaned (no record) says that nothing was recorded. The
section sits under the chapter's title (level 2 headings, WCAG 2.2 SC 1.3.1; Matterhorn 14-003:
the PDF's outline has them), not listed in the table of contents, where one more line per
chapter would say the same thing in every chapter; the article's handout, which prints the
chapter, carries it too. The publisher's interest
comes first: it is what a reader weighing the article's claims needs most.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import BookText
from ..model import (
    Article,
    Block,
    Blocks,
    BulletList,
    Edit,
    EditKind,
    Heading,
    Link,
    ListItem,
    Paragraph,
    PublisherInterest,
    Text,
)
from .templates import fill, marked

__all__ = ["EDITS_ID", "INTEREST_ID", "MAX_QUOTED", "SENTENCES", "derived_edits", "edits_section",
           "interest_section", "record_section", "sentence"]

#: What is added to the chapter's id for the two headings (``ch02-x-interest``).
INTEREST_ID = "-interest"
EDITS_ID = "-edits"
#: Passages quoted in full; more are counted.
MAX_QUOTED = 5


def record_section(article: Article, chapter_id: str, unfetched_images: int,
                   _: BookText) -> Blocks:
    """The blocks that end the article's chapter: its publisher's interest (when shown), then
    the edits made for this edition."""
    # The passages are quoted as the publisher wrote them: in the source's language, also in
    # a translated edition.
    quoted_lang = article.translated_from or article.lang
    return (*interest_section(article.interest, quoted_lang, chapter_id, _),
            *edits_section(article, chapter_id, unfetched_images, _))


def derived_edits(article: Article, unfetched_images: int) -> tuple[Edit, ...]:
    """The edits assembly makes: the reference list moved to the References chapter, its
    entries restyled (those read into authors and title: :func:`.evidence.format_work`), the
    images that could not be fetched."""
    entries = article.references.entries if article.references else ()
    restyled = sum(1 for e in entries if e.work is not None and e.work.authors and e.work.title)
    edits = (Edit("references-moved", len(entries)), Edit("references-restyled", restyled),
             Edit("image-unfetched", unfetched_images))
    return tuple(edit for edit in edits if edit.count)


def edits_section(article: Article, chapter_id: str, unfetched_images: int,
                  _: BookText) -> Blocks:
    """"Edits made for this edition": one sentence per kind, or one saying there were none,
    or that none were recorded."""
    heading = Heading(2, (Text(_.gettext("Edits made for this edition")),),
                      id=chapter_id + EDITS_ID, listed=False)
    if article.edits is None:
        return (heading, Paragraph((Text(_.gettext(
            "The edits made to this article were not recorded.")),)))
    edits = (*article.edits, *derived_edits(article, unfetched_images))
    if not edits:
        return (heading, Paragraph((Text(_.gettext(
            "This edition made no change to the article’s text or structure.")),)))
    return (heading, BulletList(tuple(
        ListItem((Paragraph((Text(sentence(edit.kind, edit.count, _)),)),)) for edit in edits)))


def interest_section(interest: PublisherInterest | None, lang: str | None, chapter_id: str,
                     _: BookText) -> Blocks:
    """"The publisher's interest": the passages in which the publisher writes of its own
    offer, quoted in the article's language, and its links to its own sales pages."""
    if interest is None or not (interest.claims or interest.sales_links):
        return ()
    blocks: list[Block] = [Heading(2, (Text(_.gettext("The publisher’s interest")),),
                                   id=chapter_id + INTEREST_ID, listed=False)]
    publisher = marked((Text(interest.publisher or ""),), lang, _)
    if interest.claims and interest.publisher:
        blocks.append(Paragraph(fill(_.gettext(
            "In this article the publisher, {publisher}, writes about its own patients, "
            "clients, programmes, products or services:"), publisher=publisher)))
    elif interest.claims:  # a source that names neither its site nor its publisher
        blocks.append(Paragraph((Text(_.gettext(
            "In this article its publisher, whom the source does not name, writes about its "
            "own patients, clients, programmes, products or services:")),)))
    if interest.claims:
        quoted = interest.claims[:MAX_QUOTED]
        items = [ListItem((Paragraph(fill(_.gettext("“{quote}”"),
                                          quote=marked((Text(q),), lang, _))),)) for q in quoted]
        blocks.append(BulletList(tuple(items)))
        more = len(interest.claims) - len(quoted)
        if more:
            blocks.append(Paragraph((Text(_.ngettext(
                "The article has {count} more passage like these.",
                "The article has {count} more passages like these.", more).format(
                    count=_.number(more))),)))
    if interest.sales_links:
        blocks.append(Paragraph(fill(_.gettext(
            "The article links to sales pages of its own publisher, {publisher}:"),
            publisher=publisher)))
        blocks.append(BulletList(tuple(
            ListItem((Paragraph(fill(_.gettext("{text} ({address})"),
                                     text=marked((Text(link.text or link.href),), lang, _),
                                     address=Link((Text(link.href),), link.href))),))
            for link in interest.sales_links)))
    return tuple(blocks)


def sentence(kind: EditKind, count: int, _: BookText) -> str:
    """The book's sentence for ``count`` edits of ``kind``."""
    return SENTENCES[kind](_, count).format(count=_.number(count))


#: The book's sentence for each kind of edit, given its count (``{count}`` in it).
SENTENCES: dict[EditKind, Callable[[BookText, int], str]] = {
    "active-removed": lambda _, count: _.ngettext(
        "{count} piece of active content (a script, a form or an embedded frame) was "
        "removed.",
        "{count} pieces of active content (scripts, forms or embedded frames) were "
        "removed.", count),
    "embed-linked": lambda _, count: _.ngettext(
        "{count} embedded media item was replaced by a link to it.",
        "{count} embedded media items were replaced by links to them.", count),
    "link-unwrapped": lambda _, count: _.ngettext(
        "{count} link is printed as plain text (it was nested in another link or "
        "had no usable address).",
        "{count} links are printed as plain text (they were nested in another link or "
        "had no usable address).", count),
    "shortcode-kept": lambda _, count: _.ngettext(
        "{count} WordPress shortcode the book cannot display was kept as text.",
        "{count} WordPress shortcodes the book cannot display were kept as text.", count),
    "block-missing": lambda _, count: _.ngettext(
        "{count} block that exists only on the website, or is missing from the source, "
        "could not be included.",
        "{count} blocks that exist only on the website, or are missing from the "
        "source, could not be included.", count),
    "excerpt-only": lambda _, count: _.gettext(
        "The source held only the article’s excerpt: the excerpt is "
        "printed in place of the article."),
    "page-extracted": lambda _, count: _.gettext(
        "Only the article’s main text was kept from the saved web page: "
        "menus, sidebars, comments and the rest of the page were left out."),
    "control-removed": lambda _, count: _.ngettext(
        "Invisible control characters were removed or replaced in {count} part of the "
        "article.",
        "Invisible control characters were removed or replaced in {count} parts of the "
        "article.", count),
    "nesting-flattened": lambda _, count: _.ngettext(
        "{count} passage of markup nested too deeply was kept as plain text.",
        "{count} passages of markup nested too deeply were kept as plain text.", count),
    "raw-kept": lambda _, count: _.ngettext(
        "{count} element the book cannot display was kept as raw text.",
        "{count} elements the book cannot display were kept as raw text.", count),
    "image-alt-only": lambda _, count: _.ngettext(
        "{count} image whose source is not a web address was replaced by its alt text.",
        "{count} images whose sources are not web addresses were replaced by their alt text.",
        count),
    "title-heading": lambda _, count: _.gettext(
        "The heading that repeated the article’s title was removed: the "
        "title is printed above."),
    "question-heading": lambda _, count: _.ngettext(
        "{count} paragraph made only of a bold question was made a heading.",
        "{count} paragraphs made only of a bold question were made headings.", count),
    "faq-widget": lambda _, count: _.ngettext(
        "{count} question of a collapsible question-and-answer widget is printed open, "
        "with its answer.",
        "{count} questions of collapsible question-and-answer widgets are printed open, "
        "with their answers.", count),
    "faq-headings": lambda _, count: _.ngettext(
        "{count} question heading of a “Frequently asked questions” section is printed "
        "as a question with its answer.",
        "{count} question headings of a “Frequently asked questions” section are "
        "printed as questions with their answers.", count),
    "heading-renumbered": lambda _, count: _.ngettext(
        "{count} heading was renumbered so that no heading level is skipped.",
        "{count} headings were renumbered so that no heading level is skipped.", count),
    "tooltip-moved": lambda _, count: _.ngettext(
        "{count} pop-up definition (tooltip) was taken out of the text: it is in the "
        "Glossary.",
        "{count} pop-up definitions (tooltips) were taken out of the text: they are in "
        "the Glossary.", count),
    "table-unwrapped": lambda _, count: _.ngettext(
        "{count} table used only for layout was replaced by its content.",
        "{count} tables used only for layout were replaced by their content.", count),
    "text-repaired": lambda _, count: _.ngettext(
        "{count} repair was made to stray punctuation or to a run-in label that had "
        "lost its punctuation.",
        "{count} repairs were made to stray punctuation or to run-in labels that had "
        "lost their punctuation.", count),
    "pull-quote": lambda _, count: _.ngettext(
        "{count} callout repeating the article’s own text is marked as a pull quote.",
        "{count} callouts repeating the article’s own text are marked as pull quotes.",
            count),
    "related-article": lambda _, count: _.ngettext(
        "{count} teaser for another article was taken out of the text: it is listed "
        "among the related articles not included in this book.",
        "{count} teasers for other articles were taken out of the text: they are "
        "listed among the related articles not included in this book.", count),
    "numbered-citation": lambda _, count: _.ngettext(
        "{count} numbered citation such as (1) or [1] was linked to the article’s "
        "reference list, or marked where that list was not captured.",
        "{count} numbered citations such as (1) or [1] were linked to the article’s "
        "reference list, or marked where that list was not captured.", count),
    "references-moved": lambda _, count: _.ngettext(
        "The article’s list of {count} reference is printed in the References chapter.",
        "The article’s list of {count} references is printed in the References "
        "chapter.", count),
    "references-restyled": lambda _, count: _.ngettext(
        "{count} reference is printed in the book’s citation style (APA 7), not as "
        "the article gave it.",
        "{count} references are printed in the book’s citation style (APA 7), not as "
        "the article gave them.", count),
    "image-unfetched": lambda _, count: _.ngettext(
        "{count} image could not be fetched: its alt text and a link to the original "
        "stand in its place.",
        "{count} images could not be fetched: their alt text and links to the "
        "originals stand in their place.", count),
}
