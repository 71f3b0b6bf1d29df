"""Progress of a build, as events the caller may show: the builder names its steps and counts
their units (sources read, articles cleaned, images fetched, pages laid out, handouts written).

The builder takes a :class:`Progress` and never prints: the command line passes one that draws
bars (:mod:`peptidebook.console`); a library caller gets this silent base class. Each step also
says which item it is working on (:meth:`Step.at`), so that an unexpected failure can name the
file or article it happened in.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: The steps of the data flow and their numbers: the same in the logs, in the module docstrings
#: of the stage that does each (``Step 3 - Assembly: …``) and in README's "Architecture".
#: Step 4, rendering, runs inside each writer and has no line of its own; 0 is the ``fetch``
#: command's. A step not listed here is numbered by its place in the run.
STEP_NUMBERS: dict[str, str] = {
    "Fetching posts": "0a",
    "Saving": "0b",
    "Reading": "1",
    "Cleaning": "2",
    "Translating": "2b",
    "Assembling the book": "3",
    "Laying out the PDF": "5a",
    "Writing the EPUB": "5b",
    "Writing the handouts": "5c",
    "Checking the EPUB": "6",
}


@dataclass
class Step:
    """One named step of a build: ``Step 2 - Cleaning``, 3 of 3 articles."""

    number: str
    title: str
    unit: str
    total: int | None
    progress: Progress
    done: int = 0
    item: str | None = None
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0
    failed: bool = False

    def at(self, item: str) -> None:
        """Say which file, article or output the step is working on now."""
        self.item = item
        self.progress.moved(self)

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more units done."""
        self.done += n
        self.progress.moved(self)

    def set_total(self, total: int) -> None:
        """The total, once the step learns it (a fetch: when page 1 tells how many pages)."""
        self.total = total
        self.progress.moved(self)

    def finish_with(self, done: int, unit: str | None = None) -> None:
        """Set the final count (``270 pages``) of a step whose total was not known before."""
        self.done = done
        self.total = done
        self.unit = unit or self.unit
        self.progress.moved(self)

    @property
    def label(self) -> str:
        return f"Step {self.number} - {self.title}"


class Progress:
    """Receives the build's steps; this base class shows nothing (a library caller's)."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.current: Step | None = None

    @contextmanager
    def step(self, title: str, *, total: int | None = None, unit: str = "") -> Iterator[Step]:
        """A numbered step: ``with progress.step("Cleaning", total=3, unit="articles") as s``."""
        number = STEP_NUMBERS.get(title, str(len(self.steps) + 1))
        step = Step(number, title, unit, total, self)
        self.steps.append(step)
        self.current = step
        self.started(step)
        try:
            yield step
        except BaseException:
            step.failed = True
            raise
        else:
            self.current = None
        finally:
            step.elapsed = time.monotonic() - step.started
            self.finished(step)

    def started(self, step: Step) -> None:
        """A step began."""

    def moved(self, step: Step) -> None:
        """A step counted a unit or moved to another item."""

    def finished(self, step: Step) -> None:
        """A step ended (also when it failed: the exception is on its way)."""

    def where(self) -> str | None:
        """The step (and item) the build is in: for the one-line report of a failure."""
        step = self.current
        if step is None:
            return None
        title = step.title[:1].lower() + step.title[1:]
        return f"{title} {step.item}" if step.item else title
