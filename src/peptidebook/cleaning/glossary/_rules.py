"""Step 2 - Cleaning (glossary): the rules of the tooltip pass as data — the words that end a
term, how long terms and definitions may be, and the patterns that read a run of text."""

from __future__ import annotations

import re

__all__ = [
    "BRACKETS_AT_END", "DEFINITION_ARTICLES", "EDGE_PUNCTUATION", "FULL_STOP", "LOWER_WORD",
    "MARKER", "MAX_DEFINITION_SENTENCES", "MAX_TERM_WORDS", "MIN_DEFINITION_WORDS",
    "OPENING_PUNCTUATION", "RESUMES", "STOP_THEN_LOWER", "STOP_WORDS", "SUBJECT", "TERM_WORD",
    "TITLE_WORD", "WORD",
]


#: Words that end a term when walking back from a definition: the term is the noun phrase
#: after them ("the clinical application of | combined hormonal therapies").
STOP_WORDS: frozenset[str] = frozenset(
    {
        # articles and determiners: "the | therapy", "these | therapies"
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its",
        "our", "their", "some", "any", "each", "every", "all", "both", "such", "no", "other",
        "another", "more", "most", "many", "much", "few", "several",
        # prepositions: "secretagogues with | testosterone replacement therapy"
        "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "about",
        "as", "like", "than", "between", "through", "via", "within", "without", "under", "over",
        "upon", "among", "across", "during", "after", "before", "against", "toward", "towards",
        "per", "including",
        # conjunctions and relatives: "testosterone and | growth hormone"
        "and", "or", "but", "nor", "while", "whereas", "because", "if", "when", "which", "who",
        "whom", "whose", "where", "how", "why", "what",
        # pronouns: "it | ..."
        "it", "they", "we", "you", "he", "she", "i", "them", "us", "one",
        # auxiliary and common verbs: "is | ...", "can | ..."
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
        "does", "did", "can", "could", "may", "might", "must", "shall", "should", "will",
        "would", "not", "also", "involves", "involve", "include", "includes", "called",
    }
)

#: Leading words a definition may put before its term ("The Androgen Receptor (AR) is ...").
DEFINITION_ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

#: How many words a term may have, at most.
MAX_TERM_WORDS = 8
#: How many words an unmarked definition has, at least (shorter runs are ordinary text).
MIN_DEFINITION_WORDS = 6
#: How many sentences a marked definition may have before its interrupted sentence resumes.
MAX_DEFINITION_SENTENCES = 2

#: The marker of form (a), with the space before it: "replacement Meaning ∞ Testosterone".
#: The spaces are taken from the start of their run (lookbehind), so that a search does not
#: start again at each space of a long run (linear time).
MARKER = re.compile(r"(?:(?<![ \t])[ \t]+)?\bMeaning\s*∞\s*")
#: A full stop that may end a definition: followed by white space, a comma (…) or the end.
FULL_STOP = re.compile(r"\.(?=[\s,;:)]|$)")
#: The trigger of form (b): a full stop, then a lower-case word ("hormone. are a class").
STOP_THEN_LOWER = re.compile(r"\.\s+(?=[a-z])")
#: One word: a run of non-space characters.
WORD = re.compile(r"\S+")
#: A capitalised word that can open a definition: "Combining", "Hormone-Releasing"; not "GH".
TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z]+)*")
#: A lower-case word, with no punctuation after it (a comma would mean a clause boundary).
LOWER_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
#: A word that may be part of a term: letters, digits, hyphens, apostrophes.
TERM_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
#: The subject of a definition, used when no word before the marker matches its start: at the
#: start of the definition (``\A``, read with ``match``), ending on a non-space so that the
#: white space after it is read once (linear time).
SUBJECT = re.compile(
    r"\A(?:(?:The|A|An)\s+)?(?P<subject>[^,.;:]{0,79}?[^\s,.;:])\s+"
    r"(?:is|are|refers? to|involves?|describes?|denotes|means)\b"
)
#: A bracketed part closing a subject, with the space before it: "Growth Hormone (GH)".
BRACKETS_AT_END = re.compile(r"(?<!\s)\s*\([^()]*\)$")
#: Characters that may open a continuation after a definition but never a sentence.
RESUMES = frozenset("(),;:")
#: Characters that may open a term used in the text: "(testosterone", "“growth hormone".
OPENING_PUNCTUATION = "([{\"'“‘"
#: Characters stripped from a word's ends before comparing it.
EDGE_PUNCTUATION = "()[]{},;:.!?\"'“”‘’"
