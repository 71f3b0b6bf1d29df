"""The XHTML renderer: one visitor per node, semantic sections, no inline style."""

from __future__ import annotations

import pytest
from lxml import etree

from peptidebook.diagnostics import Report
from peptidebook.i18n import LRI, PDI, RLI, BookText
from peptidebook.model import (
    BlockQuote,
    Blocks,
    BulletList,
    Cell,
    Chapter,
    Emph,
    Endnote,
    Endnotes,
    Figure,
    GlossaryRef,
    Heading,
    Image,
    Inlines,
    Link,
    ListItem,
    Note,
    Paragraph,
    Preformatted,
    PreformattedKind,
    QASection,
    Question,
    RawBlock,
    Row,
    Span,
    Table,
    Text,
)
from peptidebook.rendering import xhtml
from peptidebook.rendering.pagebreaks import block_elements
from peptidebook.rendering.xhtml import Renderer, Target, xhtml_document

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def render(blocks: Blocks, kind: str = "article", lang: str | None = None, *,
           print_mode: bool = False, title: Inlines | None = None,
           book: str = "en") -> etree._Element:
    target = Target(href_for_id=lambda i: f"#{i}", asset_href=lambda n: f"../{n}")
    renderer = Renderer(BookText(book, Report()), target, print_mode=print_mode)
    chapter = Chapter(kind=kind, id="c1", title=title or (Text("T"),),  # type: ignore[arg-type]
                      blocks=blocks, lang=lang)
    doc = xhtml_document([renderer.chapter(chapter)], title="T", lang="en", direction="ltr",
                         stylesheets=[])
    return etree.fromstring(doc)


def test_headings_open_nested_labelled_sections() -> None:
    root = render((Heading(2, (Text("A"),), "a"), Paragraph((Text("x"),)),
                   Heading(3, (Text("B"),), "b"), Heading(2, (Text("C"),), "c")))
    top = root.xpath("//x:section[@epub:type='chapter']/x:section", namespaces=NS)
    assert [s.get("aria-labelledby") for s in top] == ["a", "c"]
    assert root.xpath("//x:section[@aria-labelledby='a']/x:section/x:h3", namespaces=NS)


def test_a_heading_repeated_in_the_chapter_leaves_its_section_unnamed() -> None:
    # A named section is a region landmark; landmarks need distinct names (Ace's
    # landmark-unique, on a real Korean blog with "Before"/"After" over each code sample).
    root = render((Heading(2, (Text("One"),), "one"), Heading(3, (Text("Before"),), "b1"),
                   Heading(2, (Text("Two"),), "two"), Heading(3, (Text(" before "),), "b2")))
    sections = root.xpath("//x:section[@epub:type='chapter']//x:section", namespaces=NS)
    assert [s.get("aria-labelledby") for s in sections] == ["one", "b1", "two", None]
    assert root.xpath("//x:h3[@id='b2']", namespaces=NS)  # the heading stays, with its id


def test_table_keeps_caption_and_header_scope() -> None:
    table = Table(head=(Row((Cell((Paragraph((Text("Drug"),)),), True, "col"),)),),
                  body=(Row((Cell((Paragraph((Text("X"),)),), True, "row"),)),),
                  caption=(Text("Doses"),))
    root = render((table,))
    assert root.xpath("string(//x:caption)", namespaces=NS) == "Doses"
    assert root.xpath("//x:thead/x:tr/x:th[@scope='col']", namespaces=NS)
    assert root.xpath("//x:tbody/x:tr/x:th[@scope='row']", namespaces=NS)


def test_faq_gets_the_books_own_heading_and_question_headings() -> None:
    qa = QASection((Question((Text("Why?"),), (Paragraph((Text("Because."),)),), "q1"),), 2)
    root = render((qa,))
    assert root.xpath("string(//x:section[@class='faq']/x:h2)",
                      namespaces=NS) == "Frequently asked questions"
    assert root.xpath("string(//x:section[@class='question']/x:h3)", namespaces=NS) == "Why?"
    assert not root.xpath("//x:details | //x:summary", namespaces=NS)


def test_decorative_image_has_empty_alt_and_presentation_role() -> None:
    root = render((Figure(Image("images/a.png", "")),))
    (img,) = root.xpath("//x:img", namespaces=NS)
    assert (img.get("alt"), img.get("role"), img.get("src")) == ("", "presentation",
                                                                 "../images/a.png")


def test_raw_markup_is_shown_escaped_not_executed() -> None:
    root = render((RawBlock("<svg onload='x()'/>", "unknown element"),))
    assert root.xpath("string(//x:pre[@class='raw'])", namespaces=NS) == "<svg onload='x()'/>"
    assert not root.xpath("//*[local-name()='svg']")


