"""Input limits: each one declared in :mod:`peptidebook.limits`, checked up front, and reported
in one line (issue #10, items 5 and 10)."""

from __future__ import annotations

import json
from pathlib import Path

from peptidebook.diagnostics import Report
from peptidebook.readers.wordpress import read_wordpress_json


def post(**fields: object) -> dict[str, object]:
    return {"title": {"rendered": "T"}, "content": {"rendered": "<p>Hello world.</p>"},
            **fields}


# --------------------------------------------------------------------------- JSON numbers


def test_an_integer_past_pythons_digit_limit_is_read_not_raised(tmp_path: Path) -> None:
    # Python 3.11's int() refuses more than 4,300 digits (a ValueError, once a traceback).
    digits = "7" * 5000
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post(slug="kept"))[:-1] + f', "views": {digits}}}')
    [article] = read_wordpress_json(path, Report())
    assert article.slug == "kept"


def test_a_post_id_past_the_digit_limit_still_names_the_post(tmp_path: Path) -> None:
    digits = "7" * 5000
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post())[:-1] + f', "id": {digits}}}')
    [article] = read_wordpress_json(path, Report())
    assert article.slug.startswith("post-777")
