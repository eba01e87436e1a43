"""The other surfaces: App Home, assistant panel, shortcut, situation check, Socket Mode."""

from __future__ import annotations

import json
import time
import warnings

import pytest
from slack_bolt import BoltRequest
from slack_sdk import WebClient

from bot import inbound
from bot.pipeline import direct_query
from bot.standin import SlackStandIn
from responses import modals
from responses.ids import ASK_SHORTCUT, SITUATION_OPEN, SITUATION_VIEW
from tests.bot.conftest import RunningApp, assert_valid_message

QUESTION = "wajong werknemer, welke regeling?"


def test_app_home_shows_the_toolbox_by_scope(running: RunningApp) -> None:
    event = {"type": "app_home_opened", "user": inbound.ASKER, "channel": "D1", "tab": "home"}

    running.sender.event(event)

    view = running.standin.wait_for("views.publish")[0].body["view"]
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert "Laatste wijzigingen" in headers
    assert any(h.startswith("Landelijk") for h in headers)
    assert any(h.startswith("Regionaal") for h in headers)
    assert "Loondispensatie" in json.dumps(view)
    assert len(view["blocks"]) <= 100


def test_messages_tab_does_not_publish_home(running: RunningApp) -> None:
    running.sender.event({"type": "app_home_opened", "user": inbound.ASKER, "tab": "messages"})
    time.sleep(0.3)
    assert running.standin.calls("views.publish") == []


def test_assistant_thread_gets_a_greeting_and_suggested_prompts(running: RunningApp) -> None:
    thread = {"user_id": inbound.ASKER, "channel_id": "D0000000001", "thread_ts": "1700.1"}

    running.sender.event({"type": "assistant_thread_started", "assistant_thread": thread})

    prompts = running.standin.wait_for("assistant.threads.setSuggestedPrompts")[0].body
    greeting = running.posted(1)[0].body
    assert prompts["thread_ts"] == "1700.1"
    assert len(prompts["prompts"]) >= 3
    assert greeting["thread_ts"] == "1700.1"


def test_question_in_the_assistant_panel_shows_typing_and_answers_in_thread(
    running: RunningApp,
) -> None:
    running.sender.event(inbound.dm_event(QUESTION, thread_ts="1700.1"))

    status = running.standin.wait_for("assistant.threads.setStatus")[0].body
    answer = running.posted(1)[0].body
    assert status["status"]
    assert answer["thread_ts"] == "1700.1"
    assert status is not None and "Loondispensatie" in answer["text"]


def test_message_shortcut_answers_about_the_message(running: RunningApp) -> None:
    payload = inbound.message_shortcut_payload(ASK_SHORTCUT, QUESTION, running.webhook())

    running.sender.interaction(payload)

    answer = running.replies(1)[0].body
    assert answer["text"] == running.services.assistant.ask(QUESTION).message.text
    assert_valid_message(answer)


def test_global_shortcut_opens_the_situation_check(running: RunningApp) -> None:
    payload = {
        "type": "shortcut",
        "callback_id": SITUATION_OPEN,
        "trigger_id": "1.2.abc",
        "user": {"id": inbound.ASKER, "team_id": "T0000000001"},
        "team": {"id": "T0000000001"},
        "token": "x",
    }

    running.sender.interaction(payload)

    view = running.standin.wait_for("views.open")[0].body["view"]
    assert view["callback_id"] == SITUATION_VIEW
    block_ids = {b.get("block_id") for b in view["blocks"]}
    assert {modals.BENEFIT, modals.MUNICIPALITY, modals.AGE, modals.FACTS} <= block_ids


def _selected(value: str) -> dict:
    return {modals.VALUE: {"type": "static_select", "selected_option": {"value": value}}}


@pytest.mark.parametrize(
    ("values", "fits", "not_for"),
    [
        ({modals.BENEFIT: _selected("wajong")}, "Loondispensatie", "Loonkostensubsidie"),
        ({modals.BENEFIT: _selected("participatiewet")}, "Loonkostensubsidie", "Loondispensatie"),
    ],
)
def test_situation_check_shows_what_fits_and_why(
    running: RunningApp, values: dict, fits: str, not_for: str
) -> None:
    view = {"type": "modal", "callback_id": SITUATION_VIEW, "blocks": []}

    reply = running.sender.interaction(inbound.view_submission_payload(view, values))

    assert reply.status == 200
    result = json.loads(reply.body)
    assert result["response_action"] == "update"
    sections = [b for b in result["view"]["blocks"] if b["type"] == "section"]
    fitting = [b["text"]["text"] for b in sections if b["text"]["text"].startswith("*")]
    assert any(fits in text for text in fitting)
    assert "Wat het antwoord verandert" in json.dumps(result["view"])
    assert not_for in json.dumps(result["view"])


def test_retried_event_in_socket_mode_is_answered_once(running: RunningApp) -> None:  # row 2
    body = json.loads(inbound.event_body(inbound.dm_event(QUESTION), event_id="Ev0000000077"))

    for _ in range(3):
        response = running.app.dispatch(BoltRequest(body=body, mode="socket_mode"))
        assert response.status == 200

    running.posted(1)
    time.sleep(0.5)
    assert len(running.standin.calls("chat.postMessage")) == 1


MISSING_TEXT = "top-level `text` argument is missing"


def test_the_missing_text_check_can_fail(standin: SlackStandIn) -> None:  # row 12
    client = WebClient(token="xoxb-test", base_url=standin.api_url)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "alleen blokken"}}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.chat_postMessage(channel="C1", blocks=blocks)
    assert any(MISSING_TEXT in str(w.message) for w in caught)


def test_no_message_lacks_a_text_fallback(running: RunningApp) -> None:  # row 12
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        running.sender.command(QUESTION, running.webhook())
        running.sender.event(inbound.mention_event(QUESTION))
        running.sender.event(inbound.dm_event("wat is een no-riskpolis?"))
        running.replies(1)
        running.posted(2)
    assert not [w for w in caught if MISSING_TEXT in str(w.message)]
    for call in running.standin.posts():
        assert call.body.get("text")


def test_updates_subcommand_lists_changes(running: RunningApp) -> None:
    running.sender.command("updates", running.webhook())
    expected = running.services.assistant.answer(direct_query("changes", []))
    assert running.replies(1)[0].body["text"] == expected.message.text
