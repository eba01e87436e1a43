"""App Home: the Toolbox by scope and provider, the latest changes, and coordinators' figures.

Someone without access (a guest, someone from another organisation) sees a short notice only.
"""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.listeners.coordinators import coordinator_home_blocks
from bot.pipeline import direct_query
from bot.questions import recorder_of, refuse
from bot.services import Services, log_handled
from catalogue.answers import answer_query
from catalogue.today import today
from responses.access import Denied, refused_home_view
from responses.home import home_view
from responses.message import Block
from responses.stats import instrument_names, stats_home_blocks


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def home_opened(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if event.get("tab", "home") != "home":
            return
        started = time.perf_counter()
        verdict = services.access.check_request(client, body, context)
        if not verdict.allowed:
            refuse(services, verdict, "home")
            view = refused_home_view(verdict.denied or Denied.NOT_A_MEMBER)
            client.views_publish(user_id=event["user"], view=view)
            log_handled("home", started, None, **verdict.log_fields())
            return
        day = today()
        changes = answer_query(direct_query("changes", [], on=day), services.catalogue).changes
        extra = _coordinator_blocks(services, event["user"])
        client.views_publish(
            user_id=event["user"], view=home_view(services.catalogue, day, changes, extra)
        )
        log_handled("home", started)


def _coordinator_blocks(services: Services, user: str) -> list[Block]:
    """What advisers asked, for coordinators only (checked here, on the server)."""
    if not services.is_coordinator(user):
        return []
    stats = recorder_of(services).stats()
    names = instrument_names(services.catalogue)
    proposals = coordinator_home_blocks(services, user)
    return proposals + stats_home_blocks(stats, names, services.settings.toolbox_log_days)
