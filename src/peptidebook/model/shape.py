"""What each node type holds, read from its own field types: the one description of the tree.

A node type declares its children by the types of its fields, which mypy checks:

==========================  ================  ============================================
field type                  :class:`Slot`     example
==========================  ================  ============================================
``Blocks``                  ``"blocks"``      ``BlockQuote.blocks``, ``Cell.blocks``
``tuple[Blocks, ...]``      ``"block-runs"``  ``DefinitionItem.definitions``
``Inlines``                 ``"inlines"``     ``Paragraph.children``, ``Emph.children``
an inline type              ``"inline"``      ``Figure.image``
``tuple[Part, ...]``        ``"parts"``       ``Table.head`` (rows), ``QASection.questions``
==========================  ================  ============================================

A *part* is a model dataclass that is neither a block nor an inline but holds one of the above
(:class:`~.blocks.ListItem`, :class:`~.blocks.Row`, :class:`~.blocks.Cell`, …). Every other
field is data (a level, an address, an id). :mod:`peptidebook.walk` derives every traversal
from :func:`slots`; nothing else lists node types by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from .blocks import Block, Blocks
from .inlines import Inline, Inlines

T = TypeVar("T")

SlotKind = Literal["blocks", "block-runs", "inlines", "inline", "parts"]

#: The node types of :data:`Block` and :data:`Inline`.
BLOCK_TYPES: tuple[type, ...] = get_args(Block)
INLINE_TYPES: tuple[type, ...] = get_args(Inline)


@dataclass(frozen=True)
class Slot:
    """One field of a node that holds children, and what kind of children."""

    name: str
    kind: SlotKind


_SLOTS: dict[type, tuple[Slot, ...]] = {}


def slots(node_type: type) -> tuple[Slot, ...]:
    """The fields of ``node_type`` that hold blocks, inlines or parts, in declaration order
    (read once per type)."""
    return _once(_SLOTS, node_type, _read_slots)


def _once(cache: dict[type, T], node_type: type, read: Callable[[type], T]) -> T:
    """What ``read`` says of ``node_type``, read the first time only (types are few and
    fixed; the traversals ask for every node)."""
    if node_type not in cache:
        cache[node_type] = read(node_type)
    return cache[node_type]


def _read_slots(node_type: type) -> tuple[Slot, ...]:
    if not dataclasses.is_dataclass(node_type):
        return ()
    hints = get_type_hints(node_type)
    found: list[Slot] = []
    for f in dataclasses.fields(node_type):
        kind = _kind(hints[f.name])
        if kind is not None:
            found.append(Slot(f.name, kind))
    return tuple(found)


def _kind(hint: Any) -> SlotKind | None:
    if hint == Blocks:
        return "blocks"
    if hint == Inlines:
        return "inlines"
    if isinstance(hint, type) and hint in INLINE_TYPES:
        return "inline"
    if get_origin(hint) is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] == Blocks:
                return "block-runs"
            if _is_part(args[0]):
                return "parts"
    return None


def _is_part(hint: Any) -> bool:
    return (isinstance(hint, type) and dataclasses.is_dataclass(hint)
            and hint not in BLOCK_TYPES and hint not in INLINE_TYPES and bool(slots(hint)))


RefKind = Literal["id", "id-ref", "id-refs", "href"]


@dataclass(frozen=True)
class Ref:
    """A field of a node that names an id: its own anchor (``id``), another node's
    (:data:`~.inlines.IdRef`, one or a tuple), or a link target (:data:`~.inlines.Href`)."""

    name: str
    kind: RefKind


_REFS: dict[type, tuple[Ref, ...]] = {}


def refs(node_type: type) -> tuple[Ref, ...]:
    """The fields of ``node_type`` that define or name ids, in declaration order."""
    return _once(_REFS, node_type, _read_refs)


def _read_refs(node_type: type) -> tuple[Ref, ...]:
    if not dataclasses.is_dataclass(node_type):
        return ()
    hints = get_type_hints(node_type, include_extras=True)
    found: list[Ref] = []
    for f in dataclasses.fields(node_type):
        hint = hints[f.name]
        if f.name == "id":
            found.append(Ref(f.name, "id"))
        elif _marker(hint) in ("id-ref", "href"):
            found.append(Ref(f.name, "href" if _marker(hint) == "href" else "id-ref"))
        elif get_origin(hint) is tuple and _marker(get_args(hint)[0]) == "id-ref":
            found.append(Ref(f.name, "id-refs"))
    return tuple(found)


def _marker(hint: Any) -> object:
    if get_origin(hint) is Annotated:
        return hint.__metadata__[0]
    return None


def is_leaf_inline(node_type: type) -> bool:
    """An inline type with no inline children: it says what it reads as itself."""
    return node_type in INLINE_TYPES and not slots(node_type)


__all__ = ["BLOCK_TYPES", "INLINE_TYPES", "Ref", "RefKind", "Slot", "SlotKind", "is_leaf_inline",
           "refs", "slots"]
