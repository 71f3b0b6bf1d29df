"""The HTML reader on the block editor's markup: each block as WordPress writes it (the markup of
WordPress/gutenberg's ``test/integration/fixtures/blocks`` and of ``save.js``/``index.php`` of
each block in ``packages/block-library``) maps to the model, and nothing of its text is lost."""

from __future__ import annotations

import pytest

from peptidebook.diagnostics import Report
from peptidebook.model import (
    Block,
    BlockQuote,
    Cell,
    CodeBlock,
    Emph,
    Endnote,
    Endnotes,
    Figure,
    Heading,
    HorizontalRule,
    Image,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    Paragraph,
    Preformatted,
    QASection,
    Question,
    Row,
    Strong,
    Sup,
    Table,
    Text,
)
from peptidebook.readers.html import parse_html_fragment

BASE = "https://example.org/blog/post/"


def parse(markup: str) -> tuple[tuple[Block, ...], Report]:
    report = Report()
    return parse_html_fragment(markup, base_url=BASE, report=report, where="test"), report


def p(*children: str | Inline) -> Paragraph:
    return Paragraph(tuple(Text(c) if isinstance(c, str) else c for c in children))


def codes(report: Report) -> list[tuple[str, str]]:
    return [(d.code, d.severity) for d in report.diagnostics]


# --------------------------------------------------------------------------- footnotes

MARKER = ('<sup data-fn="{id}" class="fn"><a href="#{id}" id="{id}-link">{n}</a></sup>')
NOTE = ('<li id="{id}">{text} <a href="#{id}-link" '
        'aria-label="Jump to footnote reference {n}">↩︎</a></li>')
U1 = "0d7fa1f5-5a1e-4c5c-9f62-3c2f0f4b9d11"
U2 = "9b1c2d3e-0000-4000-8000-1234567890ab"


def test_footnotes_become_note_references_and_endnotes() -> None:
    markup = (
        f'<p>Peptides{MARKER.format(id=U1, n=1)} and doses{MARKER.format(id=U2, n=2)}.</p>'
        '<ol class="wp-block-footnotes">'
        f'{NOTE.format(id=U1, n=1, text="See <em>Smith</em> 2020.")}'
        f'{NOTE.format(id=U2, n=2, text="Per day.")}</ol>'
    )
    blocks, report = parse(markup)
    assert blocks == (
        p("Peptides", NoteRef((Text("1"),), "fn-1", "fn-1-ref"), " and doses",
          NoteRef((Text("2"),), "fn-2", "fn-2-ref"), "."),
        # The editor's bare "↩︎" back-link is left out: assembly adds one with words.
        Endnotes((), (
            Endnote("fn-1", (p("See ", Emph((Text("Smith"),)), " 2020. "),)),
            Endnote("fn-2", (p("Per day. "),)),
        ), level=2),
    )
    assert codes(report) == []


def test_a_marker_without_its_note_stays_a_superscript_link() -> None:
    blocks, _ = parse(f"<p>Text{MARKER.format(id=U1, n=1)}</p>")
    assert blocks == (p("Text", Sup((Link((Text("1"),), f"#{U1}"),))),)


def test_a_footnotes_list_no_marker_points_at_stays_a_list() -> None:
    blocks, _ = parse(f'<ol class="wp-block-footnotes">{NOTE.format(id=U1, n=1, text="x")}</ol>')
    assert not any(isinstance(b, Endnotes) for b in blocks)


# --------------------------------------------------------------------------- Q&A

ACCORDION = """<!-- wp:accordion -->
<div role="group" class="wp-block-accordion">
\t<!-- wp:accordion-item -->
\t<div class="wp-block-accordion-item">
\t\t<!-- wp:accordion-heading -->
\t\t<h3 class="wp-block-accordion-heading">
\t\t\t<button type="button" class="wp-block-accordion-heading__toggle"><span class="wp-block-accordion-heading__toggle-title">Accordion Title</span><span class="wp-block-accordion-heading__toggle-icon" aria-hidden="true">+</span></button>
\t\t</h3>
\t\t<!-- /wp:accordion-heading -->
\t\t<!-- wp:accordion-panel -->
\t\t<div role="region" class="wp-block-accordion-panel">
\t\t\t<!-- wp:paragraph -->
\t\t\t<p>Accordion  Panel Content</p>
\t\t\t<!-- /wp:paragraph -->
\t\t</div>
\t\t<!-- /wp:accordion-panel -->
\t</div>
\t<!-- /wp:accordion-item -->
</div>
<!-- /wp:accordion -->
"""  # noqa: E501 (core__accordion.html as WordPress/gutenberg has it)


