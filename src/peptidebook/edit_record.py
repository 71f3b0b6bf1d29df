"""The record of what this edition changed in each article (``Article.edits``), kept in the
model so that assembly can print it. Used by Step 1 (reading) and Step 2 (cleaning), which
both change what the author wrote; it imports neither.

How the record travels. The model is the contract between stages, so the record is a field of
the :class:`~peptidebook.model.Article` (a tuple of :class:`~peptidebook.model.Edit`: a kind, a
count, a few examples), not something assembly reconstructs from the Report. It is filled two
ways:

* **from the diagnostics a step reports while it works on one article.** Readers and passes
  already report every change they make (``glossary-extracted``, ``table-unwrapped``,
  ``link-unwrapped`` …). :func:`clean` notes where the Report stood before each pass and turns
  what the pass added into edits (:func:`edits_from`, the table :data:`EDIT_CODES`);
  :func:`peptidebook.readers.read_file` does the same for the reading of one file. Matching
  diagnostics to articles by their ``where`` would not do: a reader names an article by its
  file path, by its slug, or by nothing of its own, and assembly may rename a slug; what was
  reported *while this article was being worked on* belongs to it without guessing. A pass
  added later that reports one of these codes has its changes listed with no further work.
* **directly, by a pass whose change is structural and is not a diagnostic** (a repeated
  title heading dropped, bold questions made headings, question-and-answer widgets opened):
  it calls :func:`record`.

What is derived from the article itself at assembly time is not recorded here: its reference
list moved to the References chapter and restyled, its images replaced by their alt text when
they could not be fetched (:mod:`peptidebook.assembly.edits`).

``edits is None`` means the article was never cleaned (nothing was recorded); ``()`` means it
was cleaned and nothing changed. The book tells the two apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .diagnostics import Diagnostic
from .model import Article, Edit, EditKind

__all__ = ["EDIT_CODES", "EDIT_MESSAGES", "edits_from", "merge_edits", "record"]

#: Diagnostic codes that report a change to the author's text or structure, and the kind of
#: edit each is. A code maps to ``None`` at a severity where it reports no change to the text
#: (``dropped-unsafe`` at ``info`` is a ``<style>`` element or a decorative background: no
#: words of the author). Codes not listed (``missing-alt``, ``glossary-candidate``,
#: ``table-no-headers``, ``no-date`` …) report something noticed, not something changed.
EDIT_CODES: dict[str, dict[str, EditKind | None]] = {
    # readers
    "dropped-unsafe": {"warning": "active-removed", "info": None},
    "embed-linked": {"warning": "embed-linked", "info": "embed-linked"},
    "link-unwrapped": {"warning": "link-unwrapped", "info": "link-unwrapped"},
    "shortcode-kept": {"warning": "shortcode-kept", "info": "shortcode-kept"},
    "block-missing": {"warning": "block-missing", "info": "block-missing"},
    "excerpt-only": {"warning": "excerpt-only", "info": "excerpt-only"},
    "page-extracted": {"warning": "page-extracted", "info": "page-extracted"},
    "control-removed": {"warning": "control-removed", "info": "control-removed"},
    "nesting-flattened": {"warning": "nesting-flattened", "info": "nesting-flattened"},
    "raw-kept": {"warning": "raw-kept", "info": "raw-kept"},
    # cleaning passes (some added by issue 12's other parts: their codes are listed already)
    "skipped-heading-level": {"warning": "heading-renumbered", "info": "heading-renumbered"},
    "glossary-extracted": {"warning": "tooltip-moved", "info": "tooltip-moved"},
    "table-unwrapped": {"warning": "table-unwrapped", "info": "table-unwrapped"},
    "text-repaired": {"warning": "text-repaired", "info": "text-repaired"},
    "pull-quote": {"warning": "pull-quote", "info": "pull-quote"},
    "related-article": {"warning": "related-article", "info": "related-article"},
    "numbered-citation": {"warning": "numbered-citation", "info": "numbered-citation"},
}

#: "[gallery] ×3" or "video ×2" in a message that lists what it counts (shortcodes, media).
_TIMES = re.compile(r"×(\d+)")
#: One item of such a list: ``[name]`` or ``[name] ×2`` (shortcodes), ``kind ×2`` (media).
_SHORTCODE = re.compile(r"\[[^\]]+\](?: ×(\d+))?")


def _count(kind: EditKind, diagnostic: Diagnostic) -> int:
    """How many changes one diagnostic reports. Most report one; a few count several in their
    message ("2 tables of one row …", "shortcodes … ([gallery] ×3, [foo])", "media shown as a
    link to it: video ×2, audio", "a dynamic block … core/latest-posts ×2 left out")."""
    message = diagnostic.message
    if kind == "table-unwrapped":
        first = message.split(" ", 1)[0]
        return int(first) if first.isdigit() else 1
    if kind == "shortcode-kept":
        return sum(int(n or 1) for n in _SHORTCODE.findall(message)) or 1
    if kind == "embed-linked" and ": " in message and message.startswith("media shown"):
        items = message.split(": ", 1)[1].split(", ")
        return sum(int(m.group(1)) if (m := _TIMES.search(i)) else 1 for i in items)
    if kind == "block-missing" and (m := _TIMES.search(message)):
        return int(m.group(1))
    return 1


#: Codes that report an edit only in some of their messages: the message's start tells.
#: (``fetch-refused`` at reading: an image whose source is not an http(s) address was kept as
#: its alt text; elsewhere it reports a resource not fetched, which changes no text.)
EDIT_MESSAGES: dict[str, tuple[str, EditKind]] = {
    "fetch-refused": ("image source ", "image-alt-only"),
}


def _kind(diagnostic: Diagnostic) -> EditKind | None:
    if diagnostic.code in EDIT_MESSAGES:
        start, kind = EDIT_MESSAGES[diagnostic.code]
        return kind if diagnostic.message.startswith(start) else None
    return EDIT_CODES.get(diagnostic.code, {}).get(diagnostic.severity)


def edits_from(diagnostics: Iterable[Diagnostic]) -> tuple[Edit, ...]:
    """The edits ``diagnostics`` report, one per kind with the count, in the order each kind
    was first reported."""
    counts: Counter[EditKind] = Counter()
    for diagnostic in diagnostics:
        kind = _kind(diagnostic)
        if kind is not None:
            counts[kind] += _count(kind, diagnostic)
    return tuple(Edit(kind, count) for kind, count in counts.items())


def merge_edits(given: Sequence[Edit], more: Iterable[Edit]) -> tuple[Edit, ...]:
    """``given`` and ``more`` with edits of one kind added up (examples joined, first seen
    first), kinds in the order first seen."""
    merged: dict[EditKind, Edit] = {edit.kind: edit for edit in given}
    for edit in more:
        old = merged.get(edit.kind)
        merged[edit.kind] = edit if old is None else Edit(
            edit.kind, old.count + edit.count,
            tuple(dict.fromkeys((*old.examples, *edit.examples))))
    return tuple(merged.values())


def record(article: Article, *edits: Edit) -> Article:
    """``article`` with ``edits`` added to its record (started if there was none); edits with
    a count of 0 are left out."""
    kept = [edit for edit in edits if edit.count > 0]
    if not kept:
        return article
    return replace(article, edits=merge_edits(article.edits or (), kept))
