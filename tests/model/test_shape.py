"""The model describes itself: what each node type holds, read from its field types."""

from __future__ import annotations

import dataclasses
import re

import pytest

from peptidebook import model
from peptidebook.model.shape import BLOCK_TYPES, INLINE_TYPES, is_leaf_inline, slots


def shape(node_type: type) -> list[tuple[str, str]]:
    return [(s.name, s.kind) for s in slots(node_type)]


def test_every_block_and_inline_type_is_a_frozen_dataclass() -> None:
    for node_type in (*BLOCK_TYPES, *INLINE_TYPES):
        assert dataclasses.is_dataclass(node_type), node_type
        assert node_type.__dataclass_params__.frozen, node_type  # type: ignore[attr-defined]


@pytest.mark.parametrize(("node_type", "expected"), [
    (model.Paragraph, [("children", "inlines")]),
    (model.BlockQuote, [("blocks", "blocks"), ("attribution", "inlines")]),
    (model.Table, [("head", "parts"), ("body", "parts"), ("caption", "inlines")]),
    (model.Row, [("cells", "parts")]),
    (model.Cell, [("blocks", "blocks")]),
    (model.Figure, [("image", "inline"), ("caption", "inlines")]),
    (model.DefinitionItem, [("term", "inlines"), ("definitions", "block-runs")]),
    (model.QASection, [("questions", "parts")]),
    (model.Question, [("question", "inlines"), ("answer", "blocks")]),
    (model.Endnotes, [("title", "inlines"), ("notes", "parts")]),
    (model.ReferenceList, [("entries", "parts")]),
    (model.Reference, [("children", "inlines")]),
    (model.CodeBlock, []),
    (model.Citation, [("children", "inlines")]),
    (model.Image, []),
    (model.Chapter, [("title", "inlines"), ("blocks", "blocks")]),
])
def test_slots_follow_the_field_types(node_type: type, expected: list[tuple[str, str]]) -> None:
    assert shape(node_type) == expected


def test_an_inline_is_either_a_container_of_children_or_a_leaf_that_reads_as_text() -> None:
    """What walk.plain_text and the whitespace pass rely on."""
    for node_type in INLINE_TYPES:
        if is_leaf_inline(node_type):
            assert callable(getattr(node_type, "text_equivalent", None)), node_type
        else:
            assert shape(node_type) == [("children", "inlines")], node_type


def test_every_field_holding_model_nodes_is_a_slot() -> None:
    """No block or inline hides in a field the traversals cannot see (a type spelled so that
    shape does not recognise it would be one)."""
    names = {t.__name__ for t in (*BLOCK_TYPES, *INLINE_TYPES)} | {
        "Blocks", "Inlines", "Block", "Inline", "ListItem", "Row", "Cell", "DefinitionItem",
        "Question", "Reference", "Endnote"}
    for node_type in (*BLOCK_TYPES, *INLINE_TYPES, model.ListItem, model.Row, model.Cell,
                      model.DefinitionItem, model.Question, model.Reference, model.Endnote):
        declared = {s.name for s in slots(node_type)}
        for f in dataclasses.fields(node_type):
            mentions = any(re.search(rf"\b{name}\b", str(f.type)) for name in names)
            assert not mentions or f.name in declared, (node_type, f.name, f.type)
