"""Step 2 - Cleaning, pass "tables": give every data table the structure a screen reader needs.

Header cells are what lets assistive technology announce "Invasiveness: Subcutaneous injection"
instead of a bare cell (WCAG 2.2 SC 1.3.1, techniques H51 and H63; Matterhorn 15-003 for the
PDF, which needs header cells with a scope). The rules, in order:

1. **Header row.** A table without ``head`` rows whose first body row is all header cells, or
   all bold cells, gets that row as its head (empty cells, such as a blank top-left corner, are
   allowed among them).
2. **Column scope.** Every cell of a head row is a header cell with ``scope="col"``.
3. **Row headers.** A first-column cell that labels its row becomes a header cell with
   ``scope="row"``; see :func:`_labels_rows` for when a first column is one of labels.
   Header cells already in the body get ``scope="row"``.
4. **Caption.** A table without caption takes the text of the heading that introduces it: the
   closest preceding heading with at most :data:`CAPTION_MAX_PARAGRAPHS` paragraphs (and
   nothing else) between them. The heading stays where it is.

A table without any header row after rule 1 is left as it is: no header is invented.

A table of more than :data:`~peptidebook.limits.MAX_TABLE_CELLS` cells is structured like any
other and kept whole, and reported (``input-limit``): laying it out in a PDF takes minutes and
gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..diagnostics import Report
from ..limits import MAX_TABLE_CELLS
from ..model import Article, Block, Blocks, Cell, Heading, Inlines, Paragraph, Row, Strong, Table
from ..walk import map_sequences, plain_text

__all__ = ["CAPTION_MAX_PARAGRAPHS", "ROW_LABEL_MAX_CHARS", "infer_table_structure"]

#: Rule 4: at most this many paragraphs between a heading and the table it introduces.
CAPTION_MAX_PARAGRAPHS = 2
#: Rule 3: a row label is short: at most this many characters...
ROW_LABEL_MAX_CHARS = 80
#: ...and the table has at least this many columns (in a two-column table the first column is
#: as often a value as a label).
ROW_LABEL_MIN_COLUMNS = 3
#: A cell whose text is only a number, an amount, a percentage or a range is data, not a label.
_NUMERIC = re.compile(r"[\s\d.,%+\-–—−/:$€£¥×x~≈<>≤≥()]*")


def infer_table_structure(article: Article, report: Report) -> Article:
    """Apply the module's rules to every table of ``article`` (nested ones included)."""
    large: list[int] = []

    def sequence(blocks: Blocks) -> Blocks:
        out = _sequence(blocks)
        large.extend(cells for block in out if isinstance(block, Table)
                     and (cells := _cell_count(block)) > MAX_TABLE_CELLS)
        return out

    blocks = map_sequences(article.blocks, sequence)
    if large:
        report.warning(
            "input-limit", article.slug,
            f"{len(large)} table{'s' if len(large) > 1 else ''} of more than "
            f"{MAX_TABLE_CELLS:,} cells (the largest {max(large):,}) kept whole: a PDF lays out "
            "each cell (some 4 ms and 18 KB a cell)")
    return replace(article, blocks=blocks)


def _cell_count(table: Table) -> int:
    return sum(len(row.cells) for row in (*table.head, *table.body))


def _sequence(blocks: Blocks) -> Blocks:
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            table = _structure(block)
            if not table.caption:
                table = replace(table, caption=_introducing_heading(blocks, index))
            out.append(table)
        else:
            out.append(block)
    return tuple(out)


def _structure(table: Table) -> Table:
    head, body = table.head, table.body
    # Rule 1: promote a first body row of header (or bold) cells to the head.
    if not head and len(body) > 1 and _is_header_row(body[0]):
        head, body = (body[0],), body[1:]
    # Rule 2: head cells are column headers.
    head = tuple(Row(tuple(_column_header(cell) for cell in row.cells)) for row in head)
    # Rule 3: row headers.
    labels = bool(head) and _labels_rows(body, _columns(head, body))
    body = tuple(_row_headers(row, labels) for row in body)
    return replace(table, head=head, body=body)


def _is_header_row(row: Row) -> bool:
    filled = [cell for cell in row.cells if cell.blocks]
    return bool(filled) and all(cell.header or _is_bold(cell) for cell in filled)


def _is_bold(cell: Cell) -> bool:
    """A cell whose content is one paragraph of one ``Strong``."""
    return (
        len(cell.blocks) == 1
        and isinstance(cell.blocks[0], Paragraph)
        and len(cell.blocks[0].children) == 1
        and isinstance(cell.blocks[0].children[0], Strong)
    )


def _column_header(cell: Cell) -> Cell:
    return replace(cell, blocks=_unbold(cell), header=True, scope="col")


def _unbold(cell: Cell) -> Blocks:
    """A header cell's content without its ``Strong``: header cells are bold already."""
    if not _is_bold(cell):
        return cell.blocks
    paragraph = cell.blocks[0]
    assert isinstance(paragraph, Paragraph) and isinstance(paragraph.children[0], Strong)
    return (Paragraph(paragraph.children[0].children),)


def _columns(head: tuple[Row, ...], body: tuple[Row, ...]) -> int:
    return max((sum(cell.colspan for cell in row.cells) for row in (*head, *body)), default=0)


def _labels_rows(body: tuple[Row, ...], columns: int) -> bool:
    """Whether the first column holds row labels: the table has a header row (checked by the
    caller) and at least :data:`ROW_LABEL_MIN_COLUMNS` columns, and every body row's first cell
    is a header cell already or a label: one paragraph of short text (at most
    :data:`ROW_LABEL_MAX_CHARS` characters) that is not a number and does not end like a
    sentence. No two labels may be the same (labels identify their rows)."""
    if columns < ROW_LABEL_MIN_COLUMNS or not body:
        return False
    labels: list[str] = []
    for row in body:
        if not row.cells or row.cells[0].colspan > 1:
            return False
        first = row.cells[0]
        label = _cell_text(first) if first.header else _label(first)
        if label is None:
            return False
        labels.append(label.casefold())
    return len(set(labels)) == len(labels)


def _label(cell: Cell) -> str | None:
    if len(cell.blocks) != 1 or not isinstance(cell.blocks[0], Paragraph):
        return None
    text = _cell_text(cell)
    if not text or len(text) > ROW_LABEL_MAX_CHARS or _NUMERIC.fullmatch(text):
        return None
    return None if text.endswith((".", "!", ";")) else text


def _cell_text(cell: Cell) -> str:
    return " ".join(
        plain_text(block.children).strip()
        for block in cell.blocks
        if isinstance(block, Paragraph | Heading)
    )


def _row_headers(row: Row, labels: bool) -> Row:
    cells = list(row.cells)
    if labels and cells:
        cells[0] = replace(cells[0], header=True)
    return Row(
        tuple(
            replace(cell, scope=cell.scope or "row") if cell.header else cell for cell in cells
        )
    )


def _introducing_heading(blocks: Blocks, index: int) -> Inlines:
    """Rule 4: the children of the heading introducing ``blocks[index]``, or ``()``."""
    before = blocks[max(0, index - CAPTION_MAX_PARAGRAPHS - 1) : index]
    for block in reversed(before):
        if isinstance(block, Heading):
            return block.children
        if not isinstance(block, Paragraph):
            return ()
    return ()
