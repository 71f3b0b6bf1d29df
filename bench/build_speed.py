"""Benchmark: how long a book of 3, 30, 300 or 1,000 articles takes, and how much memory, against
the tools people would otherwise use on the same articles, measured side by side in one run.

For each size, a corpus is made from the bundled sample (its three articles copied with distinct
titles, slugs and addresses) and these are measured, each in a fresh child process (wall time
and peak resident memory from ``os.wait4``'s rusage, so no two share a heap):

* ``peptidebook build --format epub`` / ``pdf`` / ``handouts`` (``--offline``, ``--quiet``);
* **WeasyPrint alone** writing PDF/UA-1 from the very XHTML and stylesheets peptidebook hands it
  (the layout floor of our PDF);
* **pandoc** (HTML → EPUB) and **calibre** ``ebook-convert`` (HTML → PDF, untagged), when they
  are on ``PATH`` (``make bench`` installs them), on one clean HTML file of the same articles.

Runs of peptidebook and of a peer alternate (A B A B …) and the medians are compared, so the
ratios hold on a machine whose speed drifts. A measurement, not a test: nothing is asserted.

    .venv/bin/python bench/build_speed.py [--sizes 3,30,300] [--formats epub,pdf,handouts]
                                          [--repeat 3] [--markdown]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from peptidebook.build import sample_config_path

SAMPLE = sample_config_path().parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    rss: float  # MiB, peak resident set of the child


#: calibre renders with Qt WebEngine (Chromium), which refuses to run as root without this.
_PEER_ENV = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox", "QT_QPA_PLATFORM": "offscreen"}


def measure(argv: list[str], cwd: Path) -> Run:
    """Run ``argv`` once in a child process: its wall time and peak memory."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, **_PEER_ENV})
    assert child.stderr is not None
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n"
                         f"{err.decode(errors='replace')[-2000:]}")
    return Run(wall, usage.ru_maxrss / 1024)  # ru_maxrss is KiB on Linux


# --------------------------------------------------------------------------- the corpora


def make_corpus(n: int, folder: Path) -> Path:
    """``n`` articles copied from the sample with distinct titles, slugs and addresses, and the
    book.toml that lists them. Returns the book.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".json", ".txt"))
    text_titles = _text_titles()
    lines = [f'title = "Benchmark book of {n} articles"', 'language = "en"', ""]
    for i in range(n):
        source = sources[i % len(sources)]
        copy_no = i // len(sources) + 1
        name = f"{i + 1:04d}-{source.name}"
        if source.suffix == ".json":
            post = json.loads(source.read_text(encoding="utf-8"))
            post = copy.deepcopy(post)
            post["title"]["rendered"] += f" (copy {copy_no})"
            post["slug"] = f"{post['slug']}-{copy_no}"
            post["link"] = post["link"].rstrip("/") + f"-{copy_no}/"
            post["id"] = int(post["id"]) * 10_000 + copy_no
            (folder / name).write_text(json.dumps(post), encoding="utf-8")
            lines += ["[[sources]]", f'path = "{name}"', ""]
        else:
            shutil.copyfile(source, folder / name)
            title = f"{text_titles.get(source.name, source.stem)} (copy {copy_no})"
            lines += ["[[sources]]", f'path = "{name}"', f"title = {json.dumps(title)}", ""]
    config = folder / "book.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def _text_titles() -> dict[str, str]:
    """The titles the sample's book.toml gives its text sources."""
    config = tomllib.loads((SAMPLE / "book.toml").read_text(encoding="utf-8"))
    return {s["path"]: s["title"] for s in config.get("sources", []) if "title" in s}


# ----------------------------------------------------------------- the peers' inputs

#: Child script: write the print XHTML peptidebook gives WeasyPrint, with every file it may
#: fetch, into a folder (``book.xhtml``), and a plain HTML file of the same articles for
#: pandoc and calibre (``clean.html``: the chapters' bodies, no book furniture).
_EXPORT = r"""
import sys
from pathlib import Path
from lxml import etree
from peptidebook.assembly import assemble
from peptidebook.build import load_book
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.writers.pdf import book_document, paper_size
from peptidebook.writers.pdf.fetcher import ASSET_SCHEME

config_path, out = Path(sys.argv[1]), Path(sys.argv[2])
report = Report()
config, book = load_book([], config_path, report)
text = BookText(book.meta.language, report)
edition = assemble(book, text, report, OfflineFetcher())
document = book_document(edition, text, paper_size(book.meta.language, config.paper))
xhtml = document.xhtml.decode("utf-8").replace(ASSET_SCHEME + ":", "")
(out / "book.xhtml").write_text(xhtml, encoding="utf-8")
for name, (data, _type) in document.files.items():
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
tree = etree.fromstring(document.xhtml)
ns = {"h": "http://www.w3.org/1999/xhtml"}
sections = tree.xpath("//h:section[contains(concat(' ', @class, ' '), ' article ')]",
                      namespaces=ns)
body = "".join(etree.tostring(s, encoding="unicode", method="html") for s in sections)
(out / "clean.html").write_text(
    f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{book.meta.title}"
    f"</title></head><body>{body}</body></html>", encoding="utf-8")
"""

