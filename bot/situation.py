"""The situation check: facts about a candidate -> the instruments that apply, and why.

Each fact that names a target group (benefit, register, age) is asked of the catalogue as an
`advise` query; the findings are merged, so an instrument that fits for two reasons shows both.
"What would change the answer" asks the same for each fact that was not given.
No Slack code here: the view listener reads the form, this module decides, responses/ shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from catalogue.answers import answer_query
from catalogue.query import Finding, Intent, Query
from catalogue.store import Catalogue
from intents.parser import groups_for_age
from responses.modals import CheckedInstrument, Choice, SituationOutcome

BENEFIT_GROUPS = ("wajong", "participatiewet", "ww", "wia", "ziektewet")
FACT_GROUPS = ("doelgroepregister", "beschut-werk", "wsw")
FACT_LABELS = {
    "doelgroepregister": "staat in het doelgroepregister (banenafspraak)",
    "beschut-werk": "heeft een advies beschut werk",
    "wsw": "heeft een Wsw-indicatie",
}


@dataclass(frozen=True)
class Situation:
    benefit: str | None = None
    municipality: str | None = None
    age: int | None = None
    facts: tuple[str, ...] = ()

    def groups(self) -> list[str]:
        found = [self.benefit] if self.benefit else []
        found += [f for f in self.facts if f not in found]
        found += [g for g in groups_for_age(self.age) if g not in found]
        return found


def benefit_choices(catalogue: Catalogue) -> list[Choice]:
    groups = catalogue.target_groups
    return [Choice(g, groups[g].name) for g in BENEFIT_GROUPS if g in groups]


def fact_choices(catalogue: Catalogue) -> list[Choice]:
    return [
        Choice(g, FACT_LABELS[g][0].upper() + FACT_LABELS[g][1:])
        for g in FACT_GROUPS
        if g in catalogue.target_groups
    ]


def municipality_choices(catalogue: Catalogue) -> list[Choice]:
    places = sorted(catalogue.municipalities.values(), key=lambda m: m.name)
    return [Choice(m.id, m.name) for m in places]


def check(catalogue: Catalogue, situation: Situation, on: dt.date) -> SituationOutcome:
    base = Query(text="", intent=Intent.ADVISE, on=on, municipality=situation.municipality)
    base = replace(base, age=situation.age)
    findings = [answer_query(replace(base, target_group=g), catalogue) for g in situation.groups()]
    instruments = _merge(catalogue, findings)
    found = {item.name for item in instruments}
    not_for = {
        (ex.instrument.name, ex.reason)
        for f in findings
        for ex in f.excluded
        if ex.instrument.name not in found
    }
    notes: list[str] = []
    if not situation.groups():
        notes.append("Kies een uitkering, een kenmerk of een leeftijd: dan kan ik gericht zoeken.")
    if not situation.municipality:
        notes.append("Met een woongemeente erbij zie je ook de lokale extra's van die gemeente.")
    return SituationOutcome(
        summary=_summary(catalogue, situation),
        instruments=tuple(instruments),
        not_for=tuple(sorted(not_for)),
        would_change=tuple(_what_would_change(catalogue, base, situation, found)),
        notes=tuple(notes),
    )


def _merge(catalogue: Catalogue, findings: list[Finding]) -> list[CheckedInstrument]:
    reasons: dict[str, list[str]] = {}
    order: dict[str, tuple[int, str, bool, str]] = {}
    for finding in findings:
        for item in finding.items:
            instrument = item.instrument
            if item.reason not in reasons.setdefault(instrument.id, []):
                reasons[instrument.id].append(item.reason)
            provider = catalogue.providers.get(instrument.provider)
            name = provider.name if provider else instrument.provider
            order[instrument.id] = (instrument.rank, instrument.name, item.local, name)
    ranked = sorted(order.items(), key=lambda pair: pair[1][:2])
    return [
        CheckedInstrument(name, provider, tuple(reasons[ref]), local)
        for ref, (_, name, local, provider) in ranked
    ]


def _what_would_change(
    catalogue: Catalogue, base: Query, situation: Situation, found: set[str]
) -> list[str]:
    lines: list[str] = []
    for group in (*BENEFIT_GROUPS, *FACT_GROUPS):
        if group in situation.groups() or group not in catalogue.target_groups:
            continue
        finding = answer_query(replace(base, target_group=group), catalogue)
        extra = [i.instrument.name for i in finding.items if i.instrument.name not in found]
        if extra:
            condition = (
                FACT_LABELS.get(group)
                or f"een {catalogue.target_groups[group].name}-uitkering heeft"
            )
            lines.append(f"Als de kandidaat {condition}: ook {', '.join(extra[:4])}.")
    return lines[:6]


def _summary(catalogue: Catalogue, situation: Situation) -> str:
    parts: list[str] = []
    if situation.benefit:
        parts.append(catalogue.target_groups[situation.benefit].name)
    else:
        parts.append("geen uitkering")
    parts += [FACT_LABELS[f] for f in situation.facts if f in FACT_LABELS]
    if situation.age is not None:
        parts.append(f"{situation.age} jaar")
    if situation.municipality:
        place = catalogue.municipalities.get(situation.municipality)
        parts.append(f"woont in {place.name if place else situation.municipality}")
    return ", ".join(parts)
