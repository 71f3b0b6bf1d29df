"""The tables pass: layout tables unwrapped, header rows and columns (from markup, bold, short
labels), column and row scopes, captions from titles and introducing headings."""

from __future__ import annotations

import pytest

from peptidebook.cleaning.tables import infer_table_structure
from peptidebook.diagnostics import Report
from peptidebook.model import (
    Article,
    Block,
    BulletList,
    Cell,
    Figure,
    Heading,
    Image,
    LineBreak,
    ListItem,
    Paragraph,
    Row,
    Source,
    Strong,
    Table,
    Text,
)

from .helpers import run_pass


def run(*blocks: Block) -> tuple[Block, ...]:
    return run_pass(infer_table_structure, *blocks).blocks


def reported(*blocks: Block) -> tuple[tuple[Block, ...], list[str]]:
    """The pass applied to ``blocks``, and the codes it reported."""
    report = Report()
    article = Article(title="T", slug="s", blocks=blocks, source=Source("text", "t"))
    result = infer_table_structure(article, report)
    return result.blocks, [d.code for d in report.diagnostics]


def structure(table: Table) -> Table:
    (result,) = run(table)
    assert isinstance(result, Table)
    return result


def headerless(table: Table) -> Table:
    """The pass applied to a table that stays without headers (and is reported so)."""
    (result,), codes = reported(table)
    assert isinstance(result, Table) and codes == ["table-no-headers"]
    return result


def td(text: str) -> Cell:
    return Cell((Paragraph((Text(text),)),)) if text else Cell(())


def th(text: str) -> Cell:
    return Cell((Paragraph((Text(text),)),), header=True)


def bold(text: str) -> Cell:
    return Cell((Paragraph((Strong((Text(text),)),)),))


def col(text: str) -> Cell:
    return Cell((Paragraph((Text(text),)),), header=True, scope="col") if text else Cell(
        (), header=True, scope="col"
    )


def row_header(text: str) -> Cell:
    return Cell((Paragraph((Text(text),)),), header=True, scope="row")


def row(*cells: Cell) -> Row:
    return Row(cells)


HEAD = (row(th("Intervention"), th("Onset"), th("Cost")),)
BODY = (
    row(td("Sermorelin Acetate"), td("8–16 weeks"), td("$1,200–$3,600")),
    row(td("Topical Retinoids (Tretinoin 0.05–0.1%)"), td("12–24 weeks"), td("$120–$600")),
)


# --------------------------------------------------------------------------- header rows


@pytest.mark.parametrize(
    "first",
    [
        row(th("Intervention"), th("Onset"), th("Cost")),
        row(bold("Intervention"), bold("Onset"), bold("Cost")),
        row(bold("Intervention"), th("Onset"), bold("Cost")),
    ],
    ids=["th", "bold", "mixed"],
)
def test_first_row_of_header_or_bold_cells_moves_to_head(first: Row) -> None:
    table = structure(Table((), (first, *BODY)))
    assert table.head == (row(col("Intervention"), col("Onset"), col("Cost")),)
    assert len(table.body) == 2


def test_blank_corner_cell_does_not_prevent_a_header_row() -> None:
    table = structure(Table((), (row(td(""), th("A"), th("B")), row(td("x"), td("1"), td("2")))))
    assert table.head == (row(col(""), col("A"), col("B")),)


@pytest.mark.parametrize(
    "first",
    [row(td("Sermorelin"), td("8 weeks"), td("$1")), row(bold("Sermorelin"), td("8"), td("$1"))],
    ids=["data", "partly-bold"],
)
def test_data_first_row_stays_in_body(first: Row) -> None:
    table = headerless(Table((), (first, *BODY)))
    assert table.head == ()
    assert table.body[0] == first


def test_single_row_table_keeps_its_row_in_the_body() -> None:
    table = structure(Table((), (row(th("A"), th("B"), th("C")),)))
    assert table.head == ()


def test_head_cells_get_column_scope() -> None:
    table = structure(Table((row(th("A"), td("B"), th("C")),), ()))
    assert table.head == (row(col("A"), col("B"), col("C")),)


# --------------------------------------------------------------------------- row headers


