"""Step 5a - PDF, post-processing: make WeasyPrint's tagged PDF conform where it cannot.

WeasyPrint 70 (``pdf_variant="pdf/ua-1"``) tags the content of ``@page`` margin boxes — the
running header and the page number — as marked content whose structure elements hang outside
the structure tree (``../shared/NOTES-weasyprint.md`` §3): content that is neither real content
nor an artifact (Matterhorn 01-003, 01-004). Page furniture is an artifact (PDF/UA-1 ISO
14289-1 §7.8; ISO 32000-1 §14.8.2.2.2), so each such sequence is rewritten, in the page's
content stream, as ``/Artifact <</Type /Pagination>> BDC … EMC`` and its parent-tree entry is
cleared. Nothing is dropped: the header and the page numbers still print.

WeasyPrint gives every box inside a link its own link annotation (``weasyprint/anchors.py``
``gather_anchors``: ``link = box.link or parent_link``, for every box but text and lines), and
puts each annotation in the structure element of its box (``weasyprint/pdf/tags.py``): a
``<strong>``, ``<em>``, ``<sup>``, ``<br>`` or image inside ``<a>`` yields an annotation in a
``NonStruct``, ``Span`` or ``Figure`` element, which assistive technology does not announce as a
link (PDF/UA-1 ISO 14289-1 §7.18.5: a link annotation is nested in a ``Link`` structure
element; Matterhorn 28-011). :func:`_adopt_link_annotations` moves each such annotation's object
reference into the closest enclosing ``Link`` element (one link, several clickable areas, as a
link split across lines already has) and points its parent-tree entry there.

A table without a single header cell (the cleaner found no evidence of one, and invents none:
``cleaning/tables.py``) cannot be tagged as a ``Table``: no data cell's header can be
determined (Matterhorn 15-005), and a ``Table`` is for content whose cells are organised by
headers (15-004; PDF/UA-1 §7.5). :func:`_retag_headerless_tables` tags such a table as the grid
it is: the table, its row groups, rows and cells become ``Div`` elements (ISO 32000-1
§14.8.4.2), its caption a ``P``; the content, its order and the printed page are unchanged, and
the EPUB keeps its ``<table>``.

Passages in another language than the document's get ``/Lang`` on their structure elements
(:mod:`.pdflang`). The file is then saved with a deterministic ``/ID``.
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
    #: Link annotations moved into the ``Link`` element of the link that made them.
    links_adopted: int = 0
    #: Tables without a header cell tagged as grids of ``Div`` elements.
    grids: int = 0
    languages: int = 0
    language_problems: tuple[str, ...] = ()


def finish(data: bytes, languages: LanguageMarks | None = None) -> tuple[bytes, PostProcessStats]:
    """Return ``data`` with page furniture marked as pagination artifacts and ``languages`` set
    on their structure elements, saved reproducibly."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        artifacts = adopted = grids = 0
        if isinstance(root, Dictionary):
            reachable = _reachable(root)
            parent_tree = _parent_tree(root.get("/ParentTree"))
            for page in pdf.pages:
                artifacts += _mark_orphans(pdf, page, parent_tree, reachable)
        # Languages first: they are matched to WeasyPrint's elements as WeasyPrint made them.
        langs, problems = apply_language_marks(pdf, languages) if languages else (0, [])
        if isinstance(root, Dictionary):
            adopted = _adopt_link_annotations(pdf, root, parent_tree)
            grids = _retag_headerless_tables(root)
        out = io.BytesIO()
        pages = len(pdf.pages)
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), PostProcessStats(artifacts=artifacts, pages=pages, languages=langs,
                                            language_problems=tuple(problems),
                                            links_adopted=adopted, grids=grids)


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


