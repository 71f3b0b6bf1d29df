"""Step 2 - Cleaning, pass "interest": what the article shows of its publisher selling what it
discusses, recorded in ``Article.interest`` with the passages that show it.

A reader of a health article needs to know when the site that wrote it sells the treatment it
describes. The pass changes nothing in the text: it quotes, exactly, the sentences in which the
publisher speaks of its own patients, clients, programme, products or services, and lists the
article's links to its publisher's own sales pages. It reports them as ``publisher-interest``
(info), and assembly states them as facts (:mod:`peptidebook.assembly.edits`).

Precision first: a sentence is quoted only on one of these cues, in English, German, French,
Spanish, Italian, Portuguese or Dutch (:data:`CUES`, :func:`cue`):

* a first-person plural possessive right before (at most two words between, none a
  preposition or conjunction) a noun of what a business offers or whom it serves: "our
  patients", "our weight-loss program", "unsere Praxis", "nos produits", "nuestros pacientes",
  "i nostri servizi", "nossa clínica", "onze klanten";
* a first-person plural possessive of the business's own people or record ("our team", "our
  clinicians", "in our experience") in a sentence that names whom it serves ("patients",
  "clients", "customers"): "Our team has guided hundreds of patients …";
* "we offer / provide / prescribe / sell" (and the other languages' verbs) with such a noun;
* a booking noun with "with us" / "contact us" ("book a consultation with us");
* the publisher's own name (the distinctive label of its host, ``TrimrX`` for ``trimrx.com``,
  written with a capital) within three words of such a noun ("through a program like TrimrX").

A cue inside quotation marks is somebody else's words (a news article quoting a clinic) and a
block quote is a quotation: neither is taken. Generic first-person prose ("our body", "our
endocrine system") has no offer noun and is not taken.

A sales link is a link to the article's own host (or a relative one) whose first path segment
names a sales page (``/shop``, ``/pricing``, ``/checkout``, ``/products/…``, ``/get-started``,
``/book-consultation`` …, :data:`SALES_PATHS`) or whose text is a call to buy ("Buy now",
"Get started", "Book a consultation", :data:`SALES_TEXTS`).

Measured on ``tests/corpus/`` (see ``tests/cleaning/test_interest.py`` and the README): pages
without commerce get no statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from ..diagnostics import Report
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

__all__ = ["CUES", "SALES_PATHS", "SALES_TEXTS", "claims", "cue", "gather_interest",
           "sales_links"]

# ------------------------------------------------------------------------------ vocabulary
# Word lists by language, joined into one pattern each: an article may mix languages, and a
# word of one language is not a cue-word of another by accident at this length.

#: First-person plural possessives (en, de, fr, es, it, pt, nl). Dutch "ons" (neuter) is also
#: the object pronoun: it counts only right before its noun.
_POSSESSIVE = (r"our|unser(?:e|en|em|er|es)?|notre|nos|nuestr[oa]s?|nostr[oaie]|noss[oa]s?"
               r"|onze")
_POSSESSIVE_NEXT_ONLY = r"ons"

#: Whom a business serves.
_CLIENTS = (
    r"patients?|clients?|customers?|members?"
    r"|patient(?:en|innen)?|kund(?:en|innen)|klient(?:en|innen)|mitglieder"
    r"|patientes?|clientes?|membres"
    r"|pacientes|socios|miembros"
    r"|pazienti|clienti|iscritti"
    r"|membros"
    r"|patiënten|klanten|cliënten|leden"
)
#: What a business offers (besides whom it serves).
_OFFERS = (
    r"programs?|programmes?|clinics?|practice|consultations?|treatments?|products?|services"
    r"|membership|subscriptions?|pharmacy|shop|store|providers?|clinicians"
    r"|programme?|praxis|kliniken?|sprechstunde|beratung(?:en)?|behandlung(?:en)?"
    r"|angebot(?:e)?|produkte?|leistungen|apotheke"
    r"|clinique|cabinet|traitements?|produits?|offres?|boutique|pharmacie|praticiens"
    r"|programas?|clínicas?|consultas?|tratamientos?|productos?|servicios?|tienda|farmacia"
    r"|programm[ai]|clinic[ah]e?|consulenz[ae]|trattamenti|prodotti|servizi|negozio"
    r"|tratamentos?|produtos?|serviços|loja|farmácia|planos"
    r"|programma's|kliniek(?:en)?|praktijk|consult(?:en)?|behandelingen|producten|diensten"
    r"|winkel|apotheek|abonnement"
)
#: Offers a publisher names only of its own: the nouns "we offer …" must name (an article
#: that "offers an overview of treatments" is not selling them).
_OWN_OFFERS = (
    r"programs?|programmes?|clinics?|consultations?|membership|subscriptions?|pharmacy"
    r"|programme?|praxis|sprechstunde|beratung|apotheke"
    r"|clinique|cabinet|pharmacie|programas?|clínicas?|consultas?|farmacia"
    r"|programm[ai]|clinic[ah]e?|consulenz[ae]|farmácia"
    r"|programma's|kliniek|praktijk|consulten|apotheek|abonnement"
)
#: The business's own people or record, which speak for it when they name whom it serves.
_OWN = (
    r"team|experience|clinicians|doctors|physicians|specialists|experts|staff"
    r"|erfahrung|ärzt(?:e|innen)|experten|spezialisten"
    r"|équipe|expérience|médecins|spécialistes"
    r"|equipo|experiencia|médicos|especialistas"
    r"|esperienza|medici|specialisti"
    r"|equipe|equipa|experiência"
    r"|ervaring|artsen|specialisten"
)
#: "We offer …" in each language (the verb tells it is the publisher's offer).
_WE_OFFER = (
    r"we\s+(?:offer|provide|prescribe|sell|ship|deliver|treat)"
    r"|we(?:'ve|’ve|\s+have)\s+(?:helped|treated|guided)"
    r"|wir\s+(?:bieten|behandeln|verschreiben|verkaufen)|bieten\s+wir"
    r"|nous\s+(?:proposons|offrons|prescrivons|vendons)"
    r"|ofrecemos|vendemos|recetamos"
    r"|offriamo|proponiamo|vendiamo"
    r"|oferecemos|vendemos|prescrevemos"
    r"|(?:wij|we)\s+(?:bieden|verkopen|behandelen)|bieden\s+(?:wij|we)"
)
#: Booking with the publisher.
_WITH_US = (
    r"with\s+us|contact\s+us|bei\s+uns|kontaktieren\s+sie\s+uns|avec\s+nous|contactez[-\s]nous"
    r"|con\s+nosotros|contáct(?:anos|enos)|con\s+noi|contatt(?:aci|ateci)|connosco|conosco"
    r"|bij\s+ons|met\s+ons|neem\s+contact"
)
_BOOKINGS = (
    r"consultations?|appointments?|visit|call|termin|beratung|rendez-vous|cita|consulta"
    r"|appuntamento|consulenza|afspraak|consult"
)
#: Words that end a possessive's phrase: "our knowledge *of* patients" is not "our patients".
_FUNCTION_WORDS = frozenset({
    "of", "to", "for", "with", "and", "or", "in", "on", "at", "by", "from", "as", "than",
    "that", "which", "who", "about", "into", "von", "zu", "für", "mit", "und", "oder", "an",
    "bei", "aus", "als", "über", "de", "du", "des", "à", "et", "ou", "pour", "avec", "en",
    "sur", "par", "del", "y", "o", "para", "con", "por", "sobre", "di", "da", "e", "per",
    "su", "tra", "do", "com", "em", "van", "voor", "met", "op", "bij", "uit",
})

_FLAGS = re.IGNORECASE
_WORD = r"[^\W\d_][\w'’-]*"
#: "our patients", "our weight-loss program", "unsere Praxis", "ons programma": a possessive
#: and an offer noun, at most two words between (group 1; checked for function words).
_POSSESSIVE_OFFER = re.compile(
    rf"\b(?:{_POSSESSIVE})\b((?:\s+{_WORD}){{0,2}}?)\s+(?:{_CLIENTS}|{_OFFERS})\b"
    rf"|\b(?:{_POSSESSIVE_NEXT_ONLY})\s+(?:{_CLIENTS}|{_OFFERS})\b", _FLAGS)
#: "our team", "in our experience" — a claim when the sentence names whom it serves.
_OWN_PEOPLE = re.compile(rf"\b(?:{_POSSESSIVE})\s+(?:{_OWN})\b", _FLAGS)
_CLIENT = re.compile(rf"\b(?:{_CLIENTS})\b", _FLAGS)
#: "we offer" — a claim when an offer noun of the publisher's own follows.
_WE_OFFER_VERB = re.compile(rf"\b(?:{_WE_OFFER})\b", _FLAGS)
_OWN_OFFER = re.compile(rf"\b(?:{_CLIENTS}|{_OWN_OFFERS})\b", _FLAGS)
#: "with us", "contact us" — a claim with a booking noun.
_US = re.compile(rf"\b(?:{_WITH_US})\b", _FLAGS)
_BOOKING = re.compile(rf"\b(?:{_BOOKINGS})\b", _FLAGS)
#: One offer noun on its own (next to the publisher's name).
_OFFER_WORD = re.compile(rf"^(?:{_CLIENTS}|{_OFFERS})$", _FLAGS)
#: A word, for the distance from the publisher's name.
_ANY_WORD = re.compile(r"\w[\w'’-]*")

#: The cue names, in the order they are tried (module docstring).
CUES = ("possessive-offer", "own-people", "we-offer", "with-us", "publisher-name")
#: Quotation marks, opening → closing: a cue between them is someone else's words.
_QUOTE_PAIRS = {"“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"', "「": "」"}

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
    commercial interest (nothing when there are none); the text is not changed."""
    publisher = article.source.publisher or site_name(article.source.url)
    found = claims(article.blocks, article.lang, _brand(article.source.url))
    links = sales_links(article.blocks, article.source.url)
    if not found and not links:
        return article
    name = publisher or article.title
    quoted = "; ".join(f"“{c}”" for c in found)
    linked = "; ".join(link.href for link in links)
    report.info("publisher-interest", article.slug,
                f"{name}: " + " — ".join(
                    part for part in (f"{len(found)} passage(s) about its own offer: {quoted}"
                                      if found else "",
                                      f"links to its own sales pages: {linked}" if links
                                      else "") if part))
    return replace(article, interest=PublisherInterest(name, tuple(found), tuple(links)))