def test_first_column_of_labels_becomes_row_headers() -> None:
    table = structure(Table(HEAD, BODY))
    assert [r.cells[0] for r in table.body] == [
        row_header("Sermorelin Acetate"),
        row_header("Topical Retinoids (Tretinoin 0.05–0.1%)"),
    ]
    assert [c.header for c in table.body[0].cells[1:]] == [False, False]


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ((), BODY),
        ((row(th("Drug"), th("Onset")),), (row(td("Sermorelin"), td("8 weeks")),)),
        (HEAD, (row(td("2019"), td("x"), td("y")), row(td("2020"), td("x"), td("y")))),
        (HEAD, (row(td("Same"), td("x"), td("y")), row(td("same"), td("x"), td("y")))),
        (HEAD, (row(td("A full sentence that ends."), td("x"), td("y")),)),
        (HEAD, (row(td("x" * 81), td("x"), td("y")),)),
    ],
    ids=["no-head", "two-columns", "numbers", "duplicates", "sentence", "long"],
)
def test_first_column_that_is_not_labels_stays_data(
    head: tuple[Row, ...], body: tuple[Row, ...]
) -> None:
    (table,), _codes = reported(Table(head, body))
    assert isinstance(table, Table)
    assert not any(r.cells[0].header for r in table.body)


def test_header_cells_in_the_body_get_row_scope() -> None:
    table = structure(Table((), (row(th("Sermorelin"), td("8")),)))
    assert table.body[0].cells[0] == row_header("Sermorelin")


def test_explicit_scope_is_kept() -> None:
    cell = Cell((Paragraph((Text("A"),)),), header=True, scope="col")
    table = structure(Table((), (row(cell, td("1")),)))
    assert table.body[0].cells[0].scope == "col"


# --------------------------------------------------------------------------- captions


INTRO = Heading(2, (Text("Sermorelin for Skin Health: Comparison Table"),))
PARA = Paragraph((Text("This table compares…"),))


@pytest.mark.parametrize(
    "between", [(), (PARA,), (PARA, PARA)], ids=["adjacent", "one-paragraph", "two-paragraphs"]
)
def test_caption_comes_from_the_introducing_heading(between: tuple[Block, ...]) -> None:
    blocks = run(INTRO, *between, Table(HEAD, BODY))
    assert blocks[0] == INTRO
    table = blocks[-1]
    assert isinstance(table, Table)
    assert table.caption == INTRO.children


@pytest.mark.parametrize(
    "between",
    [
        (PARA, PARA, PARA),
        (Figure(Image("https://x.org/a.png", "")),),
        (BulletList((ListItem((PARA,)),)),),
    ],
    ids=["three-paragraphs", "figure", "list"],
)
def test_no_caption_when_the_heading_is_too_far(between: tuple[Block, ...]) -> None:
    table = run(INTRO, *between, Table(HEAD, BODY))[-1]
    assert isinstance(table, Table)
    assert table.caption == ()


def test_existing_caption_is_kept() -> None:
    table = run(INTRO, Table(HEAD, BODY, caption=(Text("Own"),)))[-1]
    assert isinstance(table, Table)
    assert table.caption == (Text("Own"),)


def test_nested_tables_are_structured() -> None:
    inner = Table((), (row(th("A"), th("B")), row(td("1"), td("2"))))
    (outer,) = run(Table(HEAD, (row(Cell((inner,)), td("x"), td("y")),)))
    assert isinstance(outer, Table)
    (nested,) = outer.body[0].cells[0].blocks
    assert isinstance(nested, Table)
    assert nested.head == (row(col("A"), col("B")),)


# --------------------------------------------------------------------------- layout tables


IMAGE = Figure(Image("https://x.org/a.png", "A face"))
NOTE = Paragraph((Text("Raise the eyebrows and hold."),))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (Table((), (row(Cell((IMAGE,)), Cell((NOTE,))),)), (IMAGE, NOTE)),
        (Table((), (row(td("[1]"), td("From here on.")),)),
         (Paragraph((Text("[1]"),)), Paragraph((Text("From here on."),)))),
        (Table((), (row(bold("Log")), row(td("one")), row(td("two")))),
         (Paragraph((Strong((Text("Log"),)),)), Paragraph((Text("one"),)),
          Paragraph((Text("two"),)))),
        (Table((), (row(Cell((IMAGE,))),), caption=(Text("Cap"),)),
         (Paragraph((Text("Cap"),)), IMAGE)),
    ],
    ids=["image-beside-text", "note-number", "one-column", "caption-first"],
)
def test_one_row_or_one_column_table_is_unwrapped(table: Table,
                                                  expected: tuple[Block, ...]) -> None:
    blocks, codes = reported(PARA, table, PARA)
    assert blocks == (PARA, *expected, PARA)
    assert codes == ["table-unwrapped"]


