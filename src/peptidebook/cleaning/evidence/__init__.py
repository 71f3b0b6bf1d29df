"""Step 2 - Cleaning: make an article's evidence explicit — works cited, citations, study
mentions and dose statements.

One pass, :func:`gather_evidence`, in four named steps:

1. **works cited**: each entry of ``Article.references`` is read into a
   :class:`~peptidebook.model.WorkCited` (:mod:`.works`);
2. **citations**: author–year citations in the text and table cells become
   :class:`~peptidebook.model.Citation` nodes (``cite-<n>``) pointing at their entries, and
   each entry lists them in ``cited_by`` (both ways); so do numbered citations ("[1]", "(2)",
   a superscript "³", :mod:`.numbered`) when the article's list was captured and has that
   entry — otherwise they stay as printed, and the mentions holding them say so (never a
   second set of numbers beside the article's own);
3. **study mentions**: every sentence that reports research (:mod:`.studies`), or that carries
   a numbered citation (it attributes what it says to a source), is wrapped in a
   :class:`~peptidebook.model.StudyMention` (``study-<n>``, in text order) and described by a
   :class:`~peptidebook.model.Study` in ``Article.studies``. A table with a findings column
   and a references column (:data:`FINDING_COLUMN`, :data:`REFERENCE_COLUMN`) is an evidence
   table: each row whose reference cell cites an entry is one mention, its finding cell the
   passage. Each mention is then *named* or a *general* appeal to research, with the keys of
   the works it names (:mod:`.identity`); a general mention that restates one table row's
   finding is traced to that row's works;
4. **doses**: every sentence or cell that gives a dose amount (:mod:`.doses`) becomes a
   :class:`~peptidebook.model.Dose` of ``Article.doses``.

Header cells are labels, not sentences: they are never mentions. The ids are local to the
article; assembly makes them book-wide.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from ...diagnostics import Report
from ...model import (
    Article,
    BackLink,
    Block,
    Blocks,
    Cell,
    Citation,
    Dose,
    DoseAmount,
    Endnotes,
    GlossaryRef,
    Heading,
    Inline,
    Inlines,
    Link,
    NoteRef,
    Paragraph,
    Reference,
    ReferenceList,
    Row,
    Study,
    StudyDesign,
    StudyMention,
    Sup,
    Table,
)
from ...sentences import sentence_spans
from ...walk import (
    child_inlines,
    iter_blocks,
    iter_inlines,
    map_children,
    map_inline_sequences,
    map_inlines,
    plain_text,
)
from .doses import detect_dose
from .identity import Weights, classify, trace_through_tables, trial_name
from .numbered import find_numbered, superscript_numbers
from .repeats import bare_generic, names_known, refers_back
from .sentences import Layout, Wrapper, wrap_ranges
from .studies import DESIGNS, StudyFacts, detect_study
from .works import EntryIndex, find_citations, parse_entry

__all__ = ["FINDING_COLUMN", "REFERENCE_COLUMN", "gather_evidence"]

#: A column header naming findings: "Key Finding", "Results", "Outcome".
FINDING_COLUMN = re.compile(r"\b(?:findings?|results?|outcomes?|conclusions?)\b", re.IGNORECASE)
#: A column header naming the work a row rests on: "Primary Reference", "Source", "Citation".
REFERENCE_COLUMN = re.compile(r"\b(?:references?|sources?|citations?)\b", re.IGNORECASE)
#: A DOI, PubMed id or address carried in a sentence.
_IDENTIFIER = re.compile(r"\b10\.\d{4,9}/\S+[^\s.,;)]|\bPMID:?\s*\d{4,9}\b|https?://\S+[^\s.,;)]")
#: Inlines a citation or a mention must not be wrapped around (no link inside a link).
_LINKS = (Link, GlossaryRef, Citation, NoteRef, BackLink)


def gather_evidence(article: Article, report: Report) -> Article:
    """Works cited, citations, study mentions and doses of ``article`` (see the module doc)."""
    entries = _read_works(article, report)
    footnotes = frozenset(note.id for block in iter_blocks(article.blocks)
                          if isinstance(block, Endnotes) for note in block.notes)
    state = _State(entries, EntryIndex(entries), article.lang, footnotes,
                   _parenthesised_numbers_are_citations(article.blocks, len(entries)))
    blocks = map_inline_sequences(article.blocks, state.link_citations)
    entries = tuple(replace(e, cited_by=tuple(state.cited_by.get(e.id or "", ())))
                    for e in entries)
    blocks = map_inline_sequences(blocks, partial(_mark_dose_amounts, language=article.lang))
    blocks = state.studies_in(blocks)
    found = state.studies
    if state.rows:  # an evidence table: trace the prose that restates its findings
        titles = {e.id: e.work.title for e in entries if e.id and e.work and e.work.title}
        found = trace_through_tables(found, state.rows, titles,
                                     Weights(_sentences_of(blocks, article.lang)))
    studies, blocks = _in_text_order(found, blocks)
    doses = tuple(_doses(blocks, article.lang))
    traceable = sum(1 for s in studies if s.traceable)
    named = len({w for s in studies if s.kind == "named" for w in s.works[:1]})
    if studies or doses:
        report.info("study-mentions", article.slug,
                    f"{len(studies)} study mentions ({traceable} traceable; "
                    f"{sum(s.kind == 'named' for s in studies)} name a study, "
                    f"{sum(s.kind == 'general' for s in studies)} general), "
                    f"about {named} named studies, {len(doses)} dose statements")
    _report_numbered(state, len(entries), article.slug, report)
    for family, year in state.unresolved:
        report.info("unresolved-citation", article.slug,
                    f"{family}{f' ({year})' if year else ''} is cited but the article's "
                    "reference list has no such entry")
    references = ReferenceList(entries) if article.references else None
    return replace(article, blocks=blocks, references=references, studies=studies,
                   doses=doses)


def _read_works(article: Article, report: Report) -> tuple[Reference, ...]:
    if article.references is None:
        return ()
    out = []
    for entry in article.references.entries:
        work = parse_entry(plain_text(entry.children))
        if work is None:
            report.info("unparsed-reference", article.slug,
                        f"could not read the parts of {plain_text(entry.children)[:60]!r}")
        out.append(replace(entry, work=work))
    return tuple(out)


@dataclass
class _State:
    """What the pass has found so far in one article."""

    entries: tuple[Reference, ...]
    index: EntryIndex
    language: str | None  # the article's, for its sentences
    footnotes: frozenset[str]  # the ids of the article's own notes
    parentheses: bool  # whether "(1)" or a superscript "¹" after a word is a citation here
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    unresolved: list[tuple[str, int | None]] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    rows: set[str] = field(default_factory=set)  # the ids of table-row mentions
    citations: int = 0
    numbered_linked: int = 0
    numbered_unlinked: list[str] = field(default_factory=list)  # as printed
    named_here: Study | None = None  # the last study named in this section, for repeats
    mentioned_here: Study | None = None  # the last mention of this section, named or not
    named_before: Study | None = None  # … and of the sections before
    mentioned_before: Study | None = None
    trial_names: dict[str, Study] = field(default_factory=dict)  # names read, for repeats

    # ------------------------------------------------------------------ citations

    def link_citations(self, inlines: Inlines) -> Inlines:
        layout = Layout(inlines)
        ranges = []
        for found in find_citations(layout.text):
            targets = self.index.resolve(found)
            if not targets:
                self.unresolved.append((found.family, found.year))
                continue
            if _cuts_into(layout, found.start, found.end):
                continue
            ranges.append((found.start, found.end, self._cite(targets)))
        taken = [(a, b) for a, b, _ in ranges]  # in order, not overlapping
        j = 0  # the first author–year citation that ends after this numbered one starts
        for start, end, numbers, printed in self._numbered(layout):
            while j < len(taken) and taken[j][1] <= start:
                j += 1
            if j < len(taken) and taken[j][0] < end:
                continue
            listed = self._entries_numbered(numbers)
            if listed is None or _cuts_into(layout, start, end):
                self.numbered_unlinked.append(printed)
                continue
            self.numbered_linked += 1
            ranges.append((start, end, self._cite(listed)))
        ranges.sort(key=lambda r: r[0])
        return wrap_ranges(inlines, ranges) if ranges else inlines

    def _cite(self, targets: tuple[str, ...]) -> Wrapper:
        self.citations += 1
        cite_id = f"cite-{self.citations}"
        for target in targets:
            self.cited_by.setdefault(target, []).append(cite_id)
        return _citation(targets, cite_id)

    def _numbered(self, layout: Layout) -> list[tuple[int, int, tuple[int, ...], str]]:
        """The numbered citations of ``layout``: in its text, and superscript nodes holding
        only numbers after a word (``<sup>4</sup>``)."""
        text = layout.text
        found = [(m.start, m.end, m.numbers, m.printed) for m in find_numbered(text)
                 if self.parentheses or text[m.start] == "["]
        if not self.parentheses:
            return found
        for i, node in enumerate(layout.inlines):
            if isinstance(node, Sup):
                start = layout.starts[i]
                numbers = superscript_numbers(plain_text(node.children))
                word = _LAST_WORD.search(text, max(0, start - 20), start)
                unit = word is not None and (len(word.group(0)) < 2
                                             or word.group(0).casefold() in UNITS)
                before = text[start - 1] if start else ""
                if numbers and before and not before.isdigit() and not before.isspace() \
                        and not unit:
                    found.append((start, layout.ends[i], numbers,
                                  plain_text(node.children).strip("[]() ")))
        return sorted(found)

    def _entries_numbered(self, numbers: tuple[int, ...]) -> tuple[str, ...] | None:
        """The ids of the entries numbered ``numbers`` in the article's list, or ``None``
        when the list was not captured or is shorter."""
        if not self.entries or max(numbers) > len(self.entries):
            return None
        ids = tuple(self.entries[n - 1].id for n in numbers)
        return None if None in ids else tuple(i for i in ids if i)

    # ------------------------------------------------------------------ study mentions

    def studies_in(self, blocks: Blocks) -> Blocks:
        return tuple(self._block(block) for block in blocks)

    def _block(self, block: Block) -> Block:
        if isinstance(block, Heading):  # a definite reference does not reach past a heading
            self.named_before = self.named_here or self.named_before
            self.mentioned_before = self.mentioned_here or self.mentioned_before
            self.named_here = self.mentioned_here = None
        if isinstance(block, Paragraph):
            return replace(block, children=self._sentences(block.children))
        if isinstance(block, Table):
            return self._table(block)
        return map_children(block, self.studies_in)

    def _sentences(self, inlines: Inlines) -> Inlines:
        layout = Layout(inlines)
        text = layout.text
        ranges = []
        numbered_at = self._numbered(layout)  # (start, …), in order
        starts = [found[0] for found in numbered_at]
        for start, end in sentence_spans(text, self.language):
            sentence = text[start:end]
            numbered = [found[3] for found in
                        numbered_at[bisect_left(starts, start):bisect_left(starts, end)]]
            facts = detect_study(sentence, self.language)
            earlier = self._referred_to(sentence)
            if facts is None and trial_name(sentence):
                # A trial's own name makes the sentence about that trial ("Die PREDIMED-Studie
                # ging weiter."), whatever its verb.
                facts = StudyFacts(design=_design(sentence, "study"), rules=("trial-name",))
            if facts is None and earlier is not None:
                # A repeat: the sentence refers back to a study named before (.repeats).
                facts = StudyFacts(design=earlier.design, rules=("repeat",))
            if facts is None and numbered:
                # A numbered citation attributes the sentence to a source of the article's
                # list, whatever the sentence's words: it is a mention of that source.
                facts = StudyFacts(design="research", rules=("numbered-citation",),
                                   year=None)
            if facts is None:
                continue
            cites, authors = _citations_within(layout, start, end)
            unlinked = () if cites and not authors else tuple(numbered)
            notes = tuple(dict.fromkeys(
                node.target for node in layout.nodes(start, end)
                if isinstance(node, NoteRef) and node.target in self.footnotes))
            study = Study(
                id=f"study-{len(self.studies) + 1}", text=sentence, design=facts.design,
                year=facts.year, venue=facts.venue, institution=facts.institution,
                sample_size=facts.sample_size, ages=facts.ages, authors=authors, cites=cites,
                identifiers=tuple(m.group(0) for m in _IDENTIFIER.finditer(sentence))
                + _links_within(layout, start, end),
                numbers=unlinked if not cites else (), notes=notes)
            study = classify(study, numbered=bool(numbered),
                             citations=tuple((c.family, c.year) for c in find_citations(sentence)))
            self.mentioned_here = study
            if study.kind == "general" and earlier is not None:
                study = replace(study, identified_by=earlier.identified_by, works=earlier.works,
                                cites=earlier.cites)
            if study.kind == "named":
                self.named_here = study
                name = trial_name(sentence)
                if name and name.isupper():  # an acronym, read as a word wherever it recurs
                    self.trial_names.setdefault(name, study)
            self.studies.append(study)
            ranges.append((start, end, _mention(study.id)))
        return wrap_ranges(inlines, ranges) if ranges else inlines

    def _referred_to(self, sentence: str) -> Study | None:
        """The study ``sentence`` repeats: one whose trial name it uses, else, when it makes a
        definite reference to research, the one named last in this section — or, in a
        language that marks generic plurals without an article (:data:`.repeats.BARE_GENERIC`:
        English "Studies show …"), the last one this section mentions ("A study found ….
        The researchers …": a mention of that unidentified study, general as it is). Where
        the definite article also makes a plural generic ("les études", "los investigadores",
        "die Studien"), only a study named before is evidence enough. A section that has no
        mention of its own continues the sections before (a news story's subheadings go on
        about the same study); one that has its own research starts afresh.
        """
        by_name = names_known(sentence, {n: s.id for n, s in self.trial_names.items()})
        if by_name is not None:
            return next(s for s in self.trial_names.values() if s.id == by_name)
        bare = bare_generic(self.language)
        here = self.named_here or (self.mentioned_here if bare else None)
        if here is None and self.mentioned_here is None:
            here = self.named_before or (self.mentioned_before if bare else None)
        if here is not None and refers_back(sentence, self.language):
            return here
        return None

    def _table(self, table: Table) -> Table:
        labels = [plain_text(_cell_inlines(c)) for row in table.head[:1] for c in row.cells]
        finding = next((i for i, t in enumerate(labels) if FINDING_COLUMN.search(t)), None)
        source = next((i for i, t in enumerate(labels) if REFERENCE_COLUMN.search(t)), None)
        body = []
        for row in table.body:
            cells = list(row.cells)
            done: int | None = None
            if (finding is not None and source is not None
                    and max(finding, source) < len(cells)):
                cites = tuple(dict.fromkeys(
                    ref for node in iter_inlines(cells[source].blocks)
                    if isinstance(node, Citation) for ref in node.ref_ids))
                passage = cells[finding]
                if cites and len(passage.blocks) == 1 and isinstance(passage.blocks[0],
                                                                     Paragraph):
                    cells[finding], done = self._row_mention(passage, cites), finding
            for i, cell in enumerate(cells):
                if i != done and not cell.header:  # header cells are labels
                    cells[i] = replace(cell, blocks=self.studies_in(cell.blocks))
            body.append(Row(tuple(cells)))
        return replace(table, body=tuple(body))

    def _row_mention(self, cell: Cell, cites: tuple[str, ...]) -> Cell:
        paragraph = cell.blocks[0]
        assert isinstance(paragraph, Paragraph)
        text = plain_text(paragraph.children)
        # What the passage itself names; the year and journal are the cited entry's.
        design = _design(text, "study")
        study = Study(id=f"study-{len(self.studies) + 1}", text=text, design=design,
                      cites=cites, identified_by=("reference-entry",), works=cites)
        self.studies.append(study)
        self.rows.add(study.id)
        return replace(cell, blocks=(Paragraph((StudyMention(paragraph.children, study.id),)),))


# --------------------------------------------------------------------------- helpers


def _design(text: str, default: StudyDesign) -> StudyDesign:
    """The first design of :data:`~.studies.DESIGNS` that ``text`` names, else ``default``."""
    return next((d for d, p, _ in DESIGNS if p.search(text)), default)


def _citation(targets: tuple[str, ...], cite_id: str) -> Wrapper:
    def wrap(children: Inlines) -> Inline:
        return Citation(children, targets, cite_id)
    return wrap


def _mention(study_id: str) -> Wrapper:
    def wrap(children: Inlines) -> Inline:
        return StudyMention(children, study_id)
    return wrap


def _sentences_of(blocks: Blocks, language: str | None) -> Iterator[str]:
    """Every sentence of the article's inline runs (its paragraphs, cells, items, quotes)."""
    for block in iter_blocks(blocks):
        for run in child_inlines(block):
            text = plain_text(run)
            for start, end in sentence_spans(text, language):
                yield text[start:end]


def _parenthesised_numbers_are_citations(blocks: Blocks, entries: int) -> bool:
    """Whether "(1)" at the end of a clause, or a superscript number after a word, is a
    numbered citation in this article: the article's list was captured and has every such
    number, or the numbers are a series that starts at 1 (several of them), as a numbered list
    of sources is. (A lone "x²" or "(3)" is a power or an aside.)"""
    numbers: set[int] = set()
    for block in iter_blocks(blocks):
        if not isinstance(block, Paragraph):
            continue
        text = plain_text(block.children)
        numbers.update(n for m in find_numbered(text) if text[m.start] != "["
                       for n in m.numbers)
        numbers.update(n for node in block.children if isinstance(node, Sup)
                       for n in superscript_numbers(plain_text(node.children)))
    if not numbers:
        return False
    if entries:
        return max(numbers) <= entries
    return 1 in numbers and len(numbers) >= 2


#: Words after which a superscript number is a power, not a citation ("cm²", "10³").
UNITS = frozenset(["m", "cm", "mm", "km", "µm", "nm", "g", "kg", "mg", "l", "ml", "s", "x",
                   "m2", "ft", "in", "e"])
_LAST_WORD = re.compile(r"[^\W\d_]+$")


def _report_numbered(state: _State, entries: int, where: str, report: Report) -> None:
    if state.numbered_linked:
        report.info("numbered-citation", where,
                    f"{state.numbered_linked} numbered citations linked to the article's list "
                    f"of {entries} entries")
    if state.numbered_unlinked:
        shown = ", ".join(dict.fromkeys(state.numbered_unlinked))
        report.info("numbered-citation", where,
                    f"{len(state.numbered_unlinked)} numbered citations ({_abridged(shown)}) "
                    + ("point past the end of the article's list" if entries else
                       "but the article's list was not captured")
                    + ": printed as written, their mentions say so")


def _abridged(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cuts_into(layout: Layout, start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps a link (a citation must not nest in a link)."""
    return any(isinstance(node, _LINKS) for node in layout.nodes(start, end))


def _citations_within(layout: Layout, start: int,
                      end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The entries cited between ``start`` and ``end``, and the family names cited there
    (resolved or not)."""
    nodes = layout.nodes(start, end)
    cites = tuple(dict.fromkeys(ref for node in iter_inlines((Paragraph(tuple(nodes)),))
                                if isinstance(node, Citation) for ref in node.ref_ids))
    authors = tuple(dict.fromkeys(c.family for c in find_citations(layout.text[start:end])))
    return cites, authors


def _links_within(layout: Layout, start: int, end: int) -> tuple[str, ...]:
    """Addresses of the external links between ``start`` and ``end``."""
    nodes = layout.nodes(start, end)
    return tuple(dict.fromkeys(
        node.href for node in iter_inlines((Paragraph(tuple(nodes)),))
        if isinstance(node, Link) and node.href.startswith(("http://", "https://"))))


def _cell_inlines(cell: Cell) -> Inlines:
    return tuple(node for block in cell.blocks if isinstance(block, Paragraph)
                 for node in block.children)


def _in_text_order(studies: list[Study], blocks: Blocks) -> tuple[tuple[Study, ...], Blocks]:
    """``studies`` renumbered ``study-1`` … in the order their passages are read."""
    order = [n.id for n in iter_inlines(blocks) if isinstance(n, StudyMention)]
    new = {old: f"study-{k}" for k, old in enumerate(order, 1)}
    by_id = {s.id: s for s in studies}
    renumbered = tuple(replace(by_id[old], id=new[old],
                               via=new.get(by_id[old].via or "", by_id[old].via))
                       for old in order)

    def rename(node: Inline) -> Inline:
        return replace(node, id=new[node.id]) if isinstance(node, StudyMention) else node

    return renumbered, map_inlines(blocks, rename)


def _dose_amount(children: Inlines) -> Inline:
    return DoseAmount(children)


def _mark_dose_amounts(inlines: Inlines, language: str | None) -> Inlines:
    """Each dose amount of ``inlines`` wrapped in a :class:`DoseAmount` (never inside a link)."""
    layout = Layout(inlines)
    text = layout.text
    ranges: list[tuple[int, int, Wrapper]] = []
    for start, end in sentence_spans(text, language):
        facts = detect_dose(text[start:end])
        for a, b in facts.spans if facts else ():
            if not _cuts_into(layout, start + a, start + b):
                ranges.append((start + a, start + b, _dose_amount))
    return wrap_ranges(inlines, ranges) if ranges else inlines


def _doses(blocks: Blocks, language: str | None) -> list[Dose]:
    """Every dose statement, in text order (header cells left out)."""
    found: list[Dose] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = plain_text(block.children)
            for start, end in sentence_spans(text, language):
                facts = detect_dose(text[start:end])
                if facts:
                    found.append(Dose(text[start:end], facts.amounts, facts.route,
                                      facts.frequency))
        elif isinstance(block, Table):
            for row in (*block.head, *block.body):
                for cell in row.cells:
                    if not cell.header:
                        found.extend(_doses(cell.blocks, language))
        else:
            def collect(seq: Blocks) -> Blocks:
                found.extend(_doses(seq, language))
                return seq

            map_children(block, collect)
    return found
