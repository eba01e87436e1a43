"""Personal details never survive redaction; ordinary questions do."""

from __future__ import annotations

import pytest

from intents.redact import redact, user_key


@pytest.mark.parametrize(
    ("question", "secret"),
    [
        ("kandidaat met bsn 123456782, welke regeling?", "123456782"),
        ("BSN 111.222.333 in de bijstand", "111.222.333"),
        ("bsn 12345678 zonder elfproef", "12345678"),
        ("mail haar via j.jansen@example.nl over LKS", "j.jansen@example.nl"),
        ("bel 06-12345678 voor de jobcoach", "06-12345678"),
        ("telefoon +31 6 1234 5678", "+31 6 1234 5678"),
        ("vast nummer 070 123 4567", "070 123 4567"),
        ("IBAN NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"),
        ("iban nl91abna0417164300", "nl91abna0417164300"),
        ("geboren 12-03-1990, wajong", "12-03-1990"),
        ("geboortedatum: 3 maart 1985", "3 maart 1985"),
        ("wajonger van 01/02/2001 zoekt werk", "01/02/2001"),
        ("woont op 2511 AB 12 in Den Haag", "2511 AB 12"),
        ("mevrouw Jansen wil graag werken", "Jansen"),
        ("meneer van der Berg heeft wajong", "Berg"),
        ("dhr. P. de Vries uit Delft", "Vries"),
        ("mw. El Amrani, bijstand", "Amrani"),
        ("mevr. Öztürk in de bijstand", "Öztürk"),
    ],
)
def test_personal_details_are_replaced(question: str, secret: str) -> None:
    cleaned = redact(question)
    assert secret not in cleaned
    assert "[" in cleaned


@pytest.mark.parametrize(
    "question",
    [
        "wajong werknemer, welke regeling?",
        "LKV per 1 januari 2027",
        "loonwaarde 40%, 32 uur per week",
        "wat verandert er op 1-1-2026 aan de lkv",
        "de werkgever heeft 25 medewerkers",
    ],
)
def test_ordinary_questions_stay_as_they_are(question: str) -> None:
    assert redact(question) == question


def test_user_key_is_stable_and_does_not_show_the_id() -> None:
    assert user_key("U0000000001", "geheim") == user_key("U0000000001", "geheim")
    assert user_key("U0000000001", "geheim") != user_key("U0000000002", "geheim")
    assert "U0000000001" not in user_key("U0000000001", "geheim")
