"""Book assembly: alphabetical order in the book's language, for the Glossary.

Babel has no collation, and PyICU (ICU's Unicode Collation Algorithm with CLDR tailorings) is
not available here, so this is a documented approximation of UCA (Unicode TS #10) in three
levels, built on :mod:`unicodedata`:

1. **primary**: letters without accents and case (NFKD, combining marks removed, case-folded),
   punctuation and spaces ignored — "Growth-hormone" sorts with "growth hormone";
2. **secondary**: the accents, so "resume" comes before "résumé";
3. **tertiary**: the term as written, lower case first ("ipamorelin" before "Ipamorelin").

**Tailoring**: :data:`TAILORINGS` gives, per language, the letters CLDR sorts as letters of
their own after another one (Swedish "å ä ö" after "z", Spanish "ñ" after "n", Danish "æ ø å"
after "z", German phone-book order is *not* used: German sorts "ä" as "a", CLDR's default).
Scripts other than Latin keep code-point order within their primary key, which is what CLDR's
root order does for most alphabetic scripts, with three adjustments: Hebrew final forms sort as
their ordinary letters (ך with כ); Japanese katakana sort with the hiragana of the same sound
and voiced kana beside unvoiced ones (gojūon order, JIS X 4061); Han characters stay in
Unicode's radical-stroke order (pinyin order for Chinese needs a reading dictionary).
"""

from __future__ import annotations

import unicodedata

from ..languages import primary_language

__all__ = ["TAILORINGS", "collation_key"]

#: Language → letters that are primary letters of their own, each mapped to the letter it sorts
#: after and its rank there (from the CLDR collation charts, ``common/collation/<lang>.xml``).
TAILORINGS: dict[str, dict[str, str]] = {
    # CLDR sv: å < ä < ö after z (and ü sorts as y, w as v is no longer tailored).
    "sv": {"å": "z\U0010fff1", "ä": "z\U0010fff2", "ö": "z\U0010fff3", "æ": "z\U0010fff2",
           "ø": "z\U0010fff3"},
    # CLDR fi: the same as Swedish for å ä ö.
    "fi": {"å": "z\U0010fff1", "ä": "z\U0010fff2", "ö": "z\U0010fff3"},
    # CLDR da / nb / nn: æ < ø < å after z.
    "da": {"æ": "z\U0010fff1", "ø": "z\U0010fff2", "å": "z\U0010fff3", "ä": "z\U0010fff1",
           "ö": "z\U0010fff2"},
    "nb": {"æ": "z\U0010fff1", "ø": "z\U0010fff2", "å": "z\U0010fff3"},
    "nn": {"æ": "z\U0010fff1", "ø": "z\U0010fff2", "å": "z\U0010fff3"},
    "no": {"æ": "z\U0010fff1", "ø": "z\U0010fff2", "å": "z\U0010fff3"},
    # CLDR es: ñ after n.
    "es": {"ñ": "n\U0010fff1"},
    # CLDR et: š z ž after s, and õ ä ö ü after w.
    "et": {"š": "s\U0010fff1", "ž": "s\U0010fff3", "õ": "w\U0010fff1", "ä": "w\U0010fff2",
           "ö": "w\U0010fff3", "ü": "w\U0010fff4"},
    # CLDR pl: ą ć ę ł ń ó ś ź ż after their base letters.
    "pl": {c: b + "\U0010fff1" for c, b in zip("ąćęłńóśź", "acelnosz", strict=True)}
          | {"ż": "z\U0010fff2"},
    # CLDR cs: č ř š ž after c r s z (ch after h is a digraph, not tailored here).
    "cs": {"č": "c\U0010fff1", "ř": "r\U0010fff1", "š": "s\U0010fff1", "ž": "z\U0010fff1"},
    # CLDR tr: ç ğ ı ö ş ü after c g h o s u (dotless ı before i).
    "tr": {"ç": "c\U0010fff1", "ğ": "g\U0010fff1", "ı": "h\U0010fff1", "ö": "o\U0010fff1",
           "ş": "s\U0010fff1", "ü": "u\U0010fff1"},
}


#: Hebrew final forms → ordinary letters; katakana → hiragana (U+30A1–U+30F6 → U+3041–U+3096).
_FOLD = str.maketrans("ךםןףץ", "כמנפצ") | {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
#: Kana voicing marks (combining dakuten, handakuten): secondary, like accents.
_KANA_MARKS = "\u3099\u309a"


def collation_key(term: str, language: str) -> tuple[str, str, str]:
    """A sort key for ``term`` in ``language`` (see the module docstring for the levels)."""
    tailoring = TAILORINGS.get(primary_language(language), {})
    primary: list[str] = []
    secondary: list[str] = []
    for char in unicodedata.normalize("NFC", term.casefold()):
        if char in tailoring:
            primary.append(tailoring[char])
            continue
        decomposed = unicodedata.normalize("NFKD", char).translate(_FOLD)
        base = "".join(c for c in decomposed
                       if not unicodedata.combining(c) and c not in _KANA_MARKS)
        marks = "".join(c for c in decomposed if unicodedata.combining(c) or c in _KANA_MARKS)
        if base and not base.isalnum():
            continue  # punctuation and spaces are ignorable at the primary level
        primary.append(base)
        secondary.append(marks or "\u0000")
    tertiary = "".join("1" if c.isupper() else "0" for c in term)
    return "".join(primary), "".join(secondary), tertiary + term
