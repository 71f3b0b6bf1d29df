"""The Footnotes block of the block editor, rendered from the ``footnotes`` post meta the way
WordPress renders it."""

from __future__ import annotations

import json

import pytest

from peptidebook.readers.wordpress._footnotes import footnotes_markup, with_footnotes

NOTES = json.dumps([{"id": "a1b2", "content": "Smith, <em>Peptides</em>, 2020."},
                    {"id": "c3d4", "content": "Ibid."}])
LIST = ('<ol class="wp-block-footnotes">'
        '<li id="a1b2">Smith, <em>Peptides</em>, 2020. <a href="#a1b2-link">↩︎</a></li>'
        '<li id="c3d4">Ibid. <a href="#c3d4-link">↩︎</a></li></ol>')


def test_markup_is_what_wordpress_renders() -> None:
    assert footnotes_markup(NOTES) == LIST


def test_markup_from_decoded_list() -> None:
    assert footnotes_markup(json.loads(NOTES)) == LIST


@pytest.mark.parametrize("meta", ["", "[]", "not json", '{"id": "x"}', None, 3,
                                  '[{"id": "", "content": "x"}]', '[{"content": "x"}]'])
def test_no_notes_no_markup(meta: object) -> None:
    assert footnotes_markup(meta) is None


def test_note_id_is_escaped() -> None:
    markup = footnotes_markup([{"id": 'x"><b', "content": "c"}])
    assert markup is not None and 'id="x&quot;&gt;&lt;b"' in markup


@pytest.mark.parametrize("block", ["<!-- wp:footnotes /-->", "<!-- wp:core/footnotes /-->",
                                   '<!-- wp:footnotes {"fontSize":"small"} /-->',
                                   "<!-- wp:footnotes -->\n<div></div>\n<!-- /wp:footnotes -->"])
def test_block_is_replaced_where_it_stands(block: str) -> None:
    content = f"<p>Text.</p>\n{block}\n<p>After.</p>"
    assert with_footnotes(content, NOTES) == f"<p>Text.</p>\n{LIST}\n<p>After.</p>"


def test_notes_without_block_go_at_the_end() -> None:
    assert with_footnotes("<p>Text.</p>", NOTES) == f"<p>Text.</p>\n{LIST}"


def test_content_without_notes_is_unchanged() -> None:
    content = "<p>Text.</p><!-- wp:footnotes /-->"
    assert with_footnotes(content, "") == content
