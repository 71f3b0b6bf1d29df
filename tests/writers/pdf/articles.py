"""Small hand-made articles laid out as PDFs, and what their structure trees say, for the PDF
tests of link annotations and tables."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary

from peptidebook.cli import main


def build_pdf(tmp_path: Path, body: str, lang: str | None = None) -> Path:
    """The PDF of one REST-JSON article whose content is ``body``, built offline."""
    article: dict[str, object] = {"title": {"rendered": "T"}, "content": {"rendered": body},
                                  "slug": "s", "link": "https://example.org/s/"}
    if lang:
        article["lang"] = lang
    source = tmp_path / "article.json"
    source.write_text(json.dumps(article), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "-o", str(out), "-f", "pdf", "--offline"]) == 0
    (pdf,) = out.glob("*.pdf")
    return pdf


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def link_annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[Dictionary, Dictionary | None]]:
    """Every link annotation and the structure element its ``/StructParent`` names."""
    tree = parent_tree(pdf)
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        for annotation in annotations if isinstance(annotations, Array) else ():
            if isinstance(annotation, Dictionary) and annotation.get("/Subtype") == "/Link":
                parent = tree.get(int(annotation.get("/StructParent", -1)))
                yield annotation, parent if isinstance(parent, Dictionary) else None


def uri(annotation: Dictionary) -> str:
    action = annotation.get("/A")
    return str(action.URI) if isinstance(action, Dictionary) else ""
