"""Step 2 - Cleaning, pass "interest": what the article shows of its publisher selling what it
discusses, recorded in ``Article.interest`` with the passages that show it.

A reader of a health article needs to know when the site that wrote it sells the treatment it
describes. The pass changes nothing in the text: it quotes, exactly, the sentences in which the
publisher speaks of its own patients, clients, programme, products or services, and lists the
article's links to its publisher's own sales pages. It reports them as ``publisher-interest``
(info), and assembly states them as facts (:mod:`peptidebook.assembly.edits`).

Precision first. A sentence is a *claim* on one of these cues, in the article's language
(English, German, French, Spanish, Italian, Portuguese or Dutch: :data:`VOCABULARY`; an
article of unknown language is read as English, one in another language gets no claims):

* a first-person plural possessive right before (at most two words between, none a
  preposition or conjunction) a noun of whom a business serves or of what it offers: "our
  patients", "our weight-loss clinic", "unsere Praxis", "nos produits", "nuestros pacientes",
  "i nostri servizi", "nossa clínica", "onze klanten";
* a possessive of the business's own team or record ("our team", "our clinicians", "in our
  experience") in a sentence that names whom it serves ("Our team has guided hundreds of
  patients …");
* "we offer / provide / prescribe / sell" (and the other languages' verbs) followed by whom
  it serves or an offer of its own (a programme, a consultation, a clinic);
* a booking noun with "with us" / "contact us" ("book a consultation with us");
* the publisher's own name (the distinctive label of its host, ``TrimrX`` for ``trimrx.com``,
  capitalised, not the sentence's first word) within three words of an offer noun ("through
  a program like TrimrX").

Nouns are *strong* (patients, clients, customers, a clinic, a practice, consultations, a shop,
a pharmacy) or *weak* (a programme, products, services, members, offers, a subscription,
treatments, doctors): volunteers write "our products" of the free software they help with, a
club "our members", a newspaper "our subscription offers", a national news story "our doctors"
and "our treatments". A claim on a weak noun alone is not
enough: the article gets a statement only when it has a strong claim or a sales link, and then
its weak claims are quoted too. A cue inside quotation marks (an unclosed mark runs to the
end of the sentence) is somebody else's words (a news article quoting a clinic), and a block
quote is a quotation: neither is taken. Generic first-person prose ("our body", "our
endocrine system") names no such noun and is not taken.

A *sales link* is a link to the article's own host (or a relative one) whose first path
segment names a sales page (``/shop``, ``/pricing``, ``/checkout``, ``/products/…``,
``/get-started``, ``/book-consultation`` …, :data:`SALES_PATHS`) or whose text is a call to buy
("Buy now", "Get started", "Book a consultation", :data:`SALES_TEXTS`).

Measured over ``tests/corpus/`` (1,920 articles: news, encyclopaedia, blog and WordPress test
pages): see ``tests/cleaning/test_interest.py``, which keeps the count of statements there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..diagnostics import Report
from ..languages import primary_language
from ..model import (
    Article,
    BlockQuote,
    Blocks,
    Link,
    PublisherInterest,
    SalesLink,
)
from ..names import site_name
from ..sentences import sentence_spans
from ..walk import child_blocks, child_inlines, iter_inlines, plain_text

__all__ = ["CUES", "CUE_PATTERNS", "SALES_PATHS", "SALES_TEXTS", "VOCABULARY", "Words", "claims",
           "cue", "gather_interest", "sales_links"]

# ------------------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class Words:
    """One language's cue words, as regular-expression alternatives (matched ignoring case,
    between word boundaries)."""

    #: First-person plural possessives.
    possessive: str
    #: Whom a business serves: strong nouns.
    clients: str
    #: What a business offers, strong: a place or act of care, a shop.
    offers: str
    #: What a business offers, weak: also said of free software, clubs, newspapers.
    weak: str
    #: The business's own people or record ("team", "experience").
    own: str
    #: "we offer", "we provide" …
    we_offer: str
    #: "with us", "contact us" …
    with_us: str
    #: What one books.
    bookings: str
    #: Words that end a possessive's phrase ("our knowledge *of* patients").
    function_words: frozenset[str]
    #: A possessive that counts only right before its noun (Dutch neuter "ons" is also "us").
    next_only: str = r"(?!)"


def _set(words: str) -> frozenset[str]:
    """The words of ``words``, separated by spaces."""
    return frozenset(words.split())


#: Each language's cue words (a primary BCP 47 subtag; English is also the unknown language's).
VOCABULARY: dict[str, Words] = {
    "en": Words(
        possessive=r"our",
        clients=r"patients?|clients?|customers?",
        offers=r"clinics?|practice|consultations?|pharmacy|shop|store|prescribers?|providers",
        weak=r"programs?|programmes?|products?|services|members?|membership"
             r"|subscriptions?|offers?|plans|treatments?|physicians|doctors",
        own=r"team|experience|clinicians",
        we_offer=r"we\s+(?:offer|provide|prescribe|sell|ship|deliver|treat)"
                 r"|we(?:'ve|’ve|\s+have)\s+(?:helped|treated|guided)",
        with_us=r"with\s+us|contact\s+us",
        bookings=r"consultations?|appointments?",
        function_words=_set("of to for with and or in on at by from as than that which who "
                            "about into over under between")),
    "de": Words(
        possessive=r"unser(?:e|en|em|er|es)?",
        clients=r"patient(?:en|innen)|kund(?:en|innen)|klient(?:en|innen)",
        offers=r"praxis|klinik(?:en)?|sprechstunde|beratung(?:en)?|apotheke|shop",
        weak=r"programme?|produkte?|leistungen|angebot(?:e)?|mitglieder|abonnements?"
             r"|behandlung(?:en)?|ärzt(?:e|innen)",
        own=r"team|erfahrung",
        we_offer=r"wir\s+(?:bieten|behandeln|verschreiben|verkaufen)|bieten\s+wir",
        with_us=r"bei\s+uns|kontaktieren\s+sie\s+uns",
        bookings=r"termin(?:e)?|beratung|sprechstunde",
        function_words=_set("von zu für mit und oder in an bei aus als über")),
    "fr": Words(
        possessive=r"notre|nos",
        clients=r"patients?|patientes?|clients?|clientes?",
        offers=r"clinique|cabinet|consultations?|pharmacie|boutique|praticiens",
        weak=r"programmes?|produits?|services|offres?|membres|abonnements?|traitements?"
             r"|médecins",
        own=r"équipe|expérience",
        we_offer=r"nous\s+(?:proposons|offrons|prescrivons|vendons)",
        with_us=r"avec\s+nous|contactez[-\s]nous",
        bookings=r"consultations?|rendez-vous",
        function_words=_set("de du des à et ou pour avec en sur par")),
    "es": Words(
        possessive=r"nuestr[oa]s?",
        clients=r"pacientes|clientes",
        offers=r"clínicas?|consultas?|farmacia|tienda",
        weak=r"programas?|productos?|servicios?|planes|miembros|socios|ofertas?"
             r"|tratamientos?|médicos",
        own=r"equipo|experiencia",
        we_offer=r"ofrecemos|vendemos|recetamos|tratamos",
        with_us=r"con\s+nosotros|contáct(?:anos|enos)",
        bookings=r"citas?|consultas?",
        function_words=_set("de del a y o para con en por sobre")),
    "it": Words(
        possessive=r"nostr[oaie]",
        clients=r"pazienti|clienti",
        offers=r"clinic[ah]e?|studio|consulenz[ae]|farmacia|negozio",
        weak=r"programm[ai]|prodotti|servizi|iscritti|membri|offert[ae]|abbonament[oi]"
             r"|trattamenti|medici",
        own=r"team|équipe|esperienza",
        we_offer=r"offriamo|proponiamo|vendiamo|prescriviamo",
        with_us=r"con\s+noi|contatt(?:aci|ateci)",
        bookings=r"appuntament[oi]|consulenz[ae]",
        function_words=_set("di da a e o per con su tra in")),
    "pt": Words(
        possessive=r"noss[oa]s?",
        clients=r"pacientes|clientes",
        offers=r"clínicas?|consultas?|farmácia|loja",
        weak=r"programas?|produtos?|serviços|planos|membros|ofertas?|assinaturas?"
             r"|tratamentos?|médicos",
        own=r"equipe|equipa|experiência",
        we_offer=r"oferecemos|vendemos|prescrevemos|tratamos",
        with_us=r"connosco|conosco",
        bookings=r"consultas?|marcações?|agendamentos?",
        function_words=_set("de do da dos das a e ou para com em por")),
    "nl": Words(
        possessive=r"onze",
        next_only=r"ons",
        clients=r"patiënten|klanten|cliënten",
        offers=r"kliniek(?:en)?|praktijk|consult(?:en)?|apotheek|winkel",
        weak=r"programma(?:'s|’s)?|producten|diensten|leden|abonnement(?:en)?|aanbod"
             r"|behandelingen|artsen",
        own=r"team|ervaring",
        we_offer=r"(?:wij|we)\s+(?:bieden|verkopen|behandelen)|bieden\s+(?:wij|we)",
        with_us=r"bij\s+ons|met\s+ons|neem\s+contact",
        bookings=r"afspraak|consult|intake",
        function_words=_set("van voor met en of op bij uit in aan")),
}

_FLAGS = re.IGNORECASE
_compile = re.compile
_WORD = r"[^\W\d_][\w'’-]*"


@dataclass(frozen=True)
class _Cues:
    """One language's cue patterns, compiled from its :class:`Words`."""

    language: str
    possessive_strong: re.Pattern[str]
    possessive_weak: re.Pattern[str]
    own_people: re.Pattern[str]
    client: re.Pattern[str]
    we_offer: re.Pattern[str]
    own_offer: re.Pattern[str]
    with_us: re.Pattern[str]
    booking: re.Pattern[str]
    offer_word: re.Pattern[str]
    function_words: frozenset[str]

    @classmethod
    def of(cls, language: str, words: Words) -> _Cues:
        strong, weak = f"{words.clients}|{words.offers}", words.weak

        def possessive(nouns: str) -> re.Pattern[str]:
            # Group 1: the words between, checked for function words (a bounded repeat of
            # words and spaces: linear, tests/test_linear_time.py).
            return _compile(
                rf"\b(?:{words.possessive})\b((?:\s+{_WORD}){{0,2}}?)\s+(?:{nouns})\b"
                rf"|\b(?:{words.next_only})\s+(?:{nouns})\b", _FLAGS)

        return cls(
            language=language,
            possessive_strong=possessive(strong), possessive_weak=possessive(weak),
            own_people=_compile(rf"\b(?:{words.possessive})\s+(?:{words.own})\b", _FLAGS),
            client=_compile(rf"\b(?:{words.clients})\b", _FLAGS),
            we_offer=_compile(rf"\b(?:{words.we_offer})\b", _FLAGS),
            own_offer=_compile(rf"\b(?:{strong}|{weak})\b", _FLAGS),
            with_us=_compile(rf"\b(?:{words.with_us})\b", _FLAGS),
            booking=_compile(rf"\b(?:{words.bookings})\b", _FLAGS),
            offer_word=_compile(rf"^(?:{strong}|{weak})$", _FLAGS),
            function_words=words.function_words)


