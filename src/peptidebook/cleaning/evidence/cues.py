"""Step 2 - Cleaning (evidence): the research cues of each language, as data — the nouns that
name research as a source, the verbs and phrases by which it reports, and how a publication is
named — compiled once into one pattern per rule and language (:func:`language_triggers`).

English keeps its own, finer table (:mod:`.studies`); every other language has the same three
rules, precision first:

* ``source-reports``: a research noun ("Studie", "étude", "onderzoekers", "研究") and a
  reporting verb ("zeigte", "a montré", "blijkt", "表明") within a few words of each other,
  in either order ("Die Daten deuten darauf hin …", "Selon leur étude …", "blijkt uit
  onderzoek …");
* ``dated-design``: a research noun with a year ("eine Meta-Analyse von 2024", "une enquête de
  2018", "2019年の研究");
* ``published-in``: a publication named ("publiziert in …", "publiée dans …", "gepubliceerd
  in …");
* ``according-to``: "according to" right before a research noun ("selon leur étude", "volgens
  onderzoek"); after anything else it gives a person's view ("volgens hem"), not research's;
* ``state-of-knowledge``: the people of research with what they hold, next to each other
  ("Los investigadores no saben …", "Wetenschappers gaan ervan uit …", "Forscher vermuten …"):
  the labelling guide counts the state of knowledge ("Researchers are not sure what causes
  it"); a belief verb after anyone else ("Ärzte vermuten") is an opinion, not research's;
* ``appeal``: a fixed phrase that appeals to research's weight by itself ("wissenschaftlich
  fundiert", "gut belegt", "scientifiquement prouvé", "evidencia científica").

A cue is a whole word (or, in Chinese and Japanese, which have no spaces, a run of characters);
an inflected form is listed where it differs ("zeigt", "zeigte", "zeigten"). Absence and wishes
are not findings: statements that evidence is missing are blanked first, as in English
(:data:`NEGATIONS`). Everything is compiled once, at import (:data:`COMPILED`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["COMPILED", "CUES", "NEGATIONS", "LanguageCues", "language_negation",
           "language_triggers"]


@dataclass(frozen=True)
class LanguageCues:
    """One language's research cues (alternations of a regular expression, no groups)."""

    sources: str  # nouns that name research, or the people doing it, as a source
    reports: str  # verbs and phrases by which research reports
    published: str  # "published in"
    negations: str = ""  # evidence said to be missing: blanked before the rules
    according: str = ""  # "according to": a cue only right before a research noun
    knowers: str = ""  # the people of research ("researchers", "scientists") …
    beliefs: str = ""  # … and what they hold: the state of knowledge ("are not sure", "think")
    appeals: str = ""  # an appeal to research's weight on its own ("wissenschaftlich fundiert")
    spaced: bool = True  # words are separated by spaces (not in Chinese or Japanese)


