"""Hostile input, each a test: what advisers (or a broken client) can send, and what must hold.

Every question arrives as Slack sends it (signed, over HTTP) on each surface that takes free
text. The reply must be a clear Dutch message without any error text, within Slack's limits,
must not ping anyone or link where the asker wanted, and the app must keep answering.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot import inbound
from bot.inbound import Reply
from bot.standin import WEBHOOK, Call
from responses.ids import DETAILS, SHARE, SITUATION_VIEW
from tests.bot.conftest import RunningApp, buttons_of
from tests.hardening.conftest import (
    assert_clear_dutch,
    assert_shown_within_limits,
    displayed,
    limit_violations,
)

FOLLOW_UP = "wat is een no-riskpolis?"
ACK_SECONDS = 3.0
SETTLE = 0.4
"""How long to wait for a second, unwanted reply before concluding there is none."""

LONG_DUTCH = (
    "Mijn kandidaat heeft een Wajong-uitkering, is 24 jaar en wil bij een bakker in Delft "
    "beginnen met een proefplaatsing; welke regeling past en wat krijgt de werkgever? "
) * 70  # about 12,000 characters
HOSTILE_QUESTIONS = {
    "10k+ Dutch": LONG_DUTCH,
    "40k noise": "ꙮ🙂x\u0301 " * 10_000,
    "control characters": "wat is een\x00 no-risk\x07polis?\x1b[31m\x08\x7f\u200b\ufeff\r\n\x0c",
    "right-to-left": "\u202eما هو no-riskpolis? \u202bשלום\u202c loondispensatie\u200f",
    "emoji and codes": ":smile: wajong 😀 werknemer :+1::skin-tone-3: welke regeling? 👩🏽‍💼",
    "pings and links": (
        "<!channel> <!here> <!everyone> <@U0000000123> <!subteam^S012|team> "
        "<https://evil.example|klik hier> <mailto:a@evil.example|mail> wajong regeling?"
    ),
    "mrkdwn and escapes": "*vet* _schuin_ ~weg~ `code` ```blok``` > quote &amp; &lt;b&gt; a<b>c",
    "only whitespace and marks": " \t\n\u00a0\u2003 ",
}
POST = "chat.postMessage"
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<!subteam", "<@U0000000123>")
LINKS = ("<https://evil", "<mailto:")


def ask(running: RunningApp, surface: str, text: str) -> Reply:
    if surface == "command":
        return running.sender.command(text, running.webhook(f"q{time.monotonic_ns()}"))
    if surface == "mention":
        return running.sender.event(inbound.mention_event(text))
    return running.sender.event(inbound.dm_event(text))


def answers(running: RunningApp) -> list[Call]:
    return running.standin.calls(WEBHOOK) + running.standin.calls("chat.postMessage")


def assert_still_answers(running: RunningApp) -> None:
    """A normal question after the hostile one gets its normal answer."""
    before = len(answers(running))
    webhooks = len(running.standin.calls(WEBHOOK))
    reply = running.sender.command(FOLLOW_UP, running.webhook("follow-up"))
    assert reply.status == 200
    running.standin.wait_for(WEBHOOK, webhooks + 1, timeout=10)
    followed = [c for c in running.standin.calls(WEBHOOK) if c.path.endswith("/follow-up")]
    assert followed and "No-riskpolis" in followed[0].body["text"], "the app stopped answering"
    assert len(answers(running)) == before + 1


@pytest.mark.parametrize("surface", ["command", "mention", "dm"])
@pytest.mark.parametrize("case", list(HOSTILE_QUESTIONS))
def test_hostile_question_gets_one_clear_answer(
    running: RunningApp, surface: str, case: str
) -> None:
    reply = ask(running, surface, HOSTILE_QUESTIONS[case])

    assert reply.status == 200 and reply.seconds < ACK_SECONDS
    first = running.standin.wait_for(
        WEBHOOK if surface == "command" else "chat.postMessage", 1, timeout=10
    )
    time.sleep(SETTLE)
    replies = answers(running)
    assert len(first) == 1 and len(replies) == 1, [c.body.get("text", "")[:80] for c in replies]
    body = replies[0].body
    assert_clear_dutch(body["text"])
    assert limit_violations(body["text"], body.get("blocks")) == []
    shown = displayed(body)
    for token in (*PINGS, *LINKS):
        assert token not in shown, f"{token} reaches Slack unescaped"
    assert "\x00" not in shown and "\x1b" not in shown
    assert_still_answers(running)


def test_sharing_a_hostile_question_pings_nobody(running: RunningApp) -> None:
    running.sender.command(HOSTILE_QUESTIONS["pings and links"], running.webhook("answer"))
    answer = running.replies(1)[0].body
    share = next(b for k, b in buttons_of(answer).items() if k.startswith(SHARE))

    running.sender.interaction(inbound.block_actions_payload(share, running.webhook("click")))

    posted = running.posted(1)[0].body
    assert_clear_dutch(posted["text"])
    shown = displayed(posted)
    assert not [token for token in (*PINGS, *LINKS) if token in shown]
    assert_shown_within_limits(running.standin.posts())


def test_a_long_question_still_gives_working_buttons(running: RunningApp) -> None:
    running.sender.command(LONG_DUTCH, running.webhook("answer"))
    answer = running.replies(1)[0].body
    details = next(b for k, b in buttons_of(answer).items() if k.startswith(DETAILS))

    running.sender.interaction(inbound.block_actions_payload(details, running.webhook("click")))

    shown = running.replies(2)[1].body
    assert_clear_dutch(shown["text"])
    assert "werkt niet meer" not in shown["text"], "the button's state was cut unreadable"
    assert limit_violations(shown["text"], shown.get("blocks")) == []


# -- payloads with missing or wrongly typed fields -------------------------------------------------


def _command_without(field: str) -> Callable[[RunningApp], Reply]:
    def send(running: RunningApp) -> Reply:
        fields = dict(item.split("=", 1) for item in inbound.command_body("x", "").split("&"))
        fields.pop(field)
        fields["response_url"] = running.webhook("broken").replace(":", "%3A").replace("/", "%2F")
        return running.sender.post("&".join(f"{k}={v}" for k, v in fields.items()), inbound.FORM)

    return send


def _event(change: Callable[[dict[str, Any]], None], mention: bool = False) -> Callable:
    def send(running: RunningApp) -> Reply:
        event = inbound.mention_event("x") if mention else inbound.dm_event("x")
        change(event)
        return running.sender.event(event)

    return send


def _click(value: Any, drop: tuple[str, ...] = (), action_id: str = DETAILS) -> Callable:
    def send(running: RunningApp) -> Reply:
        button = {"action_id": f"{action_id}:x", "value": "{}"}
        payload = inbound.block_actions_payload(button, running.webhook("broken"))
        payload["actions"][0]["value"] = value
        for key in drop:
            payload.pop(key, None)
        return running.sender.interaction(payload)

    return send


def _situation(state: Any) -> Callable[[RunningApp], Reply]:
    def send(running: RunningApp) -> Reply:
        view = {"type": "modal", "callback_id": SITUATION_VIEW, "blocks": []}
        payload = inbound.view_submission_payload(view, {})
        if state is None:
            del payload["view"]["state"]
        else:
            payload["view"]["state"] = state
        return running.sender.interaction(payload)

    return send


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda event: event.__setitem__(key, value)


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda event: event.pop(key, None)


MALFORMED: dict[str, tuple[Callable[[RunningApp], Reply], str | None]] = {
    # name: (send, where the person reads the reply: WEBHOOK, POST, or None for no one to tell)
    "command without text": (_command_without("text"), WEBHOOK),
    "command without user": (_command_without("user_id"), WEBHOOK),
    "dm without text": (_event(_drop("text")), POST),
    "dm text null": (_event(_set("text", None)), POST),
    "dm text a number": (_event(_set("text", 42)), POST),
    "dm text a list": (_event(_set("text", ["wajong"])), POST),
    "mention text a number": (_event(_set("text", 3.14), mention=True), POST),
    "mention without user": (_event(_drop("user"), mention=True), None),
    "dm without user": (_event(_drop("user")), None),
    "mention without channel": (_event(_drop("channel"), mention=True), None),
    "button value a number": (_click(12), WEBHOOK),
    "button value null": (_click(None), WEBHOOK),
    "button value of wrong types": (_click('{"i": 5, "g": [], "op": 7, "q": {}}'), WEBHOOK),
    "button without user": (_click('{"i": ["loondispensatie"]}', drop=("user",)), WEBHOOK),
    "situation view without state": (_situation(None), None),
    "situation view with odd state": (
        _situation({"values": {"situation_age": {"value": {"value": 10**30}}, "x": 5}}),
        None,
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_payload_is_acked_and_answered_in_dutch(running: RunningApp, case: str) -> None:
    send, where = MALFORMED[case]

    reply = send(running)

    assert reply.status == 200, (reply.status, reply.body[:200])
    assert reply.seconds < ACK_SECONDS
    if reply.body:
        assert_clear_dutch_view(json.loads(reply.body))
    if where is not None:
        told = running.standin.wait_for(where, 1, timeout=10)
        assert told, "the person heard nothing"
        assert_clear_dutch(told[0].body["text"])
    time.sleep(SETTLE)
    assert_shown_within_limits(running.standin.posts())
    for call in running.standin.posts():
        assert_clear_dutch(call.body.get("text") or json.dumps(call.body.get("view")))
    assert_still_answers(running)


def assert_clear_dutch_view(ack: dict[str, Any]) -> None:
    """An ack body that updates a modal: its text is Dutch and free of error text."""
    texts = [
        block["text"]["text"]
        for block in (ack.get("view") or {}).get("blocks", [])
        if isinstance(block.get("text"), dict)
    ]
    texts += [str(text) for text in (ack.get("errors") or {}).values()]
    assert texts, ack
    assert_clear_dutch(" ".join(texts))


@pytest.mark.parametrize(
    ("case", "body", "content_type"),
    [
        ("actions list empty", "actions", inbound.FORM),
        ("payload not JSON", "payload=%7Bnot-json", inbound.FORM),
        ("JSON list", "[1, 2]", inbound.JSON),
        ("event a string", '{"type": "event_callback", "event_id": "Ev9", "event": "x"}', "j"),
        ("no type", '{"hello": 1}', inbound.JSON),
        ("empty body", "", inbound.FORM),
    ],
)
def test_broken_body_never_stops_the_app(
    running: RunningApp, case: str, body: str, content_type: str
) -> None:
    """Bodies Slack never sends (only someone with the signing secret could): refused or
    ignored, quickly, with nothing shown to anyone, and the app keeps answering."""
    if body == "actions":
        payload = inbound.block_actions_payload({"action_id": f"{DETAILS}:x"}, running.webhook())
        payload["actions"] = []
        body = inbound.interaction_body(payload)
    content_type = inbound.JSON if content_type == "j" else content_type

    reply = running.sender.post(body, content_type)

    assert reply.status in (200, 400, 404, 500), case
    assert reply.seconds < ACK_SECONDS
    assert "Traceback" not in reply.body
    time.sleep(SETTLE)
    assert running.standin.posts() == []
    assert_still_answers(running)
