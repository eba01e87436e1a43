"""The announcement outbox: every announcement is posted once, whatever fails on the way.

An entry is recorded in the same transaction as the change it announces. Draining it:

1. marks the entry "sending" (committed before anything leaves the process);
2. posts it, carrying the entry's id in the message's metadata;
3. marks it "sent" with the message's timestamp.

A Slack error that says the message was not posted (a rate limit, a refused request) sets the
entry back to "pending" with a later attempt time. When the outcome is unknown (a server error,
a dropped connection, or a crash between 2 and 3) the entry stays "sending", and the next drain
first asks the channel's history for a message with that metadata before posting again.

The sender is an interface, so this module knows nothing of Slack.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils

from catalogue.today import AMSTERDAM

log = logging.getLogger("catalogue.outbox")

EVENT_TYPE = "toolbox_announcement"
"""The metadata `event_type` of every announcement message."""

PENDING = "pending"
SENDING = "sending"
SENT = "sent"

FIRST_BACKOFF = dt.timedelta(seconds=5)
MAX_BACKOFF = dt.timedelta(hours=1)
DRAIN_BATCH = 20
"""At most this many entries per drain; the next tick takes the rest."""


class SendFailure(Exception):
    """A post failed. `posted_unknown` when it may have reached the channel anyway."""

    def __init__(
        self, code: str, retry_after: float | None = None, posted_unknown: bool = False
    ) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after
        self.posted_unknown = posted_unknown


class Sender(Protocol):
    """Posts an entry and finds it again by its metadata."""

    def post(self, entry: Entry) -> str:
        """Post the entry; returns the message's timestamp, or raises SendFailure."""
        ...

    def find(self, entry: Entry) -> str | None:
        """The timestamp of a message already carrying this entry's metadata, or None."""
        ...


@dataclass(frozen=True)
class Entry:
    id: int
    key: str
    channel: str
    payload: dict[str, Any]
    status: str
    attempts: int
    created_at: dt.datetime
    ts: str | None
    last_error: str | None

    def metadata(self) -> dict[str, Any]:
        """Slack message metadata that identifies this entry in the channel's history."""
        return {"event_type": EVENT_TYPE, "event_payload": {"outbox_id": self.id, "key": self.key}}


@dataclass(frozen=True)
class DrainReport:
    sent: list[int]
    found: list[int]
    failed: list[int]


def _now() -> dt.datetime:
    return dt.datetime.now(AMSTERDAM)


