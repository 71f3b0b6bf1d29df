"""Measure the evidence apparatus on the labelled articles of ``tests/corpus/articles/`` (issue
12, item 6): study-mention precision and recall, named-vs-general agreement, glossary entries
that are not definitions, and source sentences lost from the book.

The evidence conformance test (``tests/test_evidence_corpus.py``) and developers share it::

    .venv/bin/python -m tests.evidence_harness [--holdout yes|no|all] [--only NAME] [--verbose]

For each article of ``tests/corpus/articles/MANIFEST.tsv`` it

* reads and cleans the article with the library, as ``peptidebook build`` does (steps 1 and
  2), and takes the study mentions it found (``Article.studies``: each ``Study.text`` is the
  passage a ``StudyMention`` marks) and its glossary entries (``Article.glossary``);
* builds the EPUB with the command line (``peptidebook build FILE -f epub --offline``, its
  ``--report`` JSON) and reads the book's text back, as a reader gets it;
* compares them with the article's labels (``NAME.labels.toml``, written by reading the
  article: see the labelling guide in ``tests/corpus/articles/README.md``).

Mentions are aligned at sentence level: a detected passage matches a labelled sentence when one
contains the other, word for word after normalising (NFKC, case, punctuation and Markdown
marks ignored), or when they share most of their words; each label and each passage is used
once. Precision = matched passages / passages; recall = matched labels / labels. Kind
agreement is counted over matched pairs whose passage says its kind (``named``/``general``,
from ``Study.kind`` when the model has it, else derived from what the passage identifies).

Sentence survival uses the lost-word approach of :mod:`tests.corpus_harness` at sentence
level: every sentence of the source's text (Markdown, REST and WXR sources, read here
independently of the product's readers) must be in the book, word for word, unless a
diagnostic quotes it (an edit the build reported). Saved web pages are not held to that for
the whole page (extraction leaves the page's chrome out on purpose); their labelled sentences
are.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import corpus_harness

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
ARTICLES = CORPUS / "articles"
MANIFEST = ARTICLES / "MANIFEST.tsv"
MANIFEST_COLUMNS = ("path", "format", "genre", "lang", "repo", "commit", "source_path",
                    "licence", "holdout", "notes")
FORMATS = ("markdown", "html", "rest", "wxr")
GENRES = ("news", "encyclopaedia", "health-portal", "blog")
KINDS = ("named", "general")
DEFINITION_FORMS = ("tooltip", "list", "prose")
#: The held-out third's bar (issue 12, item 6).
MIN_PRECISION = 0.95
MIN_RECALL = 0.9
#: The table of the last run in this process, for pytest's terminal summary.
LAST_TABLE: str | None = None


# ------------------------------------------------------------------------------ manifest, labels


@dataclass(frozen=True)
class Entry:
    """One row of the manifest."""

    path: str
    format: str
    genre: str
    lang: str
    holdout: bool
    notes: str = ""

    @property
    def file(self) -> Path:
        return CORPUS / self.path

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def labels_file(self) -> Path:
        return ARTICLES / f"{self.name}.labels.toml"

    @property
    def corpus_kind(self) -> str:
        """The format as :mod:`tests.corpus_harness` names it (for its source readers)."""
        return self.format


def holdout_rule(path: str) -> bool:
    """The held-out third: sha1 of the path (relative to tests/corpus) ≡ 0 mod 3."""
    return int(hashlib.sha1(path.encode()).hexdigest(), 16) % 3 == 0


def manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def load_manifest() -> list[Entry]:
    return [Entry(row["path"], row["format"], row["genre"], row["lang"],
                  row["holdout"] == "yes", row.get("notes") or "")
            for row in manifest_rows()]


@dataclass(frozen=True)
class MentionLabel:
    text: str
    kind: str
    id: str | None = None


@dataclass(frozen=True)
class DefinitionLabel:
    term: str
    definition: str
    form: str


@dataclass(frozen=True)
class Labels:
    mentions: tuple[MentionLabel, ...]
    definitions: tuple[DefinitionLabel, ...]
    reference_entries: int
    numbered: bool
    notes: str = ""


def load_labels(entry: Entry) -> Labels:
    data = tomllib.loads(entry.labels_file.read_text(encoding="utf-8"))
    refs = data.get("references", {})
    return Labels(
        tuple(MentionLabel(m["text"], m["kind"], m.get("id")) for m in data.get("mention", [])),
        tuple(DefinitionLabel(d["term"], d["definition"], d["form"])
              for d in data.get("definition", [])),
        int(refs.get("entries", 0)), bool(refs.get("numbered", False)),
        str(data.get("notes", "")),
    )


# ------------------------------------------------------------------------------ normalising

_MARKS = re.compile(r"[*_`~]+")
_WORD = re.compile(r"\w+")
_CJK = corpus_harness._CJK


def norm_words(text: str) -> list[str]:
    """The words of ``text``, NFKC, case-folded, Markdown marks and punctuation dropped; each
    CJK character a word of its own (as :func:`tests.corpus_harness.words` counts them)."""
    text = unicodedata.normalize("NFKC", text.translate(corpus_harness._INVISIBLE)).casefold()
    text = _MARKS.sub("", text)
    out: list[str] = []
    for word in _WORD.findall(text):
        if _CJK.search(word):
            out.extend(part for part in re.split(f"({_CJK.pattern})", word) if part)
        else:
            out.append(word)
    return out


def norm(text: str) -> str:
    return " " + " ".join(norm_words(text)) + " "


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other has (as a multiset)."""
    wa, wb = Counter(norm_words(a)), Counter(norm_words(b))
    small = min(sum(wa.values()), sum(wb.values()))
    return sum((wa & wb).values()) / small if small else 0.0


