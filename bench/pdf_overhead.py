"""Benchmark: how much the peptidebook PDF build costs beyond WeasyPrint's own rendering.

In one run, on the same book: (a) WeasyPrint alone rendering the print XHTML peptidebook would
give it, to PDF/UA-1 bytes; (b) the full ``peptidebook build --format pdf`` (reading, cleaning,
assembly, rendering, layout, page map, PDF/UA post-processing, writing). Prints both (best of
``--repeat`` runs) and their ratio, then the peak memory (max RSS) of each, measured in a fresh
child process so the two do not share a heap. No thresholds: a measurement, not a test.

    .venv/bin/python bench/pdf_overhead.py [--config book.toml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import weasyprint

from peptidebook.assembly import assemble
from peptidebook.build import build, load_book, sample_config_path
from peptidebook.diagnostics import Report
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.writers.pdf import AssetFetcher, book_document, paper_size


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, default=sample_config_path())
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("weasyprint", "full"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    report = Report()
    config, book = load_book([], args.config, report)
    text = BookText(book.meta.language, report)
    edition = assemble(book, text, report, OfflineFetcher())
    document = book_document(edition, text, paper_size(book.meta.language, config.paper))
    xhtml = document.xhtml.decode("utf-8")

    def weasyprint_alone() -> bytes:
        fetcher = AssetFetcher(document.files, Report(), "bench")
        data: bytes = weasyprint.HTML(string=xhtml, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1")
        return data

    with tempfile.TemporaryDirectory() as out:
        def full_build() -> None:
            build(config_path=args.config, output_dir=Path(out), formats=("pdf",))

        if args.only:  # a child run for the memory measurement: run once, print max RSS
            (weasyprint_alone if args.only == "weasyprint" else full_build)()
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            return
        weasy = best_of(args.repeat, weasyprint_alone)
        full = best_of(args.repeat, full_build)
    print(f"WeasyPrint alone (same XHTML):  {weasy:7.2f} s")
    print(f"peptidebook build --format pdf: {full:7.2f} s")
    print(f"ratio: {full / weasy:.2f} (overhead {full - weasy:+.2f} s, "
          f"{100 * (full - weasy) / weasy:+.0f}%)")
    rss = {which: peak_rss_kib(which, args.config) for which in ("weasyprint", "full")}
    print(f"peak memory, WeasyPrint alone:  {rss['weasyprint'] / 1024:7.1f} MiB")
    print(f"peak memory, full build:        {rss['full'] / 1024:7.1f} MiB")
    print(f"memory ratio: {rss['full'] / rss['weasyprint']:.2f}")


def peak_rss_kib(which: str, config: Path) -> int:
    """Max resident set size (KiB, Linux) of one run of ``which`` in a child process."""
    done = subprocess.run([sys.executable, __file__, "--only", which, "--config", str(config)],
                          capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
