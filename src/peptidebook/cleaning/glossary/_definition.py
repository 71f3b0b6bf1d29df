"""Step 2 - Cleaning (glossary): whether a tooltip's text defines its term, or is a teaser for
another article (a linked title with that article's summary).

A definition defines its term: it opens with the term (after an article: "The Androgen
Receptor (AR) is …"), possibly followed by a bracketed abbreviation or an appositive between
commas ("Growth hormone, or somatotropin, is …"), and then says what it is, with a copula or a
verb of meaning ("is", "refers to", "means", "involves"; in the other languages of the book
the same kind of verb: "bezeichnet", "désigne", "se refiere a", "si riferisce a", "verwijst
naar", "oznacza", …). A summary of another article opens with its own subject
("Individuals on prescribed testosterone replacement therapy can often donate blood …") and
is not a definition, whatever its length.
"""

from __future__ import annotations

import re

from ._headword import headword_key

__all__ = ["defines"]

#: Articles a definition may open with, by language (compared case-folded).
_ARTICLES = frozenset({
    "the", "a", "an",                                   # en
    "der", "die", "das", "ein", "eine",                 # de
    "le", "la", "les", "l'", "l’", "un", "une",         # fr
    "el", "los", "las", "una",                          # es
    "il", "lo", "gli", "i", "uno",                      # it
    "o", "os", "as", "um", "uma",                       # pt
    "de", "het", "een",                                 # nl
})

#: The verbs that make a sentence opening with the term a definition of it, in the languages
#: the book is written in. Multi-word entries are matched as written (white space flexible).
_VERBS = (
    # en
    "is", "are", "was", "were", "refers to", "refer to", "means", "denotes", "denote",
    "describes", "describe", "involves", "involve", "is defined as", "are defined as",
    "stands for", "consists of", "comprises", "represents", "designates",
    # de
    "ist", "sind", "bezeichnet", "bezeichnen", "bedeutet", "beschreibt", "meint",
    "umfasst", "steht für",
    # fr
    "est", "sont", "désigne", "désignent", "signifie", "décrit", "se réfère à",
    "fait référence à", "correspond à", "consiste en",
    # es
    "es", "son", "se refiere a", "significa", "designa", "describe", "hace referencia a",
    "consiste en",
    # it
    "è", "sono", "si riferisce a", "indica", "designa", "descrive", "consiste in",
    # pt
    "é", "são", "refere-se a", "se refere a", "designa", "descreve", "consiste em",
    # nl
    "is", "zijn", "verwijst naar", "betekent", "beschrijft", "omvat",
    # pl
    "to", "jest", "są", "oznacza", "określa", "odnosi się do",
    # ar, he
    "هو", "هي", "يشير إلى", "تشير إلى", "הוא", "היא", "מתייחס ל",
)
_VERB = "|".join(sorted((re.escape(v).replace(r"\ ", r"\s") for v in set(_VERBS)),
                        key=len, reverse=True))
#: What may come between the term and its verb: a bracketed abbreviation, "(AR)"; an
#: appositive between commas, ", or somatotropin,"; then the verb, as a whole word. One white
#: space between words (the whitespace pass has run): every start does bounded work.
_AFTER_TERM = re.compile(
    rf"(?:\s?\([^()]{{1,60}}\))?(?:,[^,.;:]{{1,60}},)?\s(?:{_VERB})(?!\w)", re.IGNORECASE)
#: In Chinese and Japanese the term is followed directly by its copula or topic marker:
#: "生长激素是…", "成長ホルモンとは…", "成長ホルモンは…".
_AFTER_TERM_CJK = re.compile(
    r"(?:\s?[\uff08(][^()\uff08\uff09]{1,30}[)\uff09])?\s?(?:是|指|即|とは|は)")


def defines(term: str, definition: str) -> bool:
    """Whether ``definition`` defines ``term`` (see the module docstring)."""
    text = definition.strip().lstrip("\"'“‘(")
    first, _, rest = text.partition(" ")
    if first.casefold() in _ARTICLES and rest:
        text = rest.lstrip()
    elif first[:2].casefold() in ("l'", "l’"):
        text = text[2:]
    key = headword_key(term)
    if not key:
        return False
    words = len(term.split())
    # The term as the definition writes it: the same number of words (a plural, a hyphen
    # for a space or a different case make no difference), or one more or fewer (an
    # abbreviation left out, a compound written as one word).
    spans = _word_prefixes(text, words + 1)
    for end in spans[max(0, words - 2) :]:
        if headword_key(text[:end]) == key and (
            _AFTER_TERM.match(text, end) or _AFTER_TERM_CJK.match(text, end)
        ):
            return True
    # Scripts without spaces between words: the term, then its copula.
    if text.casefold().startswith(term.casefold()):
        return bool(_AFTER_TERM_CJK.match(text, len(term)))
    return False


#: A word, without the commas and brackets after it.
_WORD = re.compile(r"[^\s,;:()\uff08\uff09]+")


def _word_prefixes(text: str, count: int) -> list[int]:
    """Where each of the first ``count`` words of ``text`` ends (commas and brackets after
    a word are not part of it)."""
    ends: list[int] = []
    for match in _WORD.finditer(text):
        ends.append(match.end())
        if len(ends) == count:
            break
    return ends
