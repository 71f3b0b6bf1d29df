"""End to end, in every shipped language: the sample book built as EPUB and PDF, checked by the
real checkers, its own text free of English, its passages marked with their language in both
formats, right-to-left books mirrored, and every script drawn with an embedded Noto face.

All twelve books are built once for the module (two at a time, by the command line, the way a
user builds them), and the checkers run on them as they come (CI has two cores: about four
minutes for the whole module).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from babel.messages.pofile import read_po
from lxml import etree
from pikepdf import Array, Dictionary

from peptidebook.config import load_config
from peptidebook.diagnostics import Report

from .conftest import EXAMPLES, LOCALES, ROOT
from .helpers import NS, EpubFile, forms

pytestmark = pytest.mark.conformance

TOOLS = ROOT.parent / "shared" / "tools"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ar", "he", "zh-Hans", "ja")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Built:
    lang: str
    epub: Path
    pdf: Path
    check_epub: subprocess.CompletedProcess[str]
    check_pdf: subprocess.CompletedProcess[str]
    epub_report: dict[str, object]


def _summary(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else done.stderr.strip()


def _build_and_check(lang: str, out: Path) -> Built:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    folder = out / lang
    done = subprocess.run(
        [sys.executable, "-m", "peptidebook", "sample", "--lang", lang, "--format", "epub,pdf",
         "--output", str(folder), "--quiet"],
        capture_output=True, text=True, timeout=900, check=False, env=env)
    assert done.returncode == 0, f"build --lang {lang} failed:\n{done.stderr}"
    epub = next(folder.glob("*.epub"))
    pdf = next(folder.glob("*.pdf"))
    report = folder / "check-epub.json"
    check_epub = subprocess.run([str(TOOLS / "check-epub"), str(epub), "--json", str(report)],
                                capture_output=True, text=True, timeout=1800, check=False)
    check_pdf = subprocess.run([str(TOOLS / "check-pdf"), str(pdf)],
                               capture_output=True, text=True, timeout=1800, check=False)
    epub_report = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return Built(lang, epub, pdf, check_epub, check_pdf, epub_report)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    assert (TOOLS / "check-epub").exists(), f"{TOOLS} is missing: ../shared must sit beside"
    out = tmp_path_factory.mktemp("languages")
    with ThreadPoolExecutor(max_workers=2) as pool:
        built = list(pool.map(lambda lang: _build_and_check(lang, out), LANGUAGES))
    return {b.lang: b for b in built}


# ------------------------------------------------------------------------------ checkers


@pytest.mark.checker
@pytest.mark.parametrize("lang", LANGUAGES)
def test_epub_passes_epubcheck_and_ace(books: dict[str, Built], lang: str) -> None:
    done = books[lang].check_epub
    assert done.returncode == 0, f"check-epub ({lang}):\n{done.stdout}\n{done.stderr}"
    assert _summary(done) == "8 passed, 0 failed"
    assert books[lang].epub_report["passed"] == 8


@pytest.mark.checker
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_passes_check_pdf(books: dict[str, Built], lang: str) -> None:
    done = books[lang].check_pdf
    assert done.returncode == 0, f"check-pdf ({lang}):\n{done.stdout}\n{done.stderr}"
    assert _summary(done).endswith(" 0 failed")


# ------------------------------------------------------------------------------ no English


def _words(text: str) -> set[str]:
    text = re.sub(r"\S+\.\S+", " ", text)  # addresses and host names are not words
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def _catalog_words(lang: str) -> tuple[set[str], set[str]]:
    """English words of the book's own strings, and the words of their translation."""
    name = lang.replace("-", "_")
    with (LOCALES / name / "LC_MESSAGES" / "peptidebook.po").open("rb") as fh:
        catalog = read_po(fh)
    english: set[str] = set()
    translated: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        for s in forms(message.id):
            english |= _words(re.sub(r"\{\w+\}", " ", s))
        for s in forms(message.string):
            translated |= _words(s)
    return english, translated


#: Names that are the same in every language: standards, tools, the product.
NAMES = {"epub", "wcag", "daisy", "epubcheck", "accessibility", "peptidebook", "level"}


def _own_text(tree: etree._Element, book_lang: str) -> str:
    """The text of ``tree`` outside every element marked with another language."""
    base = book_lang.split("-", maxsplit=1)[0].lower()

    def walk(el: etree._Element) -> Iterator[str]:
        lang = el.get("lang") or el.get(XML_LANG)
        if lang and lang.split("-")[0].lower() != base:
            if el.tail:
                yield el.tail
            return
        if el.text:
            yield el.text
        for child in el:
            if isinstance(child.tag, str):
                yield from walk(child)
            elif child.tail:
                yield child.tail
        if el.tail:
            yield el.tail

    body = tree.find(".//{http://www.w3.org/1999/xhtml}body")
    return " ".join(walk(body if body is not None else tree))


