"""Every limit peptidebook puts on its input, in one place: what it bounds, why that value, and
what happens past it.

A limit is checked up front, where the input enters (a reader, a pass), and reported in one
line: an :class:`~peptidebook.errors.InputError` when the whole source is refused, an
``input-limit`` (or the named) diagnostic when one part is kept another way. Nothing past a
limit is ever cut silently. ``tests/test_limits.py`` tries each limit at its value and just
past it (the HTML depth in ``tests/readers``).

Besides these limits, every regular expression run over the text of a source takes time
linear in the length of that text, whatever it holds (no catastrophic backtracking):
``tests/test_linear_time.py`` counts the steps of each pattern on pathological inputs and runs
each reader and cleaning pass on 1 MB of them.
"""

from __future__ import annotations

__all__ = ["MAX_DOI_CHARS", "MAX_HTML_DEPTH", "MAX_SOURCE_BYTES", "MAX_TABLE_CELLS",
           "MAX_TOOLTIP_RUN_CHARS", "MAX_WORD_CHARS"]

#: The largest source file read (a REST JSON payload, a WXR export, a text): checked before any
#: source is read, and refused as an :class:`~peptidebook.errors.InputError` line past it (a
#: pipe or device, whose size cannot be known, is refused too). Reading holds the whole file and
#: what it parses to: a 50 MB REST payload peaks at 170 MB (4,541 posts of 11 KB) to 385 MB
#: (151,485 posts of 330 bytes), a 50 MB WXR export at 220 MB; so 64 MiB keeps reading under
#: about 500 MB, and a real export larger than that is split by WordPress' exporter (by date,
#: category or author) or fetched page by page.
MAX_SOURCE_BYTES = 64 * 2**20

#: Element nesting the HTML reader follows; an element nested deeper is replaced by its text
#: and reported (``nesting-flattened``). The value, and how it was measured, is
#: :data:`peptidebook.readers.html.MAX_DEPTH`'s (a test keeps the two equal): past about 64
#: levels WeasyPrint's layout, and past some 140 the cleaning passes, recurse beyond Python's
#: limit.
MAX_HTML_DEPTH = 48

#: Cells of one table past which the build warns (``input-limit``) and keeps the table whole.
#: Reading, cleaning and the EPUB take linear time in cells (a 2,000 × 30 table: 20 s, 270 MB
#: for the whole EPUB build), but WeasyPrint lays out every cell of a PDF: 4 ms and 18 KB each
#: (250, 500, 1,000 rows of 30: 27 s / 380 MB, 58 s / 660 MB, 120 s / 1.3 GB). At 10,000 cells a
#: PDF takes some 40 s and 200 MB for the table; real articles' tables have a few hundred.
MAX_TABLE_CELLS = 10_000

#: Characters after ``10.<registrant>/`` that a reference entry's DOI may have. A DOI in a
#: reference list is rarely longer than a few dozen characters (``10.1210/jc.2004-1532``);
#: bounding the suffix bounds the work of each place a DOI search starts. A longer one is not
#: read as a DOI: the entry keeps its text, its ``doi`` stays unknown.
MAX_DOI_CHARS = 300

#: The longest word the cleaning rules read as a word of its own kind: an abbreviation or
#: initials (whose full stop ends no sentence: "e.g.", "U.S."), a word of a glossary term. The
#: longest abbreviation the rules know has 7 characters and initials of 32 would be 16
#: letters; a longer "word" is read as ordinary text, and reading back over the text stops at
#: it, so that the rules read each character a bounded number of times.
MAX_WORD_CHARS = 64

#: The longest run of text (adjacent text nodes: a paragraph without its markup) that the
#: glossary pass searches for pasted tooltips. Taking a tooltip out rewrites the run, so a run
#: with thousands of them costs the square of its length; real paragraphs stay under a few
#: thousand characters (the sample's longest has 1,027). A longer run that could hold a
#: tooltip is left as it is and reported (``input-limit``, once per article).
MAX_TOOLTIP_RUN_CHARS = 50_000
