"""Buttons under answers: details, factsheet, comparison, clarify options, share, feedback.

Every click is checked again (`bot.access`): a button may be pressed by someone else than the
person it was shown to, for example under an answer shared in a channel. The factsheet and its
PDF are for everyone; the other buttons give internal content and are refused to non-members.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.views import open_situation_check
from bot.pipeline import Answer, direct_query
from bot.questions import member_or_refused, recorder_of, refuse
from bot.replies import post_message, respond_message, without_share
from bot.services import Services, log_handled
from catalogue.today import today
from responses.access import refused_modal
from responses.coordinators import propose_button
from responses.factsheet import (
    Factsheet,
    factsheet_message,
    factsheet_pdf,
    pdf_shared,
    with_pdf_button,
)
from responses.ids import (
    CLARIFY,
    COMPARE,
    DETAILS,
    FACTSHEET,
    FACTSHEET_PDF,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    SHARE,
    SITUATION_OPEN,
    prefix_pattern,
)
from responses.message import Message
from responses.slack_replies import button_expired, shared, thanks_for_feedback
from responses.state import decode, state_date

log = logging.getLogger("bot.listeners.actions")

Recompute = Callable[[Services, dict[str, Any]], Answer | None]


def _details(services: Services, state: dict[str, Any]) -> Answer | None:
    """Details of an explanation, or every point of a comparison."""
    intent = "compare" if state.get("intent") == "compare" else "explain"
    return _direct(services, intent, state, details=True)


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


def _sheet(services: Services, state: dict[str, Any]) -> Factsheet | None:
    ids = [str(i) for i in state.get("i") or []]
    if not ids:
        return None
    return Factsheet.of(services.catalogue, ids[0], state_date(state) or today(), state.get("g"))


ANSWER_BUTTONS: dict[str, Recompute] = {
    DETAILS: _details,
    COMPARE: _compare,
    CLARIFY: _clarify,
}
"""Buttons whose internal answer goes back to the member who clicked (ephemeral)."""


def register(app: App, services: Services) -> None:
    for action_id, recompute in ANSWER_BUTTONS.items():
        app.action(prefix_pattern(action_id))(_answer_button(services, action_id, recompute))

    @app.action(prefix_pattern(FACTSHEET))
    def factsheet(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        verdict = services.access.check_request(client, body, context)
        state = decode(action.get("value"))
        sheet = _sheet(services, state)
        thread_ts = (body.get("container") or {}).get("thread_ts")
        answer = _direct(services, "factsheet", state) if verdict.allowed else None
        if sheet is None:
            respond_message(respond, button_expired(), thread_ts=thread_ts)
            log_handled(FACTSHEET, started, expired="1")
            return
        message = with_pdf_button(answer.message, sheet) if answer else factsheet_message(sheet)
        respond_message(respond, message, thread_ts=thread_ts)
        log_handled(FACTSHEET, started, answer, **verdict.log_fields())

    @app.action(prefix_pattern(FACTSHEET_PDF))
    def factsheet_as_pdf(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        """For everyone who sees a factsheet: the PDF holds nothing but the employer text."""
        ack()
        started = time.perf_counter()
        sheet = _sheet(services, decode(action.get("value")))
        container = body.get("container") or {}
        if sheet is None:
            respond_message(respond, button_expired(), thread_ts=container.get("thread_ts"))
            log_handled("factsheet_pdf", started, expired="1")
            return
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        if not channel:  # a Home tab has no conversation: the PDF goes to the DM with the app
            channel = client.conversations_open(users=body["user"]["id"])["channel"]["id"]
        client.files_upload_v2(
            channel=channel,
            thread_ts=container.get("thread_ts"),
            filename=sheet.filename,
            title=sheet.title,
            content=factsheet_pdf(sheet),
            initial_comment=pdf_shared(sheet),
        )
        log_handled("factsheet_pdf", started, instrument=sheet.instrument_id)

    @app.action(prefix_pattern(SHARE))
    def share(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        if not member_or_refused(services, body, client, context, respond, "share", started):
            return
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
    def feedback(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        # A vote from outside would skew what coordinators see.
        verdict = member_or_refused(services, body, client, context, respond, "feedback", started)
        if verdict is None:
            return
        helpful = action["action_id"].startswith(FEEDBACK_UP)
        state = decode(action.get("value"))
        recorder_of(services).vote("feedback", verdict.user, state, helpful)
        respond_message(respond, thanks_for_feedback(helpful))
        log_handled("feedback", started, helpful=str(helpful).lower())

    @app.action(prefix_pattern(SITUATION_OPEN))
    def situation(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        started = time.perf_counter()
        verdict = services.access.check_request(client, body, context)
        if not verdict.allowed:  # also from the Home tab, where no response_url exists
            notice = refuse(services, verdict, "situation_open").text
            client.views_open(trigger_id=body["trigger_id"], view=refused_modal(notice))
            log_handled("situation_open", started, None, **verdict.log_fields())
            return
        open_situation_check(client, body["trigger_id"], services)
        log_handled("situation_open", started)


def with_propose_button(message: Message, instrument_ids: list[str]) -> Message:
    """A coordinator's details carry "Wijziging voorstellen"; the click is checked again."""
    if not instrument_ids:
        return message
    block = {"type": "actions", "elements": [propose_button(instrument_ids[0])]}
    return Message(text=message.text, blocks=[*message.blocks, block])


def _answer_button(services: Services, name: str, recompute: Recompute) -> Callable[..., None]:
    def answer_button(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        thread_ts = (body.get("container") or {}).get("thread_ts")
        verdict = member_or_refused(
            services, body, client, context, respond, name, started, thread_ts
        )
        if verdict is None:
            return
        answer = recompute(services, decode(action.get("value")))
        if answer is None:
            respond_message(respond, button_expired(), thread_ts=thread_ts)
            log_handled(name, started, expired="1")
            return
        message = answer.message
        if name == DETAILS and services.is_coordinator(verdict.user or ""):
            message = with_propose_button(message, answer.finding.instrument_ids[:1])
        respond_message(respond, message, thread_ts=thread_ts)
        log_handled(name, started, answer)

    answer_button.__name__ = f"button_{name}"
    return answer_button