#: The compiled cues of each language of :data:`VOCABULARY`: a module-level tuple of
#: dataclasses, where ``tests/test_linear_time.py`` finds every pattern and checks that it
#: searches in linear time (they are built from the word lists, hence :func:`_compile`).
CUE_PATTERNS: tuple[_Cues, ...] = tuple(_Cues.of(lang, words)
                                        for lang, words in VOCABULARY.items())
_BY_LANGUAGE = {cues.language: cues for cues in CUE_PATTERNS}
#: The cue names, in the order they are tried; ``possessive-weak`` alone makes no statement.
CUES = ("possessive-strong", "own-people", "we-offer", "with-us", "publisher-name",
        "possessive-weak")
#: Quotation marks, opening → closing: a cue between them is someone else's words.
_QUOTE_PAIRS = {"“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"', "「": "」"}
#: A word, for the distance from the publisher's name.
_ANY_WORD = re.compile(r"\w[\w'’-]*")


#: First path segments of sales pages, by their words (a segment is split on ``-``/``_``).
SALES_PATHS = frozenset({
    "shop", "store", "pricing", "prices", "price", "plans", "checkout", "cart", "basket",
    "buy", "order", "products", "product", "consultation", "consultations", "consult",
    "appointment", "appointments", "booking", "signup", "sign-up", "get-started", "membership",
    "subscribe-and-save", "intake", "book-consultation", "book-a-consultation",
    "book-appointment", "book-an-appointment",
    "kaufen", "preise", "bestellen", "warenkorb", "kasse", "termin", "produkte",
    "boutique", "tarifs", "prix", "panier", "commander", "produits", "rendez-vous",
    "tienda", "precios", "comprar", "carrito", "cita", "productos",
    "negozio", "prezzi", "acquista", "carrello", "prenota", "prodotti",
    "loja", "precos", "preços", "carrinho", "agendar", "produtos",
    "winkel", "prijzen", "kopen", "winkelwagen", "afspraak", "producten",
})
#: First words of a path segment that make it a sales page whatever follows
#: (``/shop-all``, ``/checkout-step-2``, ``/book-consultation`` is ``consultation``'s).
_SALES_STARTS = frozenset({"shop", "checkout", "cart", "pricing", "buy", "consultation",
                           "appointment", "signup", "warenkorb", "boutique", "panier", "tienda",
                           "carrito", "negozio", "carrello", "loja", "carrinho", "winkel"})
#: Link texts that are a call to buy or book, compared lower-cased, spaces collapsed, final
#: punctuation and arrows stripped.
SALES_TEXTS = frozenset({
    "buy now", "shop now", "order now", "get started", "start now", "book now",
    "book a consultation", "book your consultation", "book a free consultation",
    "schedule a consultation", "see pricing", "view pricing", "see plans", "view plans",
    "sign up", "start your journey", "add to cart", "subscribe now",
    "jetzt kaufen", "jetzt bestellen", "termin buchen", "termin vereinbaren",
    "acheter", "commander", "prendre rendez-vous", "acheter maintenant",
    "comprar", "comprar ahora", "pedir cita", "reservar cita",
    "acquista", "acquista ora", "prenota", "prenota ora",
    "comprar agora", "agendar consulta", "compre agora",
    "nu kopen", "bestel nu", "afspraak maken", "koop nu",
})


# ------------------------------------------------------------------------------ the pass


def gather_interest(article: Article, report: Report) -> Article:
    """Record in ``article.interest`` the sentences and links that show its publisher's
    commercial interest (nothing when there is no strong claim and no sales link); the text is
    not changed."""
    found = claims(article.blocks, article.lang, _brand(article.source.url))
    links = sales_links(article.blocks, article.source.url)
    if not links and all(name == "possessive-weak" for _sentence, name in found):
        return article
    name = article.source.publisher or site_name(article.source.url)
    passages = tuple(sentence for sentence, _cue in found)
    parts = []
    if passages:
        parts.append(f"{len(passages)} passage(s) about its own offer: "
                     + "; ".join(f"“{p}”" for p in passages))
    if links:
        parts.append("links to its own sales pages: " + "; ".join(link.href for link in links))
    report.info("publisher-interest", article.slug,
                f"{name or 'the publisher (not named)'}: " + " — ".join(parts))
    return replace(article, interest=PublisherInterest(name, passages, tuple(links)))


def claims(blocks: Blocks, language: str | None,
           brand: str | None = None) -> list[tuple[str, str]]:
    """The sentences of ``blocks`` (block quotes left out) in which the publisher speaks of its
    own offer, quoted exactly, each once, in reading order, with the cue that shows it."""
    cues = _cues(language)
    if cues is None:
        return []
    out: dict[str, str] = {}
    for text in _texts(blocks):
        for start, end in sentence_spans(text, language):
            sentence = text[start:end]
            found = cue(sentence, language, brand)
            if found is not None:
                out.setdefault(sentence, found)
    return list(out.items())


def _cues(language: str | None) -> _Cues | None:
    """The cues of ``language`` (English when unknown; ``None`` for one without cue words)."""
    return _BY_LANGUAGE.get(primary_language(language) if language else "en")


def _texts(blocks: Blocks) -> Iterator[str]:
    """The plain text of every inline run of ``blocks``, outside block quotes."""
    for block in blocks:
        if isinstance(block, BlockQuote):
            continue
        for run in child_inlines(block):
            yield plain_text(run)
        for child in child_blocks(block):
            yield from _texts(child)


def _quoted(sentence: str) -> list[tuple[int, int]]:
    """The spans of ``sentence`` between quotation marks, in one pass: a mark that opens while
    another quotation is open is text, and a quotation not closed runs to the end."""
    spans: list[tuple[int, int]] = []
    start, closing = -1, ""
    for at, char in enumerate(sentence):
        if closing and char in closing:
            spans.append((start, at + 1))
            closing = ""
        elif not closing and char in _QUOTE_PAIRS:
            start, closing = at, _QUOTE_PAIRS[char]
    if closing:
        spans.append((start, len(sentence)))
    return spans


def cue(sentence: str, language: str | None = None, brand: str | None = None) -> str | None:
    """The name of the first cue (:data:`CUES`) that makes ``sentence`` a claim of the
    publisher about its own offer, outside quotation marks; ``None`` when there is none."""
    cues = _cues(language)
    if cues is None:
        return None
    quoted = _quoted(sentence)

    def outside(at: int) -> bool:
        return not any(start <= at < end for start, end in quoted)

    def first(pattern: re.Pattern[str], after: int = 0) -> int | None:
        return next((m.start() for m in pattern.finditer(sentence, after)
                     if outside(m.start())), None)

    def possessive(pattern: re.Pattern[str]) -> bool:
        return any(outside(m.start()) and not any(
            w.lower() in cues.function_words for w in (m.group(1) or "").split())
            for m in pattern.finditer(sentence))

    if possessive(cues.possessive_strong):
        return "possessive-strong"
    if first(cues.own_people) is not None and first(cues.client) is not None:
        return "own-people"
    verb = next((m for m in cues.we_offer.finditer(sentence) if outside(m.start())), None)
    if verb is not None and first(cues.own_offer, verb.end()) is not None:
        return "we-offer"
    if first(cues.with_us) is not None and first(cues.booking) is not None:
        return "with-us"
    if brand is not None and _names_brand_offer(sentence, brand, outside, cues.offer_word):
        return "publisher-name"
    if possessive(cues.possessive_weak):
        return "possessive-weak"
    return None


def _names_brand_offer(sentence: str, brand: str, outside: Callable[[int], bool],
                       offer_word: re.Pattern[str]) -> bool:
    """The publisher's name, capitalised and not the sentence's first word, within three words
    of an offer noun."""
    words = [(m.group(), m.start()) for m in _ANY_WORD.finditer(sentence)]
    for index, (word, at) in enumerate(words):
        if word.lower() != brand or word.islower() or index == 0 or not outside(at):
            continue
        near = words[max(0, index - 3):index] + words[index + 1:index + 4]
        if any(offer_word.match(w) for w, _at in near):
            return True
    return False


#: Second-level labels under a country code (``example.co.uk``): the name is the label before.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def _brand(url: str | None) -> str | None:
    """The distinctive label of the publisher's host (``trimrx`` for ``www.trimrx.com``), or
    ``None`` when it is shorter than five letters (too likely an ordinary word)."""
    host = site_name(url)
    if not host:
        return None
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        labels = labels[:-1]
    name = labels[-2] if len(labels) >= 2 else labels[0]
    return name.lower() if len(name) >= 5 and name.isalnum() else None


def sales_links(blocks: Blocks, url: str | None) -> list[SalesLink]:
    """The links of ``blocks`` to a sales page of the article's own host, each address once."""
    host = site_name(url)
    out: dict[str, SalesLink] = {}
    for node in iter_inlines(blocks):
        if not isinstance(node, Link) or node.href in out:
            continue
        if _is_sales_link(node, host):
            out[node.href] = SalesLink(" ".join(plain_text(node.children).split()), node.href)
    return list(out.values())


def _is_sales_link(link: Link, host: str | None) -> bool:
    try:
        parts = urlsplit(link.href)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https", ""):
        return False
    if parts.netloc:
        if host is None or site_name(link.href) != host:
            return False
    elif not parts.path.startswith("/") or host is None:
        return False
    first = next((s for s in parts.path.lower().split("/") if s), "")
    if first in SALES_PATHS or first.split("-")[0] in _SALES_STARTS:
        return True
    label = " ".join(plain_text(link.children).lower().split()).rstrip(" .!→»›>")
    return label in SALES_TEXTS
