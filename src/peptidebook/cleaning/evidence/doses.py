"""Step 2 - Cleaning (evidence): find dosing statements — an amount of a medicine with its unit
("200–500 mcg", "0.25 ml", "10-20 units"), with the route and frequency when the statement
gives them ("subcutaneously", "once daily before bedtime").

One statement is one sentence (or table cell) with at least one dose amount. An amount is a
number or a range followed by a unit of :data:`UNITS`; it is not a dose when :data:`NOT_DOSES`
says so: a concentration measured in blood ("200–300 ng/mL"), or food (protein "1.6g/kg").
Route and frequency come from :data:`ROUTES` and :data:`FREQUENCIES`, first match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import DoseRoute

__all__ = ["AMOUNT", "FREQUENCIES", "NOT_DOSES", "ROUTES", "UNITS", "DoseFacts", "detect_dose"]

_I = re.IGNORECASE

#: Units a dose is given in (longest first, so "mcg" is not read as "mc" + "g").
UNITS = (r"(?:mcg|µg|μg|micrograms?|mg|milligrams?|g|grams?|IU|international\s+units"
         r"|units?|ml|mL|millilit(?:er|re)s?|cc)")
#: A number ("0.25", "1,000") or a range ("200–500", "200 mcg to 500", "10-20").
_NUMBER = r"\d+(?:[.,]\d+)?"
AMOUNT = re.compile(
    rf"(?<![\w.$])(?P<amount>{_NUMBER}(?:\s*{UNITS})?\s*(?:[–-]|to)\s*{_NUMBER}\s*{UNITS}"
    rf"|{_NUMBER}\s*{UNITS})(?![\w/])(?!\s*per\s+(?:deci|milli)?lit)",
)

#: Amounts that are not doses: (pattern looked for around the amount, comment). The first is
#: matched where the amount ends; ``(?<!\s)`` (an amount ends in a unit, never a space) anchors
#: it there and keeps a search from starting again inside a run of spaces (linear time).
NOT_DOSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\s)\s*/\s*(?:kg|dl|l|ml)\b|(?<!\s)\s*per\s+(?:kilo|kg|body|meal|serving)",
                _I),
     "per kilogram of body weight, per meal: a diet, not a medicine (1.6g/kg daily)"),
    (re.compile(r"\b(?:protein|leucine|carbohydrates?|fat|fibre|fiber|sugar|calories"
                r"|collagen\s+supplements?)\b(?:\W+\w+){0,3}\W*$", _I),
     "just after a food: protein intake (2.0g …), 2.5–3g leucine"),
)
#: Words right after the amount that name a food: "2.5–3g leucine per meal" (matched where the
#: amount ends, anchored there as the first of :data:`NOT_DOSES`).
_FOOD_AFTER = re.compile(r"(?<!\s)\s*(?:of\s+)?(?:protein|leucine|carbohydrates?|fat|fibre|fiber"
                         r"|sugar)\b", _I)

#: Routes of administration: (route, pattern, comment).
ROUTES: tuple[tuple[DoseRoute, re.Pattern[str], str], ...] = (
    ("subcutaneous", re.compile(r"\bsubcutaneous(?:ly)?\b|\bsub-?q\b|\bunder\s+the\s+skin\b",
                                _I), "subcutaneous injection, subcutaneously"),
    ("intramuscular", re.compile(r"\bintramuscular(?:ly)?\b|\bIM\s+injection", _I), ""),
    ("intravenous", re.compile(r"\bintravenous(?:ly)?\b|\bIV\s+(?:infusion|injection)", _I), ""),
    ("sublingual", re.compile(r"\bsublingual(?:ly)?\b|\bunder\s+the\s+tongue\b", _I), ""),
    ("intranasal", re.compile(r"\b(?:intra)?nasal(?:ly)?\b|\bnasal\s+spray\b", _I), ""),
    ("oral", re.compile(r"\boral(?:ly)?\b|\bby\s+mouth\b|\b(?:tablets?|capsules?)\b", _I),
     "taken orally, by mouth"),
    ("transdermal", re.compile(r"\btransdermal(?:ly)?\b|\bpatch\b", _I), ""),
    ("topical", re.compile(r"\btopical(?:ly)?\b|\bcream\b|\bgel\b", _I), ""),
)

#: How often: (pattern, comment); the matched words are the frequency as printed.
FREQUENCIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:once|twice|three\s+times|\d+\s*(?:x|times))\s+(?:a|per|each)?\s*"
                r"(?:day|daily|week|weekly|month|night|nightly)"
                r"(?:\s+(?:before|at)\s+(?:bed(?:time)?|sleep|night))?", _I),
     "once daily before bedtime, twice per week, 5x/week"),
    (re.compile(r"\b(?:per|a|each|every)\s+(?:day|week|night|month|other\s+day)\b", _I),
     "100-200 mg per week, 500mcg per night"),
    (re.compile(r"\b(?:daily|nightly|weekly|monthly|every\s+night)\b"
                r"(?:\s+(?:before|at)\s+(?:bed(?:time)?|sleep|night))?", _I),
     "nightly, weekly, daily"),
    (re.compile(r"\b\d+[–-]\d+\s+minutes\s+before\s+(?:sleep|bed(?:time)?)\b"
                r"|\bbefore\s+(?:bed(?:time)?|sleep)\b|\bat\s+bedtime\b", _I),
     "before bed, 30–60 minutes before sleep"),
)


@dataclass(frozen=True)
class DoseFacts:
    """What a dosing statement gives: the amounts as printed, route, frequency."""

    amounts: tuple[str, ...]
    route: DoseRoute | None = None
    frequency: str | None = None
    #: Where each amount stands in the sentence (start, end), for marking it in the text.
    spans: tuple[tuple[int, int], ...] = ()


def detect_dose(sentence: str) -> DoseFacts | None:
    """The dose facts of ``sentence`` when it gives a dose amount, else ``None``."""
    amounts: list[str] = []
    spans: list[tuple[int, int]] = []
    first = len(sentence)
    for match in AMOUNT.finditer(sentence):
        start, end = match.span()
        if _FOOD_AFTER.match(sentence, end) or NOT_DOSES[0][0].match(sentence, end):
            continue
        if NOT_DOSES[1][0].search(sentence[max(0, start - 60) : start]):
            continue
        amounts.append(" ".join(match["amount"].split()))
        spans.append(match.span("amount"))
        first = min(first, match.start())
    if not amounts:
        return None
    route = next((r for r, p, _ in ROUTES if p.search(sentence)), None)
    # The frequency nearest the first amount ("… (200–300mcg nightly)", not "$250 per month").
    found = [m for p, _ in FREQUENCIES for m in p.finditer(sentence)]
    nearest = min(found, key=lambda m: abs(m.start() - first), default=None)
    frequency = " ".join(nearest.group(0).split()) if nearest else None
    return DoseFacts(tuple(amounts), route, frequency, tuple(spans))
