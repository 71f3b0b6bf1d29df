"""Step 1 - Reading: map inline HTML (text, emphasis, links, images, embeds) to model inlines,
with the checks and reports the whole walk shares; :class:`._mapper.Mapper` adds the blocks."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

from bs4.element import Comment, NavigableString, PageElement, PreformattedString, Tag

from ...diagnostics import Report
from ...model import (
    Code,
    Emph,
    Image,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    RawInline,
    Strong,
    Sub,
    Sup,
    Text,
)
from ._elements import (
    BLOCKS,
    CODE,
    EMBEDS,
    EMPH,
    FORM_CONTROLS,
    IGNORED,
    INLINE_WRAPPERS,
    PRESENTATION,
    STRONG,
    UNSAFE,
)
from ._footnotes import Footnotes
from ._glossary import glossary_tooltip
from ._gutenberg import reusable_reference
from ._nodes import attr, clean_url, int_attr, is_javascript, report_dropped, shorten, with_lang

__all__ = ["InlineMapper"]

_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_SCHEMES = frozenset({"http", "https"})


class InlineMapper:
    """The inline half of one walk over a parsed fragment, and the checks and reports the block
    half (:class:`._mapper.Mapper`) shares; collects diagnostics into ``report``."""

    def __init__(
        self, base_url: str | None, report: Report, where: str, media_alt: Mapping[str, str],
        footnotes: Footnotes | None = None,
    ) -> None:
        self.base_url = base_url
        self.report = report
        self.where = where
        self.media_alt = media_alt
        self.footnotes = footnotes or Footnotes()

    def inlines(self, nodes: Iterable[PageElement]) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            out.extend(self.inline(node))
        return out

    def inline(self, node: PageElement) -> list[Inline]:
        """The inlines one node maps to."""
        if isinstance(node, PreformattedString):
            if isinstance(node, Comment):
                reusable_reference(self.report, self.where, node)
            return []  # comments, CDATA, processing instructions, doctypes
        if isinstance(node, NavigableString):
            return [Text(str(node))]
        if not isinstance(node, Tag):
            return []
        self.check_attributes(node)
        if node.name in UNSAFE | PRESENTATION:
            report_dropped(self.report, self.where, node)
            return []
        return with_lang(node, self._inline_tag(node))

    # A flat dispatch on the element's name, one branch per kind of element.
    def _inline_tag(self, tag: Tag) -> list[Inline]:  # noqa: C901
        name = tag.name
        if name in IGNORED:
            return []
        tooltip = glossary_tooltip(tag, self.inlines)
        if tooltip is not None:
            return tooltip
        if name == "br":
            return [LineBreak()]
        if name in STRONG:
            return [Strong(tuple(self.inlines(tag.children)))]
        if name in EMPH:
            return [Emph(tuple(self.inlines(tag.children)))]
        if name in CODE:
            return _code(tag)
        if name == "sub":
            return [Sub(tuple(self.inlines(tag.children)))]
        if name == "sup":
            return self._sup(tag)
        if name == "a":
            return self._link(tag)
        if name == "img":
            return self._image(tag)
        if name == "object":
            return [*self._embed(tag), *self.inlines(tag.children)]
        if name in EMBEDS:
            return self._embed(tag)
        if name == "math":
            return self._math(tag)
        if name == "q":
            return [Text('"'), *self.inlines(tag.children), Text('"')]
        if name in INLINE_WRAPPERS or name in BLOCKS:
            # Wrappers, and blocks met inside running text (a <p> in a <summary>): unwrapped.
            self.drop_form_controls(tag)
            return self.inlines(tag.children)
        return [RawInline(self._raw(tag), f"unknown element <{name}>")]

    def _link(self, tag: Tag) -> list[Inline]:
        children = self.inlines(tag.children)
        href = attr(tag, "href")
        if href is None:
            return children  # a named anchor
        if is_javascript(href):
            self.report.warning(
                "dropped-unsafe", self.where, "dropped a javascript: link, kept its text"
            )
            return children
        url = self._url(href, _LINK_SCHEMES, allow_fragment=True)
        relative = _is_relative(href)
        if url is None and (relative or clean_url(href).lower().startswith(("http:", "https:"))):
            # A site-relative address ("/2016/04/06/…") with no article address to resolve it
            # against would point inside the book's container (EPUB 3.3 RSC-026); a web address
            # no URL parser accepts (a pattern "http://(www\.)?site.org/.*") is no link (RSC-020).
            # Dropped, either would be lost: it is kept as text after the link's text.
            address = clean_url(href)
            why = ("is relative and the article's address is unknown" if relative
                   else "is not a valid address")
            self.report.warning("link-unwrapped", self.where,
                                f"the link to {shorten(address)!r} {why}: kept its text, and "
                                "the address as text")
            if " ".join(tag.get_text().split()) == address:
                return children
            return [*children, Text(f" ({address})")]
        if url is None:
            return children  # a scheme a book cannot follow (tel:, ftp:, file:, …)
        return [Link(tuple(children), url, attr(tag, "title"))]

    def _sup(self, tag: Tag) -> list[Inline]:
        """A superscript; a footnote marker of the block editor (:mod:`._footnotes`) is a note
        reference, its number the one the marker shows."""
        uuid = attr(tag, "data-fn")
        link = tag.find("a")
        if uuid is None or not self.footnotes.is_note(uuid) or not isinstance(link, Tag):
            return [Sup(tuple(self.inlines(tag.children)))]
        number = self.inlines(link.children)
        if not number:
            number = [Text(str(self.footnotes.numbers[uuid]))]
        return [NoteRef(tuple(number), self.footnotes.note_id(uuid),
                        self.footnotes.marker_id(uuid))]

    def embed_address(self, raw: str) -> str | None:
        """The absolute http(s) address an embed points at, or None."""
        return self._url(raw, _IMAGE_SCHEMES)

    def _image(self, tag: Tag) -> list[Inline]:
        src = _image_source(tag)
        url = self._url(src, _IMAGE_SCHEMES) if src is not None else None
        alt = attr(tag, "alt")
        if alt is None:
            alt = self.media_alt.get(url or "") or self.media_alt.get(src or "")
        if url is None:
            shown = (src or "")[:80]
            self.report.warning(
                "fetch-refused",
                self.where,
                f"image source {shown!r} is not an http(s) URL; kept its alt text instead",
            )
            return [Text(alt)] if alt else []
        if alt is None:
            self.report.warning("missing-alt", self.where, f"image {url} has no alt text")
        return [
            Image(
                url,
                alt,
                attr(tag, "title"),
                int_attr(tag, "width", 1, 100_000),
                int_attr(tag, "height", 1, 100_000),
            )
        ]

    def _embed(self, tag: Tag) -> list[Inline]:
        """A link to what ``tag`` embeds. The fallback text of ``<video>``/``<audio>`` (HTML
        §4.8.9: "intended for older web browsers", not to be shown) is dropped, and said so;
        an ``<object>``'s fallback content is the caller's to map."""
        src = attr(tag, "data" if tag.name == "object" else "src")
        if src is None:
            first = tag.find("source")
            src = attr(first, "src") if isinstance(first, Tag) else None
        url = self._url(src, _IMAGE_SCHEMES) if src is not None else None
        fallback = ""
        if tag.name in {"video", "audio"}:
            fallback = " ".join(tag.get_text().split())
        dropped = f"; dropped its fallback text {shorten(fallback)!r}" if fallback else ""
        if url is None:
            kept = ", kept its fallback content" if tag.name == "object" else ""
            self.report.warning(
                "dropped-unsafe",
                self.where,
                f"dropped <{tag.name}> without an http(s) source{kept}{dropped}",
            )
            return []
        self.report.info(
            "embed-linked", self.where, f"<{tag.name}> replaced by a link to {url}{dropped}"
        )
        return [Link((Text(url),), url, attr(tag, "title"))]

    # ----------------------------------------------------------------- checks and reports

    def _url(
        self, raw: str, schemes: frozenset[str], *, allow_fragment: bool = False
    ) -> str | None:
        """``raw`` made absolute against the base URL, or None when its scheme is not allowed
        or it is relative and there is no base URL to resolve it against (or the base has no
        host): a relative address never reaches the book (EPUB 3.3 RSC-026)."""
        cleaned = clean_url(raw)
        if cleaned.startswith("#"):
            return cleaned if allow_fragment and len(cleaned) > 1 else None
        try:
            if not urlsplit(cleaned).scheme:
                if self.base_url is None:
                    return None
                cleaned = urljoin(self.base_url, cleaned)
            parts = urlsplit(cleaned)
        except ValueError:  # e.g. an unbalanced IPv6 bracket
            return None
        if parts.scheme.lower() not in schemes:
            return None
        if parts.scheme.lower() != "mailto" and not parts.netloc:
            return None
        return _valid_url(cleaned, parts)

    def _math(self, tag: Tag) -> list[Inline]:
        """A MathML formula (the block editor's Math block, a page's ``<math>``). The book has
        no formula node, so the formula is kept as what its author typed when the markup says
        it: its TeX source (``<annotation encoding="application/x-tex">``, which the Math
        block and MathJax write) as code, else its ``alttext``, else the text of its symbols;
        reported, since the layout of the formula is lost."""
        tex = next(
            (a.get_text() for a in tag.find_all("annotation")
             if (attr(a, "encoding") or "").lower() in {"application/x-tex", "tex"}),
            None,
        )
        alt = attr(tag, "alttext")
        if tex and tex.strip():
            kept: list[Inline] = [Code(tex.strip())]
            how = "its TeX source"
        elif alt and alt.strip():
            kept, how = [Text(alt.strip())], "its alternative text"
        else:
            symbols = " ".join(tag.get_text(" ").split())
            kept, how = ([Text(symbols)] if symbols else []), "the text of its symbols"
        self.report.warning("raw-kept", self.where,
                            f"a MathML formula was kept as {how}: its layout is lost")
        return kept

    def drop_form_controls(self, tag: Tag) -> None:
        """A ``<form>`` is unwrapped like any wrapper, but its controls (a submit button
        too) only work on the site: each is dropped with its content and reported."""
        if tag.name != "form":
            return
        for control in tag.find_all(sorted(FORM_CONTROLS)):
            if not control.decomposed:
                report_dropped(self.report, self.where, control)
                control.decompose()

    def check_attributes(self, tag: Tag) -> None:
        handlers = sorted(name for name in tag.attrs if name.lower().startswith("on"))
        if handlers:
            self.report.warning(
                "dropped-unsafe",
                self.where,
                f"dropped event handler(s) {', '.join(handlers)} on <{tag.name}>",
            )

    def _raw(self, tag: Tag) -> str:
        """The element's markup for a Raw node, with active content taken out first."""
        self.report.warning("raw-kept", self.where, f"kept unknown element <{tag.name}> as raw")
        clean = copy.copy(tag)
        for comment in clean.find_all(string=lambda s: isinstance(s, PreformattedString)):
            comment.extract()  # comments, CDATA: nothing a reader needs, and may hide markup
        for element in [clean, *clean.find_all(True)]:
            if element.decomposed:
                continue
            if element.name in UNSAFE | PRESENTATION:
                element.decompose()
                continue
            for name in list(element.attrs):
                value = attr(element, name) or ""
                if name.lower().startswith("on") or is_javascript(value):
                    del element[name]
        return str(clean)


