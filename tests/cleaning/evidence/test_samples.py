"""Study mentions and doses on the three sample articles against lists written by reading
them (``expected.json``): precision and recall must both be 100%."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from peptidebook.cleaning import clean
from peptidebook.diagnostics import Report
from peptidebook.model import Article, EvidenceSummary
from peptidebook.readers import read_path

from ...conftest import EXAMPLES

EXPECTED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "expected.json").read_text(encoding="utf-8"))
SAMPLES = sorted(name for name in EXPECTED if not name.startswith("_"))


def cleaned(name: str) -> Article:
    report = Report()
    (article,) = read_path(EXAMPLES / name, report)
    return clean(article, report)


def precision_recall(found: list[str], expected: list[str]) -> tuple[float, float]:
    """Each expected opening must match exactly one found text, in order of the text."""
    hits = sum(1 for text in found if any(text.startswith(e) for e in expected))
    recalled = sum(1 for e in expected if any(text.startswith(e) for text in found))
    return hits / len(found) if found else 1.0, recalled / len(expected) if expected else 1.0


@pytest.mark.parametrize("name", SAMPLES)
def test_study_mentions_precision_and_recall_are_100_percent(name: str) -> None:
    studies = cleaned(name).studies
    expected = [s["starts"] for s in EXPECTED[name]["studies"]]
    assert precision_recall([s.text for s in studies], expected) == (1.0, 1.0)
    assert len(studies) == len(expected)  # no sentence counted twice


@pytest.mark.parametrize("name", SAMPLES)
def test_study_mentions_name_what_the_sentence_names(name: str) -> None:
    studies = cleaned(name).studies
    for study, want in zip(studies, EXPECTED[name]["studies"], strict=True):
        assert study.text.startswith(want["starts"])
        got = {"design": study.design, "year": study.year, "venue": study.venue,
               "institution": study.institution, "sample_size": study.sample_size,
               "ages": study.ages, "cites": list(study.cites),
               "identified_by": list(study.identified_by)}
        assert {k: got[k] for k in want if k != "starts"} == {
            k: v for k, v in want.items() if k != "starts"}
        for key in set(got) - set(want) - {"cites", "identified_by"}:
            assert got[key] is None, (study.text, key)


@pytest.mark.parametrize("name", SAMPLES)
def test_traceable_mentions(name: str) -> None:
    traceable = [s.id for s in cleaned(name).studies if s.traceable]
    assert traceable == EXPECTED[name]["traceable"]


@pytest.mark.parametrize("name", SAMPLES)
def test_dose_statements_precision_and_recall_are_100_percent(name: str) -> None:
    doses = cleaned(name).doses
    expected = EXPECTED[name]["doses"]
    assert precision_recall([d.text for d in doses], expected) == (1.0, 1.0)
    assert len(doses) == len(expected)


@pytest.mark.parametrize("name", SAMPLES)
def test_named_mentions_say_what_names_them(name: str) -> None:
    studies = cleaned(name).studies
    assert [list(s.identified_by) for s in studies] == [
        s["identified_by"] for s in EXPECTED[name]["studies"]]


@pytest.mark.parametrize("name", SAMPLES)
def test_repeats_of_a_named_study_are_counted_once(name: str) -> None:
    summary = EvidenceSummary.of((cleaned(name),))
    assert summary.named == EXPECTED[name]["named_studies"]
    assert summary.general == sum(not s["identified_by"] for s in EXPECTED[name]["studies"])
