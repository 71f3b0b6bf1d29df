"""Benchmark: how much the peptidebook PDF build costs beyond WeasyPrint's own rendering.

In one run, on the same book: (a) WeasyPrint alone rendering the print XHTML peptidebook would
give it, to PDF/UA-1 bytes; (b) the full ``peptidebook build --format pdf`` (reading, cleaning,
assembly, rendering, layout, page map, PDF/UA post-processing, writing). Prints both (best of
``--repeat`` runs) and their ratio. No thresholds: this is a measurement, not a test.

    .venv/bin/python bench/pdf_overhead.py [--config book.toml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import weasyprint

from peptidebook.assembly import assemble
from peptidebook.build import build, make_book, read_articles, sample_config_path
from peptidebook.config import load_config
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
    args = parser.parse_args()

    report = Report()
    config = load_config(args.config, report)
    book = make_book(config, read_articles(config, [], report), report)
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

        weasy = best_of(args.repeat, weasyprint_alone)
        full = best_of(args.repeat, full_build)
    print(f"WeasyPrint alone (same XHTML):  {weasy:7.2f} s")
    print(f"peptidebook build --format pdf: {full:7.2f} s")
    print(f"ratio: {full / weasy:.2f} (overhead {full - weasy:+.2f} s, "
          f"{100 * (full - weasy) / weasy:+.0f}%)")


if __name__ == "__main__":
    main()
