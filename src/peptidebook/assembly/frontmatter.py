"""Book assembly: the title page and the "About this book" preface with its evidence caveat.

Every sentence is the book's own text, so it goes through :class:`~peptidebook.i18n.BookText`;
every fact in it (how many articles, which sites, which dates) is computed from the articles.
"""

from __future__ import annotations

from datetime import datetime

from ..i18n import BookText
from ..model import (
    Article,
    Block,
    BookMeta,
    BulletList,
    Chapter,
    Emph,
    EvidenceSummary,
    Heading,
    Inline,
    Inlines,
    Link,
    ListItem,
    Paragraph,
    Text,
)
from ..names import site_name
from .evidence import CLUE_LABELS, summary_of
from .health import health_claims
from .templates import fill, title_of


def site_of(article: Article) -> str | None:
    """The publisher's name, or the host of the article's address (``trimrx.com``)."""
    return article.source.publisher or site_name(article.source.url)


def title_page(meta: BookMeta, _: BookText) -> Chapter:
    lines: list[Inlines] = []
    if meta.subtitle:
        lines.append((Text(meta.subtitle),))
    if meta.authors:
        lines.append(fill(_.gettext("Compiled by {names}"), names=_.list(meta.authors)))
    if meta.publisher:
        lines.append((Text(meta.publisher),))
    if meta.date:
        lines.append((Text(_.date(meta.date)),))
    return Chapter(kind="titlepage", id="titlepage", title=(Text(meta.title),), blocks=(),
                   byline=tuple(lines))


def provenance(article: Article, _: BookText) -> Inlines:
    """One sentence: where and when an article was published and retrieved."""
    title: Inlines = (Emph(title_of(article, _)),)
    site: Inlines = ()
    if article.source.url:
        site = (Link((Text(site_of(article) or article.source.url),), article.source.url),)
    published = _.date(article.published) if article.published else None
    if site and published:
        sentence = fill(_.gettext("{title}, published on {site} on {date}"),
                        title=title, site=site, date=published)
    elif site:
        sentence = fill(_.gettext("{title}, published on {site} (date of publication not "
                                  "given)"), title=title, site=site)
    elif published:
        sentence = fill(_.gettext("{title}, published on {date} (address not recorded)"),
                        title=title, date=published)
    else:
        sentence = fill(_.gettext("{title} (address and date of publication not recorded)"),
                        title=title)
    if article.source.retrieved:
        tail = fill(_.gettext("; retrieved on {date}."), date=_.date(article.source.retrieved))
    else:
        tail = (Text(_.gettext("; date of retrieval not recorded.")),)
    return sentence + tail


#: The id of the preface's list of articles, which its counts link to (made book-wide by
#: :func:`~peptidebook.assembly.assign_ids`, the links following).
SOURCES_ID = "the-articles"


