"""SVG images are passed through an allowlist, or refused."""

from __future__ import annotations

import base64
import time

import pytest
from lxml import etree

from peptidebook.assembly.images import MAX_SVG_ELEMENTS
from peptidebook.diagnostics import Report

from .helpers import NS, encoded, package, picture, png_chunks, refused, svg, with_gps


def sanitised(data: bytes, report: Report | None = None) -> etree._Element:
    out = package(data, report)
    assert out.media_type == "image/svg+xml"
    assert out.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    root = etree.fromstring(out.data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


HOSTILE = [
    ('<script>alert(1)</script>', "", "//s:script"),
    ("", 'onload="alert(1)"', "//@*[starts-with(local-name(), 'on')]"),
    ('<rect width="1" height="1" onclick="x()"/>', "", "//@onclick"),
    ('<a xlink:href="javascript:alert(1)"><text>t</text></a>', "", "//s:a"),
    ('<a href="https://evil.example/"><text>t</text></a>', "", "//s:a"),
    ('<image href="https://evil.example/x.png" width="1" height="1"/>', "", "//s:image"),
    ('<image xlink:href="file:///etc/passwd" width="1" height="1"/>', "", "//s:image"),
    ('<use href="https://evil.example/s.svg#a"/>', "", "//s:use"),
    ('<use xlink:href="other.svg#a"/>', "", "//s:use"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>', "",
     "//s:foreignObject | //*[namespace-uri() != 'http://www.w3.org/2000/svg']"),
    ('<style>@import url(http://x.example/a.css); rect{fill:red}</style>', "",
     "//s:style[contains(., 'import') or contains(., 'x.example')]"),
    ('<style>rect{fill:u\\72l(https://x.example/p)}</style>', "",
     "//s:style[contains(., 'x.example')]"),
    ('<rect width="1" height="1" style="fill:url(https://x.example/p)"/>', "",
     "//@style[contains(., 'x.example')]"),
    ('<rect width="1" height="1" fill="url(https://x.example/p#g)"/>', "", "//@fill"),
    ('<set attributeName="href" to="javascript:alert(1)"/><animate attributeName="x"/>', "",
     "//s:set | //s:animate"),
    ('<?xml-stylesheet href="https://x.example/a.css"?><g/>', "", "//processing-instruction()"),
    ('<linearGradient id="g" xlink:href="https://x.example/g.svg#h"/>', "", "//@xlink:href"),
    ('<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>', "",
     "//s:image"),
]


@pytest.mark.parametrize(("body", "root", "leftover"), HOSTILE)
def test_hostile_svg_content_is_removed_and_reported(body: str, root: str,
                                                     leftover: str) -> None:
    report = Report()
    tree = sanitised(svg(body, root), report)
    assert tree.xpath(leftover, namespaces=NS) == []
    assert [(d.code, d.severity) for d in report.diagnostics] == [("svg-sanitised", "warning")]


def test_links_are_unwrapped_keeping_their_text() -> None:
    tree = sanitised(svg('<text>see <a href="https://x.example/">the <tspan>site</tspan></a>.'
                         "</text>"))
    assert "".join(tree.itertext()) == "see the site."
    assert tree.xpath("//s:text/s:tspan", namespaces=NS)


BENIGN = svg(
    '<title>A chart</title><desc>Doses by week</desc>'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
    '<clipPath id="c"><rect width="5" height="5"/></clipPath>'
    '<filter id="f"><feGaussianBlur stdDeviation="1"/></filter>'
    '<symbol id="s"><circle r="1"/></symbol></defs>'
    '<style>.a{fill:url(#g)} .b{stroke:#000;stroke-width:.5}</style>'
    '<g class="a" transform="rotate(45 5 5)" clip-path="url(#c)" filter="url(#f)">'
    '<path d="M0 0L10 10" style="stroke: red; fill: none"/><use href="#s" x="2"/>'
    '<text x="1" y="9" font-family="sans-serif">Week <tspan dy="1">1</tspan></text></g>',
    root='role="img" aria-label="A chart"')


def test_benign_svg_keeps_every_element_and_attribute_without_a_diagnostic() -> None:
    report = Report()
    tree = sanitised(BENIGN, report)
    original = etree.fromstring(BENIGN)
    assert [(e.tag, dict(e.attrib), e.text) for e in tree.iter()] == [
        (e.tag, dict(e.attrib), e.text) for e in original.iter()]
    assert report.diagnostics == []


def test_editor_metadata_is_removed_as_info() -> None:
    report = Report()
    tree = sanitised(svg('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
                         'syntax-ns#"/></metadata><sodipodi:namedview/><g inkscape:label="L1"/>',
                         'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                         'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'),
                     report)
    assert tree.xpath("//s:metadata | //@*[contains(name(), 'label')]", namespaces=NS) == []
    assert "inkscape" not in etree.tostring(tree).decode()
    (line,) = report.diagnostics
    assert (line.code, line.severity) == ("svg-sanitised", "info")
    assert "inkscape:label= ×1" in line.message


def test_embedded_png_is_reencoded_without_its_exif() -> None:
    data = base64.b64encode(encoded(picture(), "PNG", exif=with_gps())).decode()
    report = Report()
    tree = sanitised(svg(f'<image href="data:image/png;base64,{data}" width="6" height="4"/>'),
                     report)
    (href,) = tree.xpath("//s:image/@href", namespaces=NS)
    kept = base64.b64decode(href.removeprefix("data:image/png;base64,"))
    assert b"eXIf" not in png_chunks(kept)
    assert [d.code for d in report.diagnostics] == ["image-converted"]


LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))


