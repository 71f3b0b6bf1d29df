"""Reading a tagged PDF's structure tree and marked content (pikepdf), for the PDF tests."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Structure elements in logical (depth-first) order."""
    stack = list(reversed(list(pdf.Root.StructTreeRoot.K))) \
        if isinstance(pdf.Root.StructTreeRoot.K, Array) else [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, Dictionary) and "/S" in node:
            yield node
            kids = node.get("/K")
            if isinstance(kids, Array):
                stack.extend(reversed(list(kids)))
            elif kids is not None:
                stack.append(kids)


def reachable_ids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    return {e.objgen for e in struct_elements(pdf) if e.is_indirect}


def marked_sequences(pdf: pikepdf.Pdf,
                     page: pikepdf.Page) -> Iterator[tuple[str, pikepdf.Object]]:
    """(tag, properties) of every BDC on ``page``: a dictionary, or the name of one."""
    for instruction in pikepdf.parse_content_stream(page):
        if str(instruction.operator) == "BDC":
            tag, props = instruction.operands
            yield str(tag), props


def orphan_mcids(pdf: pikepdf.Pdf) -> int:
    """Marked content with an MCID whose structure element is outside the tree."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    reachable = reachable_ids(pdf)
    count = 0
    for page in pdf.pages:
        parents = tree.get(int(page.obj.get("/StructParents", -1)))
        for _tag, props in marked_sequences(pdf, page):
            if isinstance(props, Dictionary) and "/MCID" in props:
                elem = parents[int(props.MCID)] if isinstance(parents, Array) else None
                if not isinstance(elem, Dictionary) or elem.objgen not in reachable:
                    count += 1
    return count


def struct_elements_under(elem: Dictionary) -> Iterator[Dictionary]:
    kids = elem.get("/K")
    for kid in (list(kids) if isinstance(kids, Array) else [kids]):
        if isinstance(kid, Dictionary) and "/S" in kid:
            yield kid
            yield from struct_elements_under(kid)
