"""Step 3 - Assembly: turn a clean Book into the Edition: every part of every output.

The builder's named steps, in order: evidence ids made book-wide → title page → preface →
one chapter per article → Glossary → each article's part of the References chapter →
book-wide ids → images fetched into assets → each article chapter's record (publisher's
interest, edits made) → References chapter → table of contents → handouts → the book's
date. Everything stays in the document model; writers never see an Article, and they print
nothing assembly did not make.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from urllib.parse import unquote

from ..diagnostics import Report
from ..errors import FetchError
from ..fetching import Fetched, Fetcher, fetch_all
from ..i18n import BookText
from ..links import unnest_links
from ..model import (
    Article,
    Asset,
    Block,
    Blocks,
    Book,
    Chapter,
    Edition,
    Endnotes,
    Figure,
    Heading,
    Image,
    Inline,
    Inlines,
    Link,
    Paragraph,
    QASection,
    Question,
    ReferenceList,
    Table,
    Text,
)
from ..names import NAME_LIMIT, IdAllocator, is_safe_id, safe_name, slugify
from ..reproducible import build_stamp
from ..walk import (
    has_inline_children,
    inline_children,
    iter_anchors,
    iter_blocks,
    iter_inlines,
    map_blocks,
    map_inline_sequences,
    map_own_inlines,
    plain_text,
    rename_ids,
)
from .accessibility import accessibility
from .backmatter import (
    article_chapter,
    chapter_prefix,
    glossary_chapter,
    references_chapter,
    references_part,
    related_chapter,
)
from .contents import table_of_contents
from .edits import EDITS_ID, INTEREST_ID, record_section
from .evidence import is_list_id, namespace
from .frontmatter import preface, title_page
from .handouts import handouts
from .images import ImageRefused, package_image
from .templates import mark_blocks

__all__ = ["article_names", "assemble", "assign_ids"]

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif",
              "image/webp": "webp", "image/svg+xml": "svg"}


def assemble(book: Book, text: BookText, report: Report, fetcher: Fetcher,
             source_date_epoch: int | None = None) -> Edition:
    """The named sequence of assembly steps. ``source_date_epoch``: ``SOURCE_DATE_EPOCH``,
    the book's date when given (:mod:`peptidebook.reproducible`)."""
    names = article_names(book.articles, report)
    articles = tuple(namespace(a, chapter_prefix(n)) for n, a in enumerate(book.articles, 1))
    glossary = glossary_chapter(articles, text)
    chapters: list[Chapter] = [
        title_page(book.meta, text),
        preface(articles, text, has_glossary=glossary is not None, meta=book.meta),
    ]
    chapters += [article_chapter(a, n, name, text)
                 for n, (a, name) in enumerate(zip(articles, names, strict=True), 1)]
    if glossary:
        chapters.append(glossary)
    related = related_chapter(articles, text)
    if related:
        chapters.append(related)
    parts = [references_part(a, text) for a in articles]
    # Ids and images for everything printed, in reading order: the References chapter's parts
    # last, where that chapter stands. Each article's handout prints its part again, with the
    # same ids.
    with_ids = assign_ids([*chapters, *parts], report)
    named, assets = resolve_images(with_ids, fetcher, report, text)
    named = no_nested_links(named, report)
    chapters = with_records(named[:len(chapters)], with_ids[:len(chapters)], articles, text)
    parts = named[len(chapters):]
    chapters.append(references_chapter(parts, text))
    return Edition(meta=book.meta, chapters=tuple(chapters),
                   contents=table_of_contents(chapters, text),
                   accessibility=accessibility(chapters, text),
                   stamp=build_stamp(source_date_epoch, latest_date(book)),
                   handouts=handouts([c for c in chapters if c.kind == "article"], parts,
                                     names, text, book.meta.caveat),
                   assets=tuple(assets))


def with_records(chapters: Sequence[Chapter], before_images: Sequence[Chapter],
                 articles: Sequence[Article], text: BookText) -> list[Chapter]:
    """Each article chapter ended by its record (:func:`.edits.record_section`): its
    publisher's interest and the edits made for this edition, the images that could not be
    fetched counted by comparing the chapter before images were placed (``before_images``)."""
    out: list[Chapter] = []
    records = iter(articles)
    for chapter, before in zip(chapters, before_images, strict=True):
        if chapter.kind != "article":
            out.append(chapter)
            continue
        unfetched = _images(before) - _images(chapter)
        blocks = record_section(next(records), chapter.id, unfetched, text)
        if chapter.lang:  # the book's own text inside an article in another language
            blocks = mark_blocks(blocks, text.language)
        out.append(replace(chapter, blocks=(*chapter.blocks, *blocks)))
    return out