def _adopt_link_annotations(pdf: pikepdf.Pdf, root: Dictionary,
                            parent_tree: dict[int, object]) -> int:
    """Move every link annotation whose structure parent is not a ``Link`` element into the
    closest enclosing ``Link`` (or into a new ``Link`` element in its place when there is none);
    return how many moved. See the module docstring for why WeasyPrint leaves them elsewhere."""
    moved = 0
    for page in pdf.pages:
        for annotation in _as_list(page.obj.get("/Annots")):
            if not isinstance(annotation, Dictionary) or annotation.get("/Subtype") != Name.Link \
                    or "/StructParent" not in annotation:
                continue
            key = int(annotation.StructParent)
            holder = parent_tree.get(key)
            if not isinstance(holder, Dictionary) or holder.get("/S") == Name.Link:
                continue
            objr = _take_objr(holder, annotation)
            if objr is None:
                continue  # not where the parent tree says: leave the tree as WeasyPrint made it
            link = _enclosing_link(holder)
            if link is None:
                link = pdf.make_indirect(Dictionary(
                    Type=Name.StructElem, S=Name.Link, P=holder, K=Array([]), Pg=page.obj))
                holder.K.append(link)
            link.K.append(objr)
            if isinstance(tree := root.get("/ParentTree"), Dictionary):
                _set_parent(tree, key, link)
            parent_tree[key] = link
            moved += 1
    return moved


def _take_objr(holder: Dictionary, annotation: Dictionary) -> Dictionary | None:
    """Remove from ``holder``'s kids the object reference to ``annotation`` and return it."""
    kids = holder.get("/K")
    if not isinstance(kids, Array):
        return None
    for index, kid in enumerate(kids):
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR \
                and kid.get("/Obj") is not None and kid.Obj.objgen == annotation.objgen:
            del kids[index]
            return kid
    return None


def _enclosing_link(elem: Dictionary) -> Dictionary | None:
    """The closest ``Link`` structure element above ``elem`` (following ``/P``), if any."""
    node = elem.get("/P")
    for _ in range(64):  # structure trees are shallow; a /P cycle must not hang the writer
        if not isinstance(node, Dictionary) or node.get("/Type") == Name.StructTreeRoot:
            return None
        if node.get("/S") == Name.Link:
            return node
        node = node.get("/P")
    return None


def _set_parent(node: Dictionary, key: int, value: Dictionary, depth: int = 0) -> bool:
    """Set ``key`` to ``value`` in the number tree at ``node`` (ISO 32000-1 §7.9.7)."""
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            if int(nums[i]) == key:
                nums[i + 1] = value
                return True
    return depth < 32 and any(_set_parent(kid, key, value, depth + 1)
                              for kid in _as_list(node.get("/Kids"))
                              if isinstance(kid, Dictionary))


#: The structure types of a table's parts, and what they become in a table without headers.
_GRID_TYPES: dict[object, Name] = {Name.Table: Name.Div, Name.THead: Name.Div, Name.TBody: Name.Div,
               Name.TFoot: Name.Div, Name.TR: Name.Div, Name.TD: Name.Div, Name.Caption: Name.P}


def _retag_headerless_tables(root: Dictionary) -> int:
    """Tag every ``Table`` element without a ``TH`` as a grid of ``Div`` elements (module
    docstring); return how many."""
    count = 0
    stack = list(_as_list(root.get("/K")))
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        if str(node.S) == "/Table":
            parts = list(_table_parts(node))
            if not any(part.S == Name.TH for part in parts):
                for part in (node, *parts):
                    part.S = _GRID_TYPES.get(part.S, part.S)
                    if str(part.S) == "/Div" and "/A" in part:
                        del part["/A"]  # /Table attributes (Headers, spans) of a former cell
                count += 1
        stack.extend(_as_list(node.get("/K")))
    return count


def _table_parts(table: Dictionary) -> list[Dictionary]:
    """The row groups, rows, cells and caption of ``table`` (not those of a table nested in a
    cell, nor the content of its cells)."""
    parts: list[Dictionary] = []
    stack = list(_as_list(table.get("/K")))
    while stack:
        node = stack.pop()
        if isinstance(node, Dictionary) and node.get("/S") in _GRID_TYPES \
                and str(node.S) != "/Table":
            parts.append(node)
            if node.S not in (Name.TD, Name.TH, Name.Caption):
                stack.extend(_as_list(node.get("/K")))
        elif isinstance(node, Dictionary) and node.get("/S") == Name.TH:
            parts.append(node)
    return parts
