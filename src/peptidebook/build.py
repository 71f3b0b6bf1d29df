"""The builder: the named sequence of steps from sources to output files.

``Step 1 - Reading`` → ``Step 2 - Cleaning`` → (``Step 2b - Translating``) →
``Step 3 - Assembling the book`` → ``Step 5a - Laying out the PDF`` → ``Step 5b - Writing the
EPUB`` → ``Step 5c - Writing the handouts`` (step 4, rendering, runs inside each writer), numbered
as :data:`~peptidebook.progress.STEP_NUMBERS` says, the same in logs, docstrings and README.
When both the PDF and the EPUB are built, the PDF is laid out first: the EPUB's page-break
markers and page list come from where the print edition's pages begin.
Each step reports its counts to the :class:`~peptidebook.progress.Progress` passed in (the
command line draws it; a library caller sees nothing); diagnostics go to the
:class:`~peptidebook.diagnostics.Report` passed in. Nothing here prints.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from babel.messages.pofile import write_po

from .assembly import assemble
from .checking import find_checkers, write_checked
from .cleaning import clean
from .config import (
    BookConfig,
    EditionConfig,
    SourceConfig,
    load_config,
    title_from_folder,
    with_metadata,
)
from .diagnostics import Report
from .errors import UsageError
from .fetching import Fetched, Fetcher, OfflineFetcher
from .files import written_atomically
from .i18n import BookText, catalog_languages, has_catalog, same_language
from .languages import fallback_chain, normalize_tag
from .model import Article, Book, BookMeta, Edition
from .names import slugify
from .progress import Progress, Step
from .readers import read_file, source_files
from .reproducible import source_date_epoch_from_env
from .translations import extract_catalog, find_po, load_translations, translate_book
from .writers import pdf as pdf_writer  # WeasyPrint is imported only when a PDF is written
from .writers.epub import PageSource, write_epub
from .writers.pdf.document import paper_size

log = logging.getLogger("peptidebook")

FORMATS = ("epub", "pdf", "handouts")
#: What ``build()`` and the command line write when no format is named.
DEFAULT_FORMATS = ("epub",)


def sample_config_path() -> Path:
    """The bundled sample book's ``book.toml`` (package data: ``src/peptidebook/sample/``)."""
    # peptidebook is always installed as a regular directory (never imported from a zip), so
    # the resource is a real file and str() is its path; the sample's sources are read from
    # the files beside it, which an as_file() copy of book.toml alone would not have.
    return Path(str(files("peptidebook") / "sample" / "book.toml"))


def read_articles(config: BookConfig | None, paths: Sequence[Path], report: Report,
                  progress: Progress | None = None) -> list[Article]:
    """Step 1 - Reading: the configured sources (with overrides), then any extra paths."""
    progress = progress or Progress()
    # An extra path is a source with nothing overridden.
    sources = [*(config.sources if config else ()), *(SourceConfig(path) for path in paths)]
    files = [(source, file) for source in sources for file in source_files(source.path)]
    articles: list[Article] = []
    with progress.step("Reading", total=len(files), unit="sources") as step:
        for source, file in files:
            step.at(str(file))
            articles.extend(read_file(file, report, source))
            step.advance()
    if not articles:
        raise UsageError("no sources: name files or folders, or list [[sources]] in book.toml")
    return articles


def default_config(paths: Sequence[Path], articles: list[Article], report: Report,
                   title: str | None = None) -> BookConfig:
    """A book.toml-free build: the title given (``--title``), else the only article's, else
    the folder's name or the first article's — reported, since a book needs a real title."""
    if title:
        return BookConfig(title=title)
    if len(articles) == 1:
        return BookConfig(title=articles[0].title)
    if len(paths) == 1 and paths[0].is_dir():
        guessed = title_from_folder(paths[0]) or articles[0].title
        reason = "its folder"
    else:
        guessed, reason = articles[0].title, "its first article"
    report.warning("untitled-book", "book",
                   f"the book is titled {guessed!r} after {reason}: give it a title with "
                   "--title or in book.toml (peptidebook init writes one)")
    return BookConfig(title=guessed)


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


def translate(book: Book, config: BookConfig, folder: Path | None, report: Report,
              progress: Progress | None = None) -> Book:
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
    with (progress or Progress()).step("Translating", unit="segments") as step:
        step.at(str(po_path))
        book, done, total = translate_book(book, load_translations(po_path, language), report)
        step.finish_with(done, f"of {total} segments translated")
    share = f"{100 * done / total:.0f}%" if total else "no segments"
    log.info("%d of %d segments translated into %s (%s) from %s", done, total, language, share,
             po_path)
    return book


@dataclass(frozen=True)
class BuildResult:
    edition: Edition
    outputs: tuple[Path, ...]
    report: Report


