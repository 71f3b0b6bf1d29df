"""Step 5a - PDF, post-processing: make WeasyPrint's tagged PDF conform where it cannot.

WeasyPrint 70 (``pdf_variant="pdf/ua-1"``) tags the content of ``@page`` margin boxes — the
running header and the page number — as marked content whose structure elements hang outside
the structure tree (``../shared/NOTES-weasyprint.md`` §3): content that is neither real content
nor an artifact (Matterhorn 01-003, 01-004). Page furniture is an artifact (PDF/UA-1 ISO
14289-1 §7.8; ISO 32000-1 §14.8.2.2.2), so each such sequence is rewritten, in the page's
content stream, as ``/Artifact <</Type /Pagination>> BDC … EMC`` and its parent-tree entry is
cleared. Nothing is dropped: the header and the page numbers still print. Passages in another
language than the document's get ``/Lang`` on their structure elements (:mod:`.pdflang`). The
file is then saved with a deterministic ``/ID``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

from .pdflang import LanguageMarks, apply_language_marks

__all__ = ["PostProcessStats", "finish"]

#: ISO 32000-1 §14.8.2.2.2 Table 330: pagination artifacts (running heads, page numbers).
PAGINATION = Dictionary(Type=Name.Pagination)


@dataclass(frozen=True)
class PostProcessStats:
    """What post-processing changed: sequences turned into artifacts, per whole document."""

    artifacts: int
    pages: int
    languages: int = 0
    language_problems: tuple[str, ...] = ()


def finish(data: bytes, languages: LanguageMarks | None = None) -> tuple[bytes, PostProcessStats]:
    """Return ``data`` with page furniture marked as pagination artifacts and ``languages`` set
    on their structure elements, saved reproducibly."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        artifacts = 0
        if isinstance(root, Dictionary):
            reachable = _reachable(root)
            parent_tree = _parent_tree(root.get("/ParentTree"))
            for page in pdf.pages:
                artifacts += _mark_orphans(pdf, page, parent_tree, reachable)
        langs, problems = apply_language_marks(pdf, languages) if languages else (0, [])
        out = io.BytesIO()
        pages = len(pdf.pages)
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), PostProcessStats(artifacts=artifacts, pages=pages, languages=langs,
                                            language_problems=tuple(problems))


def _reachable(root: Dictionary) -> set[tuple[int, int]]:
    """The object ids of every structure element reachable from the StructTreeRoot."""
    seen: set[tuple[int, int]] = set()
    stack = list(_as_list(root.get("/K")))
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue  # MCIDs, marked-content and object references
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        stack.extend(_as_list(node.get("/K")))
    return seen


def _parent_tree(node: object, depth: int = 0) -> dict[int, object]:
    """Flatten the /ParentTree number tree (ISO 32000-1 §7.9.7) into ``{key: value}``."""
    out: dict[int, object] = {}
    if not isinstance(node, Dictionary) or depth > 32:
        return out
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in _as_list(node.get("/Kids")):
        out.update(_parent_tree(kid, depth + 1))
    return out


def _as_list(obj: object) -> list[object]:
    if obj is None:
        return []
    return list(obj) if isinstance(obj, Array) else [obj]


def _mark_orphans(pdf: pikepdf.Pdf, page: pikepdf.Page,
                  parent_tree: dict[int, object], reachable: set[tuple[int, int]]) -> int:
    """Rewrite the marked-content sequences of ``page`` whose structure element is outside the
    structure tree as pagination artifacts; return how many were rewritten."""
    key = page.obj.get("/StructParents")
    mcid_parents = parent_tree.get(int(key)) if key is not None else None
    if not isinstance(mcid_parents, Array):
        return 0

    def orphan(mcid: int) -> bool:
        if not 0 <= mcid < len(mcid_parents):
            return False
        elem = mcid_parents[mcid]
        return isinstance(elem, Dictionary) and elem.is_indirect and elem.objgen not in reachable

    instructions = pikepdf.parse_content_stream(page)
    rewritten: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    changed: list[int] = []
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInstruction) and \
                str(instruction.operator) == "BDC" and len(instruction.operands) == 2:
            props = instruction.operands[1]
            found = props.get("/MCID") if isinstance(props, Dictionary) else None
            if found is not None and orphan(int(found)):
                changed.append(int(found))
                # PDF/UA-1 §7.8; Matterhorn 01-005: furniture is an artifact, not content.
                rewritten.append(pikepdf.ContentStreamInstruction(
                    [Name.Artifact, PAGINATION], Operator("BDC")))
                continue
        rewritten.append(instruction)
    if not changed:
        return 0
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
    for mcid in changed:
        mcid_parents[mcid] = None  # an artifact has no structure parent (ISO 32000-1 §14.7.4.4)
    return len(changed)