def same_sentence(label: str, passage: str) -> float:
    """How well a detected passage matches a labelled sentence: 1 when one holds the other word
    for word, else their word overlap (0 below 0.6)."""
    a, b = norm(label), norm(passage)
    if a.strip() and b.strip() and (a in b or b in a):
        return 1.0
    score = overlap(label, passage)
    return score if score >= 0.6 else 0.0


# Sentence ends: . ! ? … and CJK full stops, followed by space, a closing quote, or the end.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+|(?<=[\u3002\uff01\uff1f])")


def sentences(text: str) -> list[str]:
    """Sentences of running text (a rough, product-independent split), each of 4 words or
    more (shorter runs are labels and list debris, judged by the lost-word check instead)."""
    out = []
    for line in re.split(r"\s*\n\s*|(?<=\S)\s{2,}(?=\S)", text):
        for part in _SENTENCE_END.split(line):
            if len(norm_words(part)) >= 4:
                out.append(part.strip())
    return out


# ------------------------------------------------------------------------------ building


@dataclass
class Detected:
    """A study passage the product found."""

    text: str
    kind: str | None  # "named" / "general", None when the model cannot say


@dataclass
class Outcome:
    """What one article gave."""

    entry: Entry
    error: str | None = None
    detected: list[Detected] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    book_text: str = ""
    diagnostics: list[dict[str, str]] = field(default_factory=list)


def study_kind(study: Any) -> str | None:
    """``named``/``general`` for a :class:`~peptidebook.model.Study`: its own ``kind`` when
    the model has one, else derived as the labelling guide decides: named when it carries what
    identifies a study (authors, a works-cited entry, a DOI/PMID/address, a journal, or an
    institution with a year)."""
    kind = getattr(study, "kind", None)
    if kind in KINDS:
        return str(kind)
    named = getattr(study, "named", None)
    if isinstance(named, bool):
        return "named" if named else "general"
    identified = (getattr(study, "authors", ()) or getattr(study, "cites", ())
                  or getattr(study, "identifiers", ()) or getattr(study, "venue", None)
                  or (getattr(study, "year", None) and getattr(study, "institution", None)))
    return "named" if identified else "general"


