"""Buttons under answers: details, factsheet, comparison, clarify options, share, feedback."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.listeners.views import open_situation_check
from bot.pipeline import Answer, direct_query
from bot.replies import post_message, respond_message, without_share
from bot.services import Services, log_handled
from responses.ids import (
    CLARIFY,
    COMPARE,
    DETAILS,
    FACTSHEET,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    SHARE,
    SITUATION_OPEN,
    prefix_pattern,
)
from responses.slack_replies import button_expired, shared, thanks_for_feedback
from responses.state import decode, state_date

log = logging.getLogger("bot.listeners.actions")

Recompute = Callable[[Services, dict[str, Any]], Answer | None]


def _details(services: Services, state: dict[str, Any]) -> Answer | None:
    return _direct(services, "explain", state, details=True)


def _factsheet(services: Services, state: dict[str, Any]) -> Answer | None:
    return _direct(services, "factsheet", state)


def _compare(services: Services, state: dict[str, Any]) -> Answer | None:
    return _direct(services, "compare", state)


def _clarify(services: Services, state: dict[str, Any]) -> Answer | None:
    question = state.get("q")
    if not question:
        return None
    return services.assistant.ask(str(question), municipality=state.get("g"), on=state_date(state))


def _direct(
    services: Services, intent: str, state: dict[str, Any], details: bool = False
) -> Answer | None:
    ids = [str(i) for i in state.get("i") or []]
    if not ids:
        return None
    query = direct_query(
        intent, ids, state.get("g"), state_date(state), details, state.get("q", "")
    )
    return services.assistant.answer(query)


ANSWER_BUTTONS: dict[str, Recompute] = {
    DETAILS: _details,
    FACTSHEET: _factsheet,
    COMPARE: _compare,
    CLARIFY: _clarify,
}
"""Buttons whose answer goes back to the person who clicked (ephemeral)."""


def register(app: App, services: Services) -> None:
    for action_id, recompute in ANSWER_BUTTONS.items():
        app.action(prefix_pattern(action_id))(_answer_button(services, action_id, recompute))

    @app.action(prefix_pattern(SHARE))
    def share(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        state = decode(action.get("value"))
        answer = _clarify(services, state) or _direct(services, "explain", state)
        if answer is None:
            respond_message(respond, button_expired())
            return
        channel = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
        thread_ts = (body.get("container") or {}).get("thread_ts")
        post_message(client, channel, without_share(answer.message), thread_ts=thread_ts)
        respond_message(respond, shared())
        log_handled("share", started, answer)

    @app.action(prefix_pattern(FEEDBACK_UP))
    @app.action(prefix_pattern(FEEDBACK_DOWN))
    def feedback(ack: Ack, action: dict[str, Any], respond: Respond) -> None:
        ack()
        started = time.perf_counter()
        helpful = action["action_id"].startswith(FEEDBACK_UP)
        # Issue 6 stores the vote in the question log; until then it is only logged.
        respond_message(respond, thanks_for_feedback(helpful))
        log_handled("feedback", started, helpful=str(helpful).lower())

    @app.action(prefix_pattern(SITUATION_OPEN))
    def situation(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        started = time.perf_counter()
        open_situation_check(client, body["trigger_id"], services)
        log_handled("situation_open", started)


def _answer_button(services: Services, name: str, recompute: Recompute) -> Callable[..., None]:
    def answer_button(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond
    ) -> None:
        ack()
        started = time.perf_counter()
        answer = recompute(services, decode(action.get("value")))
        thread_ts = (body.get("container") or {}).get("thread_ts")
        if answer is None:
            respond_message(respond, button_expired(), thread_ts=thread_ts)
            log_handled(name, started, expired="1")
            return
        respond_message(respond, answer.message, thread_ts=thread_ts)
        log_handled(name, started, answer)

    answer_button.__name__ = f"button_{name}"
    return answer_button