def preface(articles: tuple[Article, ...], _: BookText, has_glossary: bool,
            meta: BookMeta | None = None) -> Chapter:
    """"About this book": the editor's own paragraphs (``[preface] text``), what the book
    collects (and, when ``book.toml`` names it, about what), the caveat, the evidence facts,
    and where the articles come from. Every statement is computed from the articles and
    ``meta``: a subject only when the editor gave one, a site or date only as far as the
    articles record it, the medical caveat only for health claims or doses (:mod:`.health`)
    unless ``meta.caveat`` chooses. Each count links to the list of articles it counts."""
    meta = meta or BookMeta(title="", language=_.language, identifier="")
    n = len(articles)
    blocks: list[Block] = [Paragraph((Text(p),)) for p in meta.preface]
    if meta.preface:
        blocks.append(Paragraph((Emph((Text(_.gettext(
            "The paragraphs above are the editor's; what follows is computed from the "
            "articles.")),)),)))
    count = _to_sources(_.number(n))
    if meta.subject:
        blocks.append(Paragraph(fill(_.ngettext(
            "This book collects {count} article about {subject}, reproduced from the web so "
            "that it can be read offline, printed, or read aloud by a screen reader.",
            "This book collects {count} articles about {subject}, reproduced from the web so "
            "that they can be read offline, printed, or read aloud by a screen reader.", n),
            count=count, subject=meta.subject)))
    else:
        blocks.append(Paragraph(fill(_.ngettext(
            "This book collects {count} article, reproduced from the web so that it can be "
            "read offline, printed, or read aloud by a screen reader.",
            "This book collects {count} articles, reproduced from the web so that they can be "
            "read offline, printed, or read aloud by a screen reader.", n), count=count)))
    summary = summary_of(articles)
    claims = sum(1 for a in articles if health_claims(a, meta.language or _.language).found)
    medical = meta.caveat == "medical" or (
        meta.caveat == "auto" and bool(claims or summary.doses))
    blocks.append(Heading(2, (Text(_.gettext("Read this first")),)))
    blocks += _caveat(n, claims, medical, _)
    # The evidence facts (the "evidence" pass's counts), the doses last: a book with neither
    # doses nor a medical caveat is not told it gives no doses.
    *studies, doses = evidence_facts(summary, _, whole_book=True)
    blocks += [Paragraph(p) for p in studies]
    if medical or summary.doses:
        blocks.append(Paragraph(doses))
    addressed = sum(1 for a in articles if a.source.url)
    blocks.append(Paragraph((Text(
        _.gettext("The References chapter at the end of the book gives the address of every "
                  "article, the works each one cites and every study it mentions, each with a "
                  "link back to its passage.") if addressed == n else
        _.gettext("The References chapter at the end of the book gives the address of each "
                  "article that has one recorded, the works each one cites and every study it "
                  "mentions, each with a link back to its passage.")),)))
    if has_glossary:
        blocks.append(Paragraph((Text(_.gettext(
            "Some source pages showed definitions as pop-up notes in the middle of sentences. "
            "Those definitions were taken out of the text and collected in the Glossary.")),)))
    blocks.append(Heading(2, (Text(_.gettext("Where the articles come from")),), SOURCES_ID))
    blocks += [Paragraph(s) for s in _whence(articles, _) if s]
    blocks.append(BulletList(tuple(
        ListItem((Paragraph(provenance(a, _)),)) for a in articles)))
    return Chapter(kind="preface", id="preface", title=(Text(_.gettext("About this book")),),
                   blocks=tuple(blocks))


def _to_sources(number: str) -> Inlines:
    """A count, linked to the preface's list of the articles it counts."""
    return (Link((Text(number),), f"#{SOURCES_ID}"),)


def _caveat(n: int, claims: int, medical: bool, _: BookText) -> list[Block]:
    """The caveat: the articles are reproduced with the edits listed per chapter and checked by
    no one; for health claims or doses (or when the editor chose it), not medical advice."""
    out: list[Block] = []
    said: list[str] = []
    if claims == n:
        said.append(_.ngettext(
            "The article makes claims about health, illness or treatments.",
            "The articles make claims about health, illness or treatments.", n))
    elif claims:
        said.append(_.gettext(
            "Some of the articles make claims about health, illness or treatments."))
    said.append(_.ngettext(
        "The article is reproduced as it was published, with the edits made for this edition "
        "listed at the end of its chapter, and without review by the makers of this book: no "
        "claim in it has been checked.",
        "The articles are reproduced as they were published, with the edits made for this "
        "edition listed at the end of each chapter, and without review by the makers of this "
        "book: no claim in them has been checked.", n))
    out.append(Paragraph((Text(" ".join(said)),)))
    if medical:
        out.append(Paragraph((Text(_.gettext(
            "This book is not medical advice. Do not start, change or stop a treatment because "
            "of something you read here; talk to a qualified clinician who knows your "
            "health.")),)))
    return out


