"""Property tests: whatever an adviser types, the pipeline gives an answer Slack accepts.

Hypothesis feeds `Assistant.ask` arbitrary unicode and sentences assembled from the catalogue's
own words mixed with hostile fragments, on arbitrary dates and municipalities. Every answer must
be one of the known intents, serialise as the command-line contract, stay within Slack's limits
(also after `enforce_limits`, which is what the app sends), and never carry a broadcast or a
mention into what Slack shows.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline import Assistant
from catalogue.loader import load_data
from catalogue.query import Intent
from responses.guard import enforce_limits
from responses.message import Message
from tests.hardening.conftest import displayed, limit_violations

_DATA = load_data()
QUESTION_WORDS = [
    "wat is een",
    "welke regeling voor een werknemer",
    "verschil tussen",
    "vergelijk",
    "en of voor",
    "factsheet",
    "help",
    "updates",
    "gemeente",
    "jongeren",
    "per 1 januari 2027",
    "subsidie?",
]
VOCABULARY = sorted(
    {
        *(i.name for i in _DATA.instruments.values()),
        *(alias for i in _DATA.instruments.values() for alias in i.aliases),
        *(m.name for m in _DATA.municipalities.values()),
        *(g.name for g in _DATA.target_groups.values()),
        *QUESTION_WORDS,
    }
)
HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S012|team>",
    "<@U0000000123>",
    "<#C0000000001|algemeen>",
    "<https://evil.example|klik>",
    "*vet*",
    "```",
    "&amp;",
    "&lt;",
    ":smile:",
    "😀",
    "👍🏽",
    "\u202e",
    "\u200b",
    "\x00",
    "\x1b[31m",
    "שלום",
    "مرحبا",
    "\n\n",
    "\t",
    "x" * 3100,
]
MUNICIPALITIES = [None, *_DATA.municipalities]
INTENTS = {intent.value for intent in Intent}

KEEP_IT_QUICK = settings(
    max_examples=120,
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
"""Modest and reproducible in CI (a few seconds); raise max_examples locally for a wider search."""

questions = st.one_of(
    st.text(max_size=400),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12_000),
    st.lists(st.sampled_from(VOCABULARY + HOSTILE), min_size=1, max_size=40).map(" ".join),
)


def check_answer(assistant: Assistant, text: str, municipality: str | None, on: dt.date) -> None:
    answer = assistant.ask(text, municipality=municipality, on=on)
    contract = answer.to_json()

    assert contract["intent"] in INTENTS
    json.dumps(contract, ensure_ascii=False).encode("utf-8")
    assert limit_violations(contract["text"], contract["blocks"]) == []
    for part in enforce_limits(answer.message):
        assert limit_violations(part.text, part.blocks) == []
        shown = displayed({"text": part.text, "blocks": part.blocks})
        for token in ("<!channel", "<!here", "<!everyone", "<!subteam", "<@U"):
            assert token not in shown, (token, text[:200])


@KEEP_IT_QUICK
@given(
    text=questions,
    municipality=st.sampled_from(MUNICIPALITIES),
    on=st.dates(dt.date(2020, 1, 1), dt.date(2032, 12, 31)),
)
def test_any_question_gets_a_valid_answer(
    assistant: Assistant, text: str, municipality: str | None, on: dt.date
) -> None:
    check_answer(assistant, text, municipality, on)


texts = st.text(st.characters(codec="utf-8"), max_size=9000)
buttons = st.fixed_dictionaries(
    {
        "type": st.just("button"),
        "text": st.fixed_dictionaries(
            {"type": st.just("plain_text"), "text": texts.filter(str.strip)}
        ),
        "action_id": st.sampled_from(["toolbox_details", "toolbox_share", "a" * 300]),
        "value": texts,
    }
)
blocks = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.just("section"),
            "text": st.fixed_dictionaries(
                {"type": st.just("mrkdwn"), "text": texts.filter(str.strip)}
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "type": st.just("header"),
            "text": st.fixed_dictionaries(
                {"type": st.just("plain_text"), "text": texts.filter(str.strip)}
            ),
        }
    ),
    st.fixed_dictionaries(
        {"type": st.just("actions"), "elements": st.lists(buttons, min_size=1, max_size=30)}
    ),
    st.just({"type": "divider"}),
)


@KEEP_IT_QUICK
@given(text=texts, blocks=st.lists(blocks, max_size=70))
def test_any_message_is_sent_within_the_limits(text: str, blocks: list[dict]) -> None:
    """The guard every reply passes through: whatever a builder makes (non-empty labels and
    sections, any length, too many of everything), Slack accepts it."""
    parts = enforce_limits(Message(text, blocks))

    assert parts
    for part in parts:
        assert limit_violations(part.text, part.blocks) == []


@pytest.mark.parametrize(
    "text",
    [
        "<!channel> wajong werknemer, welke regeling?",
        "\u202ewat is een no-riskpolis?\u202c",
        ":smile: verschil loondispensatie en loonkostensubsidie 😀",
        "wat heeft Den Haag extra?\x00\x1b[2J",
        "factsheet " + "proefplaatsing " * 1000,
    ],
)
def test_examples_that_must_always_hold(assistant: Assistant, text: str) -> None:
    """A few fixed cases, so a failure does not depend on what Hypothesis happened to draw."""
    check_answer(assistant, text, None, dt.date(2026, 6, 1))
