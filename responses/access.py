"""What someone without access reads: a short, polite refusal, and the Home tab they see.

Only full members of the home workspace get internal answers (DESIGN.md, "Who may see what").
Everyone else may still ask for an employer factsheet, so every refusal says how.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from responses.message import Message


class Denied(StrEnum):
    """Why a request gets no internal answer; also the `reason=` of the log line."""

    GUEST = "guest"
    EXTERNAL_USER = "external_user"
    NOT_A_MEMBER = "not_a_member"
    SHARED_CHANNEL = "shared_channel"
    USER_UNKNOWN = "user_lookup_failed"
    CHANNEL_UNKNOWN = "channel_lookup_failed"


FACTSHEET_HINT = (
    "Een factsheet voor werkgevers kan wel, bijvoorbeeld: `/toolbox factsheet no-riskpolis`."
)

_TEXT = {
    Denied.GUEST: (
        "Sorry, de Toolbox-assistent is alleen voor adviseurs van deze werkruimte. "
        + FACTSHEET_HINT
    ),
    Denied.EXTERNAL_USER: (
        "Sorry, de Toolbox-assistent is alleen voor adviseurs van onze eigen organisatie. "
        + FACTSHEET_HINT
    ),
    Denied.NOT_A_MEMBER: (
        "Sorry, de Toolbox-assistent is alleen voor adviseurs van deze werkruimte."
    ),
    Denied.SHARED_CHANNEL: (
        "Dit gesprek wordt gedeeld met een andere organisatie, dus hier geef ik geen interne "
        "antwoorden. Stel je vraag in een direct bericht aan mij of in een intern kanaal. "
        + FACTSHEET_HINT
    ),
    Denied.USER_UNKNOWN: (
        "Ik kan nu niet nagaan of je toegang hebt tot de Toolbox. "
        "Probeer het over een minuut opnieuw."
    ),
    Denied.CHANNEL_UNKNOWN: (
        "Ik kan niet nagaan met wie dit gesprek gedeeld is, dus hier geef ik geen interne "
        "antwoorden. Stel je vraag in een direct bericht aan mij, of nodig me uit in dit kanaal "
        "met `/invite @Toolbox` en probeer het opnieuw."
    ),
}


def refusal_text(reason: Denied) -> str:
    return _TEXT[reason]


def refusal(reason: Denied) -> Message:
    text = refusal_text(reason)
    return Message(text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])


def no_factsheet() -> Message:
    text = (
        "Van die regeling heb ik geen factsheet. Noem de regeling bij naam, bijvoorbeeld: "
        "`/toolbox factsheet no-riskpolis`."
    )
    return Message(text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])


def refused_home_view(reason: Denied) -> dict[str, Any]:
    """The Home tab for someone without access: a short notice, nothing from the catalogue."""
    return {
        "type": "home",
        "blocks": [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": "Toolbox werkgeversinstrumenten"},
            },
            {"type": "section", "text": {"type": "mrkdwn", "text": refusal_text(reason)}},
        ],
    }


def refused_modal(text: str) -> dict[str, Any]:
    """A small modal with the refusal, where there is no conversation to answer in."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Toolbox"},
        "close": {"type": "plain_text", "text": "Sluiten"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }
