"""Faults: the Web API rate-limiting, failing or gone for a while, the database locked by another
process, a retried event arriving while the first delivery is still being answered, and a
listener failing right after its ack.

After each: every request acked within three seconds, every question answered exactly once,
and the catalogue unchanged and intact.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot import inbound
from bot.inbound import Reply
from bot.services import Services
from bot.standin import WEBHOOK, Outcome, SlackStandIn, ratelimited, server_error, slow
from catalogue.store import open_db
from tests.bot.conftest import RunningApp, make_settings
from tests.hardening.conftest import (
    CountingStandIn,
    FlakyRoad,
    assert_clear_dutch,
    assert_shown_within_limits,
    open_services,
    serve_app,
    wait_until,
)

QUESTIONS = (
    "wajong werknemer, welke regeling?",
    "wat is een no-riskpolis?",
    "verschil loondispensatie en loonkostensubsidie",
    "wat heeft Den Haag extra?",
)
ACK_SECONDS = 3.0
ANSWER_WITHIN = 20.0


# -- sending a burst and checking that each question was answered once ---------------------------


def dm_channel(n: int) -> str:
    return f"D{n:010d}"


def send_burst(running: RunningApp, commands: int, dms: int, tag: str = "q") -> list[Reply]:
    """Commands (answered on their own response_url) and DMs (each in its own conversation),
    all at once."""

    def one(n: int) -> Reply:
        question = QUESTIONS[n % len(QUESTIONS)]
        if n < commands:
            return running.sender.command(question, running.webhook(f"{tag}{n}"))
        return running.sender.event(inbound.dm_event(question, channel=dm_channel(n)))

    with ThreadPoolExecutor(commands + dms) as pool:
        return list(pool.map(one, range(commands + dms)))


def answered(running: RunningApp) -> Counter[str]:
    """How many replies reached each response_url name and each DM conversation."""
    standin = running.standin
    assert isinstance(standin, CountingStandIn)
    count: Counter[str] = Counter()
    for call in standin.delivered(WEBHOOK):
        count[call.path.rsplit("/", 1)[-1]] += 1
    for call in standin.delivered("chat.postMessage"):
        count[str(call.body.get("channel"))] += 1
    return count


def assert_each_answered_once(
    running: RunningApp, replies: list[Reply], commands: int, dms: int, tag: str = "q"
) -> None:
    assert [r.status for r in replies] == [200] * len(replies)
    slow_acks = [round(r.seconds, 2) for r in replies if r.seconds >= ACK_SECONDS]
    assert not slow_acks, f"acked after three seconds: {slow_acks}"
    expected = [f"{tag}{n}" for n in range(commands)]
    expected += [dm_channel(n) for n in range(commands, commands + dms)]
    wait_until(lambda: all(answered(running)[name] for name in expected), ANSWER_WITHIN)
    time.sleep(0.5)
    count = answered(running)
    assert {name: count[name] for name in expected} == dict.fromkeys(expected, 1)
    for call in running.standin.calls(WEBHOOK) + running.standin.calls("chat.postMessage"):
        assert_clear_dutch(call.body["text"])
    assert_shown_within_limits(running.standin.posts())


def catalogue_rows(db: Any) -> list[tuple[Any, ...]]:
    return [
        *db.execute("select * from instruments order by id").fetchall(),
        *db.execute("select * from instrument_versions order by instrument_id, number").fetchall(),
    ]


def assert_intact(db: Any, before: list[tuple[Any, ...]]) -> None:
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert catalogue_rows(db) == before, "the catalogue changed"


# -- the Web API failing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [ratelimited(retry_after=1), server_error(500), server_error(503)],
    ids=["429 Retry-After", "500", "503"],
)
def test_web_api_errors_delay_answers_but_lose_none(running: RunningApp, failure: Outcome) -> None:
    before = catalogue_rows(running.services.catalogue.db)
    running.standin.script("chat.postMessage", failure, failure)
    running.standin.script(WEBHOOK, failure, failure)

    replies = send_burst(running, commands=4, dms=4)

    assert_each_answered_once(running, replies, commands=4, dms=4)
    assert_intact(running.services.catalogue.db, before)


def test_rate_limit_is_waited_out_as_slack_asks(running: RunningApp) -> None:
    running.standin.script(WEBHOOK, ratelimited(retry_after=2))

    running.sender.command(QUESTIONS[0], running.webhook("waits"))

    calls = running.standin.wait_for(WEBHOOK, 2, timeout=10)
    assert len(calls) == 2 and calls[1].at - calls[0].at >= 2, "Retry-After was not respected"


def test_a_web_api_that_does_not_answer_for_a_while(running: RunningApp) -> None:
    """Slack holds every call for four seconds: acks stay fast, answers come late, once."""
    running.standin.script("chat.postMessage", *[slow(4)] * 3)
    running.standin.script(WEBHOOK, *[slow(4)] * 3)

    replies = send_burst(running, commands=3, dms=3)

    assert_each_answered_once(running, replies, commands=3, dms=3)
    time.sleep(4.5)  # the held replies come back; nothing is sent twice after the wait
    assert_each_answered_once(running, replies, commands=3, dms=3)
    running.sender.command(QUESTIONS[1], running.webhook("after"))
    assert wait_until(
        lambda: [c for c in running.standin.calls(WEBHOOK) if c.path.endswith("/after")]
    )


@pytest.fixture
def behind_a_flaky_road(
    standin: SlackStandIn, catalogue: Any, assistant: Any
) -> Iterator[tuple[RunningApp, FlakyRoad]]:
    host, port = standin.base_url.removeprefix("http://").split(":")
    with FlakyRoad((host, int(port))) as road:
        settings = make_settings(f"{road.base_url}/api/")
        services = Services(settings=settings, catalogue=catalogue, assistant=assistant)
        with serve_app(settings, services, standin) as running:
            yield running, road


def test_a_web_api_that_cannot_be_reached_for_a_while(
    behind_a_flaky_road: tuple[RunningApp, FlakyRoad],
) -> None:
    """Every connection to Slack is reset for three seconds while questions come in."""
    running, road = behind_a_flaky_road
    road_webhook = f"{road.base_url}/{WEBHOOK}"
    running.sender.command("help", f"{road_webhook}/warm-up")  # auth.test and first answer
    assert running.standin.wait_for(WEBHOOK, 1)
    running.standin.reset()

    road.cut_for(3.0)
    questions = [(QUESTIONS[n % 4], n) for n in range(6)]
    with ThreadPoolExecutor(6) as pool:
        replies = list(
            pool.map(
                lambda item: (
                    running.sender.command(item[0], f"{road_webhook}/q{item[1]}")
                    if item[1] < 3
                    else running.sender.event(
                        inbound.dm_event(item[0], channel=dm_channel(item[1]))
                    )
                ),
                questions,
            )
        )

    assert road.refused > 0, "the road was never cut"
    assert_each_answered_once(running, replies, commands=3, dms=3)


# -- the database locked by another process ------------------------------------------------------

LOCKER = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    connection.execute("delete from question_log")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    connection.execute("ROLLBACK")
    """
)


