"""Step 5a - PDF: which tables stay whole on one page.

A table that fits on a page moves whole to the next page rather than leaving a row or two
behind (CSS Fragmentation 3 §3.2 ``break-inside: avoid``; styles/print.css ``.table-wrap.keep``);
a longer one splits between rows and repeats its header row. Whether a table fits depends on
the paper and on how its cells wrap, not on its number of rows alone: six rows of one-word cells
take three centimetres, six rows of five-column prose can take more than an A5 page — and a
table marked to stay whole that is still taller than a page is moved to a fresh page *and* split,
the worst of both. So each table's height is estimated here from its text, at the table type
and width of the paper's type area (:mod:`.geometry`), and only a table that fits is marked.

The estimate: columns share the table's width equally (WeasyPrint's automatic table layout gives
wider columns to longer text, so the estimate errs high), a cell's text wraps at
:data:`~.geometry.CHARS_PER_EM` characters an em, and each row is as tall as its longest cell.
"""

from __future__ import annotations

import math

from lxml import etree

from ...rendering.xhtml import XHTML
from .geometry import CHARS_PER_EM, PT_PER_MM, type_area

__all__ = ["KEEP_CLASS", "estimated_height_pt", "mark_tables_that_fit"]

KEEP_CLASS = "keep"
#: Paper heights in millimetres (CSS Paged Media 3 §7.1.1).
PAPER_HEIGHTS_MM = {"A4": 297.0, "A5": 210.0, "letter": 279.4, "legal": 355.6}
#: The top and bottom page margins of styles/print.css, in millimetres.
VERTICAL_MARGINS_MM = 22.0 + 24.0
#: Table type and leading relative to the body (styles/print.css: 0.8em, 1.35).
TABLE_SCALE, TABLE_LEADING = 0.8, 1.35
#: A cell's padding and borders, in table ems: across (0.4em each side) and down.
CELL_PADDING_ACROSS, CELL_PADDING_DOWN = 0.8, 0.7
#: The share of the page a table may be estimated to take and still be kept whole: all of it, as
#: the estimate errs high (by 12–24 % on the four tables of the sample book, laid out on Letter).
SAFETY = 1.0


def _cell_text(cell: etree._Element) -> str:
    return " ".join("".join(cell.itertext()).split())


def estimated_height_pt(table: etree._Element, paper: str) -> float:
    """The estimated height, in points, of ``table`` (a rendered ``<table>``) on ``paper``."""
    area = type_area(paper)
    em = area.font_size * TABLE_SCALE
    width_em = (area.measure_em * area.font_size
                + 2 * area.table_outset_mm * PT_PER_MM) / em
    rows = list(table.iter(f"{{{XHTML}}}tr"))
    cells = [[c for c in row if c.tag in (f"{{{XHTML}}}td", f"{{{XHTML}}}th")] for row in rows]
    columns = max((sum(int(c.get("colspan", "1")) for c in row) for row in cells), default=1)
    height_em = 0.0
    for row in cells:
        lines = 1
        for cell in row:
            span = int(cell.get("colspan", "1"))
            per_line = max(1.0, (width_em * span / columns - CELL_PADDING_ACROSS) * CHARS_PER_EM)
            lines = max(lines, math.ceil(len(_cell_text(cell)) / per_line))
        height_em += lines * TABLE_LEADING + CELL_PADDING_DOWN
    caption = table.find(f"{{{XHTML}}}caption")
    if caption is not None:
        height_em += math.ceil(len(_cell_text(caption)) / (width_em * CHARS_PER_EM)) \
            * TABLE_LEADING + 0.5
    return height_em * em


def page_height_pt(paper: str) -> float:
    """The height of the type area of ``paper``, in points."""
    return (PAPER_HEIGHTS_MM[paper] - VERTICAL_MARGINS_MM) * PT_PER_MM


def mark_tables_that_fit(body: list[etree._Element], paper: str) -> None:
    """Add :data:`KEEP_CLASS` to the wrapper of every table in ``body`` estimated to fit well
    within one page of ``paper``."""
    limit = SAFETY * page_height_pt(paper)
    for part in body:
        for table in part.iter(f"{{{XHTML}}}table"):
            wrap = table.getparent()
            if wrap is None or "table-wrap" not in (wrap.get("class") or "").split():
                continue
            if estimated_height_pt(table, paper) <= limit:
                wrap.set("class", f"{wrap.get('class')} {KEEP_CLASS}")
