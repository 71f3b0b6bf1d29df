"""Book assembly: the teasers the glossary pass took out of the articles' text are listed in
a "Related articles not included" appendix, not in the glossary."""

from __future__ import annotations

from peptidebook.model import BulletList, Link, Paragraph, RelatedArticle, Span
from peptidebook.walk import iter_inlines, plain_text

from .test_assembly import article, edition_of, text_of

TEASER = RelatedArticle("Combined hormonal therapies",
                        "Combining peptide therapies with hormonal interventions offers a "
                        "layered approach.")


def test_related_articles_come_after_the_glossary_and_before_the_references() -> None:
    kinds = [c.kind for c in edition_of(article("a", related=(TEASER,)))]
    assert kinds == ["titlepage", "preface", "article", "appendix", "bibliography"]


def test_each_related_article_has_its_title_summary_and_source_article() -> None:
    (chapter,) = [c for c in edition_of(article("a", related=(TEASER,))) if c.kind == "appendix"]
    assert plain_text(chapter.title) == "Related articles not included"
    listed = [b for b in chapter.blocks if isinstance(b, BulletList)]
    (item,) = listed[0].items
    (paragraph,) = item.blocks
    assert isinstance(paragraph, Paragraph)
    assert plain_text(paragraph.children) == (
        "Combined hormonal therapies: Combining peptide therapies with hormonal interventions "
        "offers a layered approach. (in A)")
    assert "not part of this book" in text_of(chapter)


def test_a_related_article_links_to_its_address_when_known() -> None:
    linked = RelatedArticle("Sleep", None, "https://example.org/sleep/")
    (chapter,) = [c for c in edition_of(article("a", related=(linked,))) if c.kind == "appendix"]
    links = [n for n in iter_inlines(chapter.blocks) if isinstance(n, Link)]
    assert [(plain_text(n.children), n.href) for n in links] == [
        ("Sleep", "https://example.org/sleep/")]


def test_a_related_article_in_another_language_is_marked() -> None:
    (chapter,) = [c for c in edition_of(article("a", lang="de", related=(TEASER,)))
                  if c.kind == "appendix"]
    assert {n.lang for n in iter_inlines(chapter.blocks) if isinstance(n, Span)} == {"de"}


def test_no_appendix_without_related_articles() -> None:
    assert "appendix" not in [c.kind for c in edition_of(article("a"))]
