"""Signed requests to the app in HTTP mode; assertions on what reached the Web API stand-in.

One test per row of ../shared/slack/pitfalls.md where a row applies (the number is in the name).
"""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest

from bot import inbound
from bot.errors import INVITE_ME, NOT_SET_UP, TRY_AGAIN
from bot.pipeline import direct_query
from bot.standin import BOT_ID, BOT_USER_ID, WEBHOOK, api_error, ratelimited
from responses.ids import DETAILS, FACTSHEET, SHARE
from tests.bot.conftest import RunningApp, assert_valid_message, buttons_of

QUESTION = "wajong werknemer, welke regeling?"


def test_url_verification_is_answered(running: RunningApp) -> None:  # row 4
    body = json.dumps(
        {"token": "x", "challenge": "FAKE_CHALLENGE_0123", "type": "url_verification"}
    )

    reply = running.sender.post(body, inbound.JSON)

    assert reply.status == 200
    assert json.loads(reply.body) == {"challenge": "FAKE_CHALLENGE_0123"}


@pytest.mark.parametrize(
    ("case", "timestamp", "secret", "tamper"),
    [
        ("wrong secret", None, "not-the-secret", False),
        ("stale, 3600 s old", int(time.time()) - 3600, None, False),
        ("from the future", int(time.time()) + 3600, None, False),
        ("body changed after signing", None, None, True),
    ],
)
def test_unsigned_or_stale_request_is_refused(  # row 5
    running: RunningApp, case: str, timestamp: int | None, secret: str | None, tamper: bool
) -> None:
    body = inbound.command_body(QUESTION, running.webhook())
    headers = inbound.sign(secret or running.sender.secret, body, timestamp)
    if tamper:
        body = body.replace("wajong", "wajonG")

    reply = running.sender.post(body, inbound.FORM, timestamp=None, headers=headers)

    assert reply.status == 401, case
    time.sleep(0.2)
    assert running.standin.posts() == []


def test_command_is_acked_in_time_and_answered_once(running: RunningApp) -> None:  # row 3
    reply = running.sender.command(QUESTION, running.webhook())

    assert reply.status == 200
    assert reply.seconds < 3
    answer = running.replies(1)[0].body
    time.sleep(0.3)
    assert len(running.standin.calls(WEBHOOK)) == 1
    assert answer["response_type"] == "ephemeral"
    assert "Loondispensatie" in answer["text"]
    assert_valid_message(answer)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_command_gives_help(running: RunningApp, text: str) -> None:  # row 28
    running.sender.command(text, running.webhook())

    answer = running.replies(1)[0].body
    expected = running.services.assistant.answer(direct_query("help", []))
    assert answer["text"] == expected.message.text


@pytest.mark.parametrize(
    ("command", "intent", "instruments"),
    [
        (
            "vergelijk loondispensatie loonkostensubsidie",
            "compare",
            ["loondispensatie", "loonkostensubsidie"],
        ),
        ("factsheet no-riskpolis", "factsheet", ["no-riskpolis"]),
        ("help", "help", []),
        ("updates", "changes", []),
    ],
)
def test_subcommands_answer_their_intent(
    running: RunningApp, command: str, intent: str, instruments: list[str]
) -> None:
    running.sender.command(command, running.webhook())

    answer = running.replies(1)[0].body
    expected = running.services.assistant.answer(direct_query(intent, instruments))
    assert answer["text"] == expected.message.text
    assert_valid_message(answer)


def test_municipality_subcommand_shows_local_extras(running: RunningApp) -> None:
    running.sender.command("gemeente den haag", running.webhook())

    answer = running.replies(1)[0].body
    expected = running.services.assistant.answer(direct_query("local", [], municipality="den-haag"))
    assert answer["text"] == expected.message.text


