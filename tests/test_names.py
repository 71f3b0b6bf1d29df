"""Names we make: one function makes every file name and id safe, bounded and unique."""

from __future__ import annotations

import pytest

from peptidebook.names import (
    DEVICE_NAMES,
    ID_LIMIT,
    IdAllocator,
    Named,
    is_safe_id,
    is_safe_name,
    safe_name,
    site_name,
)


@pytest.mark.parametrize(("text", "name"), [
    ("sermorelin-skin-health", "sermorelin-skin-health"),
    ("../../../../escaped", "escaped"),
    ("/tmp/abs", "tmp-abs"),
    ("line\nbreak", "line-break"),
    ("rtl\u202etxt", "rtltxt"),
    (".hidden", "hidden"),
    (".", ""),
    ("..", ""),
    ("Same", "same"),
    ("Ça va — très bien", "ca-va-tres-bien"),
    ("ﬁle", "file"),
    ("日本語", ""),
    ("a--b__c", "a-b-c"),
])
def test_safe_name_keeps_letters_and_digits_only(text: str, name: str) -> None:
    assert safe_name(text) == name


@pytest.mark.parametrize(("text", "limit", "name"), [
    ("x" * 1000, 40, "x" * 40),
    ("aaaa-bbbb-cccc", 9, "aaaa-bbbb"),  # a hyphen right after the limit ends a word
    ("aaaa-bbbb-cccc", 10, "aaaa-bbbb"),
    ("aaaa-bbbbbbbbbbbb", 8, "aaaa"),
    ("aaaaaaaaaaaa-bb", 8, "aaaaaaaa"),  # no hyphen within the limit: cut mid-word
])
def test_safe_name_is_bounded_and_cut_between_words(text: str, limit: int, name: str) -> None:
    assert safe_name(text, limit) == name


@pytest.mark.parametrize(("name", "safe"), [
    ("ch01-a", True), ("2019-study", True), ("con", False), ("a b", False), ("a/b", False),
    ("-a", False), ("a-", False), ("a--b", False), ("A", False), ("", False),
    ("a" * (ID_LIMIT + 1), False),
])
def test_is_safe_name(name: str, safe: bool) -> None:
    assert is_safe_name(name) is safe


@pytest.mark.parametrize(("name", "safe"), [("con", True), ("2019-study", False), ("a.b", False)])
def test_is_safe_id_wants_a_letter_first(name: str, safe: bool) -> None:
    assert is_safe_id(name) is safe


def test_ids_never_start_with_a_digit_and_are_deduplicated() -> None:
    ids = IdAllocator()
    assert [ids.take("2019-study"), ids.take("x"), ids.take("x")] == [
        "id-2019-study", "x", "x-2"]


@pytest.mark.parametrize(("given", "named"), [
    ("dosage", Named("dosage")),
    ("Dosage", Named("dosage")),  # only lower-cased: not news
    ("bad id<", Named("bad-id", "has characters a file name or id cannot hold")),
    ("über", Named("uber", "has characters a file name or id cannot hold")),
    ("2019", Named("id-2019", "does not start with a letter")),
    ("???", Named("fallback", "has no ASCII letter or digit")),
    ("toc", Named("toc-2", "is reserved as one of the book's own ids")),
    ("page-3", Named("page-3-2", "is reserved as one of the book's own ids")),
    ("x" * 1000, Named("x" * ID_LIMIT, f"is longer than {ID_LIMIT} characters")),
    ("-".join(["word"] * 100), Named("-".join(["word"] * 20))),  # cut between words
])
def test_give_says_why_a_given_name_changed(given: str, named: Named) -> None:
    assert IdAllocator().give(given, fallback="fallback") == named


def test_a_given_name_already_used_gets_a_suffix_and_a_reason() -> None:
    ids = IdAllocator()
    ids.reserve("ch01-intro")
    assert ids.give("ch01-intro") == Named("ch01-intro-2", "is already used in the book")
    assert ids.give("CH01-INTRO") == Named("ch01-intro-3", "is already used in the book")


def test_companions_are_taken_with_the_name() -> None:
    ids = IdAllocator()
    ids.reserve("q-faq")
    assert ids.take("q", ("-faq",)) == "q-2"
    assert not ids.is_free("q-2-faq")


def test_a_suffix_never_makes_a_name_longer_than_the_limit() -> None:
    names = IdAllocator.for_files(40)
    first, second = names.give("a" * 40 + "-one"), names.give("a" * 40 + "-two")
    assert (first.name, second.name) == ("a" * 40, "a" * 38 + "-2")
    assert first.why is None and second.why == "is already used in the book"


@pytest.mark.parametrize("device", sorted(DEVICE_NAMES))
def test_file_names_are_never_windows_device_names(device: str) -> None:
    named = IdAllocator.for_files(40).give(device.upper())
    assert named == Named(f"{device}-2", "is reserved as a device name on Windows")


def test_file_names_may_start_with_a_digit() -> None:
    assert IdAllocator.for_files(40).give("2019-study") == Named("2019-study")


def test_many_equal_names_take_linear_time() -> None:
    """A post with thousands of ``id="x"`` must not make naming quadratic (nothing hangs)."""

    class Counting(IdAllocator):
        checks = 0

        def is_free(self, name: str) -> bool:
            Counting.checks += 1
            return super().is_free(name)

    ids = Counting()
    names = [ids.give("x", ("-faq",)).name for _ in range(2000)]
    assert names[:3] == ["x", "x-2", "x-3"] and len(set(names)) == 2000
    assert Counting.checks < 3 * 2 * 2000  # two names checked per candidate, ~one candidate


@pytest.mark.parametrize(("url", "site"), [
    ("https://www.trimrx.com/blog/x/", "trimrx.com"),
    ("https://Peptides.Example.org:8443/a", "peptides.example.org"),
    ("https://[::1/post", None),  # urllib cannot split it: no site, no crash
    ("/relative/path", None),
    ("https://www./x", None),
    (None, None),
])
def test_site_name_is_the_host_without_www(url: str | None, site: str | None) -> None:
    assert site_name(url) == site