#: Child script: WeasyPrint alone, PDF/UA-1, on the exported XHTML.
_WEASYPRINT = r"""
import sys
from pathlib import Path
import weasyprint
folder = Path(sys.argv[1])
weasyprint.HTML(filename=str(folder / "book.xhtml"), base_url=str(folder) + "/").write_pdf(
    str(folder / "weasyprint.pdf"), pdf_variant="pdf/ua-1")
"""


def export_peer_inputs(config: Path, folder: Path) -> None:
    subprocess.run([PYTHON, "-c", _EXPORT, str(config), str(folder)], check=True)


# --------------------------------------------------------------------------- the runs


def peptidebook(config: Path, fmt: str, out: Path) -> list[str]:
    return [PYTHON, "-m", "peptidebook", "build", "-c", str(config), "-f", fmt, "--offline",
            "--quiet", "-o", str(out)]


def peers(fmt: str, folder: Path) -> dict[str, list[str]]:
    """The peer commands comparable with peptidebook's ``fmt`` that this machine has."""
    found: dict[str, list[str]] = {}
    if fmt == "pdf":
        found["WeasyPrint alone (PDF/UA)"] = [PYTHON, "-c", _WEASYPRINT, str(folder)]
        if shutil.which("ebook-convert"):
            found["calibre (untagged)"] = ["ebook-convert", str(folder / "clean.html"),
                                           str(folder / "calibre.pdf")]
    if fmt == "epub" and shutil.which("pandoc"):
        found["pandoc"] = ["pandoc", str(folder / "clean.html"), "-o",
                           str(folder / "pandoc.epub")]
    return found


def alternate(a: list[str], b: list[str] | None, cwd: Path, repeat: int
              ) -> tuple[Run, Run | None]:
    """Run ``a`` and ``b`` alternately ``repeat`` times; the median wall and peak of each."""
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for _ in range(repeat):
        runs_a.append(measure(a, cwd))
        if b is not None:
            runs_b.append(measure(b, cwd))
    return _median(runs_a), (_median(runs_b) if runs_b else None)


def _median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.rss for r in runs))


def pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="3,30,300", help="article counts (default 3,30,300)")
    parser.add_argument("--formats", default="epub,pdf,handouts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, medians compared")
    parser.add_argument("--max-pdf-articles", type=int, default=300,
                        help="skip PDF and handouts above this many articles (default 300)")
    parser.add_argument("--markdown", action="store_true", help="print a README-ready table")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = [f for f in args.formats.split(",") if f]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{_memory_gib():.0f} GiB, Python {platform.python_version()}, "
          f"pandoc {'yes' if shutil.which('pandoc') else 'not installed'}, "
          f"calibre {'yes' if shutil.which('ebook-convert') else 'not installed'}",
          flush=True)
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="peptidebook-bench-") as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"n{n}"
            config = make_corpus(n, corpus)
            export_peer_inputs(config, corpus)
            for fmt in formats:
                if fmt != "epub" and n > args.max_pdf_articles:
                    continue
                out = corpus / f"out-{fmt}"
                ours_argv = peptidebook(config, fmt, out)
                comparisons: dict[str, list[str] | None] = {**peers(fmt, corpus)} or {"": None}
                for peer_name, peer_argv in comparisons.items():
                    ours, theirs = alternate(ours_argv, peer_argv, corpus, args.repeat)
                    page_count = (pages(out / f"benchmark-book-of-{n}-articles.pdf")
                                  if fmt == "pdf" else None)
                    row: tuple[str, ...] = (
                           str(n), fmt, f"{page_count or ''}", f"{ours.wall:.1f} s",
                           f"{ours.rss:.0f} MiB", peer_name or "—",
                           f"{theirs.wall:.1f} s" if theirs else "—",
                           f"{theirs.rss:.0f} MiB" if theirs else "—",
                           f"{ours.wall / theirs.wall:.2f}×" if theirs else "—",
                           f"{ours.rss / theirs.rss:.2f}×" if theirs else "—")
                    rows.append(row)
                    print("  ".join(row), flush=True)
    header = ("articles", "format", "pages", "peptidebook wall", "peak memory", "peer",
              "peer wall", "peer memory", "wall ratio", "memory ratio")
    if args.markdown:
        print()
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in rows:
            print("| " + " | ".join(line) + " |")


def _memory_gib() -> float:
    with open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


if __name__ == "__main__":
    main()
