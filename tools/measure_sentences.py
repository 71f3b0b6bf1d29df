"""Measure the sentence splitter on Universal Dependencies treebanks (gold boundaries).

    python tools/measure_sentences.py LANG FILE.conllu [LANG FILE.conllu ...]

Each file's ``# text =`` sentences are joined five at a time into paragraphs (by a space; by
nothing in Chinese and Japanese); a gold boundary is a join. Prints, per file: the gold
boundaries, those after a sentence-final mark (the ones a splitter can see), the boundaries
found right, the false splits, and the visible boundaries missed. Write rules from a dev set,
measure on the test set.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from peptidebook.sentences import sentence_spans

ENDS = re.compile(r"[.!?。！？…؟][\"'”’»)\]」』）]*$")
GROUP = 5


def measure(language: str, path: Path) -> tuple[int, int, int, int, int]:
    sentences = [line[9:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    joiner = "" if language.split("-")[0] in {"zh", "ja"} else " "
    gold_n = ended_n = right = wrong = missed = 0
    for first in range(0, len(sentences), GROUP):
        group = sentences[first : first + GROUP]
        text, joins, at = joiner.join(group), [], 0
        for sentence in group[:-1]:
            at += len(sentence)
            joins.append((at, bool(ENDS.search(sentence))))
            at += len(joiner)
        found = {end for _start, end in sentence_spans(text, language)[:-1]}
        gold = {at for at, _ in joins}
        ended = {at for at, ends in joins if ends}
        gold_n, ended_n = gold_n + len(gold), ended_n + len(ended)
        right, wrong = right + len(found & gold), wrong + len(found - gold)
        missed += len(ended - found)
    return gold_n, ended_n, right, wrong, missed


def main(args: list[str]) -> int:
    if not args or len(args) % 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print(f"{'language':9}{'gold':>7}{'visible':>9}{'right':>7}{'false':>7}{'missed':>8}  file")
    for language, name in zip(args[::2], args[1::2], strict=True):
        gold, ended, right, wrong, missed = measure(language, Path(name))
        print(f"{language:9}{gold:>7}{ended:>9}{right:>7}{wrong:>7}{missed:>8}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
