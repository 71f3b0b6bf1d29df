"""Step 2 - Cleaning, pass "links": every link of the article valid by construction.

The last pass, after every pass that marks text with links of its own (glossary terms,
citations). Two rules, each change reported (``link-unwrapped``) with the text it kept:

1. **No link inside a link** (HTML §4.5.1; EPUBCheck RSC-005): the inner one is kept as its
   text (:func:`peptidebook.links.unnest_links`). A citation unwrapped so is taken out of its
   entry's ``cited_by``: no link back to an anchor that is gone.
2. **Every in-page link leads somewhere in its article** (EPUBCheck RSC-012). A link ``#x``
   whose ``x`` is an anchor of the article stays; one whose percent-decoded ``x`` is (an address
   escapes what an id may hold, RFC 3986 §2.1) is pointed at it; any other is kept as its text:
   a Word paste's ``#_ftn1`` or a Wikipedia paste's ``#cite_note-…`` whose targets the source
   did not carry, a ``#top`` to the page itself. Assembly renames the anchors later and the
   links follow (:func:`peptidebook.assembly.assign_ids`), within the article's chapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from ..diagnostics import Report
from ..links import unnest_links
from ..model import Article, Citation, Inline, Inlines, Link, ReferenceList
from ..walk import iter_ids, map_inline_run, map_inline_sequences, plain_text

__all__ = ["check_links"]

#: How each kind of link is named in a report.
_KINDS = {"Link": "a link", "GlossaryRef": "a glossary link", "Citation": "a citation link",
          "BackLink": "a link back", "NoteRef": "a note marker"}


def check_links(article: Article, report: Report) -> Article:
    """``article`` with no link inside a link and no in-page link that leads nowhere."""
    links = _Links(article.slug, report)
    article = links.unnest(article)
    anchors = {*iter_ids(article.blocks), *(g.id for g in article.glossary),
               *(e.id for e in (article.references.entries if article.references else ())
                 if e.id)}
    fix = _FragmentFix(article.slug, report, anchors)
    references = article.references
    if references is not None:
        (ref_block,) = map_inline_sequences((references,), lambda run: map_inline_run(run, fix))
        assert isinstance(ref_block, ReferenceList)
        references = ref_block
    return replace(
        article,
        blocks=map_inline_sequences(article.blocks, lambda run: map_inline_run(run, fix)),
        glossary=tuple(replace(g, definition=map_inline_run(g.definition, fix))
                       for g in article.glossary),
        references=references,
    )


@dataclass
class _Links:
    where: str
    report: Report
    dropped_citations: set[str] = field(default_factory=set)

    def unnest(self, article: Article) -> Article:
        """Rule 1 over the text, the glossary's definitions and the reference list."""
        blocks = map_inline_sequences(article.blocks, self._unnest_run)
        glossary = tuple(replace(g, definition=self._unnest_run(g.definition))
                         for g in article.glossary)
        references = article.references
        if references is not None:
            (ref_block,) = map_inline_sequences((references,), self._unnest_run)
            assert isinstance(ref_block, ReferenceList)
            references = replace(ref_block, entries=tuple(
                replace(e, cited_by=tuple(c for c in e.cited_by
                                          if c not in self.dropped_citations))
                for e in ref_block.entries))
        return replace(article, blocks=blocks, glossary=glossary, references=references)

    def _unnest_run(self, run: Inlines) -> Inlines:
        return unnest_links(run, self._unwrapped)

    def _unwrapped(self, outer: Inline, inner: Inline) -> None:
        if isinstance(inner, Citation) and inner.id:
            self.dropped_citations.add(inner.id)
        inner_kind, outer_kind = _KINDS[type(inner).__name__], _KINDS[type(outer).__name__]
        target = f" to {inner.href}" if isinstance(inner, Link) else ""
        self.report.warning(
            "link-unwrapped", self.where,
            f"{inner_kind}{target} inside {outer_kind} was kept as its text "
            f"{_quoted(inner)}: a link cannot hold a link",
        )


@dataclass
class _FragmentFix:
    """Rule 2 for one inline (a function of :func:`~peptidebook.walk.map_inline_run`)."""

    where: str
    report: Report
    anchors: set[str]

    def __call__(self, node: Inline) -> Inline | Inlines:
        if not isinstance(node, Link) or not node.href.startswith("#"):
            return node
        target = node.href[1:]
        if target in self.anchors:
            return node
        decoded = unquote(target)
        if decoded in self.anchors:
            return replace(node, href=f"#{decoded}")
        self.report.warning(
            "link-unwrapped", self.where,
            f"the link to {node.href[:60]!r} leads to nothing in the article (the source does "
            f"not hold its target): kept its text {_quoted(node)}",
        )
        return node.children


def _quoted(node: Inline) -> str:
    text = " ".join(plain_text((node,)).split())
    return repr(text if len(text) <= 60 else text[:59] + "…")
