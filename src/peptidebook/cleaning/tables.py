"""Step 2 - Cleaning, pass "tables": give every data table the structure a screen reader needs.

Header cells are what lets assistive technology announce "Invasiveness: Subcutaneous injection"
instead of a bare cell (WCAG 2.2 SC 1.3.1, techniques H51 and H63; Matterhorn 15-003 for the
PDF, which needs header cells with a scope). Real posts are full of tables without ``<th>``: a
bold first row, a first row of short labels styled by a class the reader drops, a bold first
column, or a table used only to lay out an image beside its text. The rules, in order:

0. **Layout tables.** A table of one row or one column (a data table crosses at least two of
   each) none of whose cells the source marks as a header is layout: it is replaced by its
   cells' content in reading order, caption first (reported, ``table-unwrapped``). Seen in real
   exports: an image beside its text, a footnote number beside its note, a pasted chat log.
1. **Title row.** A first row that is one bold cell spanning every column (of a table of at
   least two) titles the table: it becomes the caption of a table without one.
2. **Header row.** A table without ``head`` rows whose first body row is all header cells, or
   all bold cells, gets that row as its head (empty cells, such as a blank top-left corner, are
   allowed among them). So does a first row of labels over longer data (see
   :func:`_labels_columns`: every cell a distinct short label, each at most half as long as the
   typical cell below it).
3. **Column scope.** Every cell of a head row is a header cell with ``scope="col"``.
4. **Row headers.** A first-column cell that labels its row becomes a header cell with
   ``scope="row"``; see :func:`_labels_rows` for when a first column is one of labels, and
   :func:`_bold_labels_rows` for a table without a header row whose first column is the only
   one set in bold. Header cells already in the body get ``scope="row"``.
Rows without any content are dropped first: spacers, seen at the top and bottom of real
tables, that would hide a header row or column.

5. **Caption.** A table without caption takes the text of the heading that introduces it: the
   closest preceding heading with at most :data:`CAPTION_MAX_PARAGRAPHS` paragraphs (and
   nothing else) between them. The heading stays where it is.

A table without any header cell after these rules is left as it is, and reported
(``table-no-headers``): no header is invented. The PDF tags it as a grid, not as a table
(``writers/pdf/pdfua.py``).

A table of more than :data:`~peptidebook.limits.MAX_TABLE_CELLS` cells is structured like any
other and kept whole, and reported (``input-limit``): laying it out in a PDF takes minutes and
gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..diagnostics import Report
from ..limits import MAX_TABLE_CELLS
from ..model import (
    Article,
    Block,
    Blocks,
    Cell,
    Heading,
    Inline,
    Inlines,
    Paragraph,
    Row,
    Strong,
    Table,
)
from ..walk import map_sequences, plain_text

__all__ = ["CAPTION_MAX_PARAGRAPHS", "COLUMN_LABEL_RATIO", "ROW_LABEL_MAX_CHARS",
           "infer_table_structure"]

#: Rule 5: at most this many paragraphs between a heading and the table it introduces.
CAPTION_MAX_PARAGRAPHS = 2
#: Rule 4: a row label is short: at most this many characters...
ROW_LABEL_MAX_CHARS = 80
#: ...and the table has at least this many columns (in a two-column table the first column is
#: as often a value as a label).
ROW_LABEL_MIN_COLUMNS = 3
#: Rule 2: a first row of labels is a header row when each label is at most this fraction of
#: the median length of the cells below it (measured on real exports: "Músculo" over muscle
#: names, "Origem" over anatomical origins; a first row of data is as long as the rows below).
COLUMN_LABEL_RATIO = 0.5
#: Rule 2: ...and at least this many rows of data lie below it.
COLUMN_LABEL_MIN_BODY_ROWS = 2
#: A cell whose text is only a number, an amount, a percentage or a range is data, not a label.
_NUMERIC = re.compile(r"[\s\d.,%+\-–—−/:$€£¥×x~≈<>≤≥()]*")


def infer_table_structure(article: Article, report: Report) -> Article:
    """Apply the module's rules to every table of ``article`` (nested ones included)."""
    large: list[int] = []
    unwrapped: list[str] = []
    headerless: list[str] = []

    def sequence(blocks: Blocks) -> Blocks:
        out = _sequence(blocks, unwrapped)
        for block in out:
            if isinstance(block, Table):
                if (cells := _cell_count(block)) > MAX_TABLE_CELLS:
                    large.append(cells)
                if not any(cell.header for row in (*block.head, *block.body)
                           for cell in row.cells):
                    headerless.append(_shape(block))
        return out

    blocks = map_sequences(article.blocks, sequence)
    if unwrapped:
        report.warning(
            "table-unwrapped", article.slug,
            f"{_count(len(unwrapped), 'table')} of one row or one column, with no header cell, "
            f"used for layout: replaced by the content of the cells ({', '.join(unwrapped)})")
    if headerless:
        report.warning(
            "table-no-headers", article.slug,
            f"{_count(len(headerless), 'table')} with no header cell and no evidence of one, "
            f"kept without headers ({', '.join(headerless)}); the PDF tags each as a grid")
    if large:
        report.warning(
            "input-limit", article.slug,
            f"{len(large)} table{'s' if len(large) > 1 else ''} of more than "
            f"{MAX_TABLE_CELLS:,} cells (the largest {max(large):,}) kept whole: a PDF lays out "
            "each cell (some 4 ms and 18 KB a cell)")
    return replace(article, blocks=blocks)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n > 1 else ''}"


def _shape(table: Table) -> str:
    rows = (*table.head, *table.body)
    return f"{len(rows)}×{_columns(table.head, table.body)}"


