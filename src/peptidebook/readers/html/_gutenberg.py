"""Step 1 - Reading: the blocks of WordPress's block editor (Gutenberg) whose markup says more
than its elements do, mapped by their class (``wp-block-…``), as ``save.js`` of each block in
WordPress/gutenberg ``packages/block-library`` writes them:

* **accordion** (core/accordion, WordPress 6.9): each ``wp-block-accordion-item`` is a question
  (the heading's toggle title) and its answer (the panel), as a :class:`QASection`;
* **footnotes** (core/footnotes): an :class:`Endnotes` block with no title of its own
  (:mod:`._footnotes`; assembly gives it the book's heading and back-links);
* **cover**: its inner content; the background image is a figure only when its alt text says
  something, else it is decoration, dropped and said so (``dropped-unsafe``, info);
* **embed**: the provider's name and a link to what it embeds (``embed-linked``), then the
  caption; a rendered embed whose wrapper holds more than a URL or an iframe (a tweet's text)
  keeps that content;
* **buttons**: one paragraph of their links;
* **gallery** (WordPress < 5.9): its list of images is the figures themselves;
* **preformatted** and **verse**: :class:`Preformatted`, their formatting and line breaks kept;
* a reusable block left as a reference (``<!-- wp:block {"ref":12} /-->``) is reported
  (``block-missing``): the source does not hold its content.

Every other block is plain HTML to the walk: an image block is a figure, a table block a
captioned table, a quote a quotation (its ``<cite>`` the attribution), columns, groups, rows,
stacks and spacers unwrap, a separator is a rule, a details block a question.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bs4.element import Comment, NavigableString, PageElement, Tag

from ...diagnostics import Report
from ...model import (
    Block,
    Endnote,
    Endnotes,
    Inline,
    Link,
    Paragraph,
    Preformatted,
    PreformattedKind,
    QASection,
    Question,
    Text,
)
from ._footnotes import FOOTNOTES_LIST
from ._nodes import attr, classes, has_content, is_blank, is_blank_node, shorten

if TYPE_CHECKING:
    from ._mapper import Mapper

__all__ = ["PROVIDERS", "block_editor", "reusable_reference"]

#: The display names of the embed providers the block editor knows (``is-provider-<slug>``),
#: from the titles of its embed variations (``packages/block-library/src/embed/variations.js``).
#: A provider not listed is named by the host of the address.
PROVIDERS = {
    "amazon-kindle": "Amazon Kindle", "animoto": "Animoto", "bluesky": "Bluesky",
    "cloudup": "Cloudup", "crowdsignal": "Crowdsignal", "dailymotion": "Dailymotion",
    "facebook": "Facebook", "flickr": "Flickr", "imgur": "Imgur", "instagram": "Instagram",
    "issuu": "Issuu", "kickstarter": "Kickstarter", "mixcloud": "Mixcloud",
    "pinterest": "Pinterest", "pocket-casts": "Pocket Casts", "reddit": "Reddit",
    "reverbnation": "ReverbNation", "scribd": "Scribd", "smugmug": "SmugMug",
    "soundcloud": "SoundCloud", "speaker-deck": "Speaker Deck", "spotify": "Spotify",
    "ted": "TED", "tiktok": "TikTok", "tumblr": "Tumblr", "twitter": "Twitter",
    "videopress": "VideoPress", "vimeo": "Vimeo", "wolfram-cloud": "Wolfram Cloud",
    "wordpress": "WordPress", "wordpress-tv": "WordPress.tv", "youtube": "YouTube",
}
#: A reusable block the export did not substitute: ``<!-- wp:block {"ref":12} /-->``.
_REUSABLE = re.compile(r"\s*wp:(?:core/)?block\s+(\{.*\})\s*/\s*", re.DOTALL)
_PREFORMATTED: dict[str, PreformattedKind] = {
    "wp-block-preformatted": "preformatted", "wp-block-verse": "verse"}


def block_editor(mapper: Mapper, tag: Tag) -> list[Block] | None:
    """The blocks a block-editor block maps to, or None when ``tag`` is not one this module
    reads (the walk maps it as HTML)."""
    names = classes(tag)
    if not names:
        return None
    if tag.name == "div" and "wp-block-accordion" in names:
        return _accordion(mapper, tag)
    if tag.name == "ol" and FOOTNOTES_LIST in names and mapper.footnotes.list_is_notes(tag):
        return [_endnotes(mapper, tag)]
    if tag.name == "div" and "wp-block-cover" in names:
        return _cover(mapper, tag)
    if tag.name == "figure" and "wp-block-embed" in names:
        return _embed(mapper, tag, names)
    if tag.name == "div" and "wp-block-buttons" in names:
        return _buttons(mapper, tag)
    if tag.name in {"ul", "ol"} and {"blocks-gallery-grid", "wp-block-gallery"} & set(names):
        return mapper.blocks(_children_of_items(tag))
    kind = next((_PREFORMATTED[n] for n in names if n in _PREFORMATTED), None)
    if tag.name == "pre" and kind is not None:
        return _preformatted(mapper, tag, kind)
    return None


def reusable_reference(report: Report, where: str, node: Comment) -> None:
    """Report a reusable block left as a reference: its content is not in the source."""
    match = _REUSABLE.fullmatch(str(node))
    if match is None:
        return
    try:
        ref = json.loads(match.group(1)).get("ref")
    except (ValueError, AttributeError):
        ref = None
    report.warning(
        "block-missing", where,
        f"a reusable block (ref {ref!r}) is not in the source: its content is missing",
    )


# --------------------------------------------------------------------------- accordion


def _accordion(mapper: Mapper, tag: Tag) -> list[Block]:
    """Each item a question; anything else among the items stays where it is."""
    out: list[Block] = []
    questions: list[Question] = []
    others: list[PageElement] = []
    for child in tag.children:
        if isinstance(child, Tag) and "wp-block-accordion-item" in classes(child):
            out.extend(mapper.blocks(others))
            others = []
            question = _accordion_item(mapper, child)
            if question is None:
                out.extend(mapper.blocks(child.children))
            else:
                questions.append(question)
            continue
        if questions and is_blank_node(child):
            continue
        if questions:
            out.append(QASection(tuple(questions)))
            questions = []
        others.append(child)
    if questions:
        out.append(QASection(tuple(questions)))
    out.extend(mapper.blocks(others))
    return out


def _accordion_item(mapper: Mapper, item: Tag) -> Question | None:
    """``h3.wp-block-accordion-heading > button > span…__toggle-title`` (the question, its
    ``aria-hidden`` icon left out) and ``div.wp-block-accordion-panel`` (the answer); None when
    the item has no heading."""
    heading = next((c for c in item.children if isinstance(c, Tag)
                    and "wp-block-accordion-heading" in classes(c)), None)
    if heading is None:
        return None
    mapper.check_attributes(heading)
    title = heading.find(class_="wp-block-accordion-heading__toggle-title")
    source = title if isinstance(title, Tag) else heading
    question = mapper.inlines(_shown(source))
    answer: list[Block] = []
    for child in item.children:
        if child is heading:
            continue
        if isinstance(child, Tag) and "wp-block-accordion-panel" in classes(child):
            answer.extend(mapper.blocks(child.children))
        else:
            answer.extend(mapper.blocks([child]))
    return Question(tuple(question), tuple(answer), attr(heading, "id"))


def _shown(tag: Tag) -> list[PageElement]:
    """The content of ``tag`` without what is hidden from assistive technology (the toggle's
    "+" icon), a button being unwrapped to its content."""
    out: list[PageElement] = []
    for child in tag.children:
        if isinstance(child, Tag) and attr(child, "aria-hidden") == "true":
            continue
        if isinstance(child, Tag) and child.name == "button":
            out.extend(_shown(child))
        else:
            out.append(child)
    return out


# --------------------------------------------------------------------------- footnotes


def _endnotes(mapper: Mapper, ol: Tag) -> Endnotes:
    """The notes, each without the editor's "↩︎" back-link: assembly adds one with words."""
    notes: list[Endnote] = []
    for li in ol.find_all("li", recursive=False):
        mapper.check_attributes(li)
        uuid = attr(li, "id")
        content = [c for c in li.children if not _is_back_link(c, uuid)]
        blocks = tuple(mapper.blocks(content))
        if uuid is not None and uuid in mapper.footnotes.numbers:
            notes.append(Endnote(mapper.footnotes.note_id(uuid), blocks))
        elif blocks:  # an item without an id: kept as a note of no marker
            notes.append(Endnote(f"fn-item-{len(notes) + 1}", blocks))
    return Endnotes((), tuple(notes), level=2)


