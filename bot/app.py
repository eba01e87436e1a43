"""The Bolt app: one factory that builds it from the settings, with every listener registered."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.dedup import delivery_keys
from bot.errors import log_failure, user_text_for
from bot.listeners import register_listeners
from bot.questions import recorder_of
from bot.services import Services, build_services
from bot.settings import Settings

log = logging.getLogger("bot.app")

BOT_SCOPES = (
    "app_mentions:read",
    "assistant:write",
    "chat:write",
    "commands",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
    "files:write",
)
"""The bot token scopes the app uses; manifest.yaml lists exactly these (a test checks).

The history scopes let the announcement outbox look in the updates channel before posting
again after a crash, so an announcement is never doubled."""
LISTENER_THREADS = 16
MAX_RETRIES = 2


def make_client(settings: Settings) -> WebClient:
    """A Web API client that retries rate limits, server errors and dropped connections."""
    return WebClient(
        token=settings.secret("slack_bot_token") or None,
        base_url=settings.slack_api_url or WebClient.BASE_URL,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
            RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ],
    )


def create_app(
    settings: Settings,
    client: WebClient | None = None,
    services: Services | None = None,
    process_before_response: bool = False,
) -> App:
    """The Bolt app with every listener. `client` defaults to one built from the settings.

    `process_before_response=True` runs each listener before the request returns (the console
    uses it to print the answer right after the line was typed); Slack-facing modes ack first.
    """
    services = services or build_services(settings)
    recorder_of(services)  # opens the question log and deletes what is past its days
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.secret("slack_signing_secret"),
        process_before_response=process_before_response,
        listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="listener"),
        logger=logging.getLogger("slack_bolt.App"),
    )
    app.use(_keep_acks)
    app.use(_answer_each_delivery_once(services))
    app.error(_tell_the_user)
    register_listeners(app, services)
    return app


class _KeptAck(Ack):
    """An ack that stays given once given.

    When a listener fails after `ack()`, Bolt's thread runner (slack_bolt 1.30,
    `ThreadListenerRunner.run`) sets `ack.response` back to None; if the request thread had not
    seen the ack yet, Slack got a 404 after three seconds and showed its own error next to ours.
    """

    @property
    def response(self) -> BoltResponse | None:
        return self.__dict__.get("_kept")

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is not None or self.__dict__.get("_kept") is None:
            self.__dict__["_kept"] = value


def _keep_acks(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse | None:
    """Give the listeners a `_KeptAck` (Bolt made a plain one while building our arguments)."""
    ack = context.get("ack")
    if not isinstance(ack, _KeptAck) and (ack is None or ack.response is None):
        context["ack"] = _KeptAck()
    return next()


def _answer_each_delivery_once(services: Services) -> Callable[..., Any]:
    """Drop redeliveries (event retries, a message seen twice) after the signature check."""

    def deduplicate(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse | None:
        if services.dedup.claim(delivery_keys(body)):
            return next()
        log.info("handled surface=%s duplicate=1", surface_of(body))
        return BoltResponse(status=200, body="")

    return deduplicate


def surface_of(body: dict[str, Any]) -> str:
    """A short name for where a request came from, for log lines."""
    if body.get("command"):
        return "command"
    if body.get("type") == "event_callback":
        return str((body.get("event") or {}).get("type", "event"))
    return str(body.get("type", "unknown"))


def _tell_the_user(error: Exception, body: dict[str, Any], context: BoltContext) -> None:
    """The one error handler: log for the admin, a Dutch sentence for the user, never the error."""
    log_failure(error, surface_of(body))
    text = user_text_for(error)
    try:
        if context.respond is not None and context.respond.response_url:
            context.respond(text=text, response_type="ephemeral", replace_original=False)
            return
        event = body.get("event") or {}
        channel, user = event.get("channel"), event.get("user")
        if channel and user and context.client is not None:
            thread_ts = event.get("thread_ts") or (event.get("ts") if channel[0] != "D" else None)
            context.client.chat_postMessage(channel=channel, text=text, thread_ts=thread_ts)
    except Exception:  # the user cannot be told; the log line above is what remains
        log.warning("could not tell the user about an error on %s", surface_of(body), exc_info=True)
