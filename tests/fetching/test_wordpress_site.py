"""Fetching a live WordPress site through the REST API, with a fake fetcher (no network)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import InputError, UsageError
from peptidebook.fetching import Fetched, StatusError
from peptidebook.fetching.saved_posts import save_posts
from peptidebook.fetching.wordpress_site import SiteQuery, api_url, fetch_posts
from peptidebook.readers import read_file

SITE = "https://blog.example.org"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def post(slug: str) -> dict[str, object]:
    return {"slug": slug, "link": f"{SITE}/{slug}/", "title": {"rendered": slug.title()},
            "date_gmt": "2026-05-05T10:00:00", "content": {"rendered": "<p>Text.</p>"}}


class FakeSite:
    """Answers REST URLs from a dict; anything else is refused like a 400/404 would be."""

    def __init__(self, answers: dict[str, object]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        self.asked.append(url)
        assert headers == {"Accept": "application/json"}
        if url not in self.answers:
            raise StatusError(f"{url}: not fetched: HTTP 400 Bad Request", 400, {})
        return Fetched(url, json.dumps(self.answers[url]).encode(), "application/json")


def test_fetch_by_slug_stamps_retrieval_and_reader_uses_it(tmp_path: Path) -> None:
    query = SiteQuery(SITE, slugs=("a-post",))
    site = FakeSite({api_url(query, slug="a-post"): [post("a-post")]})
    (path,) = save_posts(fetch_posts(query, site, now=lambda: NOW), tmp_path)
    assert path.name == "a-post.json"
    (article,) = read_file(path, Report())
    assert article.source.retrieved == NOW
    assert article.source.url == f"{SITE}/a-post/"


def test_without_total_headers_the_pages_are_read_until_a_short_one() -> None:
    query = SiteQuery(SITE)
    site = FakeSite({
        api_url(query, per_page=100, page=1): [post(f"p{n}") for n in range(100)],
        api_url(query, per_page=100, page=2): [post("last")],
    })
    posts = fetch_posts(query, site, now=lambda: NOW)
    assert len(posts) == 101 and len(site.asked) == 2


def test_unknown_slug_is_an_input_error() -> None:
    query = SiteQuery(SITE, slugs=("nope",))
    site = FakeSite({api_url(query, slug="nope"): []})
    with pytest.raises(InputError, match="no post with that slug"):
        fetch_posts(query, site)


def test_non_json_answer_is_an_input_error() -> None:
    query = SiteQuery(SITE, slugs=("a",))

    class HtmlSite(FakeSite):
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
            return Fetched(url, b"<html>login</html>", "text/html")

    with pytest.raises(InputError, match="did not answer with JSON"):
        fetch_posts(query, HtmlSite({}))


@pytest.mark.parametrize("site", ["http://blog.example.org", "blog.example.org", "file:///etc"])
def test_site_must_be_https(site: str) -> None:
    with pytest.raises(UsageError, match="https://"):
        api_url(SiteQuery(site), slug="a")


def test_pages_use_the_pages_endpoint() -> None:
    assert "/wp-json/wp/v2/pages?" in api_url(SiteQuery(SITE, post_type="pages"), slug="x")


@pytest.mark.parametrize(
    ("site", "problem"),
    [
        ("https://[::1", "invalid IPv6 URL"),
        ("https://exa mple.com", "contains a space"),
        ("https://:80", "names no host"),
        ("https://host:99999", "port out of range"),
        ("https://", "names no host"),
        ("https://a..b", "cannot be encoded (IDNA: label empty or too long)"),
        ("https://" + "a" * 64 + ".org", "cannot be encoded (IDNA: label empty or too long)"),
    ],
)
def test_a_malformed_site_is_a_usage_error_naming_it(site: str, problem: str) -> None:
    with pytest.raises(UsageError) as raised:
        api_url(SiteQuery(site), slug="a")
    assert str(raised.value).startswith(f"{site}: not a valid address (")
    assert problem in str(raised.value)


def test_json_nested_too_deeply_is_an_input_error() -> None:
    query = SiteQuery(SITE, slugs=("a",))

    class DeepSite(FakeSite):
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
            return Fetched(url, b"[" * 100_000 + b"]" * 100_000, "application/json")

    with pytest.raises(InputError, match="JSON nested too deeply"):
        fetch_posts(query, DeepSite({}))


# ------------------------------------------------------------------ saved file names


def saved(posts: list[dict[str, object]], folder: Path,
          report: Report | None = None) -> list[str]:
    return [p.name for p in save_posts(posts, folder, report if report is not None else Report())]


def test_slugs_equal_after_making_them_safe_never_overwrite_each_other(tmp_path: Path) -> None:
    report = Report()
    names = saved([post("same"), post("Same"), post("SAME")], tmp_path, report)
    assert names == ["same.json", "same-2.json", "same-3.json"]
    assert [json.loads((tmp_path / n).read_text())["slug"] for n in names] == [
        "same", "Same", "SAME"]
    assert [d.code for d in report.diagnostics] == ["renamed", "renamed"]
    assert "is already used by another post of this fetch" in report.diagnostics[0].message


@pytest.mark.parametrize(("slug", "name"), [
    ("../../../../escaped", "escaped.json"),
    ("/etc/cron.d/x", "etc-cron-d-x.json"),
    (".hidden", "hidden.json"),
    ("line\nbreak", "line-break.json"),
    ("rtl\u202etxt", "rtltxt.json"),
    ("con", "con-2.json"),
    ("%d0%bf%d1%80%d0%b8", "post-7.json"),  # percent-decoded: no ASCII letter left
    ("x" * 1000, "x" * 80 + ".json"),
])
def test_an_unsafe_slug_is_saved_under_a_safe_name_inside_the_folder(
        tmp_path: Path, slug: str, name: str) -> None:
    report = Report()
    folder = tmp_path / "posts"
    assert saved([{**post("a"), "slug": slug, "id": 7}], folder, report) == [name]
    assert [p.name for p in tmp_path.rglob("*")] == ["posts", name]
    (diagnostic,) = report.diagnostics
    assert diagnostic.code == "renamed" and diagnostic.where == str(folder / name)


def test_one_bad_slug_never_stops_the_others(tmp_path: Path) -> None:
    names = saved([post("first"), {**post("a"), "slug": "x" * 1000}, post("last")], tmp_path)
    assert names[0] == "first.json" and names[2] == "last.json" and len(names[1]) == 85


def test_only_a_post_fetched_before_is_replaced(tmp_path: Path) -> None:
    query = SiteQuery(SITE, slugs=("mine",))
    site = FakeSite({api_url(query, slug="mine"): [post("mine")]})
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    fetched = fetch_posts(query, site, now=lambda: NOW)
    assert saved(fetched, tmp_path) == ["mine.json"]
    assert saved(fetched, tmp_path) == ["mine.json"]  # the earlier fetch's: replaced
    report = Report()
    assert saved([{**post("x"), "slug": "notes"}], tmp_path, report) == ["notes-2.json"]
    assert (tmp_path / "notes.json").read_text(encoding="utf-8") == "{}"
    assert "not a post peptidebook fetched" in report.diagnostics[0].message


def test_without_a_report_a_rename_is_logged(tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="peptidebook"):
        assert [p.name for p in save_posts([post("a"), post("A")], tmp_path)] == [
            "a.json", "a-2.json"]
    assert "the post's slug 'A' is already used" in caplog.text
