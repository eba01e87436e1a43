"""Read and validate the reviewed data files in `catalogue/data/`.

A bad record raises `CatalogueError` with one line per problem, each naming the file, the
field and what is wrong, so that a coordinator can fix the file without reading Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from catalogue.models import (
    Change,
    Instrument,
    Municipality,
    Provider,
    Region,
    TargetGroup,
    Term,
)

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)


class CatalogueError(ValueError):
    """The data files are not a valid catalogue; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class CatalogueData:
    """Everything the data files hold, validated and cross-checked."""

    regions: dict[str, Region]
    municipalities: dict[str, Municipality]
    providers: dict[str, Provider]
    target_groups: dict[str, TargetGroup]
    instruments: dict[str, Instrument]
    terms: dict[str, Term] = field(default_factory=dict)
    changes: dict[str, Change] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _explain(error: ValidationError) -> Iterable[str]:
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(record)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "veld ontbreekt"
        elif item["type"] == "extra_forbidden":
            message = "onbekend veld"
        yield f"{where}: {message}"


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: kan het bestand niet lezen ({type(exc).__name__})")
        return None


def _parse(model: type[M], raw: Any, label: str, problems: list[str]) -> M | None:
    if not isinstance(raw, dict):
        problems.append(f"{label}: verwacht een record met velden")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems.extend(f"{label}: {line}" for line in _explain(exc))
        return None


def _read_list(path: Path, model: type[M], problems: list[str]) -> dict[str, M]:
    raw = _read_yaml(path, problems)
    if raw is None:
        return {}
    if not isinstance(raw, list):
        problems.append(f"{path.name}: verwacht een lijst van records")
        return {}
    records: dict[str, M] = {}
    for index, item in enumerate(raw):
        record = _parse(model, item, f"{path.name}[{index}]", problems)
        if record is None:
            continue
        key = record.id  # type: ignore[attr-defined]
        if key in records:
            problems.append(f"{path.name}[{index}]: id: '{key}' komt twee keer voor")
        records[key] = record
    return records


def read_instrument(path: Path, problems: list[str]) -> Instrument | None:
    raw = _read_yaml(path, problems)
    if raw is None:
        return None
    instrument = _parse(Instrument, raw, path.name, problems)
    if instrument and instrument.id != path.stem:
        problems.append(
            f"{path.name}: id: '{instrument.id}' hoort gelijk te zijn aan de bestandsnaam"
        )
    return instrument


def _check_references(data: CatalogueData, files: dict[str, str], problems: list[str]) -> None:
    for municipality in data.municipalities.values():
        if municipality.region not in data.regions:
            problems.append(
                f"municipalities.yaml: {municipality.id}.region: onbekende regio "
                f"'{municipality.region}'"
            )
    for group in data.target_groups.values():
        if group.provider not in data.providers and group.provider != "gemeente":
            problems.append(f"target_groups.yaml: {group.id}.provider: onbekend '{group.provider}'")
    for change in data.changes.values():
        for ref in change.instruments:
            if ref not in data.instruments:
                problems.append(
                    f"changes.yaml: {change.id}.instruments: onbekend instrument '{ref}'"
                )
    for term in data.terms.values():
        for ref in term.related:
            if ref not in data.instruments:
                problems.append(f"glossary.yaml: {term.id}.related: onbekend instrument '{ref}'")
    for instrument in data.instruments.values():
        name = files[instrument.id]
        if instrument.provider not in data.providers:
            problems.append(f"{name}: provider: onbekende aanbieder '{instrument.provider}'")
        if instrument.municipality and instrument.municipality not in data.municipalities:
            problems.append(f"{name}: municipality: onbekende gemeente '{instrument.municipality}'")
        for group_field in ("target_groups", "not_for", "rank_for"):
            for group in getattr(instrument, group_field):
                if group not in data.target_groups:
                    problems.append(f"{name}: {group_field}: onbekende doelgroep '{group}'")
        references = {
            "related": instrument.related,
            "successor": instrument.successor,
            "compare_with": [instrument.compare_with] if instrument.compare_with else [],
        }
        for ref_field, refs in references.items():
            for ref in refs:
                if ref not in data.instruments:
                    problems.append(
                        f"{name}: {ref_field}: verwijst naar onbekend instrument '{ref}'"
                    )
                elif ref == instrument.id:
                    problems.append(f"{name}: {ref_field}: verwijst naar zichzelf")
        if instrument.successor and not instrument.valid_until:
            problems.append(f"{name}: successor: alleen zinvol met een 'valid_until'")


def _review_warnings(data: CatalogueData, files: dict[str, str], today: dt.date) -> list[str]:
    warnings = []
    for instrument in data.instruments.values():
        if instrument.review_by < today:
            warnings.append(
                f"{files[instrument.id]}: review_by: controledatum {instrument.review_by} "
                "is verstreken"
            )
    return warnings


def load_data(data_dir: Path = DATA_DIR, today: dt.date | None = None) -> CatalogueData:
    """Read, validate and cross-check every data file; raise `CatalogueError` on any problem."""
    problems: list[str] = []
    regions = _read_list(data_dir / "regions.yaml", Region, problems)
    municipalities = _read_list(data_dir / "municipalities.yaml", Municipality, problems)
    providers = _read_list(data_dir / "providers.yaml", Provider, problems)
    target_groups = _read_list(data_dir / "target_groups.yaml", TargetGroup, problems)

    instruments: dict[str, Instrument] = {}
    files: dict[str, str] = {}
    for path in sorted((data_dir / "instruments").glob("*.yaml")):
        instrument = read_instrument(path, problems)
        if instrument is None:
            continue
        if instrument.id in instruments:
            problems.append(
                f"{path.name}: id: '{instrument.id}' staat ook in {files[instrument.id]}"
            )
            continue
        instruments[instrument.id] = instrument
        files[instrument.id] = path.name

    glossary = data_dir / "glossary.yaml"
    terms = _read_list(glossary, Term, problems) if glossary.exists() else {}
    timeline = data_dir / "changes.yaml"
    changes = _read_list(timeline, Change, problems) if timeline.exists() else {}
    data = CatalogueData(
        regions, municipalities, providers, target_groups, instruments, terms, changes
    )
    _check_references(data, files, problems)
    if problems:
        raise CatalogueError(problems)
    data.warnings.extend(_review_warnings(data, files, today or dt.date.today()))
    return data
