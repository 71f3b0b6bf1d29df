"""Language tags: one parser for every stage (split, written as BCP 47, compared)."""

from __future__ import annotations

import pytest

from peptidebook.errors import UsageError
from peptidebook.languages import (
    fallback_chain,
    is_well_formed,
    normalize_tag,
    primary_language,
    same_language,
    write_tag,
)


@pytest.mark.parametrize(("tag", "chain"), [
    ("pt-BR", ["pt_BR", "pt"]),
    ("pt_BR", ["pt_BR", "pt"]),
    ("zh-Hans", ["zh_Hans", "zh"]),
    ("en", ["en"]),
])
def test_fallback_chain(tag: str, chain: list[str]) -> None:
    assert fallback_chain(tag) == chain


@pytest.mark.parametrize(("tag", "written"), [
    ("DE", "de"), ("de_DE", "de-DE"), ("zh_hans", "zh-Hans"), ("pt-br", "pt-BR"),
    ("es-419", "es-419"), ("en-us", "en-US"), ("sl-ROZAJ", "sl-rozaj"), (" fr ", "fr"),
])
def test_write_tag_follows_bcp_47_case_conventions(tag: str, written: str) -> None:
    assert write_tag(tag) == written


@pytest.mark.parametrize(("tag", "well_formed"), [
    ("en", True), ("pt_BR", True), ("zh-Hant-TW", True), ("yue", True),
    ("english", False), ("e", False), ("en-", False), ("en--US", False), ("12", False),
    ("en US", False), ("fr-toolongsubtag", False), ("ελ", False),
])
def test_is_well_formed(tag: str, well_formed: bool) -> None:
    assert is_well_formed(tag) is well_formed


def test_normalize_tag_refuses_a_malformed_or_unknown_tag() -> None:
    assert normalize_tag("PT_br") == "pt-BR"
    with pytest.raises(UsageError, match="is not a language tag"):
        normalize_tag("klingon")
    with pytest.raises(UsageError, match="unknown language 'xx'"):
        normalize_tag("xx")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("en", "en-US", True), ("EN-gb", "en-US", True), ("zh-Hans", "zh-Hant", False),
    ("zh", "zh-Hant", True), ("zh", "ja", False), (None, None, True), ("en", None, False),
])
def test_same_language(a: str | None, b: str | None, same: bool) -> None:
    assert same_language(a, b) is same


@pytest.mark.parametrize(("tag", "language"), [("pt-BR", "pt"), ("ZH_Hant", "zh"), ("he", "he")])
def test_primary_language(tag: str, language: str) -> None:
    assert primary_language(tag) == language
