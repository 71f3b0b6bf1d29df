"""Handouts: one PDF/UA-1 per article, with its caveat, its source and its own references."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from peptidebook.build import BuildResult
from peptidebook.errors import OutputError
from peptidebook.model import Chapter, Text
from peptidebook.writers.handouts import handout_names

from .conftest import HANDOUTS, check_pdf

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


def test_handout_keeps_only_its_own_references(full_build: BuildResult) -> None:
    trt = text_of(handout(full_build, "combining-gh-peptides-and-trt"))
    skin = text_of(handout(full_build, "sermorelin-skin-health-anti-aging"))
    assert "Works cited in" in trt and "Veldhuis" in trt
    assert "Veldhuis" not in skin and "The article gives no list of references." in skin


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


@pytest.mark.parametrize("slug", HANDOUTS)
def test_handout_flags_doses_and_explains_the_flag(full_build: BuildResult, slug: str) -> None:
    """Every sample article states doses: the caveat gives the legend of the shading."""
    unhyphenated = text_of(handout(full_build, slug)).replace("\u2010 ", "")
    assert "Dose amounts are highlighted and underlined in this handout." in unhyphenated


@pytest.mark.parametrize("chapter_ids", [
    ("ch01-../../escaped",), ("ch01-con",), ("ch01-a", "ch02-a"), ("ch01-a b",),
])
def test_chapter_ids_that_give_no_safe_unique_file_name_are_refused(
        tmp_path: Path, chapter_ids: tuple[str, ...]) -> None:
    """Assembly names articles safely and uniquely; an Edition made elsewhere is checked, so
    no handout lands outside its folder or over another's."""
    chapters = [Chapter("article", ident, (Text("T"),), ()) for ident in chapter_ids]
    with pytest.raises(OutputError, match="does not give a safe, unique file name"):
        handout_names(chapters, tmp_path)
