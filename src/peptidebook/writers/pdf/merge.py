"""Step 5a - PDF, chunked: merge tagged PDF/UA-1 chunks of one book into one tagged file.

Each chunk is a finished PDF of a run of the book's pages (:mod:`.chunks`), already numbered as
the book numbers them and post-processed (:mod:`.pdfua`). The first chunk is the base: its
catalog keeps the document's ``/Lang``, XMP metadata (PDF/UA-1 ISO 14289-1 §5, §7.1),
``/MarkInfo``, ``/ViewerPreferences`` (``DisplayDocTitle``, §7.1) and document information;
the others must agree on ``/Lang``. Of every later chunk, one ``copy_foreign`` brings over (so
that every reference among them is mapped once, consistently):

* its pages, appended in order, with their content streams (marked-content ids are per page,
  ISO 32000-1 §14.7.4.2, so they survive unchanged) and annotations;
* its structure tree: the kids of its ``Document`` element become kids of the base's one
  ``Document`` element (§14.7.2); ``/RoleMap`` and ``/ClassMap`` entries are merged (a name
  mapped two ways is refused), ``/IDTree`` entries too (§14.7.2 Table 322);
* its ``/ParentTree`` (§14.7.4.4, a number tree): every key moves up by the keys before it,
  and so do the pages' ``/StructParents`` and the annotations' ``/StructParent`` that point
  into it; ``/ParentTreeNextKey`` is set to the first free key;
* its named destinations (§12.3.2.3): a link to an anchor in another chunk was written to a
  stand-in destination of its own chunk (``phantoms``), dropped here for the real one, so
  the link's ``/Dest`` name finds its target across chunks; the merged name tree is sorted
  (§7.9.6);
* its outline items (§12.3.3): its top-level items follow the base's, ``/Count`` summed;
* its ``/PageLabels`` ranges (§12.4.2), their page indexes moved up by the pages before.

Fonts: each chunk embeds its own subsets of the faces it uses; the subsets of each face become
one font (:mod:`.fontmerge`), so the file holds each face once, as the unchunked book does.
Identical embedded streams left after that — font programs of faces that could not be merged,
images — are shared (:func:`share_identical_streams`). The file is saved with a
deterministic ``/ID``.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from .fontmerge import FontMergeStats, merge_font_subsets, page_fonts

__all__ = ["ChunkPdf", "MergeError", "MergeStats", "merge_chunks", "share_identical_streams"]


class MergeError(ValueError):
    """The chunks cannot be one document (they disagree on something the file holds once)."""


@dataclass(frozen=True)
class ChunkPdf:
    """A finished chunk: its PDF bytes, and the destination names it holds only as stand-ins
    for anchors laid out in another chunk."""

    data: bytes
    phantoms: frozenset[str] = frozenset()


@dataclass
class MergeStats:
    pages: int = 0
    chunks: int = 0
    #: Embedded streams that were byte-identical to one already kept, and now share it.
    shared_streams: int = 0
    shared_bytes: int = 0
    destinations: int = 0
    fonts: FontMergeStats = field(default_factory=FontMergeStats)


def merge_chunks(chunks: Sequence[ChunkPdf]) -> tuple[bytes, MergeStats]:
    """One tagged PDF of ``chunks``, in order (see the module docstring)."""
    if not chunks:
        raise MergeError("no chunks to merge")
    with pikepdf.open(io.BytesIO(chunks[0].data)) as base:
        merger = _Merger(base, chunks[0].phantoms)
        for chunk in chunks[1:]:
            with pikepdf.open(io.BytesIO(chunk.data)) as other:
                merger.append(other, chunk.phantoms)
        stats = merger.finish()
        stats.chunks = len(chunks)
        out = io.BytesIO()
        base.save(out, deterministic_id=True, compress_streams=True,
                  object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), stats


def _decoded(name: bytes) -> str:
    return name.decode("utf-8", "surrogateescape")


class _Merger:
    """The base chunk, growing by the chunks appended to it; what is written once (parent
    tree, name trees, page labels) is collected and written by :meth:`finish`."""

    def __init__(self, base: pikepdf.Pdf, phantoms: frozenset[str]) -> None:
        self.base = base
        root = base.Root
        tree = root.get("/StructTreeRoot")
        self.tree = tree if isinstance(tree, Dictionary) else None
        self.document = _document_element(self.tree) if self.tree is not None else None
        self.nums = _number_tree(self.tree.get("/ParentTree")) if self.tree is not None \
            else []
        self.next_key = max((key for key, _ in self.nums), default=-1) + 1
        self.dests = {name: dest for name, dest in _name_tree(_dests(base))
                      if _decoded(name) not in phantoms}
        self.ids = dict(_name_tree(self.tree.get("/IDTree"))) if self.tree is not None \
            else {}
        self.labels = _number_tree(root.get("/PageLabels"))
        self.outline_last = _last_outline(root)

    def append(self, other: pikepdf.Pdf, phantoms: frozenset[str]) -> None:
        base = self.base
        if str(other.Root.get("/Lang", "")) != str(base.Root.get("/Lang", "")):
            raise MergeError(f"a chunk's /Lang {other.Root.get('/Lang')} is not the "
                             f"document's {base.Root.get('/Lang')}")
        offset_pages = len(base.pages)
        copied = _copy_chunk(base, other, phantoms)
        shift = self.next_key
        for page in base.pages[offset_pages:]:
            _shift_key(page.obj, "/StructParents", shift)
            for annotation in _as_list(page.obj.get("/Annots")):
                if isinstance(annotation, Dictionary):
                    _shift_key(annotation, "/StructParent", shift)
        self.nums.extend((key + shift, value) for key, value in copied.nums)
        self.next_key = max((key for key, _ in self.nums), default=-1) + 1
        if self.document is not None and copied.kids:
            for kid in copied.kids:
                if isinstance(kid, Dictionary):
                    kid.P = self.document
            kids = self.document.get("/K")
            if not isinstance(kids, Array):
                self.document.K = kids = Array(_as_list(kids))
            kids.extend(copied.kids)
        _merge_maps(self.tree, other.Root.get("/StructTreeRoot"), base)
        self.ids.update(copied.ids)
        self.dests.update(copied.dests)
        self.labels.extend((index + offset_pages, value) for index, value in copied.labels)
        self.outline_last = _append_outlines(base, self.outline_last, copied.outlines,
                                             copied.outline_count)

    def finish(self) -> MergeStats:
        base, root = self.base, self.base.Root
        if self.tree is not None:
            self.tree.ParentTree = base.make_indirect(Dictionary(Nums=_nums_array(self.nums)))
            self.tree.ParentTreeNextKey = self.next_key
            if self.ids:
                self.tree.IDTree = Dictionary(Names=_names_array(self.ids))
        if self.dests:
            names = root.get("/Names")
            if not isinstance(names, Dictionary):
                root.Names = names = Dictionary()
            names.Dests = base.make_indirect(Dictionary(Names=_names_array(self.dests)))
        if self.labels:
            root.PageLabels = Dictionary(Nums=_nums_array(self.labels))
        stats = MergeStats(destinations=len(self.dests), fonts=merge_font_subsets(base))
        stats.shared_streams, stats.shared_bytes = share_identical_streams(base)
        stats.pages = len(base.pages)
        return stats


@dataclass
class _Copied:
    """What one later chunk brought into the base, already owned by the base."""

    kids: list[pikepdf.Object]
    nums: list[tuple[int, object]]
    ids: dict[bytes, object]
    dests: dict[bytes, object]
    labels: list[tuple[int, object]]
    outlines: list[Dictionary]
    outline_count: int


def _copy_chunk(base: pikepdf.Pdf, other: pikepdf.Pdf, phantoms: frozenset[str]) -> _Copied:
    """Append ``other``'s pages to the base's and copy everything else of it the merged file
    keeps; QPDF keeps one map from ``other``'s objects to the base's for both, so a structure
    element's ``/Pg``, a parent-tree entry and an outline's destination all point at the same
    copied page."""
    tree = other.Root.get("/StructTreeRoot")
    document = _document_element(tree) if isinstance(tree, Dictionary) else None
    kids = _as_list(document.get("/K")) if document is not None else []
    for kid in kids:  # cut the way up, so that the chunk's own root is not copied
        if isinstance(kid, Dictionary) and "/P" in kid:
            del kid["/P"]
    nums = _number_tree(tree.get("/ParentTree")) if isinstance(tree, Dictionary) else []
    ids = _name_tree(tree.get("/IDTree")) if isinstance(tree, Dictionary) else []
    dests = [(name, dest) for name, dest in _name_tree(_dests(other))
             if _decoded(name) not in phantoms]
    labels = _number_tree(other.Root.get("/PageLabels"))
    outlines = _top_outlines(other)
    for item in outlines:
        for key in ("/Parent", "/Prev", "/Next"):
            if key in item:
                del item[key]
    # Pages first: QPDF copies a page only through the page tree (it leaves pages out of
    # copy_foreign), with the same map from this chunk's objects as copy_foreign then uses.
    with warnings.catch_warnings():
        # "pages.extend() does not preserve named destinations": this module merges them.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        base.pages.extend(other.pages)
    bundle = Array([
        Array(kids), Array([value for _, value in nums]),
        Array([value for _, value in ids]), Array([value for _, value in dests]),
        Array([value for _, value in labels]), Array(outlines)])
    copied = base.copy_foreign(other.make_indirect(bundle))
    count = other.Root.get("/Outlines", Dictionary()).get("/Count", len(outlines))
    return _Copied(
        kids=list(copied[0]),
        nums=[(key, value) for (key, _), value in zip(nums, copied[1], strict=True)],
        ids={name: value for (name, _), value in zip(ids, copied[2], strict=True)},
        dests={name: value for (name, _), value in zip(dests, copied[3], strict=True)},
        labels=[(key, value) for (key, _), value in zip(labels, copied[4], strict=True)],
        outlines=[item for item in copied[5] if isinstance(item, Dictionary)],
        outline_count=int(count))


def _document_element(tree: Dictionary) -> Dictionary | None:
    """The one ``Document`` element WeasyPrint puts under the structure tree root."""
    kids = _as_list(tree.get("/K"))
    if len(kids) == 1 and isinstance(kids[0], Dictionary) and kids[0].get("/S") == Name.Document:
        return kids[0]
    raise MergeError("a chunk's structure tree root does not hold one Document element")


def _merge_maps(tree: object, other_tree: object, base: pikepdf.Pdf) -> None:
    """``/RoleMap`` (names only) and ``/ClassMap`` (attribute objects) of ``other_tree`` into
    ``tree``'s; a name mapped differently by two chunks is refused."""
    if not isinstance(tree, Dictionary) or not isinstance(other_tree, Dictionary):
        return
    for key in ("/RoleMap", "/ClassMap"):
        theirs = other_tree.get(key)
        if not isinstance(theirs, Dictionary):
            continue
        ours = tree.get(key)
        if not isinstance(ours, Dictionary):
            tree[key] = ours = Dictionary()
        for name, value in theirs.items():
            if key == "/RoleMap":
                if name in ours and ours[name] != value:
                    raise MergeError(f"chunks map the structure type {name} differently")
                ours[name] = value
            elif name not in ours:
                ours[name] = base.copy_foreign(value)


