"""`/toolbox <vraag>` and its subcommands, answered ephemerally through the response_url."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.listeners.views import open_situation_check
from bot.questions import member_or_refused, recorder_of, reply_to_question
from bot.replies import respond_message
from bot.services import Services, log_handled
from bot.subcommands import CHANGE, SITUATION, command_query, parse_command
from responses.ids import COMMAND
from responses.slack_replies import change_not_available
from responses.stats import instrument_names, not_for_you, stats_message

STATS = "stats"


def register(app: App, services: Services) -> None:
    def is_stats(body: dict[str, Any]) -> bool:
        return (body.get("text") or "").strip().lower() in (STATS, "statistieken")

    @app.command(COMMAND, matchers=[is_stats])
    def stats(
        ack: Ack,
        body: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        if not member_or_refused(
            services, body, client, context, respond, "command", started, sub=STATS
        ):
            return
        if not services.is_coordinator(body["user_id"]):
            respond_message(respond, not_for_you())
            log_handled("command", started, sub=STATS, refused="not_coordinator")
            return
        stats = recorder_of(services).stats()
        names = instrument_names(services.catalogue)
        respond_message(respond, stats_message(stats, names, services.settings.toolbox_log_days))
        log_handled("command", started, sub=STATS)

    @app.command(COMMAND)
    def toolbox(
        ack: Ack,
        command: dict[str, Any],
        respond: Respond,
        client: WebClient,
        context: BoltContext,
    ) -> None:
        ack()
        started = time.perf_counter()
        verdict = services.access.check_request(client, command, context)
        parsed = parse_command(command.get("text", ""))
        if parsed.kind == SITUATION and verdict.allowed:
            open_situation_check(client, command["trigger_id"], services)
            log_handled("command", started, sub=parsed.kind)
            return
        if parsed.kind == CHANGE:
            coordinator = services.is_coordinator(command["user_id"])
            respond_message(respond, change_not_available(coordinator))
            log_handled("command", started, sub=parsed.kind)
            return
        query = command_query(services.assistant, parsed)
        typed = command.get("text", "")
        message, answer = reply_to_question(services, verdict, query, typed, "command")
        respond_message(respond, message)
        log_handled("command", started, answer, sub=parsed.kind, **verdict.log_fields())