#: The cues per language (BCP 47 primary subtag).
CUES: dict[str, LanguageCues] = {
    "de": LanguageCues(
        according=r"laut|zufolge",
        sources=r"Studie|Studien|Untersuchung|Untersuchungen|Forschung|Forschungen|Forscher"
                r"|Forscherinnen|Forschenden|Wissenschaftler|Wissenschaftlerinnen|Meta-Analyse"
                r"|Metaanalyse|Übersichtsarbeit|Übersicht|Daten|Datenlage|Evidenz|Ergebnisse"
                r"|Analyse|Auswertung|Umfrage|Befragung|Experiment|Kohorte|[\w-]+studie|RCTs?"
                r"|[\w-]+-(?:Studie|Studien|Übersicht|Analyse|Metaanalyse|Meta-Analyse|Review"
                r"|Untersuchung|RCT)",
        reports=r"zeigt|zeigte|zeigten|zeigen|gezeigt|belegt|belegen|belegte|ergab|ergaben"
                r"|ergeben|fand|fanden|gefunden|deutet|deuten|legt\s+nahe|legen\s+nahe"
                r"|bestätigt|bestätigte|bestätigen|beweist|bewiesen|kam\s+zu\s+dem\s+Schluss"
                r"|kamen\s+zu\s+dem\s+Schluss|berichteten|berichtet|beobachteten|stellten\s+fest"
                r"|nachgewiesen|wies\s+nach|untersuchte|untersuchten|verglich|verglichen"
                r"|testete|getestet|prüfte|prüften|geprüft",
        knowers=r"Forscher|Forscherinnen|Forschende|Forschenden|Wissenschaftler"
                r"|Wissenschaftlerinnen",
        beliefs=r"vermuten|glauben|nehmen\s+an|gehen\s+davon\s+aus|bezweifeln|wissen\s+nicht"
                r"|sind\s+(?:sich\s+)?(?:nicht\s+|noch\s+nicht\s+)?(?:sicher|einig|uneinig)",
        appeals=r"wissenschaftlich\s+(?:fundiert|belegt|erwiesen|bewiesen|nachgewiesen|gesichert)"
                r"|gut\s+belegt|gut\s+untersucht",
        published=r"(?:publiziert|veröffentlicht|erschienen)\s+(?:in|im)",
        negations=r"(?:keine|kaum|wenig|fehlende|unzureichende)\s+(?:\w+\s+){0,2}?"
                  r"(?:Studien|Belege|Evidenz|Daten|Forschung)"),
    "fr": LanguageCues(
        according=r"selon|d'après|d’après",
        sources=r"étude|études|recherche|recherches|chercheurs|chercheuses|chercheur"
                r"|scientifiques|méta-analyse|métaanalyse|revue|essai|essais|cohorte|cohortes"
                r"|enquête|données|résultats|expérience|travaux|analyse",
        reports=r"montre|montrent|montré|démontre|démontrent|démontré|révèle|révèlent|révélé"
                r"|suggère|suggèrent|suggéré|indique|indiquent|indiqué|trouvé|constaté"
                r"|observé|conclut|concluent|conclu|confirme|confirment|confirmé"
                r"|établi|prouvé|mis\s+en\s+évidence|publiée?s?|comparé"
                r"|ont\s+répertorié|ont\s+classifié|se\s+sont\s+intéressés",
        knowers=r"chercheurs|chercheuses|scientifiques",
        beliefs=r"pensent|estiment|croient|supposent|soupçonnent|doutent|ignorent"
                r"|ne\s+savent\s+pas|ne\s+sont\s+pas\s+sûrs",
        appeals=r"scientifiquement\s+(?:prouvée?s?|démontrée?s?|établie?s?|fondée?s?)"
                r"|(?:évidence|unanimité|base|consensus)\s+scientifiques?",
        published=r"publiée?s?\s+(?:dans|par)",
        negations=r"(?:aucune?|peu\s+d['’]|pas\s+(?:assez\s+)?d['’]|manque\s+d['’])\s*"
                  r"(?:\w+\s+){0,2}?(?:étude|études|preuve|preuves|données)"),
    "es": LanguageCues(
        according=r"según",
        sources=r"estudio|estudios|investigación|investigaciones|investigadores|científicos"
                r"|metaanálisis|meta-análisis|revisión|ensayo|ensayos|encuesta|datos"
                r"|resultados|experimento|cohorte|evidencia|pruebas",
        reports=r"muestra|muestran|mostró|mostraron|demuestra|demuestran|demostrado|demostró"
                r"|revela|revelan|reveló|sugiere|sugieren|sugirió|indica|indican|indicó"
                r"|encontrado|encontraron|encontró|hallado|hallaron|confirma|confirman"
                r"|confirmó|concluye|concluyó|concluyeron|comprobado|observaron",
        knowers=r"investigadores|científicos",
        beliefs=r"piensan|creen|sospechan|suponen|desconocen|dudan|no\s+saben"
                r"|no\s+(?:están|estan)\s+seguros",
        appeals=r"científicamente\s+(?:probad|demostrad|comprobad)[oa]s?"
                r"|evidencia\s+científica",
        published=r"publicad[oa]s?\s+en",
        negations=r"(?:no\s+hay|ningún|ninguna|poca|pocos|falta\s+de)\s+(?:\w+\s+){0,2}?"
                  r"(?:estudios?|evidencia|pruebas|datos)"),
    "it": LanguageCues(
        according=r"secondo",
        sources=r"studio|studi|ricerca|ricerche|ricercatori|ricercatrici|scienziati"
                r"|meta-analisi|metanalisi|revisione|sperimentazione|sperimentazioni|indagine"
                r"|dati|risultati|esperimento|coorte|evidenze|prove",
        reports=r"mostra|mostrano|mostrato|dimostra|dimostrano|dimostrato|rivela|rivelano"
                r"|rivelato|suggerisce|suggeriscono|suggerito|indica|indicano|indicato"
                r"|trovato|scoperto|conferma|confermano|confermato|conclude"
                r"|concluso|osservato|evidenziato",
        knowers=r"ricercatori|ricercatrici|scienziati",
        beliefs=r"pensano|ritengono|credono|sospettano|dubitano|non\s+sanno"
                r"|non\s+sono\s+sicuri",
        appeals=r"scientificamente\s+(?:provat|dimostrat|comprovat)[oaie]",
        published=r"pubblicat[oaie]\s+(?:su|in|sul|sulla|nel|nella)",
        negations=r"(?:nessuno|nessuna|pochi|poche|mancano|scarse)\s+(?:\w+\s+){0,2}?"
                  r"(?:studi|prove|evidenze|dati)"),
    "pt": LanguageCues(
        according=r"segundo",
        sources=r"estudo|estudos|pesquisa|pesquisas|pesquisadores|investigação|investigadores"
                r"|cientistas|metanálise|meta-análise|revisão|ensaio|ensaios|inquérito|dados"
                r"|resultados|experimento|coorte|evidências|evidência",
        reports=r"mostra|mostram|mostrou|mostraram|demonstra|demonstram|demonstrou|demonstrado"
                r"|revela|revelam|revelou|sugere|sugerem|sugeriu|indica|indicam|indicou"
                r"|encontrou|encontraram|descobriu|descobriram|confirma|confirmou"
                r"|conclui|concluiu|observaram|comprovado",
        knowers=r"pesquisadores|investigadores|cientistas",
        beliefs=r"acreditam|pensam|suspeitam|supõem|duvidam|não\s+sabem"
                r"|não\s+têm\s+certeza",
        appeals=r"cientificamente\s+(?:provad|comprovad|demonstrad)[oa]s?",
        published=r"publicad[oa]s?\s+(?:em|na|no|pela|pelo)",
        negations=r"(?:não\s+há|nenhum|nenhuma|poucos|poucas|falta\s+de)\s+(?:\w+\s+){0,2}?"
                  r"(?:estudos?|evidências?|provas|dados)"),
    "nl": LanguageCues(
        according=r"volgens",
        sources=r"studie|studies|onderzoek|onderzoeken|onderzoekers|wetenschappers|meta-analyse"
                r"|metaanalyse|review|proef|proeven|experiment|enquête|gegevens|data"
                r"|resultaten|cohort|bewijs|ontdekking|vondst",
        reports=r"toont|tonen|toonde|toonden|aangetoond|laat\s+zien|laten\s+zien|blijkt"
                r"|bleek|bleken|wijst\s+uit|wezen\s+uit|uitgewezen|vond|vonden|gevonden"
                r"|ontdekten|ontdekt|bevestigt|bevestigd|suggereert|beschrijven"
                r"|beschreven|concluderen|concludeerden|stelden\s+vast|vastgesteld"
                r"|hebben\s+\w+\s+geïmplanteerd|gepubliceerd",
        knowers=r"wetenschappers|onderzoekers",
        beliefs=r"denken|vermoeden|gaan\s+ervan\s+uit|betwijfelen|weten\s+niet"
                r"|zijn\s+(?:het\s+)?(?:er\s+)?(?:nog\s+)?niet\s+(?:zeker|eens)"
                r"|trekken\s+(?:\w+\s+){0,3}?in\s+twijfel",
        appeals=r"wetenschappelijk\s+(?:bewezen|aangetoond|onderbouwd)",
        published=r"gepubliceerd\s+in",
        negations=r"(?:geen|weinig|onvoldoende)\s+(?:\w+\s+){0,2}?"
                  r"(?:studies|onderzoek|bewijs|gegevens)"),
    "pl": LanguageCues(
        according=r"według",
        sources=r"badanie|badania|badań|badaniach|naukowcy|badacze|metaanaliza|metaanalizy"
                r"|przegląd|próba|próby|ankieta|dane|wyniki|eksperyment|kohorta|dowody",
        reports=r"pokazuje|pokazują|pokazało|pokazały|wykazuje|wykazują|wykazało|wykazały"
                r"|sugeruje|sugerują|sugerowały|wskazuje|wskazują|wskazały|odkryli|odkryło"
                r"|stwierdzili|potwierdza|potwierdzają|potwierdziły|dowiodły",
        knowers=r"naukowcy|badacze",
        beliefs=r"uważają|sądzą|przypuszczają|podejrzewają|wątpią|nie\s+wiedzą",
        appeals=r"naukowo\s+(?:udowodnion|potwierdzon)[eya]",
        published=r"opublikowan[eay]\s+w",
        negations=r"(?:brak|brakuje|niewiele|mało)\s+(?:\w+\s+){0,2}?"
                  r"(?:badań|dowodów|danych)"),
    "ja": LanguageCues(
        sources=r"研究|調査|試験|論文|メタアナリシス|研究者|研究チーム|データ",
        reports=r"示し|示さ|明らかに|報告|によると|によれば|確認さ|わかっ|分かっ|判明|発表",
        published=r"(?:誌|ジャーナル)に(?:掲載|発表)",
        negations=r"(?:研究|データ|証拠|エビデンス)(?:は|が)(?:少な|不十分|な[いく])",
        spaced=False),
    "zh": LanguageCues(
        sources=r"研究|试验|調查|调查|论文|荟萃分析|研究人员|科学家|数据",
        reports=r"表明|显示|发现|证实|证明|指出|根据|据|报告",
        published=r"发表(?:在|于)",
        negations=r"(?:缺乏|没有|尚无)(?:足够的)?(?:研究|证据|数据)",
        spaced=False),
    "ar": LanguageCues(
        according=r"وفقًا|وفقا|بحسب|حسب",
        sources=r"دراسة|دراسات|الدراسة|الدراسات|بحث|أبحاث|الأبحاث|البحث|الباحثون|الباحثين"
                r"|باحثون|العلماء|علماء|تجربة|التجربة|تجارب|التجارب|البيانات|النتائج",
        reports=r"أظهرت|أظهر|تظهر|يظهر|تشير|أشارت|يشير|وجدت|وجد|وجدوا|كشفت|كشف|أكدت|أكد"
                r"|أثبتت|أثبت|توصلت|توصلوا",
        published=r"نُشرت\s+في|نشرت\s+في|نُشر\s+في|نشر\s+في",
        negations=r"(?:لا\s+توجد|لا\s+يوجد|قلة|نقص)\s+(?:\S+\s+){0,2}?"
                  r"(?:دراسات|أدلة|بيانات|أبحاث)"),
    "he": LanguageCues(
        according=r"לפי|על\s+פי",
        sources=r"מחקר|מחקרים|המחקר|המחקרים|חוקרים|החוקרים|מדענים|המדענים|ניסוי|ניסויים"
                r"|סקר|נתונים|הנתונים|תוצאות",
        reports=r"הראה|הראו|מראה|מראים|מצא|מצאו|מצאה|גילה|גילו|מעיד|מעידים|מצביע|מצביעים"
                r"|אישר|אישרו|הוכיח|הוכיחו",
        published=r"פורסם\s+ב|שפורסם\s+ב|פורסמו\s+ב",
        negations=r"(?:אין|מעט|חסרים)\s+(?:\S+\s+){0,2}?(?:מחקרים|ראיות|נתונים)"),
}

