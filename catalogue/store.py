"""The catalogue in SQLite, through sqlite-utils.

`Catalogue(path)` opens a database file (or ":memory:"). `build_database()` fills one from the
validated data files. Every instrument is kept as a list of versions: the data files give
version 1, later versions come from approved changes in Slack. The version an answer uses is
the newest one whose `effective_from` is on or before the date asked about.

The whole catalogue is small, so it is read into memory once and read again only when a write
through this object (or another process) changed it; answering never waits on SQLite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import Table

from catalogue.loader import DATA_DIR, CatalogueData, load_data
from catalogue.models import (
    Change,
    Instrument,
    Municipality,
    Provider,
    Region,
    TargetGroup,
    Term,
)

SCHEMA_VERSION = 1
BASELINE = dt.date(1900, 1, 1)
"""`effective_from` of the versions that come from the data files: valid for any date asked."""


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash over every data file, stored in the database to tell when it is out of date."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.yaml")):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _dump(record: Any) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


@dataclass(frozen=True)
class Version:
    """One version of an instrument, with who changed it and why."""

    instrument_id: str
    number: int
    effective_from: dt.date
    instrument: Instrument
    proposed_by: str | None
    approved_by: str | None
    reason: str | None
    recorded_at: str


def _table(db: sqlite_utils.Database, name: str) -> Table:
    """A table of `db` (sqlite-utils types its lookup as table-or-view)."""
    table = db.table(name)
    assert isinstance(table, Table)
    return table


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open a database file for use from several threads, waiting on locks instead of failing."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False, timeout=10)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=10000")
    return sqlite_utils.Database(conn)


def _create_tables(db: sqlite_utils.Database) -> None:
    _table(db, "meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    for table in ("regions", "municipalities", "providers", "target_groups", "terms", "changes"):
        _table(db, table).create({"id": str, "name": str, "data": str}, pk="id", if_not_exists=True)
    _table(db, "instruments").create(
        {
            "id": str,
            "name": str,
            "scope": str,
            "municipality": str,
            "provider": str,
            "summary": str,
            "aliases": str,
            "topics": str,
            "valid_from": str,
            "valid_until": str,
        },
        pk="id",
        if_not_exists=True,
    )
    _table(db, "instrument_versions").create(
        {
            "instrument_id": str,
            "number": int,
            "effective_from": str,
            "data": str,
            "proposed_by": str,
            "approved_by": str,
            "reason": str,
            "recorded_at": str,
        },
        pk=("instrument_id", "number"),
        if_not_exists=True,
    )


def build_database(
    path: str | Path, data: CatalogueData | None = None, data_dir: Path = DATA_DIR
) -> sqlite_utils.Database:
    """Write a fresh catalogue database from the data files (replacing what was there)."""
    data = data or load_data(data_dir)
    if str(path) != ":memory:":
        target = Path(path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    _create_tables(db)
    with db.conn:
        for table, records in (
            ("regions", data.regions),
            ("municipalities", data.municipalities),
            ("providers", data.providers),
            ("target_groups", data.target_groups),
            ("terms", data.terms),
            ("changes", data.changes),
        ):
            _table(db, table).insert_all(
                ({"id": r.id, "name": r.name, "data": _dump(r)} for r in records.values()),
                pk="id",
            )
        _table(db, "instruments").insert_all(
            (_instrument_row(i) for i in data.instruments.values()), pk="id"
        )
        _table(db, "instrument_versions").insert_all(
            (
                {
                    "instrument_id": i.id,
                    "number": 1,
                    "effective_from": BASELINE.isoformat(),
                    "data": _dump(i),
                    "proposed_by": None,
                    "approved_by": None,
                    "reason": "Uit de gecontroleerde databestanden",
                    "recorded_at": "",
                }
                for i in data.instruments.values()
            ),
            pk=("instrument_id", "number"),
        )
        _table(db, "meta").insert_all(
            [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "data_fingerprint", "value": data_fingerprint(data_dir)},
            ],
            pk="key",
            replace=True,
        )
    _table(db, "instruments").enable_fts(
        ["name", "aliases", "topics", "summary"], tokenize="unicode61 remove_diacritics 2"
    )
    if str(path) != ":memory:":
        db.conn.execute("PRAGMA journal_mode=DELETE")
        db.vacuum()
    return db


def _instrument_row(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "scope": instrument.scope.value,
        "municipality": instrument.municipality,
        "provider": instrument.provider,
        "summary": instrument.summary,
        "aliases": " | ".join(instrument.aliases),
        "topics": " | ".join(instrument.topics),
        "valid_from": instrument.valid_from.isoformat() if instrument.valid_from else None,
        "valid_until": instrument.valid_until.isoformat() if instrument.valid_until else None,
    }


class Catalogue:
    """Read access to the catalogue, and the one place that writes new versions."""

    def __init__(self, path: str | Path | sqlite_utils.Database) -> None:
        self.db = path if isinstance(path, sqlite_utils.Database) else open_db(path)
        self._lock = threading.RLock()
        self._writes = 0
        self._loaded_at: int | None = None
        self._versions: dict[str, list[Version]] = {}
        self.regions: dict[str, Region] = {}
        self.municipalities: dict[str, Municipality] = {}
        self.providers: dict[str, Provider] = {}
        self.target_groups: dict[str, TargetGroup] = {}
        self.terms: dict[str, Term] = {}
        self.timeline: dict[str, Change] = {}
        self._refresh()

    @classmethod
    def from_data(cls, data_dir: Path = DATA_DIR) -> Catalogue:
        """An in-memory catalogue built straight from the data files (tests, tools)."""
        return cls(build_database(":memory:", data_dir=data_dir))

    # -- reading -----------------------------------------------------------------------------

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0]) + self._writes

    def _refresh(self) -> None:
        with self._lock:
            stamp = self._data_version()
            if stamp == self._loaded_at:
                return
            self.regions = self._read_table("regions", Region)
            self.municipalities = self._read_table("municipalities", Municipality)
            self.providers = self._read_table("providers", Provider)
            self.target_groups = self._read_table("target_groups", TargetGroup)
            self.terms = self._read_table("terms", Term)
            self.timeline = self._read_table("changes", Change)
            versions: dict[str, list[Version]] = {}
            rows = self.db.execute(
                "select instrument_id, number, effective_from, data, proposed_by, approved_by,"
                " reason, recorded_at from instrument_versions order by instrument_id, number"
            ).fetchall()
            for row in rows:
                versions.setdefault(row[0], []).append(
                    Version(
                        instrument_id=row[0],
                        number=row[1],
                        effective_from=dt.date.fromisoformat(row[2]),
                        instrument=Instrument.model_validate_json(row[3]),
                        proposed_by=row[4],
                        approved_by=row[5],
                        reason=row[6],
                        recorded_at=row[7] or "",
                    )
                )
            self._versions = versions
            self._loaded_at = stamp

    def _read_table(self, table: str, model: type[Any]) -> dict[str, Any]:
        if not _table(self.db, table).exists():
            return {}  # a live database seeded before this table existed
        return {
            row["id"]: model.model_validate_json(row["data"])
            for row in _table(self.db, table).rows_where(order_by="rowid")
        }

    def meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    def ids(self) -> list[str]:
        self._refresh()
        return list(self._versions)

    def history(self, instrument_id: str) -> list[Version]:
        """Every version of an instrument, oldest first."""
        self._refresh()
        return list(self._versions.get(instrument_id, []))

    def instrument(self, instrument_id: str, on: dt.date | None = None) -> Instrument | None:
        """The version of an instrument valid on `on` (default: the newest one in force today)."""
        self._refresh()
        versions = self._versions.get(instrument_id)
        if not versions:
            return None
        day = on or dt.date.today()
        chosen = versions[0]
        for version in versions:
            if version.effective_from <= day:
                chosen = version
        return chosen.instrument

    def instruments(self, on: dt.date | None = None) -> list[Instrument]:
        """Every instrument, in the version valid on `on`, current or not."""
        found = (self.instrument(i, on) for i in self.ids())
        return [i for i in found if i is not None]

    def current(self, on: dt.date, municipality: str | None = None) -> list[Instrument]:
        """The instruments that exist on `on` and are offered in `municipality`."""
        return [i for i in self.instruments(on) if i.current_on(on) and i.offered_in(municipality)]

    def search(self, text: str, limit: int = 5) -> list[str]:
        """Instrument ids whose name, aliases, topics or summary match the words (full text)."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        return [row["id"] for row in _table(self.db, "instruments").search(query, limit=limit)]

    # -- writing -----------------------------------------------------------------------------

    def add_version(
        self,
        instrument: Instrument,
        effective_from: dt.date,
        proposed_by: str | None,
        approved_by: str | None,
        reason: str | None,
    ) -> Version:
        """Record a new version; earlier versions are never changed or removed."""
        with self._lock, self.db.conn:
            row = self.db.execute(
                "select coalesce(max(number), 0) from instrument_versions where instrument_id = ?",
                [instrument.id],
            ).fetchone()
            number = int(row[0]) + 1
            recorded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            _table(self.db, "instrument_versions").insert(
                {
                    "instrument_id": instrument.id,
                    "number": number,
                    "effective_from": effective_from.isoformat(),
                    "data": _dump(instrument),
                    "proposed_by": proposed_by,
                    "approved_by": approved_by,
                    "reason": reason,
                    "recorded_at": recorded_at,
                }
            )
            _table(self.db, "instruments").upsert(_instrument_row(instrument), pk="id")
            self._writes += 1
        self._refresh()
        return self.history(instrument.id)[-1]


def seed_live_database(path: str | Path, shipped: str | Path) -> None:
    """Create the bot's live database from the shipped `catalogue.db` when it does not exist."""
    target = Path(path)
    if str(path) == ":memory:" or target.exists():
        return
    source = sqlite3.connect(str(shipped))
    try:
        dest = sqlite3.connect(str(target))
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()


def instruments_as_files(instruments: Iterable[Instrument]) -> dict[str, dict[str, Any]]:
    """File name -> record, for writing the current catalogue back to the data files."""
    return {f"{i.id}.yaml": i.model_dump(mode="json", exclude_defaults=True) for i in instruments}
