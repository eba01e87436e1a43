"""Slack's limits, enforced in one place for every message the app builds.

Limits as Slack's documentation and the errors in real bots state them: at most 50 blocks in a
message (100 in a modal or Home tab), 3000 characters in a section text, 2000 in a field,
150 in a header, 75 in a button label, 2000 in a button value, 255 in an action_id, 25
elements in an actions block, and a top-level text of about 4000 characters.
"""

from __future__ import annotations

import copy
from typing import Any

from responses.message import Block, Message

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_ACTIONS = 25
MAX_FIELDS = 10
MAX_TEXT = 3900
MAX_CONTEXT_ELEMENTS = 10


def clip(text: str, limit: int) -> str:
    """Cut to `limit` characters with an ellipsis, on a word boundary where there is one."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Split long text into pieces of at most `limit`, preferring paragraph and line breaks."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    pieces.append(rest)
    return [p for p in pieces if p]


def _fix_element(element: dict[str, Any], seen_actions: set[str]) -> None:
    if element.get("type") == "button":
        element["text"]["text"] = clip(element["text"]["text"], MAX_BUTTON_TEXT)
        if len(element.get("value", "")) > MAX_BUTTON_VALUE:
            element["value"] = element["value"][:MAX_BUTTON_VALUE]
    action_id = element.get("action_id")
    if action_id:
        action_id = action_id[:MAX_ACTION_ID]
        base, number = action_id, 1
        while action_id in seen_actions:
            number += 1
            action_id = f"{base[: MAX_ACTION_ID - 4]}#{number}"
        element["action_id"] = action_id
        seen_actions.add(action_id)


def _fix_block(block: Block, seen_actions: set[str]) -> list[Block]:
    kind = block.get("type")
    if kind == "header":
        block["text"]["text"] = clip(block["text"]["text"], MAX_HEADER)
    if kind == "section":
        if "fields" in block:
            block["fields"] = block["fields"][:MAX_FIELDS]
            for item in block["fields"]:
                item["text"] = clip(item["text"], MAX_FIELD)
        if "accessory" in block:
            _fix_element(block["accessory"], seen_actions)
        text = block.get("text", {}).get("text")
        if text and len(text) > MAX_SECTION:
            accessory = block.pop("accessory", None)
            parts = split_text(text, MAX_SECTION)
            blocks = [
                {"type": "section", "text": {"type": block["text"]["type"], "text": part}}
                for part in parts
            ]
            if accessory:
                blocks[0]["accessory"] = accessory
            return blocks
    if kind == "actions":
        block["elements"] = block["elements"][:MAX_ACTIONS]
        for element in block["elements"]:
            _fix_element(element, seen_actions)
    if kind == "context":
        block["elements"] = block["elements"][:MAX_CONTEXT_ELEMENTS]
        for element in block["elements"]:
            if "text" in element:
                element["text"] = clip(element["text"], MAX_SECTION)
    return [block]


def fit_blocks(blocks: list[Block], max_blocks: int = MAX_BLOCKS) -> list[Block]:
    """A copy of `blocks` within every per-block limit, unique ids, and at most `max_blocks`."""
    fitted: list[Block] = []
    seen_actions: set[str] = set()
    block_ids: set[str] = set()
    for block in copy.deepcopy(blocks):
        for piece in _fix_block(block, seen_actions):
            block_id = piece.get("block_id")
            if block_id:
                while block_id in block_ids:
                    block_id = f"{block_id}_"
                piece["block_id"] = block_id
                block_ids.add(block_id)
            fitted.append(piece)
    if len(fitted) > max_blocks:
        actions = [b for b in fitted if b.get("type") == "actions"][-1:]
        room = max_blocks - len(actions) - 1
        fitted = [
            *[b for b in fitted if b.get("type") != "actions"][:room],
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": "Niet alles past in één bericht."}],
            },
            *actions,
        ]
    return fitted


def fit(message: Message) -> Message:
    """The message within Slack's limits, with a plain text fallback always present."""
    text = message.text.strip() or "Antwoord van de Toolbox-assistent"
    return Message(text=clip(text, MAX_TEXT), blocks=fit_blocks(message.blocks))
