"""Which hyphenation patterns the print edition uses (writers/pdf/hyphenation.py): a tag with a
region as written, a bare tag as its CLDR likely variety when pyphen would pick another."""

from __future__ import annotations

import pytest

from peptidebook.writers.pdf.hyphenation import hyphenation_css, hyphenation_tag


@pytest.mark.parametrize(("tag", "variety"), [
    ("en", "en-US"),     # pyphen alone: en_GB ("evid-ence")
    ("de", "de-DE"),     # pyphen alone: de_AT
    ("en-US", None), ("en-GB", None), ("pt-PT", None),   # the tag says which
    ("pt", None),        # pyphen's pt already is pt_BR, CLDR's likely variety
    ("fr", None),        # one French dictionary
    ("ja", None), ("ar", None), ("zh-Hans", None),     # no patterns: never hyphenated
])
def test_a_bare_tag_hyphenates_as_its_likely_variety(tag: str, variety: str | None) -> None:
    assert hyphenation_tag(tag) == variety


def test_the_rules_name_each_bare_tag_once() -> None:
    css = hyphenation_css(["en", "en-GB", "en", "fr", "de"])
    assert css == ('[lang="de"] { -weasy-lang: "de-DE"; }\n'
                   '[lang="en"] { -weasy-lang: "en-US"; }\n')
