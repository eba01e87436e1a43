"""The question log: what was asked (redacted), how it was understood, and how it ended.

Coordinators use it to improve the Toolbox: what is asked most, what went unanswered, what
got a "niet behulpzaam". It never holds a person's details: callers pass text through
`intents.redact.redact` and a pseudonymous user key; this module redacts once more to be
sure. Entries older than the retention period are deleted by `purge`.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from catalogue.store import _table
from intents.redact import redact

ANSWERED = "answered"
UNANSWERED = ("unknown", "clarify")


@dataclass
class Stats:
    questions: int = 0
    top_instruments: list[tuple[str, int]] = field(default_factory=list)
    top_intents: list[tuple[str, int]] = field(default_factory=list)
    unanswered: list[tuple[str, int]] = field(default_factory=list)
    unhelpful: list[tuple[str, int]] = field(default_factory=list)
    helpful_votes: int = 0
    unhelpful_votes: int = 0


class QuestionLog:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        _table(db, "question_log").create(
            {
                "id": int,
                "at": str,
                "kind": str,
                "user_key": str,
                "surface": str,
                "text": str,
                "intent": str,
                "instruments": str,
                "outcome": str,
            },
            pk="id",
            if_not_exists=True,
        )
        _table(db, "question_log").create_index(["at"], if_not_exists=True)

    def record(
        self,
        text: str,
        intent: str,
        instruments: list[str],
        outcome: str,
        user_key: str,
        surface: str,
        kind: str = "question",
        now: dt.datetime | None = None,
    ) -> None:
        """Store one question (or vote); the text is redacted again before it is written."""
        at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        row = {
            "at": at,
            "kind": kind,
            "user_key": user_key,
            "surface": surface,
            "text": redact(text)[:500],
            "intent": intent,
            "instruments": json.dumps(instruments[:10]),
            "outcome": outcome,
        }
        with self._lock, self.db.conn:
            _table(self.db, "question_log").insert(row)

    def purge(self, days: int, now: dt.datetime | None = None) -> int:
        """Delete entries older than `days`; returns how many went."""
        cutoff = ((now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)).isoformat()
        with self._lock, self.db.conn:
            cursor = self.db.execute("delete from question_log where at < ?", [cutoff])
        return cursor.rowcount

    def stats(self, limit: int = 5) -> Stats:
        stats = Stats()
        instruments: Counter[str] = Counter()
        intents: Counter[str] = Counter()
        unanswered: Counter[str] = Counter()
        unhelpful: Counter[str] = Counter()
        rows = self.db.execute(
            "select kind, text, intent, instruments, outcome from question_log"
        ).fetchall()
        for kind, text, intent, ids, outcome in rows:
            if kind == "feedback":
                if outcome == "down":
                    stats.unhelpful_votes += 1
                    unhelpful.update(json.loads(ids) or [intent])
                else:
                    stats.helpful_votes += 1
                continue
            stats.questions += 1
            intents[intent] += 1
            instruments.update(json.loads(ids))
            if outcome in UNANSWERED:
                unanswered[text] += 1
        stats.top_instruments = instruments.most_common(limit)
        stats.top_intents = intents.most_common(limit)
        stats.unanswered = unanswered.most_common(limit)
        stats.unhelpful = unhelpful.most_common(limit)
        return stats