#: How far apart (in words) a research noun and a reporting verb may stand.
WINDOW = 8
#: Characters apart, in a language written without spaces.
CHAR_WINDOW = 20
#: The full stop, exclamation and question marks of Chinese and Japanese (U+3002, U+FF01,
#: U+FF1F): a window never crosses a sentence's end.
_STOPS = "\u3002\uff01\uff1f"


def _rules(cues: LanguageCues) -> tuple[tuple[str, str], ...]:
    """The three rules of one language's cues, as (name, regular expression)."""
    if cues.spaced:
        word = r"(?<![\w-])(?:{})(?![\w-])"
        source, report = word.format(cues.sources), word.format(cues.reports)
        gap = rf"(?:[^\w.;:!?]*+[\w’'-]++){{0,{WINDOW}}}?[^\w.;:!?]*+"
        year = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
        return (
            ("source-reports", rf"{source}{gap}{report}|{report}{gap}{source}"),
            ("dated-design", (rf"{source}(?:[^\w.;:!?]*+[\w’'-]++){{0,3}}?[^\w.;:!?]*+{year}"
                              rf"|{year}[^\w.;:!?]*+(?:[\w’'-]++[^\w.;:!?]*+){{0,2}}?{source}")),
            ("published-in", rf"(?<![\w-])(?:{cues.published})\s+(?:the\s+)?[^\W\d_]"),
            # "volgens onderzoek", "selon leur étude"; not "volgens hem" (a person's view).
            *((("according-to", (rf"(?<![\w-])(?:{cues.according})\s+"
                                 rf"(?:[\w’'-]++\s+){{0,2}}?{source}")),)
              if cues.according else ()),
            *((("state-of-knowledge", (rf"(?<![\w-])(?:{cues.knowers})\s+(?:\w+\s+)?"
                                       rf"(?:{cues.beliefs})(?![\w-])")),)
              if cues.knowers else ()),
            *((("appeal", rf"(?<![\w-])(?:{cues.appeals})(?![\w-])"),) if cues.appeals else ()),
        )
    near = rf"[^{_STOPS}]{{0,{CHAR_WINDOW}}}?"
    return (
        ("source-reports", (rf"(?:{cues.sources}){near}(?:{cues.reports})"
                            rf"|(?:{cues.reports}){near}(?:{cues.sources})")),
        ("dated-design", rf"(?:19|20)\d{{2}}年?[^{_STOPS}]{{0,6}}?(?:{cues.sources})"),
        ("published-in", cues.published),
    )


#: Every language's rules, compiled once at import: (language, rule name, pattern).
COMPILED: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (language, name, re.compile(pattern, re.IGNORECASE))
    for language, cues in CUES.items() for name, pattern in _rules(cues))
#: Every language's statement that evidence is missing, compiled once: (language, pattern).
NEGATIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (language, re.compile(cues.negations, re.IGNORECASE))
    for language, cues in CUES.items() if cues.negations)
_BY_LANGUAGE: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    language: tuple((name, p) for lang, name, p in COMPILED if lang == language)
    for language in CUES}
_NEGATION: dict[str, re.Pattern[str]] = dict(NEGATIONS)


def primary(language: str | None) -> str:
    """``de`` of ``de-AT``; ``""`` for an unknown language."""
    return (language or "").split("-")[0].lower()


def language_triggers(language: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled rules of ``language`` (by its primary subtag): (name, pattern). English,
    an unknown language or one without cues has none here."""
    return _BY_LANGUAGE.get(primary(language), ())


def language_negation(language: str | None) -> re.Pattern[str] | None:
    """The pattern of evidence said to be missing, in ``language``, if it has one."""
    return _NEGATION.get(primary(language))
