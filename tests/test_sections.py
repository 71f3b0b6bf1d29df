"""The parts of an article its headings name: one key, one section end, for reader and cleaner."""

from __future__ import annotations

import pytest

from peptidebook.model import Heading, Paragraph, Text
from peptidebook.sections import label_key, names_references, section_end


@pytest.mark.parametrize(("heading", "names"), [
    ("References", True), ("References:", True), ("WORKS  CITED", True), ("— Sources —", True),
    ("Reference", False), ("Sources of growth hormone", False), ("Citations needed?", False),
])
def test_names_references_ignores_case_and_punctuation_only(heading: str, names: bool) -> None:
    assert names_references(heading) is names


def test_label_key_folds_case_width_and_dashes() -> None:
    folded = label_key("ｓermorelin: clinical evidence")  # a full-width s
    assert label_key("Sermorelin — Clinical Evidence") == folded


H2, H3 = Heading(2, (Text("a"),)), Heading(3, (Text("b"),))
P = Paragraph((Text("x"),))


@pytest.mark.parametrize(("blocks", "start", "level", "end"), [
    ((H2, P, H3, P, H2, P), 0, 2, 4),  # a sub-heading stays inside
    ((H2, P, H3, P), 2, 3, 4),  # the end of the blocks
    ((H3, P, H2), 0, 3, 2),  # a higher heading ends it
])
def test_section_end(blocks: tuple[Heading | Paragraph, ...], start: int, level: int,
                     end: int) -> None:
    assert section_end(blocks, start, level) == end
