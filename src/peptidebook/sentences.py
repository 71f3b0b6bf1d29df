"""Sentences: the one splitter, for every language a book's articles may be written in.

Not a stage: the evidence pass splits a paragraph into sentences here, and the glossary pass
asks here whether a full stop belongs to an abbreviation. Boundaries come from ICU's sentence
break iterator (Unicode UAX #29 "Sentence Boundaries", through :mod:`icu4py`, which bundles
ICU: wheels for Linux, macOS and Windows), which knows the full stops of every script (``。``,
``؟``, ``।``) and that a full stop followed by a lower-case word ends nothing. ICU's own
abbreviation lists (the ``@ss=standard`` locale keyword) are not used: measured on the
Universal Dependencies test sets, they lose true boundaries in Portuguese (``futebol. Cerca``:
88 missed of 944 instead of 13) and German (48 of 685 instead of 13) and spare few false ones.

On top of ICU, a boundary is taken back only on positive evidence that the text goes on
(:func:`sentence_spans`):

* the word before the full stop is an abbreviation of the article's language or of the
  citations every language shares (:data:`ABBREVIATIONS`: ``et al.``, ``Dr.``, ``vs.``,
  ``approx.``, ``Fig. 2``, ``z. B.``, ``p. ex.``), or initials (``J. D. Veldhuis``,
  ``U.S.``, ``e.g.``);
* the "sentence" is only a list number (``2. Soziale Bewegungen``), or, in German, the
  number is an ordinal (``am 17. Dezember``);
* an ASCII letter or digit follows an ASCII full stop, question or exclamation mark with no
  white space between (``search?q=``, an address).

Decimals (``0.25 ml``) never break in ICU. Offsets are Python string indices (ICU counts UTF-16
units: they are mapped back).
"""

from __future__ import annotations

import re
from functools import cache

from icu4py.breakers import SentenceBreaker

from .languages import primary_language, to_locale_name
from .limits import MAX_WORD_CHARS

__all__ = ["ABBREVIATIONS", "is_abbreviation", "sentence_spans"]

#: Words whose full stop does not end a sentence, lower case, by language ("": every language:
#: the Latin of citations and the abbreviations of references). From each language's
#: dictionaries and style guides (Duden, Académie, RAE, Treccani, Houaiss, Van Dale, PWN),
#: not from the texts the splitter is measured on.
ABBREVIATIONS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "": "al. ibid. op. cit. cf. etc. vs. v. viz. ca. approx. vol. vols. no. nos. nr. pp. p. "
        "fig. figs. eq. ch. sec. ed. eds. suppl. ref. refs. dr. prof. st. jr. sr. mr. mrs. "
        "ms. inc. ltd. co. corp. bros. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. "
        "nov. dec. resp. tel. n. art.",
    "en": "e.g. i.e. capt. gen. gov. sen. rep. rev. lt. col. sgt. ft. mt. dept. univ. assn. "
          "mg. hr. hrs. wk. wks. yr. yrs.",
    "de": "bzw. ca. vgl. usw. evtl. ggf. inkl. zzgl. abb. tab. std. hr. hrn. fr. mio. mrd. "
          "s. sog. bspw. geb. gest. jh. jhd. nr. str. u. d. z. max. dipl. ing. dt. engl. "
          "lat. griech.",
    "fr": "m. mm. mme. mmes. mlle. dr. av. apr. env. ex. p. cf. éd. t. vol. chap. fig. "
          "art. st. ste.",
    "es": "sr. sra. srta. dr. dra. ing. lic. arq. aprox. núm. pág. págs. ej. ed. art. "
          "cap. fig. ud. uds. vd. vds. etc. st.",
    "it": "sig. sigg. sig.ra dott. dott.ssa ing. avv. arch. on. art. pag. ecc. es. fig. cap. "
          "n. l. v. c.",
    "pt": "sr. sra. srs. dr. dra. prof. eng. art. pág. págs. aprox. ex. fig. cap. n. av.",
    "nl": "dhr. mevr. mw. dr. drs. ir. ing. mr. prof. bijv. bv. blz. nr. ca. ong. resp. "
          "m.b.t. i.p.v. zgn. vnl. evt.",
    "pl": "ul. al. pl. np. tzw. tj. ok. ww. godz. pkt. nr. str. rys. tab. ur. zm. im. "
          "r. w. wg. dr. prof. mgr. inż. hab. św. ks. gen. płk. mjr. pt. tys. mln. mld. "
          "ds. m.in. itd. itp. jw. tzn.",
}.items()}

