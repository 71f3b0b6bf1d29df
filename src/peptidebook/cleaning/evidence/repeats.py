"""Step 2 - Cleaning (evidence): tell a sentence that refers back to a study the article has
just named — a *repeat* of that mention, the same study, named — from one that does not.

The labelling guide (``tests/corpus/articles/README.md``, "Named or general") counts "the
study", "this trial", "die Studie" as naming the one study the article identifies elsewhere.
Two kinds of positive evidence are read here, nothing else:

* a **definite reference** to research (:data:`REFERS_BACK`, per language): a definite article,
  demonstrative or possessive before a research noun ("the study", "these researchers", "die
  Studie", "l'étude", "los investigadores", "de onderzoekers"). It refers back only within the
  section (heading to heading) of a study named before it — the caller keeps that scope — or,
  in English, of any mention before it (:data:`BARE_GENERIC`); an indefinite one ("a study",
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
#: "data" are left out: "the results of her diet" is no reference to research.
REFERS_BACK: dict[str, tuple[str, str]] = {
    # (determiners, nouns)
    "en": (r"the|this|that|these|those|their|its",
           (r"study|studies|trial|trials|researchers|scientists|authors|investigators"
           r"|experiment|experiments|findings|review|meta-analysis|analysis|survey"
           r"|paper|cohort")),
    "de": (r"die|diese|dieser|diesen|der|dem|den|das|ihre|ihrer|deren|seine",
           (r"Studie|Studien|Untersuchung|Forscher|Forscherinnen|Forschenden|Autoren|Autorinnen"
           r"|Wissenschaftler|Wissenschaftlerinnen|Analyse|Auswertung|Meta-Analyse|Metaanalyse"
           r"|Übersicht|Neuanalyse|Befunde|Studiendauer|Kohorte|Experiment")),
    "fr": (r"l['’]|la|le|les|cette|ce|ces|leur|leurs|son|sa|ses",
           (r"étude|études|essai|essais|chercheurs|chercheuses|auteurs|autrices|scientifiques"
           r"|travaux|expérience|enquête|cohorte|cohortes|analyse")),
    "es": (r"el|la|los|las|este|esta|estos|estas|ese|esa|su|sus",
           (r"estudio|estudios|ensayo|ensayos|investigadores|científicos|autores"
           r"|experimento|encuesta|análisis|revisión|cohorte")),
    "it": (r"lo|la|il|gli|le|l['’]|questo|questa|questi|queste|loro|suo|sua",
           (r"studio|studi|sperimentazione|ricercatori|ricercatrici|scienziati|autori"
           r"|esperimento|indagine|analisi|revisione|coorte")),
    "pt": (r"o|a|os|as|este|esta|estes|estas|esse|essa|seu|sua|seus|suas",
           (r"estudo|estudos|ensaio|ensaios|pesquisadores|investigadores|cientistas|autores"
           r"|experimento|pesquisa|análise|revisão|coorte")),
    "nl": (r"de|het|dit|deze|die|dat|hun|zijn",
           (r"studie|studies|onderzoek|onderzoekers|wetenschappers|auteurs|experiment|proef"
           r"|ontdekking|vondst|vinders|analyse")),
}


def _compile(determiners: str, nouns: str) -> re.Pattern[str]:
    # "l'étude" has no space after its article; every other determiner is a word of its own.
    return re.compile(rf"(?<![\w-])(?:{determiners})(?:(?<=['’])|\s+)(?:{nouns})(?![\w-])",
                      re.IGNORECASE)


#: Every language's definite reference, compiled once: language → pattern.
COMPILED: dict[str, re.Pattern[str]] = {
    language: _compile(*parts) for language, parts in REFERS_BACK.items()}


def refers_back(sentence: str, language: str | None) -> bool:
    """Whether ``sentence`` makes a definite reference to research in ``language`` (English
    when the language is unknown or has no table of its own: an English phrase quoted in
    another language reads the same)."""
    pattern = COMPILED.get(primary(language), COMPILED["en"])
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
    ``sentence`` uses as a whole word, as that mention's id; ``None`` when it uses none."""
    for name, mention in names.items():
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w])", sentence):
            return mention
    return None
