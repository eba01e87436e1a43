"""The whole coordinators' flow, driven as Slack drives it: propose, approve, announce, read."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.standin import ratelimited, server_error
from catalogue.changes import Status
from catalogue.outbox import EVENT_TYPE, PENDING, SENDING, SENT, Entry, Sender
from responses.ids import READ, READERS, REJECT
from tests.bot.conftest import assert_valid_message, buttons_of
from tests.coordinators.conftest import (
    ADVISER,
    ADVISER_2,
    DEN_HAAG,
    HAAGLANDEN,
    UPDATES,
    WAIT,
    ZHC,
    Toolbox,
    wait_until,
)

NEW_DURATION = "Zolang de werknemer het minimumloon niet haalt, tot de AOW-leeftijd."


def propose_duration(toolbox: Toolbox, on: dt.date | None = None, **extra: str) -> int:
    """Haaglanden proposes a new duration for the (regional) loonkostensubsidie."""
    ack = toolbox.propose(
        HAAGLANDEN,
        "loonkostensubsidie",
        on,
        reason="Regionale afspraak",
        duration=NEW_DURATION,
        **extra,
    )
    assert ack == {}, ack
    return toolbox.coordination.desk.proposals()[-1].id


def test_proposal_is_approved_by_the_other_region_and_announced_once(toolbox: Toolbox) -> None:
    proposal_id = propose_duration(toolbox, announcement="Let op bij lopende aanvragen.")

    requests = wait_until(lambda: toolbox.dms(ZHC))
    assert not toolbox.dms(DEN_HAAG), "den-haag lies in Haaglanden: not the other region"
    request = requests[0].body
    assert_valid_message(request)
    assert NEW_DURATION in str(request["blocks"]), "old and new side by side"
    assert {"toolbox_approve", "toolbox_reject"} <= set(buttons_of(request))
    assert wait_until(lambda: toolbox.dms(HAAGLANDEN)), "the proposer hears it is waiting"

    toolbox.approve(ZHC, proposal_id)

    posted = wait_until(toolbox.announcements)
    history = toolbox.services.catalogue.history("loonkostensubsidie")
    assert [v.number for v in history] == [1, 2]
    latest = history[-1]
    assert latest.instrument.duration == NEW_DURATION
    assert (latest.proposed_by, latest.approved_by) == (HAAGLANDEN, ZHC)
    assert latest.effective_from == toolbox.clock.today
    assert latest.reason == "Duur aangepast. Reden: Regionale afspraak"
    assert toolbox.services.catalogue.instrument("loonkostensubsidie", toolbox.clock.today) == (
        latest.instrument
    )

    assert len(posted) == 1
    announcement = toolbox.announcement_posts()[0].body
    assert_valid_message(announcement)
    assert announcement["metadata"]["event_type"] == EVENT_TYPE
    shown = str(announcement["blocks"])
    assert NEW_DURATION in shown and "alle 11 gemeenten" in shown and "Zoetermeer" in shown
    assert "Let op bij lopende aanvragen." in shown
    assert "4 december 2026" in shown
    assert {READ, READERS} <= set(buttons_of(announcement))

    assert wait_until(lambda: len(toolbox.dms(HAAGLANDEN)) >= 2), "the proposer hears the outcome"
    assert wait_until(lambda: toolbox.standin.calls("chat.update")), "the request loses its buttons"


def test_gelezen_counts_each_reader_once(toolbox: Toolbox) -> None:
    toolbox.approve(ZHC, propose_duration(toolbox))
    entry_id = str(wait_until(lambda: toolbox.coordination.outbox.entries(SENT))[0].id)

    for n, reader in enumerate([ADVISER, ADVISER, ADVISER_2], start=1):
        toolbox.click(reader, READ, entry_id, channel=UPDATES, reply=f"read-{n}")
        wait_until(lambda n=n: toolbox.replies(f"read-{n}"))

    assert toolbox.coordination.outbox.readers(int(entry_id)) == [ADVISER, ADVISER_2]
    assert "al als gelezen" in toolbox.replies("read-2")[0].body["text"]
    message = toolbox.announcements()[0]
    assert "Gelezen door 2 collega's" in str(message["blocks"]), "the count in the channel"
    assert len(toolbox.announcements()) == 1

    toolbox.click(ADVISER, READERS, entry_id, channel=UPDATES, reply="who-adviser")
    toolbox.click(ZHC, READERS, entry_id, channel=UPDATES, reply="who-coordinator")
    refused = wait_until(lambda: toolbox.replies("who-adviser"))[0].body["text"]
    listed = wait_until(lambda: toolbox.replies("who-coordinator"))[0].body["text"]
    assert "Alleen coördinatoren" in refused
    assert f"<@{ADVISER}>" in listed and f"<@{ADVISER_2}>" in listed


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (ratelimited(1), ("ratelimited", PENDING)),  # surely not posted: post again
        (server_error(500), ("internal_error", SENDING)),  # maybe posted: look first
    ],
    ids=["429", "500"],
)
def test_announcement_survives_a_slack_error_and_is_posted_once(
    toolbox: Toolbox, failure, expected
) -> None:
    proposal_id = propose_duration(toolbox)
    wait_until(lambda: toolbox.dms(ZHC) and toolbox.dms(HAAGLANDEN))
    toolbox.standin.script("chat.postMessage", failure)

    toolbox.approve(ZHC, proposal_id)

    (failed,) = wait_until(
        lambda: [e for e in toolbox.coordination.outbox.entries() if e.last_error]
    )
    assert (failed.last_error, failed.status) == expected
    assert toolbox.announcements() == []
    toolbox.clock.advance(seconds=10)
    report = toolbox.tick()
    toolbox.tick()

    assert len(toolbox.announcements()) == 1
    assert len(toolbox.announcement_posts()) == 2, "one failed attempt, one post"
    looked = len(toolbox.standin.calls("conversations.history"))
    assert looked == (1 if expected[1] == SENDING else 0), "history is read only when in doubt"
    assert report.drained is not None and report.drained.sent
    assert toolbox.coordination.outbox.entries()[0].status == SENT


class Crash(BaseException):
    """The process dies here (nothing in the app catches a BaseException)."""


class CrashBeforePost:
    def __init__(self, real: Sender) -> None:
        self.real = real
        self.crashed = threading.Event()

    def post(self, entry: Entry) -> str:
        self.crashed.set()
        raise Crash

    def find(self, entry: Entry) -> str | None:
        return self.real.find(entry)


class CrashAfterPost(CrashBeforePost):
    def post(self, entry: Entry) -> str:
        self.real.post(entry)
        self.crashed.set()
        raise Crash


@pytest.mark.parametrize("crash", [CrashBeforePost, CrashAfterPost], ids=["before", "after"])
def test_restart_between_approval_and_posting_posts_once(toolbox: Toolbox, crash) -> None:
    toolbox.stop()
    toolbox.sender_wrapper = crash
    toolbox.start()
    proposal_id = propose_duration(toolbox)
    wait_until(lambda: toolbox.dms(ZHC))

    toolbox.approve(ZHC, proposal_id)
    assert isinstance(toolbox.coordination.sender, CrashBeforePost)
    assert toolbox.coordination.sender.crashed.wait(WAIT)
    assert toolbox.coordination.outbox.entries()[0].status == SENDING
    posted_before = len(toolbox.announcements())

    toolbox.restart()
    toolbox.tick()
    toolbox.tick()

    assert posted_before == (1 if crash is CrashAfterPost else 0)
    assert len(toolbox.announcements()) == 1
    assert toolbox.coordination.outbox.entries()[0].status == SENT
    assert [v.number for v in toolbox.services.catalogue.history("loonkostensubsidie")] == [1, 2]


def test_future_change_waits_for_its_date(toolbox: Toolbox) -> None:
    later = toolbox.clock.today + dt.timedelta(days=10)
    proposal_id = propose_duration(toolbox, later)
    toolbox.approve(ZHC, proposal_id)
    wait_until(lambda: toolbox.coordination.desk.get(proposal_id).status is Status.APPROVED)
    wait_until(lambda: len(toolbox.dms(HAAGLANDEN)) >= 2)

    toolbox.tick()
    assert len(toolbox.services.catalogue.history("loonkostensubsidie")) == 1
    assert toolbox.announcements() == []

    toolbox.clock.advance(days=10)
    report = toolbox.tick()
    toolbox.tick()

    assert report.applied == [proposal_id]
    latest = toolbox.services.catalogue.history("loonkostensubsidie")[-1]
    assert (latest.number, latest.effective_from) == (2, later)
    assert toolbox.services.catalogue.instrument("loonkostensubsidie", later).duration == (
        NEW_DURATION
    )
    assert len(toolbox.announcements()) == 1


def test_rejection_asks_a_reason_and_tells_the_proposer(toolbox: Toolbox) -> None:
    proposal_id = propose_duration(toolbox)
    toolbox.click(ZHC, REJECT, str(proposal_id), reply="reject")
    form = dict(toolbox.standin.wait_for("views.open", 2)[-1].body["view"])
    assert form["callback_id"] == "toolbox_reject_view"

    empty = toolbox.submit_reject(form, ZHC, "")
    done = toolbox.submit_reject(form, ZHC, "Eerst afstemmen met UWV.")

    assert empty["response_action"] == "errors" and "reject_reason" in empty["errors"]
    assert done == {}
    assert toolbox.coordination.desk.get(proposal_id).status is Status.REJECTED
    told = wait_until(lambda: [c for c in toolbox.dms(HAAGLANDEN) if "wees" in c.body["text"]])
    assert "Eerst afstemmen met UWV." in str(told[0].body["blocks"])
    assert len(toolbox.services.catalogue.history("loonkostensubsidie")) == 1


def test_updates_and_changes_question_answer_from_the_same_history(toolbox: Toolbox) -> None:
    toolbox.approve(ZHC, propose_duration(toolbox))
    wait_until(toolbox.announcements)

    toolbox.command("updates", ADVISER, reply="updates")
    updates = wait_until(lambda: toolbox.replies("updates"))[0].body
    answer = toolbox.services.assistant.ask("wat is er veranderd aan de loonkostensubsidie?")

    assert "Regionale afspraak" in str(updates)
    assert "Regionale afspraak" in answer.message.text
