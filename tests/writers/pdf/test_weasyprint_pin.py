"""The WeasyPrint interfaces the PDF writer uses beyond its public API are still there.

``writers/pdf/_weasyprint.py`` reads them, pinned to one WeasyPrint version. These tests fail
loudly when another version is installed or when one of them is gone, and say what to check
before moving the pin.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import io
import re
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest
import weasyprint

from peptidebook.writers.pdf import _weasyprint as wp

from ...conftest import ROOT

RECHECK = "\n  - ".join(("Re-check before moving the pin:", *wp.RECHECK))

#: (module, name) of every private or internal WeasyPrint/pydyf name ``_weasyprint`` imports,
#: and (class, attribute) of the class attributes its walks read.
MODULE_NAMES = [
    ("weasyprint.pdf.tags", "_get_pdf_tag"),
    ("weasyprint.layout.absolute", "AbsolutePlaceholder"),
    *(("weasyprint.formatting_structure.boxes", name) for name in (
        "LineBox", "MarginBox", "PageBox", "ParentBox", "ReplacedBox", "TableRowGroupBox",
        "TextBox", "Box")),
    ("pydyf", "String"),
    ("weasyprint.urls", "URLFetcher"),
    ("weasyprint.urls", "URLFetcherResponse"),
]


def test_the_installed_weasyprint_is_the_pinned_one() -> None:
    installed = importlib.metadata.version("weasyprint")
    assert installed == wp.PINNED, (
        f"WeasyPrint {installed} is installed; peptidebook's PDF writer reads WeasyPrint "
        f"{wp.PINNED}'s internals (src/peptidebook/writers/pdf/_weasyprint.py).\n  {RECHECK}")


def test_pyproject_pins_the_version_the_wrapper_was_read_from() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'"weasyprint=={re.escape(wp.PINNED)}"', pyproject), (
        f"pyproject.toml must pin weasyprint=={wp.PINNED} (writers/pdf/_weasyprint.py PINNED)")


@pytest.mark.parametrize(("module", "name"), MODULE_NAMES)
def test_every_internal_name_the_wrapper_imports_exists(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), (
        f"{module}.{name} is gone (WeasyPrint {importlib.metadata.version('weasyprint')}).\n"
        f"  {RECHECK}")


@pytest.mark.parametrize(("owner", "attribute"), [
    ("Box", "link_annotation"), ("Box", "is_table_wrapper"), ("ParentBox", "get_wrapped_table"),
    ("TableRowGroupBox", "is_header"),
])
def test_every_class_attribute_the_walks_read_exists(owner: str, attribute: str) -> None:
    boxes = importlib.import_module("weasyprint.formatting_structure.boxes")
    assert hasattr(getattr(boxes, owner), attribute), (
        f"boxes.{owner}.{attribute} is gone.\n  {RECHECK}")


def test_structure_types_are_weasyprints() -> None:
    assert [wp.pdf_tag(t) for t in ("p", "a", "span", "section", "h2", None)] == [
        "P", "Link", "Span", "Sect", "H2", "NonStruct"]


# ------------------------------------------------------------------------------ laid out

PROBE = """<html lang="en"><head><title>t</title></head><body>
<section><h1>Title</h1><p>Some <a href="https://example.org/">text</a>.</p>
<div style="position: absolute; top: 0">Placed</div>
<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>
</section></body></html>"""


def boxes_of(box: Any) -> Iterator[Any]:
    box = wp.in_flow(box)
    yield box
    for child in getattr(box, "children", ()):
        yield from boxes_of(child)


@pytest.mark.integration
def test_a_laid_out_page_has_what_the_walks_read() -> None:
    """Instance attributes exist only on laid-out boxes: lay a small page out and look."""
    placeholder = importlib.import_module("weasyprint.layout.absolute").AbsolutePlaceholder
    laid_out = weasyprint.HTML(string=PROBE).render()
    page = laid_out.pages[0]
    assert hasattr(page, "_page_box"), f"weasyprint.Page._page_box is gone.\n  {RECHECK}"
    placeholders = [b for b in _raw_boxes(wp.page_box(page)) if isinstance(b, placeholder)]
    assert placeholders and all(hasattr(p, "_box") for p in placeholders), (
        f"AbsolutePlaceholder._box is gone.\n  {RECHECK}")
    found = list(boxes_of(wp.page_box(page)))
    assert all(hasattr(b, "element") and hasattr(b, "element_tag") for b in found), RECHECK
    texts = [b.text for b in found if isinstance(b, wp.TextBox)]
    assert "Title" in texts and "text" in texts, RECHECK
    assert any(isinstance(b, wp.TableRowGroupBox) and b.is_header for b in found), RECHECK
    wrappers = [b for b in found if b.is_table_wrapper]
    assert wrappers and wrappers[0].get_wrapped_table() is not None, RECHECK
    margins = [b for b in found if isinstance(b, wp.MarginBox)]
    assert isinstance(wp.page_box(page), wp.PageBox) and not margins  # no @page content here

    described: list[bool] = []

    def finisher(document: Any, _pdf: Any) -> None:
        for link_page in document.pages:
            for _type, _target, _rect, box in link_page.links:
                described.append(wp.describe_link(box, "the example"))

    data = laid_out.write_pdf(pdf_variant="pdf/ua-1", finisher=finisher)
    assert described == [True], f"Box.link_annotation is no longer set when writing.\n  {RECHECK}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        contents = [str(a.Contents) for a in pdf.pages[0].obj.get("/Annots", [])]
    assert contents == ["the example"], RECHECK


def _raw_boxes(box: Any) -> Iterator[Any]:
    """Every box, placeholders included (not replaced by what they stand for)."""
    yield box
    inner = box._box if hasattr(box, "_box") else box
    for child in getattr(inner, "children", ()):
        yield from _raw_boxes(child)