def _images(chapter: Chapter) -> int:
    return sum(1 for node in iter_inlines(chapter.blocks) if isinstance(node, Image))


def latest_date(book: Book) -> datetime | None:
    """The newest date the sources carry: the book's date when ``SOURCE_DATE_EPOCH`` is not
    set."""
    dates = [d for a in book.articles for d in (a.modified, a.published) if d]
    if book.meta.date:
        dates.append(book.meta.date)
    return max(dates) if dates else None


# ---------------------------------------------------------------------------------- ids

#: What is added to a chapter's id: its title's id (the renderer's ``<h1>``), its
#: handout's "Source and references" heading (:mod:`.handouts`) and its record's two headings
#: (:mod:`.edits`).
CHAPTER_COMPANIONS = ("-title", "-sources", INTEREST_ID, EDITS_ID)


def article_names(articles: Sequence[Article], report: Report) -> list[str]:
    """Each article's name: the end of its chapter id, which names its XHTML file in the EPUB,
    and its handout's file name. Made from its slug (percent-decoded: a slug is a URL path
    segment, RFC 3986 §2.1), else from its title, else ``article``; unique in the book. A slug
    that had to change for that is reported (``renamed``), one only lower-cased or cut between
    words is not."""
    names = IdAllocator.for_files(NAME_LIMIT)
    out: list[str] = []
    for n, article in enumerate(articles, 1):
        named = names.give(unquote(article.slug),
                           fallback=safe_name(article.title, NAME_LIMIT) or "article")
        if named.why:
            report.warning("renamed", f"{chapter_prefix(n)}-{named.name}",
                           f"the slug {shown(article.slug)} {named.why}: the article is named "
                           f"{named.name!r} (its chapter file, its handout)")
        out.append(named.name)
    return out


def shown(given: str, limit: int = 60) -> str:
    """A name from the source, quoted for a message: controls and invisible characters
    escaped (``repr``), at most ``limit`` characters of it."""
    return repr(given if len(given) <= limit else given[:limit] + "…")


def assign_ids(chapters: list[Chapter], report: Report) -> list[Chapter]:
    """Give every heading, question, table and reference a book-wide unique, stable id.

    The ids we made before (evidence, glossary terms) are kept. An id the source gave a
    heading, table or question is never copied: the book's is derived from it, the chapter's
    prefix before it (``ch03-intro``), made safe (:func:`~peptidebook.names.safe_name`) and
    unique, ``renamed`` reported when the source's name itself had to change (characters an
    id cannot hold, a clash within the chapter); the chapter's links to it follow. Ids we make
    are derived from content and position (Pandoc's ``Chunks.fixInternalReferences``).
    """
    ids = IdAllocator()
    for chapter in chapters:
        ids.reserve(chapter.id, *(chapter.id + c for c in CHAPTER_COMPANIONS))
    made = _ids_made_before(chapters)
    ids.reserve(*(i for i in made if is_safe_id(i)))
    moved = {i: ids.take(i) for i in made if not is_safe_id(i)}  # a glossary term's, too long
    ids.reserve(*(f"{moved.get(b.id, b.id)}-title" for c in chapters
                  for b in iter_blocks(c.blocks) if isinstance(b, Endnotes) and b.id))
    out = []
    for chapter in chapters:
        naming = _ChapterIds(ids, report, chapter.id, set(made))
        blocks = map_blocks(chapter.blocks, naming.block)
        if moved or naming.given:
            blocks = _follow(blocks, moved, naming.given)
        out.append(replace(chapter, blocks=blocks))
    return out


