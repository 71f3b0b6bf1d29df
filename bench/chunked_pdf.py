"""Benchmark: the book PDF laid out whole vs in chunks (``PEPTIDEBOOK_PDF_CHUNKS=1``).

Makes books of N articles as ``bench/build_speed.py`` does (the sample's three sources
copied with distinct titles, slugs and addresses), builds each with
``peptidebook build --format pdf --paper a4`` once whole and once chunked, alternately, each
in a fresh process under ``/usr/bin/time -v``, and prints wall time and CPU time (user +
system; steadier than wall time on a shared machine), peak memory (max RSS), pages and file
size of each (medians of ``--repeat``). No thresholds: a measurement.

    .venv/bin/python bench/chunked_pdf.py [--articles 10 30] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from build_speed import make_corpus  # bench/ is on the path when this script runs


def run(config: Path, out: Path, chunked: bool) -> dict[str, float]:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000",
               PEPTIDEBOOK_PDF_CHUNKS="1" if chunked else "0")
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "peptidebook", "build", "-c",
         str(config), "-f", "pdf", "--paper", "a4", "-q", "-o", str(out)],
        capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)",
                                         done.stderr)]
    assert wall and rss and len(cpu) == 2, done.stderr[-2000:]
    hours, minutes, seconds = int(wall[1] or 0), int(wall[2]), float(wall[3])
    pdf = next(out.glob("*.pdf"))
    with pikepdf.open(pdf) as opened:
        pages = len(opened.pages)
    return {"wall": hours * 3600 + minutes * 60 + seconds, "cpu": sum(cpu),
            "rss_mib": int(rss[1]) / 1024,
            "pages": pages, "mib": pdf.stat().st_size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print("| articles | layout | pages | wall s | CPU s | peak RSS MiB | file MiB |")
    print("|---|---|---|---|---|---|---|")
    for articles in args.articles:
        with tempfile.TemporaryDirectory() as tmp:
            config = make_corpus(articles, Path(tmp) / "corpus")
            results: dict[bool, list[dict[str, float]]] = {False: [], True: []}
            for _ in range(args.repeat):
                for chunked in (False, True):  # alternately
                    out = Path(tmp) / f"out-{int(chunked)}"
                    results[chunked].append(run(config, out, chunked))
            for chunked, runs in results.items():
                print(f"| {articles} | {'chunked' if chunked else 'whole'} | "
                      f"{runs[0]['pages']:.0f} | "
                      f"{statistics.median(r['wall'] for r in runs):.1f} | "
                      f"{statistics.median(r['cpu'] for r in runs):.1f} | "
                      f"{statistics.median(r['rss_mib'] for r in runs):.0f} | "
                      f"{runs[0]['mib']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