#: What RFC 3986 §2.2-2.3 lets stand unescaped in a path, a query and a fragment (pchar, "/",
#: "?"); "%" is kept for the escapes already made (a stray one is escaped first).
_URL_SAFE = "/?:@!$&'()*+,;=-._~%"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: A host: a registered name (RFC 3986 §3.2.2 reg-name, once IDNA-encoded) or an IP literal.
_HOST = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=%]+|\[[0-9A-Fa-f:.]+\]")


def _valid_url(cleaned: str, parts: SplitResult) -> str | None:
    r"""The address as a valid URL (RFC 3986, which EPUBCheck holds links to: RSC-020): what
    browsers escape when they follow it (a space, ``{``, a second ``#``, a non-ASCII letter)
    percent-encoded as UTF-8, a non-ASCII host IDNA-encoded; ``None`` when its host is not a
    host at all (a pattern such as ``http://(www\.)?site.org/.*``) or its port not a number."""
    try:
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (ValueError, UnicodeError):
        return None
    if parts.netloc and _HOST.fullmatch(ascii_host) is None:
        return None
    netloc = parts.netloc.replace(host, ascii_host) if ascii_host != host else parts.netloc

    def escaped(text: str) -> str:
        return quote(_STRAY_PERCENT.sub("%25", text), safe=_URL_SAFE)

    rebuilt = (parts.scheme, netloc, escaped(parts.path), escaped(parts.query),
               escaped(parts.fragment))
    if rebuilt == tuple(parts):
        return cleaned  # already valid: as the source wrote it
    return urlunsplit(rebuilt)


