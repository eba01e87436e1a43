"""Follow-up questions borrow the subject of the previous answer, and only then."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.pipeline import Assistant
from intents.followup import remember

ON = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("first", "then", "intent", "instrument", "group", "municipality"),
    [
        ("wat is loonkostensubsidie", "en hoelang?", "explain", "loonkostensubsidie", None, None),
        (
            "wat is loonkostensubsidie",
            "maak er een factsheet van",
            "factsheet",
            "loonkostensubsidie",
            None,
            None,
        ),
        (
            "bijstand kandidaat, welke regeling",
            "hoeveel krijgt de wg dan?",
            "explain",
            "loonkostensubsidie",
            "participatiewet",
            None,
        ),
        (
            "bijstand kandidaat, welke regeling",
            "en als hij in Den Haag woont?",
            "advise",
            "loonkostensubsidie",
            "participatiewet",
            "den-haag",
        ),
        ("wat is jobcoaching", "en voor een wajonger?", "advise", "jobcoach-uwv", "wajong", None),
        (
            "wajong werknemer, welke regeling?",
            "wat is een no-riskpolis",
            "explain",
            "no-riskpolis",
            None,
            None,
        ),
        ("wajong werknemer, welke regeling?", "wie wint het WK?", "unknown", None, None, None),
    ],
    ids=[
        "how long",
        "factsheet of it",
        "how much after advice",
        "other municipality",
        "other group",
        "own subject wins",
        "unrelated stays unknown",
    ],
)
def test_follow_up(
    assistant: Assistant,
    first: str,
    then: str,
    intent: str,
    instrument: str | None,
    group: str | None,
    municipality: str | None,
) -> None:
    earlier = assistant.ask(first, on=ON)
    previous = remember(earlier.query, earlier.finding.instrument_ids)
    answer = assistant.ask(then, on=ON, previous=previous).to_json()
    assert answer["intent"] == intent
    if instrument:
        assert answer["instruments"][0] == instrument
    assert answer["target_group"] == group
    assert answer["municipality"] == municipality


@pytest.mark.parametrize(
    ("then", "shows", "hides"),
    [
        ("en hoelang?", "Hoe lang:", "Aanvragen:"),
        ("en hoe vraag ik het aan?", "Aanvragen:", "Hoe lang:"),
        ("hoeveel krijgt de werkgever dan?", "Wat krijgt de werkgever:", "Aanvragen:"),
    ],
)
def test_a_short_follow_up_gets_just_the_part_asked_for(
    assistant: Assistant, then: str, shows: str, hides: str
) -> None:
    earlier = assistant.ask("wat is loonkostensubsidie", on=ON)
    previous = remember(earlier.query, earlier.finding.instrument_ids)
    text = assistant.ask(then, on=ON, previous=previous).message.text
    assert shows in text
    assert hides not in text