def _is_back_link(node: PageElement, uuid: str | None) -> bool:
    return (isinstance(node, Tag) and node.name == "a" and uuid is not None
            and attr(node, "href") == f"#{uuid}-link")


# --------------------------------------------------------------------------- cover


def _cover(mapper: Mapper, tag: Tag) -> list[Block]:
    """The inner content; the background image a figure only when its alt says something."""
    out: list[Block] = []
    rest: list[PageElement] = []
    for child in tag.children:
        names = classes(child) if isinstance(child, Tag) else []
        if "wp-block-cover__image-background" in names or (
                "wp-block-cover__video-background" in names):
            assert isinstance(child, Tag)
            out.extend(_background(mapper, child))
        else:
            rest.append(child)
    return [*out, *mapper.blocks(rest)]


def _background(mapper: Mapper, tag: Tag) -> list[Block]:
    if tag.name == "img" and (attr(tag, "alt") or "").strip():
        return mapper.blocks([tag])
    source = attr(tag, "src") or ""
    mapper.report.info(
        "dropped-unsafe", mapper.where,
        f"dropped the decorative background {'image' if tag.name == 'img' else 'video'} of a "
        f"cover block ({shorten(source)!r}, no alt text: presentation)",
    )
    return []


# --------------------------------------------------------------------------- embeds


