"""The HTML page reader: fragments mapped whole, pages extracted, metadata by precedence,
encodings and refusals. Hand-made pages; no network."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import InputError
from peptidebook.model import Article, Heading, Paragraph, Text
from peptidebook.readers import detect, read_file
from peptidebook.readers.page import read_page

PROSE = ("Growth hormone secretagogues raise the pulse height of growth hormone in healthy "
         "adults, and the effect fades when the peptide is stopped. ")


def write(tmp_path: Path, markup: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    if isinstance(markup, str):
        path.write_text(markup, encoding="utf-8")
    else:
        path.write_bytes(markup)
    return path


def codes(report: Report) -> set[str]:
    return {d.code for d in report.diagnostics}


def read(path: Path) -> tuple[Article, Report]:
    report = Report()
    [article] = read_file(path, report)
    return article, report


def page(head: str = "", article: str = f"<p>{PROSE * 6}</p>", html_attrs: str = "") -> str:
    """A whole page: navigation, a header, the article, a sidebar, comments and a footer."""
    return f"""<!doctype html><html{html_attrs}><head>{head}</head><body>
<header><a href="/">Home</a> <a href="/about">About us and our team</a></header>
<nav><ul><li><a href="/news">News from the editors</a></li><li><a href="/x">Archive of
all posts</a></li></ul></nav>
<main><article>{article}</article></main>
<aside class="sidebar"><h3>Subscribe to our newsletter</h3><p>Get weekly updates on
everything by email, free of charge.</p></aside>
<div id="comments"><p>Great post, thanks for sharing this with everyone!</p></div>
<footer><p>Copyright 2024 Example Media Group. All rights reserved.</p></footer>
</body></html>"""


@pytest.mark.parametrize("name", ["a.html", "b.HTM", "c.xhtml"])
def test_html_suffixes_are_read_by_the_page_reader(name: str) -> None:
    assert detect(Path(name)) == "html"


def test_a_fragment_is_mapped_whole(tmp_path: Path) -> None:
    article, report = read(write(tmp_path, f"<h2>Dosing</h2><p>{PROSE}</p>", "dosing.html"))
    assert article.blocks == (Heading(2, (Text("Dosing"),)), Paragraph((Text(PROSE),)))
    assert article.source.kind == "html"
    assert "page-extracted" not in codes(report)


def test_a_body_that_is_just_the_post_is_a_fragment(tmp_path: Path) -> None:
    markup = (f"<html><head><title>Dosing</title></head><body><article><header><h1>Dosing"
              f"</h1></header><p>{PROSE}</p></article></body></html>")
    article, report = read(write(tmp_path, markup))
    assert "page-extracted" not in codes(report)
    assert Paragraph((Text(PROSE),)) in article.blocks
    assert article.title == "Dosing"


def test_a_page_keeps_its_article_and_leaves_the_rest_out(tmp_path: Path) -> None:
    article, report = read(write(tmp_path, page()))
    text = " ".join(t.text for b in article.blocks if isinstance(b, Paragraph)
                    for t in b.children if isinstance(t, Text))
    assert PROSE.strip() in text
    for boilerplate in ("newsletter", "Great post", "Copyright", "Archive"):
        assert boilerplate not in text
    [note] = [d for d in report.diagnostics if d.code == "page-extracted"]
    assert note.severity == "info"
    # 22 words of prose, six times; a landmark's words are those the kept text lacks (its
    # "of", "the", "and" are among the prose's words, so it counts them as kept).
    assert note.message == (
        "kept 132 of 176 words of the page's body (75%); left out: navigation (6 words), "
        "header (5 words), footer (8 words), sidebar (13 words), comments (8 words) and 4 "
        "other words")


def test_a_page_without_article_text_is_refused(tmp_path: Path) -> None:
    markup = ("<html><body><nav><a href='/'>Home</a></nav><main></main>"
              "<footer>(c) 2024</footer></body></html>")
    with pytest.raises(InputError, match="no article text found in the page"):
        read(write(tmp_path, markup))


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "the file is empty"),
    (b"   \n\t", "the file is empty"),
    (b'{"title": "not a page"}', "it holds JSON"),
    (b"Just some words, no markup at all.", "it holds no markup"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (b"<p>caf\xe9</p>", r"not utf-8 text .*byte 6 is 0xe9"),
    (b'<meta charset="klingon"><p>\xe9</p>', "an encoding peptidebook does not know"),
])
def test_what_is_not_an_html_page_is_refused_in_one_line(
        tmp_path: Path, content: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        read_page(write(tmp_path, content), Report())
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("content", [
    "\ufeff<p>Café au lait</p>".encode(),
    b'<meta charset="windows-1252"><p>Caf\xe9 au lait</p>',
    b'<meta charset="iso-8859-1"><p>Caf\xe9 au lait</p>',
    (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">'
     b"<p>Caf\xe9 au lait</p>"),
    "\ufeff<p>Café au lait</p>".encode("utf-16-le"),
])
def test_encodings_a_browser_reads(tmp_path: Path, content: bytes) -> None:
    article, _report = read(write(tmp_path, content))
    assert article.blocks == (Paragraph((Text("Café au lait"),)),)


def test_windows_1252_is_read_for_latin_1_labels(tmp_path: Path) -> None:
    # WHATWG Encoding: "iso-8859-1" is windows-1252, whose 0x93/0x94 are curly quotes.
    article, _report = read(write(tmp_path, b'<meta charset="latin1"><p>\x93Yes\x94</p>'))
    assert article.blocks == (Paragraph((Text("“Yes”"),)),)


def ld(**fields: object) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", **fields})
            + "</script>")


HEAD_ALL = (
    '<title>Title element | Example Site</title>'
    '<meta property="og:title" content="Open Graph title">'
    '<meta property="og:site_name" content="Example Site">'
    '<meta name="author" content="Meta Author">'
    '<meta property="article:published_time" content="2023-05-01T10:00:00Z">'
    '<meta property="og:locale" content="fr_FR">'
    '<meta name="description" content="Meta description">'
    '<meta property="og:description" content="OG description">'
    '<meta property="og:url" content="https://example.org/og-url">'
    '<link rel="canonical" href="https://example.org/2023/canonical-post/">'
)


def test_json_ld_wins_over_everything(tmp_path: Path) -> None:
    head = HEAD_ALL + ld(headline="JSON-LD headline", author=[{"@type": "Person",
                         "name": "Ada Lovelace"}, {"name": "Alan Turing"}],
                         datePublished="2022-01-02", inLanguage="de",
                         publisher={"@type": "Organization", "name": "LD Publisher"})
    article, _report = read(write(tmp_path, page(head=head, html_attrs="")))
    assert (article.title, article.authors, article.published, article.lang,
            article.source.publisher) == (
        "JSON-LD headline", ("Ada Lovelace", "Alan Turing"),
        datetime(2022, 1, 2, tzinfo=UTC), "de", "LD Publisher")


def test_json_ld_in_a_graph_is_found(tmp_path: Path) -> None:
    graph = ('<script type="application/ld+json">' + json.dumps({"@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": ["BlogPosting"], "headline": "From the graph", "author": "Grace Hopper"}]})
        + "</script>")
    article, _report = read(write(tmp_path, page(head=graph)))
    assert (article.title, article.authors) == ("From the graph", ("Grace Hopper",))


def test_meta_and_open_graph_without_json_ld(tmp_path: Path) -> None:
    article, _report = read(write(tmp_path, page(head=HEAD_ALL, html_attrs=' lang="en-gb"')))
    assert (article.title, article.authors, article.published, article.lang, article.summary,
            article.source.url, article.source.publisher, article.slug) == (
        "Open Graph title", ("Meta Author",), datetime(2023, 5, 1, 10, tzinfo=UTC), "en-GB",
        "Meta description", "https://example.org/2023/canonical-post/", "Example Site",
        "canonical-post")


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("Dosing GH peptides | Example Site", "Example Site", "Dosing GH peptides"),
    ("Dosing GH peptides – Example Site", "example site", "Dosing GH peptides"),
    ("Dosing GH peptides | Jane Doe", "Example Site", "Dosing GH peptides | Jane Doe"),
    ("Example Site", "Example Site", "Example Site"),
])
def test_the_site_name_is_cut_from_the_title_only_when_it_is_the_site(
        tmp_path: Path, title: str, site: str, expected: str) -> None:
    head = f'<title>{title}</title><meta property="og:site_name" content="{site}">'
    article, _report = read(write(tmp_path, page(head=head)))
    assert article.title == expected


def test_h1_comes_before_the_title_element(tmp_path: Path) -> None:
    head = "<title>Browser tab title</title>"
    article, _report = read(write(tmp_path, page(head=head, article=f"<h1>Heading one</h1>"
                                                               f"<p>{PROSE * 6}</p>")))
    assert article.title == "Heading one"


def test_an_author_address_is_not_a_name(tmp_path: Path) -> None:
    head = '<meta property="article:author" content="https://facebook.com/someone">'
    article, report = read(write(tmp_path, page(head=head)))
    assert article.authors == ()
    assert "no-author" in codes(report)


def test_time_in_the_article_gives_the_date(tmp_path: Path) -> None:
    body = f'<p><time datetime="2021-03-04">4 March</time></p><p>{PROSE * 6}</p>'
    article, _report = read(write(tmp_path, page(article=body)))
    assert article.published == datetime(2021, 3, 4, tzinfo=UTC)


def test_saved_from_comment_gives_the_address_and_relative_links_resolve(
        tmp_path: Path) -> None:
    markup = ("<!-- saved from url=(0033)https://example.org/posts/dosing -->\n"
              f'<p>{PROSE}<a href="../faq">the FAQ</a></p>')
    article, _report = read(write(tmp_path, markup))
    assert article.source.url == "https://example.org/posts/dosing"
    assert article.slug == "dosing"
    assert "https://example.org/faq" in repr(article.blocks)


def test_a_page_without_any_title_is_named_after_its_file(tmp_path: Path) -> None:
    article, report = read(write(tmp_path, f"<p>{PROSE}</p>", "gh-dosing.html"))
    assert article.title == "Gh dosing"
    [warning] = [d for d in report.diagnostics if d.code == "no-title"]
    assert "no JSON-LD headline" in warning.message


def test_active_content_in_a_fragment_is_dropped_by_the_one_mapper(tmp_path: Path) -> None:
    article, report = read(write(tmp_path, f"<p>{PROSE}</p><script>alert(1)</script>"))
    assert article.blocks == (Paragraph((Text(PROSE),)),)
    assert "dropped-unsafe" in codes(report)


@pytest.mark.parametrize("markup", [
    "<!-- wp:more --><!--more--><!-- /wp:more -->",
    '<!-- wp:spacer --><div style="height:100px" aria-hidden="true"></div><!-- /wp:spacer -->',
    '<figure class="wp-block-audio"><audio controls src="https://e.org/a.mp3"></audio></figure>',
])
def test_a_fragment_without_text_or_image_is_refused(tmp_path: Path, markup: str) -> None:
    with pytest.raises(InputError, match="no article text found in the page"):
        read(write(tmp_path, markup))


def test_a_fragment_of_one_image_is_an_article(tmp_path: Path) -> None:
    markup = ('<figure class="wp-block-image"><img src="https://e.org/a.jpg" alt="A chart"/>'
              "</figure>")
    article, _report = read(write(tmp_path, markup))
    assert "A chart" in repr(article.blocks)


def test_a_main_column_named_widget_is_not_taken_for_a_sidebar(tmp_path: Path) -> None:
    # Blogger puts the posts in <div class="widget Blog">: only HTML and ARIA landmarks, not
    # class names, decide that a page has no text outside its landmarks.
    markup = page().replace("<main><article>", '<div class="widget Blog"><article>').replace(
        "</article></main>", "</article></div>")
    article, _report = read(write(tmp_path, markup))
    assert PROSE.strip() in repr(article.blocks)


def test_valid_utf8_wins_over_a_stale_declaration(tmp_path: Path) -> None:
    # A page re-saved as UTF-8 that still says gb2312 (Mozilla Readability's "qq" test page).
    content = '<meta charset="gb2312"><p>中文</p>'.encode()
    article, _report = read(write(tmp_path, content))
    assert article.blocks == (Paragraph((Text("中文"),)),)


def test_a_later_declaration_is_tried_when_the_first_does_not_read(tmp_path: Path) -> None:
    # An archived page: the archive's own <meta charset="utf-8"> first, the page's gb2312 after.
    content = (b'<meta charset="utf-8"><meta http-equiv="Content-Type" '
               b'content="text/html; charset=gb2312"><p>' + "中文".encode("gb2312") + b"</p>")
    article, _report = read(write(tmp_path, content))
    assert article.blocks == (Paragraph((Text("中文"),)),)


@pytest.mark.parametrize(("head", "licence"), [
    ("", None),
    ('<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">',
     "https://creativecommons.org/licenses/by/4.0/"),
    ('<meta name="dcterms.license" content="CC BY-SA 4.0">', "CC BY-SA 4.0"),
    ('<link rel="license" href="/terms">', None),  # not an address a reader could open
])
def test_the_licence_a_page_states_is_kept(tmp_path: Path, head: str,
                                           licence: str | None) -> None:
    article, _report = read(write(tmp_path, page(head=head)))
    assert article.source.licence == licence


def test_a_json_ld_licence_wins(tmp_path: Path) -> None:
    head = ('<link rel="license" href="https://example.org/terms">'
            + ld(headline="T", license="https://creativecommons.org/licenses/by-nc/4.0/"))
    article, _report = read(write(tmp_path, page(head=head)))
    assert article.source.licence == "https://creativecommons.org/licenses/by-nc/4.0/"
