"""Handouts: each of the Edition's handouts printed as a PDF/UA-1 file (what a handout says
is assembly's: tests/assembly/test_handouts.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from peptidebook.build import BuildResult
from peptidebook.errors import OutputError
from peptidebook.model import Chapter, Handout, Text
from peptidebook.writers.pdf.handouts import handout_paths

from ..conftest import HANDOUTS, check_pdf

pytestmark = pytest.mark.integration


def handout(full_build: BuildResult, slug: str) -> Path:
    return next(p for p in full_build.outputs if p.parent.name == "handouts" and p.stem == slug)


def text_of(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return " ".join(done.stdout.split())


def test_one_handout_per_article(full_build: BuildResult) -> None:
    names = sorted(p.stem for p in full_build.outputs if p.parent.name == "handouts")
    assert names == sorted(HANDOUTS)


@pytest.mark.checker
@pytest.mark.parametrize("slug", HANDOUTS)
def test_handout_passes_check_pdf(full_build: BuildResult, slug: str, tmp_path: Path) -> None:
    result = check_pdf(handout(full_build, slug), tmp_path)
    assert result["failed"] == 0


@pytest.mark.parametrize("slug", HANDOUTS)
def test_handout_has_caveat_article_and_sources(full_build: BuildResult, slug: str) -> None:
    text = text_of(handout(full_build, slug))
    caveat = text.index("Reproduced as published.")
    assert "has been checked" in text and "Not medical advice." in text
    assert text.index("Source and references") > caveat
    assert "Retrieved:" in text  # the dates: published / retrieved, from the references part


@pytest.mark.parametrize("slug", HANDOUTS)
def test_handout_links_stay_inside_the_handout(full_build: BuildResult, slug: str) -> None:
    with pikepdf.open(handout(full_build, slug)) as pdf:
        # /Dests is a name tree (PDF 1.7 §7.9.6): read its names, not its dictionary keys.
        names = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys()) \
            if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names else set()
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if "/Dest" in annot:
                    assert str(annot.Dest) in names


def test_handout_title_and_language(full_build: BuildResult) -> None:
    with pikepdf.open(handout(full_build, "combining-gh-peptides-and-trt")) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert str(pdf.open_metadata().get("dc:title")).startswith("Combining Growth Hormone")


@pytest.mark.parametrize("names", [
    ("../../escaped",), ("con",), ("a", "a"), ("a b",), ("",), ("A",),
])
def test_handout_names_that_are_no_safe_unique_file_name_are_refused(
        tmp_path: Path, names: tuple[str, ...]) -> None:
    """Assembly names handouts safely and uniquely; an Edition made elsewhere is checked, so
    no handout lands outside its folder or over another's."""
    handouts = [Handout(name, Chapter("article", f"ch0{n}-x", (Text("T"),), ()))
                for n, name in enumerate(names, 1)]
    with pytest.raises(OutputError, match="is not a safe, unique file name"):
        handout_paths(handouts, tmp_path)


def test_handout_paths_are_the_names_in_the_folder(tmp_path: Path) -> None:
    handouts = [Handout(name, Chapter("article", "ch01-x", (Text("T"),), ()))
                for name in ("first", "second")]
    assert handout_paths(handouts, tmp_path) == [tmp_path / "first.pdf", tmp_path / "second.pdf"]
