"""Step 1 - Reading: what each HTML element means to the HTML reader, in one place for the
parser's bounds (:mod:`._bounds`) and the mapper (:mod:`._mapper`)."""

from __future__ import annotations

__all__ = [
    "BLOCKS", "CODE", "DROPPED_WITH_CONTENT", "EMBEDS", "EMPH", "FLAT_BREAKS", "FORM_CONTROLS",
    "FRAME", "HEADINGS", "IGNORED", "INLINE_WRAPPERS", "KNOWN_INLINE", "MAX_DEPTH", "PRESENTATION",
    "STANDALONE", "STRONG", "UNSAFE", "VOID", "WRAPPERS",
]

#: How many levels of element nesting the reader follows (the ``<html>``/``<body>`` frame not
#: counted); an element nested deeper is flattened to its text. Measured with Python's default
#: recursion limit (1000) and WeasyPrint 70, building a PDF from the command line: the worst
#: case is nested ``<details>`` (each becomes two nested ``<section>`` boxes), whose layout
#: fails from 69 levels on (64 levels fail once the caller's stack is 100 frames deeper); lists,
#: definition lists and blockquotes go past 128, and the cleaning passes on the model fail at
#: 142 nested tables, 165 definition lists, 198 lists. At 48, nested ``<details>`` still lay
#: out with 200 more frames on the caller's stack (pytest, an application embedding
#: :func:`peptidebook.build`), and real posts, which page builders nest some 20 levels deep,
#: are never flattened.
MAX_DEPTH = 48

#: Void elements (HTML §13.1.2): never any content, whatever the markup says.
VOID = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    }
)
#: Active content and form controls: dropped with their content, reported as warnings. A
#: ``<button>`` outside a form is not among them: its content is phrasing content (HTML
#: §4.10.6) that a page shows, such as the question of an accordion block's toggle, and is kept.
#: Nor is ``<form>`` itself: it is a wrapper whose headings, paragraphs and labels a page shows
#: (a theme's demo post puts a heading and a paragraph in one); its controls are dropped
#: (:data:`FORM_CONTROLS`).
UNSAFE = frozenset(
    {
        "script", "noscript", "template", "applet", "frame", "frameset",
        "input", "select", "textarea", "option", "optgroup", "datalist",
        "output", "meta", "link", "base",
    }
)
#: What a ``<form>`` holds that only works on the site: dropped with the content, reported.
FORM_CONTROLS = frozenset({"input", "button", "select", "textarea", "output", "datalist"})
#: Presentation only: dropped, reported as info.
PRESENTATION = frozenset({"style"})
#: Elements dropped together with what they contain.
DROPPED_WITH_CONTENT = (UNSAFE | PRESENTATION) - VOID
#: Elements that carry nothing a book can use outside their parent's handling. ``<source>``,
#: ``<track>``, ``<param>``, ``<wbr>`` and ``<col>`` are void: nothing is lost with them. A
#: ``<wbr>`` (a line break opportunity, HTML §4.5.27) adds no character: the words on either
#: side join, as a reader copying the text from a browser gets them.
IGNORED = frozenset({"title", "source", "track", "param", "wbr", "col", "colgroup"})
#: Containers kept only for their children.
WRAPPERS = frozenset(
    {
        "html", "head", "body", "div", "section", "article", "main", "header", "footer",
        "nav", "hgroup", "address", "center", "fieldset", "search", "form",
    }
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Embedded content that becomes a link to its source (``embed-linked``); an ``<object>``'s
#: fallback content (HTML §4.8.7: what stands for it where it cannot be shown, as in a book)
#: follows the link.
EMBEDS = frozenset({"iframe", "embed", "object", "video", "audio"})
#: Inline elements that make a block of their own when they stand between blocks.
STANDALONE = EMBEDS | {"img", "math"}
STRONG = frozenset({"strong", "b"})
#: ``cite``, ``dfn`` and ``var`` are italic by convention; Emph is their closest node.
EMPH = frozenset({"em", "i", "cite", "dfn", "var"})
CODE = frozenset({"code", "kbd", "samp", "tt"})
#: Inline elements kept only for their children (``<span lang>`` becomes a Span; a
#: ``<picture>`` is its ``<img>``; a ``<button>`` its label).
INLINE_WRAPPERS = frozenset(
    {
        "span", "font", "small", "big", "u", "s", "strike", "del", "ins", "mark", "abbr",
        "acronym", "time", "data", "bdi", "bdo", "nobr", "label", "picture", "legend",
        "button",
    }
)
#: Elements that start a block of their own when they appear among blocks.
BLOCKS = (
    frozenset(
        {
            "p", "ul", "ol", "dl", "li", "dt", "dd", "blockquote", "pre", "hr", "table",
            "figure", "figcaption", "details", "summary", "aside", "caption",
        }
    )
    | WRAPPERS
    | frozenset(HEADINGS)
)
KNOWN_INLINE = (
    STRONG
    | EMPH
    | CODE
    | INLINE_WRAPPERS
    | EMBEDS
    | frozenset({"a", "img", "br", "sub", "sup", "q", "math"})
)
#: The document frame a parser puts around a fragment: not counted as nesting.
FRAME = frozenset({"html", "head", "body"})
#: Elements whose start and end separate the text of a flattened subtree.
FLAT_BREAKS = BLOCKS | frozenset({"br", "tr", "td", "th", "thead", "tbody", "tfoot"})