def author_text(epub: Path) -> str:
    """The book's text without its own note markers (``doc-noteref``): a marker is the book's
    apparatus, a superscript link whose accessible name is "Note 5", set apart from the word
    it follows by its position and size — not a digit of the author's sentence. Joining inline
    runs as plain text would glue it to the word ("Wasser5" of "pures Wasser⁵", where a list
    item ends without a full stop) and report the author's sentence as lost."""
    parts = []
    for _name, tree in corpus_harness.content_documents(epub):
        for sup in tree.xpath(".//*[local-name()='sup'][*[@role='doc-noteref']]"):
            corpus_harness._remove_keeping_tail(sup)
        parts.append(corpus_harness.element_text(tree))
    return " ".join(parts)


def _build_one(job: tuple[Entry, Path]) -> Outcome:
    """Read, clean and build one article (in a worker process)."""
    entry, out = job
    from peptidebook.build import load_book  # noqa: PLC0415 - imported in the worker
    from peptidebook.cli import main  # noqa: PLC0415
    from peptidebook.diagnostics import Report  # noqa: PLC0415
    from peptidebook.walk import plain_text  # noqa: PLC0415

    outcome = Outcome(entry)
    saved = sys.stdout, sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stdout = sys.stderr = devnull
        try:
            _config, book = load_book([entry.file], None, Report())
            for article in book.articles:
                outcome.detected += [Detected(s.text, study_kind(s)) for s in article.studies]
                outcome.glossary += [(g.term, plain_text(g.definition))
                                     for g in article.glossary]
            report_path = out / "report.json"
            code = main(["build", str(entry.file), "-o", str(out / "book"), "-f", "epub",
                         "--offline", "-q", "--report", str(report_path)])
        finally:
            sys.stdout, sys.stderr = saved
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    outcome.diagnostics = list(report.get("diagnostics", []))
    epubs = sorted((out / "book").glob("*.epub"))
    if code != 0 or not epubs:
        outcome.error = f"build failed (exit {code}): {report.get('error')}"
    else:
        outcome.book_text = author_text(epubs[0])
    return outcome


def build_all(entries: Sequence[Entry], work: Path, jobs: int | None = None) -> list[Outcome]:
    jobs_list = []
    for index, entry in enumerate(entries):
        out = work / f"{index:04d}"
        out.mkdir(parents=True, exist_ok=True)
        jobs_list.append((entry, out))
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        return list(pool.map(_build_one, jobs_list, chunksize=1))


# ------------------------------------------------------------------------------ judging