def _utc(moment: dt.datetime) -> str:
    """Stored times are UTC, so they compare as text across summer and winter time."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


class Outbox:
    """Entries in the `outbox` table of the live database, and their acknowledgements."""

    def __init__(self, db: sqlite_utils.Database, clock: Callable[[], dt.datetime] = _now) -> None:
        self.db = db
        self.clock = clock
        self._draining = threading.Lock()
        _create_tables(db)

    # -- recording -------------------------------------------------------------------------

    def add(self, key: str, channel: str, payload: dict[str, Any]) -> int:
        """Record an entry inside the caller's transaction; a known key gives the same id."""
        found = self.db.execute("select id from outbox where key = ?", [key]).fetchone()
        if found:
            return int(found[0])
        now = _utc(self.clock())
        cursor = self.db.conn.execute(
            "insert into outbox (key, channel, payload, status, attempts, next_attempt_at,"
            " created_at) values (?, ?, ?, ?, 0, ?, ?)",
            [key, channel, json.dumps(payload, ensure_ascii=False), PENDING, now, now],
        )
        return int(cursor.lastrowid or 0)

    def enqueue(self, key: str, channel: str, payload: dict[str, Any]) -> int:
        """`add` in a transaction of its own."""
        with self.db.conn:
            return self.add(key, channel, payload)

    # -- draining --------------------------------------------------------------------------

    def drain(self, sender: Sender) -> DrainReport:
        """Post every entry that is due. Only one drain runs at a time in this process."""
        report = DrainReport([], [], [])
        if not self._draining.acquire(blocking=False):
            return report
        try:
            for entry in self.due():
                self._drain_one(sender, entry, report)
        finally:
            self._draining.release()
        return report

    def due(self) -> list[Entry]:
        rows = self.db.execute(
            f"select {_COLUMNS} from outbox where status in (?, ?) and next_attempt_at <= ?"
            " order by id limit ?",
            [PENDING, SENDING, _utc(self.clock()), DRAIN_BATCH],
        ).fetchall()
        return [_entry(row) for row in rows]

    def _drain_one(self, sender: Sender, entry: Entry, report: DrainReport) -> None:
        try:
            if entry.status == SENDING:
                ts = sender.find(entry)
                if ts is not None:
                    self._mark_sent(entry.id, ts)
                    report.found.append(entry.id)
                    log.info("outbox=%s already posted, marked sent", entry.id)
                    return
            self._mark_sending(entry.id)
            ts = sender.post(entry)
        except SendFailure as failure:
            self._mark_failed(entry, failure)
            report.failed.append(entry.id)
            return
        self._mark_sent(entry.id, ts)
        report.sent.append(entry.id)
        log.info("outbox=%s posted", entry.id)

    def _mark_sending(self, entry_id: int) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "update outbox set status = ?, attempts = attempts + 1 where id = ?",
                [SENDING, entry_id],
            )

    def _mark_sent(self, entry_id: int, ts: str) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "update outbox set status = ?, ts = ?, sent_at = ?, last_error = null where id = ?",
                [SENT, ts, _utc(self.clock()), entry_id],
            )

    def _mark_failed(self, entry: Entry, failure: SendFailure) -> None:
        attempts = entry.attempts + 1
        if failure.retry_after is not None:
            wait = dt.timedelta(seconds=failure.retry_after)
        else:
            wait = min(FIRST_BACKOFF * 2 ** (attempts - 1), MAX_BACKOFF)
        later = _utc(self.clock() + wait)
        status = SENDING if failure.posted_unknown else PENDING
        with self.db.conn:
            self.db.conn.execute(
                "update outbox set status = ?, next_attempt_at = ?, last_error = ? where id = ?",
                [status, later, failure.code, entry.id],
            )
        log.warning(
            "outbox=%s not posted (%s, attempt %s); next try in %ss",
            entry.id,
            failure.code,
            attempts,
            int(wait.total_seconds()),
        )

    # -- reading ---------------------------------------------------------------------------

    def get(self, entry_id: int) -> Entry | None:
        row = self.db.execute(f"select {_COLUMNS} from outbox where id = ?", [entry_id]).fetchone()
        return _entry(row) if row else None

    def entries(self, status: str | None = None) -> list[Entry]:
        sql = f"select {_COLUMNS} from outbox"
        args: list[Any] = []
        if status is not None:
            sql += " where status = ?"
            args.append(status)
        return [_entry(row) for row in self.db.execute(sql + " order by id", args).fetchall()]

    # -- "Gelezen" -------------------------------------------------------------------------

    def acknowledge(self, entry_id: int, user: str) -> bool:
        """Record that `user` read the entry; False when they had already said so."""
        with self.db.conn:
            cursor = self.db.conn.execute(
                "insert or ignore into acknowledgements (outbox_id, user_id, at) values (?, ?, ?)",
                [entry_id, user, _utc(self.clock())],
            )
        return cursor.rowcount == 1

    def readers(self, entry_id: int) -> list[str]:
        rows = self.db.execute(
            "select user_id from acknowledgements where outbox_id = ? order by at, rowid",
            [entry_id],
        ).fetchall()
        return [row[0] for row in rows]

    def read_count(self, entry_id: int) -> int:
        row = self.db.execute(
            "select count(*) from acknowledgements where outbox_id = ?", [entry_id]
        ).fetchone()
        return int(row[0])


_COLUMNS = "id, key, channel, payload, status, attempts, created_at, ts, last_error"


def _entry(row: Any) -> Entry:
    return Entry(
        id=row[0],
        key=row[1],
        channel=row[2],
        payload=json.loads(row[3]),
        status=row[4],
        attempts=row[5],
        created_at=dt.datetime.fromisoformat(row[6]),
        ts=row[7],
        last_error=row[8],
    )


def _create_tables(db: sqlite_utils.Database) -> None:
    with db.conn:
        db.conn.execute(
            "create table if not exists outbox ("
            " id integer primary key autoincrement, key text not null unique,"
            " channel text not null, payload text not null, status text not null,"
            " attempts integer not null default 0, next_attempt_at text not null,"
            " created_at text not null, sent_at text, ts text, last_error text)"
        )
        db.conn.execute(
            "create table if not exists acknowledgements ("
            " outbox_id integer not null, user_id text not null, at text not null,"
            " primary key (outbox_id, user_id))"
        )
