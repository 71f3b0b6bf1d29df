"""Step 1 - Reading: tinyhtml5's HTML parser, bounded, for :mod:`._tree`.

The standard's algorithms cost, for each token, time in proportion to the stack of open
elements ("has an element in scope", §13.2.4.2), and reconstructing the active formatting
elements (§13.2.4.3) reopens every formatting element a block closed, so that 43 KB of
``<div><b id=N></div>`` build two million elements (1.2 GB) in tinyhtml5 and lexbor alike.
Three bounds, applied between tokenizer and tree construction, keep the work linear in the
length of the markup and the tree no bigger than the markup's tags say:

* **depth**: once :data:`PARSE_DEPTH` elements are open, a start tag that would open one more is
  not given to the tree builder; its text, images and line breaks stay where they are (an
  element that starts a block leaves a line break, so words stay apart), and an element the
  mapper drops with its content (``<template>``, ``<object>`` …) is skipped with its content.
  :data:`PARSE_DEPTH` is above the mapper's :data:`~peptidebook.readers.html.MAX_DEPTH`, so
  this only reaches what the mapper flattens to its text anyway;
* **formatting**: formatting elements are reopened (§13.2.4.3) only while the count of reopened
  ones stays within the count of start tags read plus :data:`REOPEN_ALLOWANCE`; past that, those
  that a block closed are closed for good: their text stays, without the emphasis;
* **splicing**: text runs are handed to the tree builder whole, and foster parenting looks for
  the table from the end of its parent (where it is), not from the start.

Parse errors are not collected (tinyhtml5 would compute a line and column for each).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tinyhtml5.constants import Token  # type: ignore[import-untyped]
from tinyhtml5.inputstream import HTMLUnicodeInputStream  # type: ignore[import-untyped]
from tinyhtml5.parser import HTMLParser  # type: ignore[import-untyped]
from tinyhtml5.tokenizer import HTMLTokenizer  # type: ignore[import-untyped]
from tinyhtml5.treebuilder import Element, Marker, TreeBuilder  # type: ignore[import-untyped]

from ._elements import DROPPED_WITH_CONTENT, FLAT_BREAKS, MAX_DEPTH

__all__ = ["PARSE_DEPTH", "REOPEN_ALLOWANCE", "BoundedParser", "ParseLimits"]

#: How many elements may be open at once while parsing (the fragment's own root not counted).
#: Twice :data:`MAX_DEPTH`: the mapper flattens everything below ``MAX_DEPTH`` to its text, so
#: nothing it keeps depends on this bound, and with it each token costs at most ``PARSE_DEPTH``
#: steps: 1 MB of ``<div>`` or of ``<ul><li>`` parses in about 1.5 s, where the unbounded
#: algorithm takes 71 s for 160 KB of ``<div>`` and 243 s for 256 KB of ``<ul><li>``.
PARSE_DEPTH = 2 * MAX_DEPTH
#: Formatting elements the parser may reopen (HTML §13.2.4.3) beyond one for each start tag read:
#: real posts reopen a handful (an unclosed ``<a>`` or ``<strong>`` carried into the next
#: paragraph); the sample posts reopen none.
REOPEN_ALLOWANCE = 1000
#: Elements whose start tag never adds to the depth that follows it: void elements (HTML
#: §13.1.2) and elements whose content is text (§13.1.2.1-2), which switch the tokenizer into
#: another state and so must reach the tree builder.
_NO_NESTING = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
        "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
        "plaintext",
    }
)
#: Elements whose end tag may be left out (HTML §13.1.2.4): an end tag of one of them after a
#: start tag was held back is not paired with it (it is handled, or ignored, as the standard
#: says).
_OPTIONAL_END = frozenset(
    {
        "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td",
        "th", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
    }
)
_TEXT_TOKENS = (Token.CHARACTERS, Token.SPACE_CHARACTERS)


@dataclass
class ParseLimits:
    """What the bounds held back while parsing one fragment."""

    #: Start tags not opened because :data:`PARSE_DEPTH` elements were open, by name.
    held_back: Counter[str] = field(default_factory=Counter)
    #: Elements skipped with their content for the same reason (``<template>`` …), by name.
    skipped: Counter[str] = field(default_factory=Counter)
    #: Formatting elements not reopened past the allowance.
    not_reopened: int = 0
    start_tags: int = 0
    reopened: int = 0


class BoundedParser(HTMLParser):  # type: ignore[misc]
    """tinyhtml5's parser with the bounded tree builder and tokenizer, and no error list."""

    def __init__(self, limits: ParseLimits) -> None:
        super().__init__(namespace_html_elements=False)
        self.limits = limits
        self.tree = _TreeBuilder(limits)
        for phase in self.phases.values():
            phase.tree = self.tree

    def _parse(self, stream: Any, container: str | None = None, scripting: bool = False,
               **kwargs: Any) -> None:
        # HTMLParser._parse with our tokenizer. A str stream never needs a reparse (that is
        # for bytes whose declared encoding changes), so there is no ReparseError to catch.
        self.container = container
        self.scripting = scripting
        self.tokenizer = _Tokenizer(stream, self, self.limits)
        self.reset()
        self.main_loop()

    def parse_error(self, errorcode: str, datavars: Any = None) -> None:
        """Parse errors are not kept: the tree is the same, and each would cost a scan of up
        to 10 KB of input for its line and column."""