@dataclass
class Judgement:
    """One article's figures against its labels."""

    outcome: Outcome
    labels: Labels
    matched: list[tuple[MentionLabel, Detected]] = field(default_factory=list)
    false_positives: list[Detected] = field(default_factory=list)
    misses: list[MentionLabel] = field(default_factory=list)
    kind_wrong: list[tuple[MentionLabel, Detected]] = field(default_factory=list)
    bad_glossary: list[tuple[str, str]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def entry(self) -> Entry:
        return self.outcome.entry


def align(labels: Sequence[MentionLabel], detected: Sequence[Detected]
          ) -> tuple[list[tuple[MentionLabel, Detected]], list[Detected], list[MentionLabel]]:
    """Pair labels with detected passages, best matches first, each used once."""
    scored = sorted(((same_sentence(label.text, found.text), i, j)
                     for i, label in enumerate(labels) for j, found in enumerate(detected)),
                    reverse=True)
    used_labels: set[int] = set()
    used_found: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score <= 0:
            break
        if i in used_labels or j in used_found:
            continue
        used_labels.add(i)
        used_found.add(j)
        pairs.append((i, j))
    pairs.sort()
    return ([(labels[i], detected[j]) for i, j in pairs],
            [d for j, d in enumerate(detected) if j not in used_found],
            [lab for i, lab in enumerate(labels) if i not in used_labels])


def is_definition(term: str, definition: str, labels: Labels) -> bool:
    """Whether a glossary entry is one of the article's labelled definitions: the same term
    (case, punctuation and a longer or shorter form aside: "RCTs" in "Randomized Controlled
    Trials (RCTs)") and a definition that overlaps the labelled one."""
    for label in labels.definitions:
        a, b = norm(label.term), norm(term)
        if b.strip() and (a in b or b in a) and (
                same_sentence(label.definition, definition) > 0 or not definition.strip()):
            return True
    return False


def source_sentences(entry: Entry, labels: Labels) -> list[str]:
    """The sentences the book must keep: every sentence of the source's text, or, for a saved
    page (whose text is extracted from its chrome), the labelled sentences."""
    text = corpus_harness.source_text(_CorpusEntry(entry))  # type: ignore[arg-type]
    labelled = [m.text for m in labels.mentions] + [d.definition for d in labels.definitions]
    if text is None:
        return labelled
    return sentences(text)


def visible_text(entry: Entry) -> str:
    """The article's text as its labels quote it: the source text the sentence check reads,
    or, for a saved page, the whole page's text as lxml sees it."""
    text = corpus_harness.source_text(_CorpusEntry(entry))  # type: ignore[arg-type]
    if text is not None:
        return text
    return corpus_harness.html_text(entry.file.read_bytes().decode("utf-8", "replace"))


@dataclass(frozen=True)
class _CorpusEntry:
    """An article seen as a :class:`tests.corpus_harness.Entry` (for its source readers)."""

    entry: Entry

    @property
    def kind(self) -> str:
        return self.entry.format

    @property
    def file(self) -> Path:
        return self.entry.file


def lost_sentences(outcome: Outcome, labels: Labels) -> list[str]:
    """Sentences of the source not in the book, word for word, that no diagnostic quotes.

    Words a reported edit put into a sentence (a relative link's address kept as text, which
    ``link-unwrapped`` reports) may stand between its words: the sentence is still there."""
    book = norm(outcome.book_text)
    messages = " ".join(d.get("message", "") for d in outcome.diagnostics)
    reported = norm(messages)
    inserted = sorted(set(norm_words(messages)), key=len, reverse=True)
    gap = "(?: (?:" + "|".join(map(re.escape, inserted)) + "))*" if inserted else ""
    lost = []
    for sentence in source_sentences(outcome.entry, labels):
        words = norm(sentence)
        if words in book or words in reported:
            continue
        if gap and re.search(gap.join(" " + re.escape(w) for w in norm_words(sentence)) + " ",
                             book):
            continue
        lost.append(sentence)
    return lost


def judge(outcome: Outcome) -> Judgement:
    labels = load_labels(outcome.entry)
    judgement = Judgement(outcome, labels)
    if outcome.error:
        return judgement
    judgement.matched, judgement.false_positives, judgement.misses = align(
        labels.mentions, outcome.detected)
    judgement.kind_wrong = [(label, found) for label, found in judgement.matched
                            if found.kind is not None and found.kind != label.kind]
    judgement.bad_glossary = [(term, definition) for term, definition in outcome.glossary
                              if not is_definition(term, definition, labels)]
    judgement.lost = lost_sentences(outcome, labels)
    return judgement


# ------------------------------------------------------------------------------ the table


@dataclass
class Figures:
    """Totals over a set of judgements."""

    articles: int = 0
    labels: int = 0
    detected: int = 0
    matched: int = 0
    kinds_known: int = 0
    kinds_right: int = 0
    named_labels: int = 0
    named_found: int = 0
    bad_glossary: int = 0
    lost: int = 0
    failed: int = 0

    def add(self, judgement: Judgement) -> None:
        self.articles += 1
        self.failed += bool(judgement.outcome.error)
        self.labels += len(judgement.labels.mentions)
        self.detected += len(judgement.outcome.detected)
        self.matched += len(judgement.matched)
        known = [(lab, f) for lab, f in judgement.matched if f.kind is not None]
        self.kinds_known += len(known)
        self.kinds_right += sum(1 for lab, f in known if lab.kind == f.kind)
        self.named_labels += sum(1 for m in judgement.labels.mentions if m.kind == "named")
        self.named_found += sum(1 for lab, _f in judgement.matched if lab.kind == "named")
        self.bad_glossary += len(judgement.bad_glossary)
        self.lost += len(judgement.lost)

    @property
    def precision(self) -> float:
        """Matched passages / passages found (1 when nothing was found: nothing is wrong)."""
        return self.matched / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 1.0

    @property
    def kind_agreement(self) -> float:
        return self.kinds_right / self.kinds_known if self.kinds_known else 1.0


def totals(judgements: Iterable[Judgement]) -> Figures:
    figures = Figures()
    for judgement in judgements:
        figures.add(judgement)
    return figures


def table(judgements: Sequence[Judgement], verbose: bool = False) -> str:
    """Per-language and total figures, then each article's problems (``verbose``: every false
    positive and miss too)."""
    by_lang: dict[str, list[Judgement]] = defaultdict(list)
    for judgement in judgements:
        by_lang[judgement.entry.lang].append(judgement)
    head = (f"{'lang':<6} {'art':>4} {'labels':>6} {'found':>6} {'match':>6} {'prec':>6} "
            f"{'recall':>6} {'kind':>6} {'named':>7} {'glossBad':>8} {'lost':>5}")
    lines = [head]

    def row(name: str, f: Figures) -> str:
        return (f"{name:<6} {f.articles:>4} {f.labels:>6} {f.detected:>6} {f.matched:>6} "
                f"{f.precision:>6.3f} {f.recall:>6.3f} {f.kind_agreement:>6.3f} "
                f"{f'{f.named_found}/{f.named_labels}':>7} {f.bad_glossary:>8} {f.lost:>5}")

    for lang in sorted(by_lang):
        lines.append(row(lang, totals(by_lang[lang])))
    lines.append(row("all", totals(judgements)))
    for judgement in judgements:
        name = judgement.entry.path
        if judgement.outcome.error:
            lines.append(f"  {name}: {judgement.outcome.error}")
        for term, definition in judgement.bad_glossary:
            lines.append(f"  {name}: glossary entry that is not a definition: "
                         f"{term!r}: {_short(definition)}")
        for sentence in judgement.lost:
            lines.append(f"  {name}: lost sentence: {_short(sentence)}")
        if verbose:
            for found in judgement.false_positives:
                lines.append(f"  {name}: false positive ({found.kind}): {_short(found.text)}")
            for label in judgement.misses:
                lines.append(f"  {name}: missed ({label.kind}): {_short(label.text)}")
            for label, found in judgement.kind_wrong:
                lines.append(f"  {name}: kind {found.kind}, labelled {label.kind}: "
                             f"{_short(label.text)}")
    return "\n".join(lines)


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(entries: Sequence[Entry], work: Path) -> list[Judgement]:
    return [judge(outcome) for outcome in build_all(entries, work)]


def select(holdout: str = "all", only: str | None = None) -> list[Entry]:
    return [e for e in load_manifest()
            if (holdout == "all" or e.holdout == (holdout == "yes"))
            and (only is None or only in e.path)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.evidence_harness")
    parser.add_argument("--holdout", choices=["yes", "no", "all"], default="all",
                        help="the held-out third (yes), the tuning part (no) or both (all)")
    parser.add_argument("--only", help="only articles whose path contains this")
    parser.add_argument("--verbose", action="store_true",
                        help="list every false positive, miss and kind disagreement")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    entries = select(args.holdout, args.only)
    if not entries:
        parser.error("no article selected")
    work = args.keep or Path(tempfile.mkdtemp(prefix="evidence-"))
    try:
        judgements = run(entries, work)
        print(table(judgements, verbose=args.verbose))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    figures = totals(judgements)
    ok = (figures.precision >= MIN_PRECISION and figures.recall >= MIN_RECALL
          and not figures.bad_glossary and not figures.lost and not figures.failed)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
