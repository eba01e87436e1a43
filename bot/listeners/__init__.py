"""Listeners, one module per Slack surface. Each acks, extracts, asks the pipeline, replies."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import (
    actions,
    assistant,
    commands,
    coordinators,
    events,
    home,
    shortcuts,
    views,
)
from bot.services import Services


def register_listeners(app: App, services: Services) -> None:
    # coordinators first: its `/toolbox wijzig …` listener must match before the general one.
    for surface in (coordinators, commands, events, assistant, actions, home, shortcuts, views):
        surface.register(app, services)
