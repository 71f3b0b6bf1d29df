"""The HTML reader reads glossary plugins' markup (CM Tooltip Glossary, Glossary by Codeat) as
a GlossaryRef carrying its tooltip, keeping the term's words in the sentence. Markup from the
plugins' public code: CreativeMinds ``cm-tooltip-glossary`` (``glossaryLink``,
``data-cmtooltip``), Codeat ``glossary-by-codeat`` (``glossary-tooltip``,
``glossary-tooltip-content``, ``glossary-tooltip-text``)."""

from __future__ import annotations

import pytest

from peptidebook.diagnostics import Report
from peptidebook.model import GlossaryRef, Paragraph
from peptidebook.readers.html import parse_html_fragment
from peptidebook.walk import plain_text

CM_LINK = ('<p>The fund pays a <a href="https://retirementresearcher.com/glossary/premium/" '
           'data-cmtooltip="<div class=glossaryItemTitle>Premium</div><div '
           'class=glossaryItemBody>A return difference between two assets or portfolios.</div>" '
           'class="glossaryLink ">Premium</a> every month.</p>')
CM_SPAN = ('<p>Use <span class="glossaryLink" aria-describedby="tt" data-cmtooltip="Langue des '
           'Signes Française">LSF</span> here.</p>')
CODEAT = ('<p>Take <span class="glossary-tooltip"><span class="glossary-link"><a '
          'href="https://example.org/glossary/insulin/">insulin</a></span><span class="hidden '
          'glossary-tooltip-content clearfix"><span class="glossary-tooltip-text">Insulin is a '
          'hormone made by the pancreas. <a href="https://example.org/glossary/insulin/">More</a>'
          '</span></span></span> with food.</p>')


@pytest.mark.parametrize(
    ("markup", "sentence", "term", "definition"),
    [
        pytest.param(CM_LINK, "The fund pays a Premium every month.", "Premium",
                     "A return difference between two assets or portfolios.", id="cm-link"),
        pytest.param(CM_SPAN, "Use LSF here.", "LSF", "Langue des Signes Française",
                     id="cm-span-body-only"),
        pytest.param(CODEAT, "Take insulin with food.", "insulin",
                     "Insulin is a hormone made by the pancreas.", id="codeat-without-more"),
    ],
)
def test_plugin_term_is_a_glossary_ref_with_its_tooltip(
    markup: str, sentence: str, term: str, definition: str
) -> None:
    (block,) = parse_html_fragment(markup, base_url=None, report=Report(), where="t")
    assert isinstance(block, Paragraph)
    assert plain_text(block.children) == sentence
    (ref,) = [node for node in block.children if isinstance(node, GlossaryRef)]
    assert plain_text(ref.children) == term
    assert ref.tooltip == definition


@pytest.mark.parametrize(
    "markup",
    [
        '<p>A <a class="glossaryLink" href="https://example.org/x">term</a> without tooltip.</p>',
        '<p>A <span class="glossary-tooltip">term</span> without its parts.</p>',
        '<p>A <span class="tooltip" title="A hint">term</span> of another kind.</p>',
    ],
)
def test_other_markup_is_no_glossary_term(markup: str) -> None:
    (block,) = parse_html_fragment(markup, base_url=None, report=Report(), where="t")
    assert isinstance(block, Paragraph)
    assert not [node for node in block.children if isinstance(node, GlossaryRef)]
