"""The WXR reader's post content: blocks the export only refers to, shortcodes, wpautop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.dump import dump_article
from peptidebook.readers.wordpress._autop import autop
from peptidebook.readers.wordpress._blocks import BlockSources, render_blocks
from peptidebook.readers.wordpress._shortcodes import (
    Attachment,
    MediaSources,
    render_shortcodes,
)

from .wxr_text import attachment, export, item, meta, read, said

# --------------------------------------------------------------------------- blocks


def blocks(content: str, reusable: dict[str, str] | None = None,
           footnotes: str | None = None) -> tuple[str, Report]:
    report = Report()
    return render_blocks(content, BlockSources(reusable or {}, footnotes), report, "p"), report


def test_a_reusable_block_is_replaced_by_the_exported_block() -> None:
    html, report = blocks('<p>a</p><!-- wp:block {"ref":12} /--><p>c</p>',
                          {"12": "<!-- wp:paragraph --><p>b</p><!-- /wp:paragraph -->"})
    assert html == "<p>a</p><!-- wp:paragraph --><p>b</p><!-- /wp:paragraph --><p>c</p>"
    assert report.diagnostics == []


def test_a_reusable_block_missing_from_the_export_is_a_warning_naming_it() -> None:
    _, report = blocks('<!-- wp:block {"ref":99} /-->')
    assert [(d.severity, d.message) for d in report.diagnostics] == [
        ("warning", "reusable block 99 is not in the export: its content is missing")
    ]


def test_a_reusable_block_that_uses_itself_stops() -> None:
    _, report = blocks('<!-- wp:block {"ref":1} /-->', {"1": '<!-- wp:block {"ref":1} /-->'})
    assert report.count("block-missing") == 1


def test_dynamic_blocks_are_said_once_per_kind() -> None:
    _, report = blocks("<!-- wp:latest-posts /--><!-- wp:latest-posts {\"postsToShow\":3} /-->"
                       "<!-- wp:archives /--><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->")
    assert [(d.severity, d.message) for d in report.diagnostics] == [
        ("info", "a dynamic block renders only on the site: latest-posts ×2 left out"),
        ("info", "a dynamic block renders only on the site: archives left out"),
    ]


NOTES = json.dumps([{"id": "n1", "content": "First <em>note</em>."},
                    {"id": "n2", "content": "Second."}])
RENDERED_NOTES = (
    '<ol class="wp-block-footnotes"><li id="n1">First <em>note</em>. <a href="#n1-link" '
    'aria-label="Jump to footnote reference 1">↩︎</a></li><li id="n2">Second. '
    '<a href="#n2-link" aria-label="Jump to footnote reference 2">↩︎</a></li></ol>'
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>x</p><!-- wp:footnotes /--><p>after</p>", f"<p>x</p>{RENDERED_NOTES}<p>after</p>"),
        ("<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->",
         f"<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->\n{RENDERED_NOTES}"),
    ],
)
def test_footnotes_meta_is_rendered_as_wordpress_renders_it(content: str, expected: str) -> None:
    html, report = blocks(content, footnotes=NOTES)
    assert html == expected
    assert report.diagnostics == []


def test_footnotes_meta_that_is_not_a_list_is_a_warning() -> None:
    html, report = blocks("<!-- wp:footnotes /-->", footnotes="{oops")
    assert html == "<!-- wp:footnotes /-->"
    assert said(report, "block-missing") == [
        "the post's footnotes meta is not a JSON list of notes: left out"]


def test_an_export_fills_reusable_blocks_and_footnotes(tmp_path: Path) -> None:
    post = item('<!-- wp:paragraph --><p>Claim<sup data-fn="n1" class="fn"><a href="#n1" '
                'id="n1-link">1</a></sup></p><!-- /wp:paragraph --><!-- wp:block {"ref":5} /-->'
                "<!-- wp:footnotes /-->", extra=meta("footnotes", NOTES))
    block = item("<p>Shared.</p>", post_id=5, post_type="wp_block", slug="b")
    (article,), _ = read(tmp_path, export(post, block))
    dump = dump_article(article)
    assert "Shared." in dump
    assert "First" in dump


# --------------------------------------------------------------------------- shortcodes

MEDIA = MediaSources(
    {
        "7": Attachment("https://ex.org/a.jpg", "Alt A", "Cap A", parent="1", order=2),
        "8": Attachment("https://ex.org/b.jpg", None, None, parent="1", order=1),
        "9": Attachment("https://ex.org/song.mp3", None, None, parent="1", order=0),
        "10": Attachment("https://ex.org/c.jpg", None, None, parent="3", order=0),
    },
    post_id="1",
)


def shortcodes(content: str, *, classic: bool = True) -> tuple[str, Report]:
    report = Report()
    return render_shortcodes(content, MEDIA, report, "p", classic=classic), report


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (('[caption id="attachment_7" align="alignleft" width="300"]<img src="a.jpg" alt="A" />'
         " A caption[/caption]"),
         '<figure><img src="a.jpg" alt="A" /><figcaption>A caption</figcaption></figure>'),
        ('[caption caption="From the attribute"]<a href="x"><img src="a.jpg"></a>[/caption]',
         ('<figure><a href="x"><img src="a.jpg"></a>'
         "<figcaption>From the attribute</figcaption></figure>")),
        ('[gallery ids="8,7"]',
         ('<figure><img src="https://ex.org/b.jpg"/></figure>\n<figure><img '
         'src="https://ex.org/a.jpg" alt="Alt A"/><figcaption>Cap A</figcaption></figure>')),
        # Without ids: the post's attached images, by menu order.
        ("[gallery]", ('<figure><img src="https://ex.org/b.jpg"/></figure>\n<figure><img '
         'src="https://ex.org/a.jpg" alt="Alt A"/><figcaption>Cap A</figcaption></figure>')),
        ("[embed]https://youtu.be/x[/embed]",
         '<p><a href="https://youtu.be/x">https://youtu.be/x</a></p>'),
        ('[video mp4="https://ex.org/v.mp4"][/video]',
         '<p><a href="https://ex.org/v.mp4">https://ex.org/v.mp4</a></p>'),
        ("[audio]", '<p><a href="https://ex.org/song.mp3">https://ex.org/song.mp3</a></p>'),
    ],
)
def test_core_shortcodes_are_rendered(content: str, expected: str) -> None:
    html, report = shortcodes(content)
    assert html == expected
    assert said(report, "shortcode-kept") == []


def test_a_gallery_image_missing_from_the_export_is_a_warning() -> None:
    html, report = shortcodes('[gallery ids="7,404"]')
    assert html.count("<figure>") == 1
    assert said(report, "block-missing") == ["gallery image 404 is not in the export: left out"]


@pytest.mark.parametrize(
    "text",
    ["see [1] and [sic]", "[citation needed]", "[…]", "[Note: see below]", "[a](b) markdown",
     '<a title="[x y=1]">t</a>', "[[escaped y=1]]"],
)
def test_bracketed_prose_is_not_a_shortcode(text: str) -> None:
    html, report = shortcodes(text)
    assert html == text
    assert report.diagnostics == []


@pytest.mark.parametrize(
    ("content", "expected", "message"),
    [
        ("<p>a [highlight]b[/highlight] c</p>", "<p>a b c</p>", "[highlight]"),
        ('<p>[contact-form-7 id="4" title="C"]</p>', '<p>[contact-form-7 id="4" title="C"]</p>',
         "[contact-form-7]"),
        ("[spacer /] [spacer /]", "[spacer /] [spacer /]", "[spacer] ×2"),
    ],
)
def test_unknown_shortcodes_are_kept_and_said_once(content: str, expected: str,
                                                   message: str) -> None:
    html, report = shortcodes(content)
    assert html == expected
    assert said(report, "shortcode-kept") == [
        (f"shortcodes peptidebook does not render ({message}): enclosed text kept, standalone "
        "ones kept as text")]


def test_a_url_alone_on_its_line_becomes_a_link_in_classic_content_only() -> None:
    content = "Watch:\nhttps://youtu.be/x\nthen https://ex.org inline"
    html, report = shortcodes(content)
    assert html == ('Watch:\n<a href="https://youtu.be/x">https://youtu.be/x</a>\n'
                    "then https://ex.org inline")
    assert said(report, "embed-linked") == ["media shown as a link to it: URL alone on its line"]
    assert shortcodes(content, classic=False)[0] == content


def test_a_classic_export_post_with_a_caption_becomes_a_figure(tmp_path: Path) -> None:
    post = item('Intro.\n\n[caption id="attachment_7" width="300"]<img src="https://ex.org/a.jpg"'
                ' alt="A" /> A vial[/caption]\n\nOutro.')
    (article,), _ = read(tmp_path, export(post, attachment(7, "https://ex.org/a.jpg", parent=1)))
    assert [type(b).__name__ for b in article.blocks] == ["Paragraph", "Figure", "Paragraph"]


# --------------------------------------------------------------------------- wpautop

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"),
        ("Line one\nline two", "<p>Line one<br />\nline two</p>\n"),
        # Blocks separated by single newlines are not wrapped.
        ("<h2>Head</h2>\nText\n<ul>\n<li>a</li>\n</ul>",
         "<h2>Head</h2>\n<p>Text</p>\n<ul>\n<li>a</li>\n</ul>\n"),
        # Newlines inside <pre> stay newlines.
        ("Code:\n<pre>a\nb</pre>", "<p>Code:</p>\n<pre>a\nb</pre>\n"),
        # The teaser marker holds no text.
        ("Teaser\n<!--more-->\nRest", "<p>Teaser</p>\n<p>Rest</p>\n"),
        ("<p>Already</p>\n\nMore", "<p>Already</p>\n<p>More</p>\n"),
        ('<img src="a.jpg"\nalt="x">', '<p><img src="a.jpg"\nalt="x"></p>\n'),
        ("", ""),
    ],
)
def test_autop_is_wordpress_wpautop(text: str, expected: str) -> None:
    assert autop(text) == expected
