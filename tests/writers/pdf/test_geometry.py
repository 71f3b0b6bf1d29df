"""The type area of each paper size (writers/pdf/geometry.py): a 60–75 character measure, even
margins, tables reaching into them no closer than the narrowest margin to the edge. The measure
as printed is checked on the laid-out sample (test_typography.py)."""

from __future__ import annotations

import pytest

from peptidebook.writers.pdf.document import PAPER_KEYWORDS, page_css
from peptidebook.writers.pdf.geometry import (
    MIN_MARGIN_MM,
    PAPER_WIDTHS_MM,
    PT_PER_MM,
    type_area,
    type_area_css,
)

#: Characters of running Latin text an em of the body face sets (geometry.py's docstring).
CHARS_PER_EM = 2.05


def test_every_paper_the_product_offers_has_a_type_area() -> None:
    assert set(PAPER_KEYWORDS.values()) == set(PAPER_WIDTHS_MM)


@pytest.mark.parametrize("paper", sorted(PAPER_WIDTHS_MM))
def test_the_measure_is_60_to_75_characters_and_fits_the_paper(paper: str) -> None:
    area = type_area(paper)
    assert 60 <= area.measure_em * CHARS_PER_EM <= 75
    measure_mm = area.measure_em * area.font_size / PT_PER_MM
    assert measure_mm + 2 * area.margin_mm == pytest.approx(PAPER_WIDTHS_MM[paper], abs=0.2)
    assert area.margin_mm - area.table_outset_mm >= MIN_MARGIN_MM - 0.1


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_page_styles_carry_the_type_area(paper: str) -> None:
    css = page_css(paper).decode()
    assert type_area_css(paper) in css
    area = type_area(paper)
    assert f"margin-left: {area.margin_mm:g}mm" in css
    assert f"font-size: {area.font_size:g}pt" in css


def test_a_handout_keeps_its_own_compact_page() -> None:
    assert type_area_css("A4") not in page_css("A4", book=False).decode()