def test_an_accordion_is_questions_and_answers() -> None:
    blocks, report = parse(ACCORDION)
    assert blocks == (
        QASection((Question((Text("Accordion Title"),), (p("Accordion  Panel Content"),)),)),
    )
    assert codes(report) == []


def test_a_details_block_is_a_question() -> None:
    blocks, _ = parse('<details class="wp-block-details"><summary>Is it safe?</summary>'
                      '<p>Ask a doctor.</p></details>')
    assert blocks == (QASection((Question((Text("Is it safe?"),), (p("Ask a doctor."),)),)),)


# --------------------------------------------------------------------------- media

GALLERY = """<figure class="wp-block-gallery columns-2 is-cropped">
\t<ul class="blocks-gallery-grid">
\t\t<li class="blocks-gallery-item">
\t\t\t<figure>
\t\t\t\t<img src="http://localhost:8888/wp-content/uploads/foo.png" alt="title" />
\t\t\t</figure>
\t\t</li>
\t\t<li class="blocks-gallery-item">
\t\t\t<figure>
\t\t\t\t<img src="http://localhost:8888/wp-content/uploads/foo.jpg" alt="title" />
\t\t\t</figure>
\t\t</li>
\t</ul>
\t<figcaption class="blocks-gallery-caption">Gallery caption.</figcaption>
</figure>"""


def test_a_gallery_is_its_figures_then_its_caption() -> None:
    blocks, _ = parse(GALLERY)
    assert blocks == (
        Figure(Image("http://localhost:8888/wp-content/uploads/foo.png", "title")),
        Figure(Image("http://localhost:8888/wp-content/uploads/foo.jpg", "title")),
        p("Gallery caption."),
    )


def test_a_gallery_of_image_blocks_keeps_each_caption() -> None:
    blocks, _ = parse(
        '<figure class="wp-block-gallery has-nested-images columns-default">'
        '<figure class="wp-block-image size-large"><img src="https://e.org/a.jpg" alt="A"/>'
        '<figcaption class="wp-element-caption">First</figcaption></figure>'
        '<figure class="wp-block-image size-large"><img src="https://e.org/b.jpg" alt="B"/>'
        '</figure><figcaption class="blocks-gallery-caption wp-element-caption">Both</figcaption>'
        "</figure>")
    assert blocks == (Figure(Image("https://e.org/a.jpg", "A"), (Text("First"),)),
                      Figure(Image("https://e.org/b.jpg", "B")), p("Both"))


def test_an_image_block_is_a_captioned_figure() -> None:
    blocks, _ = parse('<figure class="wp-block-image size-large"><img src="https://e.org/a.jpg"'
                      ' alt="A vial" class="wp-image-12"/><figcaption class="wp-element-caption">'
                      "A <em>vial</em></figcaption></figure>")
    assert blocks == (Figure(Image("https://e.org/a.jpg", "A vial"),
                             (Text("A "), Emph((Text("vial"),)))),)


def test_media_and_text_is_the_figure_then_the_text() -> None:
    blocks, _ = parse(
        '<div class="wp-block-media-text is-stacked-on-mobile">'
        '<figure class="wp-block-media-text__media"><img src="https://e.org/m.jpg" alt="Lab"/>'
        '</figure><div class="wp-block-media-text__content">'
        '<p class="wp-block-paragraph has-large-font-size">My Content</p></div></div>')
    assert blocks == (Figure(Image("https://e.org/m.jpg", "Lab")), p("My Content"))


COVER = """<div class="wp-block-cover">
    <img class="wp-block-cover__image-background" alt="{alt}" src="https://e.org/bg.jpg" data-object-fit="cover" />
    <span aria-hidden="true" class="wp-block-cover__background has-background-dim-40 has-background-dim"></span>
    <div class="wp-block-cover__inner-container">
\t\t<p class="has-text-align-center has-large-font-size">Guten Berg!</p>
\t</div>
</div>"""  # noqa: E501 (core__cover.html, its data: image made an address)


