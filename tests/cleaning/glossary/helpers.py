"""What the glossary tests share: articles made of one text, and the text of inlines with
glossary terms in brackets."""

from __future__ import annotations

from peptidebook.cleaning.glossary import extract_glossary
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Blocks,
    Emph,
    GlossaryEntry,
    GlossaryRef,
    Inlines,
    Paragraph,
    Source,
    Text,
)

SOURCE = Source("text", "test")


def article(blocks: Blocks, glossary: tuple[GlossaryEntry, ...] = ()) -> Article:
    return Article(title="T", slug="t", blocks=blocks, source=SOURCE, glossary=glossary)


def paragraph(text: str) -> Article:
    return article((Paragraph((Text(text),)),))


def render(inlines: Inlines) -> str:
    """The text of ``inlines`` with glossary terms in brackets: "a [term] here"."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, GlossaryRef):
            out.append(f"[{render(node.children)}]")
        elif isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Emph):
            out.append(f"*{render(node.children)}*")
    return "".join(out)


def cleaned(text: str) -> tuple[str, Article, Report]:
    report = Report()
    result = extract_glossary(paragraph(text), report)
    (block,) = result.blocks
    assert isinstance(block, Paragraph)
    return render(block.children), result, report


#: A marked tooltip in a sentence, and that sentence repaired (its term in brackets).
TOOLTIP = "It raises insulin Meaning ∞ Insulin is a peptide hormone made in the pancreas. levels."
REPAIRED = "It raises [insulin] levels."
