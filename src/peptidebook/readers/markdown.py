"""Step 1 - Reading: turn a Markdown article into a raw Article.

The text is CommonMark (https://spec.commonmark.org) with GitHub's tables and strikethrough,
rendered to HTML by markdown-it-py and mapped by
:func:`peptidebook.readers.html.parse_html_fragment` like any post body: raw HTML in the
Markdown passes through that one mapper, which drops active content and reports it.

Front matter, when the file starts with it, gives the article's metadata:

* ``---`` … ``---``: ``key: value`` lines (the part of YAML front matter that static site
  generators write for these keys), a value optionally quoted; a list as ``[a, b]`` or as
  ``- a`` lines under its key. Other keys, and lines that are not ``key: value``, are ignored:
  they say nothing this reader maps, and no YAML library is needed for that;
* ``+++`` … ``+++``: TOML (Hugo), read with :mod:`tomllib`.

Keys read: ``title``, ``author``/``authors``, ``date``, ``lang``/``language``, ``url``,
``description``/``summary``. Without a title, the first level-1 heading is the title, else
the file name (reported as ``no-title``).
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..diagnostics import Report
from ..errors import InputError
from ..model import Article, Source
from ..names import site_name
from ._addresses import is_absolute_http
from ._read import Read
from .characters import ControlFilter
from .html import html_to_text, parse_html_fragment
from .text import slug_from_name, title_from_name, utf8_text
from .wordpress._post import clean_line, iso_datetime, language_tag, post_slug

__all__ = ["front_matter", "read_markdown"]

#: ``key: value`` (a YAML mapping line at the top level).
_KEY_VALUE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*")
#: ``- value`` (a YAML sequence item under the key before it).
_ITEM = re.compile(r"\s+-\s+(?P<value>.*?)\s*|-\s+(?P<top>.*?)\s*")

Matter = dict[str, object]


def read_markdown(path: Path, report: Report) -> list[Read]:
    """Read one UTF-8 Markdown article from ``path``."""
    text = utf8_text(path)
    where = str(path)
    controls = ControlFilter()
    matter, body = front_matter(text, path)
    if not body.strip():
        raise InputError(f"{path}: no article text (the file holds front matter only)")
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    env: dict[str, object] = {}
    tokens = md.parse(controls(body, "the text"), env)
    url = clean_line(controls, _text(matter, "url"), "the url")
    if url and not is_absolute_http(url):
        report.info("link-unwrapped", where,
                    f"the front matter's url {url[:80]!r} is not an absolute address: the "
                    "article's address is unknown (relative links are kept as text)")
        url = None
    blocks = parse_html_fragment(md.renderer.render(tokens, md.options, env), base_url=url,
                                 report=report, where=where, controls=controls)
    title = (clean_line(controls, _text(matter, "title"), "the title")
             or _first_h1(md, tokens, env, controls))
    authors = tuple(dict.fromkeys(
        name for value in _list(matter, "authors") + _list(matter, "author")
        if (name := clean_line(controls, value, "the author"))))
    lang_value = _text(matter, "lang") or _text(matter, "language")
    summary = _text(matter, "description") or _text(matter, "summary")
    stand_in = controls(title_from_name(path), "the file name", one_line=True)
    controls.report(report, where)
    slug = post_slug(None, url, None, path, controls) if url else slug_from_name(path)
    article = Article(
        title=title or stand_in,
        slug=slug,
        blocks=blocks,
        source=Source("markdown", where, url=url, publisher=site_name(url)),
        lang=language_tag(lang_value) if lang_value else None,
        authors=authors,
        published=_date(matter.get("date")),
        summary=clean_line(controls, summary, "the description"),
    )
    return [Read(
        article, where,
        no_title=None if title else (
            f'the Markdown has no title (no front matter title, no "# " heading); using '
            f'"{stand_in}" from the file name (set a title in book.toml)'),
        no_author=None if authors else "the Markdown names no author (no front matter author)",
    )]


def front_matter(text: str, path: Path) -> tuple[Matter, str]:
    """The front matter's keys (lower-cased) and the text after it; no front matter: ``{}`` and
    the whole text. TOML that does not parse is an :class:`InputError`."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return {}, text
    fence = lines[0].rstrip()
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == fence), None)
    if end is None:
        return {}, text  # a thematic break "---" that opens the text, not front matter
    raw, body = "".join(lines[1:end]), "".join(lines[end + 1:])
    if fence == "+++":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"{path}: the TOML front matter does not parse: {error}") from None
        return {k.lower(): v for k, v in data.items()}, body
    return _yaml_lines(raw), body


def _yaml_lines(raw: str) -> Matter:
    """``key: value`` lines, and ``- item`` lines under a key with no value."""
    matter: Matter = {}
    key: str | None = None
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.fullmatch(line)
        if item and key is not None and isinstance(matter.get(key), list):
            value = matter[key]
            assert isinstance(value, list)
            value.append(_unquote(item["value"] if item["value"] is not None else item["top"]))
            continue
        match = _KEY_VALUE.fullmatch(line)
        if match is None:
            key = None
            continue
        key = match["key"].lower()
        value_text = match["value"] or ""
        if not value_text:
            matter[key] = []
        elif value_text.startswith("[") and value_text.endswith("]"):
            matter[key] = [_unquote(part) for part in value_text[1:-1].split(",")
                           if part.strip()]
        else:
            matter[key] = _unquote(value_text)
    return matter


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _text(matter: Matter, key: str) -> str | None:
    value = matter.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _list(matter: Matter, key: str) -> list[str]:
    value = matter.get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _date(value: object) -> datetime | None:
    """A front matter date: text (ISO 8601), or TOML's date or datetime."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return iso_datetime(value)


def _first_h1(md: MarkdownIt, tokens: list[Token], env: dict[str, object],
              controls: ControlFilter) -> str | None:
    """The text of the first level-1 heading."""
    for opening, inline in pairwise(tokens):
        if opening.type == "heading_open" and opening.tag == "h1":
            markup = md.renderer.render(inline.children or [], md.options, env)
            return html_to_text(markup, controls=controls, field="the title") or None
    return None
