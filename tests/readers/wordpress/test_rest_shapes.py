"""The WordPress REST reader: every shape the APIs return for posts is read, and what is not
posts is refused in one line saying what it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from peptidebook.diagnostics import Report
from peptidebook.errors import InputError
from peptidebook.model import Article, Endnotes, Image, NoteRef, Paragraph, Text
from peptidebook.readers import read_file
from peptidebook.walk import iter_blocks, iter_inlines, plain_text

from .test_rest import POST


def write(tmp_path: Path, payload: object) -> Path:
    path = tmp_path / "post.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def read_all(tmp_path: Path, payload: object) -> tuple[list[Article], Report]:
    report = Report()
    return read_file(write(tmp_path, payload), report), report


def body(article: Article) -> str:
    return " ".join(plain_text(b.children) for b in article.blocks if isinstance(b, Paragraph))


def codes(report: Report) -> list[str]:
    return [d.code for d in report.diagnostics]


def refusal(tmp_path: Path, payload: object) -> str:
    with pytest.raises(InputError) as raised:
        read_file(write(tmp_path, payload), Report())
    message = str(raised.value)
    assert "\n" not in message
    return message.removeprefix(f"{tmp_path / 'post.json'}: not a WordPress post: ")


# --------------------------------------------------------------------------- posts


@pytest.mark.parametrize("kind", ["post", "page", "peptide_monograph"])
def test_any_post_type_with_content_is_read(tmp_path: Path, kind: str) -> None:
    (article,), _ = read_all(tmp_path, {**POST, "type": kind})
    assert body(article) == "Body."


def test_embedded_author_and_featured_media(tmp_path: Path) -> None:
    post = {**POST, "content": {"rendered": '<p><img src="https://x.example/f.jpg"></p>'},
            "_embedded": {"author": [{"code": "rest_user_invalid_id"}, {"name": "Ada"}],
                          "wp:featuredmedia": [{"source_url": "https://x.example/f.jpg",
                                                "alt_text": "A vial"}],
                          "wp:term": [[{"id": 1, "name": "Peptides", "taxonomy": "category"}]]}}
    (article,), report = read_all(tmp_path, post)
    assert article.authors == ("Ada",)
    images = [i for i in iter_inlines(article.blocks) if isinstance(i, Image)]
    assert [i.alt for i in images] == ["A vial"]
    assert "missing-alt" not in codes(report)


def test_edit_context_prefers_rendered(tmp_path: Path) -> None:
    post = {**POST, "content": {"raw": "<!-- wp:paragraph --><p>Raw.</p><!-- /wp:paragraph -->",
                                "rendered": "<p>Rendered.</p>", "block_version": 1},
            "title": {"raw": "Raw title", "rendered": "Rendered title"}}
    (article,), _ = read_all(tmp_path, post)
    assert (article.title, body(article)) == ("Rendered title", "Rendered.")


def test_edit_context_raw_only_is_read_like_an_export(tmp_path: Path) -> None:
    raw = ("<!-- wp:paragraph --><p>Claim.<sup data-fn=\"f1\" class=\"fn\">"
           "<a href=\"#f1\" id=\"f1-link\">1</a></sup></p><!-- /wp:paragraph -->\n"
           "<!-- wp:footnotes /-->")
    post = {**POST, "content": {"raw": raw}, "title": {"raw": "Raw title"},
            "meta": {"footnotes": json.dumps([{"id": "f1", "content": "Smith 2020."}])}}
    (article,), _ = read_all(tmp_path, post)
    assert article.title == "Raw title"
    # The rendered notes are what the HTML reader maps to a marker and its note.
    (marker,) = [i for i in iter_inlines(article.blocks) if isinstance(i, NoteRef)]
    (notes,) = [b for b in iter_blocks(article.blocks) if isinstance(b, Endnotes)]
    assert [n.id for n in notes.notes] == [marker.target]
    assert "Smith 2020." in plain_text(
        i for i in iter_inlines(notes.notes[0].blocks) if isinstance(i, Text))


def test_edit_context_classic_raw_gets_paragraphs(tmp_path: Path) -> None:
    post = {**POST, "content": {"raw": "First paragraph.\n\nSecond one."}}
    (article,), _ = read_all(tmp_path, post)
    assert [plain_text(b.children) for b in article.blocks if isinstance(b, Paragraph)] == [
        "First paragraph.", "Second one."]


def test_fields_listing_without_content_uses_the_excerpt(tmp_path: Path) -> None:
    post = {k: v for k, v in POST.items() if k != "content"}
    (article,), report = read_all(tmp_path, post)
    assert body(article).startswith("What it is & does")
    assert article.summary is None
    assert "excerpt-only" in codes(report)


def test_wordpress_com_v1_1_shape(tmp_path: Path) -> None:
    post = {"ID": 7, "URL": "https://blog.example.com/2016/04/06/hello/", "slug": "",
            "title": "Hello &amp; welcome", "content": "<p>Words.</p>", "excerpt": "",
            "date": "2016-04-06T10:00:00+02:00", "author": {"ID": 1, "name": "Grace"},
            "featured_image": "https://blog.example.com/f.jpg", "type": "post"}
    (article,), _ = read_all(tmp_path, {"found": 1, "posts": [post]})
    assert (article.title, article.slug, article.authors, body(article)) == (
        "Hello & welcome", "hello", ("Grace",), "Words.")
    assert article.source.url == "https://blog.example.com/2016/04/06/hello/"
    assert article.published is not None and article.published.hour == 8


def test_wp_api_v1_featured_image_object_gives_alt(tmp_path: Path) -> None:
    post = {**POST, "content": '<p><img src="https://x.example/f.jpg"></p>',
            "featured_image": {"ID": 3, "source_url": "https://x.example/f.jpg",
                               "alt_text": "Vial"}}
    (article,), _ = read_all(tmp_path, post)
    assert [i.alt for i in iter_inlines(article.blocks) if isinstance(i, Image)] == ["Vial"]


@pytest.mark.parametrize("envelope", ["post", "data-post"])
def test_graphql_shape(tmp_path: Path, envelope: str) -> None:
    post = {"databaseId": 5, "slug": "test-post", "title": "Test Post",
            "content": '<p>Body <img src="https://x.example/a.jpg"></p>',
            "author": {"node": {"name": "Test User"}},
            "featuredImage": {"node": {"sourceUrl": "https://x.example/a.jpg",
                                       "altText": "An A"}}}
    payload = {"post": post} if envelope == "post" else {"data": {"post": post}}
    (article,), _ = read_all(tmp_path, payload)
    assert (article.title, article.authors) == ("Test Post", ("Test User",))
    assert [i.alt for i in iter_inlines(article.blocks) if isinstance(i, Image)] == ["An A"]


def test_array_items_that_are_not_posts_are_left_out(tmp_path: Path) -> None:
    comment = {"id": 1, "post": 42, "author_name": "Bob", "content": {"rendered": "<p>Hi</p>"},
               "type": "comment"}
    articles, report = read_all(tmp_path, [POST, comment])
    assert len(articles) == 1
    assert "left-out" in codes(report)


# --------------------------------------------------------------------------- refusals

COMMENT = {"id": 1, "post": 42, "parent": 0, "author": 0, "author_name": "Bob",
           "content": {"rendered": "<p>Nice.</p>"}, "type": "comment",
           "author_avatar_urls": {}}
USER = {"id": 6, "name": "Ada", "slug": "ada", "description": "", "avatar_urls": {}}
TERM = {"id": 1, "count": 3, "name": "News", "slug": "news", "taxonomy": "category"}
MEDIA = {"id": 9, "type": "attachment", "media_type": "image",
         "source_url": "https://x.example/a.jpg", "description": {"rendered": "<p>A</p>"},
         "caption": {"rendered": ""}, "alt_text": ""}


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        ([COMMENT, COMMENT], "a comments collection, not posts"),
        (COMMENT, "a comment, not a post"),
        ([USER], "a user, not a post"),
        ([USER, USER], "a list of users, not posts"),
        ([TERM, TERM], "a list of terms (categories or tags), not posts"),
        (MEDIA, "a media item, not a post"),
        ({"name": "Site", "namespaces": ["wp/v2"], "routes": {}},
         "the API's index (/wp-json/), not a post"),
        ({"namespace": "wp/v2", "routes": {}, "_links": {}},
         "the API's index (/wp-json/), not a post"),
        ({"code": "rest_forbidden", "message": "Sorry, you are\nnot allowed.",
          "data": {"status": 401}},
         "the API answered rest_forbidden: Sorry, you are not allowed."),
        ({"error": "unknown_post", "message": "Unknown post"},
         "the API answered unknown_post: Unknown post"),
        ({"posts": [], "found": 0}, "the array is empty"),
        ([], "the array is empty"),
        ({**POST, "content": {"rendered": "", "protected": True}, "excerpt": {"rendered": ""}},
         "the post is password-protected: the API does not give its content"),
        ({"id": 3, "title": {"rendered": "T"}}, "it has no content"),
    ],
    ids=["comments", "comment", "user", "users", "terms", "media", "index", "v2-index", "error",
         "wpcom-error", "wpcom-empty", "empty", "protected", "no-content"],
)
def test_what_is_not_posts_is_refused_in_one_line(
    tmp_path: Path, payload: Any, said: str
) -> None:
    assert refusal(tmp_path, payload) == said
