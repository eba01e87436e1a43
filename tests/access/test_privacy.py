"""Personal details never reach the database file or the log; the question log keeps the rest.

Also: what the log holds (redacted text, intent, instruments, outcome, a pseudonymous key),
feedback votes, refusals without their question, deletion after TOOLBOX_LOG_DAYS, and the
coordinators' figures in `/toolbox stats` and App Home.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import time

import pytest

from bot import inbound
from bot.questions import PURGE_EVERY_SECONDS, QuestionRecorder
from bot.standin import api_error, guest
from catalogue.questionlog import QuestionLog
from catalogue.store import open_db
from intents.redact import user_key
from responses.ids import ASK_SHORTCUT, FEEDBACK_DOWN, FEEDBACK_UP
from responses.state import encode
from tests.access.conftest import GUEST, Toolbox, shown
from tests.bot.conftest import COORDINATOR, SECRET, buttons_of

BSN = "111222333"
EMAIL = "j.jansen@voorbeeld.nl"
PHONE = "06-12345678"
NAME = "Jansen"
QUESTION = (
    f"mevrouw {NAME} (bsn {BSN}, {EMAIL}, tel {PHONE}) heeft een Wajong-uitkering, "
    "welke regeling past?"
)
PERSONAL = (BSN, EMAIL, PHONE, NAME, "12345678", "voorbeeld.nl")


def _everything_stored(toolbox: Toolbox) -> bytes:
    """The database file and anything sqlite keeps beside it."""
    files = sorted(toolbox.log_file.parent.glob(toolbox.log_file.name + "*"))
    return b"".join(path.read_bytes() for path in files)


@pytest.mark.parametrize("surface", ["command", "dm", "mention", "message shortcut"])
def test_personal_details_reach_neither_the_database_nor_any_log(
    toolbox: Toolbox, debug_log: io.StringIO, surface: str
) -> None:
    app = toolbox.app
    if surface == "command":
        app.sender.command(QUESTION, app.webhook())
        app.replies(1)
    elif surface == "message shortcut":
        app.sender.interaction(
            inbound.message_shortcut_payload(ASK_SHORTCUT, QUESTION, app.webhook())
        )
        app.replies(1)
    else:
        event = inbound.dm_event if surface == "dm" else inbound.mention_event
        app.sender.event(event(QUESTION))
        app.posted(1)
    time.sleep(0.3)

    assert "Loondispensatie" in shown(app.standin.posts()), "the question was answered"
    (row,) = toolbox.rows()
    assert row["intent"] == "advise" and row["outcome"] == "answered"
    assert "mevrouw [naam]" in str(row["text"]) and "[bsn]" in str(row["text"])
    stored, logged = _everything_stored(toolbox), debug_log.getvalue()
    assert "handled surface=" in logged, "the log was captured"
    for detail in PERSONAL:
        assert detail.encode() not in stored, detail
        assert detail not in logged, detail
    assert inbound.ASKER not in str(row["user_key"])


def test_a_failure_while_answering_logs_no_personal_details(
    toolbox: Toolbox, debug_log: io.StringIO
) -> None:
    toolbox.standin.script("chat.postMessage", api_error("fatal_error"))

    toolbox.app.sender.event(inbound.dm_event(QUESTION))
    toolbox.app.posted(2)  # the answer failed; the second post tells the adviser
    time.sleep(0.3)

    logged = debug_log.getvalue()
    assert "unexpected error" in logged and "Traceback" in logged
    for detail in PERSONAL:
        assert detail not in logged, detail


def test_bolt_and_slack_sdk_debug_output_stays_out_of_the_log(
    toolbox: Toolbox, debug_log: io.StringIO
) -> None:
    toolbox.app.sender.command(QUESTION, toolbox.app.webhook())
    toolbox.app.replies(1)
    time.sleep(0.3)

    for name in ("slack_bolt", "slack_sdk", "urllib3"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING
    assert QUESTION[:20] not in debug_log.getvalue()


def test_a_refusal_is_stored_and_logged_without_the_question(
    toolbox: Toolbox, caplog: pytest.LogCaptureFixture
) -> None:
    toolbox.standin.users[GUEST] = guest(GUEST)
    caplog.set_level(logging.DEBUG)

    toolbox.app.sender.command(QUESTION, toolbox.app.webhook(), user_id=GUEST)
    toolbox.app.replies(1)
    time.sleep(0.2)

    (row,) = toolbox.rows()
    assert row["outcome"] == "refused" and row["text"] == ""
    assert row["user_key"] == user_key(GUEST, SECRET)
    refused = [r.getMessage() for r in caplog.records if "refused surface" in r.getMessage()]
    assert refused == [f"refused surface=command reason=guest user={user_key(GUEST, SECRET)}"]
    assert not any(NAME in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("wajong werknemer, welke regeling?", "answered"),
        ("hoe laat gaat de kantine open?", "unknown"),
    ],
)
def test_each_question_is_stored_with_how_it_ended(
    toolbox: Toolbox, question: str, outcome: str
) -> None:
    toolbox.app.sender.command(question, toolbox.app.webhook())
    toolbox.app.replies(1)
    time.sleep(0.2)

    (row,) = toolbox.rows()
    assert row["outcome"] == outcome
    assert row["surface"] == "command"
    assert row["user_key"] == user_key(inbound.ASKER, SECRET)


@pytest.mark.parametrize(("action_id", "vote"), [(FEEDBACK_UP, "up"), (FEEDBACK_DOWN, "down")])
def test_feedback_buttons_store_a_vote(toolbox: Toolbox, action_id: str, vote: str) -> None:
    toolbox.app.sender.command("wajong werknemer, welke regeling?", toolbox.app.webhook())
    button = buttons_of(toolbox.app.replies(1)[0].body)[action_id]

    toolbox.app.sender.interaction(
        inbound.block_actions_payload(button, toolbox.app.webhook("vote"))
    )
    toolbox.app.replies(2)
    time.sleep(0.2)

    votes = [r for r in toolbox.rows() if r["kind"] == "feedback"]
    assert len(votes) == 1
    assert votes[0]["outcome"] == vote
    assert "loondispensatie" in json.loads(str(votes[0]["instruments"]))


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_old_entries_are_deleted_at_start_and_then_periodically() -> None:
    log = QuestionLog(open_db(":memory:"))
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
    log.record("oud", "advise", [], "answered", "k", "command", now=old)
    clock = _Clock()

    recorder = QuestionRecorder(log, SECRET, days=90, clock=clock)

    assert log.stats().questions == 0, "purged at start"
    log.record("oud", "advise", [], "answered", "k", "command", now=old)
    recorder.stats()
    assert log.stats().questions == 1, "not again within the hour"
    clock.now = PURGE_EVERY_SECONDS + 1
    recorder.stats()
    assert log.stats().questions == 0


def test_without_a_signing_secret_keys_are_still_not_reversible() -> None:
    recorder = QuestionRecorder(QuestionLog(open_db(":memory:")), "", days=90)

    assert recorder.key(inbound.ASKER) != user_key(inbound.ASKER, "")


# -- coordinators ------------------------------------------------------------------------------


def _ask_a_few(toolbox: Toolbox) -> None:
    questions = ["wajong werknemer, welke regeling?", "hoe laat gaat de kantine open?"]
    for n, question in enumerate(questions):
        toolbox.app.sender.command(question, toolbox.app.webhook(f"q{n}"))
        toolbox.app.replies(n + 1)
    down = {"action_id": FEEDBACK_DOWN, "value": encode(["loondispensatie"], intent="advise")}
    toolbox.app.sender.interaction(inbound.block_actions_payload(down, toolbox.app.webhook("vote")))
    toolbox.app.replies(3)
    toolbox.standin.reset()


def test_coordinators_see_the_figures_with_toolbox_stats(toolbox: Toolbox) -> None:
    _ask_a_few(toolbox)

    toolbox.app.sender.command("stats", toolbox.app.webhook(), user_id=COORDINATOR)

    text = toolbox.app.replies(1)[0].body["text"]
    assert "2 vragen" in text and "1× niet behulpzaam" in text
    assert "Meest gevraagd" in text and "Loondispensatie" in text
    assert "Niet beantwoord" in text and "kantine" in text
    assert "Niet behulpzaam gevonden" in text


def test_advisers_do_not_get_the_figures(toolbox: Toolbox) -> None:
    _ask_a_few(toolbox)

    toolbox.app.sender.command("stats", toolbox.app.webhook())

    text = toolbox.app.replies(1)[0].body["text"]
    assert "coördinatoren" in text and "kantine" not in text


@pytest.mark.parametrize(("user", "sees"), [(COORDINATOR, True), (inbound.ASKER, False)])
def test_app_home_shows_coordinators_what_advisers_ask(
    toolbox: Toolbox, user: str, sees: bool
) -> None:
    _ask_a_few(toolbox)

    toolbox.app.sender.event({"type": "app_home_opened", "user": user, "tab": "home"})

    view = toolbox.standin.wait_for("views.publish")[0].body["view"]
    assert ("Wat advisers vragen" in json.dumps(view, ensure_ascii=False)) is sees
    assert ("kantine" in json.dumps(view)) is sees


def test_an_unwritable_question_log_costs_no_answer(toolbox: Toolbox) -> None:
    recorder = toolbox.app.services.questions
    assert recorder is not None
    recorder.questions.db.execute("drop table question_log")

    toolbox.app.sender.command("wajong werknemer, welke regeling?", toolbox.app.webhook())

    assert "Loondispensatie" in shown(toolbox.app.replies(1))
