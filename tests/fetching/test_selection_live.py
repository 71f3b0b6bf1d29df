"""``peptidebook fetch`` and ``build https://…`` choosing posts and logging in, against the
local HTTPS server of :mod:`.test_live_site` (trustme certificate, CA from ``SSL_CERT_FILE``):
each filter as the server receives it, categories, tags and authors resolved to ids (and the
errors when they are not there), a custom post type checked against ``/types``, an application
password login (the server checks the Basic header and shows drafts only then) that never
reaches a saved file, the report or the console, and a whole book built from the site.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from peptidebook.cli import main
from peptidebook.diagnostics import Report
from peptidebook.errors import FetchError, UsageError
from peptidebook.fetching import HttpsFetcher
from peptidebook.fetching import wordpress_site as site_module
from peptidebook.fetching.site_options import (
    PASSWORD_VARIABLE,
    Login,
    login_for,
    parse_date,
    parse_ids,
)
from peptidebook.fetching.site_retry import Retry
from peptidebook.fetching.wordpress_site import SiteQuery, fetch_posts

from .test_live_site import https_server, send

USER = "editor"
PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"  # the shape of a WordPress application password
CATEGORIES = {"news": 7, "science": 9}
TAGS = {"peptides": 21}
USERS = [{"id": 3, "slug": "alice", "name": "Alice Archer"},
         {"id": 4, "slug": "alan", "name": "Alan Albright"},
         {"id": 5, "slug": "bob", "name": "Bob Builder"}]
TYPES = {"post": {"slug": "post", "rest_base": "posts", "taxonomies": ["category", "post_tag"]},
         "page": {"slug": "page", "rest_base": "pages", "taxonomies": []},
         "attachment": {"slug": "attachment", "rest_base": "media", "taxonomies": []},
         "book": {"slug": "book", "rest_base": "books", "taxonomies": ["category"]}}


def post(n: int, status: str = "publish") -> dict[str, object]:
    return {"id": n, "slug": f"post-{n}", "status": status, "type": "post",
            "link": f"https://blog.example/post-{n}/", "date_gmt": "2024-05-05T10:00:00",
            "title": {"rendered": f"Post {n}"},
            "content": {"rendered": f"<p>The text of post {n}, a {status} post.</p>"}}


POSTS = [post(1), post(2), post(3, "draft")]


@dataclass
class Wp:
    """The site's state: the requests it was sent (path, query, Authorization, Host) and the
    redirects scripted for the posts collection (Location templates, used in turn)."""

    port: int
    password: str = PASSWORD
    redirects: list[str] = field(default_factory=list)
    asked: list[tuple[str, dict[str, list[str]], str | None, str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def posts_asked(self) -> list[dict[str, str]]:
        """The query of each request for posts, but its paging and ``_embed``."""
        return [{k: v[0] for k, v in query.items() if k not in ("per_page", "page", "_embed")}
                for path, query, _auth, _host in self.asked
                if path.endswith(("/posts", "/books", "/pages"))]

    def paths_asked(self) -> list[str]:
        return [path.removeprefix("/wp-json/wp/v2/") for path, *_rest in self.asked]


class _WordPress(BaseHTTPRequestHandler):
    wp: Wp

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        auth = self.headers.get("Authorization")
        self.wp.asked.append((parts.path, query, auth, self.headers.get("Host", "")))
        route = parts.path.removeprefix("/wp-json/wp/v2/")
        if route in ("categories", "tags"):
            terms = CATEGORIES if route == "categories" else TAGS
            slug = query["slug"][0]
            self.json([{"id": terms[slug], "slug": slug}] if slug in terms else [])
        elif route == "users":
            if "slug" in query:
                self.json([u for u in USERS if u["slug"] == query["slug"][0]])
            else:
                text = query["search"][0].lower()
                self.json([u for u in USERS if text in str(u["name"]).lower()])
        elif route == "types":
            self.json(TYPES)
        elif route in ("posts", "pages", "books"):
            self.collection(query, auth)
        else:
            send(self, 404, b'{"code":"rest_no_route"}')

    def collection(self, query: dict[str, list[str]], auth: str | None) -> None:
        if self.wp.redirects:
            location = self.wp.redirects.pop(0).format(port=self.wp.port, path=self.path)
            send(self, 302, b"", ("Location", location))
            return
        # As WordPress: a wrong application password is refused whatever is asked;
        # a status other than publish needs a logged-in user.
        expected = "Basic " + base64.b64encode(f"{USER}:{self.wp.password}".encode()).decode()
        if auth is not None and auth != expected:
            send(self, 401, b'{"code":"incorrect_password","message":"The password is wrong."}')
            return
        statuses = query.get("status", ["publish"])[0].split(",")
        if auth is None and statuses != ["publish"]:
            send(self, 401, b'{"code":"rest_forbidden_status"}')
            return
        self.json([p for p in POSTS if p["status"] in statuses])

    def json(self, answer: object) -> None:
        body = json.dumps(answer).encode()
        total = len(answer) if isinstance(answer, list) else 1
        send(self, 200, body, ("Content-Type", "application/json; charset=UTF-8"),
             ("X-WP-Total", str(total)), ("X-WP-TotalPages", "1"))

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def wp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Wp]:
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.netrc but a test's own
    monkeypatch.setattr(site_module, "DEFAULT_RETRY", Retry(sleep=lambda _s: None))
    with https_server(_WordPress, tmp_path, monkeypatch) as (port, _ca):
        state = Wp(port)
        _WordPress.wp = state
        yield state


def fetch(wp: Wp, tmp_path: Path, *options: str) -> int:
    return main(["fetch", wp.url, "--allow-host", "127.0.0.1", "-o", str(tmp_path / "out"),
                 *options])


def saved(tmp_path: Path) -> list[tuple[int, str]]:
    return sorted((p["id"], p["status"]) for p in
                  (json.loads(f.read_text(encoding="utf-8")) for f in
                   (tmp_path / "out").glob("*.json")))


# ------------------------------------------------------------------------ each filter
@pytest.mark.parametrize(("options", "sent"), [
    (["--category", "news"], {"categories": "7"}),
    (["--category", "news", "--category", "science"], {"categories": "7,9"}),
    (["--tag", "peptides"], {"tags": "21"}),
    (["--author", "alice"], {"author": "3"}),  # a user's slug
    (["--author", "Builder"], {"author": "5"}),  # no such slug: the one user it finds
    (["--author", "alice", "--author", "bob"], {"author": "3,5"}),
    (["--search", "collagen peptide"], {"search": "collagen peptide"}),
    (["--after", "2024-01-01", "--before", "2024-06-30T12:00"],
     {"after": "2024-01-01T00:00:00", "before": "2024-06-30T12:00:00"}),
    (["--after", "2024-01-01T10:00+02:00"], {"after": "2024-01-01T08:00:00"}),
    (["--include", "5,6", "--include", "7"], {"include": "5,6,7"}),
    (["--category", "news", "--tag", "peptides", "--author", "bob", "--search", "dose"],
     {"categories": "7", "tags": "21", "author": "5", "search": "dose"}),
])
def test_each_filter_reaches_the_server_as_the_rest_api_names_it(
        wp: Wp, tmp_path: Path, options: list[str], sent: dict[str, str]) -> None:
    assert fetch(wp, tmp_path, *options) == 0
    assert wp.posts_asked() == [sent]
    assert saved(tmp_path) == [(1, "publish"), (2, "publish")]


def test_the_slugs_are_resolved_once_each_before_the_posts_are_asked_for(
        wp: Wp, tmp_path: Path) -> None:
    assert fetch(wp, tmp_path, "--category", "news", "--tag", "peptides",
                 "--author", "Builder") == 0
    assert wp.paths_asked() == ["categories", "tags", "users", "users", "posts"]


@pytest.mark.parametrize(("options", "path"), [
    (["--type", "books"], "/wp-json/wp/v2/books"),
    (["--type", "book"], "/wp-json/wp/v2/books"),  # the type's name: its REST base is used
    (["--type", "books", "--category", "news"], "/wp-json/wp/v2/books"),
])
def test_a_custom_post_type_is_checked_against_the_sites_types(
        wp: Wp, tmp_path: Path, options: list[str], path: str) -> None:
    assert fetch(wp, tmp_path, *options) == 0
    assert wp.paths_asked()[0] == "types"
    assert wp.asked[-1][0] == path


@pytest.mark.parametrize(("options", "expected"), [
    (["--category", "nope"], (3, "--category nope: the site has no category with that slug ")),
    (["--tag", "nope"], (3, "--tag nope: the site has no tag with that slug ")),
    (["--author", "zed"], (3, "--author zed: no author of the site has that slug or matches it")),
    (["--author", "Al"], (3, ("--author Al: matches 2 authors: alice (Alice Archer), alan "
                             "(Alan Albright); give one's slug"))),
    (["--type", "movies"], (2, ("--type movies: the site has no post type with that REST "
                               "base; it has books, media, pages, posts "))),
    (["--type", "pages", "--tag", "x"], (2, "--tag x: pages have no post_tag taxonomy")),
])
def test_what_the_site_does_not_have_is_one_line_naming_it(
        wp: Wp, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str],
        expected: tuple[int, str]) -> None:
    code, message = expected
    assert fetch(wp, tmp_path, *options) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"peptidebook: error: {message}")
    assert wp.posts_asked() == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--after", "2024-13-01"], "--after 2024-13-01: not an ISO 8601 date"),
    (["--after", "2024-06-01", "--before", "2024-01-01"],
     "--after 2024-06-01T00:00:00 is not before --before 2024-01-01T00:00:00"),
    (["--include", "5,x"], "--include 5,x: 'x' is not a post id"),
    (["--type", "../users"], "--type ../users: not a post type's REST base"),
    (["--status", "draft"], ("--status draft: only a logged-in user sees draft posts: give "
                            "--user NAME")),
    (["--user", USER], (f"--user {USER}: no application password: set {PASSWORD_VARIABLE}, or "
                       f"add 'machine 127.0.0.1 login {USER} password …' to ")),
])
def test_a_wrong_option_is_a_usage_error_before_any_request(
        wp: Wp, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str],
        message: str) -> None:
    assert fetch(wp, tmp_path, *options) == 2
    assert f"peptidebook: error: {message}" in capsys.readouterr().err
    assert wp.asked == []


# ------------------------------------------------------------------------ login
def assert_never_shown(tmp_path: Path, err: str) -> None:
    """The password, and its Basic form, appear in no file written and not on the console."""
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    for secret in (PASSWORD, PASSWORD.replace(" ", ""), token):
        assert secret not in err
        for path in tmp_path.rglob("*"):
            if path.is_file() and path.name != ".netrc":
                assert secret.encode() not in path.read_bytes(), path


def test_an_application_password_shows_the_drafts_and_is_never_written(
        wp: Wp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    report = tmp_path / "report.json"
    assert fetch(wp, tmp_path, "--user", USER, "--status", "publish", "--status", "draft",
                 "--report", str(report), "--debug") == 0
    assert saved(tmp_path) == [(1, "publish"), (2, "publish"), (3, "draft")]
    assert wp.posts_asked() == [{"status": "publish,draft"}]
    assert {auth for _path, _query, auth, _host in wp.asked} == {
        "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
    assert report.is_file()
    assert_never_shown(tmp_path, capsys.readouterr().err)


def test_the_password_may_come_from_netrc(wp: Wp, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD.replace(' ', '')}\n",
                     encoding="utf-8")
    netrc.chmod(0o600)
    wp.password = PASSWORD.replace(" ", "")
    assert fetch(wp, tmp_path, "--user", USER, "--status", "draft") == 0
    assert saved(tmp_path) == [(3, "draft")]


def test_a_wrong_password_is_one_line_saying_the_login_failed(
        wp: Wp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong " + PASSWORD)
    report = tmp_path / "report.json"
    assert fetch(wp, tmp_path, "--user", USER, "--report", str(report)) == 3
    err = capsys.readouterr().err
    assert (f"HTTP 401 Unauthorized (incorrect_password): the login as {USER} failed; check "
            f"--user and the application password from {PASSWORD_VARIABLE}") in err
    assert "wrong" not in err and "wrong" not in report.read_text(encoding="utf-8")
    assert not (tmp_path / "out").exists()


def test_without_a_login_a_site_asking_for_one_says_drafts_need_user(
        wp: Wp, tmp_path: Path) -> None:
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1"}))
    query = SiteQuery(wp.url, params=(("status", "draft"),))
    with pytest.raises(FetchError,
                       match=r"HTTP 401 Unauthorized \(rest_forbidden_status\): the site asks "
                             "for a login; drafts and private posts need --user NAME"):
        fetch_posts(query, fetcher, report=Report())


@pytest.mark.parametrize(("location", "kept"), [
    ("https://127.0.0.1:{port}{path}&again=1", True),
    ("https://localhost:{port}{path}", False),  # another host: the credentials stay behind
])
def test_a_redirect_to_another_host_drops_the_login(wp: Wp, location: str, kept: bool) -> None:
    wp.redirects = [location]
    fetcher = HttpsFetcher(allow_hosts=frozenset({"127.0.0.1", "localhost"}))
    got = fetch_posts(SiteQuery(wp.url), fetcher, report=Report(),
                      login=Login(USER, PASSWORD, PASSWORD_VARIABLE))
    assert [p["id"] for p in got] == [1, 2]
    first, second = wp.asked
    assert first[2] is not None and second[3].startswith("127.0.0.1" if kept else "localhost")
    assert (second[2] == first[2]) is kept
    assert kept or second[2] is None


def test_a_login_shows_no_password_in_its_repr() -> None:
    login = Login(USER, PASSWORD, PASSWORD_VARIABLE)
    assert PASSWORD not in repr(login) and USER in repr(login)


def test_the_environment_comes_before_netrc(tmp_path: Path) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine blog.example login {USER} password from-netrc\n",
                     encoding="utf-8")
    netrc.chmod(0o600)
    site = "https://blog.example"
    assert login_for(site, USER, {PASSWORD_VARIABLE: "from-env"}, netrc).password == "from-env"
    assert login_for(site, USER, {}, netrc).password == "from-netrc"
    with pytest.raises(UsageError, match="no application password"):
        login_for(site, "someone-else", {}, netrc)


def test_a_malformed_netrc_is_named_without_quoting_it(tmp_path: Path) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine blog.example login editor password s3cret\ns3cret-leak here\n",
                     encoding="utf-8")
    netrc.chmod(0o600)
    with pytest.raises(UsageError) as caught:
        login_for("https://blog.example", USER, {}, netrc)
    assert str(caught.value) == f"{netrc}: not read as a netrc file (line 2)"


@pytest.mark.parametrize(("text", "iso"), [
    ("2024-05-01", "2024-05-01T00:00:00"),
    ("2024-05-01T12:30", "2024-05-01T12:30:00"),
    ("2024-05-01 12:30:15", "2024-05-01T12:30:15"),
    ("2024-05-01T12:30Z", "2024-05-01T12:30:00"),
])
def test_dates_are_read_as_iso_8601(text: str, iso: str) -> None:
    assert parse_date("--after", text).isoformat(timespec="seconds") == iso


def test_ids_are_positive_integers() -> None:
    assert parse_ids("12, 34") == (12, 34)
    with pytest.raises(UsageError, match="'0' is not a post id"):
        parse_ids("0")


# ------------------------------------------------------------------------ build https://site
def test_build_fetches_the_site_beside_the_output_and_builds_an_epub(
        wp: Wp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    stale = tmp_path / "sources" / "an-earlier-fetch.json"
    stale.parent.mkdir()
    stale.write_text(json.dumps(post(99)), encoding="utf-8")
    code = main(["build", wp.url, "--allow-host", "127.0.0.1", "--user", USER,
                 "--status", "publish", "--status", "draft", "--title", "From the site",
                 "-o", str(tmp_path / "book"), "-f", "epub"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Fetching posts into {tmp_path / 'sources'}" in err
    assert sorted(p.name for p in (tmp_path / "sources").glob("post-*.json")) == [
        "post-1.json", "post-2.json", "post-3.json"]
    epubs = list((tmp_path / "book").glob("*.epub"))
    assert [str(e) for e in epubs] == [line for line in out.splitlines()
                                       if line.endswith(".epub")]
    with zipfile.ZipFile(epubs[0]) as book:
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith("xhtml"))
    assert "The text of post 3, a draft post." in text
    assert "post 99" not in text  # only what this fetch saved is built
    assert_never_shown(tmp_path, err)


def test_build_names_one_site_at_a_time(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "https://a.example", "https://b.example", "-o", str(tmp_path)]) == 2
    assert "name one site at a time" in capsys.readouterr().err
