"""Every link annotation of the PDF sits in a ``Link`` structure element (Matterhorn 28-011),
whatever the link wraps, and is described by the link's text."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from .articles import build_pdf, link_annotations, uri
from .structure import struct_elements

pytestmark = pytest.mark.integration

LONG = " ".join(["a link long enough to wrap across at least two lines of the page"] * 3)

#: Shapes of link seen in real posts: WeasyPrint annotates every box inside a link, and files
#: each annotation under that box's own structure element.
SHAPES = {
    "plain": '<p>See <a href="https://example.org/x">the study</a>.</p>',
    "strong": '<p>See <a href="https://example.org/x"><strong>the study</strong></a>.</p>',
    "emphasis-inside": '<p>See <a href="https://example.org/x">the <em>whole</em> study</a>.</p>',
    "line-break": '<p>See <a href="https://example.org/x">the<br>study</a>.</p>',
    "foreign-span": '<p>See <a href="https://example.org/x"><span lang="fr">l\'étude</span></a>'
                    ".</p>",
    "note-marker": '<p>A claim<a href="https://example.org/x"><sup>1</sup></a>.</p>',
    "split-across-lines": f'<p>See <a href="https://example.org/x">{LONG}</a>.</p>',
    "in-table-cell": '<table><tr><th>Study</th><th>Link</th></tr><tr><td>A</td><td>'
                     '<a href="https://example.org/x"><em>the study</em></a></td></tr></table>',
    "in-list": '<ul><li>See <a href="https://example.org/x"><strong>the study</strong></a></li>'
               "</ul>",
}


@pytest.mark.parametrize("body", list(SHAPES.values()), ids=list(SHAPES))
def test_every_link_annotation_is_in_a_link_element(tmp_path: Path, body: str) -> None:
    with pikepdf.open(build_pdf(tmp_path, body)) as pdf:
        links = list(link_annotations(pdf))
        assert any(uri(annotation) == "https://example.org/x" for annotation, _ in links)
        outside = [uri(annotation) for annotation, parent in links
                   if parent is None or parent.get("/S") != "/Link"]
        assert outside == []


@pytest.mark.parametrize("shape", ["strong", "line-break", "note-marker"])
def test_an_annotation_inside_a_link_is_described_by_the_whole_link(tmp_path: Path,
                                                                     shape: str) -> None:
    expected = {"strong": "the study", "line-break": "the study", "note-marker": "1"}[shape]
    with pikepdf.open(build_pdf(tmp_path, SHAPES[shape])) as pdf:
        contents = {str(annotation.Contents) for annotation, _ in link_annotations(pdf)
                    if uri(annotation) == "https://example.org/x"}
    assert contents == {expected}


def test_a_moved_annotation_leaves_no_reference_behind(tmp_path: Path) -> None:
    """The object reference moves: no element but a Link holds a link annotation's OBJR."""
    with pikepdf.open(build_pdf(tmp_path, SHAPES["strong"])) as pdf:
        holders = [str(element.S) for element in struct_elements(pdf)
                   for kid in (element.K if isinstance(element.K, pikepdf.Array) else ())
                   if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                   and kid.Obj.get("/Subtype") == "/Link"]
    assert holders and set(holders) == {"/Link"}