def test_languages_of_chapters_and_spans() -> None:
    root = render((Paragraph((Span((Text("Guten Tag"),), "de"), Emph((Text("!"),)))),),
                  lang="fr")
    assert root.xpath("string(//x:section[@epub:type='chapter']/@lang)", namespaces=NS) == "fr"
    assert root.xpath("string(//x:span/@xml:lang)", namespaces=NS) == "de"


def test_no_inline_styles_anywhere() -> None:
    root = render((Paragraph((Text("x"),)),))
    assert not root.xpath("//*[@style]")


def test_the_package_exports_exactly_what_all_names() -> None:
    """The renderer's modules are private; what the writers use is named in ``__all__``."""
    public = {name for name in vars(xhtml) if not name.startswith("_")} - {"annotations"}
    assert public == set(xhtml.__all__)


# ------------------------------------------------------------------------------ print mode


def on_paper(*inlines: object, **kw: object) -> etree._Element:
    """The first paragraph of a chapter holding ``inlines``, rendered in print mode."""
    root = render((Paragraph(inlines),), print_mode=True, **kw)  # type: ignore[arg-type]
    (p,) = root.xpath("//x:section[@epub:type='chapter']/x:p", namespaces=NS)
    return p


def serialised(el: etree._Element) -> str:
    out: str = etree.tostring(el, encoding="unicode", with_tail=False)
    return out.replace(' xmlns="http://www.w3.org/1999/xhtml"', "").replace(
        ' xmlns:epub="http://www.idpf.org/2007/ops"', "")


@pytest.mark.parametrize(("label", "href", "shows"), [
    ("https://example.org/a/", "https://example.org/a", True),
    ("example.org/a", "https://example.org/a/", True),
    ("the study", "https://example.org/a", False),
])
def test_on_paper_an_external_link_whose_text_is_its_address_is_marked(
        label: str, href: str, shows: bool) -> None:
    (a,) = on_paper(Link((Text(label),), href)).xpath("x:a", namespaces=NS)
    assert a.get("class") == ("external shows-url" if shows else "external")
    epub = render((Paragraph((Link((Text(label),), href),)),))
    assert epub.xpath("string(//x:a/@class)", namespaces=NS) == "external"


@pytest.mark.parametrize(("link", "expected"), [
    (Link((Image("images/a.png", "A chart"),), "https://ex.org/"),
     ('<p><img src="../images/a.png" alt="A chart"/> '
      '<a href="https://ex.org/" class="external">A chart</a></p>')),
    (Link((Text("See "), Image("images/a.png", "A chart"), Text(" here")), "#n"),
     '<p><img src="../images/a.png" alt="A chart"/> <a href="#n">See  here</a></p>'),
    (Link((Image("images/a.png", ""),), "#n"),
     '<p><span class="decorative-image"/> <a href="#n">#n</a></p>'),
])
def test_on_paper_a_link_holds_no_image(link: Link, expected: str) -> None:
    """Matterhorn 28-011: the image stands before the link, which keeps a text."""
    assert serialised(on_paper(link)) == expected


def test_on_paper_a_link_named_by_its_address_does_not_print_it_twice() -> None:
    """A link holding only an image without alt text is named by its address, and marked so
    (print.css prints the address after every other external link): fixed in issue 9, where
    the address was printed twice ("https://ex.org/x ⟨https://ex.org/x⟩")."""
    p = on_paper(Link((Image("images/a.png", ""),), "https://ex.org/x"))
    (a,) = p.xpath("x:a", namespaces=NS)
    assert (a.text, a.get("class")) == ("https://ex.org/x", "external shows-url")


def test_on_paper_a_decorative_image_is_an_empty_span_and_an_unknown_alt_is_described() -> None:
    root = render((Figure(Image("images/a.png", "")), Paragraph((Image("images/b.png", None),))),
                  print_mode=True)
    assert root.xpath("//x:figure/x:span[@class='decorative-image'][not(node())]",
                      namespaces=NS)
    (img,) = root.xpath("//x:img", namespaces=NS)
    assert img.get("alt") == "Image (the source gives no description)"
    assert not root.xpath("//x:img[@role]", namespaces=NS)


