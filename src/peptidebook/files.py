"""Output files: written so that nothing half-written is ever left behind, and named safely.

Every writer (EPUB, PDF, handouts, translation templates, fetched sources) writes to a hidden
sibling ``.<name>.partial`` and renames it into place only when it is complete; on failure the
partial file is removed and one :class:`~peptidebook.errors.OutputError` line names the file.

What a safe name is (:func:`is_safe_name`, :func:`is_safe_id`) is said here, once: assembly
makes every name to this rule (:mod:`peptidebook.assembly.ids`), and a writer checks the names
of an Edition it is given against it before it writes a file under one.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError

__all__ = ["DEVICE_NAMES", "ID_LIMIT", "SAFE_NAME", "is_safe_id", "is_safe_name",
           "written_atomically"]

#: The longest id assembly makes (the renderer adds at most ``-sources`` to one).
ID_LIMIT = 100
#: Names Windows refuses for a file whatever its extension (Win32 "Naming Files, Paths, and
#: Namespaces": CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9): never a handout or a fetched post.
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                          *(f"lpt{n}" for n in range(1, 10))})
#: A safe name: lower-case ASCII letters and digits, single hyphens between them. It names a
#: file on every system (an OCF file name, EPUB 3.3 §6.1.4, too) and, starting with a letter,
#: is an XML ``NCName`` (XML Namespaces 1.0 §3).
SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_safe_name(name: str, limit: int = ID_LIMIT) -> bool:
    """Whether ``name`` is what :func:`peptidebook.assembly.ids.safe_name` makes: safe as a
    file name on every system (no device name) and, when it starts with a letter, as an XML
    id."""
    return (len(name) <= limit and SAFE_NAME.fullmatch(name) is not None
            and name not in DEVICE_NAMES)


def is_safe_id(name: str) -> bool:
    """Whether ``name`` is an id assembly could have made: safe characters, a letter first, at
    most :data:`ID_LIMIT` characters (so an XML ``NCName``)."""
    return len(name) <= ID_LIMIT and SAFE_NAME.fullmatch(name) is not None and name[0].isalpha()


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
