"""The app in HTTP mode on a live database file, with three coordinators and a test clock.

Requests are signed and sent as Slack sends them (`bot.inbound`); what the app sends out lands
in the Web API stand-in. A `Toolbox` can be restarted on the same database file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import waitress

from bot.app import create_app
from bot.housekeeping import Coordination, TickReport, build_coordination, sender_for, tick
from bot.inbound import SlackSender, block_actions_payload, view_submission_payload
from bot.pipeline import Assistant
from bot.server import make_wsgi
from bot.services import Services
from bot.standin import WEBHOOK, Call, SlackStandIn
from catalogue.outbox import Sender
from catalogue.store import Catalogue, build_database
from catalogue.today import AMSTERDAM
from responses.ids import APPROVE
from tests.bot.conftest import SECRET, make_settings, no_real_slack_settings, standin

__all__ = ["no_real_slack_settings", "standin"]

ADVISER = "U0000000001"
HAAGLANDEN = "U0000000002"
ZHC = "U0000000003"
DEN_HAAG = "U0000000004"
ADVISER_2 = "U0000000005"
COORDINATORS = f"{HAAGLANDEN}:haaglanden,{ZHC}:zuid-holland-centraal,{DEN_HAAG}:den-haag"
UPDATES = "C0000000777"
START = dt.datetime(2026, 12, 4, 10, 0, tzinfo=AMSTERDAM)
WAIT = 10.0


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)

    @property
    def today(self) -> dt.date:
        return self.now.date()


def wait_until(check: Callable[[], Any], timeout: float = WAIT) -> Any:
    """Poll until `check()` is truthy (listeners run after the ack); bounded."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.02)


@dataclass
class Toolbox:
    """One running app instance on `db`, and the ways a test plays Slack against it."""

    db: Path
    standin: SlackStandIn
    clock: Clock
    sender_wrapper: Callable[[Sender], Sender] | None = None
    services: Services = field(init=False)
    coordination: Coordination = field(init=False)
    slack: SlackSender = field(init=False)
    _server: Any = field(init=False)
    _thread: threading.Thread = field(init=False)

    def start(self) -> Toolbox:
        settings = make_settings(
            self.standin.api_url,
            toolbox_db=str(self.db),
            toolbox_coordinators=COORDINATORS,
            toolbox_updates_channel=UPDATES,
        )
        catalogue = Catalogue(self.db)
        self.services = Services(settings, catalogue, Assistant(catalogue))
        self.coordination = build_coordination(self.services, clock=self.clock)
        self.services.coordination = self.coordination
        app = create_app(settings, services=self.services)
        if self.sender_wrapper is not None:
            self.coordination.sender = self.sender_wrapper(
                sender_for(self.coordination, app.client)
            )
        self.client = app.client
        self._server = waitress.create_server(
            make_wsgi(app, self.services), host="127.0.0.1", port=0, threads=8
        )
        self._thread = threading.Thread(target=_serve, args=(self._server,), daemon=True)
        self._thread.start()
        url = f"http://127.0.0.1:{self._server.effective_port}/slack/events"
        self.slack = SlackSender(url, SECRET)
        return self

    def stop(self) -> None:
        self._server.close()
        self._server.task_dispatcher.shutdown()
        self._thread.join(timeout=5)

    def restart(self) -> Toolbox:
        """A new app instance on the same database file (the old one is gone)."""
        self.stop()
        self.sender_wrapper = None
        return self.start()

    # -- playing Slack ---------------------------------------------------------------------

    def command(self, text: str, user: str, reply: str = "command") -> Any:
        return self.slack.command(text, self.standin.webhook_url(reply), user_id=user)

    def open_form(self, user: str, instrument: str) -> dict[str, Any]:
        before = len(self.standin.calls("views.open"))
        self.command(f"wijzig {instrument}", user)
        opened = self.standin.wait_for("views.open", before + 1)
        assert len(opened) == before + 1, "the form did not open"
        return dict(opened[-1].body["view"])

    def submit(self, view: dict[str, Any], user: str, **changes: str | None) -> dict[str, Any]:
        """Submit `view` with its initial values, except `changes` (field name -> text)."""
        values = form_state(view, changes)
        reply = self.slack.interaction(view_submission_payload(view, values, user_id=user))
        assert reply.status == 200, reply
        return json.loads(reply.body) if reply.body else {}

    def submit_reject(self, view: dict[str, Any], user: str, reason: str) -> dict[str, Any]:
        values = {"reject_reason": {"value": {"type": "plain_text_input", "value": reason or None}}}
        reply = self.slack.interaction(view_submission_payload(view, values, user_id=user))
        assert reply.status == 200, reply
        return json.loads(reply.body) if reply.body else {}

    def propose(
        self,
        user: str,
        instrument: str,
        effective_from: dt.date | None = None,
        reason: str = "Nieuwe afspraak in de regio",
        **changes: str | None,
    ) -> dict[str, Any]:
        view = self.open_form(user, instrument)
        changes.setdefault("reason", reason)
        changes.setdefault("effective_from", (effective_from or self.clock.today).isoformat())
        return self.submit(view, user, **changes)

    def click(
        self,
        user: str,
        action_id: str,
        value: str,
        channel: str = "D0000000002",
        reply: str = "click",
    ) -> None:
        action = {"action_id": action_id, "value": value, "block_id": "b"}
        payload = block_actions_payload(
            action, self.standin.webhook_url(reply), user, channel, is_ephemeral=False
        )
        result = self.slack.interaction(payload)
        assert result.status == 200, result

    def approve(self, user: str, proposal_id: int) -> None:
        self.click(user, APPROVE, str(proposal_id), reply=f"approve-{user}")

    def tick(self) -> TickReport:
        return tick(self.coordination, self.client)

    # -- reading the stand-in --------------------------------------------------------------

    def dms(self, user: str) -> list[Call]:
        return [c for c in self.standin.calls("chat.postMessage") if c.body["channel"] == user]

    def replies(self, name: str) -> list[Call]:
        return [c for c in self.standin.calls(WEBHOOK) if c.path.endswith(f"/{name}")]

    def announcements(self) -> list[dict[str, Any]]:
        """Messages in the updates channel, oldest first."""
        return list(self.standin.history.get(UPDATES, []))

    def announcement_posts(self) -> list[Call]:
        """Every attempt to post to the updates channel, failed ones included."""
        return [c for c in self.standin.calls("chat.postMessage") if c.body["channel"] == UPDATES]


def _serve(server: Any) -> None:
    with contextlib.suppress(OSError, ValueError):  # stop() closes the socket under the loop
        server.run()


def form_state(view: dict[str, Any], changes: dict[str, str | None]) -> dict[str, Any]:
    """`view.state.values` as Slack builds it from the inputs, with some values replaced."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        name = block["block_id"].removeprefix("proposal_")
        element = block["element"]
        if element["type"] == "datepicker":
            date = changes.get(name, element.get("initial_date"))
            values[block["block_id"]] = {
                element["action_id"]: {"type": "datepicker", "selected_date": date}
            }
        else:
            text = changes.get(name, element.get("initial_value"))
            values[block["block_id"]] = {
                element["action_id"]: {"type": "plain_text_input", "value": text or None}
            }
    return values


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shipped") / "catalogue.db"
    build_database(path)
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def live_db(shipped_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.db"
    shutil.copy(shipped_db, path)
    return path


@pytest.fixture
def toolbox(live_db: Path, standin: SlackStandIn, clock: Clock) -> Iterator[Toolbox]:
    running = Toolbox(live_db, standin, clock).start()
    try:
        yield running
    finally:
        running.stop()
