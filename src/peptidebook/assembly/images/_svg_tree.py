"""Step 3 - Assembly: the SVG sanitiser's (:mod:`._svg`) edits of the lxml tree, and its
count of what an SVG draws."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ._svg_allowlist import SVG, XLINK, XML

__all__ = ["drawn_elements", "namespace_prefix", "remove", "unwrap"]


def drawn_elements(root: etree._Element, cap: int) -> tuple[int, list[etree._Element]]:
    """How many elements ``root`` draws, each ``<use>`` counted as what it repeats (at most
    ``cap + 1``), and the ``<use>`` elements that repeat their own ancestor. Iterative, each
    element counted once (a depth-first walk with memo: no recursion, no exponential time)."""
    ids: dict[str, etree._Element] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            ids.setdefault(element.get("id"), element)
    use_tag = f"{{{SVG}}}use"

    def successors(element: etree._Element) -> Iterator[etree._Element]:
        yield from (child for child in element if isinstance(child.tag, str))
        if element.tag == use_tag:
            href = (element.get("href") or element.get(f"{{{XLINK}}}href") or "").strip()
            target = ids.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                yield target

    total: dict[etree._Element, int] = {}
    on_path = {root}
    circular: list[etree._Element] = []
    stack: list[tuple[etree._Element, Iterator[etree._Element], int]] = [
        (root, successors(root), 1)]
    while stack:
        element, rest, count = stack[-1]
        following = next(rest, None)
        if following is None:
            stack.pop()
            on_path.discard(element)
            total[element] = count
            if stack:
                parent, parent_rest, parent_count = stack[-1]
                stack[-1] = (parent, parent_rest, min(parent_count + count, cap + 1))
        elif following in total:
            stack[-1] = (element, rest, min(count + total[following], cap + 1))
        elif following in on_path:
            circular.append(element)  # only a <use> edge can lead back up the path
        else:
            on_path.add(following)
            stack.append((following, successors(following), 1))
    return total[root], circular


def namespace_prefix(element: etree._Element, namespace: str | None) -> str:
    if namespace is None:
        return ""
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return f"{prefix}:"
    return "xml:" if namespace == XML else f"{{{namespace}}}"


def remove(node: etree._Element) -> None:
    """Remove ``node`` and what it holds, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    _add_text(parent, parent.index(node), node.tail)
    parent.remove(node)


def unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its content (text and children), in place."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    _add_text(parent, index, element.text)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    remove(element)


def _add_text(parent: etree._Element, index: int, text: str | None) -> None:
    """Add ``text`` where ``parent``'s child at ``index`` begins."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