def _is_relative(href: str) -> bool:
    """Whether ``href`` is a relative reference (RFC 3986 §4.2) that is not a bare fragment:
    a path, a query, a scheme-relative ``//host/…``."""
    cleaned = clean_url(href)
    if not cleaned or cleaned.startswith("#"):
        return False
    try:
        return not urlsplit(cleaned).scheme
    except ValueError:  # an unbalanced IPv6 bracket
        return False


def _code(tag: Tag) -> list[Inline]:
    """Inline code as written, its text verbatim; a ``<br>`` in it (``<code>sudo pacman
    -Sy<br>sudo pacman -S zen</code>``: two commands on two lines) stays a line break, never
    joining the last word of one line to the first of the next."""
    out: list[Inline] = []
    text: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name == "br":
            out.extend([Code("".join(text)), LineBreak()] if text else [LineBreak()])
            text.clear()
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            text.append(str(node))
    if text or not out:
        out.append(Code("".join(text)))
    return out


def _image_source(tag: Tag) -> str | None:
    """``src``; when it is missing or a placeholder, a lazy-loading plugin's ``data-src``,
    the first candidate of ``srcset``, or, in a ``<picture>``, of the first ``<source>``'s."""
    src = attr(tag, "src")
    if src is None or src.strip() == "" or src.strip().lower().startswith("data:"):
        srcset = (attr(tag, "srcset") or "").split()
        lazy = attr(tag, "data-src") or attr(tag, "data-lazy-src") or next(iter(srcset), None)
        if lazy:
            return lazy
        picture = tag.parent
        if picture is not None and picture.name == "picture":
            for source in picture.find_all("source", recursive=False):
                candidates = (attr(source, "srcset") or "").split()
                if candidates:
                    return candidates[0]
    return src
