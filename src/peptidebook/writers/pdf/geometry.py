"""Step 5a - PDF: the type area of each paper size — type size and page margins chosen so that
body text sets 60–75 characters a line, the measure book typography asks for (Bringhurst, *The
Elements of Typographic Style* §2.1.2: 45–75 characters, 66 the ideal; Butterick's *Practical
Typography*: 45–90). The writer adds it to the computed page styles (:func:`.document.page_css`).

The measure is fixed in ems, so it holds whatever the paper: one em of the body face sets about
2.05 characters of running Latin text (Noto Serif, measured from the sample's PDF with
``tests/writers/pdf/measure.py``), so 33 em ≈ 68 characters (the sample measures a median of 66
on Letter, A4 and Legal, 62 on A5's 31 em). What the paper has beyond the
measure goes to the margins, the same on both sides: the PDF is read on screen as often as it is
printed (styles/print.css), and a text block that stays put from page to page reads better there
than one that swings between the left and right pages of a spread, while on paper the margins
are wide enough for binding and for a reader's notes. Tables take more than the measure — a
table of five columns needs the width — reaching into both margins as far as
:data:`MIN_MARGIN_MM` from the paper's edge. Scripts without word spaces set the same em
measure: 33 em is 33 CJK characters a line, within the 30–40 of horizontal Japanese and Chinese
book setting (W3C JLREQ §2.3.3).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CHARS_PER_EM", "PAPER_WIDTHS_MM", "TypeArea", "type_area", "type_area_css"]

#: Characters of running Latin text one em of the body face sets (Noto Serif; see above).
CHARS_PER_EM = 2.05

#: Paper widths in millimetres (CSS Paged Media 3 §7.1.1 page-size keywords).
PAPER_WIDTHS_MM = {"A4": 210.0, "A5": 148.0, "letter": 215.9, "legal": 215.9}
#: Points per millimetre.
PT_PER_MM = 72 / 25.4
#: The narrowest margin a wide table leaves: room for the binding and a printer's unprintable
#: edge (commonly 5 mm).
MIN_MARGIN_MM = 15.0


@dataclass(frozen=True)
class TypeArea:
    """Type size (pt), measure (em), the side margins (mm) and how far (mm) a table reaches
    into each of them, for one paper size."""

    font_size: float
    measure_em: float
    margin_mm: float
    table_outset_mm: float


#: Type size and measure per paper: 11 pt on the office papers, 10 pt on A5, a paperback's page,
#: where 33 em of 11 pt type would leave no margin worth the name.
SETTINGS = {"A4": (11.0, 33.0), "letter": (11.0, 33.0), "legal": (11.0, 33.0), "A5": (10.0, 31.0)}


def type_area(paper: str) -> TypeArea:
    """The type area for ``paper`` (a key of :data:`PAPER_WIDTHS_MM`)."""
    font_size, measure_em = SETTINGS[paper]
    width = PAPER_WIDTHS_MM[paper]
    measure_mm = measure_em * font_size / PT_PER_MM
    margin = (width - measure_mm) / 2
    return TypeArea(font_size, measure_em, round(margin, 1),
                    round(max(0.0, margin - MIN_MARGIN_MM), 1))


def type_area_css(paper: str) -> str:
    """The CSS of :func:`type_area`: the root's type size, the pages' side margins, and the
    tables' reach into them."""
    area = type_area(paper)
    return (f"html {{ font-size: {area.font_size:g}pt; }}\n"
            f"@page {{ margin-left: {area.margin_mm:g}mm; margin-right: {area.margin_mm:g}mm; }}\n"
            f".table-wrap {{ margin-left: -{area.table_outset_mm:g}mm; "
            f"margin-right: -{area.table_outset_mm:g}mm; }}\n")
