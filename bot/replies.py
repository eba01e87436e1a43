"""Sending a Message to Slack: always within the limits, always with a `text` fallback."""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from responses.guard import enforce_limits
from responses.ids import SHARE
from responses.message import Message

log = logging.getLogger("bot.replies")

RESPOND_ATTEMPTS = 5
RESPOND_MAX_WAIT = 10.0
"""A response_url that answers 429, 5xx or not at all is tried again, waiting 1, 2, 4 and 8 s
(or as long as Retry-After says, at most this long), so a blip at Slack loses no answer."""
_RETRY_STATUSES = {429, 500, 502, 503, 504}


def respond_message(
    respond: Respond,
    message: Message,
    response_type: str = "ephemeral",
    replace_original: bool = False,
    thread_ts: str | None = None,
) -> None:
    """Answer through a `response_url` (works in any conversation, also without membership)."""
    for n, part in enumerate(enforce_limits(message)):
        extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        _deliver(
            respond,
            text=part.text,
            blocks=part.blocks or None,
            response_type=response_type,
            replace_original=replace_original and n == 0,
            **extra,
        )


def _deliver(respond: Respond, **fields: Any) -> None:
    """One post to the response_url, tried again after a rate limit, a server error or a
    dropped connection. Bolt's `respond` returns those failures (or raises after one quick
    retry) instead of waiting them out, which silently lost the answer (tests/hardening)."""
    failure = ""
    for attempt in range(1, RESPOND_ATTEMPTS + 1):
        wait = float(2 ** (attempt - 1))
        try:
            response = respond(**fields)
        except OSError as error:  # refused, reset, timed out (URLError is an OSError)
            failure = type(error).__name__
        else:
            status = getattr(response, "status_code", 200)
            if not isinstance(status, int) or status < 400:
                return
            failure = f"HTTP {status}"
            if status not in _RETRY_STATUSES:
                break
            wait = _retry_after(response) or wait
        if attempt < RESPOND_ATTEMPTS:
            time.sleep(min(wait, RESPOND_MAX_WAIT))
    log.warning("an answer did not reach its response_url: %s", failure)


def _retry_after(response: Any) -> float | None:
    headers = {str(k).lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return float(str(value)) if value is not None else None
    except (TypeError, ValueError):
        return None


def post_message(
    client: WebClient, channel: str, message: Message, thread_ts: str | None = None
) -> None:
    """Post in a conversation (the bot must be a member), in a thread when `thread_ts` is set."""
    for part in enforce_limits(message):
        client.chat_postMessage(
            channel=channel, text=part.text, blocks=part.blocks or None, thread_ts=thread_ts
        )


def without_share(message: Message) -> Message:
    """A copy for posting in a channel: "share" makes no sense on a message already shared."""
    blocks = []
    for block in message.blocks:
        if block.get("type") == "actions":
            elements = [
                e for e in block.get("elements", []) if not e.get("action_id", "").startswith(SHARE)
            ]
            if not elements:
                continue
            block = {**block, "elements": elements}
        blocks.append(block)
    return Message(message.text, blocks)
