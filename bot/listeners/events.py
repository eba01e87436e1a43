"""Mentions in channels (answered in the thread) and direct messages (answered in the DM)."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.conversations import Conversations
from bot.pipeline import Answer
from bot.questions import reply_to_question
from bot.replies import post_message
from bot.services import Services, log_handled
from catalogue.query import Query
from intents.followup import follow_up, remember

log = logging.getLogger("bot.listeners.events")
_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")
SEARCHING = "zoekt in de Toolbox…"


def question_of(text: object) -> str:
    """The question in a message, without mentions of the bot (or anyone).

    A payload with a missing or wrongly typed text (a number, null) is read as text, so it
    gets an answer instead of an error.
    """
    typed = text if isinstance(text, str) else "" if text is None else str(text)
    return " ".join(_MENTION.sub(" ", typed).split())


def from_a_bot(event: dict[str, Any], context: BoltContext) -> bool:
    """Bots' messages (ours and others'), in the modern and the classic form."""
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype") == "bot_message"
        or (context.bot_user_id and event.get("user") == context.bot_user_id)
    )


def register(app: App, services: Services) -> None:
    @app.event("app_mention")
    def mention(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if from_a_bot(event, context):
            return
        started = time.perf_counter()
        verdict = services.access.check_request(client, body, context)
        question = question_of(event.get("text", ""))
        thread_ts = event.get("thread_ts") or event["ts"]
        conversation = Conversations.key(event["channel"], event.get("thread_ts"))
        query = understand_in(services, question, conversation)
        message, answer = reply_to_question(services, verdict, query, question, "mention")
        remember_in(services, conversation, answer)
        post_message(client, event["channel"], message, thread_ts=thread_ts)
        log_handled("mention", started, answer, **verdict.log_fields())

    @app.event("message")
    def message(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        # Edits, deletions, joins and bots' posts are events too; only a person's new DM is a
        # question. Everything is acked, so Slack does not retry what we ignore on purpose.
        if event.get("channel_type") != "im" or event.get("subtype") or from_a_bot(event, context):
            log.debug("ignored message subtype=%s", event.get("subtype"))
            return
        started = time.perf_counter()
        thread_ts = event.get("thread_ts")
        verdict = services.access.check_request(client, body, context)
        if thread_ts and verdict.allowed:
            show_typing(client, event["channel"], thread_ts)
        question = question_of(event.get("text", ""))
        conversation = Conversations.key(event["channel"], thread_ts)
        query = understand_in(services, question, conversation)
        reply, answer = reply_to_question(services, verdict, query, question, "dm")
        remember_in(services, conversation, answer)
        post_message(client, event["channel"], reply, thread_ts=thread_ts)
        log_handled("dm", started, answer, **verdict.log_fields())


def understand_in(services: Services, question: str, conversation: str) -> Query:
    """The question, completed by what this conversation was last about if it follows up."""
    query = services.assistant.understand(question)
    return follow_up(query, services.conversations.previous(conversation))


def remember_in(services: Services, conversation: str, answer: Answer | None) -> None:
    if answer is not None:
        previous = remember(answer.query, answer.finding.instrument_ids)
        services.conversations.remember(conversation, previous)


def show_typing(client: WebClient, channel: str, thread_ts: str) -> None:
    """The assistant panel's "is typing" status; cosmetic, so a failure is only logged."""
    try:
        client.assistant_threads_setStatus(
            channel_id=channel, thread_ts=thread_ts, status=SEARCHING
        )
    except SlackApiError as error:
        log.debug("no typing status: %s", error.response.get("error"))
