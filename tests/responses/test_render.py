"""What the renderer promises: Dutch notation, sources, harmless user text, Slack's limits."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.pipeline import Assistant
from catalogue.models import Amount
from catalogue.query import Intent
from responses import render as render_module
from responses.format import amount_nl, date_nl, escape_mrkdwn, number_nl
from responses.limits import MAX_BLOCKS, MAX_SECTION, fit
from responses.message import Message

ON = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2000, "2.000"), (3.05, "3,05"), (2294.4, "2.294,40"), (6000.0, "6.000"), (1.5, "1,50")],
)
def test_numbers_in_dutch_notation(value: float, expected: str) -> None:
    assert number_nl(value) == expected


def test_dates_in_dutch() -> None:
    assert date_nl(dt.date(2026, 1, 1)) == "1 januari 2026"


def test_an_amount_line_has_euro_sign_maximum_and_date() -> None:
    amount = Amount(
        label="LKV",
        value=3.05,
        unit="euro per uur",
        maximum=6000,
        maximum_unit="euro per jaar",
        valid_from=dt.date(2026, 1, 1),
    )
    assert amount_nl(amount) == (
        "LKV: € 3,05 per uur, maximaal € 6.000 per jaar (geldt vanaf 1 januari 2026)"
    )


def test_an_unknown_amount_says_whom_to_ask() -> None:
    amount = Amount(label="Bijdrage", ask="navragen bij Den Haag Werkt")
    assert amount_nl(amount) == "Bijdrage: onbekend, navragen bij Den Haag Werkt"


def test_escaping_makes_broadcasts_and_links_literal() -> None:
    assert (
        escape_mrkdwn("<!channel> & <https://x|y>") == "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"
    )


def test_every_intent_has_a_renderer() -> None:
    assert set(render_module._RENDERERS) == set(Intent)


@pytest.mark.parametrize(
    "question",
    [
        "welke regeling hoort bij een wajonger?",
        "wat is loonkostensubsidie",
        "verschil loondispensatie en loonkostensubsidie",
        "welke lokale regelingen heeft Den Haag",
        "alle loonkostenvoordelen op een rij",
    ],
)
def test_factual_answers_say_where_facts_come_from_and_when_checked(
    assistant: Assistant, question: str
) -> None:
    text = assistant.ask(question, on=ON).message.text
    assert "Bron:" in text
    assert "Gecontroleerd op" in text


def test_an_unknown_figure_is_called_unknown(assistant: Assistant) -> None:
    text = assistant.ask(
        "wat is de tegemoetkoming meerdere kandidaten den haag", on=ON
    ).message.text
    assert "onbekend" in text.lower()
    assert "Den Haag Werkt" in text


def test_a_wajong_advice_says_why_not_loonkostensubsidie(assistant: Assistant) -> None:
    answer = assistant.ask("wajong werknemer, welke regeling?", on=ON)
    assert answer.finding.instrument_ids[0] == "loondispensatie"
    assert "loonkostensubsidie" not in answer.finding.instrument_ids
    assert "Waarom niet Loonkostensubsidie" in answer.message.text


def test_an_ended_instrument_names_end_date_and_successor(assistant: Assistant) -> None:
    text = assistant.ask("bestaat de premiekorting nog?", on=ON).message.text
    assert "1 januari 2018" in text
    assert "LKV" in text


def test_user_markup_in_a_question_never_reaches_blocks_raw(assistant: Assistant) -> None:
    answer = assistant.ask("<!channel> wat is <https://evil.example|lks>?", on=ON)
    dumped = json.dumps(
        [b for b in answer.message.blocks if b.get("type") != "actions"], ensure_ascii=False
    )
    assert "<!channel>" not in dumped
    assert "<https://evil" not in dumped


def test_fit_splits_long_sections_and_caps_blocks() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "woord " * 1000}}] * 60
    fitted = fit(Message(text="x", blocks=blocks))
    assert len(fitted.blocks) <= MAX_BLOCKS
    assert all(len(b.get("text", {}).get("text", "")) <= MAX_SECTION for b in fitted.blocks)


def test_action_ids_are_unique_in_every_answer(assistant: Assistant) -> None:
    for question in ("wajong", "welke lokale regelingen heeft Den Haag", "geld", "lks vs ld"):
        blocks = assistant.ask(question, on=ON).message.blocks
        ids = [
            element["action_id"]
            for block in blocks
            for element in [*block.get("elements", []), block.get("accessory") or {}]
            if "action_id" in element
        ]
        assert len(ids) == len(set(ids)), question


def test_a_place_outside_both_regions_is_said_to_be_outside(assistant: Assistant) -> None:
    answer = assistant.ask("kandidaat uit Leiden in de bijstand", on=ON)
    assert answer.query.municipality is None
    assert "Leiden hoort niet bij Haaglanden of Zuid-Holland Centraal" in answer.message.text