def hold_exclusive_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holds BEGIN EXCLUSIVE (with a pending write) for `seconds`."""
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
    return locker


@pytest.fixture
def on_a_file(standin: SlackStandIn, live_db: Path) -> Iterator[RunningApp]:
    settings = make_settings(standin.api_url, toolbox_db=str(live_db))
    with serve_app(settings, open_services(settings), standin) as running:
        yield running


def test_database_locked_by_another_process(on_a_file: RunningApp, live_db: Path) -> None:
    running = on_a_file
    running.sender.command("help", running.webhook("warm-up"))  # builds the question log
    assert running.standin.wait_for(WEBHOOK, 1)
    running.standin.reset()
    before = catalogue_rows(open_db(live_db))
    logged_before = open_db(live_db).execute("select count(*) from question_log").fetchone()[0]

    locker = hold_exclusive_lock(live_db, seconds=3)
    try:
        replies = send_burst(running, commands=4, dms=4)
        with urllib.request.urlopen(f"{running.url}/healthz", timeout=5) as health:
            assert health.status == 200
        assert locker.poll() is None, "the lock was released before the questions came"
    finally:
        assert locker.wait(timeout=10) == 0

    assert_each_answered_once(running, replies, commands=4, dms=4)
    after = open_db(live_db)
    assert_intact(after, before)
    logged = after.execute("select count(*) from question_log").fetchone()[0]
    assert logged == logged_before + 8, "every question is in the log once"


# -- retries and failures inside the app ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["dm", "mention"])
def test_retry_arriving_while_the_first_is_being_answered(running: RunningApp, kind: str) -> None:
    running.standin.script("chat.postMessage", slow(3))
    question = QUESTIONS[0]
    event = inbound.dm_event(question) if kind == "dm" else inbound.mention_event(question)

    first = running.sender.event(event, event_id="Ev0000000777")
    time.sleep(0.5)
    assert running.standin.calls("chat.postMessage"), "the first answer is on its way"
    retries = [running.sender.event(event, retry=n, event_id="Ev0000000777") for n in (1, 2, 3)]

    assert [r.status for r in [first, *retries]] == [200] * 4
    assert all(r.seconds < ACK_SECONDS for r in [first, *retries])
    assert running.posted(1, timeout=10)
    time.sleep(3.5)
    assert len(running.standin.calls("chat.postMessage")) == 1


def test_listener_failing_right_after_its_ack_is_still_acked(
    running: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slack must get its 200 within three seconds even when the work after ack() fails;
    otherwise it shows its own error on top of ours, and may resend."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(running.services.assistant, "answer", broken)
    monkeypatch.setattr(running.services.assistant, "ask", broken)

    replies = [running.sender.command(QUESTIONS[1], running.webhook(f"q{n}")) for n in range(8)]

    assert [(r.status, r.seconds < ACK_SECONDS) for r in replies] == [(200, True)] * 8
    told = running.standin.wait_for(WEBHOOK, 8)
    assert len(told) == 8
    for call in told:
        assert_clear_dutch(call.body["text"])
        assert "internal detail" not in call.body["text"]


def test_many_failures_at_once_leave_the_app_answering(running: RunningApp) -> None:
    """A storm of failing Web API calls, then an ordinary question is answered normally."""
    running.standin.script("chat.postMessage", *[server_error(500)] * 10)
    threads = [
        threading.Thread(
            target=running.sender.event, args=(inbound.dm_event("help", channel=dm_channel(n)),)
        )
        for n in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    running.sender.command(QUESTIONS[1], running.webhook("after"))

    after = wait_until(
        lambda: [c for c in running.standin.calls(WEBHOOK) if c.path.endswith("/after")]
    )
    assert after and "No-riskpolis" in after[0].body["text"]