def make_book(config: BookConfig, articles: list[Article], report: Report,
              language: str | None = None, progress: Progress | None = None) -> Book:
    """Step 2 - Cleaning, and the book's metadata."""
    progress = progress or Progress()
    language = language or config.language
    cleaned = []
    with progress.step("Cleaning", total=len(articles), unit="articles") as step:
        for article in articles:
            step.at(article.slug)
            cleaned.append(clean(article, report))
            step.advance()
    names = [a.source.url or a.slug for a in cleaned]
    # The title page in the book's language: [editions.<lang>] in book.toml, if given.
    edition = config.edition(language)
    meta = BookMeta(
        title=edition.title or config.title, language=language,
        identifier=config.derived_identifier(names),
        subtitle=edition.subtitle or config.subtitle,
        authors=config.authors, publisher=edition.publisher or config.publisher,
        date=config.date, caveat=config.caveat,
        **_editors_words(config, edition, language, report),
    )
    return Book(meta=meta, articles=tuple(cleaned))


def _editors_words(config: BookConfig, edition: EditionConfig, language: str,
                   report: Report) -> dict[str, Any]:
    """The subject and the preface's own paragraphs in the book's language: the edition's, else
    book.toml's when the book is in book.toml's language. Words in another language are not
    put into this edition's preface; paragraphs left out for that are reported."""
    same = same_language(language, config.language)
    subject = edition.subject or (config.subject if same else None)
    paragraphs = edition.preface if edition.preface is not None else (
        config.preface if same else ())
    if config.preface and not paragraphs:
        report.warning("no-translation", "book.toml",
                       f"[preface] text is in {config.language} and has no "
                       f"[editions.{language}.preface] text: this edition's preface has only "
                       "the book's own paragraphs")
    return {"subject": subject, "preface": paragraphs}


def book_language(language: str, allow_untranslated: bool = False) -> str:
    """The book's language as BCP 47, refused (:class:`UsageError`) when no catalog can write
    the book's own text in it, unless ``allow_untranslated``: then one ``no-catalog`` warning
    says what falls back to English."""
    tag = normalize_tag(language)
    if not allow_untranslated and not has_catalog(tag):
        raise UsageError(f"no catalog for the book language {tag}: the book's own text can be "
                         f"written in {', '.join(catalog_languages())}; pass "
                         "--allow-untranslated to build with that text in English")
    return tag


def load_book(paths: Sequence[Path], config_path: Path | None, report: Report,
              language: str | None = None, *, progress: Progress | None = None,
              metadata: Mapping[str, Sequence[str]] | None = None,
              allow_untranslated: bool = False) -> tuple[BookConfig, Book]:
    """Steps 1 and 2: the config, the articles read and cleaned, and the book's metadata.
    ``metadata``: the command line's ``-M KEY=VALUE`` (and ``--title``/``--author``)."""
    if config_path is None and not paths:
        raise UsageError("nothing to build: name a book.toml or SOURCE files "
                         "(the bundled sample: peptidebook sample)")
    metadata = metadata or {}
    config = load_config(config_path, report) if config_path else None
    if config is not None:
        config = with_metadata(config, metadata)
    articles = read_articles(config, paths, report, progress)
    if config is None:
        title = metadata.get("title", [None])[-1]
        config = with_metadata(default_config(paths, articles, report, title), metadata)
    language = book_language(language or config.language, allow_untranslated)
    return config, make_book(config, articles, report, language, progress)


class _CountingFetcher:
    """The build's fetcher, counting the images it fetches on the assembly step's bar."""

    def __init__(self, fetcher: Fetcher, step: Step) -> None:
        self.fetcher = fetcher
        self.step = step

    def fetch(self, url: str) -> Fetched:
        self.step.at(url)
        fetched = self.fetcher.fetch(url)  # a refusal raises, and is not counted
        self.step.advance()
        return fetched


