"""Nothing is lost (issue #10): whatever HTML a grammar of inline, block, void and embedded
elements and text builds, every character of its text that a browser shows is in the model's
text, in order. Text in ``<script>``, ``<style>``, ``<template>`` and ``<title>`` is not shown,
and never reaches the model."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from peptidebook.diagnostics import Report
from peptidebook.model import (
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    DefinitionList,
    Figure,
    Heading,
    HorizontalRule,
    Note,
    OrderedList,
    Paragraph,
    QASection,
    RawBlock,
    Table,
)
from peptidebook.readers.html import MAX_DEPTH, parse_html_fragment
from peptidebook.walk import plain_text

# ----------------------------------------------------------------------------- the grammar


@dataclass(frozen=True)
class El:
    """An element: its start tag, its children, and whether its end tag is written."""

    name: str
    attributes: str = ""
    children: tuple[El | str, ...] = ()
    close: bool = True


#: Letters, digits and spaces: no character the mapper reads as a FAQ arrow (``+``, ``-`` …)
#: or the parser as markup.
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ",
                min_size=1, max_size=8)
INLINE = ["b", "i", "em", "strong", "span", "small", "u", "s", "mark", "abbr", "cite", "sub",
          "sup", "code", "kbd", "q", "label", "time", "del", "ins", "font", "x-custom"]
BLOCK = ["p", "div", "section", "article", "blockquote", "aside", "h1", "h2", "h3", "h4", "h5",
         "h6", "pre", "address", "header", "footer", "main", "nav", "center"]
#: Void elements: never any content (HTML §13.1.2).
VOID = [
    El("br"), El("wbr"), El("hr"), El("img", ' src="https://cdn.org/i.png" alt="alt"'),
    El("embed", ' src="https://media.org/e.swf"'), El("source", ' src="https://m.org/s.webm"'),
    El("track", ' src="https://m.org/t.vtt"'), El("param", ' name="a" value="b"'),
]
VOID_NAMES = frozenset(void.name for void in VOID)
MEDIA = [
    El("video", ' src="https://m.org/v.mp4"', (El("source", ' src="https://m.org/v.webm"'),
                                               El("track", ' src="https://m.org/v.vtt"'))),
    El("audio", "", (El("source", ' src="https://m.org/a.mp3"'),)),
    El("picture", "", (El("source", ' srcset="https://m.org/p.webp"'),
                       El("img", ' src="https://m.org/p.jpg" alt="picture"'))),
    El("iframe", ' src="https://youtube.com/embed/x"'),
]
#: Elements whose text is not shown: their content never reaches the model.
HIDDEN = frozenset({"script", "style", "template", "title"})


def hidden() -> st.SearchStrategy[El]:
    text_only = st.builds(lambda name, text: El(name, "", (text,)),
                          st.sampled_from(["script", "style", "title"]), WORDS)
    template = st.builds(lambda text: El("template", "", (El("p", "", (text,)),)), WORDS)
    return st.one_of(text_only, template)


def trees(children: st.SearchStrategy[tuple[El | str, ...]]) -> st.SearchStrategy[El]:
    """One element of the grammar around ``children`` (which may themselves nest blocks in
    inline elements, lists in paragraphs …: the parser repairs that as browsers do)."""
    optional_end = st.booleans()
    inline = st.builds(lambda name, kids: El(name, "", kids), st.sampled_from(INLINE), children)
    link = st.builds(lambda kids: El("a", ' href="https://example.org/x"', kids), children)
    block = st.builds(lambda name, kids: El(name, "", kids), st.sampled_from(BLOCK), children)
    paragraph = st.builds(lambda kids, close: El("p", "", kids, close), children, optional_end)
    items = st.lists(st.builds(lambda kids, close: El("li", "", kids, close), children,
                               optional_end), min_size=1, max_size=3)
    lists = st.builds(lambda name, lis: El(name, "", tuple(lis)), st.sampled_from(["ul", "ol"]),
                      items)
    terms = st.lists(st.builds(lambda name, kids: El(name, "", kids),
                               st.sampled_from(["dt", "dd"]), children), min_size=1, max_size=3)
    definitions = st.builds(lambda entries: El("dl", "", tuple(entries)), terms)
    cells = st.lists(st.builds(lambda name, kids, close: El(name, "", kids, close),
                               st.sampled_from(["td", "th"]), children, optional_end),
                     min_size=1, max_size=3)
    rows = st.lists(st.builds(lambda tds: El("tr", "", tuple(tds)), cells), min_size=1,
                    max_size=2)
    table = st.builds(
        lambda caption, trs: El("table", "", ((El("caption", "", caption),) if caption else ())
                                + tuple(trs)),
        st.one_of(st.none(), children), rows)
    details = st.builds(
        lambda question, answer: El("details", "", (El("summary", "", question), *answer)),
        children, children)
    # An image and its caption (a captioned table becomes the table's caption, above it).
    figure = st.builds(
        lambda image, caption: El("figure", "", (image, El("figcaption", "", caption))),
        st.sampled_from([VOID[3], MEDIA[2]]), children)
    fallback = st.builds(lambda kids: El("object", ' data="https://m.org/o.svg"', kids),
                         children)
    deep = st.builds(lambda kids: El("div", "", (_nest(MAX_DEPTH + 5, kids),)), children)
    return st.one_of(inline, link, block, paragraph, lists, definitions, table, details,
                     figure, fallback, deep)


def _nest(levels: int, children: tuple[El | str, ...]) -> El:
    node = El("div", "", children)
    for _ in range(levels - 1):
        node = El("div", "", (node,))
    return node


leaves = st.one_of(WORDS, WORDS, st.sampled_from(VOID), st.sampled_from(MEDIA), hidden())
fragments = st.lists(
    st.recursive(leaves, lambda kids: trees(st.lists(kids, max_size=4).map(tuple)),
                 max_leaves=30),
    max_size=6,
).map(tuple)


def serialize(nodes: tuple[El | str, ...]) -> str:
    out: list[str] = []
    stack: list[El | str] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        out.append(f"<{node.name}{node.attributes}>")
        if node.name in VOID_NAMES:
            continue
        if node.close:
            stack.append(f"</{node.name}>")
        stack.extend(reversed(node.children))
    return "".join(out)


def shown_text(nodes: tuple[El | str, ...]) -> str:
    out: list[str] = []
    stack: list[El | str] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif node.name not in HIDDEN:
            stack.extend(reversed(node.children))
    return "".join(out)


# ----------------------------------------------------------------------------- the model's text


# A match over the block types, one case each.
def model_text(blocks: tuple[Block, ...]) -> Iterator[str]:  # noqa: C901
    """The text of ``blocks`` in document order."""
    for block in blocks:
        match block:
            case Paragraph(children) | Heading(children=children):
                yield plain_text(children)
            case CodeBlock(text) | RawBlock(text):
                yield text
            case Figure(image, caption):
                yield image.alt or ""
                yield plain_text(caption)
            case BlockQuote(inner) | Note(blocks=inner):
                yield from model_text(inner)
            case BulletList(items) | OrderedList(items):
                for item in items:
                    yield from model_text(item.blocks)
            case DefinitionList(entries):
                for entry in entries:
                    yield plain_text(entry.term)
                    for definition in entry.definitions:
                        yield from model_text(definition)
            case Table(head, body, caption):
                yield plain_text(caption)
                for row in (*head, *body):
                    for cell in row.cells:
                        yield from model_text(cell.blocks)
            case QASection(questions):
                for question in questions:
                    yield plain_text(question.question)
                    yield from model_text(question.answer)
            case HorizontalRule():
                pass
            case _:
                raise AssertionError(f"the reader made a {type(block).__name__}")


def in_order(needle: str, haystack: str) -> bool:
    """Whether the characters of ``needle`` appear in ``haystack`` in the same order."""
    rest = iter(haystack)
    return all(char in rest for char in needle)


#: The markup, and the text a browser shows of it.
documents = fragments.map(lambda nodes: (serialize(nodes), shown_text(nodes)))


@settings(max_examples=300, deadline=None)
@given(documents)
def test_every_shown_character_reaches_the_model_in_order(document: tuple[str, str]) -> None:
    markup, shown = document
    blocks = parse_html_fragment(markup, base_url="https://example.org/", report=Report(),
                                 where="test")
    expected = "".join(shown.split())
    got = "".join("".join(model_text(blocks)).split())
    assert in_order(expected, got), (expected, got)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_hidden_text_never_reaches_the_model(document: tuple[str, str]) -> None:
    secret = "Zq9secret"
    markup = document[0] + serialize((El("script", "", (secret,)), El("template", "", (secret,))))
    blocks = parse_html_fragment(markup, base_url=None, report=Report(), where="test")
    assert secret not in "".join(model_text(blocks))