class _Tokenizer(HTMLTokenizer):  # type: ignore[misc]
    """The tokenizer, with the depth bound applied to what it hands the tree builder."""

    def __init__(self, stream: Any, parser: BoundedParser, limits: ParseLimits) -> None:
        super().__init__(stream, parser=parser)
        self.stream = _Stream(stream)
        self.limits = limits

    def __iter__(self) -> Iterator[dict[str, Any]]:
        run: list[str] = []  # one run of text becomes one token: one insertion into the tree
        kind = None
        for token in self._bounded():
            if run and token["type"] is kind:
                run.append(token["data"])
                continue
            if run:
                yield {"type": kind, "data": "".join(run)}
                run = []
            if token["type"] in _TEXT_TOKENS:
                kind = token["type"]
                run.append(token["data"])
            else:
                yield token
        if run:
            yield {"type": kind, "data": "".join(run)}

    # One pass over the tokens with the depth bound's state (held, broken, skipping): split, that
    # state would travel between the pieces.
    def _bounded(self) -> Iterator[dict[str, Any]]:  # noqa: C901
        limits = self.limits
        open_elements = self.parser.tree.open_elements
        held: Counter[str] = Counter()  # held-back start tags whose end tag is still to come
        broken = False  # the last token handed on is a line break put for a held-back block
        skipping: str | None = None
        skip_depth = 0
        for token in super().__iter__():
            kind = token["type"]
            if kind is Token.PARSE_ERROR:
                continue
            name = token.get("name")
            if skipping is not None:
                if name == skipping and kind is Token.START_TAG:
                    skip_depth += 1
                elif name == skipping and kind is Token.END_TAG:
                    skip_depth -= 1
                    skipping = None if skip_depth == 0 else skipping
                continue
            if kind is Token.START_TAG:
                limits.start_tags += 1
                # open_elements[0] is the fragment's root <html>: PARSE_DEPTH counts the rest.
                if len(open_elements) > PARSE_DEPTH and name not in _NO_NESTING:
                    if name in DROPPED_WITH_CONTENT:
                        limits.skipped[name] += 1
                        skipping, skip_depth = name, 1
                        continue
                    limits.held_back[name] += 1
                    if name not in _OPTIONAL_END:
                        held[name] += 1
                    if name in FLAT_BREAKS and not broken:
                        broken = True
                        yield {"type": Token.SPACE_CHARACTERS, "data": "\n"}
                    continue
            elif kind is Token.END_TAG and held[name] > 0:
                held[name] -= 1
                if name in FLAT_BREAKS and not broken:
                    broken = True
                    yield {"type": Token.SPACE_CHARACTERS, "data": "\n"}
                continue
            broken = False
            yield token


