"""The steps of the data flow carry the same numbers in the console, the module docstrings and
the README (progress.STEP_NUMBERS is the one table)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import peptidebook
from peptidebook.progress import STEP_NUMBERS, Progress, Step

PACKAGE = Path(peptidebook.__file__).parent
README = PACKAGE.parents[1] / "README.md"
#: The step each stage's modules belong to (step 4, rendering, has no console line).
STAGE_STEPS = {"fetching/wordpress_site.py": "0", "fetching/site_options.py": "0",
               "fetching/site_retry.py": "0", "fetching/saved_posts.py": "0b", "readers": "1",
               "cleaning": "2",
               "translations.py": "2b", "assembly": "3", "rendering": "4", "writers/pdf": "5a",
               "writers/epub": "5b", "writers/pdf/handouts.py": "5c", "checking.py": "6"}


def _step_of(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE).as_posix()
    found = [(stage, step) for stage, step in STAGE_STEPS.items()
             if relative == stage or relative.startswith((stage + "/", stage + "_", stage + "."))]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def _docstring_step(path: Path) -> str | None:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    match = re.match(r"Step (\w+) - ", doc)
    return match.group(1) if match else None


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_a_modules_docstring_names_its_stages_step(path: Path) -> None:
    said, expected = _docstring_step(path), _step_of(path)
    if said is not None:
        assert expected is not None, f"{path}: says step {said}, but belongs to no stage"
        assert said == expected, f"{path}: says step {said}, its stage is step {expected}"


def test_the_console_numbers_steps_from_the_table_whatever_runs() -> None:
    progress = Progress()
    for title in ("Reading", "Cleaning", "Assembling the book", "Writing the EPUB"):
        with progress.step(title):
            pass
    assert [s.label for s in progress.steps] == [
        "Step 1 - Reading", "Step 2 - Cleaning", "Step 3 - Assembling the book",
        "Step 5b - Writing the EPUB"]


def test_the_readme_lists_every_step_with_its_number() -> None:
    readme = README.read_text(encoding="utf-8")
    for title, number in STEP_NUMBERS.items():
        if number.startswith("0"):
            assert f"`{title}`" in readme, title
        else:
            assert f"`Step {number} - {title}`" in readme, title


def test_a_step_that_learns_its_total_shows_it() -> None:
    class Recording(Progress):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[int, int | None]] = []

        def moved(self, step: Step) -> None:
            self.seen.append((step.done, step.total))

    progress = Recording()
    with progress.step("Fetching posts", unit="requests") as step:
        step.advance()
        step.set_total(3)
        step.advance(2)
    assert progress.seen == [(1, None), (1, 3), (3, 3)]
