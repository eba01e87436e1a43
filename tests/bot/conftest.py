"""The Slack app in HTTP mode on 127.0.0.1, with the Web API stand-in, for every bot test."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import waitress
from slack_bolt import App

from bot.app import create_app
from bot.inbound import SlackSender
from bot.pipeline import Assistant
from bot.server import make_wsgi
from bot.services import Services
from bot.settings import Settings
from bot.standin import WEBHOOK, Call, SlackStandIn
from catalogue.store import Catalogue

SECRET = "test-signing-secret-0123456789"
COORDINATOR = "U0000000002"


@pytest.fixture(autouse=True)
def no_real_slack_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own tokens must never reach a test."""
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "TOOLBOX_DB",
        "TOOLBOX_COORDINATORS",
        "TOOLBOX_UPDATES_CHANNEL",
    ):
        monkeypatch.delenv(name, raising=False)


def make_settings(api_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": "xoxb-test",
        "slack_signing_secret": SECRET,
        "slack_api_url": api_url,
        "toolbox_db": ":memory:",
        "toolbox_coordinators": f"{COORDINATOR}:haaglanden",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as running:
        yield running


@dataclass
class RunningApp:
    """The app served by waitress, the sender that plays Slack, and the Web API stand-in."""

    app: App
    services: Services
    sender: SlackSender
    standin: SlackStandIn
    url: str

    def webhook(self, name: str = "response") -> str:
        return self.standin.webhook_url(name)

    def replies(self, count: int = 1, timeout: float = 10.0) -> list[Call]:
        return self.standin.wait_for(WEBHOOK, count, timeout)

    def posted(self, count: int = 1, timeout: float = 10.0) -> list[Call]:
        return self.standin.wait_for("chat.postMessage", count, timeout)


@contextlib.contextmanager
def serve_app(
    settings: Settings, services: Services, standin: SlackStandIn
) -> Iterator[RunningApp]:
    """The app served by waitress on 127.0.0.1, as `toolbox serve` does (few threads)."""
    app = create_app(settings, services=services)
    server: Any = waitress.create_server(
        make_wsgi(app, services), host="127.0.0.1", port=0, threads=8
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"
    try:
        yield RunningApp(app, services, SlackSender(f"{url}/slack/events", SECRET), standin, url)
    finally:
        server.close()
        thread.join(timeout=5)


@pytest.fixture
def running(
    standin: SlackStandIn, catalogue: Catalogue, assistant: Assistant
) -> Iterator[RunningApp]:
    settings = make_settings(standin.api_url)
    services = Services(settings=settings, catalogue=catalogue, assistant=assistant)
    with serve_app(settings, services, standin) as app:
        yield app


def assert_valid_message(body: dict[str, Any]) -> None:
    """What Slack would accept: a text fallback, and blocks within the limits."""
    assert body.get("text"), "every message needs a plain text fallback"
    assert len(body["text"]) <= 3900
    blocks = body.get("blocks") or []
    assert len(blocks) <= 50
    action_ids: list[str] = []
    for block in blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        elements = [*block.get("elements", []), block.get("accessory") or {}]
        for element in elements:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75
                assert len(element.get("value", "")) <= 2000
                action_ids.append(element["action_id"])
    assert len(action_ids) == len(set(action_ids)), "action_ids must be unique"


def buttons_of(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a posted message by action_id."""
    found: dict[str, dict[str, Any]] = {}
    for block in body.get("blocks") or []:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found[element["action_id"]] = element
    return found
