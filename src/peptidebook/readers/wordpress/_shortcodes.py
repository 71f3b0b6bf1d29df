"""Step 1 - Reading: turn the WordPress shortcodes of a post into the HTML they stand for.

An export stores a post as written, shortcodes included; WordPress replaces them only when it
shows the post (``do_shortcode``). The core ones are rendered here from what the export holds:
``[caption]`` (``img_caption_shortcode``) becomes a figure with its caption, ``[gallery]``
(``gallery_shortcode``) figures of its attachments, ``[embed]``, ``[video]`` and ``[audio]`` a
link to the media (reported ``embed-linked``), as does a URL alone on its line, which
WordPress would embed (``WP_Embed::autoembed``).

Any other shortcode is a plugin's, whose output is unknown. Precision first: only text of a
shortcode's unmistakable form counts - ``[name attr="value"]``, ``[name]…[/name]`` or
``[name /]`` - never ``[sic]``, ``[1]`` or ``[citation needed]``. An enclosing one keeps its
content and loses its tags; a standalone one is kept visible as text. Both are reported
(``shortcode-kept``), once per post.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...diagnostics import Report

__all__ = ["Attachment", "MediaSources", "render_shortcodes"]


@dataclass(frozen=True)
class Attachment:
    """An attachment item of the export, as a gallery shows it."""

    url: str
    alt: str | None
    caption: str | None
    parent: str | None
    order: int


@dataclass(frozen=True)
class MediaSources:
    """The export's attachments, and the id of the post being read (a gallery without ids
    shows the post's own images)."""

    attachments: Mapping[str, Attachment]
    post_id: str | None


#: An opening tag (or a void one), as ``get_shortcode_regex`` reads it: a name of letters,
#: digits, ``_`` and ``-`` (a letter first: never ``[1]``), then attributes up to ``]``.
_OPEN = re.compile(r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^\[\]]*?)?)\s*(?P<void>/)?\]")
#: WordPress's ``get_shortcode_atts_regex``.
_ATTR = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_NAMED_ATTR = re.compile(r"""[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s'"\]]+)""")
_KNOWN = frozenset({"caption", "wp_caption", "gallery", "embed", "video", "audio"})
_VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")
_AUDIO_KEYS = ("src", "mp3", "ogg", "oga", "m4a", "wav", "wma", "flac")
_VIDEO_URL = re.compile(r"\.(?:mp4|m4v|webm|ogv|wmv|flv|mov)(?:\?.*)?$", re.IGNORECASE)
_AUDIO_URL = re.compile(r"\.(?:mp3|ogg|oga|m4a|wav|wma|flac)(?:\?.*)?$", re.IGNORECASE)
_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:\?.*)?$", re.IGNORECASE)
#: ``img_caption_shortcode``: an image (maybe in a link), then the caption text.
_CAPTIONED = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)",
                        re.IGNORECASE | re.DOTALL)
#: ``WP_Embed::autoembed``: a URL alone on its line (not inside a tag).
_LONE_URL = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.MULTILINE)


@dataclass
class _Said:
    """What one post's rendering reports."""

    kept: Counter[str]
    linked: Counter[str]
    missing: list[str]


def render_shortcodes(content: str, media: MediaSources, report: Report, where: str, *,
                      classic: bool) -> str:
    """``content`` with its shortcodes rendered or kept, and (``classic``: not block-editor
    content) lone media URLs linked."""
    said = _Said(Counter(), Counter(), [])
    content = _render(content, media, said)
    if classic:
        content = _LONE_URL.sub(lambda m: _lone_url(m, said), content)
    if said.kept:
        names = ", ".join(f"[{name}] ×{n}" if n > 1 else f"[{name}]"
                          for name, n in sorted(said.kept.items()))
        report.info("shortcode-kept", where,
                    f"shortcodes peptidebook does not render ({names}): enclosed text kept, "
                    "standalone ones kept as text")
    if said.linked:
        kinds = ", ".join(f"{kind} ×{n}" if n > 1 else kind
                          for kind, n in sorted(said.linked.items()))
        report.info("embed-linked", where, f"media shown as a link to it: {kinds}")
    for missing in said.missing:
        report.warning("block-missing", where, missing)
    return content


def _render(content: str, media: MediaSources, said: _Said) -> str:
    out: list[str] = []
    position = 0
    while (match := _OPEN.search(content, position)) is not None:
        name = match.group("name")
        if _inside_tag(content, match.start()) or content[match.start() - 1:match.start()] == "[":
            out.append(content[position:match.end()])
            position = match.end()
            continue
        closer = f"[/{name}]"
        close_at = -1 if match.group("void") else content.find(closer, match.end())
        attrs_text = match.group("attrs")
        known = name.lower() in _KNOWN
        if not known and close_at < 0 and not match.group("void") and not _NAMED_ATTR.search(
                attrs_text):
            # ``[sic]``, ``[citation needed]``: prose in brackets, not a shortcode.
            out.append(content[position:match.end()])
            position = match.end()
            continue
        inner = content[match.end():close_at] if close_at >= 0 else None
        end = close_at + len(closer) if close_at >= 0 else match.end()
        out.append(content[position:match.start()])
        out.append(_shortcode(name.lower(), _attributes(attrs_text), inner,
                              source=content[match.start():end], media=media, said=said))
        position = end
    out.append(content[position:])
    return "".join(out)