def _embed(mapper: Mapper, tag: Tag, names: list[str]) -> list[Block] | None:
    """``figure.wp-block-embed > div.wp-block-embed__wrapper`` holding the address as text
    (the saved post) or an ``<iframe>`` (the rendered one); then its caption."""
    wrapper = next((c for c in tag.children if isinstance(c, Tag)
                    and "wp-block-embed__wrapper" in classes(c)), None)
    if wrapper is None:
        return None
    url = _embedded_address(mapper, wrapper)
    if url is None:
        return None  # a rendered embed that holds content of its own (a tweet's blockquote)
    slug = next((n.removeprefix("is-provider-") for n in names if n.startswith("is-provider-")),
                "")
    provider = PROVIDERS.get(slug) or urlsplit(url).hostname or url
    mapper.report.info("embed-linked", mapper.where,
                       f"a {provider} embed replaced by a link to {url}")
    out: list[Block] = [Paragraph((Text(f"{provider}: "), Link((Text(url),), url)))]
    for child in tag.children:
        if child is wrapper or is_blank_node(child):
            continue
        if isinstance(child, Tag) and child.name == "figcaption":
            caption = mapper.inlines(child.children)
            if has_content(caption):
                out.append(Paragraph(tuple(caption)))
        else:
            out.extend(mapper.blocks([child]))
    return out


def _embedded_address(mapper: Mapper, wrapper: Tag) -> str | None:
    """The http(s) address the wrapper holds as its only text, or in its only ``<iframe>``."""
    content = [c for c in wrapper.children if not is_blank_node(c)]
    if len(content) != 1:
        return None
    only = content[0]
    if isinstance(only, Tag) and only.name == "iframe":
        mapper.check_attributes(only)
        raw = attr(only, "src")
    elif isinstance(only, NavigableString) and not isinstance(only, Comment):
        raw = str(only).strip()
        if any(c.isspace() for c in raw):
            return None
    else:
        return None
    return mapper.embed_address(raw) if raw else None


# --------------------------------------------------------------------------- buttons


def _buttons(mapper: Mapper, tag: Tag) -> list[Block] | None:
    """``div.wp-block-buttons > div.wp-block-button > a``: one paragraph of the links, set
    apart by a middle dot (a button without an address is its text)."""
    buttons = [c for c in tag.children if not is_blank_node(c)]
    if not buttons or not all(isinstance(b, Tag) and "wp-block-button" in classes(b)
                              for b in buttons):
        return None
    out: list[Inline] = []
    for button in buttons:
        assert isinstance(button, Tag)
        inlines = mapper.inlines(button.children)
        if not has_content(inlines):
            continue
        if out:
            out.append(Text(" · "))
        out.extend(inlines)
    return [Paragraph(tuple(out))] if out else []


# --------------------------------------------------------------------------- preformatted


def _preformatted(mapper: Mapper, tag: Tag, kind: PreformattedKind) -> list[Block]:
    """Formatted text whose line breaks are the author's: every character kept but the
    newline that ends the last line (the parser already dropped the one after ``<pre>``)."""
    inlines = mapper.inlines(tag.children)
    while inlines and is_blank(inlines[-1]):
        last = inlines.pop()
        if isinstance(last, Text) and last.text.strip("\n"):
            inlines.append(Text(last.text.rstrip("\n")))
            break
    if not has_content(inlines):
        return []
    return [Preformatted(tuple(inlines), kind)]


# --------------------------------------------------------------------------- shared


def _children_of_items(tag: Tag) -> list[PageElement]:
    """The content of a list's items, in order (a gallery's list holds only its figures)."""
    out: list[PageElement] = []
    for child in tag.children:
        if isinstance(child, Tag) and child.name == "li":
            out.extend(child.children)
        else:
            out.append(child)
    return out



