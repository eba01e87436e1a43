"""Every message the Slack app sends, made to fit: split where `responses.limits` would cut.

`responses.limits.fit` keeps an answer to one message. A surface that can send several
(a reply in a thread, a `response_url`) uses `enforce_limits`, which keeps every block: per-block
limits come from `limits.fit_blocks`, then the blocks are spread over messages of at most 50,
each with its own plain `text` fallback. Broadcasts (`<!channel>`, `<!here>`, `<!everyone>`,
group mentions) never get through, even when a builder forgot to escape user text.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from responses.format import escape_mrkdwn
from responses.limits import MAX_BLOCKS, MAX_TEXT, MAX_VIEW_BLOCKS, clip, fit_blocks, split_text
from responses.message import Block, Message

CONTINUED = "(vervolg)"
_BROADCAST = re.compile(r"<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^[A-Za-z0-9]+(\|[^>]*)?>")


def neutralise_broadcasts(text: str) -> str:
    """`<!channel>` and friends as literal text; our own links (`<https://…|x>`) stay links."""
    return _BROADCAST.sub(lambda match: escape_mrkdwn(match.group(0)), text)


def enforce_limits(message: Message) -> list[Message]:
    """The message as one or more messages within Slack's limits, each with a `text`."""
    blocks = fit_blocks(_without_broadcasts(message.blocks), max_blocks=sys.maxsize)
    text = neutralise_broadcasts(message.text.strip()) or _plain_of(blocks) or CONTINUED
    if not blocks:
        return [Message(piece) for piece in split_text(text, MAX_TEXT)]
    chunks = [blocks[i : i + MAX_BLOCKS] for i in range(0, len(blocks), MAX_BLOCKS)]
    messages = [Message(clip(text, MAX_TEXT), chunks[0])]
    for chunk in chunks[1:]:
        messages.append(Message(clip(f"{CONTINUED} {_plain_of(chunk)}", MAX_TEXT), chunk))
    return messages


def enforce_view_limits(view: dict[str, Any]) -> dict[str, Any]:
    """A modal or Home tab within the limits (100 blocks, 24-character title)."""
    fitted = dict(view)
    fitted["blocks"] = fit_blocks(_without_broadcasts(view.get("blocks", [])), MAX_VIEW_BLOCKS)
    for key in ("title", "submit", "close"):
        if isinstance(view.get(key), dict):
            fitted[key] = {**view[key], "text": clip(view[key]["text"], 24)}
    if "private_metadata" in view:
        fitted["private_metadata"] = view["private_metadata"][:3000]
    return fitted


def _without_broadcasts(value: Any) -> Any:
    """A copy of blocks in which every mrkdwn text has its broadcasts neutralised."""
    if isinstance(value, list):
        return [_without_broadcasts(item) for item in value]
    if isinstance(value, dict):
        copied = {key: _without_broadcasts(item) for key, item in value.items()}
        if copied.get("type") == "mrkdwn" and isinstance(copied.get("text"), str):
            copied["text"] = neutralise_broadcasts(copied["text"])
        return copied
    return value


def _plain_of(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict) and text.get("text"):
            parts.append(text["text"])
        parts.extend(item.get("text", "") for item in block.get("fields", []))
    return "\n".join(part for part in parts if part)
