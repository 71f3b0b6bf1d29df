"""Hostile input through the whole build: public vector lists and generated posts.

Every #data block of html5lib-tests' tree-construction suite (mis-nested markup, void elements,
tables, foreign content, entities, scripts) and every shape of a public XSS filter-evasion list
(``tests/data/hostile/``, MIT) is the content of a WordPress post, fifty posts to a book. For
each book: a PeptidebookError of one line or an EPUB; in the EPUB no active content (script,
iframe, object, embed, form, base, event handler, ``javascript:``/``vbscript:``/``data:`` link),
every document well-formed XML with unique ids, every zip entry inside the container's folders,
and no file written outside the output folder. A hypothesis property does the same for
generated posts (title, slug, content) as REST JSON, as a WXR export and as plain-text
articles, and one batch of each list goes through the real checkers.
"""

from __future__ import annotations

import json
import string
import subprocess
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

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "hostile"
TOOLS = ROOT.parent / "shared" / "tools"
BATCH = 50
XHTML = "{http://www.w3.org/1999/xhtml}"
#: Elements a book never carries: they run code, submit, fetch or re-base links.
ACTIVE = {"script", "iframe", "object", "embed", "applet", "form", "input", "button", "select",
          "textarea", "base", "frame", "frameset", "meta", "noscript", "template", "audio",
          "video", "source", "track", "portal", "foreignObject"}
LINK_ATTRIBUTES = ("href", "src", "{http://www.w3.org/1999/xlink}href", "action", "formaction",
                   "data", "poster", "srcset", "background")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "livescript:")


def html5lib_cases() -> list[str]:
    cases = json.loads((DATA / "html5lib-tree-construction.json").read_text(encoding="utf-8"))
    return [case["data"] for case in cases]


def xss_cases() -> list[str]:
    return (DATA / "xss-payloads.txt").read_text(encoding="utf-8").splitlines()


def batches(cases: list[str]) -> list[list[str]]:
    return [cases[i:i + BATCH] for i in range(0, len(cases), BATCH)]