def _edition_words(lang: str) -> set[str]:
    """The words of the title page book.toml gives this language ("Peptide" is German)."""
    config = load_config(EXAMPLES / "book.toml", Report())
    edition = config.edition(lang)
    return _words(f"{edition.title or ''} {edition.subtitle or ''}")


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_book_s_own_text_has_no_english(books: dict[str, Built], lang: str) -> None:
    english, translated = _catalog_words(lang)
    suspicious = english - translated - _edition_words(lang) - NAMES
    epub = EpubFile(books[lang].epub)
    own: list[str] = []
    for href in ("text/titlepage.xhtml", "text/preface.xhtml", "text/nav.xhtml",
                 "text/glossary.xhtml", "text/references.xhtml"):
        own.append(_own_text(epub.tree(epub.root + href), lang))
    own += [str(x) for x in epub.opf(
        "//opf:meta[@property='schema:accessibilitySummary']/text()")]
    own += [str(x) for x in epub.opf("//dc:title/text()")]
    leaked = _words(" ".join(own)) & suspicious
    assert not leaked, f"English in the {lang} book's own text: {sorted(leaked)}"


def test_the_english_vocabulary_would_be_caught() -> None:
    english, translated = _catalog_words("de")
    assert {"references", "glossary", "contents", "published"} <= english - translated


# ------------------------------------------------------------------------------ languages


def test_articles_in_another_language_are_marked_in_the_epub(books: dict[str, Built]) -> None:
    epub = EpubFile(books["de"].epub)
    chapter = "text/ch01-sermorelin-skin-health-anti-aging.xhtml"
    assert epub.doc(chapter, "string(/x:html/@lang)") == "de"
    assert epub.doc(chapter, "//x:section[@epub:type='chapter']/@lang") == ["en"]
    assert epub.doc(chapter, "//x:section[@epub:type='chapter']/@xml:lang") == ["en"]
    # The byline and the "Frequently asked questions" heading are the book's own text.
    assert set(epub.doc(chapter, "//x:p[@class='byline']/@lang")) == {"de"}
    assert epub.doc(chapter, "//x:section[@class='faq']/x:h2/@lang") == ["de"]
    # The preface quotes the English titles as English.
    assert len(epub.doc("text/preface.xhtml", "//x:em/x:span[@lang='en']")) == 3
    # The package lists both languages, the book's first (EPUB 3.3 §5.5.3.2.2).
    assert epub.opf("//dc:language/text()") == ["de", "en"]
    # The contents name the English chapters as English.
    assert "en" in epub.doc("text/nav.xhtml", "//x:nav[@id='toc']//x:a/@lang")


def _struct_langs(pdf: pikepdf.Pdf) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    root = pdf.Root.StructTreeRoot
    stack: list[object] = list(root.K) if isinstance(root.K, Array) else [root.K]
    while stack:
        node = stack.pop()
        if isinstance(node, Dictionary) and "/S" in node:
            if "/Lang" in node:
                key = (str(node.S), str(node.Lang))
                found[key] = found.get(key, 0) + 1
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, Array) else [kids])
    return found


def test_articles_in_another_language_are_marked_in_the_pdf(books: dict[str, Built]) -> None:
    with pikepdf.open(books["de"].pdf) as pdf:
        assert str(pdf.Root.Lang) == "de"
        langs = _struct_langs(pdf)
    assert langs.get(("/Sect", "en"), 0) >= 3  # every article chapter, on every page
    assert langs.get(("/P", "de"), 0) >= 3  # the bylines inside them
    assert langs.get(("/H2", "de"), 0) >= 1  # "Häufig gestellte Fragen"
    assert langs.get(("/Span", "en"), 0) >= 3  # the titles the preface quotes
    assert langs.get(("/Link", "en"), 0) >= 3  # the printed contents' English entries


def test_an_english_book_of_english_articles_marks_nothing(books: dict[str, Built]) -> None:
    with pikepdf.open(books["en"].pdf) as pdf:
        assert _struct_langs(pdf) == {}
    epub = EpubFile(books["en"].epub)
    assert epub.doc("text/ch01-sermorelin-skin-health-anti-aging.xhtml",
                    "//x:section/@lang") == []


