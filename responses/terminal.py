"""Plain-text views for the terminal (`toolbox catalogue show`)."""

from __future__ import annotations

import datetime as dt

from catalogue.models import Instrument
from catalogue.store import Catalogue
from responses.format import amount_nl, date_nl


def instrument_sheet(instrument: Instrument, catalogue: Catalogue, on: dt.date) -> str:
    """Everything the catalogue holds about one instrument, readable in a terminal."""
    provider = catalogue.providers.get(instrument.provider)
    groups = [
        f"{catalogue.target_groups[g].name}: {why}" if g in catalogue.target_groups else g
        for g, why in instrument.target_groups.items()
    ]
    status = "geldig" if instrument.current_on(on) else "NIET geldig"

    def group_name(group: str) -> str:
        known = catalogue.target_groups.get(group)
        return known.name if known else group

    lines = [
        f"{instrument.name}  [{instrument.id}]",
        "=" * (len(instrument.name) + len(instrument.id) + 4),
        f"Status op {date_nl(on)}: {status}",
        f"Aanbieder: {provider.name if provider else instrument.provider}"
        + (f" ({instrument.provider_note})" if instrument.provider_note else ""),
        f"Reikwijdte: {instrument.scope.value}"
        + (f" ({instrument.municipality})" if instrument.municipality else ""),
        f"Samenvatting: {instrument.summary}",
        "Doelgroep:",
        *(f"  - {g}" for g in groups or ["(geen specifieke doelgroep)"]),
        *(f"  - niet voor {group_name(g)}: {why}" for g, why in instrument.not_for.items()),
        f"Wat krijgt de werkgever: {instrument.employer_gets}",
        *(f"  - {amount_nl(a)}" for a in instrument.amounts),
        f"Duur: {instrument.duration}",
        f"Aanvragen: {instrument.how_to_apply}",
    ]
    if instrument.deadline:
        lines.append(f"Termijn: {instrument.deadline}")
    lines.append(f"Contact: {instrument.contact}")
    if instrument.conditions:
        lines += ["Voorwaarden:", *(f"  - {c}" for c in instrument.conditions)]
    if instrument.internal_notes:
        lines += ["Interne notities:", *(f"  - {n}" for n in instrument.internal_notes)]
    if instrument.valid_from or instrument.valid_until:
        lines.append(
            "Geldig: "
            + (f"vanaf {date_nl(instrument.valid_from)} " if instrument.valid_from else "")
            + (f"tot {date_nl(instrument.valid_until)}" if instrument.valid_until else "")
        )
    if instrument.end_note:
        lines.append(f"Einde: {instrument.end_note}")
    lines.append("Bronnen:")
    for source in instrument.sources:
        where = f" <{source.url}>" if source.url else ""
        lines.append(f"  - {source.title}{where} (gecontroleerd {date_nl(source.checked)})")
    lines.append(
        f"Eigenaar: {instrument.owner}; volgende controle: {date_nl(instrument.review_by)}"
    )
    return "\n".join(lines)
