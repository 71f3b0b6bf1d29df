"""No link inside a link: the rule every stage that adds a link to the model keeps.

Not a stage: cleaning (:mod:`peptidebook.cleaning.links`, after the passes that mark glossary
terms and citations inside the author's links) and assembly (after it adds note markers and the
links that stand for images it could not fetch) both apply :func:`unnest_links`, so that the
renderer never meets a link inside a link. HTML forbids an ``<a>`` inside an ``<a>`` (HTML
§4.5.1 content model: "no interactive content descendant, a element descendant"; EPUBCheck
RSC-005), and the HTML parser already closes an ``<a>`` when another opens: nested links in the
model are links we made ourselves around or inside the author's.

Which one goes: the inner one, kept as its text (its content stays where it was). A note marker
(:class:`~peptidebook.model.NoteRef`) is the exception: it carries the anchor its note links back
to, so it is moved right after the link that holds it instead, where it reads the same.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import BackLink, Citation, GlossaryRef, Inline, Inlines, Link, NoteRef
from .walk import has_inline_children, inline_children, with_inline_children

__all__ = ["LINK_TYPES", "unnest_links"]

#: The inlines the renderer makes an ``<a>`` of.
LINK_TYPES = (Link, GlossaryRef, Citation, NoteRef, BackLink)


def unnest_links(inlines: Inlines, unwrapped: Callable[[Inline, Inline], None]) -> Inlines:
    """``inlines`` with no link inside a link: each inner link replaced by its content, and
    ``unwrapped(outer, inner)`` called for it; a note marker moved after its outermost link.
    Returns ``inlines`` itself when nothing is nested."""
    out, carried = _unnest(inlines, None, unwrapped)
    assert not carried  # only a run inside a link carries markers out
    return out


def _unnest(inlines: Inlines, outer: Inline | None,
            unwrapped: Callable[[Inline, Inline], None]) -> tuple[Inlines, list[Inline]]:
    """The run rebuilt, and the note markers met inside ``outer`` (a link) that go after it."""
    out: list[Inline] = []
    carried: list[Inline] = []
    changed = False
    for node in inlines:
        if outer is not None and isinstance(node, NoteRef):
            carried.append(node)
            changed = True
            continue
        if outer is not None and isinstance(node, LINK_TYPES):
            unwrapped(outer, node)
            inner, more = _unnest(inline_children(node), outer, unwrapped)
            out.extend(inner)
            carried.extend(more)
            changed = True
            continue
        if not has_inline_children(node):
            out.append(node)
            continue
        link = node if outer is None and isinstance(node, LINK_TYPES) else outer
        children, more = _unnest(inline_children(node), link, unwrapped)
        if children is not inline_children(node):
            changed = True
            out.append(with_inline_children(node, children))
        else:
            out.append(node)
        if link is not outer:  # ``node`` is the outermost link: its markers follow it
            out.extend(more)
        else:
            carried.extend(more)
    return (tuple(out) if changed else inlines), carried
