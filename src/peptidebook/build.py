"""The builder: the named sequence of steps from sources to output files.

``Step 1 - Reading`` → ``Step 2 - Cleaning`` → ``Step 3 - Assembly`` → ``Step 4 - Writing``.
When both the PDF and the EPUB are built, the PDF is laid out first: the EPUB's page-break
markers and page list come from where the print edition's pages begin.
Each step logs one progress line on the ``peptidebook`` logger; diagnostics go to the
:class:`~peptidebook.diagnostics.Report` passed in.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.pofile import write_po

from .assembly import assemble
from .assembly.ids import slugify
from .cleaning import clean
from .config import BookConfig, SourceConfig, load_config
from .diagnostics import Report
from .errors import UsageError
from .fetching import Fetcher, OfflineFetcher
from .files import written_atomically
from .i18n import BookText, fallback_chain
from .model import Article, Book, BookMeta, Edition
from .readers import read_path
from .translations import extract_catalog, find_po, load_translations, translate_book
from .writers.epub import PageSource, write_epub
from .writers.handouts import write_handouts
from .writers.pdf import paper_size, write_pdf

log = logging.getLogger("peptidebook")

FORMATS = ("epub", "pdf", "handouts")
#: What ``build()`` and the command line write when no format is named.
DEFAULT_FORMATS = ("epub",)


def sample_config_path() -> Path:
    """The bundled sample book's ``book.toml`` (package data: ``src/peptidebook/sample/``)."""
    from importlib.resources import files

    # peptidebook is always installed as a regular directory (never imported from a zip), so
    # the resource is a real file and str() is its path; the sample's sources are read from
    # the files beside it, which an as_file() copy of book.toml alone would not have.
    return Path(str(files("peptidebook") / "sample" / "book.toml"))


def apply_overrides(article: Article, source: SourceConfig) -> Article:
    """What ``book.toml`` says about a source wins over what the file says."""
    src = article.source
    src = replace(
        src,
        url=source.url or src.url,
        publisher=source.publisher or src.publisher,
        retrieved=source.retrieved or src.retrieved,
    )
    return replace(
        article,
        title=source.title or article.title,
        authors=source.authors if source.authors is not None else article.authors,
        lang=source.language or article.lang,
        published=source.published or article.published,
        source=src,
    )


def read_articles(config: BookConfig | None, paths: Sequence[Path],
                  report: Report) -> list[Article]:
    """Step 1 - Reading: the configured sources (with overrides), then any extra paths."""
    articles: list[Article] = []
    for source in (config.sources if config else ()):
        local = Report()
        for article in read_path(source.path, local):
            articles.append(apply_overrides(article, source))
        # A title given in book.toml answers the reader's "no title" warning.
        report.diagnostics.extend(d for d in local.diagnostics
                                  if not (d.code == "no-title" and source.title))
    for path in paths:
        articles.extend(read_path(path, report))
    if not articles:
        raise UsageError("no sources: name files or folders, or list [[sources]] in book.toml")
    return articles


def default_config(paths: Sequence[Path], articles: list[Article]) -> BookConfig:
    """A book.toml-free build: the title is the only article's, or the folder's name."""
    if len(articles) == 1:
        title = articles[0].title
    else:
        title = paths[0].resolve().name.replace("-", " ").replace("_", " ").capitalize()
    return BookConfig(title=title)


def paper_name(paper: str, text: BookText) -> str:
    """A CSS page size keyword as readers name the paper ("A4", "US Letter")."""
    names = {"letter": text.gettext("US Letter"), "legal": text.gettext("US Legal")}
    return names.get(paper, paper)


def edition_name(file_name: str, paper: str, text: BookText) -> str:
    """How the EPUB names the print edition its page numbers come from (pageBreakSource)."""
    return text.gettext("Print edition (PDF, {paper}): {file}").format(
        paper=paper_name(paper, text), file=file_name)


def output_stem(config: BookConfig, meta: BookMeta) -> str:
    """The output files' name: the title's slug; an edition in another language than
    ``book.toml``'s keeps the original title's slug and adds its language
    (``peptides-read-closely-ja.pdf``), so editions never overwrite one another and a title in
    another script still names its file."""
    if meta.language.lower() == config.language.lower():
        return slugify(meta.title, max_words=10)
    return f"{slugify(config.title, max_words=10)}-{meta.language.lower()}"


def translate(book: Book, config: BookConfig, folder: Path | None, report: Report) -> Book:
    """Step 2b - Translating: the content translations of the book's language, if any
    (:mod:`peptidebook.translations`). A folder given explicitly must hold them."""
    language = book.meta.language
    where = folder or config.translations_dir()
    po_path = find_po(where, language) if where and where.is_dir() else None
    if folder is not None and po_path is None:
        raise UsageError(f"{folder}: no content translations for {language} "
                         f"(looked for {', '.join(n + '.po' for n in fallback_chain(language))})")
    if po_path is None:
        return book
    log.info("Step 2b - Translating the content from %s", po_path)
    book, done, total = translate_book(book, load_translations(po_path, language), report)
    share = f"{100 * done / total:.0f}%" if total else "no segments"
    log.info("  %d of %d segments translated into %s (%s)", done, total, language, share)
    return book


