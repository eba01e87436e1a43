"""Loading and validating the data files: every bad record gives a message a coordinator reads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalogue.loader import DATA_DIR, CatalogueError, load_data


def minimal_instrument(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "proef-instrument",
        "name": "Proefinstrument",
        "scope": "regionaal",
        "provider": "gemeente",
        "target_groups": {"participatiewet": "Past bij de bijstand."},
        "summary": "Een instrument om het laden te testen.",
        "employer_gets": "Niets bijzonders.",
        "duration": "Zes maanden.",
        "how_to_apply": "Via het Werkgeversservicepunt.",
        "contact": "Het Werkgeversservicepunt.",
        "factsheet": "Deze tekst is voor de werkgever bedoeld en mag mee.",
        "sources": [{"title": "Testbron", "checked": "2026-12-01"}],
        "owner": "Coördinator",
        "review_by": "2027-06-01",
    }
    record.update(changes)
    return {k: v for k, v in record.items() if v is not None}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for name in ("regions", "municipalities", "providers", "target_groups"):
        shutil.copy(DATA_DIR / f"{name}.yaml", target / f"{name}.yaml")
    (target / "instruments").mkdir()
    return target


def write(data_dir: Path, record: dict[str, Any], name: str | None = None) -> None:
    path = data_dir / "instruments" / f"{name or record['id']}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def problems(data_dir: Path) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_data(data_dir)
    return str(caught.value)


def test_the_shipped_catalogue_loads_without_problems() -> None:
    data = load_data()
    assert len(data.instruments) >= 24
    assert len(data.municipalities) == 11


def test_a_valid_record_loads(data_dir: Path) -> None:
    write(data_dir, minimal_instrument())
    assert "proef-instrument" in load_data(data_dir).instruments


@pytest.mark.parametrize(
    ("record", "file_name", "expected"),
    [
        (minimal_instrument(summary=None), None, "proef-instrument.yaml: summary: veld ontbreekt"),
        (
            minimal_instrument(target_groups={"marsmannetjes": "?"}),
            None,
            "target_groups: onbekende doelgroep 'marsmannetjes'",
        ),
        (
            minimal_instrument(related=["bestaat-niet"]),
            None,
            "related: verwijst naar onbekend instrument 'bestaat-niet'",
        ),
        (minimal_instrument(sources=[]), None, "proef-instrument.yaml: sources:"),
        (minimal_instrument(kleur="rood"), None, "kleur: onbekend veld"),
        (
            minimal_instrument(scope="lokaal"),
            None,
            "een lokaal instrument heeft een 'municipality' nodig",
        ),
        (
            minimal_instrument(amounts=[{"label": "Bedrag", "value": None}]),
            None,
            "bedrag onbekend: vul 'ask' in",
        ),
        (
            minimal_instrument(amounts=[{"label": "Bedrag", "value": 10, "unit": "euro"}]),
            None,
            "een bedrag heeft een 'valid_from' nodig",
        ),
        (minimal_instrument(provider="marktplaats"), None, "provider: onbekende aanbieder"),
        (minimal_instrument(), "andere-naam", "hoort gelijk te zijn aan de bestandsnaam"),
    ],
    ids=[
        "missing field",
        "unknown target group",
        "broken reference",
        "no source",
        "unknown field",
        "local without municipality",
        "unknown amount without whom to ask",
        "amount without date",
        "unknown provider",
        "id differs from file name",
    ],
)
def test_a_bad_record_names_file_field_and_problem(
    data_dir: Path, record: dict[str, Any], file_name: str | None, expected: str
) -> None:
    write(data_dir, record, file_name)
    assert expected in problems(data_dir)


def test_a_duplicate_id_is_reported_with_both_files(data_dir: Path) -> None:
    write(data_dir, minimal_instrument())
    write(data_dir, minimal_instrument(), "proef-instrument-kopie")
    message = problems(data_dir)
    assert "'proef-instrument'" in message
    assert "proef-instrument.yaml" in message


def test_a_passed_review_date_is_a_warning_not_an_error(data_dir: Path) -> None:
    import datetime as dt

    write(data_dir, minimal_instrument(review_by="2020-01-01"))
    data = load_data(data_dir, today=dt.date(2026, 12, 4))
    assert any("review_by" in w and "verstreken" in w for w in data.warnings)


def test_every_record_of_the_shipped_catalogue_has_a_dated_source() -> None:
    for instrument in load_data().instruments.values():
        assert instrument.sources, instrument.id
        assert all(source.checked for source in instrument.sources)