def test_a_cover_drops_its_decorative_background_and_says_so() -> None:
    blocks, report = parse(COVER.format(alt=""))
    assert blocks == (p("Guten Berg!"),)
    assert codes(report) == [("dropped-unsafe", "info")]


def test_a_cover_background_with_alt_text_is_a_figure() -> None:
    blocks, report = parse(COVER.format(alt="A mountain"))
    assert blocks == (Figure(Image("https://e.org/bg.jpg", "A mountain")), p("Guten Berg!"))
    assert codes(report) == []


# --------------------------------------------------------------------------- quotes


def test_a_pullquote_is_a_quotation_with_its_attribution() -> None:
    blocks, _ = parse('<figure class="wp-block-pullquote">\n    <blockquote>\n    '
                      "<p>Testing pullquote block...</p><cite class=\"wp-block-pullquote__citation"
                      ' wp-element-cite">...with a caption</cite>\n    </blockquote>\n</figure>')
    assert blocks == (BlockQuote((p("Testing pullquote block..."),),
                                 (Text("...with a caption"),)),)


def test_a_quote_block_is_a_quotation_with_its_attribution() -> None:
    blocks, _ = parse('<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
                      '<p class="wp-block-paragraph">The editor will endeavour.</p>\n'
                      "<!-- /wp:paragraph --><cite>Matt Mullenweg, 2017</cite></blockquote>")
    assert blocks == (BlockQuote((p("The editor will endeavour."),),
                                 (Text("Matt Mullenweg, 2017"),)),)


def test_a_cite_inside_the_quoted_text_is_a_title_not_the_attribution() -> None:
    blocks, _ = parse("<blockquote><p>As <cite>Dune</cite> says.</p></blockquote>")
    assert blocks == (BlockQuote((p("As ", Emph((Text("Dune"),)), " says."),)),)


# --------------------------------------------------------------------------- line breaks


def test_a_code_block_keeps_its_lines() -> None:
    blocks, _ = parse('<pre class="wp-block-code"><code>function hello() {\n'
                      '  return "world";\n}</code></pre>')
    assert blocks == (CodeBlock('function hello() {\n  return "world";\n}'),)


def test_a_code_block_line_break_element_is_a_newline() -> None:
    blocks, _ = parse('<pre class="wp-block-code"><code>a = 1<br>b = 2</code></pre>')
    assert blocks == (CodeBlock("a = 1\nb = 2"),)


def test_preformatted_text_keeps_its_formatting_and_spaces() -> None:
    blocks, _ = parse('<pre class="wp-block-preformatted">Some <em>preformatted</em> text\n'
                      "  and line breaks.<br>And <a href=\"https://e.org/\">a link</a>\n</pre>")
    assert blocks == (Preformatted((
        Text("Some "), Emph((Text("preformatted"),)), Text(" text\n  and line breaks."),
        LineBreak(), Text("And "), Link((Text("a link"),), "https://e.org/"),
    )),)


def test_verse_keeps_its_line_breaks() -> None:
    blocks, _ = parse('<pre class="wp-block-verse">A block for haiku? <br/>Why not? <br/>'
                      "Blocks for <strong>all</strong> the things!</pre>")
    assert blocks == (Preformatted((
        Text("A block for haiku? "), LineBreak(), Text("Why not? "), LineBreak(),
        Text("Blocks for "), Strong((Text("all"),)), Text(" the things!"),
    ), "verse"),)


# --------------------------------------------------------------------------- tables


def test_a_table_block_keeps_spans_and_caption() -> None:
    blocks, _ = parse(
        '<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr>'
        '<th colspan="2">Dose</th></tr></thead><tbody><tr><td rowspan="2">A</td><td>1</td></tr>'
        '<tr><td>2</td></tr></tbody></table><figcaption class="wp-element-caption">Doses'
        "</figcaption></figure>")
    assert blocks == (Table(
        (Row((Cell((p("Dose"),), header=True, colspan=2),)),),
        (Row((Cell((p("A"),), rowspan=2), Cell((p("1"),)))), Row((Cell((p("2"),)),))),
        (Text("Doses"),),
    ),)


