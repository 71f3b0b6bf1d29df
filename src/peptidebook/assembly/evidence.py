"""Book assembly: the evidence of each article made readable — book-wide ids, note markers on
untraceable study mentions, works cited in one citation style, the mentions with their
traceability, and the first use of each glossary term linked.

Semantics: a citation is ``doc-biblioref`` (DPUB-ARIA 1.1), a note marker ``noteref``
(EPUB SSV 1.1; ``doc-noteref``), the notes an ``endnotes`` section (``doc-endnotes``) of plain list
items (``doc-endnote`` and ``endnote`` are deprecated in DPUB-ARIA 1.1 and EPUB SSV 1.1), and the
links back to the text ``doc-backlink`` with words, never a bare "↩" (WCAG 2.2 SC 2.4.4).

Works cited are printed in a simplified APA 7 style: ``Family, I. I., & Family, I. (Year).
Title. *Journal*, *Volume*(Issue), Pages. https://doi.org/…``; an entry that could not be
read into parts is printed as the article gave it.
"""

from __future__ import annotations

from dataclasses import replace

from babel.lists import format_list

from ..i18n import BookText
from ..model import (
    Article,
    BackLink,
    Block,
    BulletList,
    Citation,
    Emph,
    Endnote,
    Endnotes,
    EvidenceSummary,
    GlossaryRef,
    Heading,
    Inline,
    Inlines,
    Link,
    ListItem,
    NamedStudy,
    NoteRef,
    Paragraph,
    Reference,
    ReferenceList,
    Study,
    StudyClue,
    StudyDesign,
    StudyMention,
    Text,
    WorkCited,
    named_studies,
)
from ..walk import map_inline_sequences, map_inlines, map_own_inlines
from .templates import fill, marked, title_of

