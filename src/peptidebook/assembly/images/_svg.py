"""Step 3 - Assembly: pass an SVG through an allowlist (:mod:`..images` says what is kept
and what goes), or refuse it."""

from __future__ import annotations

import base64
import binascii
from collections import Counter

import tinycss2  # type: ignore[import-untyped]  # WeasyPrint's CSS tokenizer
from lxml import etree

from ...diagnostics import Report
from ._common import ImageRefused, PackagedImage, shown
from ._raster import MAX_PIXELS, MEDIA_TYPES, reencode
from ._svg_allowlist import (
    CSS_ACTIVE_PROPERTIES,
    DATA_IMAGE,
    SVG,
    SVG_ACTIVE,
    SVG_ACTIVE_ATTRIBUTES,
    SVG_ATTRIBUTES,
    SVG_ELEMENTS,
    XLINK,
    XML,
    css_safe,
)
from ._svg_tree import drawn_elements, namespace_prefix, remove, unwrap

__all__ = ["MAX_SVG_ELEMENTS", "package_svg"]

#: The most elements an SVG may draw, each ``<use>`` counted as what it repeats. WeasyPrint 70
#: draws about 2,000 SVG elements a second: 50,000 is 25 s of layout; a "billion laughs" of
#: nested ``<use>`` would be days.
MAX_SVG_ELEMENTS = 50_000


def package_svg(data: bytes, url: str, report: Report, where: str) -> PackagedImage:
    root, prolog = _parse_svg(data, url)
    sanitiser = _SvgSanitiser(url)
    sanitiser.removed.update(prolog)
    sanitiser.clean(root)
    sanitiser.limit_drawing(root)
    etree.cleanup_namespaces(root)
    out = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8",
                                                                       xml_declaration=False)
    if sanitiser.removed:
        kinds = sorted(sanitiser.removed.items(), key=lambda kind: (-kind[1], kind[0]))
        listed = ", ".join(f"{kind} ×{n}" for kind, n in kinds[:8])
        more = f" and {len(kinds) - 8} more kinds" if len(kinds) > 8 else ""
        report.add("svg-sanitised", "warning" if sanitiser.active else "info", where,
                   f"{url}: removed {listed}{more}")
    if sanitiser.embedded:
        report.info("image-converted", where, f"{url}: " + "; ".join(sanitiser.embedded))
    return PackagedImage(out, "image/svg+xml")


def _parse_svg(data: bytes, url: str) -> tuple[etree._Element, Counter[str]]:
    """The root ``<svg>`` of ``data`` and what of its prolog is dropped. No DTD is loaded and
    nothing is fetched; entities declared in the document itself are expanded (libxml2 refuses
    an expansion past 5 times the input: "billion laughs"), one that names a file is refused."""
    options = {"no_network": True, "load_dtd": False, "huge_tree": False,
               "remove_comments": True, "remove_pis": False}
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, **options))
        docinfo = root.getroottree().docinfo
        dtd = docinfo.internalDTD
        entities = list(dtd.iterentities()) if dtd is not None else []
        if any(entity.system_url for entity in entities):
            raise ImageRefused(f"{url}: not packaged: the SVG declares an entity that reads "
                               "another file")
        if entities:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities="internal",
                                                          **options))
    except etree.XMLSyntaxError as error:
        code = ("input-limit" if error.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT
                else "fetch-refused")
        raise ImageRefused(f"{url}: not packaged: not well-formed XML "
                           f"({shown(str(error), 100)})", code) from None
    if root.tag != f"{{{SVG}}}svg":
        raise ImageRefused(f"{url}: not packaged: not an SVG image (its root element is "
                           f"{shown(etree.QName(root).localname)!r} in namespace "
                           f"{shown(etree.QName(root).namespace or 'none')})")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise ImageRefused(f"{url}: not packaged: the SVG uses an entity it does not declare")
    prolog: Counter[str] = Counter()
    if docinfo.doctype:
        prolog["DOCTYPE (its entities expanded)" if entities else "DOCTYPE"] += 1
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            prolog[shown(f"<?{node.target}?>")] += 1
    return root, prolog


