"""Step 2 - Cleaning, pass "debris": repair punctuation a page's template left behind, and the
colon a bold run-in label lost — only on evidence, each repair reported (``text-repaired``,
warning) with the text before and after.

**``∞`` as a separator.** Some sites' templates print ``∞`` in place of a colon: their
glossary tooltips read ``Meaning ∞ Sermorelin is …`` ("Meaning:"), and the same pages give
list labels and titles as ``Low-Dose Testosterone Cypionate ∞ 10-20 units`` and
``Sermorelin ∞ a better approach to …`` (the cited paper's title has a colon there). A ``∞``
with white space either side, between a word (or closing bracket or quote) and a word, is
repaired to ``": "`` when there is evidence that it stands for a colon:

* the article holds the template's tooltip label ``Meaning ∞`` (the site is known to print
  its colons so; this pass runs before :mod:`.glossary`, which takes those labels out), or
* the ``∞`` follows a bold label (``<strong>Label</strong> ∞ text``: the markup shows the
  label ends there).

A ``∞`` between numbers or after an operator ("0 ∞", "→ ∞", "(−∞, 0]") is mathematics and
is never touched; nor is the ``Meaning ∞`` label itself.

**Run-in labels.** A paragraph or list item that opens with a bold label run into the text
(``<strong>For Men</strong> Testosterone is crucial…``) reads, without the bold (a screen
reader, a search, a handout printed in black and white), as one sentence: "For Men
Testosterone is crucial". When the bold run opens the block, holds at most
:data:`MAX_LABEL_WORDS` words with a letter among them and no punctuation of its own (a
bold title "Q1 2025: The Absorption Phase" already has its colon; Wikipedia's bold "^"
before a note is no label), and the text after it starts a new sentence (a capital letter,
after white space), and at least two paragraphs of the article open so (the repeated
pattern: one bold opening may be a sentence's own emphasis, "<strong>Der</strong> Patient"
in German, where nouns take capitals), the label gets the colon it lost, after the bold
run: ``**For Men**: Testosterone is crucial…``. Plain text (``- For Men Testosterone
is…``) shows no such boundary and is left as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..diagnostics import Report
from ..limits import MAX_WORD_CHARS
from ..model import Article, Block, Inline, Inlines, Paragraph, Strong, Text
from ..walk import (
    has_inline_children,
    iter_blocks,
    iter_inlines,
    map_blocks,
    map_own_inlines,
    plain_text,
)

__all__ = ["MAX_LABEL_WORDS", "repair_debris"]

#: The template's tooltip label (as :data:`.glossary._rules.MARKER` reads it).
_LABEL_MARKER = "Meaning"
#: How many words a run-in label may have.
MAX_LABEL_WORDS = 8
#: What may end a bold run that is a complete label or sentence already.
_ENDS_LABEL = tuple(".:;,!?—–-…)»”’\"'")
#: Punctuation that makes a bold run a title or a sentence of its own ("Q1 2025: The
#: Absorption Phase"), not a label that lost its colon.
_INSIDE_TITLE = ":;.!?"
#: What may end the word before a separator ``∞`` (a word with a letter in it may end as it
#: likes: "CJC-1295 ∞ Administered"): a closing bracket or quote.
_BEFORE = ")]”’\"'"
#: What may come after it: a letter or digit, an opening quote or bracket.
_AFTER = "\"“‘(["
#: White space (a non-breaking space included).
_SPACE = " \t\n\r\u00a0"


@dataclass
class _Repairs:
    template_colons: bool
    run_in_labels: bool
    done: list[tuple[str, str]] = field(default_factory=list)


def repair_debris(article: Article, report: Report) -> Article:
    """Repair ``∞`` separators and run-in labels' colons in ``article`` (see the module
    docstring)."""
    labelled = sum(1 for block in iter_blocks(article.blocks)
                   if isinstance(block, Paragraph) and _label_end(block.children) is not None)
    repairs = _Repairs(
        template_colons=any(isinstance(node, Text) and _has_marker(node.text)
                            for node in iter_inlines(article.blocks)),
        run_in_labels=labelled >= 2,
    )
    blocks = map_blocks(article.blocks, lambda block: _repair_block(block, repairs))
    for before, after in repairs.done:
        report.warning("text-repaired", article.slug, f'"{before}" became "{after}"')
    if not repairs.done:
        return article
    return replace(article, blocks=blocks)


def _has_marker(text: str) -> bool:
    at = text.find("∞")
    while at >= 0:
        if text.endswith(_LABEL_MARKER, 0, _skip_space_back(text, at)):
            return True
        at = text.find("∞", at + 1)
    return False


def _skip_space_back(text: str, at: int) -> int:
    """Where the white space before ``at`` starts (at most :data:`MAX_WORD_CHARS` of it read,
    so that reading back from every ``∞`` of a text stays linear)."""
    start = at
    while start > 0 and text[start - 1] in _SPACE and at - start <= MAX_WORD_CHARS:
        start -= 1
    return start


def _word_before(text: str, end: int) -> str:
    """The word ending at ``end`` (its last :data:`MAX_WORD_CHARS` characters at most)."""
    start = end
    while start > 0 and text[start - 1] not in _SPACE and end - start < MAX_WORD_CHARS:
        start -= 1
    return text[start:end]


def _repair_block(block: Block, repairs: _Repairs) -> Block:
    if isinstance(block, Paragraph):
        children = _repair_run(block.children, repairs)
        if repairs.run_in_labels and _label_end(children) is not None:
            children = _run_in_label(children, repairs)
        return block if children is block.children else Paragraph(children)
    return map_own_inlines(block, lambda run: _repair_run(run, repairs))


def _repair_run(inlines: Inlines, repairs: _Repairs) -> Inlines:
    """One inline run: its Text nodes' separators, and every inline's children. The very
    same tuple when nothing changed."""
    out: list[Inline] = []
    changed = False
    for index, node in enumerate(inlines):
        new: Inline = node
        if isinstance(node, Text):
            previous = inlines[index - 1] if index > 0 else None
            label = plain_text(previous.children) if isinstance(previous, Strong) else None
            new = _separators(node, repairs, label)
        elif has_inline_children(node):
            new = map_own_inlines(node, lambda run: _repair_run(run, repairs))
        changed = changed or new is not node
        out.append(new)
    return tuple(out) if changed else inlines


def _separators(node: Text, repairs: _Repairs, label: str | None) -> Text:
    """``node`` with each ``∞`` separator that evidence shows to be a colon repaired;
    ``label`` is the text of the bold run right before it, if any."""
    after_label = label is not None
    text = node.text
    if "∞" not in text:
        return node
    parts: list[str] = []
    pos = 0
    at = text.find("∞")
    while at >= 0:
        start, end = _skip_space_back(text, at), at + 1
        while end < len(text) and text[end] in _SPACE and end - at <= MAX_WORD_CHARS:
            end += 1
        if _is_separator(text, (start, at, end), repairs.template_colons, after_label):
            parts.append(text[pos:start] + ": ")
            pos = end
        at = text.find("∞", at + 1)
    if not parts:
        return node
    repaired = "".join(parts) + text[pos:]
    lead = label if label is not None and text[:1].isspace() else ""
    repairs.done.append((_passage(lead + text), _passage(lead + repaired)))
    return Text(repaired)


def _is_separator(text: str, where: tuple[int, int, int], template_colons: bool,
                  after_label: bool) -> bool:
    """Whether the ``∞`` at ``at`` (``where``: the white space before it starts at ``start``,
    the text after it at ``end``) is a separator that evidence shows to be a colon."""
    start, at, end = where
    if start == 0:  # "<strong>Label</strong> ∞ text": the bold label is the evidence
        return after_label and at > 0 and at + 1 < end < len(text)
    if start == at or end == at + 1 or end == len(text):  # no space either side, or at the end
        return False
    word, after = _word_before(text, start), text[end]
    if not (any(c.isalpha() for c in word) or word[-1] in _BEFORE):
        return False  # "0 ∞", "→ ∞": mathematics
    if not (after.isalnum() or after in _AFTER):
        return False
    if text.endswith(_LABEL_MARKER, 0, start):
        return False  # the tooltip label itself: the glossary pass reads it
    return template_colons


def _label_end(children: Inlines) -> int | None:
    """Where the text after an opening bold label starts (1), when the paragraph opens with
    a run-in label that lost its colon; else ``None``."""
    if len(children) < 2 or not isinstance(children[0], Strong):
        return None
    label, rest = children[0], children[1]
    if not isinstance(rest, Text):
        return None
    label_text = plain_text(label.children)
    words = label_text.split()
    after = rest.text
    stripped = after.lstrip(_SPACE)
    if (not any(c.isalpha() for c in label_text)  # Wikipedia's "^" before a note
            or any(c in _INSIDE_TITLE for c in label_text)  # "Q1 2025: The Phase"
            or not words or len(words) > MAX_LABEL_WORDS or words[-1].endswith(_ENDS_LABEL)
            or stripped == after or not stripped[:1].isupper()):
        return None
    return 1


def _run_in_label(children: Inlines, repairs: _Repairs) -> Inlines:
    label = children[0]
    rest = children[1]
    assert isinstance(label, Strong) and isinstance(rest, Text)
    label_text = " ".join(plain_text(label.children).split())
    repairs.done.append((_passage(label_text + rest.text), _passage(label_text + ":" + rest.text)))
    return (label, Text(":" + rest.text), *children[2:])


def _passage(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