def build(paths: Sequence[Path] = (), *, config_path: Path | None = None,
          output_dir: Path = Path("output"), formats: Sequence[str] = DEFAULT_FORMATS,
          language: str | None = None, fetcher: Fetcher | None = None,
          report: Report | None = None, paper: str | None = None,
          translations: Path | None = None, progress: Progress | None = None,
          metadata: Mapping[str, Sequence[str]] | None = None,
          allow_untranslated: bool = False, check: bool = False) -> BuildResult:
    """Build the book from ``config_path`` and/or ``paths`` into ``output_dir``.

    ``formats``: any of :data:`FORMATS`. ``paper`` (``a4``, ``letter``, ``a5``, ``legal``)
    overrides ``book.toml``'s ``paper``, which overrides the size of the book's locale.
    ``translations``: a folder of ``<lang>.po`` content translations (default: ``book.toml``'s
    ``translations``, else ``translations/`` beside it), used when it has the book's language.
    ``metadata``: overrides of ``book.toml``'s top-level keys (``{"title": ["…"]}``).
    ``language``: the book's language; one without a catalog is refused unless
    ``allow_untranslated``. ``progress`` receives the steps and their counts. ``check``: run
    EPUBCheck and DAISY Ace on the EPUB and record that they passed
    (:mod:`peptidebook.checking`; a failure raises :class:`~peptidebook.errors.CheckError`).
    """
    report = report if report is not None else Report()
    progress = progress or Progress()
    fetcher = fetcher or OfflineFetcher()
    if not formats:
        raise UsageError(f"no format named (known: {', '.join(FORMATS)})")
    if check and "epub" not in formats:
        raise UsageError("--check checks the EPUB: add it to the formats (-f epub)")
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    source_date_epoch = source_date_epoch_from_env()
    config, book = load_book(paths, config_path, report, language, progress=progress,
                             metadata=metadata, allow_untranslated=allow_untranslated)
    text = BookText(book.meta.language, report)
    book = translate(book, config, translations, report, progress)

    with progress.step("Assembling the book", unit="images fetched") as step:
        edition = assemble(book, text, report, _CountingFetcher(fetcher, step),
                           source_date_epoch)

    outputs: list[Path] = []
    stem = output_stem(config, book.meta)
    size = paper_size(book.meta.language, paper or config.paper)
    page_source: PageSource | None = None
    pdf_path: Path | None = None
    if "pdf" in formats:
        with progress.step("Laying out the PDF", unit="pages") as step:
            step.at(str(output_dir / f"{stem}.pdf"))
            printed = pdf_writer.write_pdf(edition, output_dir / f"{stem}.pdf", text, report, size)
            step.finish_with(printed.pages)
        pdf_path = printed.path
        page_source = PageSource(printed.page_breaks, edition_name(pdf_path.name, size, text))
    if "epub" in formats:
        outputs.append(_epub_step(edition, output_dir / f"{stem}.epub", text, page_source,
                                  report=report, progress=progress, check=check))
    if pdf_path is not None:
        outputs.append(pdf_path)
    if "handouts" in formats:
        with progress.step("Writing the handouts", total=len(edition.handouts),
                           unit="handouts") as step:
            outputs.extend(pdf_writer.write_handouts(
                edition, output_dir / "handouts", text, report, size, on_start=step.at,
                on_written=lambda _path: step.advance()))
    return BuildResult(edition=edition, outputs=tuple(outputs), report=report)


def _epub_step(edition: Edition, path: Path, text: BookText, page_source: PageSource | None,
               *, report: Report, progress: Progress, check: bool) -> Path:
    """Step 5b - Writing the EPUB; with ``check``, Step 6 - Checking the EPUB instead, when
    EPUBCheck and Ace are installed (:func:`peptidebook.checking.write_checked`)."""

    def write(edition: Edition, path: Path) -> Path:
        return write_epub(edition, path, text, page_source)

    checkers, missing = find_checkers() if check else (None, [])
    if check and checkers is None:
        report.warning("accessibility-check", str(path),
                       f"not checked, and the book claims no check: {'; '.join(missing)} not "
                       "installed")
    if checkers is None:
        with progress.step("Writing the EPUB", total=1, unit="file") as step:
            step.at(str(path))
            write(edition, path)
            step.advance()
        return path
    with progress.step("Checking the EPUB", total=1, unit="file") as step:
        step.at(str(path))
        verdict = write_checked(edition, path, text, checkers, write)
        report.info("accessibility-check", str(path),
                    f"EPUBCheck {verdict.epubcheck_version} and DAISY Ace {verdict.ace_version} "
                    "passed the EPUB; its accessibility summary says so")
        step.advance()
    return path


def extract_translations(paths: Sequence[Path] = (), *, config_path: Path | None = None,
                         output: Path = Path("content.pot"),
                         report: Report | None = None,
                         progress: Progress | None = None) -> Path:
    """``peptidebook translations extract``: the PO template of the cleaned articles' content
    (:func:`peptidebook.translations.extract_catalog`), written through a temporary file."""
    report = report if report is not None else Report()
    epoch = source_date_epoch_from_env()
    config, book = load_book(paths, config_path, report, progress=progress,
                             allow_untranslated=True)
    when = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    catalog = extract_catalog(book.articles, project=config.title, when=when)
    with written_atomically(output, "the template") as partial, partial.open("wb") as fh:
        write_po(fh, catalog, width=100, include_lineno=True)
    log.info("%d segments written to %s", len(catalog), output)
    return output
