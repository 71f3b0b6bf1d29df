"""Step 3 - Assembly: what the raster and SVG paths of :mod:`..images` share: the packaged
result, the refusal, and names from a file made fit for a one-line message."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import FetchError

__all__ = ["ImageRefused", "PackagedImage", "shown"]


class ImageRefused(FetchError):
    """A fetched file that is not packaged; ``code`` is the diagnostic to report it with."""

    def __init__(self, message: str, code: str = "fetch-refused") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PackagedImage:
    data: bytes = field(repr=False)
    media_type: str


def shown(text: str, limit: int = 60) -> str:
    """A name from the file, fit for a one-line message: no control characters, at most
    ``limit`` characters."""
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable if len(printable) <= limit else printable[:limit - 1] + "…"
