"""WeasyPrint fetches nothing on its own: hostile references cannot bring local files into
a PDF (``../shared/NOTES-weasyprint.md``, Security)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest

from peptidebook.build import build
from peptidebook.diagnostics import Report
from peptidebook.rendering.xhtml import E, xhtml_document
from peptidebook.writers.pdf import ASSET_SCHEME, AssetFetcher, PrintDocument, pdf_bytes, render
from peptidebook.writers.pdf.document import PAGE_STYLE_NAME, STYLE_NAME, page_css

pytestmark = pytest.mark.integration

SECRET = Path("/etc/passwd")
HOSTILE = ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
           "https://example.org/tracker.png", "data:text/plain;base64,cm9vdDp4OjA6MA=="]


def secret_lines() -> list[bytes]:
    lines = [line for line in SECRET.read_bytes().splitlines() if len(line) > 12]
    assert lines, "need /etc/passwd to prove it stays out"
    return lines[:3]


def all_pdf_bytes(data: bytes) -> bytes:
    """The file and every decoded stream (attachments are compressed streams)."""
    chunks = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
    return b"\n".join(chunks)


def hostile_document() -> PrintDocument:
    """A rendered document that went wrong: every way XHTML can make WeasyPrint fetch."""
    body = E("section", {"id": "s"})
    h1 = E("h1")
    h1.text = "Hostile"
    body.append(h1)
    p = E("p")
    p.text = "Text."
    for url in HOSTILE:
        p.append(E("img", {"src": url, "alt": "x"}))
        p.append(E("a", {"rel": "attachment", "href": url}))
    body.append(p)
    body.append(E("link", {"rel": "attachment", "href": "file:///etc/passwd"}))
    style = b"@import url(file:///etc/passwd); p { background: url(file:///etc/passwd) }"
    xhtml = xhtml_document([body], title="Hostile", lang="en", direction="ltr", stylesheets=[
        "file:///etc/passwd", f"{ASSET_SCHEME}:{STYLE_NAME}", f"{ASSET_SCHEME}:{PAGE_STYLE_NAME}",
        f"{ASSET_SCHEME}:styles/hostile.css"])
    files = {STYLE_NAME: (b"p { color: black }", "text/css"),
             PAGE_STYLE_NAME: (page_css("A4"), "text/css"),
             "styles/hostile.css": (style, "text/css")}
    return PrintDocument(xhtml=xhtml, files=files, title="Hostile", authors=())


def test_fetcher_serves_only_the_books_own_files() -> None:
    report = Report()
    fetcher = AssetFetcher({"images/a.png": (b"png", "image/png")}, report, "t")
    assert fetcher.fetch(f"{ASSET_SCHEME}:images/a.png").read() == b"png"
    for url in [*HOSTILE, f"{ASSET_SCHEME}:images/b.png", f"{ASSET_SCHEME}:../../etc/passwd"]:
        with pytest.raises(Exception, match="not one of the book's own files"):
            fetcher.fetch(url)
    assert report.count("fetch-refused") == len(HOSTILE) + 2


def test_hostile_references_in_a_rendered_document_stay_out_of_the_pdf() -> None:
    report = Report()
    laid_out, fetcher = render(hostile_document(), report, "hostile.pdf")
    data, _ = pdf_bytes(laid_out, report, "hostile.pdf")
    content = all_pdf_bytes(data)
    assert not any(line in content for line in secret_lines())
    assert "file:///etc/passwd" in fetcher.refused
    assert {u for u in HOSTILE if not u.startswith("data:")} <= set(fetcher.refused)
    assert report.count("fetch-refused") == len(fetcher.refused)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})


def test_hostile_article_cannot_bring_a_local_file_into_the_book(tmp_path: Path) -> None:
    post = {
        "id": 1, "slug": "hostile", "date_gmt": "2026-05-05T10:00:00",
        "link": "https://peptides.example.org/hostile/",
        "title": {"rendered": "Hostile post"},
        "content": {"rendered": (
            '<p>Look: <img src="file:///etc/passwd" alt="secrets"></p>'
            '<link rel="attachment" href="file:///etc/passwd">'
            '<p><a rel="attachment" href="file:///etc/passwd">passwd</a></p>'
            '<p><object data="file:///etc/passwd"></object>'
            '<img src="http://127.0.0.1/x.png" alt="local"></p>')},
    }
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(post), encoding="utf-8")
    result = build([source], output_dir=tmp_path / "out", formats=("pdf",))
    (pdf_path,) = result.outputs
    content = all_pdf_bytes(pdf_path.read_bytes())
    assert not any(line in content for line in secret_lines())
    refused = [d for d in result.report.diagnostics if d.code == "fetch-refused"]
    assert any("file:///etc/passwd" in d.message for d in refused)


@pytest.mark.parametrize(("url", "served"), [
    ("data:image/png;base64,iVBORw0KGgo=", (b"\x89PNG\r\n\x1a\n", "image/png")),
    ("data:image/webp;base64,UklGRg==", (b"RIFF", "image/webp")),
    ("data:image/svg+xml;base64,PHN2Zy8+", None),        # an SVG could carry anything
    ("data:text/html;base64,PHNjcmlwdD4=", None),
    ("data:image/png,raw-not-base64", None),
])
def test_only_embedded_raster_pictures_are_served(url: str,
                                                  served: tuple[bytes, str] | None) -> None:
    """A packaged SVG's pictures are data: URLs (re-encoded by assembly.images); nothing else
    that is not one of the book's files is read."""
    report = Report()
    fetcher = AssetFetcher({}, report, "t")
    if served is None:
        with pytest.raises(Exception, match="not one of the book's own files"):
            fetcher.fetch(url)
        assert report.count("fetch-refused") == 1
    else:
        response = fetcher.fetch(url)
        assert (response.read(), response.content_type) == served
        assert report.diagnostics == []