# --------------------------------------------------------------------------- embeds

YOUTUBE = ('<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube'
           ' wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n'
           "{inner}\n</div><figcaption class=\"wp-element-caption\">The talk</figcaption></figure>")
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(("inner", "url"), [
    (VIDEO, VIDEO),  # as the saved post holds it
    (('<iframe title="The talk" width="500" height="281" src="https://www.youtube.com/embed/'
     'dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen></iframe>'),
     "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"),  # as the site renders it
])
def test_an_embed_is_a_link_named_after_its_provider(inner: str, url: str) -> None:
    blocks, report = parse(YOUTUBE.format(inner=inner))
    assert blocks == (p("YouTube: ", Link((Text(url),), url)), p("The talk"))
    assert codes(report) == [("embed-linked", "info")]


def test_an_embed_of_an_unknown_provider_is_named_by_its_host() -> None:
    blocks, _ = parse('<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
                      "        https://example.com/\n    </div>\n    <figcaption class="
                      '"wp-element-caption">Embedded content from an example URL</figcaption>'
                      "</figure>")
    assert blocks == (p("example.com: ", Link((Text("https://example.com/"),),
                                             "https://example.com/")),
                      p("Embedded content from an example URL"))


def test_a_rendered_embed_with_content_of_its_own_keeps_it() -> None:
    blocks, report = parse(
        '<figure class="wp-block-embed is-type-rich is-provider-twitter"><div class="'
        'wp-block-embed__wrapper"><blockquote class="twitter-tweet"><p>Hello</p>&mdash; A (@a)'
        "</blockquote><script async src=\"https://platform.twitter.com/widgets.js\"></script>"
        "</div></figure>")
    assert blocks[0] == BlockQuote((p("Hello"), p("— A (@a)")))
    assert codes(report) == [("dropped-unsafe", "warning")]  # the script


# --------------------------------------------------------------------------- layout

COLUMNS = """<div class="wp-block-columns"><div class="wp-block-column">
<p>Left</p></div><div class="wp-block-column"><div class="wp-block-group"><div class="wp-block-group__inner-container">
<h2 class="wp-block-heading">Right</h2></div></div></div></div>
<div style="height:100px" aria-hidden="true" class="wp-block-spacer"></div>
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!--more--><!--nextpage-->"""  # noqa: E501


def test_layout_blocks_unwrap_spacers_vanish_separators_are_rules() -> None:
    blocks, report = parse(COLUMNS)
    assert blocks == (p("Left"), Heading(2, (Text("Right"),)), HorizontalRule())
    assert codes(report) == []


BUTTONS = """<div class="wp-block-buttons alignwide">
\t<!-- wp:button -->
\t<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://e.org/buy">My button 1</a></div>
\t<!-- /wp:button -->

\t<!-- wp:button -->
\t<div class="wp-block-button"><a class="wp-block-button__link wp-element-button">My button 2</a></div>
\t<!-- /wp:button -->

\t<!-- wp:button {"tagName":"button"} -->
\t<div class="wp-block-button"><button type="button" class="wp-block-button__link wp-element-button">My button 4</button></div>
\t<!-- /wp:button -->
</div>"""  # noqa: E501 (core__buttons.html, one given an address)


def test_buttons_are_one_paragraph_of_their_links() -> None:
    blocks, report = parse(BUTTONS)
    assert blocks == (p(Link((Text("My button 1"),), "https://e.org/buy"), " · ",
                        "My button 2", " · ", "My button 4"),)
    assert codes(report) == []


def test_a_reusable_block_left_as_a_reference_is_reported() -> None:
    blocks, report = parse('<p>Before</p>\n<!-- wp:block {"ref":123} /-->\n<p>After</p>')
    assert blocks == (p("Before"), p("After"))
    assert codes(report) == [("block-missing", "warning")]
    assert "123" in report.diagnostics[0].message


def test_an_html_block_is_mapped_as_html() -> None:
    blocks, _ = parse("<!-- wp:html -->\n<p>Raw <b>HTML</b></p>\n<!-- /wp:html -->")
    assert blocks == (p("Raw ", Strong((Text("HTML"),))),)
