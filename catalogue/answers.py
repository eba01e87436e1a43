"""Answer a `Query` from the catalogue: which instruments apply, in which order, and why.

This is where the rules live that advisers rely on: an instrument that ended is never offered
as current, a local extra only appears in its own municipality and is labelled local, and a
target group's instruments come with the reason they fit (and, for the classic confusions,
the reason the other one does not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from catalogue.models import Instrument
from catalogue.query import Applicable, ChangeNote, Excluded, Finding, Intent, Query
from catalogue.store import Catalogue

ADVISE_LIMIT = 8
"""At most this many instruments in an advice; the essentials first, the rest on request."""
CHANGES_LOOKBACK = dt.timedelta(days=2 * 366)
CHANGES_LOOKAHEAD = dt.timedelta(days=366)
CHANGES_SHOWN = 6
UNSURE_RANK = 50
"""Instruments ranked this low (unconfirmed status) are shown when asked, never suggested."""
YOUNG_AGE = 30
"""Below this age in 2026 a 'Wajong' candidate may well be a Participatiewet case."""
PROMINENT_RANK = 5
EXPLAIN_EXTRA = 2
"""At most this many instruments the situation adds to an explanation of a named one."""
"""Instruments ranked this high are named as 'not for this group' when a group excludes them."""


def answer_query(query: Query, catalogue: Catalogue) -> Finding:
    handler = _HANDLERS.get(query.intent)
    finding = Finding(query=query)
    if handler:
        handler(query, catalogue, finding)
    return finding


def _reason(instrument: Instrument, query: Query, catalogue: Catalogue, topical: bool) -> str:
    group = query.target_group
    if instrument.is_local:
        place = catalogue.municipalities.get(instrument.municipality or "")
        prefix = f"Lokale extra van {place.name if place else instrument.municipality}. "
    else:
        prefix = ""
    if group and group in instrument.target_groups:
        return prefix + instrument.target_groups[group]
    if topical:
        return prefix + "Past bij de situatie die je beschrijft."
    return prefix + instrument.summary


def _successors(instrument: Instrument, query: Query, catalogue: Catalogue) -> list[Instrument]:
    found = (catalogue.instrument(ref, query.on) for ref in instrument.successor)
    return [i for i in found if i is not None]


def _add_named(query: Query, catalogue: Catalogue, finding: Finding, ids: list[str]) -> None:
    """Named instruments: current ones as items, ended or future ones with what replaced them."""
    for ref in ids:
        instrument = catalogue.instrument(ref, query.on)
        if instrument is None:
            continue
        if instrument.current_on(query.on):
            reason = _reason(instrument, query, catalogue, topical=False)
            finding.items.append(Applicable(instrument, reason, local=instrument.is_local))
            if instrument.is_local and query.municipality not in (None, instrument.municipality):
                place = catalogue.municipalities.get(query.municipality or "")
                finding.notes.append(
                    f"{instrument.name} is een lokale regeling van "
                    f"{_place_name(catalogue, instrument)}; in "
                    f"{place.name if place else query.municipality} geldt die niet."
                )
        else:
            finding.ended.append(instrument)
            finding.successors[instrument.id] = _successors(instrument, query, catalogue)


def _place_name(catalogue: Catalogue, instrument: Instrument) -> str:
    place = catalogue.municipalities.get(instrument.municipality or "")
    return place.name if place else str(instrument.municipality)


def _fits(instrument: Instrument, query: Query) -> bool:
    """Not excluded for the group or by a fact of the question, and from the asked provider."""
    if query.target_group and query.target_group in instrument.not_for:
        return False
    if any(instrument.excluded_by(fact, query.on) for fact in query.facts):
        return False
    if f"niet:{instrument.id}" in query.facts:
        return False
    return not (query.provider and not instrument.provider.startswith(query.provider))


def _exclusion(
    instrument: Instrument, query: Query, catalogue: Catalogue | None = None
) -> str | None:
    """Why an instrument does not apply to this question, if it does not."""
    for fact in query.facts:
        if instrument.excluded_by(fact, query.on):
            return instrument.not_when[fact]
    group = query.target_group
    if not group:
        return None
    if group in instrument.not_for:
        return instrument.not_for[group]
    if catalogue and instrument.target_groups and group not in instrument.target_groups:
        names = [
            catalogue.target_groups[g].name if g in catalogue.target_groups else g
            for g in instrument.target_groups
        ]
        asked = catalogue.target_groups.get(group)
        return (
            f"{instrument.name} is er niet voor {asked.name if asked else group}, "
            f"maar voor: {', '.join(names)}."
        )
    return None


def _local_elsewhere(instrument: Instrument, query: Query, catalogue: Catalogue) -> str:
    where = _place_name(catalogue, instrument)
    if query.municipality:
        here = catalogue.municipalities.get(query.municipality)
        return (
            f"{instrument.name} is een lokale regeling van {where}; in "
            f"{here.name if here else query.municipality} geldt die niet."
        )
    return f"{instrument.name} is een lokale regeling van {where}."


def _topical(query: Query, catalogue: Catalogue, finding: Finding) -> list[Instrument]:
    """What the situation points to: topics, family members and successors of ended ones.

    Only those that fit are kept; a local one of another municipality is explained instead.
    """
    chosen: list[Instrument] = []
    group = query.target_group
    groups = set(query.groups) or ({group} if group else set())
    for ref in query.topics:
        instrument = catalogue.instrument(ref, query.on)
        if instrument is None:
            continue
        if instrument.current_on(query.on):
            candidates, strict = [instrument], ref in query.families
        else:
            if ref not in finding.successors:
                finding.ended.append(instrument)
                finding.successors[ref] = _successors(instrument, query, catalogue)
            candidates, strict = finding.successors[ref], True
        for candidate in candidates:
            if not candidate.offered_in(query.municipality):
                note = _local_elsewhere(candidate, query, catalogue)
                if note not in finding.notes:
                    finding.notes.append(note)
                continue
            unfit_group = bool(groups) and not groups & set(candidate.target_groups)
            if strict and candidate.target_groups and unfit_group:
                continue
            if _fits(candidate, query) and candidate not in chosen:
                chosen.append(candidate)
    return chosen


def _advise(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    if query.target_group and query.provider:
        # "indicatie van UWV binnen": with a group known, a provider word describes the
        # candidate's history, it does not ask to leave out the other providers.
        query = replace(query, provider=None)
    current = catalogue.current(query.on, query.municipality)
    group = query.target_group
    topical = [
        i for i in current if set(query.facts) & set(i.for_facts) and _fits(i, query)
    ] + _topical(query, catalogue, finding)
    # The group's instruments, and (for the municipality's own clients) its extras that are
    # for everyone it places, labelled local, in one order.
    profile = catalogue.target_groups.get(group or "")
    municipal = profile is None or profile.provider == "gemeente"
    fitting = sorted(
        (
            i
            for i in current
            if _fits(i, query)
            and (
                (group and group in i.target_groups)
                or (municipal and i.is_local and not i.target_groups and i.rank < UNSURE_RANK)
            )
        ),
        key=lambda i: (i.rank_in(group), i.name),
    )
    chosen: list[Instrument] = []
    for instrument in topical + fitting:
        if instrument not in chosen:
            chosen.append(instrument)
    topic_ids = {i.id for i in topical}
    for instrument in chosen[:ADVISE_LIMIT]:
        reason = _reason(instrument, query, catalogue, topical=instrument.id in topic_ids)
        finding.items.append(Applicable(instrument, reason, local=instrument.is_local))

    for instrument in current:
        why_not = _exclusion(instrument, query)
        named = instrument.id in query.topics or instrument.id in query.instruments
        if why_not and (named or instrument.rank <= PROMINENT_RANK):
            finding.excluded.append(Excluded(instrument, why_not))
    if profile and profile.young_note and query.age is not None and query.age < YOUNG_AGE:
        finding.notes.append(profile.young_note)
    if not finding.items:
        finding.notes.append("Ik vond geen instrument dat precies past bij deze situatie.")


def _explain(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    _add_named(query, catalogue, finding, list(query.instruments))
    finding.terms = [catalogue.terms[t] for t in query.terms if t in catalogue.terms]
    if not query.instruments and not finding.terms and query.target_group:
        finding.group = catalogue.target_groups.get(query.target_group)
        finding.group_instruments = sorted(
            (i for i in catalogue.current(query.on) if query.target_group in i.target_groups),
            key=lambda i: (i.rank, i.name),
        )[:5]
    for item in finding.items:
        reason = _exclusion(item.instrument, query, catalogue)
        if reason:
            finding.excluded.append(Excluded(item.instrument, reason))
    if query.target_group:
        # "premiekorting voor een wga'er": what replaced it, for this group.
        for gone in finding.ended:
            for successor in finding.successors.get(gone.id, []):
                if query.target_group in successor.target_groups and _fits(successor, query):
                    reason = f"Opvolger van {gone.name}. " + _reason(
                        successor, query, catalogue, topical=False
                    )
                    finding.items.append(Applicable(successor, reason, successor.is_local))
        # "bijstandsklant met lks, vaak ziek": the situation adds what the group also needs.
        named = {item.instrument.id for item in finding.items}
        for instrument in _topical(query, catalogue, finding)[:EXPLAIN_EXTRA]:
            if instrument.id not in named and query.target_group in instrument.target_groups:
                reason = _reason(instrument, query, catalogue, topical=True)
                finding.items.append(Applicable(instrument, reason, instrument.is_local))
    _note_unknowns(finding)


def _compare(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    _add_named(query, catalogue, finding, list(query.instruments))
    _note_unknowns(finding)


def _factsheet(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    _add_named(query, catalogue, finding, list(query.instruments[:1]))


def _local(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    place = query.municipality
    if not place:
        return
    for instrument in catalogue.current(query.on, place):
        if instrument.is_local and instrument.municipality == place:
            reason = _reason(instrument, query, catalogue, topical=False)
            finding.items.append(Applicable(instrument, reason, local=True))
    _note_unknowns(finding)
    regional = [i for i in catalogue.current(query.on, place) if i.scope.value == "regionaal"]
    finding.notes.append(
        "Daarnaast geldt overal in de regio hetzelfde regionale aanbod: "
        + ", ".join(i.name for i in sorted(regional, key=lambda i: i.rank)[:6])
        + "."
    )


def _list(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    wanted = set(query.instruments)
    # Asked for a family by name ("leerwerkcheque"): show every member, local ones labelled,
    # unless a municipality narrows it down.
    if wanted:
        pool = [i for i in catalogue.instruments(query.on) if i.current_on(query.on)]
    else:
        pool = catalogue.current(query.on, query.municipality)
    for instrument in sorted(pool, key=lambda i: (i.rank, i.name)):
        if wanted and instrument.id not in wanted:
            continue
        if instrument.is_local and query.municipality not in (None, instrument.municipality):
            continue
        if query.target_group and query.target_group not in instrument.target_groups:
            continue
        if query.provider and not instrument.provider.startswith(query.provider):
            continue
        if query.scope and instrument.scope.value != query.scope:
            continue
        finding.items.append(Applicable(instrument, instrument.summary, local=instrument.is_local))
    for ref in wanted:
        gone = catalogue.instrument(ref, query.on)
        if gone and not gone.current_on(query.on):
            finding.ended.append(gone)
            finding.successors[ref] = _successors(gone, query, catalogue)


def _changes(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    """Approved versions and the sourced timeline, newest first, for the asked instruments."""
    wanted = set(query.instruments)
    window_start, window_end = query.on - CHANGES_LOOKBACK, query.on + CHANGES_LOOKAHEAD
    notes: list[ChangeNote] = []
    for ref in catalogue.ids():
        if wanted and ref not in wanted:
            continue
        for version in catalogue.history(ref)[1:]:
            if version.effective_from <= window_end:
                reason = version.reason or "Gewijzigd."
                notes.append(
                    ChangeNote(ref, version.instrument.name, version.effective_from, reason)
                )
    for change in sorted(catalogue.timeline.values(), key=lambda c: c.date, reverse=True):
        if wanted and not wanted & set(change.instruments):
            continue
        if not wanted and not window_start <= change.date <= window_end:
            continue
        named = [catalogue.instrument(r, query.on) for r in change.instruments[:1]]
        title = ", ".join(i.name for i in named if i) or "Participatiewet"
        ref = change.instruments[0] if change.instruments else ""
        notes.append(ChangeNote(ref, title, change.date, change.summary))
        finding.change_sources.append(change)
    notes.sort(key=lambda n: n.effective_from, reverse=True)
    finding.changes = notes[:CHANGES_SHOWN]
    for ref in wanted:
        instrument = catalogue.instrument(ref, query.on)
        if instrument is None:
            continue
        if instrument.current_on(query.on):
            finding.items.append(Applicable(instrument, instrument.summary, instrument.is_local))
        else:
            finding.ended.append(instrument)
            finding.successors[ref] = _successors(instrument, query, catalogue)


def _note_unknowns(finding: Finding) -> None:
    for item in finding.items:
        for amount in item.instrument.amounts:
            if amount.value is None and amount.ask:
                finding.unknowns.append(
                    f"{item.instrument.name}, {amount.label}: onbekend, {amount.ask}"
                )


def _nothing(query: Query, catalogue: Catalogue, finding: Finding) -> None:
    return None


_HANDLERS: dict[Intent, Callable[[Query, Catalogue, Finding], None]] = {
    Intent.ADVISE: _advise,
    Intent.EXPLAIN: _explain,
    Intent.COMPARE: _compare,
    Intent.FACTSHEET: _factsheet,
    Intent.LOCAL: _local,
    Intent.LIST: _list,
    Intent.CHANGES: _changes,
    Intent.HELP: _nothing,
    Intent.CLARIFY: _nothing,
    Intent.UNKNOWN: _nothing,
}
