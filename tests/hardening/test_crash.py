"""The app killed (`kill -9`) while an announcement is in the outbox, then started again.

`toolbox serve` runs as a real process on a live database file, against the Web API stand-in.
A coordinator proposes a change, another approves it, and the process dies while the
announcement is on its way: in flight (Slack received it, the app never heard back), or after
Slack refused it with a server error. Started again on the same database, the app must post the
announcement exactly once, keep the new version, and answer questions as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import inbound
from bot.standin import Outcome, SlackStandIn, server_error, slow
from catalogue.outbox import EVENT_TYPE, SENT
from catalogue.today import AMSTERDAM
from responses.ids import APPROVE
from tests.bot.conftest import SECRET, buttons_of
from tests.coordinators.conftest import COORDINATORS, HAAGLANDEN, UPDATES, ZHC, form_state
from tests.hardening.conftest import wait_until

INSTRUMENT = "loonkostensubsidie"
NEW_DURATION = "Zolang de werknemer niet het minimumloon kan verdienen; elk jaar herzien."
START_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def toolbox_command() -> list[str]:
    script = Path(sys.executable).with_name("toolbox")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


class Served:
    """One `toolbox serve` process on `db`; `kill()` is SIGKILL, nothing gets to clean up."""

    def __init__(self, db: Path, standin: SlackStandIn, logs: Path) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TOOLBOX_"))}
        env.update(
            SLACK_BOT_TOKEN="xoxb-crash-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=standin.api_url,
            TOOLBOX_DB=str(db),
            TOOLBOX_COORDINATORS=COORDINATORS,
            TOOLBOX_UPDATES_CHANNEL=UPDATES,
            TOOLBOX_LOG_LEVEL="INFO",
        )
        self.log = logs.open("ab")
        self.process = subprocess.Popen(
            [*toolbox_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env,
            cwd=logs.parent,  # no stray .env is read
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.slack = inbound.SlackSender(f"{self.url}/slack/events", SECRET)
        assert wait_until(self.healthy, START_SECONDS), f"toolbox serve did not start: {logs}"

    def healthy(self) -> bool:
        assert self.process.poll() is None, "toolbox serve exited"
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def servers(live_db: Path, standin: SlackStandIn, tmp_path: Path) -> Iterator[list[Served]]:
    started: list[Served] = []
    try:
        yield started
    finally:
        for served in started:
            served.kill()


def outbox_rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute("select id, status, ts, last_error from outbox").fetchall()


def versions(db: Path, instrument: str) -> list[tuple[int, str]]:
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute(
            "select number, data from instrument_versions where instrument_id = ? order by number",
            [instrument],
        ).fetchall()


def propose_and_get_approval_request(served: Served, standin: SlackStandIn) -> str:
    """A Haaglanden coordinator changes the duration; returns the proposal id ZHC is asked for."""
    served.slack.command(f"wijzig {INSTRUMENT}", standin.webhook_url("wijzig"), user_id=HAAGLANDEN)
    (opened,) = standin.wait_for("views.open", 1)
    view = opened.body["view"]
    today = dt.datetime.now(AMSTERDAM).date().isoformat()
    changes = {"duration": NEW_DURATION, "reason": "Regionale afspraak", "effective_from": today}
    values = form_state(view, changes)
    payload = inbound.view_submission_payload(view, values, user_id=HAAGLANDEN)
    ack = served.slack.interaction(payload)
    assert ack.status == 200 and not ack.body, ack.body

    def request_to_zhc() -> list[Any]:
        return [c for c in standin.calls("chat.postMessage") if c.body["channel"] == ZHC]

    def proposer_told() -> list[Any]:
        return [c for c in standin.calls("chat.postMessage") if c.body["channel"] == HAAGLANDEN]

    assert wait_until(lambda: request_to_zhc() and proposer_told())
    approve = next(b for k, b in buttons_of(request_to_zhc()[0].body).items() if APPROVE in k)
    return str(approve["value"])


def approve(served: Served, standin: SlackStandIn, proposal_id: str) -> None:
    button = {"action_id": f"{APPROVE}:{proposal_id}", "value": proposal_id}
    payload = inbound.block_actions_payload(
        button, standin.webhook_url("approve"), ZHC, "D0000000003", is_ephemeral=False
    )
    assert served.slack.interaction(payload).status == 200


def announcements(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [
        m
        for m in standin.history.get(UPDATES, [])
        if (m.get("metadata") or {}).get("event_type") == EVENT_TYPE
    ]


@pytest.mark.parametrize(
    ("failure", "attempts", "case"),
    [
        (slow(3), 1, "in flight: Slack got it, the app never heard back"),
        (server_error(500), 2, "refused with a 500: unknown whether it arrived"),
    ],
    ids=["in-flight", "after-500"],
)
def test_killed_with_an_announcement_in_the_outbox_posts_it_once(
    servers: list[Served],
    standin: SlackStandIn,
    live_db: Path,
    tmp_path: Path,
    failure: Outcome,
    attempts: int,
    case: str,
) -> None:
    first = Served(live_db, standin, tmp_path / "serve-1.log")
    servers.append(first)
    proposal_id = propose_and_get_approval_request(first, standin)
    posts_before = len(standin.calls("chat.postMessage"))
    standin.script("chat.postMessage", failure)

    approve(first, standin, proposal_id)
    announced = standin.wait_for("chat.postMessage", posts_before + 1)
    assert announced[posts_before].body["channel"] == UPDATES, "the announcement goes first"
    wait_until(lambda: outbox_rows(live_db) and outbox_rows(live_db)[0][1] != "pending", 5)
    first.kill()
    assert [row[1] for row in outbox_rows(live_db)] == ["sending"], case
    if failure.delay:
        time.sleep(failure.delay)  # Slack finishes what it received before the app died
    time.sleep(5.5)  # the outbox waits 5 s before trying an uncertain post again

    second = Served(live_db, standin, tmp_path / "serve-2.log")
    servers.append(second)

    sent = wait_until(lambda: [r for r in outbox_rows(live_db) if r[1] == SENT], 20)
    assert sent, f"the announcement was never posted after the restart ({case})"
    time.sleep(1.0)
    assert len(announcements(standin)) == 1, case
    to_updates = [c for c in standin.calls("chat.postMessage") if c.body["channel"] == UPDATES]
    assert len(to_updates) == attempts, "looked in the channel before posting again"
    assert standin.calls("conversations.history"), "the restarted app checked the channel"
    assert [row[1] for row in outbox_rows(live_db)] == [SENT]
    numbers = [number for number, _ in versions(live_db, INSTRUMENT)]
    assert numbers == [1, 2]
    assert json.loads(versions(live_db, INSTRUMENT)[-1][1])["duration"] == NEW_DURATION
    with sqlite3.connect(live_db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    posts = len(standin.calls("chat.postMessage"))
    second.slack.event(inbound.dm_event("wat is een no-riskpolis?"))
    answer = standin.wait_for("chat.postMessage", posts + 1)[-1].body
    assert answer["channel"] == inbound.DM_CHANNEL and "No-riskpolis" in answer["text"]
