"""The WordPress REST reader: JSON payloads (one post or an array of them) become raw Articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from peptidebook.diagnostics import Report
from peptidebook.dump import dump_article
from peptidebook.errors import InputError
from peptidebook.model import Article, Figure, Image, Link, Paragraph, Source, Text
from peptidebook.readers import read_file

from ...conftest import EXAMPLES

MUSCLE = EXAMPLES / "sermorelin-muscle-preservation.json"
SKIN = EXAMPLES / "sermorelin-skin-health.json"

POST: dict[str, Any] = {
    "id": 42,
    "date": "2026-05-05T11:57:35",
    "date_gmt": "2026-05-05T17:57:35",
    "modified": "2026-05-06T08:00:00",
    "modified_gmt": "2026-05-06T14:00:00",
    "slug": "sermorelin-basics",
    "link": "https://www.peptides.example.org/blog/sermorelin-basics/",
    "title": {"rendered": "Sermorelin &#8211; <em>the</em> Basics"},
    "content": {"rendered": '<p>Body.</p><img src="/u/vial-300x200.jpg">', "protected": False},
    "excerpt": {"rendered": "<p>What it is &amp; does [&hellip;]</p>\n"},
}
EMBEDDED: dict[str, Any] = {
    "author": [{"id": 6, "name": "Ada Lovelace"}],
    "wp:featuredmedia": [
        {
            "source_url": "https://www.peptides.example.org/u/vial.jpg",
            "alt_text": "A vial",
            "media_details": {
                "sizes": {
                    "medium": {"source_url": "https://www.peptides.example.org/u/vial-300x200.jpg"}
                }
            },
        }
    ],
}


def write(tmp_path: Path, payload: object) -> Path:
    path = tmp_path / "post.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def read_one(tmp_path: Path, payload: object) -> tuple[Article, Report]:
    report = Report()
    (article,) = read_file(write(tmp_path, payload), report)
    return article, report


# --------------------------------------------------------------------------- REST metadata


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Sermorelin – the Basics"),
        ("slug", "sermorelin-basics"),
        ("published", datetime(2026, 5, 5, 17, 57, 35, tzinfo=UTC)),
        ("modified", datetime(2026, 5, 6, 14, 0, tzinfo=UTC)),
        ("summary", "What it is & does"),
        ("lang", None),
        ("authors", ()),
    ],
)
def test_rest_post_metadata(tmp_path: Path, field: str, expected: object) -> None:
    article, _ = read_one(tmp_path, POST)
    assert getattr(article, field) == expected


def test_rest_source_names_file_link_and_host(tmp_path: Path) -> None:
    article, _ = read_one(tmp_path, POST)
    assert article.source == Source(
        "wordpress-rest",
        str(tmp_path / "post.json"),
        url="https://www.peptides.example.org/blog/sermorelin-basics/",
        publisher="peptides.example.org",
    )


def test_rest_without_embedded_reports_no_author_and_missing_alt(tmp_path: Path) -> None:
    _, report = read_one(tmp_path, POST)
    assert report.by_code() == {"no-author": 1, "missing-alt": 1}


def test_rest_embedded_gives_authors(tmp_path: Path) -> None:
    article, _ = read_one(tmp_path, {**POST, "_embedded": EMBEDDED})
    assert article.authors == ("Ada Lovelace",)


def test_rest_embedded_media_gives_alt_for_every_size(tmp_path: Path) -> None:
    article, report = read_one(tmp_path, {**POST, "_embedded": EMBEDDED})
    assert article.blocks[-1] == Figure(
        Image("https://www.peptides.example.org/u/vial-300x200.jpg", "A vial")
    )
    assert report.diagnostics == []


def test_rest_dates_fall_back_to_local_dates_taken_as_utc(tmp_path: Path) -> None:
    article, _ = read_one(tmp_path, {**POST, "date_gmt": None, "modified_gmt": None})
    assert article.published == datetime(2026, 5, 5, 11, 57, 35, tzinfo=UTC)


def test_rest_date_with_offset_is_converted_to_utc(tmp_path: Path) -> None:
    article, _ = read_one(tmp_path, {**POST, "date_gmt": "2026-05-05T11:57:35-06:00"})
    assert article.published == datetime(2026, 5, 5, 17, 57, 35, tzinfo=UTC)


def test_rest_without_dates_reports_no_date(tmp_path: Path) -> None:
    payload = {k: v for k, v in POST.items() if not k.startswith(("date", "modified"))}
    article, report = read_one(tmp_path, payload)
    assert article.published is None
    assert report.count("no-date") == 1


@pytest.mark.parametrize(
    ("extra", "lang"), [({"lang": "fr"}, "fr"), ({"wpml_current_locale": "pt_BR"}, "pt-BR")]
)
def test_rest_language_only_when_the_post_says(
    tmp_path: Path, extra: dict[str, str], lang: str
) -> None:
    article, _ = read_one(tmp_path, {**POST, **extra})
    assert article.lang == lang


def test_rest_without_title_uses_slug_and_reports(tmp_path: Path) -> None:
    article, report = read_one(tmp_path, {**POST, "title": {"rendered": ""}})
    assert article.title == "sermorelin-basics"
    assert report.count("no-title") == 1


def test_rest_body_links_resolve_against_the_post_link(tmp_path: Path) -> None:
    content = {"rendered": '<p><a href="../x/">x</a></p>'}
    article, _ = read_one(tmp_path, {**POST, "content": content})
    assert article.blocks == (
        Paragraph((Link((Text("x"),), "https://www.peptides.example.org/blog/x/"),)),
    )


def test_rest_array_gives_one_article_per_post(tmp_path: Path) -> None:
    report = Report()
    second = {**POST, "slug": "second"}
    articles = read_file(write(tmp_path, [POST, second]), report)
    assert [a.slug for a in articles] == ["sermorelin-basics", "second"]


# --------------------------------------------------------------------------- REST errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"title": ', "post.json: invalid JSON at line 1, column 11: Expecting value"),
        ("{\n  'a': 1}", "post.json: invalid JSON at line 2, column 3: Expecting property name"),
        ('{"title": {"rendered": "x"}}', "post.json: not a WordPress post: it has no content"),
        ('{"content": 3}', "post.json: not a WordPress post: it has no content"),
        (
            '{"code": "rest_post_invalid_id", "message": "Invalid post ID."}',
            "post.json: not a WordPress post: the API answered rest_post_invalid_id: Invalid",
        ),
        ("[1]", "post.json: not a WordPress post: expected a JSON object"),
        ("[]", "post.json: not a WordPress post: the array is empty"),
    ],
)
def test_rest_input_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "post.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_file(path, Report())
    assert str(raised.value).startswith(str(tmp_path / message))


def test_rest_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_file(tmp_path / "missing.json", Report())


# --------------------------------------------------------------------------- real samples


SAMPLE_SNIPPETS = {
    MUSCLE: {
        "keep": [
            "Here's what most weight loss protocols get catastrophically wrong",
            "preserved 78% of baseline lean mass compared to 62% in diet-only controls",
            "p < 0.01",
            '"Parameter"',
            '"Professional Assessment"',
            "Strong\n",
            "How long does it take to see sermorelin results muscle preservation benefits?",
            "What specific blood markers should I track to verify sermorelin is working",
            "BulletList",
            'Heading level=3\n      "What If I Don\'t See Muscle Preservation Results',
        ],
        "drop": ["font-size", "▼", "itemprop", "schema.org", "&#39;", "&#8217;", "faq-arrow",
                 "<style", "webkit"],
    },
    SKIN: {
        "keep": [
            "Journal of Clinical Endocrinology & Metabolism",
            '"Intervention"',
            '"Oral Collagen Supplements (Hydrolyzed)"',
            "Can sermorelin reverse deep wrinkles or sun damage?",
            "Is sermorelin safe for long-term use beyond one year?",
            "What is sermorelin for skin health?",
        ],
        "drop": ["font-size", "▼", "itemprop", "schema.org", "&#39;", "&amp;", "overflow-x",
                 "cursor: pointer"],
    },
}
CASES = [
    (sample, kind, snippet)
    for sample, snippets in SAMPLE_SNIPPETS.items()
    for kind, values in snippets.items()
    for snippet in values
]


@pytest.fixture(scope="module")
def sample_dumps() -> dict[Path, str]:
    dumps: dict[Path, str] = {}
    for sample in SAMPLE_SNIPPETS:
        (article,) = read_file(sample, Report())
        dumps[sample] = dump_article(article)
    return dumps


@pytest.mark.parametrize(
    ("sample", "kind", "snippet"), CASES, ids=[f"{s.stem}-{k}-{v[:30]}" for s, k, v in CASES]
)
def test_sample_keeps_content_and_drops_presentation(
    sample_dumps: dict[Path, str], sample: Path, kind: str, snippet: str
) -> None:
    if kind == "keep":
        assert snippet in sample_dumps[sample]
    else:
        assert snippet not in sample_dumps[sample]


@pytest.mark.parametrize("sample", [MUSCLE, SKIN], ids=lambda p: p.stem)
def test_sample_reports_only_its_style_blocks_and_missing_author(sample: Path) -> None:
    report = Report()
    read_file(sample, report)
    assert report.by_code() == {"dropped-unsafe": 2, "no-author": 1}
    assert report.warnings == []


# --------------------------------------------------------------------------- hostile input


def test_rest_control_characters_leave_every_field_and_are_reported_once(
    tmp_path: Path,
) -> None:
    payload = {
        **POST,
        "slug": "sermorelin\x00-basics",
        "title": {"rendered": "Sermorelin&#x1b; basics\x7f"},
        "content": {"rendered": "<p>Dose\x0cnotes&#12;here\x00&#1;.</p>"},
        "excerpt": {"rendered": "<p>Short\x1b.</p>"},
        "_embedded": {"author": [{"name": "Ada\x00 Lovelace"}]},
    }
    article, report = read_one(tmp_path, payload)
    assert (article.slug, article.title, article.authors, article.summary) == (
        "sermorelin-basics", "Sermorelin basics", ("Ada Lovelace",), "Short."
    )
    assert article.blocks == (Paragraph((Text("Dose notes here."),)),)
    assert [(d.code, d.where, d.message) for d in report.diagnostics] == [
        ("control-removed", "sermorelin-basics",
         ("removed 7 control characters: 1 from the slug (U+0000 ×1), 2 from the title "
         "(U+001B ×1, U+007F ×1), 1 from the author's name (U+0000 ×1), 2 from the content "
         "(U+0000 ×1, U+0001 ×1), 1 from the excerpt (U+001B ×1); replaced 2 control "
         "characters (U+000C ×2) in the content by spaces")),
    ]


def test_rest_lone_surrogates_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "post.json"
    path.write_text(
        '{"slug": "s", "title": {"rendered": "Title\\ud800"},'
        ' "content": {"rendered": "<p>a\\udc00b</p>"}}', encoding="utf-8"
    )
    report = Report()
    (article,) = read_file(path, report)
    assert (article.title, article.blocks) == ("Title", (Paragraph((Text("ab"),)),))
    assert report.count("control-removed") == 1


@pytest.mark.parametrize(
    ("open_tag", "close_tag", "levels"),
    [("<b>", "</b>", 250), ("<blockquote>", "</blockquote>", 250), ("<div>", "</div>", 490)],
)
def test_rest_deeply_nested_content_is_flattened(
    tmp_path: Path, open_tag: str, close_tag: str, levels: int
) -> None:
    content = "<p>Intro.</p>" + open_tag * levels + "deep" + close_tag * levels
    article, report = read_one(tmp_path, {**POST, "content": {"rendered": content}})
    assert "deep" in dump_article(article)
    assert report.count("nesting-flattened") == 1


def test_rest_json_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "post.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"post\.json: not a WordPress post: JSON nested too"):
        read_file(path, Report())


@pytest.mark.parametrize("link", ["https://[::1", "https://[::1/post/", "https://host:99999/p/"])
def test_rest_malformed_link_is_read(tmp_path: Path, link: str) -> None:
    article, _ = read_one(tmp_path, {**POST, "link": link, "slug": None})
    assert article.source.url == link
    assert article.slug
