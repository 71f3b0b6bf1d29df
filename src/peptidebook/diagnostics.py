"""Diagnostics are data: every stage reports what it noticed into one explicit Report.

A :class:`Diagnostic` has a code from the closed set :data:`CODES`, a severity, a location
(``where``: a file, an article slug, a chapter) and a human message. The CLI prints them and
``--strict`` turns warnings into a failing exit code (see :mod:`peptidebook.errors`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["info", "warning", "error"]

#: The closed set of diagnostic codes, each with what it means.
CODES: dict[str, str] = {
    "missing-alt": "an image has no alternative text (alt unknown)",
    "skipped-heading-level": "a heading level was skipped in the source and renumbered",
    "fetch-refused": "a resource was not fetched (policy, offline, size or error)",
    "raw-kept": "markup the cleaner could not map was kept visibly as raw text",
    "dropped-unsafe": "active content (script, iframe, form, event handler) was removed",
    "embed-linked": "an embed or iframe was replaced by a link to its source",
    "no-title": "an article has no title of its own",
    "no-author": "an article names no author",
    "no-date": "an article has no publication date",
    "glossary-extracted": "a pasted glossary tooltip was taken out of the text",
    "guessed-language": "an article's language was guessed",
    "no-translation": "a string of the book has no translation in the book's language",
    "unknown-config-key": "book.toml has a key peptidebook does not know",
    "pdf-log": "WeasyPrint reported a problem while rendering",
    "pdf-lang": "passage languages could not be set on the PDF's structure elements",
    "translation-coverage": "how many segments of an article a translated edition translates",
    "translation-fuzzy": "fuzzy content translations were not used",
    "translation-unused": "obsolete or unmatched content translations were not used",
    "translation-invalid": "a content translation's placeholders do not match its source",
    "study-mentions": "an article's study mentions, how many are traceable, and its doses",
    "unresolved-citation": "an author–year citation matches no entry of the reference list",
    "unparsed-reference": "a reference-list entry could not be read into its parts",
    "control-removed": "control characters (NUL, escape, form feed …) were removed from a text",
    "nesting-flattened": "markup nested deeper than the reader follows was flattened to its text",
    "no-catalog": "the book's language has no catalog: the book's own text falls back",
    "library-log": "a library peptidebook uses logged a warning",
    "untitled-book": "the book has no title of its own: it is named after an article or folder",
    "renamed": "a name the source gave (slug, id) was made safe or unique for the book",
    "image-converted": "an image was decoded and re-encoded, or converted to a format EPUB allows",
    "svg-sanitised": "scripts, event handlers or external references were removed from an SVG",
    "input-limit": "an input went past a documented limit: kept as it is, read plainly, or refused",
    "xml-repaired": "a malformed WordPress export was read leniently; what was repaired is listed",
    "link-unwrapped": "a link was kept as its text (nested link, missing anchor, unknown address)",
    "shortcode-kept": "a WordPress shortcode peptidebook does not know was kept as text",
    "block-missing": "a block refers to content the source does not hold (a reusable block)",
    "excerpt-only": "a post holds no content in the file: its excerpt was used",
    "page-extracted": "a saved web page: only its main content was kept, the rest left out",
    "left-out": "items of a source that are not published articles (drafts, attachments, menus)",
    "table-unwrapped": "a one-row or one-column table used for layout was replaced by its content",
    "table-no-headers": "a table has no header cells and no evidence of any: kept without them",
    "glossary-candidate": "text that may hold a pasted tooltip was left unchanged (no evidence)",
    "related-article": "a teaser for another article was listed under related articles",
    "text-repaired": "punctuation debris or a run-in label's lost punctuation was repaired",
    "pull-quote": "a callout repeating the article's own text was marked as a pull quote",
    "numbered-citation": "numbered citations (1), [1] linked to the article's list, or not",
    "publisher-interest": "the publisher sells what the article discusses (passages shown)",
    "accessibility-check": "--check ran EPUBCheck and Ace on the book, or could not",
}


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    where: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}")

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message} [{self.code}]"


@dataclass
class Report:
    """The diagnostics of one run, in the order they were reported."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, code: str, severity: Severity, where: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(code, severity, where, message))

    def info(self, code: str, where: str, message: str) -> None:
        self.add(code, "info", where, message)

    def warning(self, code: str, where: str, message: str) -> None:
        self.add(code, "warning", where, message)

    def error(self, code: str, where: str, message: str) -> None:
        self.add(code, "error", where, message)

    def count(self, code: str) -> int:
        return sum(1 for d in self.diagnostics if d.code == code)

    def by_code(self) -> Counter[str]:
        return Counter(d.code for d in self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity != "info"]