@dataclass(frozen=True)
class BuildResult:
    edition: Edition
    outputs: tuple[Path, ...]
    report: Report


def make_book(config: BookConfig, articles: list[Article], report: Report,
              language: str | None = None) -> Book:
    """Step 2 - Cleaning, and the book's metadata."""
    language = language or config.language
    cleaned = []
    for article in articles:
        article = clean(article, report)
        if not article.authors:
            report.info("no-author", article.slug, "the article names no author")
        cleaned.append(article)
    names = [a.source.url or a.slug for a in cleaned]
    # The title page in the book's language: [editions.<lang>] in book.toml, if given.
    edition = config.edition(language)
    meta = BookMeta(
        title=edition.title or config.title, language=language,
        identifier=config.derived_identifier(names),
        subtitle=edition.subtitle or config.subtitle,
        authors=config.authors, publisher=edition.publisher or config.publisher,
        date=config.date,
    )
    return Book(meta=meta, articles=tuple(cleaned))


def source_date_epoch_from_env() -> int | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org) when set to a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return int(epoch) if epoch and epoch.isdigit() else None


def load_book(paths: Sequence[Path], config_path: Path | None, report: Report,
              language: str | None = None) -> tuple[BookConfig, Book]:
    """Steps 1 and 2: the config (the sample book's when nothing is named), the articles read
    and cleaned, and the book's metadata."""
    if config_path is None and not paths:
        config_path = sample_config_path()
    config = load_config(config_path, report) if config_path else None

    log.info("Step 1 - Reading")
    articles = read_articles(config, paths, report)
    config = config or default_config(paths, articles)

    log.info("Step 2 - Cleaning %d articles", len(articles))
    return config, make_book(config, articles, report, language)


def build(paths: Sequence[Path] = (), *, config_path: Path | None = None,
          output_dir: Path = Path("output"), formats: Sequence[str] = DEFAULT_FORMATS,
          language: str | None = None, fetcher: Fetcher | None = None,
          report: Report | None = None, paper: str | None = None,
          translations: Path | None = None) -> BuildResult:
    """Build the book from ``config_path`` and/or ``paths`` into ``output_dir``.

    ``formats``: any of :data:`FORMATS`. ``paper`` (``a4``, ``letter``, ``a5``, ``legal``)
    overrides ``book.toml``'s ``paper``, which overrides the size of the book's locale.
    ``translations``: a folder of ``<lang>.po`` content translations (default: ``book.toml``'s
    ``translations``, else ``translations/`` beside it), used when it has the book's language.
    """
    report = report if report is not None else Report()
    fetcher = fetcher or OfflineFetcher()
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    config, book = load_book(paths, config_path, report, language)
    text = BookText(book.meta.language, report)
    book = translate(book, config, translations, report)

    log.info("Step 3 - Assembling the book")
    edition = assemble(book, text, report, fetcher)

    outputs: list[Path] = []
    stem = output_stem(config, book.meta)
    source_date_epoch = source_date_epoch_from_env()
    size = paper_size(book.meta.language, paper or config.paper)
    page_source: PageSource | None = None
    pdf_path: Path | None = None
    if "pdf" in formats:
        log.info("Step 4 - Writing the PDF book")
        printed = write_pdf(edition, output_dir / f"{stem}.pdf", text, report, size,
                            source_date_epoch)
        pdf_path = printed.path
        page_source = PageSource(printed.page_breaks, edition_name(pdf_path.name, size, text))
    if "epub" in formats:
        log.info("Step 4 - Writing the EPUB")
        outputs.append(write_epub(edition, output_dir / f"{stem}.epub", text,
                                  source_date_epoch, page_source))
    if pdf_path is not None:
        outputs.append(pdf_path)
    if "handouts" in formats:
        log.info("Step 4 - Writing the handouts")
        outputs.extend(write_handouts(edition, output_dir / "handouts", text, report, size,
                                      source_date_epoch))
    return BuildResult(edition=edition, outputs=tuple(outputs), report=report)


def extract_translations(paths: Sequence[Path] = (), *, config_path: Path | None = None,
                         output: Path = Path("content.pot"),
                         report: Report | None = None) -> Path:
    """``peptidebook translations extract``: the PO template of the cleaned articles' content
    (:func:`peptidebook.translations.extract_catalog`), written through a temporary file."""
    report = report if report is not None else Report()
    config, book = load_book(paths, config_path, report)
    epoch = source_date_epoch_from_env()
    when = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    catalog = extract_catalog(book.articles, project=config.title, when=when)
    with written_atomically(output, "the template") as partial, partial.open("wb") as fh:
        write_po(fh, catalog, width=100, include_lineno=True)
    log.info("  %d segments written to %s", len(catalog), output)
    return output
