"""The small state a button carries in its `value`: what was asked, never the whole answer.

Slack allows 2000 characters in a button value; the question is cut to fit, and everything
else is recomputed from the catalogue when the button is pressed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

MAX_VALUE = 2000
MAX_QUESTION = 1200


def encode(
    instruments: list[str] | tuple[str, ...] = (),
    municipality: str | None = None,
    on: dt.date | None = None,
    question: str | None = None,
    **extra: Any,
) -> str:
    state: dict[str, Any] = {"i": list(instruments)[:6]}
    if municipality:
        state["g"] = municipality
    if on:
        state["op"] = on.isoformat()
    if question:
        state["q"] = question[:MAX_QUESTION]
    state.update(extra)
    value = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    while len(value) > MAX_VALUE and state.get("q"):
        state["q"] = state["q"][: len(state["q"]) // 2]
        value = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return value


def decode(value: str | None) -> dict[str, Any]:
    """The state of a button; an empty dict when the value is missing or not ours."""
    try:
        state = json.loads(value or "")
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def state_date(state: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(state["op"]))
    except (KeyError, ValueError):
        return None
