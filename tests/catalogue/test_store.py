"""The SQLite store: build, dates, municipalities, versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalogue.loader import DATA_DIR
from catalogue.store import Catalogue, build_database, data_fingerprint

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 4)


def test_committed_catalogue_db_is_up_to_date_with_the_data_files() -> None:
    shipped = Catalogue(ROOT / "catalogue.db")
    assert shipped.meta("data_fingerprint") == data_fingerprint(DATA_DIR), (
        "catalogue.db is verouderd: draai `toolbox catalogue build` en commit het resultaat"
    )


def test_build_writes_every_instrument_and_a_full_text_index(tmp_path: Path) -> None:
    db = build_database(tmp_path / "c.db")
    catalogue = Catalogue(db)
    assert set(catalogue.ids()) >= {"loondispensatie", "loonkostensubsidie", "no-riskpolis"}
    assert "no-riskpolis" in catalogue.search("ziekteverzuim") or catalogue.search("no-riskpolis")
    assert db["instruments_fts"].exists()


def test_the_canonical_ids_are_all_there(catalogue: Catalogue) -> None:
    canonical = [
        "loondispensatie",
        "loonkostensubsidie",
        "no-riskpolis",
        "proefplaatsing-uwv",
        "proefplaats-gemeente",
        "jobcoach-uwv",
        "jobcoach-gemeente",
        "werkvoorzieningen-uwv",
        "werkvoorzieningen-gemeente",
        "vervoersvoorziening",
        "lkv-banenafspraak",
        "lkv-arbeidsgehandicapte",
        "lkv-herplaatsen",
        "lkv-oudere-werknemer",
        "beschut-werk",
        "werkervaringsplaats",
        "praktijkleren",
        "scholing-uwv",
        "doelgroepregister",
        "praktijkroute",
        "den-haag-meerdere-kandidaten",
        "den-haag-werkgeverscheque",
        "den-haag-leerwerkcheque",
        "zoetermeer-leerwerkcheque",
    ]
    assert set(canonical) <= set(catalogue.ids())


@pytest.mark.parametrize(
    ("instrument_id", "day", "current"),
    [
        ("mobiliteitsbonus", TODAY, False),
        ("mobiliteitsbonus", dt.date(2017, 6, 1), True),
        ("lage-inkomensvoordeel", dt.date(2024, 12, 31), True),
        ("lage-inkomensvoordeel", dt.date(2025, 1, 1), False),
        ("loondispensatie-dga-iva", dt.date(2026, 10, 31), True),
        ("loondispensatie-dga-iva", dt.date(2026, 11, 1), False),
        ("loondispensatie", TODAY, True),
    ],
)
def test_date_logic(catalogue: Catalogue, instrument_id: str, day: dt.date, current: bool) -> None:
    instrument = catalogue.instrument(instrument_id, day)
    assert instrument is not None
    assert instrument.current_on(day) is current
    assert (instrument in catalogue.current(day)) is current


def test_an_instrument_that_starts_next_year_is_not_yet_current(catalogue: Catalogue) -> None:
    base = catalogue.instrument("no-riskpolis")
    assert base is not None
    future = base.model_copy(update={"id": "nieuw-instrument", "valid_from": dt.date(2027, 1, 1)})
    assert not future.current_on(TODAY)
    assert future.current_on(dt.date(2027, 1, 1))


@pytest.mark.parametrize(
    ("municipality", "offered"),
    [("den-haag", True), ("zoetermeer", False), ("delft", False), (None, False)],
)
def test_a_local_instrument_of_den_haag_only_in_den_haag(
    catalogue: Catalogue, municipality: str | None, offered: bool
) -> None:
    ids = {i.id for i in catalogue.current(TODAY, municipality)}
    assert ("den-haag-werkgeverscheque" in ids) is offered
    assert "loonkostensubsidie" in ids


def test_a_new_version_takes_effect_on_its_date_and_keeps_history(tmp_path: Path) -> None:
    catalogue = Catalogue(build_database(tmp_path / "v.db"))
    old = catalogue.instrument("no-riskpolis")
    assert old is not None
    new = old.model_copy(update={"summary": "Nieuwe samenvatting voor de test van versies."})
    catalogue.add_version(new, dt.date(2027, 1, 1), "U2", "U3", "Test")
    assert catalogue.instrument("no-riskpolis", TODAY) == old
    assert catalogue.instrument("no-riskpolis", dt.date(2027, 1, 2)) == new
    history = catalogue.history("no-riskpolis")
    assert [v.number for v in history] == [1, 2]
    assert history[1].proposed_by == "U2" and history[1].approved_by == "U3"
    reopened = Catalogue(tmp_path / "v.db")
    assert reopened.instrument("no-riskpolis", dt.date(2027, 1, 2)) == new