def posts(contents: list[str], prefix: str) -> list[dict[str, object]]:
    return [{"id": n + 1, "slug": f"{prefix}-{n}", "title": {"rendered": f"Case {n}"},
             "content": {"rendered": content or "<p></p>"}, "date": "2024-01-01T00:00:00"}
            for n, content in enumerate(contents)]


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def build_batch(tmp: Path, payload: object, kind: str = "json") -> Path | None:
    """Build one book from ``payload`` in ``tmp``: a REST JSON value (``json``), or the same
    posts as a WXR export (``xml``) or as plain-text articles (``txt``, one file a post). The
    EPUB's path, or None when the build refused the input with a one-line PeptidebookError."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = write_source(tmp, payload, kind)
    before = files_under(tmp)
    out = tmp / "out"
    try:
        result = build([source], output_dir=out, formats=("epub",), fetcher=OfflineFetcher(),
                       report=Report())
    except PeptidebookError as exc:  # a refusal is one of the two answers allowed
        assert "\n" not in str(exc), f"a multi-line error: {exc!r}"  # noqa: PT017
        assert files_under(tmp) - before <= {out}, "a refused build left files"
        return None
    written = files_under(tmp) - before
    assert all(p == out or out in p.parents for p in written), \
        f"written outside the output folder: {sorted(map(str, written))}"
    (epub,) = result.outputs
    return epub


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_source(tmp: Path, payload: object, kind: str) -> Path:
    """``payload`` (REST posts) written as a source of ``kind``; characters a file cannot hold
    in that kind (a lone surrogate in UTF-8) are written as the file's own escapes or dropped,
    as a real exporter would."""
    posts_ = payload if isinstance(payload, list) else [payload]
    if kind == "json":
        source = tmp / "posts.json"
        source.write_text(json.dumps(payload), encoding="utf-8")  # \ud800 stays an escape
        return source
    if kind == "txt":
        folder = tmp / "texts"
        folder.mkdir()
        for n, post in enumerate(posts_):
            text = f"{post['title']['rendered']}\n\n{post['content']['rendered']}\n"
            (folder / f"post-{n}.txt").write_bytes(text.encode("utf-8", "replace"))
        return folder
    items = "".join(
        f"<item><title>{_cdata(str(post['title']['rendered']))}</title>"
        f"<wp:post_id>{n + 1}</wp:post_id><wp:post_name>{_cdata(str(post['slug']))}"
        "</wp:post_name><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        f"<content:encoded>{_cdata(str(post['content']['rendered']))}</content:encoded></item>"
        for n, post in enumerate(posts_))
    source = tmp / "export.xml"
    source.write_bytes((
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>t</title>'
        f"{items}</channel></rss>").encode("utf-8", "replace"))
    return source


def assert_safe_epub(epub: Path) -> None:
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype"
        for name in names:
            assert not name.startswith("/") and ".." not in name.split("/"), name
            assert name == "mimetype" or name.startswith(("META-INF/", "EPUB/")), name
        for name in names:
            if not name.endswith((".xhtml", ".svg", ".opf", ".xml", ".ncx")):
                continue
            root = etree.fromstring(archive.read(name),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
            ids: set[str] = set()
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                local = etree.QName(element).localname
                refresh = local == "meta" and element.get("http-equiv") is not None
                assert refresh or local not in ACTIVE or local == "meta", \
                    f"{name}: <{local}> in the book"
                assert not refresh, f"{name}: <meta http-equiv> in the book"
                for attribute, value in element.attrib.items():
                    key = etree.QName(attribute).localname.lower()
                    assert not key.startswith("on"), f"{name}: event handler {attribute}"
                    if attribute in LINK_ATTRIBUTES or key in {"href", "src"}:
                        assert not value.strip().lower().startswith(UNSAFE_SCHEMES), \
                            f"{name}: {attribute}={value!r}"
                    if key == "id":
                        assert value not in ids, f"{name}: duplicate id {value!r}"
                        ids.add(value)


def _checked(tmp: Path, cases: list[str], prefix: str) -> Iterator[Path]:
    for n, batch in enumerate(batches(cases)):
        epub = build_batch(tmp / f"{prefix}-{n}", posts(batch, prefix))
        if epub is not None:
            assert_safe_epub(epub)
            yield epub


@pytest.mark.conformance
@pytest.mark.parametrize(("name", "cases"), [("html5lib", html5lib_cases), ("xss", xss_cases)])
def test_public_vector_lists_build_safe_books(tmp_path: Path, name: str, cases: object) -> None:
    built = list(_checked(tmp_path, cases(), name))  # type: ignore[operator]
    assert built, "every batch was refused"


@pytest.mark.conformance
@pytest.mark.parametrize(("name", "cases"), [("html5lib", html5lib_cases), ("xss", xss_cases)])
def test_a_batch_of_each_list_passes_the_checkers(tmp_path: Path, name: str,
                                                  cases: object) -> None:
    contents = cases()  # type: ignore[operator]
    epub = build_batch(tmp_path, posts(contents[: 4 * BATCH: 4], name))
    assert epub is not None
    done = subprocess.run([str(TOOLS / "check-epub"), str(epub)], capture_output=True,
                          text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


# ------------------------------------------------------------------ generated hostile posts

_pieces = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>j</a>",
    "<svg onload=alert(1)><circle r=1 /></svg>", "<iframe src=//evil></iframe>", "<wbr>",
    "<embed src=x>", "<picture><source srcset=a><img src=b alt=c></picture>", "<p>", "</p>",
    "<b><i>", "</b></i>", "<table><tr><td>", "</table>", "<li>", "<h2 id='x y'>", "</h2>",
    "&#0;", "&#x1b;", "\x00", "\u202e", "\ud800", "<form><input></form>", "<base href=//e>",
    "<math><mi>x</mi></math>", "<template><p>t</p></template>", "<!--", "-->", "<![CDATA[",
    "<div>" * 60, "</div>" * 60, "<style>@import url(http://e)</style>", "&amp;", "&lt;",
])
_text = st.text(alphabet=string.printable + "éßЖ中ع\u200f", max_size=40)
_content = st.lists(st.one_of(_pieces, _text), max_size=30).map("".join)
_name = st.one_of(_text, st.sampled_from(["../../escape", "/etc/x", ".hidden", "a\nb",
                                          "\u202eevil", "CON", "nav", "x" * 1000, "", "  "]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["json", "xml", "txt"]),
       contents=st.lists(_content, min_size=1, max_size=4),
       slugs=st.lists(_name, min_size=4, max_size=4), titles=st.lists(_name, min_size=4,
                                                                      max_size=4))
def test_generated_hostile_posts_build_safe_books(tmp_path_factory: pytest.TempPathFactory,
                                                  kind: str, contents: list[str],
                                                  slugs: list[str], titles: list[str]) -> None:
    payload = [{"id": n + 1, "slug": slugs[n], "title": {"rendered": titles[n]},
                "content": {"rendered": content}, "date": "2024-01-01T00:00:00"}
               for n, content in enumerate(contents)]
    epub = build_batch(tmp_path_factory.mktemp("generated") / "work", payload, kind)
    if epub is not None:
        assert_safe_epub(epub)
