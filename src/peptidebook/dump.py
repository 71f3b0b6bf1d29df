"""Dump the document model as indented, line-oriented text (like ``pandoc -t native``).

Used for the cleaner's golden files (``tests/cleaning/golden/``) and by ``peptidebook dump``:
one node per line, children indented by two spaces, text runs merged and quoted, so a diff of
two dumps reads as a diff of the document.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from .model import Article, Text


def dump_article(article: Article) -> str:
    """The whole article (metadata, blocks, glossary, references) as text ending in a newline."""
    lines: list[str] = []
    _dump(article, 0, lines, "Article")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _dump(node: Any, depth: int, lines: list[str], label: str | None = None) -> None:
    pad = "  " * depth
    if isinstance(node, Text):
        lines.append(f"{pad}{_scalar(node.text)}")
        return
    if isinstance(node, tuple):
        for item in node:
            _dump(item, depth, lines)
        return
    if not dataclasses.is_dataclass(node):
        lines.append(f"{pad}{label + ' ' if label else ''}{_scalar(node)}")
        return
    name = type(node).__name__
    scalars: list[str] = []
    nested: list[tuple[str, Any]] = []
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if value is None or value in ((), f.default):
            continue
        if isinstance(value, tuple) or dataclasses.is_dataclass(value):
            nested.append((f.name, value))
        else:
            scalars.append(f"{f.name}={_scalar(value)}")
    lines.append(f"{pad}{name}" + (" " + " ".join(scalars) if scalars else ""))
    for field_name, value in nested:
        if len(nested) == 1 and field_name in {"children", "blocks", "cells", "items"}:
            _dump(value, depth + 1, lines)
        else:
            lines.append(f"{pad}  .{field_name}")
            _dump(value, depth + 2, lines)


def dump_blocks(blocks: tuple[Any, ...]) -> str:
    """Only the blocks, as :func:`dump_article` prints them; for small case files."""
    lines: list[str] = []
    _dump(blocks, 0, lines)
    return "\n".join(lines) + "\n"
