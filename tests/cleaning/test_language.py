"""Cleaning, language: the guess from the script of the letters, then Latin function words."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidebook.cleaning import language
from peptidebook.cleaning.language import guess_language, script_counts

#: One ordinary paragraph per language (written for this test, not taken from the samples).
PARAGRAPHS = {
    "en": "The library opens at nine in the morning and closes when the last reader has left. "
          "Visitors who want to borrow a book need a card, which they can ask for at the desk.",
    "de": "Die Bibliothek öffnet um neun Uhr und schließt, wenn der letzte Leser gegangen ist. "
          "Wer ein Buch ausleihen will, braucht einen Ausweis, den man an der Theke bekommt.",
    "fr": "La bibliothèque ouvre à neuf heures et ferme quand le dernier lecteur est parti. "
          "Les visiteurs qui veulent emprunter un livre ont besoin d'une carte pour cela.",
    "es": "La biblioteca abre a las nueve y cierra cuando el último lector se ha ido. Los "
          "visitantes que quieren llevarse un libro necesitan una tarjeta para hacerlo.",
    "it": "La biblioteca apre alle nove e chiude quando l'ultimo lettore se ne è andato. Chi "
          "vuole prendere in prestito un libro ha bisogno di una tessera che si chiede al banco.",
    "pt": "A biblioteca abre às nove e fecha quando o último leitor vai embora. Os visitantes "
          "que querem levar um livro precisam de um cartão, que se pede no balcão.",
    "nl": "De bibliotheek gaat om negen uur open en sluit als de laatste lezer weg is. Wie een "
          "boek wil lenen, heeft een pas nodig die je aan de balie kunt vragen.",
    "pl": "Biblioteka jest otwarta od dziewiątej i zamyka się, gdy wyjdzie ostatni czytelnik. "
          "Kto chce wypożyczyć książkę, musi mieć kartę, o którą można poprosić przy ladzie.",
    "ar": "تفتح المكتبة أبوابها في التاسعة صباحا وتغلق عندما يغادر آخر قارئ، "
          "ويحتاج الزائر إلى بطاقة",
    "he": "הספרייה נפתחת בתשע בבוקר ונסגרת כשהקורא האחרון עוזב, "
          "ומי שרוצה לשאול ספר צריך כרטיס",
    "ja": "図書館は朝九時に開き、最後の読者が帰ると閉まります。"
          "本を借りたい人はカウンターでカードを申し込んでください。",
    "zh-Hans": "图书馆早上九点开门\uff0c最后一位读者离开后关门。"
               "想借书的人需要一张借书证\uff0c这些问题可以在服务台说明。",
    "zh-Hant": "圖書館早上九點開門\uff0c最後一位讀者離開後關門。"
               "想借書的人需要一張借書證\uff0c這些問題可以在服務台說明。",
    "ko": "도서관은 아침 아홉 시에 문을 열고 마지막 독자가 떠나면 문을 닫습니다. "
          "책을 빌리려면 카드가 필요합니다.",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_a_paragraph_is_guessed_right(lang: str) -> None:
    guess = guess_language(PARAGRAPHS[lang])
    assert guess is not None and guess.lang == lang


@pytest.mark.parametrize("text", ["Too short to tell.", "Sermorelin 200 mcg 0.5 mL 12 weeks " * 3,
                                  "Библиотека открывается в девять утра и закрывается вечером."])
def test_no_guess_without_enough_evidence(text: str) -> None:
    assert guess_language(text) is None


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.sampled_from(list(PARAGRAPHS.values())))
def test_script_counts_equal_classifying_every_character(text: str) -> None:
    """Classifying each kind of character once, weighted by its count, gives the counts of
    classifying every character on its own; and no text makes the guess fail."""
    by_character = Counter(s for s in (language._script.__wrapped__(c) for c in text) if s)
    assert script_counts(text) == by_character
    guess_language(text)
