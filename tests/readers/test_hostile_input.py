"""Hostile input: whatever a source holds, a reader gives a model XML can carry, or one
PeptidebookError line; never a traceback. And the model a reader gives survives the whole
pipeline to a book."""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.errors import PeptidebookError
from peptidebook.fetching import OfflineFetcher
from peptidebook.readers import read_file

#: What XML 1.0 §2.2 does not allow as a character.
XML_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# --------------------------------------------------------------------------- strategies

#: Controls of every kind, lone surrogates and the non-characters XML forbids, as themselves.
controls = st.sampled_from(
    [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]] + ["\ud800", "\udfff", "\ufffe", "\uffff"]
)
#: The same as character references, the way an HTML body may hold them.
references = st.builds(
    lambda c, hexadecimal: f"&#x{c:x};" if hexadecimal else f"&#{c};",
    st.sampled_from([*range(0x20), *range(0x7F, 0xA0), 0xD800, 0xFFFE, 0x110000]),
    st.booleans(),
)
TAGS = ["b", "i", "span", "div", "blockquote", "p", "ul", "li", "table", "tr", "td", "details",
        "summary", "a", "aside", "dl", "dd", "pre", "code", "script", "x-y"]
nested = st.builds(
    lambda tag, depth, inner: f"<{tag}>" * depth + inner + f"</{tag}>" * depth,
    st.sampled_from(TAGS),
    st.integers(min_value=0, max_value=300),
    st.text(max_size=8),
)
piece = st.one_of(
    st.text(max_size=12), controls, references, nested,
    st.sampled_from(["<p>", "</p>", "<br>", '<img src="https://[::1" alt="x">',
                     '<a href="https://host:99999/">l</a>', "<![CDATA[", "]]>", "&amp;", "<"]),
)
hostile = st.lists(piece, max_size=12).map("".join)


# --------------------------------------------------------------------------- checks


def strings(value: object) -> Iterator[str]:
    """Every string held anywhere in a model value (the model is frozen dataclasses, tuples
    and scalars)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))


def read_or_refuse(path: Path) -> None:
    """Read ``path`` (the reading step, its reader told by the suffix): a PeptidebookError is
    a fine answer; any other exception fails the test, and so does a character XML forbids
    anywhere in the model."""
    try:
        articles = read_file(path, Report())
    except PeptidebookError as error:  # a refusal is one of the two answers allowed
        assert "\n" not in str(error)  # noqa: PT017
        return
    for article in articles:
        for text in strings(article):
            assert XML_FORBIDDEN.search(text) is None, (text, article)


def in_tmp(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        read_or_refuse(path)


# --------------------------------------------------------------------------- properties

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(content=hostile, title=hostile, author=st.text(max_size=20) | controls,
       slug=st.text(max_size=20), excerpt=hostile)
def test_rest_json_reader_survives_anything(
    content: str, title: str, author: str, slug: str, excerpt: str
) -> None:
    post = {"slug": slug, "link": "https://ex.org/" + slug, "title": {"rendered": title},
            "content": {"rendered": content}, "excerpt": {"rendered": excerpt},
            "_embedded": {"author": [{"name": author}]}}
    in_tmp("post.json", json.dumps(post).encode())  # "\ud800" as \ud800


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>{site}</title>
<item><title>{title}</title><dc:creator>{author}</dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_name>{slug}</wp:post_name><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status></item></channel></rss>
"""


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@PROPERTY
@given(content=hostile, title=hostile, author=st.text(max_size=20) | controls,
       slug=st.text(max_size=20), site=st.text(max_size=20))
def test_wxr_reader_survives_anything(
    content: str, title: str, author: str, slug: str, site: str
) -> None:
    text = WXR.format(content=content, title=escaped(title), author=escaped(author),
                      slug=escaped(slug), site=escaped(site))
    # A lone surrogate cannot be UTF-8: its bytes make the file invalid, which must be refused.
    in_tmp("export.xml", text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(text=st.lists(st.one_of(st.text(max_size=20), controls, st.just("\n")),
                     max_size=30).map("".join))
def test_text_reader_survives_anything(text: str) -> None:
    in_tmp("article.txt", text.encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------- whole pipeline

DEEP = {
    "b": "<b>" * 250 + "deep" + "</b>" * 250,
    "blockquote": "<blockquote>" * 250 + "deep" + "</blockquote>" * 250,
    "div": "<div>" * 490 + "deep" + "</div>" * 490,
    "details": "<details><summary>Q?</summary>" * 200 + "deep" + "</details>" * 200,
    "table": "<table><tr><td>" * 200 + "deep" + "</td></tr></table>" * 200,
}
CONTROLS = "<p>N\x00U&#0;L, e\x1bsc&#x1b;, form\x0cfeed&#12;, d\x7fel, n\x85el, c1\x9f&#x9f;.</p>"


def hostile_post(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "post.json"
    path.write_text(json.dumps({
        "slug": "hostile\x00post", "link": "https://ex.org/hostile-post/",
        "title": {"rendered": "Hostile&#x1b; post\x00"}, "content": {"rendered": content},
        "_embedded": {"author": [{"name": "Ada\x1b Lovelace"}]},
        "date_gmt": "2026-01-02T03:04:05",
    }), encoding="utf-8")
    return path


def xhtml_documents(epub: Path) -> list[bytes]:
    with zipfile.ZipFile(epub) as book:
        return [book.read(n) for n in book.namelist() if n.endswith(".xhtml")]


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_and_control_laden_posts_build_an_epub(tmp_path: Path, kind: str) -> None:
    source = hostile_post(tmp_path, "<p>Intro.</p>" + DEEP[kind] + CONTROLS)
    report = Report()
    result = build([source], output_dir=tmp_path / "out", formats=("epub",),
                   fetcher=OfflineFetcher(), report=report)
    (epub,) = result.outputs
    documents = xhtml_documents(epub)
    for document in documents:
        etree.fromstring(document)  # well-formed XML
    assert any(b"deep" in document for document in documents)
    assert report.count("nesting-flattened") == 1
    assert report.count("control-removed") == 1


@pytest.mark.integration
@pytest.mark.parametrize("kind", ["blockquote", "details", "table"])
def test_deep_posts_lay_out_as_a_pdf(tmp_path: Path, kind: str) -> None:
    source = hostile_post(tmp_path, "<p>Intro.</p>" + DEEP[kind])
    result = build([source], output_dir=tmp_path / "out", formats=("pdf",),
                   fetcher=OfflineFetcher(), report=Report())
    (pdf,) = result.outputs
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.integration
def test_150_nested_blockquotes_lay_out_as_a_pdf(tmp_path: Path) -> None:
    source = hostile_post(tmp_path, "<blockquote>" * 150 + "deep" + "</blockquote>" * 150)
    result = build([source], output_dir=tmp_path / "out", formats=("pdf",),
                   fetcher=OfflineFetcher(), report=Report())
    assert result.outputs[0].read_bytes().startswith(b"%PDF")