__all__ = [
    "CLUE_LABELS",
    "DESIGN_LABELS",
    "evidence_section",
    "format_work",
    "is_list_id",
    "link_first_glossary_uses",
    "mark_untraceable",
    "namespace",
    "summary_of",
    "untraceable_reason",
]


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated where it is used."""
    return message


#: How the book names each study design (translated through the book's catalog).
DESIGN_LABELS: dict[StudyDesign, str] = {
    "meta-analysis": N_("meta-analysis"),
    "systematic review": N_("systematic review"),
    "review": N_("review"),
    "randomised controlled trial": N_("randomised controlled trial"),
    "placebo-controlled trial": N_("placebo-controlled trial"),
    "pilot study": N_("pilot study"),
    "dose-response trial": N_("dose-response trial"),
    "clinical trial": N_("clinical trial"),
    "trial": N_("trial"),
    "cohort study": N_("cohort study"),
    "case-control study": N_("case-control study"),
    "cross-sectional study": N_("cross-sectional study"),
    "case report": N_("case report"),
    "animal study": N_("animal study"),
    "in-vitro study": N_("laboratory (in-vitro) study"),
    "study": N_("study"),
    "research": N_("research"),
    "evidence": N_("evidence"),
}

#: How the book says what identifies a named study (translated through the book's catalog).
CLUE_LABELS: dict[StudyClue, str] = {
    "reference-entry": N_("an entry of the article's list of references"),
    "authors": N_("the authors"),
    "author-year": N_("the authors and year"),
    "year-journal": N_("a year and a journal"),
    "year-institution": N_("a year and an institution"),
    "trial-name": N_("the trial's own name"),
    "doi": N_("a DOI"),
    "pmid": N_("a PubMed number"),
    "address": N_("the address of the publication"),
    "numbered-citation": N_("a numbered citation"),
    "table-row": N_("a row of the article's own evidence table"),
    "footnote": N_("a note of the article"),
}

# --------------------------------------------------------------------------- ids


def namespace(article: Article, prefix: str) -> Article:
    """``article`` with its evidence ids (``ref-1``, ``cite-1``, ``study-1``) made book-wide
    (``ch03-ref-1``): the cleaning pass numbers them per article."""

    def ns(local: str) -> str:
        return f"{prefix}-{local}"

    def rename(node: Inline) -> Inline:
        if isinstance(node, Citation):
            return replace(node, ref_ids=tuple(map(ns, node.ref_ids)),
                           id=ns(node.id) if node.id else None)
        if isinstance(node, StudyMention):
            return replace(node, id=ns(node.id))
        return node

    references = article.references
    local = {e.id for e in references.entries if e.id} if references else set()
    if references is not None:
        references = ReferenceList(tuple(
            replace(e, id=ns(e.id) if e.id else None, cited_by=tuple(map(ns, e.cited_by)))
            for e in references.entries))
    def ns_key(key: str) -> str:
        """A work key local to the article (an entry's id, a note, a list number) made
        book-wide; a DOI or a journal's name stays."""
        return ns(key) if key.startswith("#") else key

    studies = tuple(replace(s, id=ns(s.id), cites=tuple(map(ns, s.cites)),
                            via=ns(s.via) if s.via else None,
                            works=tuple(ns(w) if w in local or w in s.notes else ns_key(w)
                                        for w in s.works))
                    for s in article.studies)
    return replace(article, blocks=map_inlines(article.blocks, rename), references=references,
                   studies=studies)


def prefix_of(study: Study) -> str:
    """``ch03`` of ``ch03-study-1``: the chapter prefix of a book-wide study id."""
    return study.id.split("-", 1)[0]


#: The end of the id of an article's list of named studies (its heading's).
NAMED_LIST = "-named-studies"


def named_list_id(prefix: str) -> str:
    """The id of an article's list of named studies in the References chapter: made here,
    kept by :func:`peptidebook.assembly.assign_ids`, so that the preface can link to it."""
    return f"{prefix}{NAMED_LIST}"


def is_list_id(ident: str) -> bool:
    """Whether ``ident`` is one :func:`named_list_id` made."""
    return ident.endswith(NAMED_LIST)


def notes_id(prefix: str) -> str:
    """The id of an article's notes on its untraceable mentions in the References chapter."""
    return f"{prefix}-notes"


def summary_of(articles: tuple[Article, ...]) -> EvidenceSummary:
    """The counts of ``articles`` (book-wide ids) with where a reader can check each kind: the
    first article's list of named studies, and its notes on the mentions a reader cannot
    look up (which hold its general appeals to research)."""
    summary = EvidenceSummary.of(articles)
    anchors: list[tuple[str, str]] = []
    named = next((a.studies for a in articles
                  if any(s.kind == "named" for s in a.studies)), ())
    if named:
        anchors.append(("named", named_list_id(prefix_of(named[0]))))
    general = next((a.studies for a in articles
                    if any(s.kind == "general" and not s.traceable for s in a.studies)), ())
    if general:
        anchors.append(("general", notes_id(prefix_of(general[0]))))
    return replace(summary, anchors=tuple(anchors))


def note_id(study: Study) -> str:
    return f"{study.id}-note"


def marker_id(study: Study) -> str:
    return f"{study.id}-noteref"


# --------------------------------------------------------------------------- in the text


def marked_untraceable(study: Study) -> bool:
    """Whether an untraceable mention gets this book's note marker: not when it carries the
    article's own numbered citation (its list was not captured) — never a second number
    beside the article's own."""
    return not study.traceable and not study.numbers


def mark_untraceable(article: Article) -> Article:
    """A note marker (1, 2, …) after each untraceable study mention, leading to its note
    (none after a mention that carries the article's own numbered citation)."""
    numbers = {s.id: n for n, s in enumerate(
        (s for s in article.studies if marked_untraceable(s)), 1)}
    by_id = {s.id: s for s in article.studies}

    def mark(node: Inline) -> Inline | Inlines:
        if isinstance(node, StudyMention) and node.id in numbers:
            study = by_id[node.id]
            return (node, NoteRef((Text(str(numbers[node.id])),), note_id(study),
                                  marker_id(study)))
        return node

    return replace(article, blocks=map_inlines(article.blocks, mark))


def link_first_glossary_uses(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Only the first use of each glossary term in a chapter stays a link; later uses are
    plain text (a page of repeated links is noise to a screen-reader user)."""
    seen: set[str] = set()

    def first(inlines: Inlines) -> Inlines:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, GlossaryRef):
                if node.term_id in seen:
                    out.extend(first(node.children))
                    continue
                seen.add(node.term_id)
                out.append(node)
            else:
                out.append(map_own_inlines(node, first))
        return tuple(out)

    return map_inline_sequences(blocks, first)


# --------------------------------------------------------------------------- works cited


def _initials(given: str) -> str:
    """``"Johannes D."`` → ``"J. D."``; ``"J. T."`` stays."""
    parts = given.replace(".", ". ").split()
    return " ".join(f"{p[0]}." for p in parts if p and p[0].isalpha())


def _apa_name(author: str) -> str:
    """``"Veldhuis, Johannes D."`` → ``"Veldhuis, J. D."``; ``"S. M. Harman"`` → ``"Harman,
    S. M."``; a name without given names stays as it is."""
    if "," in author:
        family, given = (p.strip() for p in author.split(",", 1))
    else:
        words = author.split()
        if len(words) == 1:
            return author
        family, given = words[-1], " ".join(words[:-1])
    initials = _initials(given)
    return f"{family}, {initials}" if initials else family


def format_work(entry: Reference, _: BookText) -> Inlines:
    """``entry`` in the book's citation style (simplified APA 7), or as printed."""
    work = entry.work
    if work is None or not work.authors or not work.title:
        return entry.children
    names = [_apa_name(a) for a in work.authors]
    et_al = _.gettext("et al.")  # outside the f-string, where pybabel extract finds it
    if work.et_al:
        authors = f"{', '.join(names)}, {et_al}"
    elif len(names) > 1:
        authors = f"{', '.join(names[:-1])}, & {names[-1]}"
    else:
        authors = names[0]
    year = str(work.year) if work.year else _.gettext("n.d.")
    title = work.title if work.title.endswith(("?", "!", ".")) else work.title + "."
    out: list[Inline] = [Text(f"{authors} ({year}). {title}")]
    if work.journal:
        out += [Text(" "), Emph((Text(work.journal),))]
        if work.volume:
            out += [Text(", "), Emph((Text(work.volume),))]
            if work.issue:
                out.append(Text(f"({work.issue})"))
        if work.pages:
            out.append(Text(f", {work.pages.replace('-', '–')}"))
        out.append(Text("."))
    out += _identifiers(work)
    return tuple(out)


def _identifiers(work: WorkCited) -> list[Inline]:
    out: list[Inline] = []
    if work.doi:
        address = f"https://doi.org/{work.doi}"
        out += [Text(" "), Link((Text(address),), address)]
    if work.pmid:
        out += [Text(" PMID: "),
                Link((Text(work.pmid),), f"https://pubmed.ncbi.nlm.nih.gov/{work.pmid}/")]
    if work.url and not work.doi:
        out += [Text(" "), Link((Text(work.url),), work.url)]
    return out


def short_label(entry: Reference, _: BookText) -> str:
    """``Veldhuis et al. (2005)``: how the list of mentions names an entry."""
    work = entry.work
    if work is None or not work.authors:
        return _.gettext("entry {number}").format(number=entry.id.rsplit("-", 1)[-1]
                                                  if entry.id else "?")
    family = _apa_name(work.authors[0]).split(",")[0]
    several = work.et_al or len(work.authors) > 2
    et_al = _.gettext("et al.")
    if several:
        name = f"{family} {et_al}"
    elif len(work.authors) == 2:
        name = f"{family} & {_apa_name(work.authors[1]).split(',')[0]}"
    else:
        name = family
    return f"{name} ({work.year})" if work.year else name


# --------------------------------------------------------------------------- traceability


def untraceable_reason(study: Study, _: BookText) -> str:
    """Why a reader cannot look ``study`` up, naming what the sentence does give."""
    if study.numbers:
        return _.ngettext(
            "Numbered citation {numbers}; the article's list of sources was not captured.",
            "Numbered citations {numbers}; the article's list of sources was not captured.",
            len(study.numbers)).format(numbers=_.list(list(study.numbers)))
    named: list[str] = []
    if study.authors:
        named.append(_.gettext("authors ({names})").format(names=", ".join(study.authors)))
    if study.venue:
        named.append(_.gettext("journal"))
    if study.institution:
        named.append(_.gettext("institution"))
    if study.year:
        named.append(_.gettext("year"))
    if study.sample_size or study.ages:
        named.append(_.gettext("the people studied"))
    if study.authors:
        return _.gettext("Names {what}, but the article's reference list has no matching "
                         "entry and no identifier is given.").format(
            what=format_list(named, locale=_.locale))
    if named:
        return _.gettext("Named only by {what}; no authors, title or identifier given.").format(
            what=format_list(named, locale=_.locale))
    return _.gettext("Refers to research in general terms; no study, authors, title or "
                     "identifier given.")


def _describe(study: Study, _: BookText, lang: str | None = None) -> Inlines:
    """``clinical trial, 2018, Journal of Drugs in Dermatology, 42 people aged 45–65``; the
    journal and institution are names quoted from the article, marked with its ``lang``."""
    parts: list[Inlines] = [(Text(_.gettext(DESIGN_LABELS[study.design])),)]
    if study.year:
        parts.append((Text(str(study.year)),))
    if study.venue:
        parts.append(marked((Text(study.venue),), lang, _))
    if study.institution:
        parts.append(marked((Text(study.institution),), lang, _))
    if study.sample_size and study.ages:
        parts.append((Text(_.ngettext("{count} person aged {ages}", "{count} people aged {ages}",
                                      study.sample_size).format(
            count=_.number(study.sample_size), ages=study.ages)),))
    elif study.sample_size:
        parts.append((Text(_.ngettext("{count} person", "{count} people", study.sample_size)
                           .format(count=_.number(study.sample_size))),))
    elif study.ages:
        parts.append((Text(_.gettext("aged {ages}").format(ages=study.ages)),))
    out: list[Inline] = []
    for part in parts:
        if out:
            out.append(Text(_.gettext(", ")))
        out.extend(part)
    return tuple(out)


def _abridge(text: str, limit: int = 90) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _backlink(target: str, chapter_title: Inlines, _: BookText) -> BackLink:
    return BackLink(fill(_.gettext("Back to the passage in “{title}”"), title=chapter_title),
                    target)


# --------------------------------------------------------------------------- the chapter part


def evidence_section(article: Article, _: BookText, facts: Inlines) -> list[Block]:
    """The works cited and the study mentions of one article, for the References chapter:
    ``facts`` are its counts (:func:`.frontmatter.evidence_facts`), then its named studies,
    the mentions traced to a source and the notes on those that are not."""
    blocks: list[Block] = []
    title = title_of(article, _)  # marked with its language when not the book's
    quoted = article.translated_from or article.lang  # passages are quoted from the source
    entries = article.references.entries if article.references else ()
    if entries:
        # Headings name their article: each opens a section labelled by it, and landmarks
        # must have unique names (WCAG 2.2 SC 1.3.1; axe landmark-unique).
        blocks.append(Heading(3, fill(_.gettext("Works cited in “{title}”"), title=title)))
        blocks.append(ReferenceList(tuple(_entry(e, title, quoted, _) for e in entries)))
    else:
        blocks.append(Paragraph((Text(_.gettext("The article gives no list of references.")),)))
    studies = article.studies
    blocks.append(Heading(3, fill(_.gettext("Studies mentioned in “{title}”"), title=title)))
    if not studies:
        blocks.append(Paragraph((Text(_.gettext(
            "The text mentions no study, trial or research finding.")),)))
        return blocks
    blocks.append(Paragraph(facts))
    by_ref = {e.id: e for e in entries if e.id}
    named = named_studies(studies)
    if named:
        blocks.append(Heading(4, fill(_.gettext("Studies named in “{title}”"), title=title),
                              id=named_list_id(prefix_of(studies[0]))))
        blocks.append(BulletList(tuple(
            ListItem((Paragraph(_named_item(study, by_ref, quoted, _)),))
            for study in named)))
    traceable = [s for s in studies if s.traceable]
    if traceable:
        blocks.append(Paragraph((Text(_.gettext("Traced to a source:")),)))
        blocks.append(BulletList(tuple(
            ListItem((Paragraph((*_traced_item(study, by_ref, quoted, _), Text(" "),
                                 _backlink(study.id, title, _))),))
            for study in traceable)))
    untraceable = [s for s in studies if not s.traceable]
    if untraceable:
        notes = tuple(
            Endnote(note_id(s), (Paragraph((
                *fill(_.gettext("“{passage}” ({what}): {reason}"),
                      passage=marked((Text(_abridge(s.text)),), quoted, _),
                      what=_describe(s, _, quoted),
                      reason=untraceable_reason(s, _)),
                # A mention with the article's own number has no marker of ours: back to it.
                Text(" "), _backlink(marker_id(s) if marked_untraceable(s) else s.id,
                                     title, _))),))
            for s in untraceable)
        blocks.append(Endnotes(
            title=fill(_.gettext("Without a traceable source, in “{title}”"), title=title),
            notes=notes, level=4, id=notes_id(prefix_of(studies[0]))))
    return blocks


def _traced_item(study: Study, by_ref: dict[str, Reference], lang: str | None,
                 _: BookText) -> Inlines:
    """A mention traced to a source: the passage, what it names, and the entries, identifiers
    or notes it is traced to (saying so when the article's own table attributes it)."""
    sources: list[Inline] = []
    for ref in study.cites:
        if sources:
            sources.append(Text(_.gettext(", ")))
        sources.append(Link((Text(short_label(by_ref[ref], _)),), f"#{ref}"))
    for identifier in study.identifiers:
        if sources:
            sources.append(Text(_.gettext(", ")))
        sources.append(Link((Text(identifier),), identifier)
                       if identifier.startswith("http") else Text(identifier))
    if study.notes:
        if sources:
            sources.append(Text(_.gettext(", ")))
        sources.append(Text(_.ngettext("the article's own note", "the article's own notes",
                                       len(study.notes))))
    shown: Inlines = tuple(sources)
    if study.via:
        shown = fill(_.gettext("{sources}, to which the article's own table attributes this "
                               "finding"), sources=shown)
    return fill(_.gettext("“{passage}” ({what}): traced to {sources}."),
                passage=marked((Text(_abridge(study.text)),), lang, _),
                what=_describe(study, _, lang), sources=shown)


def _named_item(study: NamedStudy, by_ref: dict[str, Reference], lang: str | None,
                _: BookText) -> Inlines:
    """One named study: what it is (its entries, or what its first passage names), what
    identifies it, and a link back to each passage that names it."""
    first = study.passages[0]
    refs = [k for k in study.keys if k in by_ref]
    label: list[Inline] = []
    for ref in refs:
        if label:
            label.append(Text(_.gettext(", ")))
        label.append(Link((Text(short_label(by_ref[ref], _)),), f"#{ref}"))
    what: Inlines = tuple(label) if label else _describe(first, _, lang)
    clues = list(dict.fromkeys(c for p in study.passages for c in p.identified_by))
    passages: list[Inline] = []
    for passage in study.passages:
        if passages:
            passages.append(Text(_.gettext(", ")))
        passages.append(BackLink(fill(_.gettext("“{passage}”"), passage=marked(
            (Text(_abridge(passage.text, 60)),), lang, _)), passage.id))
    return fill(_.ngettext("{study}, identified by {clues}; named in {count} passage: "
                           "{passages}",
                           "{study}, identified by {clues}; named in {count} passages: "
                           "{passages}", len(study.passages)),
                study=what, clues=_.list([_.gettext(CLUE_LABELS[c]) for c in clues]),
                count=_.number(len(study.passages)), passages=tuple(passages))


def _entry(entry: Reference, chapter_title: Inlines, lang: str | None,
           _: BookText) -> Reference:
    """A works-cited entry (in the article's language, with that language's "et al." and
    "n.d.": a reference list quotes its entries) and its links back to the citations."""
    style = _ if lang is None or _.is_book_language(lang) else BookText(lang, _.report)
    children: list[Inline] = list(marked(format_work(entry, style), lang, _))
    cited = entry.cited_by
    for n, cite in enumerate(cited, 1):
        label = (_.gettext("Back to the citation in “{title}”") if len(cited) == 1 else
                 _.gettext("Back to citation {number} in “{title}”"))
        children += [Text(" "), BackLink(fill(label, title=chapter_title,
                                              number=_.number(n)), cite)]
    return replace(entry, children=tuple(children))
