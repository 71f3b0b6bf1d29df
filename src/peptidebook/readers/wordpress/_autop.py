"""Step 1 - Reading: paragraphs for classic-editor content, as WordPress's ``wpautop`` makes them.

A classic-editor post is stored without ``<p>``: WordPress adds paragraphs only when it shows
the post (``the_content`` runs ``wpautop``, wp-includes/formatting.php): a blank line ends a
paragraph, a single newline is a ``<br />``, block elements are never wrapped, and ``<pre>``
keeps its newlines. This is a port of that function, step by step in its order, leaving out
only what concerns elements the HTML reader drops anyway (``<option>``, ``<object>``).
Block-editor content is never passed here (``do_blocks`` turns ``wpautop`` off for it).
"""

from __future__ import annotations

import re

__all__ = ["autop"]

#: ``$allblocks`` of ``wpautop``.
_ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
#: Tags and comments, whose newlines are not paragraph breaks (``wp_replace_in_html_tags``).
_HTML_TAG = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
#: ``<!--more-->`` and ``<!--nextpage-->``: the teaser and page markers, which WordPress
#: replaces (``get_the_content``) before it makes paragraphs; they hold no text.
_MARKERS = re.compile(r"<!--(?:more|nextpage)(?:[^>]*?)?-->", re.IGNORECASE)
_NEWLINE_MARK = " <!-- wpnl --> "


def autop(text: str) -> str:
    """``wpautop($text, $br = true)``."""
    text = _MARKERS.sub("", text)
    if not text.strip():
        return ""
    text += "\n"
    text, pre_tags = _set_aside_pre(text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + _ALL_BLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + _ALL_BLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HTML_TAG.sub(lambda m: m.group(0).replace("\n", _NEWLINE_MARK), text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join("<p>" + p.strip("\n") + "</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + _ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + _ALL_BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + _ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    # $br: a single newline is a line break, except inside script, style, svg and math.
    text = re.sub(r"<(script|style|svg|math).*?</\1>",
                  lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text,
                  flags=re.DOTALL)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + _ALL_BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, pre in pre_tags.items():
        text = text.replace(name, pre)
    return text.replace(_NEWLINE_MARK, "\n").replace("<!-- wpnl -->", "\n")


def _set_aside_pre(text: str) -> tuple[str, dict[str, str]]:
    """Each ``<pre>…</pre>`` replaced by a placeholder, so that nothing in it changes."""
    if "<pre" not in text:
        return text, {}
    parts = text.split("</pre>")
    last = parts.pop()
    pre_tags: dict[str, str] = {}
    kept: list[str] = []
    for part in parts:
        start = part.find("<pre")
        if start < 0:
            kept.append(part)
            continue
        name = f"<pre wp-pre-tag-{len(pre_tags)}></pre>"
        pre_tags[name] = part[start:] + "</pre>"
        kept.append(part[:start] + name)
    return "".join(kept) + last, pre_tags