class _SvgSanitiser:
    """Walks an SVG tree, removing what the allowlist does not name, counting it by kind."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.removed: Counter[str] = Counter()
        self.active = False  # something that runs, fetches or animates was removed
        self.embedded: list[str] = []  # what re-encoding embedded rasters changed
        self.pixels_left = MAX_PIXELS

    def drop(self, kind: str, active: bool) -> None:
        self.removed[shown(kind)] += 1
        self.active |= active

    # -- elements

    def clean(self, element: etree._Element) -> None:
        """Clean ``element``'s attributes and, recursively, its content (the tree is at most
        256 levels deep: libxml2's limit without ``huge_tree``)."""
        for child in list(element):
            if isinstance(child, etree._ProcessingInstruction):
                self.drop(f"<?{child.target}?>", child.target == "xml-stylesheet")
                remove(child)
                continue
            if not isinstance(child.tag, str):
                continue  # a comment
            name = etree.QName(child)
            local = name.localname
            if name.namespace != SVG:
                self.drop(f"<{child.prefix + ':' if child.prefix else ''}{local}>",
                          local in SVG_ACTIVE)
                remove(child)
            elif local == "a":
                self.unwrap_link(child)
            elif local not in SVG_ELEMENTS:
                self.drop(f"<{local}>", local in SVG_ACTIVE)
                remove(child)
            elif local == "style":
                self.clean_style_element(child)
            elif self.clean_attributes(child, local):
                self.clean(child)
            else:
                remove(child)
        if element.getparent() is None:
            self.clean_attributes(element, "svg")

    def unwrap_link(self, link: etree._Element) -> None:
        """``<a>``: its content stays in its place, the link goes (an image links nowhere)."""
        href = (link.get("href") or link.get(f"{{{XLINK}}}href") or "").strip()
        if href.lower().startswith("javascript:"):
            self.drop("javascript: link <a> (unwrapped)", True)
        elif href and not href.startswith("#"):
            self.drop("link <a> to another document (unwrapped)", True)
        else:
            self.drop("<a> (unwrapped)", False)
        self.clean(link)
        unwrap(link)

    def clean_style_element(self, style: etree._Element) -> None:
        kind = (style.get("type") or "text/css").strip().lower()
        if kind != "text/css" or len(style):
            self.drop(f"<style type={kind!r}>" if kind != "text/css" else "<style> with markup",
                      True)
            remove(style)
            return
        self.clean_attributes(style, "style")
        css = style.text or ""
        cleaned = self.clean_stylesheet(css)
        if cleaned is not None and cleaned.strip():
            style.text = cleaned
        elif cleaned is not None:
            remove(style)

    def clean_attributes(self, element: etree._Element, local: str) -> bool:
        """Remove the attributes the allowlist does not name; False if ``element`` has lost
        what it draws (a ``<use>``, ``<image>`` or ``<feImage>`` whose reference went)."""
        keep = True
        for name, value in list(element.attrib.items()):
            qname = etree.QName(name)
            attr, namespace = qname.localname, qname.namespace
            if attr == "href" and namespace in (None, XLINK):
                new = self.reference(local, value)
                if new is None:
                    del element.attrib[name]
                    keep = local not in ("use", "image", "feImage")
                elif new != value:
                    element.set(name, new)
            elif namespace is None and attr.lower().startswith("on"):
                self.drop(f"{attr}=", True)
                del element.attrib[name]
            elif namespace is None and attr == "style":
                cleaned = self.clean_declarations(value)
                if cleaned is not None and cleaned.strip():
                    element.set(name, cleaned)
                elif cleaned is not None:
                    del element.attrib[name]
            elif namespace is None and (attr in SVG_ATTRIBUTES
                                        or attr.startswith(("aria-", "data-"))):
                if ("(" in value or "\\" in value) and not css_safe(
                        tinycss2.parse_component_value_list(value)):
                    self.drop(f"{attr}= with a url() to another file", True)
                    del element.attrib[name]
            elif namespace == XML and attr in ("space", "lang"):
                pass
            else:
                prefix = namespace_prefix(element, namespace)
                self.drop(f"{prefix}{attr}=", attr in SVG_ACTIVE_ATTRIBUTES)
                del element.attrib[name]
        return keep

    def reference(self, local: str, value: str) -> str | None:
        """What an ``href`` may stay as: a local ``#fragment``; for ``image`` and ``feImage``
        a ``data:`` raster, re-encoded; else None (removed and counted)."""
        href = value.strip()
        if href.startswith("#") and local != "image":
            return value
        data = DATA_IMAGE.fullmatch(href)
        if data and local in ("image", "feImage"):
            return self.embedded_raster(data[1], local)
        if href.lower().startswith("javascript:"):
            self.drop(f"javascript: URL on <{local}>", True)
        elif local == "image" or href.lower().startswith("data:"):
            self.drop(f"<{local}> not holding a PNG, JPEG, GIF or WebP image", True)
        else:
            self.drop(f"<{local}> referring to another file", True)
        return None

    def embedded_raster(self, payload: str, local: str) -> str | None:
        """A ``data:`` image re-encoded like a fetched one, within what is left of the SVG's
        pixel budget (past it, the whole SVG is refused)."""
        n = len(self.embedded) + 1
        what = f"{self.url} (embedded image)"
        try:
            raw = base64.b64decode("".join(payload.split()), validate=True)
            raster = reencode(raw, what, self.pixels_left)
        except binascii.Error:
            self.drop(f"<{local}> with data that is not base64", True)
            return None
        except ImageRefused as refused:
            if refused.code == "input-limit":
                raise
            self.drop(f"<{local}> whose embedded image cannot be decoded", True)
            return None
        self.pixels_left -= raster.pixels
        if raster.changes or raster.source != raster.target:
            self.embedded.append(f"embedded image {n}: {raster.summary}")
        media_type = MEDIA_TYPES[raster.target.upper()]
        return f"data:{media_type};base64,{base64.b64encode(raster.data).decode('ascii')}"

    # -- CSS

    def clean_stylesheet(self, css: str) -> str | None:
        """``css`` without at-rules (``@import``, ``@font-face``, ``@keyframes`` …) and without
        declarations that fetch; None when nothing had to go (the text is kept as it was)."""
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        out, changed = [], False
        for rule in rules:
            if rule.type == "qualified-rule":
                declarations = self.clean_declarations(rule.content)
                changed |= declarations is not None
                body = declarations if declarations is not None else tinycss2.serialize(
                    rule.content)
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}")
            elif rule.type == "at-rule":
                self.drop(f"@{rule.lower_at_keyword} rule",
                          rule.lower_at_keyword in ("import", "font-face", "keyframes"))
                changed = True
            else:  # a parse error: readers skip it too
                self.drop("unreadable CSS", False)
                changed = True
        return "\n".join(out) if changed else None

    def clean_declarations(self, css: str | list[object]) -> str | None:
        """A declaration list without what fetches or binds behaviour; None when unchanged."""
        items = tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True)
        kept, changed = [], False
        for item in items:
            if item.type != "declaration":
                self.drop("unreadable CSS" if item.type == "error" else
                          f"@{item.lower_at_keyword} rule", False)
                changed = True
            elif item.lower_name in CSS_ACTIVE_PROPERTIES or not css_safe(item.value):
                self.drop(f"CSS {item.lower_name} with a url() to another file", True)
                changed = True
            else:
                kept.append(item.serialize())
        return ";".join(kept) if changed else None

    # -- drawing cost

    def limit_drawing(self, root: etree._Element) -> None:
        """Remove each ``<use>`` that repeats its own ancestor (it draws nothing: SVG 2
        §5.6.4); refuse the SVG when it draws more than :data:`MAX_SVG_ELEMENTS` elements, each
        ``<use>`` counted as the elements it repeats."""
        drawn, circular = drawn_elements(root, MAX_SVG_ELEMENTS)
        for use in circular:
            self.drop("<use> that repeats itself", False)
            remove(use)
        if drawn > MAX_SVG_ELEMENTS:
            raise ImageRefused(f"{self.url}: not packaged: the SVG draws more than "
                               f"{MAX_SVG_ELEMENTS:,} elements (counting what each <use> "
                               "repeats)", "input-limit")