def _inside_tag(content: str, offset: int) -> bool:
    return content.rfind("<", 0, offset) > content.rfind(">", 0, offset)


def _attributes(text: str) -> dict[str, str]:
    """Named attributes (lower-cased names), as ``shortcode_parse_atts``; positional ones
    under their index."""
    attrs: dict[str, str] = {}
    for index, m in enumerate(_ATTR.finditer(text.strip())):
        if m.group(1) is not None:
            attrs[m.group(1).lower()] = m.group(2)
        elif m.group(3) is not None:
            attrs[m.group(3).lower()] = m.group(4)
        elif m.group(5) is not None:
            attrs[m.group(5).lower()] = m.group(6)
        else:
            attrs[str(index)] = next(g for g in m.groups()[6:] if g is not None)
    return attrs


def _shortcode(name: str, attrs: Mapping[str, str], inner: str | None, *, source: str,
               media: MediaSources, said: _Said) -> str:
    rendered: str | None = None
    if name in {"caption", "wp_caption"}:
        rendered = _caption(attrs, inner)
    elif name == "gallery":
        rendered = _gallery(attrs, media, said)
    elif name == "embed":
        rendered = _media_link("embed", (inner or "").strip() or None, said)
    elif name in {"video", "audio"}:
        keys, extensions = (_VIDEO_KEYS, _VIDEO_URL) if name == "video" else (_AUDIO_KEYS,
                                                                            _AUDIO_URL)
        rendered = _media_link(name, _first(attrs, keys) or _attached(media, extensions), said)
    if rendered is not None:
        return rendered
    said.kept[name] += 1
    if inner is None:
        return source  # standalone: kept visible, as written
    return _render(inner, media, said)


def _first(attrs: Mapping[str, str], keys: Sequence[str]) -> str | None:
    """The media URL of ``[video]``/``[audio]``: its first source attribute, else a URL
    written as its first positional attribute (``[audio https://…/a.mp3]``)."""
    named = next((attrs[k].strip() for k in keys if attrs.get(k, "").strip()), None)
    return named or attrs.get("0")


def _attached(media: MediaSources, extensions: re.Pattern[str]) -> str | None:
    """The post's first attached file of the kind (``wp_video_shortcode`` and
    ``wp_audio_shortcode`` without a source: ``get_attached_media``)."""
    attached = sorted((a.order, a.url) for a in media.attachments.values()
                      if media.post_id and a.parent == media.post_id
                      and extensions.search(a.url))
    return attached[0][1] if attached else None


def _caption(attrs: Mapping[str, str], inner: str | None) -> str | None:
    match = _CAPTIONED.match((inner or "").strip())
    if match is None:
        return None
    caption = attrs.get("caption") or match.group(2).strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{match.group(1)}{figcaption}</figure>"


def _gallery(attrs: Mapping[str, str], media: MediaSources, said: _Said) -> str:
    ids = [i.strip() for i in (attrs.get("ids") or attrs.get("include") or "").split(",")
           if i.strip()]
    if not ids:
        excluded = {i.strip() for i in attrs.get("exclude", "").split(",")}
        children = [(a.order, int(i) if i.isdigit() else 0, i)
                    for i, a in media.attachments.items()
                    if media.post_id and a.parent == media.post_id and i not in excluded
                    and _IMAGE_URL.search(a.url)]
        ids = [i for _order, _number, i in sorted(children)]
    figures = []
    for attachment_id in ids:
        attachment = media.attachments.get(attachment_id)
        if attachment is None:
            said.missing.append(f"gallery image {attachment_id} is not in the export: left out")
            continue
        alt = f' alt="{html.escape(attachment.alt)}"' if attachment.alt is not None else ""
        caption = (f"<figcaption>{html.escape(attachment.caption)}</figcaption>"
                   if attachment.caption else "")
        figures.append(f'<figure><img src="{html.escape(attachment.url)}"{alt}/>{caption}</figure>')
    return "\n".join(figures)


def _media_link(kind: str, url: str | None, said: _Said) -> str | None:
    if not url or not re.match(r"https?://", url):
        return None
    said.linked[kind] += 1
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _lone_url(match: re.Match[str], said: _Said) -> str:
    said.linked["URL alone on its line"] += 1
    url = match.group(2)
    return f'{match.group(1)}<a href="{html.escape(url)}">{html.escape(url)}</a>{match.group(3)}'
