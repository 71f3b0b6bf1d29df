"""Linear time: whatever a source holds, the regular expressions the readers and cleaning passes
run over its text, and the passes themselves, do work proportional to its length (issue #10,
item 6: the citation pattern took 191 s on a 50 KB capitalised word).

No single check sees all the work, so there are three:

* **Every pattern, by counting** (unit). Each regular expression of ``peptidebook.cleaning``
  and ``readers.text`` — every compiled one the modules hold, found by walking them, and every
  literal one their functions pass to ``re`` (found in their source) — runs in the step-counting
  model of ``tests/backtracking.py`` over pathological texts of 200 and 800 characters: runs and
  pairs of the characters its own classes accept, its own words repeated, and the shapes of the
  issue (a capitalised word, initials, DOIs run together). A linear search does 4 times the
  steps on 4 times the text, a quadratic one 16 times: the check fails past 6. The counts are
  exact, the same on any machine however loaded; the model is checked to find exactly the
  matches ``re`` finds on those texts.
* **Every pass, on the issue's input** (unit): a 50 KB capitalised word, and a few other
  shapes, through each reader and pass under a CPU-time watchdog (the old code took minutes).
* **Every pass, on 1 MiB, by the clock** (integration, about a minute): the plain-text reader
  and each cleaning pass, in the build's order, over 256 KiB and 1 MiB of each pathological
  shape; the larger must not take more than 8 times the CPU time of the smaller (linear: 4,
  quadratic: 16). This sees what counting patterns cannot: Python code that slices or reads the
  text again for every sentence. The garbage collector is off while timing (its passes grow
  with the number of live objects and would blur the ratio), the smaller size is timed twice
  (the faster counts), and a watchdog fails a run that would hang.
"""

from __future__ import annotations

import ast
import dataclasses
import gc
import importlib
import inspect
import itertools
import pkgutil
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from types import FrameType, ModuleType
from typing import Any

import pytest

import peptidebook.cleaning
from peptidebook.cleaning import PASSES
from peptidebook.diagnostics import Report
from peptidebook.model import Article, Source
from peptidebook.readers.text import parse_text

from .backtracking import CHAR, LOOK, Counter, Program, TooMuchWork, compile_pattern

# --------------------------------------------------------------------------- the patterns

#: The modules whose patterns run over a source's text.
MODULES = sorted(
    {info.name for info in pkgutil.walk_packages(peptidebook.cleaning.__path__,
                                                  "peptidebook.cleaning.")}
    | {"peptidebook.cleaning", "peptidebook.readers.text", "peptidebook.names",
       "peptidebook.sentences"}
)
#: ``re`` functions that take a pattern first.
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
                "finditer"}


def _held(value: object, name: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The compiled patterns ``value`` holds (in tuples, lists and dataclasses)."""
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _held(item, f"{name}[{i}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _held(getattr(value, field.name), f"{name}.{field.name}")


def _module_patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    short = module.__name__.removeprefix("peptidebook.")
    for name, value in vars(module).items():
        yield from _held(value, f"{short}.{name}")


def _literal_patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns a module's functions pass to ``re`` as literals."""
    tree = ast.parse(inspect.getsource(module))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for call in ast.walk(function):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and isinstance(call.func.value, ast.Name) and call.func.value.id == "re"
                    and call.func.attr in RE_FUNCTIONS):
                first = call.args[0] if call.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{module.__name__}.{function.name}: re.{call.func.attr} with a pattern "
                    "this test cannot see (make it a literal or a module-level constant)")
                yield f"{module.__name__}.{function.name}: {first.value}", re.compile(first.value)


def _all_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    seen: set[tuple[str, int]] = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, pattern in (*_module_patterns(module), *_literal_patterns(module)):
            if (pattern.pattern, pattern.flags) not in seen:  # imported names appear again
                seen.add((pattern.pattern, pattern.flags))
                found[name] = pattern
    return found


PATTERNS = _all_patterns()

# --------------------------------------------------------------------------- pathological texts

#: Characters tried against each class of a pattern (letters, digits, spaces, punctuation,
#: quotes and dashes of the sources, a non-breaking space).
ALPHABET = "Aa1 .,;:-'’\"“”()[]|/&%$\n_µ–∞=<>?!\\@#*+~é\u00a0"
#: What tells a class from a literal character: a literal accepts one of these.
PROBE = [chr(i) for i in range(32, 127)] + list("’“”–µ∞é\u00a0\n")


def _shapes(n: int) -> dict[str, str]:
    """The issue's shapes, ``n`` characters long (or about)."""
    return {
        "capitals": "A" * n,
        "capitalised word": "A" + "a" * (n - 1),
        "initials": ("A. " * n)[:n],
        "short lines": ("a\n" * n)[:n],
        "names and commas": ("Aa, " * n)[:n],
        "et al.": ("Aa et al. " * n)[:n],
        "stops before lower case": ("a. " * n)[:n],
        "years": ("2005 " * n)[:n],
        "DOIs run together": ("10.1234/" * n)[:n] + '"',
        "addresses run together": ("https://a" * n)[:n] + "<",
    }


