"""App Home: the Toolbox by scope and provider, and the latest changes."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.pipeline import direct_query
from bot.services import Services, log_handled
from catalogue.answers import answer_query
from catalogue.today import today
from responses.home import home_view


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        started = time.perf_counter()
        day = today()
        changes = answer_query(direct_query("changes", [], on=day), services.catalogue).changes
        client.views_publish(
            user_id=event["user"], view=home_view(services.catalogue, day, changes)
        )
        log_handled("home", started)