def _whence(articles: tuple[Article, ...], _: BookText) -> list[Inlines]:
    """Where and when the articles were published and retrieved, saying exactly what is
    recorded: "Two of the articles were published on trimrx.com. One article has no recorded
    address." — never "every article" unless it is true. Counts link to the list below."""
    n = len(articles)
    sites = sorted({s for s in (site_of(a) for a in articles if a.source.url) if s})
    addressed = sum(1 for a in articles if a.source.url)
    out: list[Inlines] = []
    if addressed == n and sites:
        out.append(fill(_.ngettext("The article was published on {sites}.",
                                   "The articles were published on {sites}.", n),
                        sites=_.list(sites)))
    elif addressed and sites:
        out.append(fill(_.ngettext("{count} of the articles was published on {sites}.",
                                   "{count} of the articles were published on {sites}.",
                                   addressed),
                        count=_to_sources(_.number(addressed)), sites=_.list(sites)))
    if not addressed:
        out.append((Text(_.ngettext("No address was recorded for the article.",
                                    "No address was recorded for any of the articles.", n)),))
    elif addressed < n:
        missing = n - addressed
        out.append(fill(_.ngettext("{count} article has no recorded address.",
                                   "{count} articles have no recorded address.", missing),
                        count=_to_sources(_.number(missing))))
    out += _dated([a.published for a in articles], _, published=True)
    out += _dated([a.source.retrieved for a in articles], _, published=False)
    return out


def _dated(dates: list[datetime | None], _: BookText, published: bool) -> list[Inlines]:
    """When the articles were published (or retrieved), and how many record no such date."""
    n, known = len(dates), sum(1 for d in dates if d)
    when = _date_range(dates, _)
    out: list[Inlines] = []
    if when and known == n:
        out.append((Text((_.ngettext("The article was published {when}.",
                                     "The articles were published {when}.", n) if published
                          else _.ngettext("The article was retrieved from the web {when}.",
                                          "The articles were retrieved from the web {when}.",
                                          n)).format(when=when)),))
    elif when:
        out.append(fill((_.ngettext("{count} of the articles was published {when}.",
                                    "{count} of the articles were published {when}.", known)
                         if published else
                         _.ngettext("{count} of the articles was retrieved from the web "
                                    "{when}.",
                                    "{count} of the articles were retrieved from the web "
                                    "{when}.", known)),
                        count=_to_sources(_.number(known)), when=when))
    if not known:
        out.append((Text(_.ngettext("No date of publication was recorded for the article.",
                                    "No date of publication was recorded for any of the "
                                    "articles.", n) if published else
                         _.ngettext("No date of retrieval was recorded for the article.",
                                    "No date of retrieval was recorded for any of the "
                                    "articles.", n)),))
    elif known < n:
        missing = n - known
        out.append(fill((_.ngettext("{count} article has no recorded date of publication.",
                                    "{count} articles have no recorded date of publication.",
                                    missing) if published else
                         _.ngettext("{count} article has no recorded date of retrieval.",
                                    "{count} articles have no recorded date of retrieval.",
                                    missing)),
                        count=_to_sources(_.number(missing))))
    return out


def _date_range(dates: list[datetime | None], _: BookText) -> str | None:
    """``"on 5 May 2026"`` or ``"between 5 May 2025 and 5 May 2026"``; ``None`` without dates."""
    known = sorted(d.date() for d in dates if d)
    if not known:
        return None
    if known[0] == known[-1]:
        return _.gettext("on {date}").format(date=_.date(known[0]))
    return _.gettext("between {start} and {end}").format(start=_.date(known[0]),
                                                         end=_.date(known[-1]))