def _accepted(program: Program) -> list[tuple[list[str], bool]]:
    """For each character instruction of ``program`` (look-arounds included), up to 4 of the
    characters of :data:`ALPHABET` it accepts (or the first other one; none if it accepts
    nothing), and whether it is a class (not one literal character)."""
    out: list[tuple[list[str], bool]] = []
    for instruction in program.code:
        if instruction[0] == CHAR:
            accepts = instruction[1].__getitem__
            chars = [c for c in ALPHABET if accepts(c)][:4]
            if not chars:
                other = next((chr(i) for i in range(0x110000) if accepts(chr(i))), None)
                chars = [other] if other is not None else []
            if chars:
                out.append((chars, sum(map(accepts, PROBE)) > 1))
        elif instruction[0] == LOOK:
            out.extend(_accepted(instruction[1]))
    return out


def _words(pattern: re.Pattern[str]) -> list[str]:
    """The runs of literal characters in ``pattern`` ("et", "al", "studies")."""
    found: list[str] = []

    def walk(items: Any) -> None:
        run = ""
        for op, av in items:
            if op is sre_constants.LITERAL:
                run += chr(av)
                continue
            if len(run) > 1:
                found.append(run)
            run = ""
            if op is sre_constants.BRANCH:
                for alternative in av[1]:
                    walk(alternative)
            elif op is sre_constants.SUBPATTERN:
                walk(av[3])
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                        sre_constants.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1])
            elif op is sre_constants.ATOMIC_GROUP:
                walk(av)
        if len(run) > 1:
            found.append(run)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return list(dict.fromkeys(found))


def pathological(pattern: re.Pattern[str], program: Program, n: int) -> dict[str, str]:
    """Texts of ``n`` characters that make a backtracking search of ``pattern`` work hardest:
    the issue's shapes, a run of each character a class of the pattern accepts, pairs of them
    (within a class, and of neighbouring classes), windows of 3 and 4 neighbouring classes, and
    each literal word of the pattern repeated."""
    texts = _shapes(n)
    accepted = _accepted(program)
    classes = [chars for chars, _ in accepted]
    for chars in classes:
        for c in chars:
            texts.setdefault(f"run of {c!r}", c * n)
        for c in chars[1:]:
            texts.setdefault(f"pair {chars[0] + c!r}", ((chars[0] + c) * n)[:n])
    for one, two in itertools.pairwise(classes):
        if one[0] != two[0]:
            texts.setdefault(f"pair {one[0] + two[0]!r}", ((one[0] + two[0]) * n)[:n])
    for k in (3, 4):
        for i in range(len(accepted) - k + 1):
            window = accepted[i : i + k]
            if not any(is_class for _, is_class in window):
                continue  # a piece of a literal word: the words below cover it
            piece = "".join(chars[0] for chars, _ in window)
            texts.setdefault(f"run of {piece!r}", (piece * n)[:n])
    words = _words(pattern)
    for word in words:
        texts.setdefault(f"word {word!r}", ((word + " ") * n)[:n])
    if len(words) > 1:
        texts.setdefault("all its words", (" ".join(words) * (n // len(words) + 1))[:n])
    return texts


def _largest_bound(pattern: re.Pattern[str]) -> int:
    """The largest finite bound of a repeat in ``pattern`` (``{4,9}``: 9)."""
    bounds = [0]

    def walk(items: Any) -> None:
        for op, av in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                      sre_constants.POSSESSIVE_REPEAT):
                if av[1] != sre_constants.MAXREPEAT:
                    bounds.append(av[1])
                walk(av[2])
            elif op is sre_constants.BRANCH:
                for alternative in av[1]:
                    walk(alternative)
            elif op is sre_constants.SUBPATTERN:
                walk(av[3])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1])
            elif op is sre_constants.ATOMIC_GROUP:
                walk(av)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return max(bounds)


def _count(program: Program, text: str, limit: int) -> tuple[int | None, list[tuple[int, int]]]:
    """The steps of a full search of ``text`` (None past ``limit``) and the matches found."""
    counter = Counter(limit=limit)
    spans: list[tuple[int, int]] = []
    try:
        spans.extend(program.finditer(text, counter))
    except TooMuchWork:
        return None, spans
    return (counter.steps if counter.steps <= limit else None), spans


#: The text lengths counted: at least twice the largest bound of the pattern, so that a bounded
#: repeat (a DOI of up to 300 characters) shows as the constant it is.
BASE_LENGTH = 200
#: Four times the text may cost at most this many times the steps (linear: 4, quadratic: 16).
MAX_GROWTH = 6


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_searches_in_linear_time(name: str) -> None:
    pattern = PATTERNS[name]
    program = compile_pattern(pattern)
    n = max(BASE_LENGTH, 2 * _largest_bound(pattern))
    small, large = pathological(pattern, program, n), pathological(pattern, program, 4 * n)
    for shape, text in small.items():
        steps, spans = _count(program, text, limit=2000 * n)
        assert steps is not None, f"{shape}: more than 2,000 steps a character"
        assert spans == [m.span() for m in pattern.finditer(text)], f"{shape}: model ≠ re"
        grown, _ = _count(program, large[shape], limit=MAX_GROWTH * steps + 1000)
        assert grown is not None, (
            f"{shape}: 4 times the text took more than {MAX_GROWTH} times the steps ({steps:,} "
            f"steps on {len(text):,} characters): the search is not linear")


