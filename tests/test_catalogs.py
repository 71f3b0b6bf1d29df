"""The catalog template lists exactly the strings the code sends to the book channel, and every
shipped catalog translates all of them, keeping placeholders and babel's plural forms."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from peptidebook.i18n import locales_dir

from .conftest import LOCALES, ROOT
from .helpers import forms


def test_template_is_up_to_date_run_make_catalogs_if_not() -> None:
    in_code = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / "src"):
        in_code.add(message if isinstance(message, str) else tuple(message))
    with (LOCALES / "peptidebook.pot").open("rb") as fh:
        template = read_po(fh)
    in_template = {m.id for m in template if m.id}
    assert in_code == in_template


# ------------------------------------------------------------------ the shipped catalogs

#: The book languages the project ships complete catalogs for.
SHIPPED = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ar", "he", "zh_Hans", "ja")
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _catalog(lang: str) -> Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / "peptidebook.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _template_ids() -> set[object]:
    with (LOCALES / "peptidebook.pot").open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def _single_number_forms(catalog: Catalog) -> set[int]:
    """Plural forms that only ever stand for one number (English "one", Arabic "zero", "one",
    "two"), which a translation may spell out instead of printing ``{count}``."""
    plural = gettext.c2py(catalog.plural_expr)
    hits: dict[int, set[int]] = {}
    for n in range(1000):
        hits.setdefault(plural(n), set()).add(n)
    return {form for form, numbers in hits.items() if len(numbers) == 1} | {plural(1)}


def test_every_shipped_language_has_a_catalog() -> None:
    found = {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/*.po")}
    assert found == set(SHIPPED)


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalog_is_complete_and_current(lang: str) -> None:
    catalog = _catalog(lang)
    assert {m.id for m in catalog if m.id} == _template_ids(), "run make catalogs"
    assert not catalog.obsolete
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = forms(message.string)
        assert len(strings) == (catalog.num_plurals if message.pluralizable else 1)
        assert all(s.strip() for s in strings), f"untranslated: {message.id!r}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_their_placeholders(lang: str) -> None:
    catalog = _catalog(lang)
    spelled_out = _single_number_forms(catalog)
    for message in catalog:
        if not message.id:
            continue
        wanted = set(PLACEHOLDER.findall(forms(message.id)[0]))
        strings = forms(message.string)
        for form, string in enumerate(strings):
            found = set(PLACEHOLDER.findall(string))
            assert found <= wanted, f"{lang}: unknown placeholder in {string!r}"
            missing = wanted - found
            if message.pluralizable and form in spelled_out:
                missing -= {"count"}
            assert not missing, f"{lang}: {sorted(missing)} dropped from {string!r}"


def test_arabic_and_polish_have_babel_plural_forms() -> None:
    assert _catalog("ar").num_plurals == 6
    assert _catalog("pl").num_plurals == 3
    assert _catalog("ja").num_plurals == 1


def test_catalogs_are_package_data_read_from_the_checkout_in_an_editable_install() -> None:
    assert Path(str(locales_dir())) == LOCALES.resolve()
