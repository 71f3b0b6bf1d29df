"""Step 1 - Reading: fill in what block-editor content in an export leaves to the site.

A block-editor post is stored as its blocks' saved HTML between ``<!-- wp:name {attrs} -->``
comments. Three kinds of block hold no HTML of their own in ``content:encoded``; WordPress
renders them when it shows the post (``do_blocks``):

- a reusable block, ``<!-- wp:block {"ref":N} /-->``: the content of the export's ``wp_block``
  item N, which the export holds;
- the footnotes block, ``<!-- wp:footnotes /-->``: the list kept in the post's ``footnotes``
  meta (JSON), rendered here into the markup of Gutenberg's
  ``packages/block-library/src/footnotes/index.php`` for the HTML reader to map to notes;
- dynamic blocks that list the site's content (latest posts, archives, a query loop): nothing
  in the export says what they showed, so each kind is reported (``block-missing``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...diagnostics import Report

__all__ = ["BlockSources", "has_blocks", "render_blocks"]

#: A block delimiter: ``<!-- wp:name {json} -->``, ``<!-- wp:name /-->`` or its closer
#: (the grammar of ``WP_Block_Parser``: a namespace defaults to ``core``).
_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)

#: Core blocks rendered on the site from its data (``render_callback``), whose saved HTML in
#: an export is empty or a template: the post's text does not hold what they show.
_DYNAMIC = frozenset({
    "archives", "calendar", "categories", "latest-comments", "latest-posts", "page-list",
    "navigation", "query", "rss", "search", "tag-cloud", "loginout", "comments",
    "post-comments-form", "template-part", "site-title", "site-tagline", "site-logo",
})

#: Reusable blocks nest; a cycle (a block that uses itself) stops here.
_MAX_DEPTH = 8


@dataclass(frozen=True)
class BlockSources:
    """What the export holds for blocks that the post only refers to."""

    reusable: Mapping[str, str]  # wp_block content by post id
    footnotes: str | None  # the post's ``footnotes`` meta (JSON), if any


def has_blocks(content: str) -> bool:
    """Whether content is block-editor content (WordPress's ``has_blocks``)."""
    return "<!-- wp:" in content


def render_blocks(content: str, sources: BlockSources, report: Report, where: str) -> str:
    """``content`` with reusable blocks and footnotes filled in; dynamic blocks reported."""
    dynamic: dict[str, int] = {}
    missing: list[str] = []
    content = _expand_reusable(content, sources.reusable, missing, dynamic, 0)
    for ref in missing:
        report.warning("block-missing", where,
                       f"reusable block {ref} is not in the export: its content is missing")
    for name, count in dynamic.items():
        report.info("block-missing", where,
                    f"a dynamic block renders only on the site: {name}"
                    f"{f' ×{count}' if count > 1 else ''} left out")
    return _footnotes(content, sources.footnotes, report, where)


def _expand_reusable(content: str, reusable: Mapping[str, str], missing: list[str],
                     dynamic: dict[str, int], depth: int) -> str:
    def expand(match: re.Match[str]) -> str:
        name = match.group("name").removeprefix("core/")
        if match.group("closer"):
            return match.group(0)
        if name in _DYNAMIC or (match.group("void") and "/" in name):
            # A third-party block saved as a void delimiter renders on the site too.
            dynamic[name] = dynamic.get(name, 0) + 1
            return match.group(0)
        if name != "block":
            return match.group(0)
        ref = str(_attributes(match.group("attrs")).get("ref", ""))
        held = reusable.get(ref)
        if held is None or depth >= _MAX_DEPTH:
            missing.append(ref or "(no ref)")
            return match.group(0)
        return _expand_reusable(held, reusable, missing, dynamic, depth + 1)

    return _DELIMITER.sub(expand, content)


def _attributes(attrs: str | None) -> dict[str, object]:
    if not attrs:
        return {}
    try:
        parsed = json.loads(attrs)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


_FOOTNOTES = re.compile(r"<!--\s+wp:(?:core/)?footnotes(?:\s+\{.*?\})?\s+/-->", re.DOTALL)


def _footnotes(content: str, meta: str | None, report: Report, where: str) -> str:
    """The footnotes list where ``<!-- wp:footnotes /-->`` stands, else at the end."""
    notes = _footnote_list(meta)
    if notes is None:
        if meta:
            report.warning("block-missing", where,
                           "the post's footnotes meta is not a JSON list of notes: left out")
        return content
    rendered = _rendered_footnotes(notes)
    placed: Callable[[re.Match[str]], str] = lambda _match: rendered  # noqa: E731
    if _FOOTNOTES.search(content):
        return _FOOTNOTES.sub(placed, content, count=1)
    return content + "\n" + rendered if notes else content


def _footnote_list(meta: str | None) -> list[tuple[str, str]] | None:
    if not meta:
        return []
    try:
        parsed = json.loads(meta)
    except ValueError:
        return None
    if not isinstance(parsed, list):
        return None
    notes = [(str(n["id"]), str(n.get("content", ""))) for n in parsed
             if isinstance(n, dict) and n.get("id")]
    return notes if len(notes) == len(parsed) else None


def _rendered_footnotes(notes: list[tuple[str, str]]) -> str:
    """Gutenberg's ``render_block_core_footnotes``: ``<li id>`` per note, its content as
    saved (rich text, HTML), and a back link to the marker ``#ID-link``."""
    if not notes:
        return ""
    items = "".join(
        f'<li id="{html.escape(note_id)}">{content} <a href="#{html.escape(note_id)}-link" '
        f'aria-label="Jump to footnote reference {number}">↩︎</a></li>'
        for number, (note_id, content) in enumerate(notes, start=1)
    )
    return f'<ol class="wp-block-footnotes">{items}</ol>'