def test_the_patterns_are_all_found() -> None:
    # The walk sees the rule tables (tuples, dataclasses) and the literals in functions.
    names = " ".join(PATTERNS)
    for expected in ("works.CITATION_PATTERNS[3][1]", "studies.TRIGGERS[8].pattern",
                     "glossary._detect.MARKER", "text._TABLE_RULE", "names._NON_WORD"):
        assert expected in names
    assert len(PATTERNS) > 80


# --------------------------------------------------------------------------- the passes


class Hang(Exception):
    pass


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Fail, instead of hanging, when the block takes more than ``seconds`` of CPU time (``re``
    checks for signals while it matches)."""

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _read(text: str) -> Article:
    blocks = parse_text(text, report=Report(), where="t.txt")
    return Article(title="T", slug="t", blocks=blocks, source=Source("text", "t.txt"))


def _steps() -> list[tuple[str, Callable[[Article], Article]]]:
    """Each cleaning pass, in the build's order, reporting to a report of its own."""

    def quiet(step: Callable[[Article, Report], Article]) -> Callable[[Article], Article]:
        return lambda article: step(article, Report())

    return [(name, quiet(step)) for name, step in PASSES]


#: The texts fed whole to the reader and the passes; ``n`` characters (about).
def source_shapes(n: int) -> dict[str, str]:
    return {
        **_shapes(n),
        "digits": "1" * n,
        "brackets": ("([" * n)[:n],
        "pipes": ("| " * n)[:n],
        "spaces": "x" + " " * n + "x",
        "non-breaking spaces": "x" + "\u00a0" * n + "x",
        "full stops": "." * n,
        "hyphenated capitals": ("A-" * n)[:n],
        "headings and sections": ("Heading\nText here.\n\n\n" * n)[:n],
        "dosing sentences": ("Studies show 200 mcg daily. " * n)[:n],
        "citations": ("Smith et al. (2005) found. " * n)[:n],
        "marked tooltips": ("word Meaning ∞ Word is a thing. more " * n)[:n],
        "unmarked tooltips": (("Growth hormone peptides Growth hormone releasing peptides "
                               "stimulate the exogenous hormone. are a class ") * n)[:n],
        "reference list": "Intro.\n\nReferences\n" + (
            "Smith, J. D. (2005). A title. J Med, 90(3), 1-2. https://doi.org/10.1/x\n" * n
        )[:n] + "\nSmith et al. (2005) found it.",
        "pipe table": "a | b | c\n---|---|---\n" + ("| Aa | 1 mg | Smith et al. |\n" * n)[:n],
    }


@pytest.mark.parametrize("shape", ["capitals", "initials", "DOIs run together",
                                   "stops before lower case", "hyphenated capitals"])
def test_the_issues_input_goes_through_every_pass(shape: str) -> None:
    # Issue #10: a 50 KB capitalised word took 191 s in the citation pattern.
    with watchdog(20):
        article = _read(source_shapes(50_000)[shape])
        for _name, step in _steps():
            article = step(article)


def _cpu(run: Callable[[], Article], times: int) -> tuple[float, Article]:
    """The CPU time of ``run`` without the garbage collector (the fastest of ``times`` runs),
    and what it returns."""
    best = float("inf")
    for _ in range(times):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            result = run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best, result


#: Sizes timed: 1 MiB, and a quarter of it.
SMALL, LARGE = 256 * 1024, 1024 * 1024
#: A quarter of the text may take at most this many times less (linear: 4, quadratic: 16).
MAX_TIME_GROWTH = 8
#: Below this much CPU time on 1 MiB, a step is fast whatever its growth (noise dominates).
NEGLIGIBLE = 0.05


@pytest.mark.integration
@pytest.mark.parametrize("shape", sorted(source_shapes(10)))
def test_every_pass_takes_linear_time_on_a_mebibyte(shape: str) -> None:
    timings: dict[str, list[float]] = {}
    for n, times in ((SMALL, 2), (LARGE, 1)):  # noise weighs most on the smaller
        text = source_shapes(n)[shape]
        with watchdog(120):
            seconds, article = _cpu(partial(_read, text), times)
            timings.setdefault("reader", []).append(seconds)
            for name, step in _steps():
                seconds, article = _cpu(partial(step, article), times)
                timings.setdefault(name, []).append(seconds)
    slow = {name: f"{small:.3f} s → {large:.3f} s"
            for name, (small, large) in timings.items()
            if large > NEGLIGIBLE and large > MAX_TIME_GROWTH * small}
    assert not slow, f"4 times the text took more than {MAX_TIME_GROWTH} times as long: {slow}"
