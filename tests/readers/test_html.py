"""The HTML reader: tags map to model nodes, presentation and active content never get through."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peptidebook.diagnostics import Report
from peptidebook.dump import dump_blocks
from peptidebook.model import (
    Block,
    BlockQuote,
    BulletList,
    Cell,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Emph,
    Figure,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    ListItem,
    Note,
    OrderedList,
    Paragraph,
    QASection,
    Question,
    RawBlock,
    RawInline,
    Row,
    Span,
    Strong,
    Sub,
    Sup,
    Table,
    Text,
)
from peptidebook.readers.characters import ControlFilter
from peptidebook.readers.html import MAX_DEPTH, html_to_text, parse_html_fragment
from peptidebook.walk import iter_blocks, iter_inlines

BASE = "https://example.org/blog/post/"


def parse(
    markup: str, base_url: str | None = BASE, media_alt: dict[str, str] | None = None
) -> tuple[tuple[Block, ...], Report]:
    report = Report()
    blocks = parse_html_fragment(
        markup, base_url=base_url, report=report, where="test", media_alt=media_alt
    )
    return blocks, report


def blocks_of(markup: str) -> tuple[Block, ...]:
    """The blocks of ``markup``, which must map without any diagnostic."""
    blocks, report = parse(markup)
    assert report.diagnostics == []
    return blocks


def p(*children: str | Inline) -> Paragraph:
    return Paragraph(tuple(Text(c) if isinstance(c, str) else c for c in children))


def item(*blocks: Block) -> ListItem:
    return ListItem(blocks)


# --------------------------------------------------------------------------- blocks


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Plain.</p>", (p("Plain."),)),
        ("<h3>Title</h3>", (Heading(3, (Text("Title"),)),)),
        ("<h1>Top</h1>", (Heading(1, (Text("Top"),)),)),
        ('<h2 id="dose">Dose</h2>', (Heading(2, (Text("Dose"),), "dose"),)),
        ("<ul><li>a</li><li>b</li></ul>", (BulletList((item(p("a")), item(p("b")))),)),
        ('<ol start="3"><li>c</li></ol>', (OrderedList((item(p("c")),), start=3),)),
        ('<ol start="x"><li>c</li></ol>', (OrderedList((item(p("c")),)),)),
        (
            "<ul><li>a<ul><li>b</li></ul></li></ul>",
            (BulletList((item(p("a"), BulletList((item(p("b")),))),)),),
        ),
        (
            "<ul><li>a</li><ul><li>b</li></ul></ul>",
            (BulletList((item(p("a"), BulletList((item(p("b")),))),)),),
        ),
        (
            "<dl><dt>GH</dt><dd>growth hormone</dd><dd>somatotropin</dd></dl>",
            (
                DefinitionList(
                    (DefinitionItem((Text("GH"),), ((p("growth hormone"),), (p("somatotropin"),))),)
                ),
            ),
        ),
        (
            "<dl><div><dt>A</dt><dd>x</dd></div></dl>",
            (DefinitionList((DefinitionItem((Text("A"),), ((p("x"),),)),)),),
        ),
        ("<blockquote><p>Quoted.</p></blockquote>", (BlockQuote((p("Quoted."),)),)),
        ("<aside><p>Careful.</p></aside>", (Note("note", (p("Careful."),)),)),
        ("<pre>\nline 1\n  line 2\n</pre>", (CodeBlock("line 1\n  line 2"),)),
        ("<pre><code>x = 1</code></pre>", (CodeBlock("x = 1"),)),
        ("<hr>", (HorizontalRule(),)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_block_elements_map_to_model_blocks(markup: str, expected: tuple[Block, ...]) -> None:
    assert blocks_of(markup) == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<div><p>kept</p></div>",
        "<section><article><p>kept</p></article></section>",
        '<div class="blog-content" style="font-size: 18px"><p>kept</p></div>',
        '<div itemscope itemtype="https://schema.org/FAQPage"><p>kept</p></div>',
        "<main><header><p>kept</p></header></main>",
    ],
)
def test_wrappers_are_unwrapped(markup: str) -> None:
    assert blocks_of(markup) == (p("kept"),)


def test_inline_content_beside_blocks_becomes_its_own_paragraph() -> None:
    assert blocks_of("<div>before<p>para</p>after <b>bold</b></div>") == (
        p("before"),
        p("para"),
        p("after ", Strong((Text("bold"),))),
    )


def test_inline_element_around_a_block_is_unwrapped() -> None:
    assert blocks_of("<strong><p>para</p></strong>") == (p("para"),)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Here&#39;s</p>", "Here's"),
        ("<p>don&#8217;t</p>", "don\u2019t"),
        ("<p>A &amp; B</p>", "A & B"),
        ("<p>p &lt; 0.01</p>", "p < 0.01"),
        ("<p>200&nbsp;mcg</p>", "200\u00a0mcg"),
    ],
)
def test_entities_are_decoded(markup: str, text: str) -> None:
    assert blocks_of(markup) == (p(text),)


# --------------------------------------------------------------------------- inlines


@pytest.mark.parametrize(
    ("markup", "inline"),
    [
        ("<strong>x</strong>", Strong((Text("x"),))),
        ("<b>x</b>", Strong((Text("x"),))),
        ("<em>x</em>", Emph((Text("x"),))),
        ("<i>x</i>", Emph((Text("x"),))),
        ("<cite>x</cite>", Emph((Text("x"),))),
        ("<code>a &lt; b</code>", Code("a < b")),
        ("<kbd>Ctrl</kbd>", Code("Ctrl")),
        ("<sub>2</sub>", Sub((Text("2"),))),
        ("<sup>2</sup>", Sup((Text("2"),))),
        ('<span lang="la">in vivo</span>', Span((Text("in vivo"),), "la")),
        ('<em lang="fr">déjà</em>', Span((Emph((Text("déjà"),)),), "fr")),
    ],
)
def test_inline_elements_map_to_model_inlines(markup: str, inline: Inline) -> None:
    assert blocks_of(f"<p>{markup}</p>") == (p(inline),)


def test_line_break_is_kept() -> None:
    assert blocks_of("<p>a<br/>b</p>") == (p("a", LineBreak(), "b"),)


@pytest.mark.parametrize(
    "markup", ['<span style="color:red">x</span>', "<font>x</font>", "<abbr>x</abbr>", "<u>x</u>"]
)
def test_presentational_inline_wrappers_are_unwrapped(markup: str) -> None:
    assert blocks_of(f"<p>{markup}</p>") == (p("x"),)


def test_paragraph_language_becomes_a_span() -> None:
    assert blocks_of('<p lang="de">Wachstum</p>') == (p(Span((Text("Wachstum"),), "de")),)


def test_invalid_language_tag_is_ignored() -> None:
    assert blocks_of('<p><span lang="not a tag">x</span></p>') == (p("x"),)


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://other.org/a", "https://other.org/a"),
        ("/about/", "https://example.org/about/"),
        ("../older/", "https://example.org/blog/older/"),
        ("#faq", "#faq"),
        ("mailto:team@example.org", "mailto:team@example.org"),
        (" https://other.org/b\n", "https://other.org/b"),
    ],
)
def test_links_are_kept_absolute(href: str, expected: str) -> None:
    assert blocks_of(f'<p><a href="{href}">go</a></p>') == (p(Link((Text("go"),), expected)),)


def test_link_title_is_kept() -> None:
    assert blocks_of('<p><a href="https://a.org/" title="A">go</a></p>') == (
        p(Link((Text("go"),), "https://a.org/", "A")),
    )


@pytest.mark.parametrize(
    "href", ["tel:+15551234", "ftp://example.org/f", "file:///etc/passwd", "#"]
)
def test_links_a_book_cannot_follow_become_text(href: str) -> None:
    assert blocks_of(f'<p><a href="{href}">go</a></p>') == (p("go"),)


@pytest.mark.parametrize("base_url", [None, "blog/post/"], ids=["no-base", "base-without-host"])
@pytest.mark.parametrize("href", ["/2016/04/06/hello/", "?p=12", "//other.example/x"])
def test_relative_link_that_cannot_be_resolved_keeps_its_address_as_text(
    base_url: str | None, href: str
) -> None:
    blocks, report = parse(f'<p><a href="{href}">go</a></p>', base_url=base_url)
    assert blocks == (p("go", f" ({href})"),)
    assert [d.code for d in report.diagnostics] == ["link-unwrapped"]


@pytest.mark.parametrize("href", ["http://[::1", "http://(www\\.)?site.org(/)?.*",
                                  "https://a.org:80x/"])
def test_web_address_no_parser_accepts_is_kept_as_text(href: str) -> None:
    blocks, report = parse(f'<p><a href="{href}">go</a></p>')
    assert blocks == (p("go", f" ({href})"),)
    assert [d.code for d in report.diagnostics] == ["link-unwrapped"]


@pytest.mark.parametrize(("href", "expected"), [
    ("https://a.org/Web Overview 2013.pdf", "https://a.org/Web%20Overview%202013.pdf"),
    ("http://a.org/2012/{7BF0}.dat", "http://a.org/2012/%7B7BF0%7D.dat"),
    ("https://matrix.to/#/#room:x.org", "https://matrix.to/#/%23room:x.org"),
    ("https://fa.example/wiki/لینوکس", "https://fa.example/wiki/%D9%84%DB%8C%D9%86%D9%88%DA%A9%D8%B3"),
    ("https://bücher.example/a", "https://xn--bcher-kva.example/a"),
    ("https://a.org/100%", "https://a.org/100%25"),
    ("https://a.org/x%20y?q=1&r=(2)", "https://a.org/x%20y?q=1&r=(2)"),
])
def test_link_address_is_made_a_valid_url(href: str, expected: str) -> None:
    assert blocks_of(f'<p><a href="{href}">go</a></p>') == (p(Link((Text("go"),), expected)),)


def test_relative_link_whose_text_is_its_address_is_not_repeated() -> None:
    blocks, report = parse('<p><a href="/about/">/about/</a></p>', base_url=None)
    assert blocks == (p("/about/"),)
    assert [d.code for d in report.diagnostics] == ["link-unwrapped"]


def test_relative_link_resolves_against_the_article_address() -> None:
    assert blocks_of('<p><a href="/2016/04/06/hello/">go</a></p>') == (
        p(Link((Text("go"),), urljoin(BASE, "/2016/04/06/hello/"))),)


def test_named_anchor_is_unwrapped() -> None:
    assert blocks_of('<p><a name="top">go</a></p>') == (p("go"),)


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)"]
)
def test_javascript_link_becomes_text_and_is_reported(href: str) -> None:
    blocks, report = parse(f'<p><a href="{href}">go</a></p>')
    assert blocks == (p("go"),)
    assert report.by_code() == {"dropped-unsafe": 1}


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    ("markup", "image"),
    [
        (
            '<img src="https://cdn.org/a.jpg" alt="A vial">',
            Image("https://cdn.org/a.jpg", "A vial"),
        ),
        ('<img src="a.jpg" alt="">', Image("https://example.org/blog/post/a.jpg", "")),
        (
            '<img src="https://cdn.org/a.jpg" alt="x" width="640" height="480" title="T">',
            Image("https://cdn.org/a.jpg", "x", "T", 640, 480),
        ),
        (
            '<img src="data:image/gif;base64,R0lG" data-src="https://cdn.org/lazy.jpg" alt="x">',
            Image("https://cdn.org/lazy.jpg", "x"),
        ),
        (
            '<img srcset="https://cdn.org/s.jpg 1x, https://cdn.org/l.jpg 2x" alt="x">',
            Image("https://cdn.org/s.jpg", "x"),
        ),
    ],
)
def test_image_alone_becomes_a_figure(markup: str, image: Image) -> None:
    assert blocks_of(markup) == (Figure(image),)
    assert blocks_of(f"<p>{markup}</p>") == (Figure(image),)


def test_image_in_running_text_stays_inline() -> None:
    image = Image("https://cdn.org/i.png", "icon")
    assert blocks_of('<p>See <img src="https://cdn.org/i.png" alt="icon"> here</p>') == (
        p("See ", image, " here"),
    )


def test_figure_caption_is_kept() -> None:
    markup = (
        '<figure><img src="https://cdn.org/a.jpg" alt="A">'
        "<figcaption>Fig. 1</figcaption></figure>"
    )
    assert blocks_of(markup) == (Figure(Image("https://cdn.org/a.jpg", "A"), (Text("Fig. 1"),)),)


def test_figure_caption_of_a_wordpress_table_becomes_the_table_caption() -> None:
    markup = (
        '<figure class="wp-block-table"><table><tr><td>1</td></tr></table>'
        "<figcaption>Doses</figcaption></figure>"
    )
    assert blocks_of(markup) == (
        Table((), (Row((Cell((p("1"),)),)),), caption=(Text("Doses"),)),
    )


def test_missing_alt_comes_from_media_alt() -> None:
    blocks, report = parse(
        '<img src="https://cdn.org/a.jpg">', media_alt={"https://cdn.org/a.jpg": "A vial"}
    )
    assert blocks == (Figure(Image("https://cdn.org/a.jpg", "A vial")),)
    assert report.diagnostics == []


def test_unknown_alt_is_none_and_reported() -> None:
    blocks, report = parse('<img src="https://cdn.org/a.jpg">')
    assert blocks == (Figure(Image("https://cdn.org/a.jpg", None)),)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("missing-alt", "warning")]


@pytest.mark.parametrize(
    "src", ["file:///etc/passwd", "ftp://example.org/a.jpg", "data:image/png;base64,AAAA"]
)
def test_non_http_image_becomes_its_alt_text(src: str) -> None:
    blocks, report = parse(f'<img src="{src}" alt="A chart">')
    assert blocks == (p("A chart"),)
    assert report.by_code() == {"fetch-refused": 1}


def test_linked_image_is_unwrapped_into_figure_and_link() -> None:
    markup = '<a href="https://shop.org/kit"><img src="https://cdn.org/kit.jpg" alt="Kit"></a>'
    assert blocks_of(markup) == (
        Figure(Image("https://cdn.org/kit.jpg", "Kit")),
        p(Link((Text("https://shop.org/kit"),), "https://shop.org/kit")),
    )


def test_image_linked_to_itself_is_only_a_figure() -> None:
    markup = (
        '<p><a href="https://cdn.org/big.jpg"><img src="https://cdn.org/big.jpg" alt="B"></a></p>'
    )
    assert blocks_of(markup) == (Figure(Image("https://cdn.org/big.jpg", "B")),)


# --------------------------------------------------------------------------- embeds


@pytest.mark.parametrize(
    ("markup", "url"),
    [
        ('<iframe src="https://youtube.com/embed/x1"></iframe>', "https://youtube.com/embed/x1"),
        ('<embed src="//media.org/a.swf">', "https://media.org/a.swf"),
        ('<video src="/v.mp4" controls></video>', "https://example.org/v.mp4"),
        ('<video><source src="https://m.org/v.webm"></video>', "https://m.org/v.webm"),
        ('<audio src="https://m.org/a.mp3"></audio>', "https://m.org/a.mp3"),
        ("<object data='https://m.org/x.swf'></object>", "https://m.org/x.swf"),
        ("<object data='x.swf'><param name=a value=b></object>", "https://example.org/blog/post/x.swf"),
    ],
)
def test_embeds_become_a_link_to_their_source(markup: str, url: str) -> None:
    blocks, report = parse(markup)
    assert blocks == (p(Link((Text(url),), url)),)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("embed-linked", "info")]


def test_embed_without_http_source_is_dropped() -> None:
    blocks, report = parse('<iframe src="javascript:alert(1)"></iframe><p>after</p>')
    assert blocks == (p("after"),)
    assert report.by_code() == {"dropped-unsafe": 1}


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<noscript><img src='https://t.org/pixel.gif'></noscript>",
        "<template><p>hidden</p></template>",
        "<form action='/x'><input name='q'><button>Go</button></form>",
        "<select><option>1</option></select>",
        "<textarea>text</textarea>",
        "<meta http-equiv='refresh' content='0;url=https://evil.org'>",
        "<link rel='stylesheet' href='x.css'>",
        "<base href='https://evil.org/'>",
    ],
)
def test_active_content_is_dropped_and_reported(markup: str) -> None:
    blocks, report = parse(f"<p>before</p>{markup}<p>after</p>")
    assert blocks == (p("before"), p("after"))
    assert set(report.by_code()) == {"dropped-unsafe"}
    assert all(d.severity == "warning" for d in report.diagnostics)


def test_a_button_keeps_its_text_and_loses_its_handler() -> None:
    # HTML §4.10.6: a button's content is phrasing content the page shows (an accordion's
    # question is one); only its event handler is active content.
    blocks, report = parse("<p>before</p><button onclick='buy()'>Buy</button><p>after</p>")
    assert blocks == (p("before"), p("Buy"), p("after"))
    assert [(d.code, d.severity) for d in report.diagnostics] == [("dropped-unsafe", "warning")]


def test_style_is_dropped_and_reported_as_info() -> None:
    blocks, report = parse("<style>.a { font-size: 18px }</style><p>text</p>")
    assert blocks == (p("text"),)
    assert [(d.code, d.severity) for d in report.diagnostics] == [("dropped-unsafe", "info")]


def test_event_handler_is_reported_and_its_element_kept() -> None:
    blocks, report = parse('<p onclick="steal()">Click <a href="/x" onmouseover="y()">me</a></p>')
    assert blocks == (p("Click ", Link((Text("me"),), "https://example.org/x")),)
    assert report.by_code() == {"dropped-unsafe": 2}


def test_script_text_never_reaches_the_model() -> None:
    blocks, _ = parse("<p>a<script>document.write('<p>evil</p>')</script>b</p>")
    assert blocks == (p("a", "b"),)


def test_comments_are_dropped_silently() -> None:
    assert blocks_of("<p>a<!-- note -->b</p><!--[if IE]><p>old</p><![endif]-->") == (p("a", "b"),)


# --------------------------------------------------------------------------- unknown markup


def test_unknown_block_element_is_kept_raw_and_reported() -> None:
    blocks, report = parse('<svg viewBox="0 0 1 1"><circle r="1"/></svg>')
    assert len(blocks) == 1 and isinstance(blocks[0], RawBlock)
    assert blocks[0].markup.startswith("<svg")
    assert report.by_code() == {"raw-kept": 1}


def test_unknown_inline_element_is_kept_raw_in_its_paragraph() -> None:
    blocks, report = parse("<p>Take <dose-calc>200</dose-calc> mcg</p>")
    assert blocks == (
        p("Take ", RawInline("<dose-calc>200</dose-calc>", "unknown element <dose-calc>"), " mcg"),
    )
    assert report.by_code() == {"raw-kept": 1}


def test_raw_markup_has_active_content_taken_out() -> None:
    blocks, _ = parse(
        '<svg onload="x()"><script>alert(1)</script><a href="javascript:y()">z</a></svg>'
    )
    assert isinstance(blocks[0], RawBlock)
    markup = blocks[0].markup.lower()
    assert "script" not in markup and "onload" not in markup


# --------------------------------------------------------------------------- details


SUMMARY = (
    '<details class="faq-item" itemscope itemprop="mainEntity"><summary itemprop="name">'
    'How long does it take?<br />\n<span class="faq-arrow" style="position:absolute">▼</span>'
    '<br />\n</summary><div itemprop="acceptedAnswer"><p itemprop="text">Weeks.</p></div></details>'
)


def test_details_becomes_a_one_question_section_without_its_arrow() -> None:
    ((section,),) = (blocks_of(SUMMARY),)
    assert isinstance(section, QASection)
    (question,) = section.questions
    assert "".join(t.text for t in question.question if isinstance(t, Text)).strip() == (
        "How long does it take?"
    )
    assert question.answer == (p("Weeks."),)


@pytest.mark.parametrize("arrow", ["▲", "+", "<svg><path d='M0'/></svg>", "<i class='icon'></i>"])
def test_summary_decorations_are_dropped(arrow: str) -> None:
    blocks = blocks_of(f"<details><summary>Q?<span>{arrow}</span></summary><p>A</p></details>")
    assert blocks == (QASection((Question((Text("Q?"),), (p("A"),)),)),)


def test_arrow_typed_into_the_summary_text_is_dropped() -> None:
    blocks = blocks_of("<details><summary>Q? ▼</summary><p>A</p></details>")
    assert blocks == (QASection((Question((Text("Q?"),), (p("A"),)),)),)


def test_details_without_summary_is_unwrapped() -> None:
    assert blocks_of("<details><p>Only text</p></details>") == (p("Only text"),)


# --------------------------------------------------------------------------- tables


def test_table_sections_cells_and_spans() -> None:
    markup = (
        "<table><caption>Doses</caption>"
        '<thead><tr><th scope="col">Drug</th><th colspan="2">Dose</th></tr></thead>'
        '<tbody><tr><td rowspan="2">A</td><td>1</td><td>2</td></tr></tbody>'
        "<tfoot><tr><td>Total</td><td>3</td></tr></tfoot></table>"
    )
    assert blocks_of(markup) == (
        Table(
            head=(
                Row(
                    (
                        Cell((p("Drug"),), header=True, scope="col"),
                        Cell((p("Dose"),), header=True, colspan=2),
                    )
                ),
            ),
            body=(
                Row((Cell((p("A"),), rowspan=2), Cell((p("1"),)), Cell((p("2"),)))),
                Row((Cell((p("Total"),)), Cell((p("3"),)))),
            ),
            caption=(Text("Doses"),),
        ),
    )


@pytest.mark.parametrize(("span", "expected"), [("0", 1), ("5000", 1000), ("x", 1)])
def test_colspan_is_clamped(span: str, expected: int) -> None:
    (table,) = blocks_of(f'<table><tr><td colspan="{span}">a</td></tr></table>')
    assert isinstance(table, Table)
    assert table.body[0].cells[0].colspan == expected


def test_content_misplaced_in_a_table_comes_before_it() -> None:
    (before, table) = blocks_of("<table><p>stray</p><tr><td>1</td></tr></table>")
    assert before == p("stray")
    assert isinstance(table, Table)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    ("open_tag", "close_tag", "levels", "container"),
    [
        ("<b>", "</b>", 250, Strong),
        ("<blockquote>", "</blockquote>", 250, BlockQuote),
        ("<div>", "</div>", 490, None),
        ("<ul><li>", "</li></ul>", 300, BulletList),
        ("<details><summary>Q?</summary>", "</details>", 200, QASection),
        ("<table><tr><td>", "</td></tr></table>", 200, Table),
        ("<dl><dt>term</dt><dd>", "</dd></dl>", 200, DefinitionList),
    ],
)
def test_markup_nested_past_the_cap_is_flattened_to_its_text(
    open_tag: str, close_tag: str, levels: int, container: type | None
) -> None:
    blocks, report = parse(
        "<p>Before.</p>" + open_tag * levels + "deep text" + close_tag * levels + "<p>After.</p>"
    )
    assert blocks[0] == p("Before.") and blocks[-1] == p("After.")
    assert "deep text" in "".join(i.text for i in iter_inlines(blocks) if isinstance(i, Text))
    if container is not None:  # the levels above the cap are kept, the ones below are not
        nodes = [*iter_blocks(blocks), *iter_inlines(blocks)]
        assert 0 < sum(isinstance(node, container) for node in nodes) <= MAX_DEPTH
    assert report.by_code() == {"nesting-flattened": 1}


def test_nesting_up_to_the_cap_is_kept() -> None:
    blocks, report = parse("<blockquote>" * MAX_DEPTH + "x" + "</blockquote>" * MAX_DEPTH)
    assert sum(isinstance(b, BlockQuote) for b in iter_blocks(blocks)) == MAX_DEPTH
    assert report.diagnostics == []


def test_one_level_past_the_cap_is_flattened_and_reported() -> None:
    depth = MAX_DEPTH + 1
    blocks, report = parse("<blockquote>" * depth + "x" + "</blockquote>" * depth)
    assert sum(isinstance(b, BlockQuote) for b in iter_blocks(blocks)) == MAX_DEPTH
    assert [d.message for d in report.diagnostics] == [
        (f"flattened 1 element nested deeper than {MAX_DEPTH} levels (<blockquote> ×1) to "
        "their text: 1 character kept")
    ]


def test_flattened_text_keeps_every_word_in_order_and_apart() -> None:
    deep = "<div>" * MAX_DEPTH
    blocks, _ = parse(
        f"{deep}<div><p>one</p><p>two<br>three</p><ul><li>four</li></ul>"
        '<table><tr><td>five</td><td>six</td></tr></table><img src="a.png" alt="seven">'
        f"<b>eig</b><i>ht</i></div>"
    )
    (paragraph,) = blocks
    assert isinstance(paragraph, Paragraph)
    (text,) = paragraph.children
    assert isinstance(text, Text)
    assert text.text.split() == ["one", "two", "three", "four", "five", "six", "seven", "eight"]


def test_active_content_in_a_flattened_subtree_is_dropped_and_reported() -> None:
    blocks, report = parse(
        "<div>" * (MAX_DEPTH + 1) + "<p>kept</p><script>alert(1)</script><style>p{}</style>"
    )
    assert "alert" not in dump_blocks(blocks) and "kept" in dump_blocks(blocks)
    assert report.by_code() == {"nesting-flattened": 1, "dropped-unsafe": 2}


@pytest.mark.parametrize("markup", ["", "   ", "\n", "<!-- only a comment -->", "</p>"])
def test_empty_input_gives_no_blocks(markup: str) -> None:
    assert blocks_of(markup) == ()


def test_text_that_looks_like_a_url_is_parsed_as_text() -> None:
    assert blocks_of("https://example.org/") == (p("https://example.org/"),)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<b>GH</b> &amp; IGF-1<script>x</script>\n<style>a{}</style>", "GH & IGF-1"),
        ("Semaglutide<sup>®</sup> <em>dosing</em>", "Semaglutide® dosing"),
        ("<p>One.</p><p>Two<br>lines.</p>", "One. Two lines."),
    ],
)
def test_html_to_text_keeps_the_visible_text(markup: str, text: str) -> None:
    assert html_to_text(markup, controls=ControlFilter(), field="the title") == text


def test_html_to_text_removes_control_characters_into_its_filter() -> None:
    controls, report = ControlFilter(), Report()
    text = html_to_text("Pep\x00tide&#x1b;s&#12;and <b>more</b>", controls=controls,
                        field="the title")
    assert text == "Peptides and more"
    controls.report(report, "test")
    assert [d.message for d in report.diagnostics] == [
        ("removed 2 control characters (U+0000 ×1, U+001B ×1) from the title; "
        "replaced 1 control character (U+000C ×1) in the title by a space")
    ]


TAGS = [
    "p", "div", "span", "a", "img", "table", "tr", "td", "th", "ul", "li", "ol", "dl", "dt",
    "dd", "details", "summary", "script", "style", "iframe", "svg", "math", "form", "h2",
    "h7", "strong", "em", "br", "pre", "code", "figure", "figcaption", "x-y", "object",
    "template", "noscript", "blockquote", "aside", "video", "source", "sub", "sup", "hr",
]
ATTRIBUTES = [
    "", ' href="javascript:alert(1)"', ' src="https://x.org/a.png"', ' onclick="x()"',
    ' src="file:///etc/passwd"', ' lang="fr"', ' colspan="9999"', ' start="-3"', " alt",
    ' href="/rel"', ' style="font-size:1px"',
]
token = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=12),
    st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "&#39;", "&amp;", ">", "\x00"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(token, max_size=40).map("".join))
def test_garbled_html_never_raises_and_never_yields_a_script(markup: str) -> None:
    blocks, _ = parse(markup)
    assert "<script" not in dump_blocks(blocks).lower()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(markup: str) -> None:
    parse(markup)


def test_lone_surrogate_is_removed_and_reported() -> None:
    blocks, report = parse("<p>a\ud800b</p>")
    assert blocks == (p("ab"),)
    assert report.by_code() == {"control-removed": 1}


# --------------------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>a\x00b\x1bc\x7fd\x9fe</p>", "abcde"),  # raw
        ("<p>a&#1;b&#x1b;c&#x7f;d&#27;e</p>", "abcde"),  # character references
        ("<p>form\x0cfeed&#12;and&#x0b;tab</p>", "form feed and tab"),  # separators
        ("<p>next\x85line</p>", "next\nline"),
    ],
)
def test_control_characters_never_reach_the_model(markup: str, text: str) -> None:
    blocks, report = parse(markup)
    assert blocks == (p(text),)
    assert report.by_code() == {"control-removed": 1}


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>a&#0;b</p>", "a\ufffdb"),  # WHATWG HTML: a NUL reference is U+FFFD
        ("<p>a&#x85;b</p>", "a…b"),  # WHATWG HTML: C1 references are Windows-1252
        ("<p>a&#x80;b</p>", "a€b"),
    ],
)
def test_references_the_html_standard_maps_are_not_controls(markup: str, text: str) -> None:
    assert blocks_of(markup) == (p(text),)


def test_control_characters_in_attributes_are_removed() -> None:
    blocks, report = parse('<p><a href="https://ex.org/a&#1;b" title="T&#x1b;">x</a></p>'
                           '<img src="https://ex.org/i.png" alt="A\x00lt">')
    assert blocks == (
        p(Link((Text("x"),), "https://ex.org/ab", "T")),
        Figure(Image("https://ex.org/i.png", "Alt")),
    )
    assert [d.message for d in report.diagnostics] == [
        "removed 3 control characters (U+0000 ×1, U+0001 ×1, U+001B ×1) from the content"
    ]


def test_control_characters_are_reported_once_per_fragment() -> None:
    _, report = parse("<p>a\x00</p><p>b&#x1b;</p><pre>c\x00</pre>")
    assert [d.message for d in report.diagnostics] == [
        "removed 3 control characters (U+0000 ×2, U+001B ×1) from the content"
    ]


def test_a_callers_filter_collects_instead_of_reporting() -> None:
    controls, report = ControlFilter(), Report()
    blocks = parse_html_fragment("<p>a\x00b</p>", base_url=None, report=report, where="t",
                                 controls=controls)
    assert blocks == (p("ab"),) and report.diagnostics == []
    assert controls.changed


# --------------------------------------------------------------------------- WHATWG parsing (#10)


def test_text_after_a_wbr_is_kept_and_the_words_join() -> None:
    assert blocks_of("<p>Somatotropin<wbr>releasing hormone</p><p>next</p>") == (
        p("Somatotropin", "releasing hormone"),
        p("next"),
    )


def test_everything_after_an_embed_is_kept() -> None:
    blocks, report = parse(
        '<p>See <embed src="https://media.org/a.swf"> the clip.</p><h2>Later</h2><p>More.</p>'
    )
    url = "https://media.org/a.swf"
    assert blocks == (
        p("See ", Link((Text(url),), url), " the clip."),
        Heading(2, (Text("Later"),)),
        p("More."),
    )
    assert report.by_code() == {"embed-linked": 1}


@pytest.mark.parametrize(
    ("markup", "image"),
    [
        (
            ('<picture><source srcset="https://cdn.org/a.webp"><img src="https://cdn.org/b.jpg"'
            ' alt="A vial"></picture>'),
            Image("https://cdn.org/b.jpg", "A vial"),
        ),
        (
            ('<picture><source srcset="https://cdn.org/a.webp 1x, https://cdn.org/a2.webp 2x">'
            '<img alt="A vial"></picture>'),
            Image("https://cdn.org/a.webp", "A vial"),
        ),
    ],
)
def test_picture_is_its_image(markup: str, image: Image) -> None:
    assert blocks_of(markup + "<p>after</p>") == (Figure(image), p("after"))


def test_source_and_track_hold_no_content() -> None:
    blocks, _ = parse(
        '<video><source src="https://m.org/v.mp4"><track src="https://m.org/v.vtt"></video>'
        '<p>Subtitles<track src="https://m.org/v.vtt"> in <source src="https://m.org/a">'
        "English.</p>"
    )
    assert blocks == (
        p(Link((Text("https://m.org/v.mp4"),), "https://m.org/v.mp4")),
        p("Subtitles", " in ", "English."),
    )


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p><div>x</div></p>", (p("x"),)),  # </p> without an open <p> is an empty <p>
        ("<b><i>x</b>y</i>", (p(Strong((Emph((Text("x"),)),)), Emph((Text("y"),))),)),
        ("<ul><li>a<li>b</ul>", (BulletList((item(p("a")), item(p("b")))),)),
        ("<p>a<br/>b</br>c</p>", (p("a", LineBreak(), "b", LineBreak(), "c"),)),
        ("<p>one<p>two", (p("one"), p("two"))),
        ("<title>T</title><p>body</p>", (p("body"),)),  # a fragment: <title> stays, unread
        ("<html><body class='x'><p>x</p></body></html>", (p("x"),)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_mis_nested_markup_is_repaired_as_browsers_do(
    markup: str, expected: tuple[Block, ...]
) -> None:
    assert blocks_of(markup) == expected


def test_text_after_an_unclosed_table_is_kept_after_it() -> None:
    (table, after) = blocks_of("<table><tr><td>x</table>after")
    assert table == Table((), (Row((Cell((p("x"),)),)),))
    assert after == p("after")


def test_content_foster_parented_out_of_a_table_is_kept() -> None:
    # tinyhtml5 2.1 loses an element foster-parented into the fragment's root.
    blocks = blocks_of("<table><b>bold</b> text<tr><td>1</td></tr></table>")
    assert blocks[0] == p(Strong((Text("bold"),)), " text")
    assert isinstance(blocks[1], Table)


def test_object_fallback_content_follows_its_link() -> None:
    blocks, report = parse(
        '<object data="https://m.org/chart.svg"><img src="https://m.org/chart.png" '
        'alt="Chart"><p>Doses by week.</p></object>'
    )
    url = "https://m.org/chart.svg"
    assert blocks == (
        p(Link((Text(url),), url)),
        Figure(Image("https://m.org/chart.png", "Chart")),
        p("Doses by week."),
    )
    assert report.by_code() == {"embed-linked": 1}


def test_object_without_http_source_keeps_its_fallback_content() -> None:
    blocks, report = parse('<object data="javascript:x()"><p>Fallback.</p></object>')
    assert blocks == (p("Fallback."),)
    assert [d.message for d in report.diagnostics] == [
        "dropped <object> without an http(s) source, kept its fallback content"
    ]


def test_video_fallback_text_is_dropped_and_said_so() -> None:
    _, report = parse('<video src="https://m.org/v.mp4">Your browser cannot play it.</video>')
    assert [d.message for d in report.diagnostics] == [
        ("<video> replaced by a link to https://m.org/v.mp4; dropped its fallback text "
        "'Your browser cannot play it.'")
    ]


def test_held_back_start_tags_count_in_the_one_flattening_line() -> None:
    _, report = parse("<div>" * 490 + "deep" + "</div>" * 490)
    assert [d.message for d in report.diagnostics] == [
        (f"flattened {490 - MAX_DEPTH} elements nested deeper than {MAX_DEPTH} levels "
        f"(<div> ×{490 - MAX_DEPTH}) to their text: 4 characters kept")
    ]


def test_a_fragment_naming_a_file_is_read_as_text(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>secret</p>", encoding="utf-8")
    assert blocks_of(str(secret)) == (p(str(secret)),)


def test_a_line_break_in_inline_code_stays_a_line_break() -> None:
    # Two commands on two lines (a real Persian blog, corpus wxr/site-parchlinux-fa.xml): the
    # break must not glue "-Sy" to "sudo".
    assert blocks_of("<p><code>sudo pacman -Sy<br>sudo pacman -S <b>x</b></code></p>") == (
        p(Code("sudo pacman -Sy"), LineBreak(), Code("sudo pacman -S x")),
    )
    assert blocks_of("<p><code><br>a<br></code></p>") == (
        p(LineBreak(), Code("a"), LineBreak()),
    )


def test_a_form_keeps_its_text_and_loses_its_controls() -> None:
    # A theme's demo post (corpus wxr/wptt-theme-preview.xml) puts a heading, a paragraph and
    # labels in a form: they are the page's text; the controls only work on the site.
    blocks, report = parse(
        "<form><h2>Form</h2><p>Lorem ipsum.</p><p><label>Name:</label><br>"
        "<input type='text'></p><p><button>Send</button></p>"
        "<select><option>One</option></select></form>"
    )
    assert blocks == (
        Heading(2, (Text("Form"),)), p("Lorem ipsum."), p("Name:", LineBreak()),
    )
    assert report.by_code() == {"dropped-unsafe": 3}
    assert all(d.severity == "warning" for d in report.diagnostics)


def test_a_formula_is_kept_as_its_tex_source_else_its_alt_text() -> None:
    # The block editor's Math block (corpus blocks/gutenberg-core__math.html).
    math = ('<div class="wp-block-math"><math display="block"><semantics><mrow><mi>x</mi>'
            "<mo>=</mo><msup><mi>b</mi><mn>2</mn></msup></mrow>"
            '<annotation encoding="application/x-tex">x = b^2</annotation></semantics>'
            "</math></div>")
    blocks, report = parse(math)
    assert blocks == (p(Code("x = b^2")),)
    assert report.by_code() == {"raw-kept": 1}
    blocks, _ = parse('<p>So <math alttext="x squared"><msup><mi>x</mi><mn>2</mn></msup>'
                      "</math>.</p>")
    assert blocks == (p("So ", Text("x squared"), "."),)
    blocks, _ = parse("<p><math><mi>x</mi><mo>+</mo><mn>1</mn></math></p>")
    assert blocks == (p(Text("x + 1")),)


def test_a_term_without_description_is_a_paragraph() -> None:
    # Wikipedia's pseudo-headings (<dl><dt>…</dt></dl>): a <dl> whose last <dt> has no <dd>
    # after it is invalid in an EPUB; such a term is text of its own. Terms in a row before a
    # description share it, as HTML says, and stay terms.
    assert blocks_of("<dl><dt>Early life</dt></dl>") == (p("Early life"),)
    assert blocks_of("<dl><dt>A</dt><dt>B</dt><dd>b</dd><dt>Alone</dt></dl>") == (
        DefinitionList((DefinitionItem((Text("A"),), ()),
                        DefinitionItem((Text("B"),), ((p("b"),),)))),
        p("Alone"),
    )
