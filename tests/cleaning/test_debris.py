"""The debris pass: ``∞`` separators and run-in labels repaired only on evidence, each repair
reported with the text before and after; everything else the very same tuples."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from peptidebook.cleaning.debris import repair_debris
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Blocks,
    BulletList,
    Emph,
    ListItem,
    Paragraph,
    Source,
    Strong,
    Text,
)

#: The site's tooltip label: the evidence that it prints its colons as "∞".
LABEL = Paragraph((Text("It acts on insulin Meaning ∞ Insulin is a hormone. here."),))


def article(*blocks: Paragraph | BulletList) -> Article:
    return Article(title="T", slug="t", blocks=tuple(blocks), source=Source("text", "t"))


def repaired(blocks: Blocks) -> tuple[Article, Article, Report]:
    source = Article(title="T", slug="t", blocks=blocks, source=Source("text", "t"))
    report = Report()
    return source, repair_debris(source, report), report


def text_of(article: Article, index: int = 0) -> str:
    block = article.blocks[index]
    assert isinstance(block, Paragraph)
    return "".join(n.text if isinstance(n, Text) else "<b>" for n in block.children)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Low-Dose Testosterone Cypionate ∞ 10-20 units weekly.",
                     "Low-Dose Testosterone Cypionate: 10-20 units weekly.", id="list-label"),
        pytest.param("Sermorelin or Ipamorelin/CJC-1295 ∞ Administered at night.",
                     "Sermorelin or Ipamorelin/CJC-1295: Administered at night.",
                     id="label-ending-in-digits"),
        pytest.param("Walker, R. F. “Sermorelin ∞ a better approach?” Aging, 2006.",
                     "Walker, R. F. “Sermorelin: a better approach?” Aging, 2006.",
                     id="title-and-subtitle"),
    ],
)
def test_separator_is_a_colon_where_the_site_prints_its_colons_so(text: str,
                                                                  expected: str) -> None:
    _, result, report = repaired((Paragraph((Text(text),)), LABEL))
    assert text_of(result) == expected
    (diagnostic,) = report.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("text-repaired", "warning")
    assert "∞" in diagnostic.message.split(" became ")[0]
    assert "∞" not in diagnostic.message.split(" became ")[1]


def test_the_tooltip_label_itself_is_left_to_the_glossary_pass() -> None:
    source, result, report = repaired((LABEL,))
    assert result is source and not report.diagnostics


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Low-Dose Testosterone Cypionate ∞ 10-20 units weekly.", id="no-evidence"),
        pytest.param("The limit of 1/x as x → ∞ is 0.", id="mathematics"),
    ],
)
def test_separator_without_evidence_is_left_as_written(text: str) -> None:
    source, result, report = repaired((Paragraph((Text(text),)),))
    assert result is source and not report.diagnostics


@pytest.mark.parametrize("text", ["The sum from 0 ∞ 1 stays.", "As n grows to 10 ∞ 20."])
def test_separator_between_numbers_is_mathematics_even_with_evidence(text: str) -> None:
    _, result, _ = repaired((Paragraph((Text(text),)), LABEL))
    assert text_of(result) == text


def test_separator_after_a_bold_label_is_a_colon() -> None:
    block = Paragraph((Strong((Text("Dosage"),)), Text(" ∞ 100 mcg at night.")))
    _, result, report = repaired((block,))
    assert text_of(result) == "<b>: 100 mcg at night."
    assert report.count("text-repaired") == 1


def item(label: str, text: str) -> ListItem:
    return ListItem((Paragraph((Strong((Text(label),)), Text(text))),))


def test_run_in_labels_repeated_in_the_article_get_their_colon() -> None:
    listed = BulletList((item("For Men", " Testosterone is crucial for libido."),
                         item("For Women", " Testosterone, while present in smaller amounts, "
                                           "is vital.")))
    _, result, report = repaired((listed,))
    block = result.blocks[0]
    assert isinstance(block, BulletList)
    first = block.items[0].blocks[0]
    assert isinstance(first, Paragraph)
    assert first.children == (Strong((Text("For Men"),)),
                              Text(": Testosterone is crucial for libido."))
    assert report.count("text-repaired") == 2
    assert '"For Men Testosterone is crucial for libido." became "For Men: Testosterone' in (
        report.diagnostics[0].message)


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param((Paragraph((Strong((Text("For Men"),)), Text(" Testosterone is key."))),),
                     id="a-single-label-is-no-pattern"),
        pytest.param(tuple(Paragraph((Strong((Text("Note:"),)), Text(" Take it at night.")))
                           for _ in range(2)), id="label-with-its-colon"),
        pytest.param(tuple(Paragraph((Strong((Text("Important"),)), Text(" and then more.")))
                           for _ in range(2)), id="sentence-goes-on-in-lower-case"),
        pytest.param(tuple(Paragraph((Strong((Text("What is sermorelin?"),)),)) for _ in range(2)),
                     id="bold-question"),
        pytest.param(tuple(Paragraph((Strong((Text("^"),)), Text(" Tasman, Abel.")))
                           for _ in range(2)), id="wikipedia-note-caret"),
        pytest.param(tuple(Paragraph((Strong((Text("Q1 2025: The Absorption Phase"),)),
                                      Text(" The market will wait."))) for _ in range(2)),
                     id="bold-title-with-its-own-colon"),
        pytest.param(tuple(Paragraph((Text("Sermorelin "), Emph((Text("works"),)), Text(".")))
                           for _ in range(2)), id="no-bold"),
    ],
)
def test_ordinary_text_comes_back_the_very_same(blocks: Blocks) -> None:
    source, result, report = repaired(blocks)
    assert result is source and not report.diagnostics


def test_plain_text_labels_are_left_as_written() -> None:
    # Plain text shows no boundary between "For Men" and "Testosterone".
    source, result, _ = repaired((Paragraph((Text("For Men Testosterone is crucial."),)),
                                  Paragraph((Text("For Women Testosterone is vital."),))))
    assert result is source


_WORDS = st.sampled_from(["For", "Men", "Testosterone", "is", "crucial.", "0", "to", "→",
                          "Low-Dose", "(AR)", "“Sermorelin", "a", "better", "approach?”", ":",
                          "units", "Meaning", "x", "∞"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.booleans())
def test_without_evidence_no_text_changes(words: list[str], bold: bool) -> None:
    """Property: with no "Meaning ∞" label in the article and no bold label before it, a
    ``∞`` is never touched; one bold opening alone is no repeated pattern."""
    text = " ".join(words)
    assume("Meaning ∞" not in text and "Meaning  ∞" not in text)
    children = (Strong((Text("Dose"),)), Text(" " + text)) if bold else (Text(text),)
    assume(not (bold and text.lstrip().startswith("∞")))
    source, result, report = repaired((Paragraph(children),))
    assert result is source and not report.diagnostics
