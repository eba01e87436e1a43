"""What coordinators learn from the question log: asked most, not answered, not helpful.

The question texts shown were redacted before they were stored; they are escaped here like any
text a person typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from catalogue.questionlog import Stats
from catalogue.store import Catalogue
from responses.format import escape_mrkdwn
from responses.limits import clip, fit
from responses.message import Block, Message

SHOWN_QUESTION = 120


def stats_blocks(stats: Stats, names: Mapping[str, str], days: int) -> list[Block]:
    """The coordinators' overview, for `/toolbox stats` and the Home tab."""
    summary = (
        f"*Gebruik van de Toolbox* (laatste {days} dagen): {stats.questions} vragen, "
        f"{stats.helpful_votes}× behulpzaam, {stats.unhelpful_votes}× niet behulpzaam."
    )
    asked = [f"• {escape_mrkdwn(names.get(i, i))} ({n}×)" for i, n in stats.top_instruments]
    missed = [
        f"• “{escape_mrkdwn(clip(text, SHOWN_QUESTION))}” ({n}×)"
        for text, n in stats.unanswered
        if text
    ]
    unhelpful = [f"• {escape_mrkdwn(names.get(i, i))} ({n}×)" for i, n in stats.unhelpful]
    return [
        _section(summary),
        _section("*Meest gevraagd*\n" + ("\n".join(asked) or "Nog niets.")),
        _section("*Niet beantwoord*\n" + ("\n".join(missed) or "Niets, mooi zo.")),
        _section("*Niet behulpzaam gevonden*\n" + ("\n".join(unhelpful) or "Niets.")),
    ]


def stats_message(stats: Stats, names: Mapping[str, str], days: int) -> Message:
    blocks = stats_blocks(stats, names, days)
    text = "\n\n".join(block["text"]["text"].replace("*", "") for block in blocks)
    return fit(Message(text, blocks))


def stats_home_blocks(stats: Stats, names: Mapping[str, str], days: int) -> list[Block]:
    """The same overview under its own header, for a coordinator's Home tab."""
    header = {"type": "header", "text": {"type": "plain_text", "text": "Wat advisers vragen"}}
    return [{"type": "divider"}, header, *stats_blocks(stats, names, days)]


def instrument_names(catalogue: Catalogue) -> dict[str, str]:
    """Every instrument's latest name by id, also of instruments that ended."""
    return {i: catalogue.history(i)[-1].instrument.name for i in catalogue.ids()}


def not_for_you() -> Message:
    text = "Alleen coördinatoren van de Toolbox kunnen de cijfers bekijken."
    return Message(text, [_section(text)])


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
