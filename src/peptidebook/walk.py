"""Generic traversals of the document model: iterate over nodes, or rebuild with a function.

Every traversal here is derived from what the node types declare through their field types
(:func:`peptidebook.model.shape.slots`); no node type is named in this module, so a new one is
walked, mapped and searched everywhere as soon as it is declared.

``map_blocks(blocks, f)`` rebuilds bottom-up: children first, then ``f`` on each block, which
returns the block(s) to put in its place. ``iter_blocks``/``iter_inlines`` walk depth-first in
document order; ``iter_ids`` yields every anchor the tree defines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, Protocol, TypeVar, cast

from .model import Block, Blocks, Inline, Inlines, Span
from .model.shape import refs, slots

BlockFn = Callable[[Block], Block | Blocks]
SequenceFn = Callable[[Blocks], Blocks]
InlineSeqFn = Callable[[Inlines], Inlines]
InlineFn = Callable[[Inline], Inline | Inlines]

N = TypeVar("N")


class _Leaf(Protocol):
    def text_equivalent(self) -> str: ...


# ------------------------------------------------------------------------------ reading


def child_inlines(node: object) -> Iterator[Inlines]:
    """The inline runs ``node`` (a block, a part or an inline) holds itself: not those of its
    child blocks. A single-inline field (``Figure.image``) is a run of one."""
    for slot in slots(type(node)):
        value = getattr(node, slot.name)
        if slot.kind == "inlines":
            yield value
        elif slot.kind == "inline":
            yield (value,)
        elif slot.kind == "parts":
            for part in value:
                yield from child_inlines(part)


def child_blocks(node: object) -> Iterator[Blocks]:
    """The block runs directly inside ``node`` (through its parts: rows, cells, items…)."""
    for slot in slots(type(node)):
        value = getattr(node, slot.name)
        if slot.kind == "blocks":
            yield value
        elif slot.kind == "block-runs":
            yield from value
        elif slot.kind == "parts":
            for part in value:
                yield from child_blocks(part)


def plain_text(inlines: Iterable[Inline]) -> str:
    """The text a reader sees of ``inlines`` (images count by their alt text, raw markup as
    the escaped text the renderer shows)."""
    parts: list[str] = []
    for node in inlines:
        runs = list(child_inlines(node))
        if runs:
            parts.extend(plain_text(run) for run in runs)
        else:
            parts.append(cast(_Leaf, node).text_equivalent())
    return "".join(parts)


def iter_blocks(blocks: Blocks) -> Iterator[Block]:
    """Every block, depth-first, in document order (containers before their contents)."""
    for block in blocks:
        yield block
        for child in child_blocks(block):
            yield from iter_blocks(child)


def iter_inlines(blocks: Blocks) -> Iterator[Inline]:
    """Every inline of every block, depth-first (containers before their contents), a
    figure's image included."""
    for block in iter_blocks(blocks):
        for run in child_inlines(block):
            yield from _inline_tree(run)


def _inline_tree(inlines: Inlines) -> Iterator[Inline]:
    for node in inlines:
        yield node
        for run in child_inlines(node):
            yield from _inline_tree(run)


def iter_nodes(blocks: Blocks) -> Iterator[object]:
    """Every node: each block, then its parts and inlines, then its child blocks' (in order
    within each kind)."""
    for block in blocks:
        yield from _node_and_parts(block)
        for run in child_inlines(block):
            yield from _inline_tree(run)
        for child in child_blocks(block):
            yield from iter_nodes(child)


def _node_and_parts(node: object) -> Iterator[object]:
    yield node
    for slot in slots(type(node)):
        if slot.kind == "parts":
            for part in getattr(node, slot.name):
                yield from _node_and_parts(part)


def iter_anchors(blocks: Blocks) -> Iterator[tuple[object, str]]:
    """Every node that defines an anchor (a field named ``id`` that is set), with its id, in
    document order of the blocks that hold them."""
    for node in iter_nodes(blocks):
        ident = getattr(node, "id", None)
        if isinstance(ident, str) and ident:
            yield node, ident


def iter_ids(blocks: Blocks) -> Iterator[str]:
    """Every anchor the tree defines (a block's, a part's or an inline's ``id``)."""
    return (ident for _node, ident in iter_anchors(blocks))


def run_language(inlines: Inlines, default: str | None) -> str | None:
    """The language of a run that is one marked :class:`~.model.Span` (a title quoted in its
    own language), else ``default``."""
    if len(inlines) == 1 and isinstance(inlines[0], Span):
        return inlines[0].lang
    return default


# ------------------------------------------------------------------------------ rebuilding


def _as_tuple(value: Block | Blocks) -> Blocks:
    return value if isinstance(value, tuple) else (value,)


def map_children(block: N, fn: SequenceFn) -> N:
    """``block`` (or a part) with ``fn`` applied to each of its direct child block runs."""
    changes: dict[str, Any] = {}
    for slot in slots(type(block)):
        value = getattr(block, slot.name)
        if slot.kind == "blocks":
            changes[slot.name] = fn(value)
        elif slot.kind == "block-runs":
            changes[slot.name] = tuple(fn(run) for run in value)
        elif slot.kind == "parts":
            changes[slot.name] = tuple(map_children(part, fn) for part in value)
    return _replaced(block, changes)


def map_sequences(blocks: Blocks, fn: SequenceFn) -> Blocks:
    """Apply ``fn`` to every block sequence, innermost first, ``blocks`` itself last, so a
    pass can look at siblings (a heading and the table after it)."""
    return fn(tuple(map_children(block, lambda seq: map_sequences(seq, fn)) for block in blocks))


