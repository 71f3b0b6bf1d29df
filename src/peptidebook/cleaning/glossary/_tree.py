"""Step 2 - Cleaning (glossary): walk an article's inline sequences, hand each run of adjacent
Text nodes to the tooltip search, and keep every tuple that does not change."""

from __future__ import annotations

from ...model import GlossaryRef, Inline, Inlines, Link, Text
from ...walk import has_inline_children, map_own_inlines, plain_text
from ._detect import clean_text
from ._entries import Glossary

__all__ = ["clean_inlines"]


def clean_inlines(inlines: Inlines, glossary: Glossary) -> Inlines:
    """``inlines`` with every run of adjacent Text nodes repaired; the same tuple if unchanged."""
    out: list[Inline] = []
    changed = False
    i = 0
    while i < len(inlines):
        node = inlines[i]
        if isinstance(node, Text):
            texts: list[Text] = []
            while i < len(inlines):
                candidate = inlines[i]
                if not isinstance(candidate, Text):
                    break
                texts.append(candidate)
                i += 1
            # A tooltip right after a link is the linked page's: a teaser names that page.
            previous = out[-1] if out else None
            glossary.after_link = ((plain_text(previous.children), previous.href)
                                   if isinstance(previous, Link) else None)
            repaired = clean_text("".join(t.text for t in texts), glossary)
            if repaired is None:
                out.extend(texts)
            else:
                out.extend(repaired)
                changed = True
            continue
        new = _clean_inline(node, glossary)
        changed = changed or new is not node
        out.append(new)
        i += 1
    return tuple(out) if changed else inlines


def _clean_inline(node: Inline, glossary: Glossary) -> Inline:
    """A mark, link or other inline with text inside, repaired inside; a leaf (code, an
    image…) as it is; a GlossaryRef (already a term) as it is, its tooltip (a glossary
    plugin's, read by the HTML reader) moved into the glossary."""
    if isinstance(node, GlossaryRef):
        if not node.tooltip:
            return node
        term = plain_text(node.children).strip()
        glossary.plugin_terms.append(term)
        return GlossaryRef(node.children, glossary.add(term, node.tooltip))
    if not has_inline_children(node):
        return node
    return map_own_inlines(node, lambda run: clean_inlines(run, glossary))