def evidence_facts(summary: EvidenceSummary, _: BookText,
                   whole_book: bool) -> list[Inlines]:
    """The evidence caveat in two paragraphs, every number computed and saying what it
    counts: the passages that refer to research; the particular studies they name (repeats
    counted once) and what identifies them; the general appeals to research; how many
    passages a reader can trace; those carrying the article's own numbered citations to a
    list that was not captured; the dose statements (for the whole book, or for one article).
    A count of named studies or of general appeals links to where the reader can check it
    (``summary.anchors``, :func:`.evidence.summary_of`)."""
    n, traced, doses = summary.studies, summary.traceable, summary.doses
    uncaptured = summary.numbered_uncaptured
    untraced = n - traced - uncaptured  # those carrying this book's note markers
    out: list[Inlines] = []  # the sentences of the first paragraph
    if n == 0:
        out.append((Text(
            _.gettext("The articles report no study, trial or research finding.")
            if whole_book else
            _.gettext("This article reports no study, trial or research finding.")),))
    else:
        out.append((Text((_.ngettext(
            "The articles refer to research in {count} passage.",
            "The articles refer to research in {count} passages.", n)
            if whole_book else _.ngettext(
            "This article refers to research in {count} passage.",
            "This article refers to research in {count} passages.", n)
        ).format(count=_.number(n))),))
        if summary.named:
            passages = _.ngettext("{count} passage", "{count} passages",
                                  summary.named_passages).format(
                count=_.number(summary.named_passages))
            out.append(fill(_.ngettext(
                "{count} particular study is named, in {passages} (a study named more than "
                "once is counted once), identified by {clues}.",
                "{count} particular studies are named, in {passages} (a study named more than "
                "once is counted once), identified by {clues}.", summary.named),
                count=_count(summary.named, summary.anchor("named"), _), passages=passages,
                clues=_.list([_.gettext(CLUE_LABELS[c]) for c in summary.clues])))
        if summary.general:
            out.append(fill(_.ngettext(
                "{count} passage appeals to research in general terms (such as “studies "
                "show”) and names no particular study.",
                "{count} passages appeal to research in general terms (such as “studies "
                "show”) and name no particular study.", summary.general),
                count=_count(summary.general, summary.anchor("general"), _)))
        if traced:
            out.append((Text(_.ngettext(
                "{count} passage can be traced to a source a reader could look up: an entry "
                "in the article's own list of references or evidence table, one of its notes, "
                "or a DOI, PubMed number or web address.",
                "{count} passages can be traced to a source a reader could look up: an entry "
                "in the article's own list of references or evidence table, one of its notes, "
                "or a DOI, PubMed number or web address.", traced).format(
                count=_.number(traced))),))
        else:
            out.append((Text(_.gettext(
                "No passage can be traced to a source a reader could look up.")),))
        if uncaptured:
            out.append((Text(_.ngettext(
                "{count} passage cites the article's own numbered list of sources, which was "
                "not captured; its number is printed as written, with no number of this "
                "book's beside it.",
                "{count} passages cite the article's own numbered list of sources, which was "
                "not captured; their numbers are printed as written, with no number of this "
                "book's beside them.", uncaptured).format(count=_.number(uncaptured))),))
        if untraced and whole_book:
            out.append((Text(_.ngettext(
                "{count} is named only by year, journal or institution, or in general terms; "
                "it carries a note number in the text, and its note in the References chapter "
                "says what is missing.",
                "{count} are named only by year, journal or institution, or in general terms; "
                "each carries a note number in the text, and its note in the References "
                "chapter says what is missing.", untraced).format(count=_.number(untraced))),))
        elif untraced:  # a handout: its notes are at its end, under its sources
            out.append((Text(_.ngettext(
                "{count} is named only by year, journal or institution, or in general terms; "
                "it carries a note number, and its note at the end says what is missing.",
                "{count} are named only by year, journal or institution, or in general terms; "
                "each carries a note number, and its note at the end says what is missing.",
                untraced).format(count=_.number(untraced))),))
    if doses:
        dose = ((_.ngettext(
            "The articles give {count} dose statement (an amount of a medicine, such as "
            "“200 mcg”); it is reproduced as published and is not a recommendation.",
            "The articles give {count} dose statements (amounts of a medicine, such as "
            "“200 mcg”); they are reproduced as published and are not recommendations.",
            doses) if whole_book else _.ngettext(
            "This article gives {count} dose statement; it is printed as published and is "
            "not a recommendation.",
            "This article gives {count} dose statements; they are printed as published and "
            "are not recommendations.", doses)).format(count=_.number(doses)))
    else:
        dose = (_.gettext("The articles give no doses.") if whole_book else
                _.gettext("This article gives no doses."))
    first: list[Inline] = []
    for sentence in out:
        if first:
            first.append(Text(" "))
        first.extend(sentence)
    return [tuple(first), (Text(dose),)]


def _count(count: int, anchor: str | None, _: BookText) -> Inlines:
    """``count`` in the book's digits, a link to ``anchor`` when there is one."""
    number = Text(_.number(count))
    return (Link((number,), f"#{anchor}"),) if anchor else (number,)
