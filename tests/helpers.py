"""Test helpers: namespace-aware XPath over EPUB files (after Sphinx's EPUBElementTree), and the
forms of a catalog message."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


class EpubFile:
    """An EPUB opened for assertions: ``xpath(member, expr)`` with the usual prefixes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path: str = container.xpath("string(//c:rootfile/@full-path)", namespaces=NS)
        self.root = self.opf_path.rsplit("/", 1)[0] + "/" if "/" in self.opf_path else ""

    def tree(self, member: str) -> etree._Element:
        return etree.fromstring(self.zip.read(member))

    def opf(self, expr: str) -> Any:
        """The XPath result on the package document (a list, string, number or boolean)."""
        return self.tree(self.opf_path).xpath(expr, namespaces=NS)

    def doc(self, href: str, expr: str) -> Any:
        """The XPath result on a content document, ``href`` relative to the package."""
        return self.tree(self.root + href).xpath(expr, namespaces=NS)

    def spine_hrefs(self) -> list[str]:
        ids = self.opf("//opf:spine/opf:itemref/@idref")
        return [str(self.opf(f"//opf:item[@id='{i}']/@href")[0]) for i in ids]


def forms(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A babel message's id or string as its forms: one, or the (singular, plural, …) of a
    message with plurals."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
