"""Short Slack replies that are not answers from the catalogue."""

from __future__ import annotations

from responses.message import Message


def _plain(text: str) -> Message:
    return Message(text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])


def change_not_available(coordinator: bool) -> Message:
    # Issue 5 (coordinators' proposals) builds the modal; until then `wijzig` says so.
    if not coordinator:
        return _plain("Alleen coördinatoren van de Toolbox kunnen wijzigingen voorstellen.")
    return _plain(
        "Wijzigingen voorstellen vanuit Slack kan nog niet. "
        "Pas voorlopig het databestand van het instrument aan in de repository."
    )


def button_expired() -> Message:
    return _plain("Deze knop werkt niet meer. Stel je vraag opnieuw, dan krijg je verse knoppen.")


def no_text_in_message() -> Message:
    return _plain(
        "In dit bericht staat geen tekst waar ik iets mee kan. Kies een bericht met een vraag."
    )


def shared() -> Message:
    return Message("Gedeeld in het kanaal.")


def thanks_for_feedback(helpful: bool) -> Message:
    if helpful:
        return Message("Dank je! Fijn dat het hielp.")
    return Message("Dank je. We kijken ernaar, zodat het antwoord beter wordt.")


def assistant_greeting() -> str:
    return (
        "Hoi! Vraag me naar werkgeversinstrumenten in Haaglanden en Zuid-Holland Centraal. "
        "Bijvoorbeeld: welke regeling past bij een Wajonger?"
    )


SUGGESTED_PROMPTS = (
    ("Wajong: welke regeling?", "wajong werknemer, welke regeling?"),
    ("Loondispensatie of LKS?", "verschil loondispensatie en loonkostensubsidie"),
    ("Wat heeft Den Haag extra?", "wat heeft Den Haag extra?"),
    ("Wat is een no-riskpolis?", "wat is een no-riskpolis?"),
)
"""Suggested prompts in the assistant panel: (title, message)."""