@pytest.mark.parametrize(("prolog", "code"), [
    (f"<!DOCTYPE svg [{LAUGHS}]>", "input-limit"),  # "billion laughs": libxml2's limit
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "fetch-refused"),
    ('<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://x.example/p.dtd"> %p;]>', "fetch-refused"),
])
def test_entities_from_files_or_past_the_amplification_limit_are_refused(prolog: str,
                                                                           code: str) -> None:
    error = refused(svg("<text>&l9;</text>" if "l9" in prolog else "<g/>", prolog=prolog))
    assert error.code == code


def test_entities_the_svg_declares_itself_are_expanded_and_the_doctype_dropped() -> None:
    data = (b'<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">'
            b'<!ENTITY c "red">]><svg xmlns="&ns_svg;"><rect fill="&c;"/><text>&c;</text></svg>')
    out = package(data).data
    assert b"DOCTYPE" not in out and b"ENTITY" not in out and b"&" not in out
    tree = etree.fromstring(out)
    assert tree.xpath("string(//s:rect/@fill)", namespaces=NS) == "red"


def test_an_external_doctype_is_dropped() -> None:
    prolog = ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
              '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">')
    assert b"DOCTYPE" not in package(svg("<g/>", prolog=prolog)).data


@pytest.mark.parametrize("data", [
    b"<svg",  # not well-formed
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>',  # undeclared entity
    b"<svg><rect/></svg>",  # no SVG namespace: no reader draws it
    b"<html><body>a page</body></html>",
])
def test_what_is_not_a_well_formed_svg_is_refused(data: bytes) -> None:
    assert refused(data).code == "fetch-refused"


def use_bomb(levels: int) -> bytes:
    """``levels`` groups, each repeating the one before ten times: 10**levels elements."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>'] + [
        f'<g id="g{n}">' + f'<use href="#g{n - 1}"/>' * 10 + "</g>" for n in range(1, levels)]
    return svg("<defs>" + "".join(groups) + f'</defs><use href="#g{levels - 1}"/>')


def test_nested_use_that_draws_too_much_is_refused_quickly() -> None:
    start = time.perf_counter()
    error = refused(use_bomb(9))
    assert time.perf_counter() - start < 1
    assert error.code == "input-limit" and f"{MAX_SVG_ELEMENTS:,}" in str(error)


def test_nested_use_within_the_limit_is_kept() -> None:
    assert len(sanitised(use_bomb(3)).xpath("//s:use", namespaces=NS)) == 21


def test_use_that_repeats_its_ancestor_is_removed() -> None:
    report = Report()
    tree = sanitised(svg('<g id="a"><rect width="1" height="1"/><use href="#a"/></g>'), report)
    assert tree.xpath("//s:use", namespaces=NS) == []
    assert "<use> that repeats itself ×1" in report.diagnostics[0].message
