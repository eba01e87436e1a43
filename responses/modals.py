"""Modals: the situation check (a form, then its result)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from responses.format import escape_mrkdwn
from responses.guard import enforce_view_limits
from responses.ids import SITUATION_RESULT_VIEW, SITUATION_VIEW
from responses.message import Block

BENEFIT = "situation_benefit"
MUNICIPALITY = "situation_municipality"
AGE = "situation_age"
FACTS = "situation_facts"
VALUE = "value"
"""The action_id of the one element inside each input block."""
NO_BENEFIT = "geen"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class CheckedInstrument:
    """One instrument in a situation check, with every reason it applies."""

    name: str
    provider: str
    reasons: tuple[str, ...]
    local: bool = False


@dataclass(frozen=True)
class SituationOutcome:
    """What a situation check found, ready to show."""

    summary: str
    instruments: tuple[CheckedInstrument, ...]
    not_for: tuple[tuple[str, str], ...]
    would_change: tuple[str, ...]
    notes: tuple[str, ...] = ()


def situation_modal(
    benefits: Sequence[Choice], municipalities: Sequence[Choice], facts: Sequence[Choice]
) -> dict[str, Any]:
    """The form: benefit, municipality of residence, age and a few yes/no facts."""
    blocks: list[Block] = [
        _section("Vul in wat je weet. Ik laat zien welke instrumenten passen, en waarom."),
        _input(
            BENEFIT,
            "Uitkering of regeling",
            _select("Kies…", [Choice(NO_BENEFIT, "Geen uitkering"), *benefits]),
        ),
        _input(MUNICIPALITY, "Woongemeente", _select("Kies een gemeente…", municipalities), True),
        _input(
            AGE,
            "Leeftijd",
            {
                "type": "number_input",
                "action_id": VALUE,
                "is_decimal_allowed": False,
                "min_value": "15",
                "max_value": "75",
            },
            optional=True,
        ),
    ]
    if facts:
        checkboxes = {
            "type": "checkboxes",
            "action_id": VALUE,
            "options": [_option(fact) for fact in facts],
        }
        blocks.append(_input(FACTS, "Wat geldt ook?", checkboxes, optional=True))
    blocks.append(_context("Vul geen naam, BSN of geboortedatum in: die zijn niet nodig."))
    return enforce_view_limits(
        {
            "type": "modal",
            "callback_id": SITUATION_VIEW,
            "title": _plain("Situatiecheck"),
            "submit": _plain("Bekijk"),
            "close": _plain("Sluiten"),
            "blocks": blocks,
        }
    )


def situation_result_view(outcome: SituationOutcome) -> dict[str, Any]:
    """The result, shown in place of the form (`response_action: update`)."""
    blocks: list[Block] = [_section(f"*Situatie:* {escape_mrkdwn(outcome.summary)}")]
    if outcome.instruments:
        blocks.append({"type": "header", "text": _plain("Dit past")})
        for item in outcome.instruments:
            label = " (lokaal)" if item.local else ""
            reasons = "\n".join(f"• {escape_mrkdwn(r)}" for r in item.reasons)
            title = f"*{escape_mrkdwn(item.name)}*{label}, {escape_mrkdwn(item.provider)}"
            blocks.append(_section(f"{title}\n{reasons}"))
    else:
        blocks.append(_section("Ik vond geen instrument dat bij deze situatie past."))
    if outcome.not_for:
        lines = "\n".join(f"• *{escape_mrkdwn(n)}*: {escape_mrkdwn(r)}" for n, r in outcome.not_for)
        blocks += [{"type": "header", "text": _plain("Dit past niet")}, _section(lines)]
    if outcome.would_change:
        lines = "\n".join(f"• {escape_mrkdwn(line)}" for line in outcome.would_change)
        blocks += [
            {"type": "header", "text": _plain("Wat het antwoord verandert")},
            _section(lines),
        ]
    for note in outcome.notes:
        blocks.append(_context(escape_mrkdwn(note)))
    return enforce_view_limits(
        {
            "type": "modal",
            "callback_id": SITUATION_RESULT_VIEW,
            "title": _plain("Situatiecheck"),
            "close": _plain("Klaar"),
            "blocks": blocks,
        }
    )


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _option(choice: Choice) -> dict[str, Any]:
    return {"text": _plain(choice.label[:75]), "value": choice.value}


def _select(placeholder: str, choices: Sequence[Choice]) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": VALUE,
        "placeholder": _plain(placeholder),
        "options": [_option(c) for c in choices][:100],
    }


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
