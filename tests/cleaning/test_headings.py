"""Heading passes: the repeated title goes, bold questions become headings, levels are fixed."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.headings import (
    drop_title_heading,
    fix_heading_levels,
    promote_question_paragraphs,
)
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Block,
    BlockQuote,
    Emph,
    Heading,
    Paragraph,
    QASection,
    Question,
    Source,
    Strong,
    Text,
)

TITLE = "Sermorelin Results Muscle Preservation — Clinical Evidence"
BODY = Paragraph((Text("Body."),))


def article(*blocks: Block, title: str = TITLE) -> Article:
    return Article(title=title, slug="s", blocks=blocks, source=Source("text", "t"))


def h(level: int, text: str = "x") -> Heading:
    return Heading(level, (Text(text),))


def levels(blocks: tuple[Block, ...]) -> list[int]:
    return [b.level for b in blocks if isinstance(b, Heading | QASection)]


# --------------------------------------------------------------------------- title heading


@pytest.mark.parametrize(
    "heading",
    [
        TITLE,
        "sermorelin results muscle preservation - clinical evidence",
        "Sermorelin Results Muscle Preservation: Clinical Evidence!",
        "  Sermorelin  Results Muscle Preservation –– Clinical Evidence ",
    ],
)
def test_leading_heading_repeating_the_title_is_dropped(heading: str) -> None:
    result = drop_title_heading(article(h(2, heading), BODY), Report())
    assert result.blocks == (BODY,)


@pytest.mark.parametrize(
    "blocks",
    [
        (h(2, "Why Sermorelin Preserves Muscle"), BODY),
        (BODY, h(2, TITLE)),
        (Paragraph((Text(TITLE),)), BODY),
    ],
    ids=["other-heading", "not-leading", "paragraph"],
)
def test_other_leading_blocks_are_kept(blocks: tuple[Block, ...]) -> None:
    assert drop_title_heading(article(*blocks), Report()).blocks == blocks


# --------------------------------------------------------------------------- bold questions


QUESTION = (Text("What is sermorelin?"),)


@pytest.mark.parametrize(
    "paragraph",
    [
        Paragraph((Strong(QUESTION),)),
        Paragraph((Strong((Emph(QUESTION),)),)),
        Paragraph((Emph((Strong(QUESTION),)),)),
    ],
    ids=["strong", "strong-emph", "emph-strong"],
)
def test_bold_question_paragraph_becomes_a_heading_below_its_section(
    paragraph: Paragraph,
) -> None:
    result = promote_question_paragraphs(article(h(2), paragraph, BODY), Report())
    assert result.blocks == (h(2), Heading(3, QUESTION), BODY)


def test_bold_question_before_any_heading_becomes_level_2() -> None:
    result = promote_question_paragraphs(article(Paragraph((Strong(QUESTION),))), Report())
    assert result.blocks == (Heading(2, QUESTION),)


def test_consecutive_bold_questions_are_siblings() -> None:
    q = Paragraph((Strong(QUESTION),))
    result = promote_question_paragraphs(article(h(3), q, BODY, q, BODY), Report())
    assert levels(result.blocks) == [3, 4, 4]


@pytest.mark.parametrize(
    "paragraph",
    [
        Paragraph((Strong((Text("Not a question."),)),)),
        Paragraph((Emph(QUESTION),)),
        Paragraph((Text("Plain "), Strong(QUESTION))),
        Paragraph(QUESTION),
    ],
    ids=["statement", "only-emph", "mixed", "plain"],
)
def test_other_paragraphs_stay_paragraphs(paragraph: Paragraph) -> None:
    assert promote_question_paragraphs(article(paragraph), Report()).blocks == (paragraph,)


def test_bold_question_nested_in_a_quote_stays_a_paragraph() -> None:
    quote = BlockQuote((Paragraph((Strong(QUESTION),)),))
    assert promote_question_paragraphs(article(quote), Report()).blocks == (quote,)


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ([2, 3, 3, 2], [2, 3, 3, 2]),
        ([2, 4, 5, 3], [2, 3, 4, 3]),
        ([3, 4], [2, 3]),
        ([1, 2, 2], [2, 3, 3]),
        ([2, 6, 2, 4], [2, 3, 2, 3]),
        ([4, 2, 3], [2, 2, 3]),
    ],
)
def test_levels_start_at_2_and_never_skip(source: list[int], fixed: list[int]) -> None:
    blocks = tuple(h(level) for level in source)
    assert levels(fix_heading_levels(article(*blocks), Report()).blocks) == fixed


def test_renumbering_is_reported_as_info() -> None:
    report = Report()
    fix_heading_levels(article(h(2), h(4, "Deep")), report)
    assert [(d.code, d.severity) for d in report.diagnostics] == [
        ("skipped-heading-level", "info")
    ]
    assert "h4 to h3" in report.diagnostics[0].message


def test_well_formed_levels_report_nothing() -> None:
    report = Report()
    fix_heading_levels(article(h(2), h(3), h(2)), report)
    assert report.diagnostics == []


def test_qa_section_counts_as_a_heading_of_its_level() -> None:
    qa = QASection((Question(QUESTION, ()),), level=4)
    result = fix_heading_levels(article(h(2), qa, h(3)), Report())
    assert levels(result.blocks) == [2, 3, 3]


def test_headings_inside_answers_sit_below_the_question() -> None:
    answer = (h(2, "Inside"), BODY)
    qa = QASection((Question(QUESTION, answer),), level=2)
    (section,) = fix_heading_levels(article(qa), Report()).blocks
    assert isinstance(section, QASection)
    assert levels(section.questions[0].answer) == [4]


def test_headings_inside_a_quote_sit_below_the_section() -> None:
    result = fix_heading_levels(article(h(2), BlockQuote((h(2, "Quoted"),))), Report())
    quote = result.blocks[1]
    assert isinstance(quote, BlockQuote)
    assert levels(quote.blocks) == [3]
