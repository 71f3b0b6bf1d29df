"""Step 3 - Assembly: what the SVG sanitiser (:mod:`._svg`) keeps, and what it counts as
active when it removes it: the allowlists of elements, attributes and CSS."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "CSS_ACTIVE_PROPERTIES", "CSS_FETCHING", "DATA_IMAGE", "SVG", "SVG_ACTIVE",
    "SVG_ACTIVE_ATTRIBUTES", "SVG_ATTRIBUTES", "SVG_ELEMENTS", "XLINK", "XML", "css_safe",
]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

#: SVG 2 elements kept (structure, shapes, text, paint servers, clipping and masking, markers,
#: filter primitives); ``a`` is unwrapped, its content kept; ``image`` and ``feImage`` keep only
#: a ``data:`` raster that passes the raster path (``feImage`` also a local reference).
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
    "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
#: Elements that run code, show another document, animate (SMIL can set ``href`` to a
#: ``javascript:`` URL; and the book claims no flashing hazard, WCAG 2.2 2.2.2 and 2.3.1) or
#: fetch: their removal is a warning. Others removed (``metadata``, editors' elements) are inert.
SVG_ACTIVE = frozenset({
    "script", "foreignObject", "animate", "animateMotion", "animateTransform", "animateColor",
    "set", "discard", "mpath", "handler", "listener", "iframe", "object", "embed", "video",
    "audio", "canvas", "font-face-uri", "tref", "cursor", "link", "include",
})
#: Attributes kept (no namespace): geometry and structure (SVG 2), filter primitive attributes
#: (Filter Effects 1), presentation attributes (SVG 2 §6.6); also ``aria-*`` and ``data-*``.
SVG_ATTRIBUTES = frozenset({
    "id", "class", "lang", "role", "version", "baseProfile", "viewBox", "preserveAspectRatio",
    "zoomAndPan", "systemLanguage", "requiredFeatures", "type", "media",
    "x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx",
    "fy", "fr", "d", "points", "pathLength", "transform",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing",
    "side", "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient",
    "patternUnits", "patternContentUnits", "patternTransform", "gradientUnits",
    "gradientTransform", "spreadMethod", "offset", "clipPathUnits", "maskUnits",
    "maskContentUnits", "filterUnits", "primitiveUnits",
    "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
    "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "scale",
    "xChannelSelector", "yChannelSelector", "baseFrequency", "numOctaves", "seed",
    "stitchTiles", "radius", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
    "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "azimuth", "elevation", "z", "pointsAtX",
    "pointsAtY", "pointsAtZ", "limitingConeAngle",
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
    "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
    "display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule",
    "filter", "flood-color", "flood-opacity", "font", "font-family", "font-size",
    "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
    "glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering",
    "isolation", "kerning", "letter-spacing", "lighting-color", "marker", "marker-end",
    "marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow",
    "paint-order", "pointer-events", "shape-rendering", "stop-color", "stop-opacity",
    "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration",
    "text-overflow", "text-rendering", "transform-box", "transform-origin", "unicode-bidi",
    "vector-effect", "visibility", "white-space", "word-spacing", "writing-mode",
})
#: Attributes whose removal is a warning besides ``on*``: a base for relative URLs, and those
#: that name resources to fetch.
SVG_ACTIVE_ATTRIBUTES = frozenset({"src", "externalResourcesRequired", "requiredExtensions",
                                   "cursor", "color-profile", "base"})
#: CSS functions that fetch or draw another resource (CSS Images 4, CSS Values 4 ``src()``,
#: the Paint API, IE's ``expression()``); ``url()`` is kept when it names a local ``#fragment``.
CSS_FETCHING = frozenset({"image", "image-set", "-webkit-image-set", "cross-fade", "element",
                          "src", "paint", "expression"})
CSS_ACTIVE_PROPERTIES = frozenset({"behavior", "-moz-binding"})
DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,(.*)", re.IGNORECASE | re.DOTALL)


def css_safe(tokens: Iterable[object]) -> bool:
    """Whether CSS component values fetch nothing: every ``url()`` names a local ``#fragment``
    and no function of :data:`CSS_FETCHING` is used (escapes are already resolved by the
    tokenizer, so ``u\\72l(`` is a url)."""
    for token in tokens:
        kind = getattr(token, "type", "")
        if kind == "url":
            if not str(getattr(token, "value", "")).strip().startswith("#"):
                return False
        elif kind == "function":
            name = getattr(token, "lower_name", "")
            arguments = getattr(token, "arguments", [])
            if name == "url":
                values = [a for a in arguments if a.type not in ("whitespace", "comment")]
                if not (len(values) == 1 and values[0].type == "string"
                        and values[0].value.strip().startswith("#")):
                    return False
            elif name in CSS_FETCHING or not css_safe(arguments):
                return False
        elif kind in ("() block", "[] block", "{} block") and not css_safe(
                getattr(token, "content", [])):
            return False
    return True
