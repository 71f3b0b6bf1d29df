"""Step 1 - Reading (WordPress): what a REST post and a WXR item are mapped alike — the file's
bytes, one-line fields cleaned of forbidden characters, the slug and title with their
fallbacks, dates, language tags and the excerpt as a summary."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from ...errors import InputError
from ...languages import is_well_formed, write_tag
from ..characters import ControlFilter
from ..html import html_to_text

__all__ = ["clean_line", "iso_datetime", "language_tag", "post_slug", "post_summary",
           "post_title", "read_bytes", "string_field"]


def read_bytes(path: Path) -> bytes:
    """The bytes of the payload or export file; an unreadable one is an input error."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def string_field(value: object) -> str | None:
    """A field that is a string, stripped; ``None`` for anything else or nothing left."""
    return (value.strip() or None) if isinstance(value, str) else None


def clean_line(controls: ControlFilter, value: str | None, field: str) -> str | None:
    """A one-line field (a slug, a name, a link) without forbidden characters; None if that
    leaves nothing."""
    return (controls(value, field, one_line=True).strip() or None) if value else None


def post_slug(slug: str | None, link: str | None, post_id: object, path: Path,
              controls: ControlFilter) -> str:
    """The post's slug; else the last segment of its link; else ``post-<id>``; else the file.
    (``slug`` and ``link`` come cleaned; the id and the file name are cleaned here.)"""
    if slug:
        return slug
    try:
        segment = urlsplit(link).path.rstrip("/").rpartition("/")[2] if link else ""
    except ValueError:  # an unbalanced IPv6 bracket: "https://[::1/post"
        segment = ""
    if segment:
        return segment
    if isinstance(post_id, int | str) and str(post_id):
        return clean_line(controls, f"post-{post_id}", "the id") or "post"
    return clean_line(controls, path.stem, "the file name") or "post"


def post_title(rendered: str | None, slug: str, controls: ControlFilter) -> tuple[str, str | None]:
    """The post's title; else its slug, and why."""
    title = html_to_text(rendered, controls=controls, field="the title") if rendered else ""
    if not title:
        return slug, f"the post has no title; using its slug {slug!r}"
    return title, None


def iso_datetime(value: object) -> datetime | None:
    """An ISO 8601 date and time as an aware UTC datetime (taken as UTC when it carries no
    offset); ``None`` for a missing or invalid value and for WordPress' unset date
    (``0000-00-00 00:00:00``)."""
    if not isinstance(value, str) or not value.strip() or value.startswith("0000"):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def language_tag(value: str | None) -> str | None:
    """A language the payload names, as a BCP 47 tag (``en-us`` → ``en-US``, ``pt_BR`` →
    ``pt-BR``); ``None`` when it is not one."""
    return write_tag(value) if value and is_well_formed(value) else None


def post_summary(excerpt: str | None, controls: ControlFilter) -> str | None:
    """The excerpt as plain text, without WordPress' "read more" ellipsis."""
    text = html_to_text(excerpt, controls=controls, field="the excerpt") if excerpt else ""
    # (?<!\s): the spaces are matched from their first one only, so a long run of white space
    # is scanned once, not once per start position (linear time, limits.py).
    text = re.sub(r"(?<!\s)\s*\[(?:…|&hellip;|\.\.\.)\]$", "", text)
    return text or None