# ------------------------------------------------------------------------------ right to left


@pytest.mark.parametrize("lang", ["ar", "he"])
def test_right_to_left_books(books: dict[str, Built], lang: str) -> None:
    epub = EpubFile(books[lang].epub)
    assert epub.opf("string(//opf:spine/@page-progression-direction)") == "rtl"
    assert epub.opf("string(/opf:package/@dir)") == "rtl"
    for href in epub.spine_hrefs():
        assert epub.doc(href, "string(/x:html/@dir)") == "rtl", href
    chapter = "text/ch01-sermorelin-skin-health-anti-aging.xhtml"
    # The English chapter reads left to right, its Arabic/Hebrew byline right to left.
    assert epub.doc(chapter, "//x:section[@epub:type='chapter']/@dir") == ["ltr"]
    assert set(epub.doc(chapter, "//x:p[@class='byline']/@dir")) == {"rtl"}
    # Addresses and Latin titles inside right-to-left text are isolated left to right.
    assert set(epub.doc("text/references.xhtml", "//x:a[@class='external']/@dir")) == {"ltr"}
    assert set(epub.doc("text/preface.xhtml", "//x:span[@lang='en']/@dir")) == {"ltr"}


def test_right_to_left_print_edition_starts_on_a_left_page(books: dict[str, Built]) -> None:
    """Mirrored layout: the running header's book title sits at the right of the page (one
    that is not a chapter's first: those carry no running header)."""
    with pikepdf.open(books["ar"].pdf) as pdf:
        numbers: dict[Any, int] = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            destinations: list[Any] = [item.destination for item in outline.root]
        openings = {numbers[destination[0].objgen] for destination in destinations}
        pages = [n for n in range(2, len(pdf.pages) + 1) if n not in openings]
        width = float(pdf.pages[pages[0] - 1].mediabox[2])
    # The first such page whose head shows both titles: the book's (Arabic) and an article's
    # (in Latin letters); a second page of the contents has no chapter title of its own.
    arabic: list[float] = []
    latin: list[float] = []
    for page in pages:
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox",
                               str(books["ar"].pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', text)
        top = min(float(y) for _x, y, _w in words)
        header = [(float(x), w) for x, y, w in words if float(y) <= top + 8]  # header's band
        arabic = [x for x, w in header if re.search("[\u0600-\u06ff]", w)]
        latin = [x for x, w in header if re.search("[A-Za-z]", w)]
        if arabic and latin:
            break
    assert arabic and latin
    # Book title right, chapter title left (a long chapter title may reach past the middle).
    assert min(arabic) > max(latin) and max(arabic) > width / 2 > min(latin)


# ------------------------------------------------------------------------------ fonts


@pytest.mark.parametrize(("lang", "face"), [
    ("ar", "NotoNaskhArabic"), ("he", "NotoSerifHebrew"), ("ja", "NotoSerifCJKjp"),
    ("zh-Hans", "NotoSerifCJKsc"), ("ja", "NotoSansCJKjp"), ("de", "NotoSerif"),
])
def test_each_script_is_drawn_with_its_embedded_noto_face(books: dict[str, Built], lang: str,
                                                          face: str) -> None:
    names: set[str] = set()
    embedded = True
    with pikepdf.open(books[lang].pdf) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", Dictionary()).values():
                names.add(str(font.get("/BaseFont", "")).split("+")[-1])
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.get("/FontDescriptor")
                embedded &= isinstance(descriptor, Dictionary) and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert embedded
    assert any(n.replace("-", "").lower().startswith(face.lower()) for n in names), sorted(names)


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "عن هذا الكتاب"), ("he", "על הספר"), ("ja", "本書について"), ("zh-Hans", "关于本书"),
    ("pl", "O tej książce"),
])
def test_the_printed_text_extracts_as_written(books: dict[str, Built], lang: str,
                                              expected: str) -> None:
    """Every glyph maps back to its character (no tofu, no missing ToUnicode): the preface,
    after the title page and the printed contents."""
    text = subprocess.run(["pdftotext", "-f", "3", "-l", "5", str(books[lang].pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert expected in text
    assert "\ufffd" not in text


def test_a_zipped_epub_is_named_for_its_edition(books: dict[str, Built]) -> None:
    assert books["en"].epub.name == "peptides-read-closely.epub"
    assert books["ja"].epub.name == "peptides-read-closely-ja.epub"
    with zipfile.ZipFile(books["ja"].epub) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    assert opf.xpath("string(//dc:title)", namespaces=NS) == "ペプチドを精読する"
