"""Step 1 - Reading (WordPress): the notes of the block editor's Footnotes block, as WordPress
itself renders them.

Since WordPress 6.3 the notes of a post live outside its content, in the post meta ``footnotes``:
a JSON text ``[{"id": "…", "content": "…"}, …]``. The content holds only the markers
(``<sup data-fn="ID" class="fn"><a href="#ID" id="ID-link">1</a></sup>``) and, where the notes
stand, the dynamic block ``<!-- wp:footnotes /-->``, which the server renders on display
(``render_block_core_footnotes`` in ``wp-includes/blocks/footnotes.php``). A REST payload with
``context=edit`` (``content.raw``, ``meta.footnotes``) and a WXR export (``<wp:postmeta>``
``footnotes``) both carry the unrendered form; :func:`with_footnotes` renders it the way WordPress
does, so that the HTML reader sees what a visitor of the post sees.
"""

from __future__ import annotations

import json
import re
from html import escape

__all__ = ["footnotes_markup", "with_footnotes"]

#: The Footnotes block in block markup: self-closing (``<!-- wp:footnotes /-->``, what the editor
#: saves) or, from older or hand-made content, with something between its comments.
_BLOCK = re.compile(
    r"<!--\s*wp:(?:core/)?footnotes\b[^>]*?(?:/-->|-->.*?<!--\s*/wp:(?:core/)?footnotes\s*-->)",
    re.DOTALL,
)


def footnotes_markup(meta: object) -> str | None:
    """The list WordPress renders for the ``footnotes`` meta value (the JSON text, or the list
    it decodes to); ``None`` when it holds no note (empty, ``"[]"``, not JSON, not a list).

    The same markup as ``render_block_core_footnotes``: ``<ol class="wp-block-footnotes">`` with
    one ``<li id="ID">CONTENT <a href="#ID-link">↩︎</a></li>`` per note, in the meta's order. A
    note's content is HTML already (the editor's rich text); its id is escaped.
    """
    notes = meta
    if isinstance(meta, str):
        try:
            notes = json.loads(meta) if meta.strip() else None
        except (json.JSONDecodeError, RecursionError):
            return None
    if not isinstance(notes, list):
        return None
    items = [
        f'<li id="{escape(note_id)}">{content} <a href="#{escape(note_id)}-link">↩︎</a></li>'
        for note in notes
        if isinstance(note, dict)
        and isinstance(note_id := note.get("id"), str) and note_id
        and isinstance(content := note.get("content"), str)
    ]
    return f'<ol class="wp-block-footnotes">{"".join(items)}</ol>' if items else None


def with_footnotes(content: str, meta: object) -> str:
    """``content`` with its notes rendered from the ``footnotes`` meta value where its Footnotes
    block stands (each such block, as WordPress renders each). When the content has no such
    block but the meta holds notes, the notes go at the end: the markers in the text point to
    them, and no note of the author is lost. Content without notes is returned as it is."""
    markup = footnotes_markup(meta)
    if markup is None:
        return content
    rendered, count = _BLOCK.subn(lambda _match: markup, content)
    return rendered if count else f"{content}\n{markup}"
