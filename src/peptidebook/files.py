"""Writing output files so that nothing half-written is ever left behind.

Every writer (EPUB, PDF, handouts, translation templates, fetched sources) writes to a hidden
sibling ``.<name>.partial`` and renames it into place only when it is complete; on failure the
partial file is removed and one :class:`~peptidebook.errors.OutputError` line names the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError


@contextlib.contextmanager
def written_atomically(path: Path, what: str) -> Iterator[Path]:
    """Yield the temporary path to write ``path``'s content to; rename it into place after.

    An :class:`OSError` (unwritable folder, full disk) becomes ``OutputError("<path>: cannot
    write <what>: …")``; cleaning up the partial file never masks it.
    """
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise OutputError(f"{path}: cannot write {what}: {exc}") from None
