"""The WXR reader: which items are articles, under each WXR namespace form; what is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from peptidebook.errors import InputError

from .wxr_text import attachment, export, item, read, said


@pytest.mark.parametrize(
    "namespace",
    [
        "http://wordpress.org/export/1.0/",
        "http://wordpress.org/export/1.1/",
        "http://wordpress.org/export/1.2/",
        "https://wordpress.org/export/1.2/",  # the theme unit test export's form
    ],
)
def test_every_wxr_namespace_form_is_read(tmp_path: Path, namespace: str) -> None:
    articles, _ = read(tmp_path, export(item(), wp=namespace))
    assert [a.slug for a in articles] == ["p"]


def test_the_wxr_namespace_is_recognised_whatever_its_prefix(tmp_path: Path) -> None:
    text = export(item(prefix="alt")).replace(
        "<item>", '<item xmlns:alt="https://wordpress.org/export/1.2/">', 1)
    articles, _ = read(tmp_path, text)
    assert [a.slug for a in articles] == ["p"]


def test_a_wp_prefix_bound_to_another_namespace_is_not_wxr(tmp_path: Path) -> None:
    text = export(item(prefix="wp"), item(slug="q", post_id=2)).replace(
        "<item>", '<item xmlns:wp="http://example.com/fake/">', 1)
    articles, _ = read(tmp_path, text)
    assert [a.slug for a in articles] == ["q"]


def test_what_is_not_an_article_is_counted_once_per_file(tmp_path: Path) -> None:
    text = export(
        item(),
        item(slug="d1", post_id=2, status="draft"),
        item(slug="d2", post_id=3, status="draft"),
        item(slug="m", post_id=4, post_type="nav_menu_item"),
        item(slug="b", post_id=5, post_type="wp_block"),
        item(slug="pp", post_id=6, post_type="page", status="private"),
        attachment(7, "https://ex.org/a.jpg"),
    )
    _, report = read(tmp_path, text)
    assert said(report, "left-out") == [
        "left out 2 draft posts, 1 attachment, 1 nav_menu_item, 1 private page, 1 wp_block"
    ]


def test_nothing_left_out_says_nothing(tmp_path: Path) -> None:
    _, report = read(tmp_path, export(item()))
    assert said(report, "left-out") == []


@pytest.mark.parametrize(
    ("extra_item", "read_slugs"),
    [
        # A public custom post type with content is exported like a post: read.
        (item("<p>Dough.</p>", slug="bread", post_id=2, post_type="recipe"), ["p", "bread"]),
        # One without content, or not public (linked as ?post_type=…&p=…): left out.
        (item("", slug="empty", post_id=2, post_type="recipe"), ["p"]),
        (item("<p>x</p>", slug="form", post_id=2, post_type="wpcf7_contact_form",
              link="https://ex.org/?post_type=wpcf7_contact_form&amp;p=2"), ["p"]),
        # Internal types never, whatever their content.
        (item("<p>x</p>", slug="tpl", post_id=2, post_type="wp_template"), ["p"]),
    ],
)
def test_custom_post_types(tmp_path: Path, extra_item: str, read_slugs: list[str]) -> None:
    articles, _ = read(tmp_path, export(item(), extra_item))
    assert [a.slug for a in articles] == read_slugs


@pytest.mark.parametrize(
    ("items", "holds"),
    [
        ((item(status="draft"), attachment(2, "https://ex.org/a.jpg")),
         "it holds 1 attachment, 1 draft post"),
        ((), "it holds nothing"),
    ],
)
def test_an_export_without_articles_is_refused_with_what_it_holds(
        tmp_path: Path, items: tuple[str, ...], holds: str) -> None:
    with pytest.raises(InputError, match=f"WXR 1.2\\) holds no published post or page; {holds}"):
        read(tmp_path, export(*items))


def test_an_export_of_authors_only_counts_them(tmp_path: Path) -> None:
    author = ("<wp:author><wp:author_login>a</wp:author_login>"
              "<wp:author_display_name>A</wp:author_display_name></wp:author>")
    with pytest.raises(InputError, match=r"it holds 2 authors$"):
        read(tmp_path, export(author, author))
