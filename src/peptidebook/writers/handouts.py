"""Step 5d - Handouts: one short, self-contained PDF/UA-1 per article, for printing.

Each handout is built from the Edition, in the model, then printed like the book (same
renderer, same print stylesheet, same fetcher and post-processing, :mod:`.pdf`): the article's
title and byline (source and dates), a compact evidence-caveat box in the book's language, the
article, and its own source and references — the article's part of the References chapter,
which assembly writes in article order. Links into the rest of the book (glossary terms,
other chapters) become plain text: a handout stands alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..assembly.frontmatter import evidence_facts
from ..assembly.templates import mark_blocks
from ..diagnostics import Report
from ..errors import OutputError
from ..i18n import BookText
from ..model import (
    BackLink,
    Block,
    Blocks,
    Chapter,
    Citation,
    Edition,
    EvidenceSummary,
    GlossaryRef,
    Heading,
    Inline,
    Inlines,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
)
from ..names import is_safe_name
from ..rendering.xhtml import E, Renderer, xhtml_document
from ..walk import iter_ids, map_inlines, plain_text
from .epub import build_stamp
from .pdf import (
    ASSET_SCHEME,
    PAGE_STYLE_NAME,
    STYLE_NAME,
    PrintDocument,
    pdf_bytes,
    prepare_for_print,
    print_files,
    print_target,
    render,
    write_atomic,
)

__all__ = ["caveat", "handout_chapter", "handout_names", "handout_slug",
           "references_by_article", "write_handouts"]


def handout_slug(chapter: Chapter) -> str:
    """``ch01-sermorelin-skin-health`` → ``sermorelin-skin-health``: the article's name, which
    assembly made safe and unique in the book and put in the chapter id
    (:func:`..assembly.article_names`)."""
    return chapter.id.split("-", 1)[1] if "-" in chapter.id else chapter.id


def handout_names(articles: list[Chapter], folder: Path) -> list[str]:
    """The handouts' file names (without ``.pdf``), in article order. An Edition made elsewhere
    whose chapter ids do not give safe, distinct names (:func:`..names.is_safe_name`)
    is refused: a handout never lands outside ``folder`` or over another article's."""
    names: list[str] = []
    for chapter in articles:
        name = handout_slug(chapter)
        if not is_safe_name(name) or name in names:
            raise OutputError(f"{folder}: cannot write the handouts: the chapter id "
                              f"{chapter.id[:60]!r} does not give a safe, unique file name")
        names.append(name)
    return names


def references_by_article(edition: Edition) -> list[Blocks]:
    """The References chapter cut into one run of blocks per article (each opens with the
    article's level-2 heading, in article order: see ``assembly.backmatter``)."""
    bibliography = next((c for c in edition.chapters if c.kind == "bibliography"), None)
    parts: list[list[Block]] = []
    for block in bibliography.blocks if bibliography else ():
        if isinstance(block, Heading) and block.level == 2:
            parts.append([])
        elif parts:
            parts[-1].append(block)
    return [tuple(p) for p in parts]


def caveat(text: BookText, evidence: EvidenceSummary | None = None) -> Note:
    """The compact evidence caveat printed at the top of every handout: the preface's caveat
    for this one article, with its own computed counts."""
    facts: tuple[Inline, ...] = ()
    if evidence is not None:
        facts = tuple(Text(" " + p) for p in evidence_facts(evidence, text, whole_book=False))
        if evidence.doses:  # the legend of the shading print.css gives .handout .dose
            facts += (Text(" " + text.gettext(
                "Dose amounts are highlighted and underlined in this handout.")),)
    return Note("warning", (
        Paragraph((Strong((Text(text.gettext("Reproduced as published.")),)), Text(" "),
                   Text(text.gettext(
                       "This article is printed as it appeared on the web, without review: "
                       "no claim, study or dose in it has been checked.")), *facts)),
        Paragraph((Strong((Text(text.gettext("Not medical advice.")),)), Text(" "),
                   Text(text.gettext(
                       "Talk to a qualified clinician before you start, change or stop a "
                       "treatment.")))),
    ))


def _ids(chapter: Chapter) -> set[str]:
    return {chapter.id, f"{chapter.id}-title", *iter_ids(chapter.blocks)}


def handout_chapter(chapter: Chapter, references: Blocks, text: BookText) -> Chapter:
    """One article as a standalone chapter: caveat, article, its source and references."""
    before: Blocks = (caveat(text, chapter.evidence),)
    after: Blocks = (Heading(2, (Text(text.gettext("Source and references")),),
                             id=f"{chapter.id}-sources"), *references)
    if chapter.lang:  # the book's own text inside an article in another language
        before, after = mark_blocks(before, text.language), mark_blocks(after, text.language)
    own = replace(chapter, blocks=(*before, *chapter.blocks, *after))
    keep = _ids(own)

    def unlink(node: Inline) -> Inline | Inlines:
        if isinstance(node, GlossaryRef):
            return node.children
        if isinstance(node, Link) and node.href.startswith("#") and node.href[1:] not in keep:
            return node.children
        if isinstance(node, NoteRef | BackLink) and node.target not in keep:
            return node.children
        if isinstance(node, Citation) and not set(node.ref_ids) <= keep:
            return node.children
        return node

    return replace(own, blocks=map_inlines(own.blocks, unlink))


def handout_document(chapter: Chapter, edition: Edition, text: BookText,
                     paper: str) -> PrintDocument:
    renderer = Renderer(text, print_target())
    section = renderer.chapter(chapter)
    prepare_for_print(section, text)
    wrapper = E("div", {"class": "handout", "data-book": edition.meta.title})
    wrapper.append(section)
    title = plain_text(chapter.title)
    xhtml = xhtml_document(
        [wrapper], title=title, lang=chapter.lang or edition.meta.language,
        direction=text.direction,
        stylesheets=[f"{ASSET_SCHEME}:{STYLE_NAME}", f"{ASSET_SCHEME}:{PAGE_STYLE_NAME}"])
    return PrintDocument(xhtml=xhtml, files=print_files(edition, paper), title=title,
                         authors=edition.meta.authors)


def write_handouts(edition: Edition, folder: Path, text: BookText, report: Report,
                   paper: str, source_date_epoch: int | None = None, *,
                   on_start: Callable[[str], None] | None = None,
                   on_written: Callable[[Path], None] | None = None) -> list[Path]:
    """Write ``folder/<article-slug>.pdf`` for every article; return their paths.
    ``on_start``/``on_written`` are told of each handout (the build's progress)."""
    stamp = build_stamp(edition, source_date_epoch).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles = [c for c in edition.chapters if c.kind == "article"]
    references = references_by_article(edition)
    paths = []
    for n, (chapter, name) in enumerate(zip(articles, handout_names(articles, folder),
                                            strict=True)):
        handout = handout_chapter(chapter, references[n] if n < len(references) else (), text)
        path = folder / f"{name}.pdf"
        if on_start is not None:
            on_start(str(path))
        document = handout_document(handout, edition, text, paper)
        laid_out, _ = render(document, report, f"handouts/{path.name}")
        data, _stats = pdf_bytes(laid_out, report, f"handouts/{path.name}", stamp)
        paths.append(write_atomic(path, data))
        if on_written is not None:
            on_written(path)
    return paths