def test_layout_table_around_a_data_table_leaves_the_data_table() -> None:
    inner = Table((), (row(th("A"), th("B")), row(td("1"), td("2"))))
    blocks, codes = reported(Table((), (row(Cell((inner,))),)))
    (table,) = blocks
    assert isinstance(table, Table) and table.head == (row(col("A"), col("B")),)
    assert codes == ["table-unwrapped"]


def test_one_row_of_header_cells_is_not_layout() -> None:
    table = structure(Table((), (row(th("A"), th("B"), th("C")),)))
    assert table.body == (row(row_header("A"), row_header("B"), row_header("C")),)


# --------------------------------------------------------------------------- real-table shapes


def test_bold_row_spanning_every_column_is_the_caption() -> None:
    title = Cell((Paragraph((Strong((Text("Nexos subordinantes"),)),)),), colspan=2)
    table = structure(Table((), (row(title), row(bold("Temporales:"), td("cuando, mientras")),
                                 row(bold("Causales:"), td("porque, ya que")))))
    assert table.caption == (Text("Nexos subordinantes"),)
    assert [r.cells[0] for r in table.body] == [row_header("Temporales:"),
                                               row_header("Causales:")]


def test_first_row_of_short_labels_over_longer_cells_is_the_head() -> None:
    body = (row(td("Músculo"), td("Origem"), td("Inserção")),
            row(td("Orbicular da boca"), td("Plano mediano da maxila"),
                td("Túnica mucosa dos lábios")),
            row(td("Levantador do lábio superior"), td("Proc. Frontal da maxila"),
                td("Pele do lábio superior e cartilagem alar maior")))
    table = structure(Table((), body))
    assert table.head == (row(col("Músculo"), col("Origem"), col("Inserção")),)


@pytest.mark.parametrize(
    "first",
    [row(td("Nervo olfatório"), td("Nervo trigémeo"), td("Nervo facial")),
     row(td("Name"), td("Orbicular da boca"), td("x"))],
    ids=["as-long-as-the-data", "one-label-not-shorter"],
)
def test_first_row_of_labels_as_long_as_the_data_stays_data(first: Row) -> None:
    body = (first, row(td("Orbicular da boca"), td("Plano mediano"), td("Túnica mucosa")),
            row(td("Nervo vago"), td("Mandíbula e maxila"), td("Ângulo da boca")))
    assert headerless(Table((), body)).head == ()


def lead(number: str, name: str) -> Cell:
    return Cell((Paragraph((Strong((Text(number),)), LineBreak(), Text(name))),))


def test_first_column_leading_in_bold_labels_the_rows() -> None:
    table = structure(Table((), (row(lead("100", "Continue"), td("初始的请求已经接受")),
                                 row(lead("200", "OK"), td("一切正常")))))
    assert [r.cells[0].header for r in table.body] == [True, True]
    assert [r.cells[0].scope for r in table.body] == ["row", "row"]
    assert table.body[0].cells[0].blocks == lead("100", "Continue").blocks


@pytest.mark.parametrize(
    "rows",
    [(row(lead("100", "Continue"), lead("a", "b")), row(lead("200", "OK"), lead("c", "d"))),
     (row(lead("100", "Continue"), td("x")), row(td("200 OK"), td("y")))],
    ids=["every-column-bold", "one-label-not-bold"],
)
def test_bold_first_column_that_is_not_set_apart_stays_data(rows: tuple[Row, ...]) -> None:
    assert not any(r.cells[0].header for r in headerless(Table((), rows)).body)


def test_empty_rows_are_dropped_before_the_rules() -> None:
    table = structure(Table((), (row(td("")), row(bold("Temporales:"), td("cuando")),
                                 row(bold("Causales:"), td("porque")), row(td(""), td("")))))
    assert [r.cells[0] for r in table.body] == [row_header("Temporales:"),
                                               row_header("Causales:")]
