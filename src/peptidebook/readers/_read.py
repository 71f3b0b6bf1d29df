"""What a reader hands the reading step: an article, and what its source lacks."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article

__all__ = ["Read"]


@dataclass(frozen=True)
class Read:
    """One article as its source gives it. ``where`` names it in diagnostics. ``no_title``
    says why its title is a stand-in (``None``: the source has one), ``no_author`` why the
    source names no author. :func:`peptidebook.readers.read_file` reports each only when
    ``book.toml`` does not give it."""

    article: Article
    where: str
    no_title: str | None = None
    no_author: str | None = None
