"""Book assembly: the handouts — one standalone chapter per article, to print on its own.

A handout is the article's chapter with a compact evidence caveat in the book's language
before it and, after it, its source and references under a heading of their own: the same
blocks as the article's part of the References chapter (:func:`.backmatter.references_part`).
Links into the rest of the book (glossary terms, other chapters, notes elsewhere) become plain
text: a handout stands alone. The writer prints each one (``writers/pdf/handouts.py``) and adds
nothing to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..i18n import BookText
from ..model import (
    Blocks,
    Chapter,
    EvidenceSummary,
    Handout,
    Heading,
    Inline,
    Inlines,
    Note,
    Paragraph,
    Strong,
    Text,
)
from ..walk import ids_named, inline_children, iter_ids, map_inlines
from .backmatter import part_body
from .frontmatter import evidence_facts
from .health import claims_in
from .templates import mark_blocks

__all__ = ["caveat", "handout_chapter", "handouts"]


def caveat(text: BookText, evidence: EvidenceSummary | None = None,
           medical: bool = True) -> Note:
    """The compact evidence caveat printed at the top of every handout: the preface's caveat
    for this one article, with its own computed counts; "Not medical advice" only when
    ``medical`` (:func:`is_medical`)."""
    facts: tuple[Inline, ...] = ()
    if evidence is not None:
        facts = tuple(node for paragraph in evidence_facts(evidence, text, whole_book=False)
                      for node in (Text(" "), *paragraph))
        if evidence.doses:  # the legend of the shading print.css gives .handout .dose
            facts += (Text(" " + text.gettext(
                "Dose amounts are highlighted and underlined in this handout.")),)
    advice = (Paragraph((Strong((Text(text.gettext("Not medical advice.")),)), Text(" "),
                         Text(text.gettext(
                             "Talk to a qualified clinician before you start, change or stop "
                             "a treatment.")))),) if medical else ()
    return Note("warning", (
        Paragraph((Strong((Text(text.gettext("Reproduced as published.")),)), Text(" "),
                   Text(text.gettext(
                       "This article is printed as it appeared on the web, without review: "
                       "no claim, study or dose in it has been checked.")), *facts)),
        *advice,
    ))


def is_medical(chapter: Chapter, text: BookText, choice: str = "auto") -> bool:
    """Whether an article's handout gives the medical caveat: as the preface decides it
    (:func:`.frontmatter.preface`), for this one article — doses or health claims
    (:mod:`.health`), unless ``book.toml`` chose (``[preface] caveat``)."""
    if choice != "auto":
        return choice == "medical"
    return bool(chapter.evidence and chapter.evidence.doses) or claims_in(
        chapter.blocks, chapter.lang or text.language).found


def _ids(chapter: Chapter) -> set[str]:
    """The ids a chapter's rendering defines: its own, its title's, its blocks'."""
    return {chapter.id, f"{chapter.id}-title", *iter_ids(chapter.blocks)}


def handout_chapter(chapter: Chapter, references: Blocks, text: BookText,
                    choice: str = "auto") -> Chapter:
    """One article as a standalone chapter: caveat, article, its source and references."""
    before: Blocks = (caveat(text, chapter.evidence, is_medical(chapter, text, choice)),)
    after: Blocks = (Heading(2, (Text(text.gettext("Source and references")),),
                             id=f"{chapter.id}-sources"), *references)
    if chapter.lang:  # the book's own text inside an article in another language
        before, after = mark_blocks(before, text.language), mark_blocks(after, text.language)
    own = replace(chapter, blocks=(*before, *chapter.blocks, *after))
    keep = _ids(own)

    def unlink(node: Inline) -> Inline | Inlines:
        """A link, glossary term, citation or note marker naming an id the handout does not
        hold becomes its text (:func:`..walk.ids_named`: what the model declares)."""
        named = set(ids_named(node))
        return inline_children(node) if named and not named <= keep else node

    return replace(own, blocks=map_inlines(own.blocks, unlink))


def handouts(articles: Sequence[Chapter], parts: Sequence[Chapter], names: Sequence[str],
             text: BookText, caveat_choice: str = "auto") -> tuple[Handout, ...]:
    """The handout of every article, in article order: ``articles`` are their chapters,
    ``parts`` their parts of the References chapter, ``names`` the names assembly gave them
    (:func:`peptidebook.assembly.article_names`), which name the handouts' files;
    ``caveat_choice`` is ``book.toml``'s ``[preface] caveat``."""
    return tuple(Handout(name, handout_chapter(chapter, part_body(part), text, caveat_choice))
                 for chapter, part, name in zip(articles, parts, names, strict=True))
