"""`/toolbox <vraag>` and its subcommands, answered ephemerally through the response_url."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.listeners.views import open_situation_check
from bot.replies import respond_message
from bot.services import Services, log_handled
from bot.subcommands import CHANGE, SITUATION, command_query, parse_command
from responses.ids import COMMAND
from responses.slack_replies import change_not_available


def register(app: App, services: Services) -> None:
    @app.command(COMMAND)
    def toolbox(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        started = time.perf_counter()
        parsed = parse_command(command.get("text", ""))
        if parsed.kind == SITUATION:
            open_situation_check(client, command["trigger_id"], services)
            log_handled("command", started, sub=parsed.kind)
            return
        if parsed.kind == CHANGE:
            coordinator = services.is_coordinator(command["user_id"])
            respond_message(respond, change_not_available(coordinator))
            log_handled("command", started, sub=parsed.kind)
            return
        answer = services.assistant.answer(command_query(services.assistant, parsed))
        respond_message(respond, answer.message)
        log_handled("command", started, answer, sub=parsed.kind)