def _dests(pdf: pikepdf.Pdf) -> object:
    names = pdf.Root.get("/Names")
    return names.get("/Dests") if isinstance(names, Dictionary) else None


def _number_tree(node: object, depth: int = 0) -> list[tuple[int, object]]:
    """A number tree (ISO 32000-1 §7.9.7) as ``[(key, value)]`` in key order."""
    out: list[tuple[int, object]] = []
    if not isinstance(node, Dictionary) or depth > 32:
        return out
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        out.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
    for kid in _as_list(node.get("/Kids")):
        out.extend(_number_tree(kid, depth + 1))
    return out


def _name_tree(node: object, depth: int = 0) -> list[tuple[bytes, object]]:
    """A name tree (ISO 32000-1 §7.9.6) as ``[(name bytes, value)]``."""
    out: list[tuple[bytes, object]] = []
    if not isinstance(node, Dictionary) or depth > 32:
        return out
    names = node.get("/Names")
    if isinstance(names, Array):
        out.extend((bytes(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2))
    for kid in _as_list(node.get("/Kids")):
        out.extend(_name_tree(kid, depth + 1))
    return out


def _nums_array(pairs: Iterable[tuple[int, object]]) -> Array:
    return Array([item for key, value in sorted(pairs, key=lambda p: p[0])
                  for item in (key, value)])


def _names_array(entries: dict[bytes, object]) -> Array:
    # Name trees are sorted by the names' bytes (ISO 32000-1 §7.9.6).
    return Array([item for name in sorted(entries)
                  for item in (pikepdf.String(name), entries[name])])


def _shift_key(obj: Dictionary, key: str, shift: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + shift


def _top_outlines(pdf: pikepdf.Pdf) -> list[Dictionary]:
    outlines = pdf.Root.get("/Outlines")
    items: list[Dictionary] = []
    node = outlines.get("/First") if isinstance(outlines, Dictionary) else None
    while isinstance(node, Dictionary) and len(items) < 1_000_000:  # a /Next cycle ends
        items.append(node)
        node = node.get("/Next")
    return items


def _last_outline(root: pikepdf.Object) -> Dictionary | None:
    outlines = root.get("/Outlines")
    last = outlines.get("/Last") if isinstance(outlines, Dictionary) else None
    return last if isinstance(last, Dictionary) else None


def _append_outlines(base: pikepdf.Pdf, last: Dictionary | None, items: list[Dictionary],
                     count: int) -> Dictionary | None:
    """Chain ``items`` (top-level outline items, already copied) after ``last``."""
    if not items:
        return last
    outlines = base.Root.get("/Outlines")
    if not isinstance(outlines, Dictionary):
        base.Root.Outlines = outlines = base.make_indirect(Dictionary(Type=Name.Outlines,
                                                                      Count=0))
    for item in items:
        item.Parent = outlines
        if last is None:
            outlines.First = item
        else:
            last.Next = item
            item.Prev = last
        last = item
    outlines.Last = last
    outlines.Count = int(outlines.get("/Count", 0)) + count
    return last


def _as_list(obj: object) -> list[object]:
    if obj is None:
        return []
    return list(obj) if isinstance(obj, Array) else [obj]


def share_identical_streams(pdf: pikepdf.Pdf) -> tuple[int, int]:
    """Point every reference to an embedded font program, image or colour profile at one copy
    of each distinct stream (same dictionary, same encoded bytes); return how many streams now
    share another's copy and how many encoded bytes they held."""
    kept: dict[tuple[bytes, bytes], Stream] = {}
    shared = saved = 0

    def canonical(stream: object) -> object:
        nonlocal shared, saved
        if not isinstance(stream, Stream) or not stream.is_indirect:
            return stream
        raw = stream.read_raw_bytes()
        key = (hashlib.sha256(raw).digest(), _stream_key(stream))
        first = kept.setdefault(key, stream)
        if first.objgen != stream.objgen:
            shared += 1
            saved += len(raw)
        return first

    for descriptor in _font_descriptors(pdf):
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                descriptor[key] = canonical(descriptor[key])
    for page in pdf.pages:
        xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject")
        if isinstance(xobjects, Dictionary):
            for name in list(xobjects.keys()):
                xobjects[name] = canonical(xobjects[name])
    return shared, saved


def _stream_key(stream: Stream) -> bytes:
    """A stream's dictionary, less its length, as bytes (streams equal on this and their
    encoded bytes are the same stream)."""
    entries = {str(k): v for k, v in stream.stream_dict.items() if k != "/Length"}
    return repr(sorted(entries.items())).encode()


def _font_descriptors(pdf: pikepdf.Pdf) -> Iterable[Dictionary]:
    seen: set[tuple[int, int]] = set()
    for font in page_fonts(pdf):
        for each in [font, *_as_list(font.get("/DescendantFonts"))]:
            descriptor = each.get("/FontDescriptor") if isinstance(each, Dictionary) else None
            if isinstance(descriptor, Dictionary) and descriptor.objgen not in seen:
                seen.add(descriptor.objgen)
                yield descriptor
