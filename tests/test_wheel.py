"""The installed package builds books: a wheel built from this checkout, installed into a fresh
virtual environment, builds the bundled sample (EPUB and PDF) and a German edition from a folder
that is not the checkout, reading its stylesheets, catalogs and sample from the package itself.

One wheel and one environment serve the module. The first run downloads the build requirements
and the dependencies (pip caches them); after that the module takes about half a minute.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from .conftest import EXAMPLES, LOCALES, PACKAGE, ROOT
from .helpers import EpubFile

pytestmark = pytest.mark.conformance

#: The book languages whose catalogs the wheel must carry, source and compiled.
SHIPPED = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ar", "he", "zh_Hans", "ja")
PIP = ("--disable-pip-version-check", "-q")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    elsewhere: Path  # the working folder of every command: not the checkout

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
        return subprocess.run(args, cwd=self.elsewhere, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def python(self, code: str) -> str:
        done = self.run(str(self.venv / "bin" / "python"), "-c", code)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def peptidebook(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.venv / "bin" / "peptidebook"), *args)


def _checked(done: subprocess.CompletedProcess[str], what: str) -> None:
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"


def _copy_of_the_source(to: Path) -> Path:
    """What the build needs, copied: building in the checkout would leave build/ there, and a
    stale build/lib/ can slip deleted modules into a wheel. No .mo: the build must make them."""
    source = _mkdir(to / "source")
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns(
        "__pycache__", "*.pyc", "*.egg-info", "*.mo"))
    return source


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    source, dist = _copy_of_the_source(tmp), tmp / "dist"
    _checked(subprocess.run([sys.executable, "-m", "pip", "wheel", *PIP, "--no-deps", "-w",
                             str(dist), str(source)], capture_output=True, text=True,
                            timeout=600, check=False), "pip wheel")
    (wheel,) = dist.glob("peptidebook-*.whl")
    venv = tmp / "venv"
    _checked(subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True,
                            text=True, timeout=300, check=False), "python -m venv")
    elsewhere = _mkdir(tmp / "elsewhere")
    result = Installed(wheel, venv, elsewhere)
    _checked(result.run(str(venv / "bin" / "python"), "-m", "pip", "install", *PIP, str(wheel),
                        timeout=900), "pip install")
    return result


def _sample_sources() -> list[str]:
    with (EXAMPLES / "book.toml").open("rb") as fh:
        return [str(source["path"]) for source in tomllib.load(fh)["sources"]]


def test_the_wheel_carries_styles_catalogs_and_the_sample(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    wanted: list[str] = [f"peptidebook/styles/{css.name}" for css in PACKAGE.glob("styles/*.css")]
    assert len(wanted) >= 5
    wanted.append("peptidebook/locales/peptidebook.pot")
    for lang in SHIPPED:
        wanted += [f"peptidebook/locales/{lang}/LC_MESSAGES/peptidebook.{ext}"
                   for ext in ("po", "mo")]
    wanted += [f"peptidebook/sample/{name}" for name in ("book.toml", *_sample_sources())]
    wanted.append("peptidebook/py.typed")
    assert sorted(set(wanted) - names) == []
    assert {n.split("/")[2] for n in names if n.endswith(".po")} == set(SHIPPED)
    assert not {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/*.po")} - set(SHIPPED)


def test_the_installed_package_reads_its_own_files(installed: Installed) -> None:
    where, version, sample, mo_current = installed.python(
        "import peptidebook; from peptidebook.build import sample_config_path\n"
        "from peptidebook.i18n import _is_current, locales_dir\n"
        "folder = locales_dir() / 'de' / 'LC_MESSAGES'\n"
        "print(peptidebook.__file__, peptidebook.__version__, sample_config_path(),\n"
        "      _is_current(folder / 'peptidebook.mo', folder / 'peptidebook.po'), sep='\\n')"
    ).splitlines()
    site = installed.venv.resolve()
    assert Path(where).resolve().is_relative_to(site)
    with (ROOT / "pyproject.toml").open("rb") as fh:
        assert version == tomllib.load(fh)["project"]["version"]
    assert Path(sample).resolve().is_relative_to(site) and Path(sample).is_file()
    assert mo_current == "True", "the installed .mo should be used, not the .po recompiled"


def _sample_config(installed: Installed) -> str:
    return installed.python("from peptidebook.build import sample_config_path\n"
                            "print(sample_config_path())")


def _build(installed: Installed, out: str, formats: str,
           extra: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    done = installed.peptidebook("build", "--config", _sample_config(installed), "--output", out,
                                 "--format", formats, *extra)
    _checked(done, f"peptidebook build {' '.join(extra)}")
    assert "Traceback" not in done.stderr and "FileNotFoundError" not in done.stderr
    return done


def test_the_installed_command_builds_the_sample_from_another_folder(
        installed: Installed) -> None:
    _build(installed, "out", "epub,pdf")
    out = installed.elsewhere / "out"
    (epub,) = out.glob("*.epub")
    (pdf,) = out.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert EpubFile(epub).opf("string(//dc:language)") == "en"


def test_the_installed_command_builds_a_german_edition(installed: Installed) -> None:
    done = _build(installed, "out-de", "epub", ["--lang", "de"])
    assert "no-translation" not in done.stderr, done.stderr
    (path,) = (installed.elsewhere / "out-de").glob("*.epub")
    epub = EpubFile(path)
    assert epub.opf("string(//dc:language)") == "de"
    nav = epub.opf("string(//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]/@href)")
    toc_title = epub.doc(nav, "normalize-space(//x:nav[@epub:type='toc']/x:h1)")
    text = " ".join(etree.tostring(epub.tree(epub.root + nav), method="text",
                                   encoding="unicode").split())
    assert toc_title == "Inhalt"  # the de catalog's "Contents"
    assert "Contents" not in text
    assert "Peptide, genau gelesen" in text  # the title book.toml gives the German edition


def test_the_installed_sample_command(installed: Installed) -> None:
    done = installed.peptidebook("sample", "-o", "out-sample", "-q")
    _checked(done, "peptidebook sample")
    assert done.stderr == ""
    (epub,) = (installed.elsewhere / "out-sample").glob("*.epub")
    assert EpubFile(epub).opf("string(//dc:title)") == "Peptides, Read Closely"


def test_build_in_a_folder_with_its_book_toml(installed: Installed) -> None:
    """``peptidebook build`` with no argument, in a folder a user made with a book.toml."""
    folder = _mkdir(installed.elsewhere / "mybook")
    for name in _sample_sources()[:2]:
        shutil.copy(EXAMPLES / name, folder / name)
    sources = "".join(f'[[sources]]\npath = "{name}"\n' for name in _sample_sources()[:2])
    (folder / "book.toml").write_text(f'title = "My own book"\n{sources}', encoding="utf-8")
    done = subprocess.run([str(installed.venv / "bin" / "peptidebook"), "build"], cwd=folder,
                          capture_output=True, text=True, timeout=600, check=False)
    _checked(done, "peptidebook build in mybook/")
    assert "Traceback" not in done.stderr
    (epub,) = (folder / "output").glob("*.epub")
    assert EpubFile(epub).opf("string(//dc:title)") == "My own book"


def test_build_in_an_empty_folder_says_what_to_do(installed: Installed) -> None:
    folder = _mkdir(installed.elsewhere / "empty")
    done = subprocess.run([str(installed.venv / "bin" / "peptidebook"), "build"], cwd=folder,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("peptidebook: error: no book.toml in this folder")
    assert "peptidebook init" in line and "peptidebook sample" in line
    assert not any(folder.iterdir())
