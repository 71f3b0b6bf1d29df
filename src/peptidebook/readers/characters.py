"""Step 1 - Reading: keep the characters XML 1.0 forbids out of the model.

An EPUB is XML, and XML 1.0 (§2.2 Characters) allows only ``#x9 | #xA | #xD | [#x20-#xD7FF] |
[#xE000-#xFFFD] | [#x10000-#x10FFFF]``. Sources still carry the others: a NUL or an escape
pasted into a post (raw, or as ``&#x1b;``), a form feed in a text file, a C1 control left by a
Windows-1252 page read as Latin-1, a lone surrogate a JSON escape (``"\\ud800"``) produced.
Every reader passes each text through one :class:`ControlFilter` at the point it enters the
model, and the filter reports each source once (``control-removed``):

* controls that separate words become white space, so the words beside them stay apart:
  U+000B (line tabulation), U+000C (form feed) and U+001C-U+001F (information separators) a
  space; U+0085 (next line) a line break, or a space in one-line fields (titles, names);
* the other C0 controls (U+0000-U+0008, U+000E-U+001B), DEL (U+007F), the other C1 controls
  (U+0080-U+009F), lone surrogates (U+D800-U+DFFF) and the non-characters U+FFFE and U+FFFF are
  removed.

TAB, LF and CR are kept. U+FFFD, which an HTML parser puts for ``&#0;`` (WHATWG HTML
§13.2.5.80), is a character like any other and is kept.
"""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import Report

__all__ = ["FORBIDDEN", "ControlFilter", "has_forbidden"]

#: The characters XML 1.0 forbids (lone surrogates included), and the C1 controls it discourages.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: The same C0 controls as bytes: what an ASCII-compatible encoding (UTF-8, Latin-1 …) stores
#: them as. C1 controls are not matched: in UTF-8 their bytes are parts of other characters.
FORBIDDEN_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Controls that separate words: replaced by a space instead of removed.
_SPACES = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")
_NEXT_LINE = "\x85"
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_forbidden(text: str) -> bool:
    """Whether ``text`` holds a character :class:`ControlFilter` would change."""
    return FORBIDDEN.search(text) is not None


class ControlFilter:
    """Removes (or turns into white space) what XML 1.0 forbids in the texts of one source,
    counting every change by field and character, and reports the counts once."""

    def __init__(self) -> None:
        self._removed: dict[str, Counter[str]] = {}
        self._replaced: dict[str, Counter[str]] = {}
        self._made: Counter[str] = Counter()  # what the replaced ones became: "space", …

    def __call__(self, text: str, field: str, *, one_line: bool = False) -> str:
        """``text`` without forbidden characters; ``field`` names it in the report ("the
        title"). In a one-line field U+0085 becomes a space rather than a line break."""
        if not has_forbidden(text):
            return text
        removed = self._removed.setdefault(field, Counter())
        replaced = self._replaced.setdefault(field, Counter())

        def substitute(match: re.Match[str]) -> str:
            char = match.group()
            if char in _SPACES or char == _NEXT_LINE:
                replaced[char] += 1
                if char == _NEXT_LINE and not one_line:
                    self._made["line break"] += 1
                    return "\n"
                self._made["space"] += 1
                return " "
            removed[char] += 1
            return ""

        return FORBIDDEN.sub(substitute, text)

    def filter_bytes(self, data: bytes, field: str) -> bytes:
        """``data`` (in an ASCII-compatible encoding) without the C0 controls XML forbids; the
        ones that separate words become a space. Counted like :meth:`__call__`."""
        if FORBIDDEN_BYTES.search(data) is None:
            return data
        removed = self._removed.setdefault(field, Counter())
        replaced = self._replaced.setdefault(field, Counter())

        def substitute(match: re.Match[bytes]) -> bytes:
            char = match.group().decode("ascii")
            if char in _SPACES:
                replaced[char] += 1
                self._made["space"] += 1
                return b" "
            removed[char] += 1
            return b""

        return FORBIDDEN_BYTES.sub(substitute, data)

    @property
    def changed(self) -> bool:
        return any(self._removed.values()) or any(self._replaced.values())

    def report(self, report: Report, where: str) -> None:
        """One ``control-removed`` warning for everything changed since the last report."""
        made = " and ".join(
            f"a {kind}" if n == 1 else f"{kind}s" for kind, n in sorted(self._made.items())
        )
        parts = [
            _sentence("removed", "from", self._removed, ""),
            _sentence("replaced", "in", self._replaced, f" by {made}"),
        ]
        message = "; ".join(part for part in parts if part)
        self._removed.clear()
        self._replaced.clear()
        self._made.clear()
        if message:
            report.warning("control-removed", where, message)


def _sentence(verb: str, preposition: str, counts: dict[str, Counter[str]], tail: str) -> str:
    """``removed 3 control characters (U+0000 ×2, U+001B ×1) from the content``, or with
    several fields ``removed 4 control characters: 3 from the content (…), 1 from the title
    (…)``."""
    fields = [(field, chars) for field, chars in counts.items() if chars]
    if not fields:
        return ""
    total = Counter[str]()
    for _field, chars in fields:
        total.update(chars)
    count = total.total()
    noun = "control character" if all(_CONTROLS.fullmatch(c) for c in total) else (
        "control or invalid character"
    )
    noun += "" if count == 1 else "s"
    if len(fields) == 1:
        field, chars = fields[0]
        return f"{verb} {count} {noun} ({_kinds(chars)}) {preposition} {field}{tail}"
    each = ", ".join(
        f"{chars.total()} {preposition} {field} ({_kinds(chars)})" for field, chars in fields
    )
    return f"{verb} {count} {noun}{tail}: {each}"


def _kinds(chars: Counter[str]) -> str:
    return ", ".join(f"U+{ord(char):04X} ×{n}" for char, n in sorted(chars.items()))