@pytest.mark.parametrize(("span", "text"), [
    (Span((Text("Titel"),), "de"), "Back to “Titel”"),
    (Span((Text("שלום"),), "he"), f"Back to “{RLI}שלום{PDI}”"),
])
def test_on_paper_a_language_span_inside_a_link_is_unwrapped(span: Span, text: str) -> None:
    # (A back link says its passage's page on paper instead: test_print_typography.py.)
    p = on_paper(Link((Text("Back to “"), span, Text("”")), "#x"))
    (a,) = p.xpath("x:a", namespaces=NS)
    assert len(a) == 0 and a.text == text
    epub = render((Paragraph((Link((Text("Back to “"), span, Text("”")), "#x"),)),))
    assert epub.xpath("//x:a/x:span[@lang]", namespaces=NS)


def test_on_paper_a_language_span_outside_links_is_kept() -> None:
    p = on_paper(Span((Text("Titel"),), "de"), GlossaryRef((Text("GH"),), "gh"))
    assert p.xpath("x:span[@lang='de']", namespaces=NS)


@pytest.mark.parametrize(("title", "book", "isolated"), [
    ((Span((Text("مرحبا"),), "ar"),), "en", RLI),
    ((Span((Text("Hello?"),), "en"),), "ar", LRI),
    ((Span((Text("Hallo"),), "de"),), "en", None),
])
def test_on_paper_a_title_in_the_other_direction_is_isolated_for_the_running_header(
        title: Inlines, book: str, isolated: str | None) -> None:
    def h1_text(print_mode: bool) -> str:
        root = render((), title=title, book=book, print_mode=print_mode)
        return str(root.xpath("string(//x:header/x:h1)", namespaces=NS))

    plain = h1_text(False)
    assert h1_text(True) == (f"{isolated}{plain}{PDI}" if isolated else plain)


def test_print_mode_keeps_every_block_element() -> None:
    """Page breaks found on paper address block elements (rendering.pagebreaks): print mode
    changes inline content only."""
    linked = Link((Text("a "), Span((Text("b"),), "de"), Image("images/a.png", "")),
                  "https://ex.org/")
    blocks: Blocks = (
        Heading(2, (Text("H"),), "h"), Paragraph((linked, Image("images/b.png", None))),
        Figure(Image("images/c.png", ""), (Text("cap"),)),
        BulletList((ListItem((Paragraph((linked,)), Paragraph((Text("x"),)))),)),
        BlockQuote((Note("warning", (Paragraph((linked,)),)),)),
        Table(head=(), body=(Row((Cell((Paragraph((linked,)),)),)),), caption=(linked,)),
    )
    screen, paper = render(blocks), render(blocks, print_mode=True)
    assert [e.tag for e in block_elements(screen)] == [e.tag for e in block_elements(paper)]


def test_a_quotation_names_its_source_after_it() -> None:
    quote = BlockQuote((Paragraph((Text("Less is more."),)),), (Text("Mies"),))
    root = render((quote,))
    figure = root.xpath("//x:figure[@class='quote']", namespaces=NS)[0]
    assert figure.xpath("string(x:blockquote)", namespaces=NS) == "Less is more."
    assert figure.xpath("string(x:figcaption)", namespaces=NS) == "Mies"


def test_a_pull_quote_is_an_aside_hidden_from_assistive_technology() -> None:
    # DPUB-ARIA 1.1 doc-pullquote; WAI-ARIA 1.2 aria-hidden for redundant content.
    root = render((BlockQuote((Paragraph((Text("Q"),)),), kind="pullquote"),))
    (aside,) = root.xpath("//x:aside", namespaces=NS)
    assert (aside.get("role"), aside.get("aria-hidden"), aside.get("class")) == (
        "doc-pullquote", "true", "pullquote")
    assert not root.xpath("//x:blockquote", namespaces=NS)


def test_a_quotation_without_attribution_is_a_bare_blockquote() -> None:
    root = render((BlockQuote((Paragraph((Text("Q"),)),)),))
    assert not root.xpath("//x:figure", namespaces=NS)


@pytest.mark.parametrize("kind", ["preformatted", "verse"])
def test_preformatted_text_keeps_its_lines_and_marks(kind: PreformattedKind) -> None:
    block = Preformatted((Text("a\n  b"), Emph((Text("c"),))), kind)
    pre = render((block,)).xpath("//x:pre", namespaces=NS)[0]
    assert pre.get("class") == kind
    assert pre.text == "a\n  b"
    assert pre.xpath("string(x:em)", namespaces=NS) == "c"


def test_a_notes_block_closes_the_section_of_its_level() -> None:
    notes = Endnotes((Text("Notes"),), (Endnote("n1", (Paragraph((Text("x"),)),)),), 2, "ns")
    root = render((Heading(2, (Text("A"),), "a"), notes))
    top = root.xpath("//x:section[@epub:type='chapter']/x:section", namespaces=NS)
    assert [s.get("aria-labelledby") for s in top] == ["a", "ns-title"]
