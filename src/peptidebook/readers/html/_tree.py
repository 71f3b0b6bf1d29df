"""Step 1 - Reading: parse an HTML fragment the way the WHATWG HTML standard says, into the
BeautifulSoup tree the mapper walks.

The fragment parsing algorithm (HTML §13.4, "parsing HTML fragments", with a ``<div>`` as the
context element: a post body sits in one) runs in tinyhtml5, the html5lib parser WeasyPrint
maintains and depends on (so it adds no dependency). Void elements (``<wbr>``, ``<embed>``,
``<source>``, ``<track>`` …, HTML §13.1.2) never have content, whatever the markup says;
mis-nested markup is repaired as browsers repair it: ``<b><i>x</b>y</i>`` by the adoption agency
algorithm (§13.2.6.4.7), text inside ``<table>`` by foster parenting (§13.2.6.1), ``</br>`` as
``<br>`` and ``</p>`` as ``<p></p>``. The parsed tree is handed to BeautifulSoup through its
tree-builder interface, so the mapper sees the same ``Tag``/``NavigableString`` API it always
has.

tinyhtml5 runs with three bounds (:mod:`._bounds`) that keep the work linear in the length
of the markup and the tree no bigger than the markup's tags say.
"""

from __future__ import annotations

import io
import warnings
from xml.etree import ElementTree

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.builder import HTMLTreeBuilder
from bs4.element import Comment

from ._bounds import BoundedParser, ParseLimits

__all__ = ["parse_fragment"]

#: The context element of the fragment parsing algorithm (HTML §13.4): a post body is the
#: content of a ``<div>``.
CONTEXT = "div"


def parse_fragment(markup: str, limits: ParseLimits | None = None) -> BeautifulSoup:
    """``markup`` parsed as the children of a ``<div>`` (HTML §13.4), as a BeautifulSoup tree
    (no ``<html>``/``<body>`` frame). What the bounds held back is counted into ``limits``."""
    builder = _Builder(limits or ParseLimits())
    with warnings.catch_warnings():
        # Short fragments can look like a file name or an address to bs4: they are HTML.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, builder=builder)


# --------------------------------------------------------------------------- into BeautifulSoup


class _Builder(HTMLTreeBuilder):
    """A BeautifulSoup tree builder fed by the bounded tinyhtml5 parser."""

    NAME = "tinyhtml5"

    def __init__(self, limits: ParseLimits) -> None:
        super().__init__()
        self.limits = limits

    def feed(self, markup: str | bytes) -> None:
        assert isinstance(markup, str)  # the readers decode before they parse
        # A file-like stream: tinyhtml5 reads a str shorter than 200 characters that names an
        # existing file from that file.
        parser = BoundedParser(self.limits)
        fragment = parser.parse_fragment(io.StringIO(markup), container=CONTEXT)
        self._emit(fragment)

    def _emit(self, root: ElementTree.Element) -> None:
        """Replay the tree as the start, text and end events BeautifulSoup builds from (one
        walk with a stack of its own: no recursion)."""
        soup = self.soup
        assert soup is not None
        if root.text:
            soup.handle_data(root.text)
        stack: list[tuple[ElementTree.Element, bool]] = [(c, False) for c in reversed(root)]
        while stack:
            element, closing = stack.pop()
            if closing:
                soup.handle_endtag(_local(element.tag))
            elif not isinstance(element.tag, str):  # ElementTree.Comment, the factory
                soup.endData()
                soup.handle_data(element.text or "")
                soup.endData(Comment)
            else:
                namespace, name = _split(element.tag)
                attributes = {_attribute_name(key): value for key, value in element.items()}
                soup.handle_starttag(name, namespace, None, attributes)
                if element.text:
                    soup.handle_data(element.text)
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
                continue
            if element.tail:
                soup.handle_data(element.tail)


#: Prefixes of the namespaced attributes the HTML parser makes (HTML §13.2.6.1, "adjust foreign
#: attributes").
_PREFIXES = {
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://www.w3.org/2000/xmlns/": "xmlns",
}


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


def _local(tag: str) -> str:
    return _split(tag)[1]


def _attribute_name(key: str) -> str:
    namespace, name = _split(key)
    if namespace is None:
        return name
    return f"{_PREFIXES.get(namespace, 'ns')}:{name}"
