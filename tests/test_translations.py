"""Translated editions: content segments as PO messages, placeholders for inline markup, and
the round trip extract → translate a few segments → build."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po, write_po

from peptidebook.build import BuildResult, build, extract_translations
from peptidebook.cli import main
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Code,
    Emph,
    GlossaryRef,
    Link,
    Paragraph,
    Source,
    Text,
)
from peptidebook.translations import PlaceholderError, decode, encode, segments

from .conftest import EXAMPLES
from .helpers import EpubFile

RUN = (Text("Take "), Emph((Text("sermorelin"),)), Text(" at night; see "),
       Link((Text("the "), GlossaryRef((Text("GHRH"),), "g-ghrh"), Text(" study")),
            "https://example.org/"), Text(" & "), Code("x<y"), Text("."))


def test_inline_markup_becomes_numbered_placeholders() -> None:
    message, nodes = encode(RUN)
    assert message == ("Take <1>sermorelin</1> at night; see <2>the <3>GHRH</3> study</2> "
                       "&amp; <4/>.")
    assert set(nodes) == {1, 2, 3, 4}


def test_a_translation_may_move_placeholders_and_keeps_the_elements() -> None:
    _message, nodes = encode(RUN)
    translated = decode("Nehmen Sie <1>Sermorelin</1> abends &amp; <4/>; siehe <2>die "
                        "<3>GHRH</3>-Studie</2>.", nodes)
    assert translated[1] == Emph((Text("Sermorelin"),))
    link = translated[5]
    assert isinstance(link, Link) and link.href == "https://example.org/"
    assert link.children[1] == GlossaryRef((Text("GHRH"),), "g-ghrh")
    assert translated[3] == Code("x<y")


@pytest.mark.parametrize("message", [
    "Nehmen Sie Sermorelin abends <2>x <3>y</3></2> <4/>",      # <1> missing
    "<1>a</1> <2>b <3>c</2></3> <4/>",                          # crossed
    "<1>a</1> <2>b <3>c</3></2> <4/> <5/>",                     # unknown
    "<1>a</1> <1>b</1> <2><3>c</3></2> <4/>",                   # repeated
    "<1/> <2><3>c</3></2> <4/>",                                # container as atom
])
def test_mismatched_placeholders_are_refused(message: str) -> None:
    _message, nodes = encode(RUN)
    with pytest.raises(PlaceholderError):
        decode(message, nodes)


def _article(*paragraphs: str) -> Article:
    return Article(title="A title", slug="a", lang="en",
                   blocks=tuple(Paragraph((Text(p),)) for p in paragraphs),
                   source=Source("text", "a.txt"))


def test_editing_one_paragraph_changes_only_its_message() -> None:
    before = {(s.context, s.text) for s in segments(_article("One.", "Two.", "Three."))}
    after = {(s.context, s.text) for s in segments(_article("One.", "Two, edited.", "Three."))}
    assert len(before - after) == 1 and len(after - before) == 1
    assert ("Two.") in {t for _c, t in before - after}


# ------------------------------------------------------------------------------ round trip

TITLE = "Sermorelin for Skin Health — Anti-Aging Benefits Explained"
HEADING = "What is sermorelin for skin health?"
CHAPTER = "text/ch01-sermorelin-skin-health-anti-aging.xhtml"


@pytest.fixture(scope="module")
def translated_edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, str]:
    """The sample book in German with three segments of its first article translated, one
    fuzzy entry and one whose source no longer exists."""
    tmp = tmp_path_factory.mktemp("translated")
    pot = extract_translations(config_path=EXAMPLES / "book.toml", output=tmp / "content.pot")
    with pot.open("rb") as fh:
        catalog = read_po(fh, locale="de")
    marked = None
    for message in catalog:
        if message.id == TITLE:
            message.string = "Sermorelin für die Haut — Anti-Aging-Wirkung erklärt"
        elif message.id == HEADING:
            message.string = "Was ist Sermorelin für die Haut?"
        elif marked is None and isinstance(message.id, str) and message.id.startswith("<1>A 2019"):
            marked = message.id
            message.string = ("<1>Eine Studie von 2019 im Journal of Clinical Endocrinology "
                              "&amp; Metabolism fand messbare Verbesserungen.</1> Mehr nicht.")
        elif isinstance(message.id, str) and message.id.startswith("Our team has worked"):
            message.string = "UNGEPRÜFT"
            message.flags.add("fuzzy")
    catalog.add("A paragraph that was edited away.", "Ein gestrichener Absatz.",
                context="sermorelin-skin-health-anti-aging-benefits#000000000000")
    folder = tmp / "translations"
    folder.mkdir()
    with (folder / "de.po").open("wb") as fh:
        write_po(fh, catalog)
    assert marked is not None
    result = build(config_path=EXAMPLES / "book.toml", output_dir=tmp / "out",
                   formats=("epub", "pdf"), language="de", translations=folder,
                   report=Report())
    return result, marked


@pytest.mark.integration
def test_translated_segments_are_printed_in_the_book_s_language(
        translated_edition: tuple[BuildResult, str]) -> None:
    result, _marked = translated_edition
    epub = EpubFile(next(p for p in result.outputs if p.suffix == ".epub"))
    assert epub.doc(CHAPTER, "string(//x:h1)") == \
        "Sermorelin für die Haut — Anti-Aging-Wirkung erklärt"
    heading = epub.doc(CHAPTER, "//x:h2[.='Was ist Sermorelin für die Haut?']")
    assert len(heading) == 1 and heading[0].get("lang") is None
    # The chapter is now German: it carries no lang of its own.
    assert epub.doc(CHAPTER, "//x:section[@epub:type='chapter']/@lang") == []
    # The translated paragraph keeps its inline element (a study mention) around new text.
    assert epub.doc(CHAPTER, "count(//x:p[not(@lang)][contains(., 'Mehr nicht.')])") == 1


@pytest.mark.integration
def test_untranslated_segments_stay_in_the_source_language_and_say_so(
        translated_edition: tuple[BuildResult, str]) -> None:
    result, _marked = translated_edition
    epub = EpubFile(next(p for p in result.outputs if p.suffix == ".epub"))
    assert len(epub.doc(CHAPTER, "//x:p[@lang='en']")) > 5
    assert epub.doc(CHAPTER, "//x:h2[@lang='en']")
    # Untouched articles stay wholly English.
    assert epub.doc("text/ch02-sermorelin-results-muscle-preservation.xhtml",
                    "//x:section[@epub:type='chapter']/@lang") == ["en"]
    # The fuzzy translation is never used.
    assert "UNGEPRÜFT" not in epub.zip.read(epub.root + CHAPTER).decode("utf-8")
    with pikepdf.open(next(p for p in result.outputs if p.suffix == ".pdf")) as pdf:
        langs = {str(e.get("/Lang")) for e in _elements(pdf) if str(e.S) == "/P"}
    assert "en" in langs


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    stack: list[object] = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                out.append(node)
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return out


@pytest.mark.integration
def test_coverage_fuzzy_and_unused_entries_are_reported(
        translated_edition: tuple[BuildResult, str]) -> None:
    result, _marked = translated_edition
    by_code = {d.code: d for d in result.report.diagnostics}
    coverage = [d for d in result.report.diagnostics if d.code == "translation-coverage"]
    assert len(coverage) == 3
    assert coverage[0].message.startswith("3 of ")
    assert coverage[1].message.startswith("0 of ")
    assert by_code["translation-fuzzy"].severity == "warning"
    assert "1 unmatched" in by_code["translation-unused"].message


def test_an_explicit_translations_folder_must_hold_the_language(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]
                                                                ) -> None:
    code = main(["sample", "--lang", "fr", "--translations", str(tmp_path), "--output",
                 str(tmp_path / "out"), "--quiet"])
    assert code == 2
    assert "no content translations for fr" in capsys.readouterr().err


def test_cli_extracts_the_content_template(tmp_path: Path) -> None:
    out = tmp_path / "content.pot"
    assert main(["translations", "extract", "--config", str(EXAMPLES / "book.toml"), "-o",
                 str(out), "--quiet"]) == 0
    with out.open("rb") as fh:
        catalog = read_po(fh)
    contexts = [m.context for m in catalog if m.id]
    assert len(contexts) == len(set(contexts)) > 100
    assert all(c and "#" in c for c in contexts)
