"""Shortcuts: "Vraag de Toolbox" on any message, and the situation check from anywhere."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.events import question_of
from bot.listeners.views import open_situation_check
from bot.questions import refuse, reply_to_question
from bot.replies import respond_message
from bot.services import Services, log_handled
from responses.access import refused_modal
from responses.ids import ASK_SHORTCUT, SITUATION_OPEN
from responses.slack_replies import no_text_in_message


def register(app: App, services: Services) -> None:
    @app.shortcut(ASK_SHORTCUT)
    def ask_about_message(
        ack: Ack,
        shortcut: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        question = question_of((shortcut.get("message") or {}).get("text", ""))
        if not question:
            respond_message(respond, no_text_in_message())
            log_handled("shortcut", started, empty="1")
            return
        verdict = services.access.check_request(client, shortcut, context)
        query = services.assistant.understand(question)
        message, answer = reply_to_question(services, verdict, query, question, "shortcut")
        respond_message(respond, message)
        log_handled("shortcut", started, answer, **verdict.log_fields())

    @app.shortcut(SITUATION_OPEN)
    def situation_check(
        ack: Ack, shortcut: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        started = time.perf_counter()
        verdict = services.access.check_request(client, shortcut, context)
        if not verdict.allowed:
            notice = refuse(services, verdict, "situation_open").text
            client.views_open(trigger_id=shortcut["trigger_id"], view=refused_modal(notice))
            log_handled("situation_open", started, None, **verdict.log_fields())
            return
        open_situation_check(client, shortcut["trigger_id"], services)
        log_handled("situation_open", started)
