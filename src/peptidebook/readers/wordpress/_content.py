"""Step 1 - Reading (WordPress): the HTML a visitor sees, from a post's stored content.

WordPress stores a post as the editor saved it and renders it on display (``the_content``):
blocks (``do_blocks``: reusable blocks, the Footnotes block, dynamic blocks), shortcodes
(``do_shortcode``) and, for classic-editor text, paragraphs (``wpautop``). A WXR export
(``content:encoded``) and a REST payload read with ``context=edit`` that holds only
``content.raw`` both carry the stored form; :func:`post_html` renders it the one way for both.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...diagnostics import Report
from ._autop import autop
from ._blocks import BlockSources, has_blocks, render_blocks
from ._shortcodes import MediaSources, render_shortcodes

__all__ = ["post_html"]


def post_html(content: str, report: Report, where: str, *, footnotes: object,
              media: MediaSources, reusable: Mapping[str, str]) -> str:
    """The post's stored ``content`` rendered as WordPress shows it. ``footnotes`` is the
    post's ``footnotes`` meta (JSON text, or what it decodes to), ``media`` the attachments
    its galleries and media shortcodes may name, ``reusable`` the content of the reusable
    blocks it may use, by id."""
    if has_blocks(content):
        content = render_blocks(content, BlockSources(reusable, footnotes), report, where)
        return render_shortcodes(content, media, report, where, classic=False)
    return autop(render_shortcodes(content, media, report, where, classic=True))