#: Initials: one capital and a full stop, or several ("U.S.", "J.A."); or lower-case dotted
#: letters, two at least ("e.g.", "d.h.", "a.m."). A lone lower-case "a." may end a sentence.
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.")
#: Opening punctuation before a word: "(Fig.", "“Dr.".
_OPENING = "([{\"'“‘«„¿¡"
#: Closing punctuation after a sentence's last character.
_CLOSING = "\"'”’»)]}"
#: A character outside the Basic Multilingual Plane (two UTF-16 code units).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LIST_NUMBER = re.compile(r"[0-9]{1,4}\.")
_ORDINAL = re.compile(r"[0-9]{1,4}\.")
#: Languages whose numbers followed by a full stop are ordinals ("am 17. Dezember").
_ORDINAL_LANGUAGES = frozenset({"de"})


def is_abbreviation(word: str, language: str | None = None) -> bool:
    """Whether the full stop ending ``word`` belongs to an abbreviation of ``language`` or of
    every language (:data:`ABBREVIATIONS`), or to initials, rather than ending a sentence."""
    if len(word) > MAX_WORD_CHARS or not word.endswith("."):
        return False
    bare = word.lstrip(_OPENING)
    if _INITIALS.fullmatch(bare) and (len(bare) > 2 or bare[0].isupper()):
        return True
    lowered = bare.lower()
    return lowered in ABBREVIATIONS[""] or lowered in _language_abbreviations(language)


def _language_abbreviations(language: str | None) -> frozenset[str]:
    return ABBREVIATIONS.get(primary_language(language), frozenset()) if language else (
        ABBREVIATIONS["en"])


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text`` in ``language`` (BCP 47; ``None``:
    unknown, read as English), surrounding white space excluded (see the module docstring)."""
    segments = _icu_segments(text, language)
    spans: list[tuple[int, int]] = []
    start = 0
    for index, (segment, end) in enumerate(segments):
        # Each test reads the segment ICU found, never the sentence merged so far: linear.
        if index + 1 < len(segments) and _goes_on(text, segment, end, language):
            continue
        spans.append(_trimmed(text, start, end))
        start = end
    return [span for span in spans if span[1] > span[0]]


def _icu_segments(text: str, language: str | None) -> list[tuple[int, int]]:
    breaker = SentenceBreaker(text, _locale(language))
    segments = list(breaker.segments())
    if _ASTRAL.search(text) is None:
        return segments
    # ICU counts UTF-16 code units: a character outside the BMP is two of them.
    index = [0] * (len(text) * 2 + 1)
    units = 0
    for position, char in enumerate(text):
        index[units] = position
        units += 2 if ord(char) >= 0x10000 else 1
    index[units] = len(text)
    return [(index[a], index[b]) for a, b in segments]


@cache
def _locale(language: str | None) -> str:
    return to_locale_name(language) if language else "en"


def _goes_on(text: str, start: int, end: int, language: str | None) -> bool:
    """Whether the sentence ICU found from ``start`` to ``end`` goes on in the next one."""
    last = end
    while last > start and text[last - 1].isspace():
        last -= 1
    if last == end:  # no white space after it: "search?q=" (not "ですか?次", CJK)
        following = text[end : end + 1]
        return (text[last - 1 : last] in {".", "?", "!"} and following.isascii()
                and following.isalnum())
    stop = last
    while stop > start and text[stop - 1] in _CLOSING:
        stop -= 1
    if text[stop - 1 : stop] != ".":
        return False
    word = _word_ending_at(text, stop, start)
    if _LIST_NUMBER.fullmatch(word) and text[start:stop].strip() == word:
        return True  # "2. Soziale Bewegungen": a list item's number
    if (language and primary_language(language) in _ORDINAL_LANGUAGES
            and _ORDINAL.fullmatch(word.lstrip(_OPENING))):
        return True  # "am 17. Dezember"
    return is_abbreviation(word, language) or _is_et_al(text, stop)


def _word_ending_at(text: str, end: int, start: int) -> str:
    """The run of non-space characters ending at ``end`` (not before ``start``); only its last
    ``MAX_WORD_CHARS + 1`` characters when it is longer."""
    at = end
    while at > start and not text[at - 1].isspace() and end - at <= MAX_WORD_CHARS:
        at -= 1
    return text[at:end]


def _is_et_al(text: str, stop: int) -> bool:
    return text[max(0, stop - 6) : stop].lower() == "et al."


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
