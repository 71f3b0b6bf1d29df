"""A node type the renderer forgets is a type error, not a crash on somebody's article.

The renderer dispatches with ``match`` + ``assert_never`` (``rendering/xhtml/_renderer.py``);
these tests change a copy of the package as a developer would (a new inline type declared, or a
renderer case deleted) and run mypy on the renderer's package: it must fail, naming
``assert_never`` in the dispatcher's module. The unchanged copy passes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import peptidebook

api = pytest.importorskip("mypy.api")

pytestmark = pytest.mark.integration  # runs mypy over the package: ~10-30 s

PACKAGE = Path(peptidebook.__file__).parent
#: The renderer's package, and the module of its two dispatchers.
RENDERER = Path("rendering", "xhtml")
DISPATCHERS = RENDERER / "_renderer.py"

NEW_INLINE = '''

@dataclass(frozen=True)
class Highlight:
    """A new inline node type, declared as the model's docstring says."""

    children: Inlines
'''


def mypy_on_copy(tmp_path: Path, cache: Path, change: str | None) -> tuple[int, str]:
    copy = tmp_path / "src" / "peptidebook"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    if change == "new inline type":
        inlines = copy / "model" / "inlines.py"
        source = inlines.read_text(encoding="utf-8")
        union = "\n\nInline: TypeAlias = ("
        source = source.replace(union, NEW_INLINE + union)
        source = source.replace("    | RawInline\n)", "    | RawInline\n    | Highlight\n)")
        assert "| Highlight" in source
        inlines.write_text(source, encoding="utf-8")
    elif change == "renderer case deleted":
        dispatchers = copy / DISPATCHERS
        source = dispatchers.read_text(encoding="utf-8")
        case = "            case DoseAmount():\n                self._dose_amount(parent, node)\n"
        assert case in source
        dispatchers.write_text(source.replace(case, ""), encoding="utf-8")
    stdout, stderr, status = api.run([
        "--strict", "--cache-dir", str(cache), "--no-error-summary", "--follow-imports=silent",
        "--ignore-missing-imports", str(copy / RENDERER)])
    return status, stdout + stderr


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def test_the_unchanged_renderer_type_checks(tmp_path: Path, cache: Path) -> None:
    status, output = mypy_on_copy(tmp_path, cache, None)
    assert status == 0, output


@pytest.mark.parametrize("change", ["new inline type", "renderer case deleted"])
def test_a_node_type_without_a_renderer_case_fails_mypy(tmp_path: Path, cache: Path,
                                                        change: str) -> None:
    status, output = mypy_on_copy(tmp_path, cache, change)
    assert status != 0
    assert any(line.startswith(str(tmp_path / "src" / "peptidebook" / DISPATCHERS))
               and "assert_never" in line for line in output.splitlines()), output
