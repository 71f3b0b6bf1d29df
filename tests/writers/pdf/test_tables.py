"""Tables in the PDF: every ``TH`` has the ``/Scope`` of its ``th`` (Matterhorn 15-003), and a
table without any header cell is tagged as a grid of ``Div`` elements, not as a ``Table``."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from ..conftest import check_pdf
from .articles import build_pdf
from .structure import struct_elements

pytestmark = pytest.mark.integration

HEADED = ("<table><thead><tr><th>Peptide</th><th>Dose</th><th>Route</th></tr></thead><tbody>"
          "<tr><td>Alpha</td><td>1 mg</td><td>oral</td></tr>"
          "<tr><td>Beta</td><td>2 mg</td><td>skin</td></tr></tbody></table>")
#: A grid of list items laid out in columns: nothing labels a row or a column.
HEADERLESS = ("<table><tr><td>Nervo olfatório</td><td>Nervo óptico</td><td>Nervo facial</td></tr>"
              "<tr><td>Nervo vago</td><td>Nervo trigémeo</td><td>Nervo troclear</td></tr></table>")


def types(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(element.S)[1:] for element in struct_elements(pdf)]


def test_every_header_cell_has_the_scope_of_its_th(tmp_path: Path) -> None:
    with pikepdf.open(build_pdf(tmp_path, HEADED)) as pdf:
        scopes = [str(element.A.Scope) for element in struct_elements(pdf)
                  if element.S == "/TH"]
    # Column headers from the head; the first column of labels is the rows' headers.
    assert scopes == ["/Column"] * 3 + ["/Row"] * 2


def test_a_table_without_headers_is_tagged_as_a_grid(tmp_path: Path) -> None:
    found = types(build_pdf(tmp_path, f"<p>Before.</p>{HEADERLESS}<p>After.</p>"))
    assert not {"Table", "TR", "TD", "TH"} & set(found)
    assert found.count("Div") >= 1 + 2 + 6  # the table, its rows and its cells


def divs(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Div"]


def test_a_grid_keeps_its_rows_and_cells(tmp_path: Path) -> None:
    """The row group (a Div of rows) holds two rows (Divs) of three cells (Divs) each."""
    with pikepdf.open(build_pdf(tmp_path, HEADERLESS)) as pdf:
        shapes = [[len(divs(row)) for row in divs(element)] for element in struct_elements(pdf)
                  if element.S == "/Div" and len(divs(element)) == 2]
    assert [3, 3] in shapes


@pytest.mark.checker
def test_tables_with_and_without_headers_pass_check_pdf(tmp_path: Path) -> None:
    result = check_pdf(build_pdf(tmp_path, HEADED + HEADERLESS), tmp_path)
    assert result["failed"] == 0
