"""Fill translated sentences with model inlines: ``"Read it at {link}."`` + a Link node.

Translators see whole sentences with named placeholders; the book gets typed inline nodes, so a
link or an emphasised title can sit anywhere the translation puts it.
"""

from __future__ import annotations

import re

from ..model import Inline, Inlines, Text

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: Inline | Inlines | str) -> Inlines:
    """Split ``template`` on ``{name}`` placeholders and put ``values`` in their place."""
    out: list[Inline] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > pos:
            out.append(Text(template[pos : match.start()]))
        value = values[match.group(1)]
        if isinstance(value, str):
            out.append(Text(value))
        elif isinstance(value, tuple):
            out.extend(value)
        else:
            out.append(value)
        pos = match.end()
    if pos < len(template):
        out.append(Text(template[pos:]))
    return tuple(out)
