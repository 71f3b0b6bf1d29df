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

    Whatever ends the writing early (an error, Ctrl-C's :class:`KeyboardInterrupt`, a
    :class:`SystemExit`) removes the partial file. An :class:`OSError` (unwritable folder, full
    disk) then becomes ``OutputError("<path>: cannot write <what>: …")``; anything else is
    raised again unchanged. Cleaning up never masks the error.
    """
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        partial.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write {what}: {exc}") from None
        raise