@pytest.mark.parametrize("parent", [None, "1700000000.000001"])
def test_mention_is_answered_in_its_thread(
    running: RunningApp, parent: str | None
) -> None:  # row 18
    extra = {"thread_ts": parent} if parent else {}
    event = inbound.mention_event(QUESTION, **extra)

    running.sender.event(event)

    post = running.posted(1)[0].body
    assert post["channel"] == inbound.CHANNEL
    assert post["thread_ts"] == (parent or event["ts"])
    assert "Loondispensatie" in post["text"]
    assert_valid_message(post)


def test_direct_message_is_answered_in_the_conversation(running: RunningApp) -> None:
    running.sender.event(inbound.dm_event(QUESTION))

    post = running.posted(1)[0].body
    assert post["channel"] == inbound.DM_CHANNEL
    assert "thread_ts" not in post
    assert "Loondispensatie" in post["text"]


def test_retried_event_is_answered_once(running: RunningApp) -> None:  # row 1
    event = inbound.dm_event(QUESTION)

    replies = [
        running.sender.event(event, retry=retry, event_id="Ev0000000042") for retry in (None, 1, 2)
    ]

    assert [r.status for r in replies] == [200, 200, 200]
    running.posted(1)
    time.sleep(0.5)
    assert len(running.standin.calls("chat.postMessage")) == 1


def test_same_message_under_a_new_event_id_is_answered_once(running: RunningApp) -> None:
    event = inbound.dm_event(QUESTION)

    running.sender.event(event, event_id="Ev0000000051")
    running.sender.event(event, event_id="Ev0000000052")

    running.posted(1)
    time.sleep(0.5)
    assert len(running.standin.calls("chat.postMessage")) == 1


@pytest.mark.parametrize(
    ("case", "event"),
    [
        ("our bot, modern form", inbound.dm_event("antwoord", user=BOT_USER_ID, bot_id=BOT_ID)),
        (
            "other bot, modern form",
            inbound.dm_event("hoi", user="U0000000077", bot_id="B0000000007"),
        ),
        ("classic bot_message", inbound.dm_event("deploy", subtype="bot_message", bot_id="B09")),
        ("message_changed", inbound.dm_event("wajong?", subtype="message_changed")),
        ("message_deleted", inbound.dm_event("", subtype="message_deleted")),
        (
            "channel message",
            inbound.dm_event(QUESTION, channel="C0000000001", channel_type="channel"),
        ),
    ],
)
def test_bots_edits_and_deletions_are_not_answered(  # row 15
    running: RunningApp, case: str, event: dict
) -> None:
    reply = running.sender.event(event)
    running.sender.event(inbound.dm_event("wat is een no-riskpolis?"))

    assert reply.status == 200, "ignored events are still acked, so Slack does not retry"
    running.posted(1)
    time.sleep(0.3)
    posts = running.standin.calls("chat.postMessage")
    assert len(posts) == 1, case
    assert "No-riskpolis" in posts[0].body["text"]


@pytest.mark.parametrize(("prefix", "intent"), [(DETAILS, "explain"), (FACTSHEET, "factsheet")])
def test_button_opens_details_or_factsheet(running: RunningApp, prefix: str, intent: str) -> None:
    running.sender.command(QUESTION, running.webhook("answer"))
    buttons = buttons_of(running.replies(1)[0].body)
    button = next(b for action_id, b in buttons.items() if action_id.startswith(prefix))

    payload = inbound.block_actions_payload(button, running.webhook("click"))
    reply = running.sender.interaction(payload)

    assert reply.status == 200
    shown = running.replies(2)[1].body
    expected = running.services.assistant.answer(
        direct_query(intent, ["loondispensatie"], details=intent == "explain")
    )
    assert shown["text"] == expected.message.text
    assert_valid_message(shown)