def claims(blocks: Blocks, language: str | None, brand: str | None = None) -> list[str]:
    """The sentences of ``blocks`` (block quotes left out) in which the publisher speaks of its
    own offer, quoted exactly, each once, in reading order."""
    out: dict[str, None] = {}
    for text in _texts(blocks):
        for start, end in sentence_spans(text, language):
            sentence = text[start:end]
            if cue(sentence, brand) is not None:
                out.setdefault(sentence, None)
    return list(out)


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
    """The spans of ``sentence`` between quotation marks (one pass: a mark that opens while
    another quotation is open is text)."""
    spans: list[tuple[int, int]] = []
    start, closing = -1, ""
    for at, char in enumerate(sentence):
        if closing and char in closing:
            spans.append((start, at + 1))
            closing = ""
        elif not closing and char in _QUOTE_PAIRS:
            start, closing = at, _QUOTE_PAIRS[char]
    return spans


def cue(sentence: str, brand: str | None = None) -> str | None:
    """The name of the first cue (:data:`CUES`) that makes ``sentence`` a claim of the
    publisher about its own offer, outside quotation marks; ``None`` when there is none."""
    quoted = _quoted(sentence)

    def outside(at: int) -> bool:
        return not any(start <= at < end for start, end in quoted)

    def first(pattern: re.Pattern[str], after: int = 0) -> int | None:
        return next((m.start() for m in pattern.finditer(sentence, after)
                     if outside(m.start())), None)

    for match in _POSSESSIVE_OFFER.finditer(sentence):
        between = (match.group(1) or "").split()
        if outside(match.start()) and not any(w.lower() in _FUNCTION_WORDS for w in between):
            return "possessive-offer"
    if first(_OWN_PEOPLE) is not None and first(_CLIENT) is not None:
        return "own-people"
    verb = next((m for m in _WE_OFFER_VERB.finditer(sentence) if outside(m.start())), None)
    if verb is not None and first(_OWN_OFFER, verb.end()) is not None:
        return "we-offer"
    if first(_US) is not None and first(_BOOKING) is not None:
        return "with-us"
    if brand is not None and _names_brand_offer(sentence, brand, outside):
        return "publisher-name"
    return None


def _names_brand_offer(sentence: str, brand: str, outside: Callable[[int], bool]) -> bool:
    """The publisher's name, capitalised and not the sentence's first word, within three words
    of an offer noun."""
    words = [(m.group(), m.start()) for m in _ANY_WORD.finditer(sentence)]
    for index, (word, at) in enumerate(words):
        if word.lower() != brand or word.islower() or index == 0 or not outside(at):
            continue
        near = words[max(0, index - 3):index] + words[index + 1:index + 4]
        if any(_OFFER_WORD.match(w) for w, _at in near):
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
