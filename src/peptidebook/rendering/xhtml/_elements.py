"""Step 4 - Rendering: the XHTML elements every part of the renderer makes — the element maker
:func:`E`, languages (:func:`set_lang`), text after the last child, how the output addresses ids
and files (:class:`Target`) — and the document around the rendered chapters
(:func:`xhtml_document`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: XHTML, "epub": EPUB}


@dataclass(frozen=True)
class Target:
    """How the output addresses things: ``href_for_id(id)`` and ``asset_href(name)``."""

    href_for_id: Callable[[str], str]
    asset_href: Callable[[str], str]


def E(  # noqa: N802 - lxml.builder's name for the element maker
    tag: str, attrib: dict[str, str] | None = None, *children: etree._Element,
) -> etree._Element:
    """The XHTML element ``tag`` with ``attrib`` and ``children``."""
    el = etree.Element(f"{{{XHTML}}}{tag}", attrib or {}, nsmap=NSMAP)
    for child in children:
        el.append(child)
    return el


def set_lang(el: etree._Element, lang: str) -> None:
    el.set("lang", lang)
    el.set(XML_LANG, lang)


_RTL_CHARS = ("\u0590", "\u08ff")


def has_rtl_text(text: str) -> bool:
    """Whether ``text`` holds Hebrew or Arabic letters (U+0590–U+08FF)."""
    return any(_RTL_CHARS[0] <= c <= _RTL_CHARS[1] for c in text)


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it in ``tail``)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def xhtml_document(body_children: list[etree._Element], *, title: str, lang: str,
                   direction: str, stylesheets: list[str]) -> bytes:
    """A complete XHTML5 document (EPUB 3.3 §6.1) around ``body_children``."""
    html = E("html")
    set_lang(html, lang)
    if direction == "rtl":
        html.set("dir", "rtl")
    head = E("head")
    meta = E("meta", {"charset": "utf-8"})
    head.append(meta)
    title_el = E("title")
    title_el.text = title
    head.append(title_el)
    for href in stylesheets:
        head.append(E("link", {"rel": "stylesheet", "type": "text/css", "href": href}))
    html.append(head)
    body = E("body")
    for child in body_children:
        body.append(child)
    html.append(body)
    serialised: bytes = etree.tostring(html, encoding="utf-8")
    return b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n" + serialised