@dataclass
class _ChapterIds:
    """Names the ids of one chapter's blocks from the book's ``ids``; ``given`` maps the ids
    the source gave to the book's."""

    ids: IdAllocator
    report: Report
    chapter: str
    made: set[str]
    given: dict[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """``ch03`` for ``ch03-a-slug``; ``preface`` for ``preface``."""
        return self.chapter.split("-")[0]

    def own(self, wanted: str | None, fallback: str, companions: tuple[str, ...] = ()) -> str:
        """The id of an element the source named ``wanted`` (``None``: it did not), made
        from ``fallback`` when there is nothing to keep."""
        if wanted is None:
            return self.ids.take(fallback, companions)
        # Derived, never copied: the chapter's prefix before the source's name (``ch03-intro``
        # for ``intro``), so that a source id can clash with none of the book's own and two
        # articles' ``#intro`` stay apart.
        named = self.ids.give(f"{self.prefix}-{wanted}", companions, fallback)
        self.given.setdefault(wanted, named.name)
        if named.why:
            self.report.warning("renamed", self.chapter,
                                f"the id {shown(wanted)} {named.why}: it is {named.name!r} in "
                                "the book, and links to it follow")
        return named.name

    def block(self, block: Block) -> Block:
        prefix = self.prefix
        match block:
            case Heading(id=ident) if ident in self.made:  # the evidence lists' (kept)
                return block
            case Heading(children=children, id=ident):
                return replace(block, id=self.own(
                    ident, f"{prefix}-{slugify(plain_text(children))}"))
            case QASection(questions):
                # The section is named after its first question (``<id>-faq``).
                named = tuple(
                    replace(q, id=self.own(q.id, f"{prefix}-q-{slugify(plain_text(q.question))}",
                                           ("-faq",) if n == 0 else ()))
                    for n, q in enumerate(questions))
                return replace(block, questions=named,
                               id=f"{named[0].id}-faq" if named else None)
            case Table(id=ident):
                return replace(block, id=self.own(ident, f"{prefix}-table"))
            case ReferenceList(entries):
                return ReferenceList(tuple(
                    e if e.id in self.made else
                    replace(e, id=self.ids.take(f"{prefix}-{e.id or 'ref'}"))
                    for e in entries))
        return block


#: The blocks and parts :func:`assign_ids` names; every other id was made before it.
NAMED_BY_ASSIGN_IDS = (Heading, QASection, Question, Table)


def _ids_made_before(chapters: list[Chapter]) -> list[str]:
    """The ids made before this step, in book order: evidence ids (made book-wide by
    :func:`.evidence.namespace`, and the headings of the evidence lists the preface's counts
    link to, :func:`.evidence.is_list_id`), glossary terms' (by the glossary pass), notes'."""
    made: dict[str, None] = {}
    for chapter in chapters:
        made.update((ident, None) for node, ident in iter_anchors(chapter.blocks)
                    if not isinstance(node, NAMED_BY_ASSIGN_IDS)
                    or (isinstance(node, Heading) and is_list_id(ident)))
    return list(made)


def _follow(blocks: Blocks, moved: dict[str, str], given: dict[str, str]) -> Blocks:
    """``blocks`` with the ids we ``moved`` (book-wide) renamed wherever they are defined or
    referred to, and the chapter's in-page links to ids the source ``given`` following them."""

    def to(ident: str) -> str:
        return moved.get(ident, ident)

    return rename_ids(blocks, to, href=lambda target: given.get(target, to(target)))


# -------------------------------------------------------------------------------- links


def no_nested_links(chapters: list[Chapter], report: Report) -> list[Chapter]:
    """Every chapter with no link inside a link (:func:`peptidebook.links.unnest_links`):
    assembly adds links of its own inside the author's text after cleaning checked it, a
    study's note marker after its mention and, for an image it could not fetch, a link to the
    original, which stand inside the author's link when the mention or the image did."""
    return [replace(c, blocks=map_inline_sequences(c.blocks, partial(
        unnest_links, unwrapped=partial(_report_unwrapped, report, c.id)))) for c in chapters]


def _report_unwrapped(report: Report, where: str, _outer: Inline, inner: Inline) -> None:
    target = f" to {inner.href}" if isinstance(inner, Link) else ""
    report.warning("link-unwrapped", where,
                   f"a link{target} inside a link was kept as its text "
                   f"{shown(' '.join(plain_text((inner,)).split()))}: a link cannot hold a link")


# ------------------------------------------------------------------------------- images


def resolve_images(chapters: list[Chapter], fetcher: Fetcher, report: Report,
                   text: BookText) -> tuple[list[Chapter], list[Asset]]:
    """Fetch every image into the book; one that cannot be fetched becomes its alt text and a
    link to the original, with a ``fetch-refused`` diagnostic. No remote reference remains.

    The images are downloaded together through the pool (each address once), then taken in
    book order: the assets, their order and the diagnostics are those of one download after
    the other."""
    images = [(node.src, chapter.id) for chapter in chapters
              for node in iter_inlines(chapter.blocks)  # a figure's image included
              if isinstance(node, Image)]
    answers = fetch_all(fetcher.fetch, (src for src, _where in images))
    assets: dict[str, Asset] = {}
    failed: set[str] = set()
    for src, where in images:
        _packaged(src, answers[src], report, where, assets=assets, failed=failed)

    placing = _ImagePlacing(assets, text)
    fixed = [replace(c, blocks=map_inline_sequences(map_blocks(c.blocks, placing.block),
                                                    placing.run))
             for c in chapters]
    # Two addresses may serve one picture: one file (EPUB 3.3 OCF: file names MUST be unique).
    return fixed, list({asset.name: asset for asset in assets.values()}.values())


@dataclass(frozen=True)
class _ImagePlacing:
    """Each image of the book pointed at its asset, or, when it could not be fetched, replaced
    by its alt text and a link to the original."""

    assets: dict[str, Asset]
    text: BookText

    def fallback(self, image: Image) -> Inlines:
        label = image.alt or self.text.gettext("image")
        return (Text(label + " "),
                Link((Text(self.text.gettext("(image at the original site)")),), image.src))

    def unfetched(self, node: Inline | None) -> bool:
        return isinstance(node, Image) and node.src not in self.assets

    def block(self, block: Block) -> Block | Blocks:
        """A figure whose image could not be fetched becomes paragraphs (a figure holds an
        image); :meth:`run` then places every other image."""
        if isinstance(block, Figure) and self.unfetched(block.image):
            caption: Blocks = (Paragraph(block.caption),) if block.caption else ()
            return (Paragraph(self.fallback(block.image)), *caption)
        return block

    def run(self, run: Inlines) -> Inlines:
        """The run with every image placed, a fallback text set apart from a word it touches
        (``trans<img>action`` must not read "transqwerty (image at the original site)action")."""
        out: list[Inline] = []
        for index, given in enumerate(run):
            node = map_own_inlines(given, self.run)
            following = run[index + 1:index + 2]
            if isinstance(node, Image) and self.unfetched(node):
                first = len(out)
                out.extend(self.fallback(node))
                _set_apart(out, first, following, start=True, end=True)
            elif isinstance(node, Image):
                out.append(replace(node, src=self.assets[node.src].name))
            else:
                out.append(node)
                if node is not given:  # a link or mark holding an image that became text
                    _set_apart(out, len(out) - 1, following,
                               start=self.unfetched(_edge_leaf(given, 0)),
                               end=self.unfetched(_edge_leaf(given, -1)))
        return tuple(out)


def _edge_leaf(node: Inline, end: int) -> Inline | None:
    """The first (``end=0``) or last (``-1``) leaf inline of ``node``: itself for a leaf;
    ``None`` for an empty container."""
    while has_inline_children(node):
        children = inline_children(node)
        if not children:
            return None
        node = children[end]
    return node


def _set_apart(out: list[Inline], first: int, following: Inlines, *, start: bool,
               end: bool) -> None:
    """Spaces around the inlines of ``out`` from ``first`` on (text that took an image's
    place) where they touch a word: at the ``start`` when the text before ends with no space,
    at the ``end`` when the inline ``following`` starts with a letter or digit."""
    if end and following and plain_text(following)[:1].isalnum():
        out.append(Text(" "))
    before = plain_text(out[first - 1:first]) if first > 0 else ""
    if start and before and not before[-1].isspace():
        out.insert(first, Text(" "))


def _packaged(url: str, answer: Fetched | FetchError, report: Report, where: str, *,
              assets: dict[str, Asset], failed: set[str]) -> None:
    """``url``'s answer into ``assets``, or into ``failed`` with a diagnostic at ``where`` (the
    first chapter that shows it: an image used again is reported once)."""
    if url in assets or url in failed:
        return
    try:
        if isinstance(answer, FetchError):
            raise answer
        image = package_image(answer, report, where)  # decoded, sanitised
    except ImageRefused as exc:  # fetched, but not an image a book can hold, or too large
        failed.add(url)
        report.warning(exc.code, where, str(exc))
        return
    except FetchError as exc:
        failed.add(url)
        report.warning("fetch-refused", where, str(exc))
        return
    digest = hashlib.sha256(image.data).hexdigest()[:16]
    assets[url] = Asset(f"images/{digest}.{EXTENSIONS[image.media_type]}", image.media_type,
                        image.data)
