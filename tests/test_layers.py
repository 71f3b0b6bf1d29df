"""Stages in order: a stage imports only the stages before it and the neutral modules.

Read from the source (``ast``), not by importing: an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import peptidebook

PACKAGE = Path(peptidebook.__file__).parent
#: Each stage and what it must never import (the stages after it).
LATER: dict[str, tuple[str, ...]] = {
    "fetching": ("readers", "cleaning", "assembly", "rendering", "writers", "build", "cli"),
    "readers": ("fetching", "cleaning", "assembly", "rendering", "writers", "build", "cli"),
    "cleaning": ("readers", "fetching", "assembly", "rendering", "writers", "build", "cli"),
    "assembly": ("readers", "cleaning", "rendering", "writers", "build", "cli"),
    "rendering": ("fetching", "readers", "cleaning", "assembly", "writers", "build", "cli"),
    # Writers serialise the Edition: assembly made every part of it.
    "writers": ("fetching", "readers", "cleaning", "assembly", "build", "cli"),
}
#: Modules every stage may use: they import no stage themselves.
NEUTRAL = ("names", "sections", "languages", "sentences", "walk", "model", "reproducible")
STAGES = ("fetching", "readers", "cleaning", "assembly", "rendering", "writers", "build", "cli")


def _imported(path: Path) -> set[str]:
    """The top-level peptidebook modules ``path`` imports (``..names`` → ``names``)."""
    module = path.relative_to(PACKAGE).with_suffix("").parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = module[: len(module) - node.level]
            if path.name == "__init__.py":
                base = module[: len(module) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [target] if node.module else [[*target, a.name] for a in node.names]
            found.update(n[0] for n in names if n)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            modules = [node.module] if isinstance(node, ast.ImportFrom) else [
                a.name for a in node.names]
            found.update(m.split(".")[1] for m in modules
                         if m and m.startswith("peptidebook.") and m.count("."))
    return found


def _files(top: str) -> list[Path]:
    folder = PACKAGE / top
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{top}.py"]


@pytest.mark.parametrize("stage", sorted(LATER))
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    wrong = {f"{path.relative_to(PACKAGE)} imports {name}" for path in _files(stage)
             for name in _imported(path) if name in LATER[stage]}
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("neutral", NEUTRAL)
def test_a_neutral_module_imports_no_stage(neutral: str) -> None:
    assert not {name for path in _files(neutral) for name in _imported(path)} & set(STAGES)
