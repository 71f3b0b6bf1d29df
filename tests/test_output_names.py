"""Names we make, never names we are given: whatever slugs and ids the sources hold, the build
writes only inside its output folder, the EPUB only under its package folder, every file name
is ours (safe characters, bounded), every id an XML NCName unique in the book, and no two
articles share a file."""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from peptidebook.build import build
from peptidebook.diagnostics import Report

#: Stands for the book's folder in a slug: an absolute path, but one that lands in the test's
#: temporary folder if it escapes (no absolute path elsewhere: a failing run must not write
#: to the system).
ROOT = "@ROOT@"
#: How deep the book's folder sits in the temporary folder: an escape of up to this many
#: ``..`` from ``out/handouts`` still lands inside, where the test sees it.
DEPTH = 8
#: What a source may name things: escapes, absolute paths, dots, device and reserved names,
#: names of our own ids, controls (NUL aside: JSON and HTML readers drop it first), bidi
#: overrides, line breaks, a thousand characters, names equal but for case.
NASTY = ["../../../../escaped", f"{ROOT}/absolute", f"{ROOT}/../absolute", "..", ".", ".hidden",
         "nav", "con", "NUL", "com1", "toc", "print-toc", "page-1", "ch01", "ch01-x",
         "titlepage", "references-title", "x" * 1000, "-".join(["long"] * 300),
         "line\nbreak", "rtl\u202etxt", "tab\there", "bell\x07", "same", "Same", "SAME",
         "%2e%2e%2fescaped", "caf%C3%A9", "a/b\\c", "trailing.", " spaced ", "", "2019",
         "bad id<", "quote\"d", "ünïcode", "日本語"]
names = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=50),
)

#: Links into the post, to the ids it gives.
FRAGMENTS = ["dup", "bad id<", "ch01-x"]


def post_html(ids: Sequence[str]) -> str:
    """A body whose headings, table and ``<details>`` carry ``ids``, with in-page links."""
    parts = []
    for n, ident in enumerate(ids):
        attr = html.escape(ident, quote=True)
        match n % 3:
            case 0:
                parts.append(f'<h2 id="{attr}">Heading {n}</h2><p>Text.</p>')
            case 1:
                parts.append(f'<table id="{attr}"><tr><th>h</th></tr><tr><td>1</td></tr></table>')
            case _:
                parts.append(f'<details id="{attr}"><summary>Question {n}?</summary>'
                             "<p>Answer.</p></details>")
    links = "".join(f'<a href="#{html.escape(i, quote=True)}">to {n}</a> '
                    for n, i in enumerate([*ids, *FRAGMENTS]))
    return "".join(parts) + f"<p>{links}</p>"


posts = st.lists(
    st.builds(lambda slug, title, ids: (slug, title, ids), names, names,
              st.lists(st.one_of(st.sampled_from(FRAGMENTS), names), max_size=6)),
    min_size=1, max_size=6,
)

FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}\.(?:epub|pdf|xhtml)")
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")


def absolute_inside(slug: str, root: Path) -> str:
    """``slug`` with :data:`ROOT` standing for ``root``; any other absolute path moved under
    ``root`` (it stays absolute, and a failing run writes nothing to the system)."""
    slug = slug.replace(ROOT, str(root))
    return slug if not slug.startswith("/") or slug.startswith(str(root)) else f"{root}{slug}"


def write_source(root: Path, given: list[tuple[str, str, list[str]]]) -> Path:
    source = root / "src" / "posts.json"
    source.parent.mkdir()
    body = [{"id": n, "slug": absolute_inside(slug, root), "title": {"rendered": title},
             "link": "", "content": {"rendered": post_html(ids)}}
            for n, (slug, title, ids) in enumerate(given, 1)]
    source.write_text(json.dumps(body), encoding="utf-8")
    return source


def files_under(root: Path) -> set[Path]:
    return {Path(folder, name) for folder, _dirs, files in os.walk(root) for name in files}


def check_output(root: Path, source: Path, outputs: Sequence[Path], articles: int,
                 handouts: bool) -> None:
    out = root / "out"
    written = files_under(root) - {source}
    # Nothing outside the output folder (an escape would land in root or src/, or past root
    # for the absolute slug, which points into root), nothing left half-written.
    assert all(p.parent in (out, out / "handouts") for p in written), written
    assert written == set(outputs)
    assert all(FILE_NAME.fullmatch(p.name) for p in written), written
    if handouts:  # one handout per article: none overwrote another
        assert len([p for p in written if p.parent.name == "handouts"]) == articles
    (epub_path,) = [p for p in written if p.suffix == ".epub"]
    check_epub(epub_path, articles)


def check_epub(path: Path, articles: int) -> None:
    with zipfile.ZipFile(path) as epub:
        entries = epub.namelist()
        assert len(entries) == len(set(entries))
        for entry in entries:
            parts = PurePosixPath(entry).parts
            assert entry == "mimetype" or parts[0] in ("META-INF", "EPUB"), entry
            assert ".." not in parts and "." not in parts and "\\" not in entry, entry
        documents = [e for e in entries if e.endswith(".xhtml")]
        for entry in documents:
            assert FILE_NAME.fullmatch(PurePosixPath(entry).name), entry
        # Title page, nav, preface, the articles, references (a glossary only if terms).
        assert len([e for e in documents if "/ch" in e]) == articles
        seen: set[str] = set()
        for entry in documents:
            tree = etree.fromstring(epub.read(entry))
            ids = [str(i) for i in tree.xpath("//@id")]
            assert all(NCNAME.fullmatch(i) for i in ids), ids
            # Unique in the document (XML 1.0 §3.3.1) and in the book: the PDF is one document.
            assert not seen & set(ids) and len(ids) == len(set(ids)), ids
            seen.update(ids)
            for href in tree.xpath("//@href | //@src"):
                if ":" in href.split("#")[0] or href.startswith("#"):
                    continue  # an address outside the book, or a fragment of this document
                target = PurePosixPath(entry).parent / href.split("#")[0]
                assert _normal(target) in entries, (entry, href)


def _normal(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            assert parts, path  # never above the container's root
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def run(given: list[tuple[str, str, list[str]]], formats: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, *(["deep"] * DEPTH), "book")
        root.mkdir(parents=True)
        source = write_source(root, given)
        result = build([source], output_dir=root / "out", formats=formats, report=Report(),
                       metadata={"title": ["Hostile names"]})
        check_output(root, source, result.outputs, len(given), "handouts" in formats)
        assert files_under(Path(folder)) == files_under(root)  # nothing beside the book


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts)
def test_no_name_escapes_the_output_or_the_package(
        given: list[tuple[str, str, list[str]]]) -> None:
    run(given, ("epub",))


@pytest.mark.integration
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts)
def test_handouts_stay_in_their_folder_one_per_article(
        given: list[tuple[str, str, list[str]]]) -> None:
    run(given, ("epub", "handouts"))


def test_the_issue_cases_write_inside_the_output(tmp_path: Path) -> None:
    """The slugs of issue #10 items 1 and 8, and ids of item 9, in one book (EPUB)."""
    given = [(slug, f"Post {n}", ["dup", "dup", "bad id<", f"ch{n:02d}-x"])
             for n, slug in enumerate(NASTY[:22], 1)]
    run(given, ("epub",))
