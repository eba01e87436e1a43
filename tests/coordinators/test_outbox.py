"""The outbox on its own: once and only once, whatever the sender does."""

from __future__ import annotations

import datetime as dt

from catalogue.outbox import PENDING, SENDING, SENT, Entry, Outbox, SendFailure
from catalogue.store import open_db
from tests.coordinators.conftest import Clock


class FakeChannel:
    """A sender with a script of failures; `lost` posts arrive but report a server error."""

    def __init__(self, *script: str) -> None:
        self.script = list(script)
        self.messages: dict[int, str] = {}
        self.posts = 0
        self.finds = 0

    def post(self, entry: Entry) -> str:
        self.posts += 1
        step = self.script.pop(0) if self.script else "ok"
        if step == "429":
            raise SendFailure("ratelimited", retry_after=30)
        if step == "refused":
            raise SendFailure("not_in_channel")
        if step == "lost":
            self.messages[entry.id] = f"{self.posts}.0"
            raise SendFailure("internal_error", posted_unknown=True)
        if step == "down":
            raise SendFailure("internal_error", posted_unknown=True)
        self.messages[entry.id] = f"{self.posts}.0"
        return self.messages[entry.id]

    def find(self, entry: Entry) -> str | None:
        self.finds += 1
        return self.messages.get(entry.id)


def outbox(clock: Clock) -> Outbox:
    return Outbox(open_db(":memory:"), clock=clock)


def test_an_entry_is_posted_once_and_a_key_recorded_once() -> None:
    clock = Clock()
    box = outbox(clock)
    first = box.enqueue("proposal:1", "C1", {"a": 1})
    assert box.enqueue("proposal:1", "C1", {"a": 1}) == first
    channel = FakeChannel()

    box.drain(channel)
    box.drain(channel)

    assert channel.posts == 1 and box.get(first).status == SENT


def test_a_rate_limit_waits_as_long_as_slack_says() -> None:
    clock = Clock()
    box = outbox(clock)
    entry_id = box.enqueue("k", "C1", {})
    channel = FakeChannel("429")

    box.drain(channel)
    clock.advance(seconds=29)
    box.drain(channel)
    assert (channel.posts, box.get(entry_id).status) == (1, PENDING)
    clock.advance(seconds=1)
    box.drain(channel)

    assert (channel.posts, channel.finds, box.get(entry_id).status) == (2, 0, SENT)


def test_a_post_that_arrived_despite_an_error_is_found_not_repeated() -> None:
    clock = Clock()
    box = outbox(clock)
    entry_id = box.enqueue("k", "C1", {})
    channel = FakeChannel("lost")

    box.drain(channel)
    assert box.get(entry_id).status == SENDING
    clock.advance(minutes=1)
    box.drain(channel)

    assert channel.posts == 1 and channel.finds == 1
    assert box.get(entry_id).status == SENT and box.get(entry_id).ts == "1.0"


def test_a_refused_post_is_retried_later_with_growing_waits() -> None:
    clock = Clock()
    box = outbox(clock)
    entry_id = box.enqueue("k", "C1", {})
    channel = FakeChannel("refused", "down", "refused")

    for _ in range(3):
        box.drain(channel)
        clock.advance(hours=1)
    box.drain(channel)

    entry = box.get(entry_id)
    assert entry is not None
    assert (channel.posts, entry.status, entry.attempts) == (4, SENT, 4)


def test_stored_times_compare_across_summer_and_winter_time() -> None:
    summer, winter = dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=1))
    clock = Clock(dt.datetime(2026, 10, 25, 2, 59, tzinfo=summer))
    box = outbox(clock)
    entry_id = box.enqueue("k", "C1", {})
    channel = FakeChannel("429")
    box.drain(channel)

    clock.now = dt.datetime(2026, 10, 25, 2, 0, tzinfo=winter)  # one minute later, in real time
    box.drain(channel)

    assert box.get(entry_id).status == SENT


def test_acknowledgements_are_unique_per_reader() -> None:
    box = outbox(Clock())
    entry_id = box.enqueue("k", "C1", {})

    assert box.acknowledge(entry_id, "U1") is True
    assert box.acknowledge(entry_id, "U1") is False
    assert box.acknowledge(entry_id, "U2") is True

    assert box.read_count(entry_id) == 2 and box.readers(entry_id) == ["U1", "U2"]
