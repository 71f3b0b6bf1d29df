"""Which tables the print edition keeps whole (writers/pdf/tables.py): those whose estimated
height fits the paper's type area. The sample's tables laid out whole are checked from the PDF
(test_typography.py)."""

from __future__ import annotations

import pytest
from lxml import etree

from peptidebook.writers.pdf.geometry import PAPER_WIDTHS_MM
from peptidebook.writers.pdf.tables import (
    KEEP_CLASS,
    estimated_height_pt,
    mark_tables_that_fit,
    page_height_pt,
)

X = "http://www.w3.org/1999/xhtml"


def table(rows: int, cell: str, columns: int = 3) -> etree._Element:
    cells = "".join(f"<td>{cell}</td>" for _ in range(columns))
    body = "".join(f"<tr>{cells}</tr>" for _ in range(rows))
    return etree.fromstring(f'<section xmlns="{X}"><div class="table-wrap"><table>'
                            f"<thead><tr>{'<th>Head</th>' * columns}</tr></thead>"
                            f"<tbody>{body}</tbody></table></div></section>")


def kept(section: etree._Element) -> bool:
    (wrap,) = section.iter(f"{{{X}}}div")
    return KEEP_CLASS in wrap.get("class", "").split()


@pytest.mark.parametrize("paper", sorted(PAPER_WIDTHS_MM))
def test_a_small_table_is_kept_whole_and_a_long_one_may_split(paper: str) -> None:
    small, long = table(5, "1 mg"), table(40, "a sentence of prose " * 4)
    mark_tables_that_fit([small, long], paper)
    assert kept(small) and not kept(long)


def test_the_same_rows_wrap_to_more_lines_in_more_columns() -> None:
    prose = "Stimulates endogenous hGH release, then IGF-1 production and collagen synthesis."
    three, six = (estimated_height_pt(next(table(6, prose, n).iter(f"{{{X}}}table")), "A4")
                  for n in (3, 6))
    assert six > three


def test_a_table_taller_than_a_page_is_not_kept_whole() -> None:
    """Kept whole and still too tall, it would move to a fresh page and split anyway."""
    section = table(6, "Most mechanistically comprehensive. " * 6, columns=6)
    (element,) = section.iter(f"{{{X}}}table")
    assert estimated_height_pt(element, "A5") > page_height_pt("A5")
    mark_tables_that_fit([section], "A5")
    assert not kept(section)
