"""Remembering which deliveries were already handled, so a retry is answered once.

Slack redelivers an event when the first delivery was slow or failed (HTTP adds
`X-Slack-Retry-Num`, Socket Mode hides it), and the same message can reach the app twice. The
keys are the `event_id` and, for messages, `channel` + `ts`; both are present in either mode.
The store lives in this process: one `toolbox serve` per workspace is the supported set-up.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

DEFAULT_TTL_SECONDS = 15 * 60
"""Slack's last retry comes about five minutes after the first delivery; keep keys longer."""


class TtlSet:
    """A thread-safe set whose members expire after `ttl` seconds."""

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        max_size: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self._clock = clock
        self._expires: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, keys: Iterable[str]) -> bool:
        """Record the keys; True when none of them was seen before (the caller goes ahead)."""
        keys = [k for k in keys if k]
        now = self._clock()
        with self._lock:
            self._expire(now)
            if any(k in self._expires for k in keys):
                return False
            for key in keys:
                self._expires[key] = now + self.ttl
            while len(self._expires) > self.max_size:
                self._expires.popitem(last=False)
            return True

    def __contains__(self, key: object) -> bool:
        with self._lock:
            self._expire(self._clock())
            return key in self._expires

    def __len__(self) -> int:
        with self._lock:
            return len(self._expires)

    def _expire(self, now: float) -> None:
        while self._expires:
            key, expires = next(iter(self._expires.items()))
            if expires > now:
                break
            del self._expires[key]


def delivery_keys(body: dict[str, Any]) -> list[str]:
    """The keys that identify one delivery of a request body, for both HTTP and Socket Mode.

    Events: `event_id`, and `channel`+`ts` for messages. Commands and interactions: the
    `trigger_id`, which Slack makes unique per user action (a retyped command gets a new one).
    """
    if body.get("type") == "event_callback":
        event = body.get("event") or {}
        keys = [f"event:{body.get('event_id')}"] if body.get("event_id") else []
        if event.get("type") in ("message", "app_mention") and event.get("ts"):
            # A mention in a channel arrives as app_mention and may also arrive as message.
            keys.append(f"message:{event.get('channel')}:{event['ts']}:{event['type']}")
        return keys
    trigger = body.get("trigger_id")
    if trigger:
        actions = body.get("actions") or [{}]
        return [f"trigger:{trigger}:{actions[0].get('action_ts', '')}"]
    return []
