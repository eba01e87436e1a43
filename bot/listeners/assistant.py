"""Slack's assistant panel: a greeting with suggested questions when a thread starts.

The adviser's messages in the panel arrive as direct messages in a thread, so
`listeners.events` answers them (with a typing status) like any DM.
"""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.questions import refuse
from bot.services import Services, log_handled
from responses.slack_replies import SUGGESTED_PROMPTS, assistant_greeting


def register(app: App, services: Services) -> None:
    @app.event("assistant_thread_started")
    def thread_started(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        started = time.perf_counter()
        thread = event["assistant_thread"]
        channel, thread_ts = thread["channel_id"], thread["thread_ts"]
        verdict = services.access.check_request(client, body, context)
        if not verdict.allowed:  # no suggestions: the panel is for internal questions
            notice = refuse(services, verdict, "assistant").text
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=notice)
            log_handled("assistant", started, None, **verdict.log_fields())
            return
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=assistant_greeting())
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel,
            thread_ts=thread_ts,
            title="Probeer bijvoorbeeld",
            prompts=[{"title": title, "message": text} for title, text in SUGGESTED_PROMPTS],
        )
        log_handled("assistant", started)

    @app.event("assistant_thread_context_changed")
    def context_changed() -> None:
        """The adviser switched channels with the panel open; answers do not depend on that."""
