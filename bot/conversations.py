"""What each conversation's last answer was about, so a follow-up can borrow its subject.

Keyed by channel and thread; holds only parsed fields (intent, instrument ids, target group,
municipality), never question text, and forgets after half an hour.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from intents.followup import Previous

CONVERSATION_TTL_SECONDS = 30 * 60
MAX_CONVERSATIONS = 10_000


class Conversations:
    def __init__(
        self,
        ttl: float = CONVERSATION_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self._clock = clock
        self._last: OrderedDict[str, tuple[float, Previous]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(channel: str, thread_ts: str | None) -> str:
        return f"{channel}:{thread_ts or ''}"

    def previous(self, key: str) -> Previous | None:
        with self._lock:
            found = self._last.get(key)
            if found is None or found[0] < self._clock():
                self._last.pop(key, None)
                return None
            return found[1]

    def remember(self, key: str, previous: Previous) -> None:
        with self._lock:
            self._last[key] = (self._clock() + self.ttl, previous)
            self._last.move_to_end(key)
            while len(self._last) > MAX_CONVERSATIONS:
                self._last.popitem(last=False)