def test_share_posts_the_answer_in_the_channel(running: RunningApp) -> None:
    running.sender.command(QUESTION, running.webhook())
    share = next(
        b for k, b in buttons_of(running.replies(1)[0].body).items() if k.startswith(SHARE)
    )

    running.sender.interaction(inbound.block_actions_payload(share, running.webhook("click")))

    post = running.posted(1)[0].body
    assert post["channel"] == inbound.CHANNEL
    assert "Loondispensatie" in post["text"]
    assert not any(k.startswith(SHARE) for k in buttons_of(post))
    assert_valid_message(post)


def test_an_empty_button_value_is_explained(running: RunningApp) -> None:
    button = {"action_id": f"{DETAILS}:x", "value": ""}

    running.sender.interaction(inbound.block_actions_payload(button, running.webhook()))

    assert "werkt niet meer" in running.replies(1)[0].body["text"]


def test_rate_limit_is_retried_and_posted_once(running: RunningApp) -> None:  # row 20
    running.standin.script("chat.postMessage", ratelimited(retry_after=1))

    running.sender.event(inbound.dm_event(QUESTION))

    calls = running.posted(2, timeout=15)
    time.sleep(0.3)
    assert len(running.standin.calls("chat.postMessage")) == 2
    assert calls[1].at - calls[0].at >= 1, "waited for Retry-After"
    assert calls[0].body == calls[1].body


def test_sharing_where_the_bot_is_not_a_member_asks_for_an_invite(
    running: RunningApp,
) -> None:  # 23
    running.standin.script("chat.postMessage", api_error("not_in_channel"))
    running.sender.command(QUESTION, running.webhook())
    share = next(
        b for k, b in buttons_of(running.replies(1)[0].body).items() if k.startswith(SHARE)
    )

    running.sender.interaction(inbound.block_actions_payload(share, running.webhook("click")))

    assert running.replies(2)[1].body["text"] == INVITE_ME


def test_missing_scope_is_logged_for_the_admin(
    running: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:  # row 24
    running.standin.script(
        "chat.postMessage",
        api_error("missing_scope", needed="im:write", provided="chat:write"),
    )

    running.sender.event(inbound.dm_event(QUESTION))

    told = running.posted(2)[1].body
    assert told["text"] == NOT_SET_UP
    assert any("im:write" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_expired_trigger_is_explained(running: RunningApp) -> None:  # row 21
    running.standin.script("views.open", api_error("expired_trigger_id"))

    running.sender.command("situatie", running.webhook())

    assert running.replies(1)[0].body["text"] == TRY_AGAIN


@pytest.mark.parametrize(
    "broadcast", ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S012|team>"]
)
def test_broadcasts_in_a_question_never_reach_slack_unescaped(  # rows 13, 14
    running: RunningApp, broadcast: str
) -> None:
    question = f"{broadcast} wat is een no-riskpolis & hoe lang?"
    running.sender.command(question, running.webhook())
    answer = running.replies(1)[0].body
    share = next(b for k, b in buttons_of(answer).items() if k.startswith(SHARE))

    running.sender.interaction(inbound.block_actions_payload(share, running.webhook("click")))

    running.posted(1)
    for call in running.standin.posts():
        shown = {k: v for k, v in call.body.items() if k in ("text", "blocks")}
        # Button values carry the question back to us; Slack never renders them.
        displayed = re.sub(r'"value": "(\\.|[^"\\])*"', "", json.dumps(shown))
        assert broadcast not in displayed, call.method


def test_exception_in_a_listener_tells_the_user_without_details(
    running: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(running.services.assistant, "answer", broken)

    running.sender.command(QUESTION, running.webhook())

    told = running.replies(1)[0].body["text"]
    assert "niets verloren" in told
    assert "secret internal detail" not in told


def test_health_check_reports_the_database(running: RunningApp) -> None:
    with urllib.request.urlopen(f"{running.url}/healthz", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read())["ok"] is True


def test_unknown_path_is_not_found(running: RunningApp) -> None:
    request = urllib.request.Request(f"{running.url}/elders", method="GET")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 404
