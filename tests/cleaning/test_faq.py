"""The FAQ pass: runs of questions become one Q&A section, absorbing their "FAQ" heading."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.faq import gather_questions
from peptidebook.model import (
    Block,
    BulletList,
    Heading,
    ListItem,
    Paragraph,
    QASection,
    Question,
    Text,
)

from .helpers import run_pass


def gather(*blocks: Block) -> tuple[Block, ...]:
    return run_pass(gather_questions, *blocks).blocks


def q(text: str) -> Question:
    return Question((Text(text),), (Paragraph((Text(f"Answer to {text}"),)),))


def one(text: str) -> QASection:
    """What the HTML reader makes of one ``<details>``."""
    return QASection((q(text),))


def h(level: int, text: str) -> Heading:
    return Heading(level, (Text(text),))


BODY = Paragraph((Text("Body."),))


@pytest.mark.parametrize(
    "title", ["Frequently Asked Questions", "FAQ", "FAQs", "FAQ's", "F.A.Q.", "faq:"]
)
def test_faq_heading_and_its_questions_become_one_section(title: str) -> None:
    assert gather(h(2, "Intro"), BODY, h(2, title), one("A?"), one("B?"), one("C?")) == (
        h(2, "Intro"),
        BODY,
        QASection((q("A?"), q("B?"), q("C?")), level=2),
    )


def test_absorbed_heading_gives_its_level() -> None:
    assert gather(h(2, "Part"), h(3, "FAQ"), one("A?")) == (
        h(2, "Part"),
        QASection((q("A?"),), level=3),
    )


def test_run_without_heading_sits_one_level_below_its_section() -> None:
    assert gather(h(3, "Dosing"), BODY, one("A?"), one("B?")) == (
        h(3, "Dosing"),
        BODY,
        QASection((q("A?"), q("B?")), level=4),
    )


def test_lone_question_still_becomes_a_section() -> None:
    assert gather(one("A?"), BODY) == (QASection((q("A?"),), level=2), BODY)


def test_runs_separated_by_other_blocks_stay_apart() -> None:
    assert gather(one("A?"), BODY, one("B?")) == (
        QASection((q("A?"),), level=2),
        BODY,
        QASection((q("B?"),), level=2),
    )


def test_other_heading_before_questions_is_kept() -> None:
    assert gather(h(2, "Common worries"), one("A?")) == (
        h(2, "Common worries"),
        QASection((q("A?"),), level=3),
    )


def test_faq_heading_followed_by_prose_is_kept() -> None:
    assert gather(h(2, "FAQ"), BODY, one("A?")) == (
        h(2, "FAQ"),
        BODY,
        QASection((q("A?"),), level=3),
    )


def test_faq_section_of_question_headings_becomes_a_section() -> None:
    blocks = (
        h(2, "Frequently Asked Questions"),
        h(3, "A?"),
        Paragraph((Text("Answer to A?"),)),
        h(3, "B?"),
        Paragraph((Text("Answer to B?"),)),
        h(2, "Next"),
    )
    assert gather(*blocks) == (QASection((q("A?"), q("B?")), level=2), h(2, "Next"))


@pytest.mark.parametrize(
    "section",
    [
        (h(3, "A?"), BODY, h(3, "Not a question")),
        (BODY, h(3, "A?"), BODY),
        (h(3, "A?"), BODY, h(4, "B?"), BODY),
    ],
    ids=["statement-heading", "intro-prose", "mixed-levels"],
)
def test_faq_section_with_anything_else_is_left_alone(section: tuple[Block, ...]) -> None:
    blocks = (h(2, "FAQ"), *section)
    assert gather(*blocks) == blocks


def test_questions_nested_in_a_list_are_gathered_too() -> None:
    (bullets,) = gather(BulletList((ListItem((one("A?"), one("B?"))),)))
    assert isinstance(bullets, BulletList)
    assert bullets.items[0].blocks == (QASection((q("A?"), q("B?")), level=2),)
