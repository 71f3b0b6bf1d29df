"""The XHTML renderer: one visitor per node, semantic sections, no inline style."""

from __future__ import annotations

from lxml import etree

from peptidebook.diagnostics import Report
from peptidebook.i18n import BookText
from peptidebook.model import (
    Blocks,
    Cell,
    Chapter,
    Emph,
    Figure,
    Heading,
    Image,
    Paragraph,
    QASection,
    Question,
    RawBlock,
    Row,
    Span,
    Table,
    Text,
)
from peptidebook.rendering.xhtml import Renderer, Target, xhtml_document

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def render(blocks: Blocks, kind: str = "article", lang: str | None = None) -> etree._Element:
    target = Target(href_for_id=lambda i: f"#{i}", asset_href=lambda n: f"../{n}")
    renderer = Renderer(BookText("en", Report()), target)
    chapter = Chapter(kind=kind, id="c1", title=(Text("T"),), blocks=blocks,  # type: ignore[arg-type]
                      lang=lang)
    doc = xhtml_document([renderer.chapter(chapter)], title="T", lang="en", direction="ltr",
                         stylesheets=[])
    return etree.fromstring(doc)


def test_headings_open_nested_labelled_sections() -> None:
    root = render((Heading(2, (Text("A"),), "a"), Paragraph((Text("x"),)),
                   Heading(3, (Text("B"),), "b"), Heading(2, (Text("C"),), "c")))
    top = root.xpath("//x:section[@epub:type='chapter']/x:section", namespaces=NS)
    assert [s.get("aria-labelledby") for s in top] == ["a", "c"]
    assert root.xpath("//x:section[@aria-labelledby='a']/x:section/x:h3", namespaces=NS)


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
