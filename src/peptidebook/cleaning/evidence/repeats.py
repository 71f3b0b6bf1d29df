"""Step 2 - Cleaning (evidence): tell a sentence that refers back to a study the article has
just named — a *repeat* of that mention, the same study, named — from one that does not.

The labelling guide (``tests/corpus/articles/README.md``, "Named or general") counts "the
study", "this trial", "die Studie" as naming the one study the article identifies elsewhere.
Two kinds of positive evidence are read here, nothing else:

* a **definite reference** to research (:data:`REFERS_BACK`, per language): a definite article,
  demonstrative or possessive before a research noun ("the study", "these researchers", "die
  Studie", "l'étude", "los investigadores", "de onderzoekers"). It refers back only within the
  section (heading to heading) of a study named before it, or of the sections before when its
  own has no mention yet — the caller keeps that scope — or, in English, of any mention
  before it (:data:`BARE_GENERIC`); an indefinite one ("a study",
  "eine Studie") introduces research and is never a repeat;
* the **trial's own name** read from an earlier named mention ("PREDIMED" after "die
  PREDIMED-Studie"), as a whole word anywhere later in the article ("PREDIMED hat klare
  Grenzen").

A pronoun alone ("Sie randomisierte …") is not read: what it stands for is not positive
evidence enough. The patterns are compiled once, at import (:data:`COMPILED`).
"""

from __future__ import annotations

import re

from .cues import primary

__all__ = ["BARE_GENERIC", "COMPILED", "REFERS_BACK", "bare_generic", "names_known",
           "refers_back"]

#: Definite references to research, per language (BCP 47 primary subtag): a determiner and a
#: research noun, as alternations of a regular expression without groups. "Results" and
#: "data" are left out: "the results of her diet" is no reference to research; so are the
#: plurals of works ("the trials", "les études"): several works are no repeat of one study
#: ("The trials are unambiguous" appeals to a body of research). The people of a study stay
#: plural: "the researchers" are its team.
REFERS_BACK: dict[str, tuple[str, str]] = {
    # (determiners, nouns)
    "en": (r"the|this|that|these|those|their|its",
           (r"study|trial|researchers|scientists|authors|investigators"
           r"|experiment|findings|review|meta-analysis|analysis|survey"
           r"|paper|cohort")),
    "de": (r"die|diese|dieser|diesen|der|dem|den|das|ihre|ihrer|deren|seine",
           (r"Studie|Untersuchung|Forscher|Forscherinnen|Forschenden|Autoren|Autorinnen"
           r"|Wissenschaftler|Wissenschaftlerinnen|Analyse|Auswertung|Meta-Analyse|Metaanalyse"
           r"|Übersicht|Neuanalyse|Befunde|Studiendauer|Kohorte|Experiment")),
    "fr": (r"l['’]|la|le|les|cette|ce|ces|leur|leurs|son|sa|ses",
           (r"étude|essai|chercheurs|chercheuses|auteurs|autrices|scientifiques"
           r"|travaux|expérience|enquête|cohorte|analyse")),
    "es": (r"el|la|los|las|este|esta|estos|estas|ese|esa|su|sus",
           (r"estudio|ensayo|investigadores|científicos|autores"
           r"|experimento|encuesta|análisis|revisión|cohorte")),
    "it": (r"lo|la|il|gli|le|l['’]|questo|questa|questi|queste|loro|suo|sua",
           (r"studio|sperimentazione|ricercatori|ricercatrici|scienziati|autori"
           r"|esperimento|indagine|analisi|revisione|coorte")),
    "pt": (r"o|a|os|as|este|esta|estes|estas|esse|essa|seu|sua|seus|suas",
           (r"estudo|ensaio|pesquisadores|investigadores|cientistas|autores"
           r"|experimento|pesquisa|análise|revisão|coorte")),
    "nl": (r"de|het|dit|deze|die|dat|hun|zijn",
           (r"studie|onderzoek|onderzoekers|wetenschappers|auteurs|experiment|proef"
           r"|ontdekking|vondst|vinders|analyse")),
}


#: What may follow an English research noun that is the head of its phrase: punctuation, the
#: end, a preposition, conjunction or relative word, an auxiliary, or a verb in the past
#: ("The study relied on …", "in the study.", "the scientists asked …"). Anything else makes
#: it a modifier of the next noun — "the study data", "the study type" — which refers to
#: a kind of thing, not back to a study; and "of" says whose it is by what follows ("the
#: findings of qualified professionals"), not by what came before.
ENGLISH_HEAD = (r"(?=\s*+(?:[^\w\s]|$)|\s++(?:on|in|at|by|from|with|for|to|and|but|or|that"
                r"|who|which|whose|is|was|were|are|has|had|have|can|could|will|would|may"
                r"|might|did|does|do|also|still|then|not|[a-z]+ed)\b)")


#: Every language's definite reference, compiled once: (language, pattern). "l'étude" has no
#: space after its article; every other determiner is a word of its own.
COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (language, re.compile(rf"(?<![\w-])(?:{determiners})(?:(?<=['’])|\s+)(?:{nouns})(?![\w-])"
                          + (ENGLISH_HEAD if language == "en" else ""), re.IGNORECASE))
    for language, (determiners, nouns) in REFERS_BACK.items())
_BY_LANGUAGE: dict[str, re.Pattern[str]] = dict(COMPILED)


def refers_back(sentence: str, language: str | None) -> bool:
    """Whether ``sentence`` makes a definite reference to research in ``language`` (English
    when the language is unknown or has no table of its own: an English phrase quoted in
    another language reads the same)."""
    pattern = _BY_LANGUAGE.get(primary(language), _BY_LANGUAGE["en"])
    return pattern.search(sentence) is not None


#: Languages whose generic plural has no article ("Studies show …", "Researchers think …"):
#: there, "the researchers" is always a reference back, even to research not identified.
#: (French, Spanish, Italian, Portuguese and German also say the generic plural with the
#: definite article: "les études montrent", "los investigadores piensan".)
BARE_GENERIC = frozenset(["en"])


def bare_generic(language: str | None) -> bool:
    """Whether ``language`` (English when unknown) is one of :data:`BARE_GENERIC`."""
    return (primary(language) or "en") in BARE_GENERIC


def names_known(sentence: str, names: dict[str, str]) -> str | None:
    """The first trial name of ``names`` (name → the id of the mention that named it) that
    ``sentence`` uses as a whole word ("PREDIMED", "PREDIMED-RCT", not "PREDIMEDX"), as that
    mention's id; ``None`` when it uses none. (A plain search: no pattern built from text.)"""
    for name, mention in names.items():
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            before = sentence[start - 1] if start else " "
            after = sentence[end] if end < len(sentence) else " "
            if not (before.isalnum() or before in "-_") and not (after.isalnum() or after == "_"):
                return mention
            start = sentence.find(name, start + 1)
    return None
