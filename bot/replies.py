"""Sending a Message to Slack: always within the limits, always with a `text` fallback."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from responses.guard import enforce_limits
from responses.ids import SHARE
from responses.message import Message


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
        respond(
            text=part.text,
            blocks=part.blocks or None,
            response_type=response_type,
            replace_original=replace_original and n == 0,
            **extra,
        )


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
