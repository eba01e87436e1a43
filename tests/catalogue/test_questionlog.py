"""The question log keeps what coordinators need and nothing that identifies a person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from catalogue.questionlog import QuestionLog
from catalogue.store import open_db

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def test_personal_details_never_reach_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    log = QuestionLog(open_db(path))
    question = (
        "mevrouw Jansen, bsn 123456782, jansen@example.nl, 06-12345678: welke regeling bij wajong?"
    )
    log.record(question, "advise", ["loondispensatie"], "answered", "k1", "command", now=NOW)
    log.db.conn.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for secret in (b"Jansen", b"123456782", b"jansen@example.nl", b"06-12345678"):
        assert secret not in raw
    assert b"wajong" in raw


def test_old_entries_are_purged(tmp_path: Path) -> None:
    log = QuestionLog(open_db(tmp_path / "live.db"))
    log.record("oud", "help", [], "answered", "k", "dm", now=NOW - dt.timedelta(days=91))
    log.record("nieuw", "help", [], "answered", "k", "dm", now=NOW - dt.timedelta(days=1))
    assert log.purge(90, now=NOW) == 1
    assert log.stats().questions == 1


def test_stats_show_most_asked_unanswered_and_unhelpful(tmp_path: Path) -> None:
    log = QuestionLog(open_db(tmp_path / "live.db"))
    for _ in range(3):
        log.record("wat is lks", "explain", ["loonkostensubsidie"], "answered", "k", "dm", now=NOW)
    log.record("kantine open?", "unknown", [], "unknown", "k", "dm", now=NOW)
    log.record("", "explain", ["no-riskpolis"], "down", "k", "button", kind="feedback", now=NOW)
    stats = log.stats()
    assert stats.top_instruments[0] == ("loonkostensubsidie", 3)
    assert stats.unanswered == [("kantine open?", 1)]
    assert stats.unhelpful == [("no-riskpolis", 1)]
    assert stats.unhelpful_votes == 1