#: :meth:`_Stream.chars_until`'s patterns, by the characters they stop at and ``opposite``.
_PATTERNS: dict[tuple[Any, bool], re.Pattern[str]] = {}


class _Stream(HTMLUnicodeInputStream):  # type: ignore[misc]
    """tinyhtml5's input stream, with the cache of :meth:`chars_until` patterns that
    tinyhtml5 2.1 means to keep (it stores each pattern under the pattern itself, so it
    compiles one for every run of text: a quarter of the time spent on real posts)."""

    chunk: str
    chunk_offset: int

    def chars_until(self, characters: Any, opposite: bool = False) -> str:
        """The characters up to the first one in ``characters`` (or, ``opposite``, not in
        it), or to the end (tinyhtml5's ``chars_until``, with its cache keyed right)."""
        pattern = _PATTERNS.get((characters, opposite))
        if pattern is None:
            escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
            pattern = re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")
            _PATTERNS[(characters, opposite)] = pattern
        result: list[str] = []
        while True:
            chunk = self.chunk
            offset = self.chunk_offset
            match = pattern.match(chunk, offset)
            if match is None:
                if offset != len(chunk):
                    break
            elif match.end() != len(chunk):
                result.append(chunk[offset:match.end()])
                self.chunk_offset = match.end()
                break
            # The rest of the chunk matched: take it, and go on in the next one.
            result.append(chunk[offset:])
            if not self.read_chunk():
                break
        return "".join(result)


class _TreeBuilder(TreeBuilder):  # type: ignore[misc]
    """tinyhtml5's tree builder, with the formatting bound and elements that find their
    siblings from the end."""

    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        super().__init__(namespace_html_elements=False)

    def create_element(self, token: dict[str, Any]) -> _Element:
        element = _Element(token["name"], token.get("namespace", self.default_namespace))
        element.attributes = token["data"]
        return element

    def insert_element_normal(self, token: dict[str, Any]) -> _Element:
        element = self.create_element(token)
        self.open_elements[-1].append_child(element)
        self.open_elements.append(element)
        return element

    def reconstruct_active_formatting_elements(self) -> None:
        """HTML §13.2.4.3, within the allowance; past it, the elements that would be reopened
        leave the list of active formatting elements (as if their end tags had been seen)."""
        entries = self.active_formatting_elements
        closed = 0
        for entry in reversed(entries):
            if entry is Marker or entry in self.open_elements:
                break
            closed += 1
        if closed == 0:
            return
        limits = self.limits
        if limits.reopened + closed > limits.start_tags + REOPEN_ALLOWANCE:
            del entries[len(entries) - closed:]
            limits.not_reopened += closed
            return
        limits.reopened += closed
        super().reconstruct_active_formatting_elements()


class _Element(Element):  # type: ignore[misc]
    """tinyhtml5's element; insertion before a sibling looks for it from the end (foster
    parenting inserts before the table, which is its parent's last child), and records the
    node among the children: tinyhtml5 2.1 only puts it in the ElementTree, so that a node
    foster-parented into the fragment's root, or into a block the adoption agency later
    empties, is lost with its text (``<table><p>stray</p>…``)."""

    def _index(self, reference: Element) -> int:
        children = self._element
        target = reference._element
        for index in range(len(children) - 1, -1, -1):
            if children[index] is target:
                return index
        raise ValueError("the reference node is not a child of this node")

    def insert_before(self, node: Element, reference: Element) -> None:
        self._element.insert(self._index(reference), node._element)
        nodes = self._children
        for index in range(len(nodes) - 1, -1, -1):
            if nodes[index] is reference:
                nodes.insert(index, node)
                break
        node.parent = self

    def insert_text(self, text: str, insert_before: Element | None = None) -> None:
        if insert_before is None:
            super().insert_text(text)
            return
        index = self._index(insert_before)
        if index > 0:
            previous = self._element[index - 1]
            previous.tail = (previous.tail or "") + text
        else:
            self._element.text = (self._element.text or "") + text
