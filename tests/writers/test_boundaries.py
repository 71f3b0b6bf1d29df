"""The EPUB and PDF writers import nothing from each other: each serialises the Edition on its
own (issue 9). That no writer imports assembly is tests/test_layers.py's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ..conftest import PACKAGE

WRITERS = PACKAGE / "writers"
MODULES = sorted(WRITERS.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """The peptidebook modules ``path`` imports, as dotted names from ``peptidebook``."""
    package = ["peptidebook", *path.relative_to(PACKAGE).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.update(f"{module}.{a.name}" if not node.module else module
                         for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("peptidebook")}


def writer_of(module: str) -> str | None:
    """``epub`` or ``pdf`` for a module of that writer, else None."""
    parts = module.split(".")
    if parts[:2] != ["peptidebook", "writers"] or len(parts) < 3:
        return None
    return "pdf" if parts[2] == "pdf" else "epub" if parts[2].startswith("epub") else parts[2]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(WRITERS)))
def test_a_writer_imports_nothing_from_the_other_writer(path: Path) -> None:
    own = writer_of(".".join(["peptidebook", *path.relative_to(PACKAGE).with_suffix("").parts]))
    for module in imported(path):
        other = writer_of(module)
        assert other in (None, own), f"{module} (a module of the {other} writer)"


def test_the_check_sees_imports() -> None:
    assert "peptidebook.files" in imported(WRITERS / "epub.py")
    assert "peptidebook.writers.pdf.layout" in imported(WRITERS / "pdf" / "book.py")