def map_blocks(blocks: Blocks, fn: BlockFn) -> Blocks:
    """Rebuild ``blocks`` bottom-up, replacing each block by what ``fn`` returns for it."""
    out: list[Block] = []
    for block in blocks:
        out.extend(_as_tuple(fn(map_children(block, lambda seq: map_blocks(seq, fn)))))
    return tuple(out)


def map_own_inlines(node: N, fn: InlineSeqFn) -> N:
    """``node`` (a block, part or inline) with ``fn`` applied to each inline run it holds
    itself. A single-inline field must stay one inline."""
    changes: dict[str, Any] = {}
    for slot in slots(type(node)):
        value = getattr(node, slot.name)
        if slot.kind == "inlines":
            changes[slot.name] = fn(value)
        elif slot.kind == "inline":
            result = fn((value,))
            if len(result) != 1 or not isinstance(result[0], type(value)):
                raise TypeError(f"{type(node).__name__}.{slot.name} must stay one "
                                f"{type(value).__name__}, not {result!r:.80}")
            changes[slot.name] = result[0]
        elif slot.kind == "parts":
            changes[slot.name] = tuple(map_own_inlines(part, fn) for part in value)
    return _replaced(node, changes)


def _replaced(node: N, changes: dict[str, Any]) -> N:
    """``node`` with ``changes``; ``node`` itself when every new value is the old one (or an
    equal tuple of the same nodes), so an untouched tree keeps its identity."""
    changed = {name: value for name, value in changes.items()
               if not _same(value, getattr(node, name))}
    return replace(node, **changed) if changed else node  # type: ignore[type-var]


def _same(new: object, old: object) -> bool:
    if new is old:
        return True
    return (isinstance(new, tuple) and isinstance(old, tuple) and len(new) == len(old)
            and all(_same(a, b) for a, b in zip(new, old, strict=True)))


def map_inline_sequences(blocks: Blocks, fn: InlineSeqFn) -> Blocks:
    """Rebuild ``blocks`` with ``fn`` applied to every top-level inline sequence: heading and
    paragraph text, captions, definition terms, questions, reference entries, a figure's image
    (nested blocks of lists, quotes, notes, cells and answers included)."""
    return map_blocks(blocks, lambda block: map_own_inlines(block, fn))


def map_inlines(blocks: Blocks, fn: InlineFn) -> Blocks:
    """Rebuild every inline of ``blocks`` bottom-up through ``fn`` (containers' children
    first), which returns the inline(s) to put in its place."""
    return map_inline_sequences(blocks, lambda inlines: map_inline_run(inlines, fn))


def map_inline_run(inlines: Inlines, fn: InlineFn) -> Inlines:
    """One inline run rebuilt bottom-up through ``fn`` (see :func:`map_inlines`)."""
    out: list[Inline] = []
    for node in inlines:
        result = fn(map_own_inlines(node, lambda run: map_inline_run(run, fn)))
        out.extend(result if isinstance(result, tuple) else (result,))
    return tuple(out)


# ------------------------------------------------------------------------------ ids


def ids_named(node: object) -> Iterator[str]:
    """The ids ``node`` itself refers to (not its anchor): id references and in-book link
    targets (``#id``)."""
    for ref in refs(type(node)):
        value = getattr(node, ref.name)
        if ref.kind == "id-ref":
            yield value
        elif ref.kind == "id-refs":
            yield from value
        elif ref.kind == "href" and value.startswith("#"):
            yield value[1:]


def rename_ids(blocks: Blocks, rename: Callable[[str], str],
               href: Callable[[str], str] | None = None) -> Blocks:
    """``blocks`` with every anchor and every reference to one passed through ``rename``
    (return the id itself to keep it). In-book link targets (``#id``) go through ``href``
    (given the id) when given, else ``rename``."""
    follow = href or rename

    def node_fn(node: N) -> N:
        changes: dict[str, Any] = {}
        for ref in refs(type(node)):
            value = getattr(node, ref.name)
            if ref.kind in ("id", "id-ref") and value:
                changes[ref.name] = rename(value)
            elif ref.kind == "id-refs":
                changes[ref.name] = tuple(rename(v) for v in value)
            elif ref.kind == "href" and value.startswith("#"):
                changes[ref.name] = "#" + follow(value[1:])
        for slot in slots(type(node)):
            if slot.kind == "parts":
                changes[slot.name] = tuple(node_fn(part) for part in getattr(node, slot.name))
        return _replaced(node, changes)

    return map_inlines(map_blocks(blocks, node_fn), node_fn)


def has_inline_children(node: Inline) -> bool:
    """Whether ``node`` holds inlines of its own (a mark, a link, a citation…): an inline
    container, whose one slot is ``children`` (:mod:`peptidebook.model.inlines`)."""
    return bool(slots(type(node)))


def inline_children(node: Inline) -> Inlines:
    """The ``children`` of an inline container; ``()`` for a leaf."""
    children: Inlines = getattr(node, "children", ()) if has_inline_children(node) else ()
    return children


def with_inline_children(node: Inline, children: Inlines) -> Inline:
    """An inline container with other ``children`` (:func:`has_inline_children` holds)."""
    if not has_inline_children(node):
        raise TypeError(f"{type(node).__name__} holds no inlines")
    rebuilt: Inline = replace(cast(Any, node), children=children)
    return rebuilt


__all__ = ["child_blocks", "child_inlines", "has_inline_children", "ids_named", "inline_children",
           "iter_anchors", "iter_blocks", "iter_ids",
           "iter_inlines", "iter_nodes", "map_blocks", "map_children", "map_inline_run",
           "map_inline_sequences", "map_inlines", "map_own_inlines", "map_sequences",
           "plain_text", "rename_ids", "run_language", "with_inline_children"]