def _cell_count(table: Table) -> int:
    return sum(len(row.cells) for row in (*table.head, *table.body))


def _sequence(blocks: Blocks, unwrapped: list[str]) -> Blocks:
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            if _is_layout(block):
                unwrapped.append(_shape(block))
                out.extend(_contents(block))
                continue
            table = _structure(block)
            if not table.caption:
                table = replace(table, caption=_introducing_heading(blocks, index))
            out.append(table)
        else:
            out.append(block)
    return tuple(out)


def _is_layout(table: Table) -> bool:
    """Rule 0: one row or one column, and no cell the source marks as a header."""
    rows = (*table.head, *table.body)
    return (len(rows) <= 1 or _columns(table.head, table.body) <= 1) and not any(
        cell.header for row in rows for cell in row.cells)


def _contents(table: Table) -> Blocks:
    """A layout table's caption (as a paragraph) and its cells' blocks, in reading order."""
    caption: Blocks = (Paragraph(table.caption),) if table.caption else ()
    return caption + tuple(block for row in (*table.head, *table.body)
                           for cell in row.cells for block in cell.blocks)


def _structure(table: Table) -> Table:
    # Rows with no content at all (spacers, seen at the top and the bottom of real tables)
    # carry no cell a header could label, and would hide a header row or column.
    head = tuple(row for row in table.head if any(cell.blocks for cell in row.cells))
    body = tuple(row for row in table.body if any(cell.blocks for cell in row.cells))
    columns = _columns(head, body)
    # Rule 1: a bold first row spanning every column is the table's title.
    if not head and not table.caption and len(body) > 1 and columns > 1 \
            and len(body[0].cells) == 1 and body[0].cells[0].colspan == columns \
            and _is_bold(body[0].cells[0]):
        table = replace(table, caption=_bold_text(body[0].cells[0]))
        body = body[1:]
    # Rule 2: promote a first body row of header (or bold) cells, or of labels, to the head.
    if not head and len(body) > 1 and (_is_header_row(body[0]) or _labels_columns(body)):
        head, body = (body[0],), body[1:]
    # Rule 3: head cells are column headers.
    head = tuple(Row(tuple(_column_header(cell) for cell in row.cells)) for row in head)
    # Rule 4: row headers.
    labels = (bool(head) and _labels_rows(body, columns)) or \
        (not head and _bold_labels_rows(body, columns))
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


def _bold_text(cell: Cell) -> Inlines:
    paragraph = cell.blocks[0]
    assert isinstance(paragraph, Paragraph) and isinstance(paragraph.children[0], Strong)
    return paragraph.children[0].children


def _labels_columns(body: tuple[Row, ...]) -> bool:
    """Rule 2: whether the first row is one of column labels: at least
    :data:`COLUMN_LABEL_MIN_BODY_ROWS` rows below it, no spans, every cell a distinct label
    (:func:`_label`), and each at most :data:`COLUMN_LABEL_RATIO` of the median length of the
    cells of its column below it."""
    first, rest = body[0], body[1:]
    width = len(first.cells)
    if len(rest) < COLUMN_LABEL_MIN_BODY_ROWS or width < 2 or any(
            len(row.cells) != width or any(c.colspan > 1 or c.rowspan > 1 for c in row.cells)
            for row in body):
        return False
    labels = [_label(cell) for cell in first.cells]
    if any(label is None for label in labels) or \
            len({label.casefold() for label in labels if label}) != width:
        return False
    for column, label in enumerate(labels):
        below = sorted(len(_cell_text(row.cells[column])) for row in rest)
        if label is None or len(label) > COLUMN_LABEL_RATIO * below[len(below) // 2]:
            return False
    return True


def _bold_labels_rows(body: tuple[Row, ...], columns: int) -> bool:
    """Rule 4, without a header row: whether the first column labels the rows because it is set
    apart in bold. Every row's first cell is a distinct label (:func:`_label`) that is bold or
    begins in bold (``<strong>100</strong> Continue``), and no other column is so throughout."""
    if columns < 2 or len(body) < 2:
        return False
    if any(not row.cells or row.cells[0].colspan > 1 for row in body):
        return False
    labels = [_label(row.cells[0]) for row in body]
    if any(label is None for label in labels) or \
            len({label.casefold() for label in labels if label}) != len(labels):
        return False
    if not all(_leads_in_bold(row.cells[0]) for row in body):
        return False
    return not any(
        all(len(row.cells) > column and _leads_in_bold(row.cells[column]) for row in body)
        for column in range(1, columns))


def _leads_in_bold(cell: Cell) -> bool:
    """A cell of one paragraph whose first visible inline is a ``Strong``."""
    if len(cell.blocks) != 1 or not isinstance(cell.blocks[0], Paragraph):
        return False
    first: Inline | None = next(
        (inline for inline in cell.blocks[0].children if plain_text((inline,)).strip()), None)
    return isinstance(first, Strong)


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
        cells[0] = replace(cells[0], blocks=_unbold(cells[0]), header=True)
    return Row(
        tuple(
            replace(cell, scope=cell.scope or "row") if cell.header else cell for cell in cells
        )
    )


def _introducing_heading(blocks: Blocks, index: int) -> Inlines:
    """Rule 5: the children of the heading introducing ``blocks[index]``, or ``()``."""
    before = blocks[max(0, index - CAPTION_MAX_PARAGRAPHS - 1) : index]
    for block in reversed(before):
        if isinstance(block, Heading):
            return block.children
        if not isinstance(block, Paragraph):
            return ()
    return ()
