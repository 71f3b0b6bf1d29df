"""Step 3 - Assembly: turn a clean Book into an Edition of chapters the writers can render.

The builder's named steps, in order: evidence ids made book-wide → title page → preface →
one chapter per article → Glossary → References → book-wide ids → images fetched into
assets. Everything stays in the
document model; writers never see an Article.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime

from ..diagnostics import Report
from ..errors import FetchError
from ..fetching import Fetcher
from ..i18n import BookText
from ..model import (
    Asset,
    Block,
    Blocks,
    Book,
    Chapter,
    Citation,
    Edition,
    Endnotes,
    Figure,
    Heading,
    Image,
    Inline,
    Inlines,
    Link,
    NoteRef,
    Paragraph,
    QASection,
    ReferenceList,
    StudyMention,
    Table,
    Text,
)
from ..walk import iter_blocks, iter_inlines, map_blocks, map_inlines
from .backmatter import article_chapter, chapter_prefix, glossary_chapter, references_chapter
from .evidence import namespace
from .frontmatter import preface, title_page
from .images import ImageRefused, package_image
from .ids import IdAllocator, plain_text, slugify

__all__ = ["assemble", "plain_text"]

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif",
              "image/webp": "webp", "image/svg+xml": "svg"}


def assemble(book: Book, text: BookText, report: Report, fetcher: Fetcher) -> Edition:
    """The named sequence of assembly steps."""
    articles = tuple(namespace(a, chapter_prefix(n)) for n, a in enumerate(book.articles, 1))
    glossary = glossary_chapter(articles, text)
    chapters: list[Chapter] = [
        title_page(book.meta, text),
        preface(articles, text, has_glossary=glossary is not None),
    ]
    chapters += [article_chapter(a, n, text) for n, a in enumerate(articles, 1)]
    if glossary:
        chapters.append(glossary)
    chapters.append(references_chapter(articles, text))
    chapters = assign_ids(chapters)
    chapters, assets = resolve_images(chapters, fetcher, report, text)
    return Edition(meta=book.meta, chapters=tuple(chapters), assets=tuple(assets),
                   modified=latest_date(book))


def latest_date(book: Book) -> datetime | None:
    """The newest date the sources carry: the book's ``dcterms:modified`` when none is set."""
    dates = [d for a in book.articles for d in (a.modified, a.published) if d]
    if book.meta.date:
        dates.append(book.meta.date)
    return max(dates) if dates else None


# ---------------------------------------------------------------------------------- ids


def assign_ids(chapters: list[Chapter]) -> list[Chapter]:
    """Give every heading, question, table and reference a book-wide unique, stable id."""
    ids = IdAllocator()
    preset: set[str] = set()  # evidence ids, made book-wide before: never renamed
    for chapter in chapters:
        ids.reserve(chapter.id)
        for node in iter_inlines(chapter.blocks):
            if isinstance(node, Citation | StudyMention | NoteRef) and node.id:
                preset.add(node.id)
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, ReferenceList):
                preset.update(e.id for e in block.entries if e.id)
            elif isinstance(block, Endnotes):
                preset.update(n.id for n in block.notes)
                preset.update([block.id] if block.id else [])
    for taken in preset:
        ids.reserve(taken)

    def give(block: Block, prefix: str) -> Block:
        match block:
            case Heading(children=children, id=None):
                return replace(block, id=ids.take(f"{prefix}-{slugify(plain_text(children))}"))
            case QASection(questions):
                return replace(block, questions=tuple(
                    q if q.id else replace(q, id=ids.take(
                        f"{prefix}-q-{slugify(plain_text(q.question))}"))
                    for q in questions))
            case Table(id=None):
                return replace(block, id=ids.take(f"{prefix}-table"))
            case ReferenceList(entries):
                return ReferenceList(tuple(
                    e if e.id in preset else replace(e, id=ids.take(f"{prefix}-{e.id or 'ref'}"))
                    for e in entries))
        return block

    out = []
    for chapter in chapters:
        prefix = chapter.id.split("-")[0]

        def give_here(block: Block, prefix: str = prefix) -> Block:
            return give(block, prefix)

        out.append(replace(chapter, blocks=map_blocks(chapter.blocks, give_here)))
    return out


# ------------------------------------------------------------------------------- images


def resolve_images(chapters: list[Chapter], fetcher: Fetcher, report: Report,
                   text: BookText) -> tuple[list[Chapter], list[Asset]]:
    """Fetch every image into the book; one that cannot be fetched becomes its alt text and a
    link to the original, with a ``fetch-refused`` diagnostic. No remote reference remains."""
    assets: dict[str, Asset] = {}
    failed: set[str] = set()
    for chapter in chapters:
        for node in iter_inlines(chapter.blocks):
            if isinstance(node, Image):
                _fetch_one(node.src, fetcher, report, chapter.id, assets, failed)
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, Figure):
                _fetch_one(block.image.src, fetcher, report, chapter.id, assets, failed)

    def fallback(image: Image) -> Inlines:
        label = image.alt or text.gettext("image")
        return (Text(label + " "),
                Link((Text(text.gettext("(image at the original site)")),), image.src))

    def fix_block(block: Block) -> Block | Blocks:
        if isinstance(block, Figure):
            if block.image.src in assets:
                return replace(block, image=replace(block.image,
                                                    src=assets[block.image.src].name))
            caption: Blocks = (Paragraph(block.caption),) if block.caption else ()
            return (Paragraph(fallback(block.image)), *caption)
        return block

    def fix_inline(node: Inline) -> Inline | Inlines:
        if isinstance(node, Image):
            if node.src in assets:
                return replace(node, src=assets[node.src].name)
            return fallback(node)
        return node

    fixed = [replace(c, blocks=map_inlines(map_blocks(c.blocks, fix_block), fix_inline))
             for c in chapters]
    # Two addresses may serve one picture: one file (EPUB 3.3 OCF: file names MUST be unique).
    return fixed, list({asset.name: asset for asset in assets.values()}.values())


def _fetch_one(url: str, fetcher: Fetcher, report: Report, where: str,
               assets: dict[str, Asset], failed: set[str]) -> None:
    if url in assets or url in failed:
        return
    try:
        image = package_image(fetcher.fetch(url), report, where)  # decoded, sanitised
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
