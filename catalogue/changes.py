"""Coordinators' change proposals: the approval rules, the proposals, and applying versions.

A coordinator proposes new values for some fields of an instrument, an effective date, a reason
and an optional announcement text. A second coordinator approves it: for a regional or national
instrument one of the other region, for a local one one of that municipality or its region,
never the proposer. An approved change becomes a new version on its effective date (at once when
that date has come; later through `ChangeDesk.apply_due`, which the bot's housekeeping calls),
and its announcement goes into the outbox in the same transaction that marks it applied.

No Slack here: the bot turns the outcomes into messages.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlite_utils
import yaml
from pydantic import ValidationError

from catalogue.models import Amount, Instrument, Municipality, Scope
from catalogue.outbox import Outbox
from catalogue.store import Catalogue, Version, open_db
from catalogue.today import AMSTERDAM

log = logging.getLogger("catalogue.changes")

EDITABLE_FIELDS: dict[str, str] = {
    "summary": "Samenvatting",
    "employer_gets": "Wat de werkgever krijgt",
    "amounts": "Bedragen",
    "duration": "Duur",
    "how_to_apply": "Aanvragen",
    "deadline": "Termijn",
    "contact": "Contact",
    "factsheet": "Factsheet voor de werkgever",
    "valid_until": "Geldig tot",
}
"""The fields a coordinator can change in Slack, with their Dutch labels (in modal order)."""

OPTIONAL_FIELDS = frozenset({"deadline", "valid_until", "amounts"})
DATE_FIELDS = frozenset({"valid_until"})
EFFECTIVE_FROM = "effective_from"
REASON = "reason"
ANNOUNCEMENT = "announcement"

MAX_INPUT = 3000
"""Slack's limit for a plain-text input; longer text is refused, not cut."""
MAX_REASON = 300
MAX_ANNOUNCEMENT = 1500
MAX_AHEAD = dt.timedelta(days=2 * 366)
MAX_SUMMARY_LINE = 300
SHORT_VALUE = 80
"""Values up to this length appear as "old → new" in the version's reason; longer ones as
"aangepast", so `wat is er veranderd` stays short."""

REMIND_AFTER = dt.timedelta(days=3)
ESCALATE_AFTER = dt.timedelta(days=7)


def amsterdam_now() -> dt.datetime:
    return dt.datetime.now(AMSTERDAM)


Clock = Callable[[], dt.datetime]


class Status(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    APPLIED = "applied"
    CONFLICT = "conflict"


class Refusal(StrEnum):
    """Why an action was not allowed or not possible; the bot says each in Dutch."""

    NOT_COORDINATOR = "not_coordinator"
    NOT_YOUR_INSTRUMENT = "not_your_instrument"
    OWN_PROPOSAL = "own_proposal"
    NOT_YOUR_APPROVAL = "not_your_approval"
    ALREADY_DECIDED = "already_decided"
    UNKNOWN_PROPOSAL = "unknown_proposal"
    UNKNOWN_INSTRUMENT = "unknown_instrument"
    CHANGED_MEANWHILE = "changed_meanwhile"


# -- roles ------------------------------------------------------------------------------------


class Roles:
    """Who coordinates what, from TOOLBOX_COORDINATORS, and what that lets them do."""

    def __init__(
        self,
        coordinators: Mapping[str, Iterable[str]],
        municipalities: Mapping[str, Municipality],
        regions: Iterable[str],
    ) -> None:
        self.coordinators = {user: tuple(scopes) for user, scopes in coordinators.items()}
        self.municipalities = dict(municipalities)
        self.regions = frozenset(regions)

    @classmethod
    def for_catalogue(
        cls, coordinators: Mapping[str, Iterable[str]], catalogue: Catalogue
    ) -> Roles:
        return cls(coordinators, catalogue.municipalities, catalogue.regions)

    def unknown_scopes(self) -> list[str]:
        """Scopes in the configuration that are neither a region nor a municipality."""
        known = self.regions | set(self.municipalities)
        return sorted({s for scopes in self.coordinators.values() for s in scopes} - known)

    def is_coordinator(self, user: str) -> bool:
        return bool(self.coordinators.get(user))

    def _region_scopes(self, user: str) -> set[str]:
        return {s for s in self.coordinators.get(user, ()) if s in self.regions}

    def _home_regions(self, user: str) -> set[str]:
        """The regions a user belongs to: coordinated directly or through a municipality."""
        regions = self._region_scopes(user)
        for scope in self.coordinators.get(user, ()):
            place = self.municipalities.get(scope)
            if place is not None:
                regions.add(place.region)
        return regions

    def _covers_local(self, user: str, instrument: Instrument) -> bool:
        place = self.municipalities.get(instrument.municipality or "")
        scopes = set(self.coordinators.get(user, ()))
        return instrument.municipality in scopes or (place is not None and place.region in scopes)

    def may_propose(self, user: str, instrument: Instrument) -> bool:
        """Local: a coordinator of that municipality or its region. Otherwise: of a region."""
        if instrument.scope is Scope.LOCAL:
            return self._covers_local(user, instrument)
        return bool(self._region_scopes(user))

    def approval_refusal(self, user: str, proposer: str, instrument: Instrument) -> Refusal | None:
        """None when `user` may approve `proposer`'s change to `instrument`, else why not."""
        if not self.is_coordinator(user):
            return Refusal.NOT_COORDINATOR
        if user == proposer:
            return Refusal.OWN_PROPOSAL
        if instrument.scope is Scope.LOCAL:
            return None if self._covers_local(user, instrument) else Refusal.NOT_YOUR_APPROVAL
        other = self._region_scopes(user) - self._home_regions(proposer)
        return None if other else Refusal.NOT_YOUR_APPROVAL

    def approvers(self, proposer: str, instrument: Instrument) -> list[str]:
        return [
            user
            for user in self.coordinators
            if self.approval_refusal(user, proposer, instrument) is None
        ]

    def everyone(self) -> list[str]:
        return list(self.coordinators)


# -- proposals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value, as JSON values (text, a date string, a list, None)."""

    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return EDITABLE_FIELDS.get(self.field, self.field)


@dataclass(frozen=True)
class Draft:
    """A validated proposal, not yet stored."""

    instrument: Instrument
    base_version: int
    changes: tuple[FieldChange, ...]
    effective_from: dt.date
    reason: str
    announcement: str | None


@dataclass(frozen=True)
class Proposal:
    id: int
    instrument_id: str
    instrument_name: str
    base_version: int
    changes: tuple[FieldChange, ...]
    effective_from: dt.date
    reason: str
    announcement: str | None
    proposed_by: str
    status: Status
    created_at: dt.datetime
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    reject_reason: str | None = None
    version: int | None = None
    reminded_at: dt.datetime | None = None
    escalated_at: dt.datetime | None = None

    def apply_to(self, current: Instrument) -> Instrument | None:
        """`current` with the new values, or None when one of the fields changed meanwhile."""
        now = current.model_dump(mode="json")
        if any(now.get(c.field) != c.old for c in self.changes):
            return None
        now.update({c.field: c.new for c in self.changes})
        return Instrument.model_validate(now)

    def summary_line(self) -> str:
        """The version's reason: what changed (old → new where short) and why. Dutch, short."""
        parts = []
        for change in self.changes:
            old, new = value_text(change.field, change.old), value_text(change.field, change.new)
            if len(old) <= SHORT_VALUE and len(new) <= SHORT_VALUE:
                parts.append(f"{change.label}: {old} → {new}")
            else:
                parts.append(f"{change.label} aangepast")
        line = "; ".join(parts) + f". Reden: {self.reason}"
        return line if len(line) <= MAX_SUMMARY_LINE else line[: MAX_SUMMARY_LINE - 1] + "…"


def value_text(name: str, value: Any) -> str:
    """A plain one-line text for a field value (the bot renders amounts more richly)."""
    if value is None or value == [] or value == "":
        return "(leeg)"
    if name == "amounts":
        return "; ".join(_amount_line(a) for a in value)
    if name in DATE_FIELDS:
        day = dt.date.fromisoformat(str(value))
        return f"{day.day}-{day.month}-{day.year}"
    return " ".join(str(value).split())


def _amount_line(amount: Mapping[str, Any]) -> str:
    value = amount.get("value")
    if value is None:
        return f"{amount.get('label')}: onbekend"
    number = f"{value:g}".replace(".", ",")
    return f"{amount.get('label')}: {number} {amount.get('unit') or ''}".strip()


# -- reading the form -------------------------------------------------------------------------


def form_values(instrument: Instrument) -> dict[str, str]:
    """The editable fields of an instrument as the texts the proposal form starts with."""
    values: dict[str, str] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(instrument, name)
        if name == "amounts":
            amounts = [a.model_dump(mode="json", exclude_none=True) for a in value]
            values[name] = amounts_text(amounts)
        elif name in DATE_FIELDS:
            values[name] = value.isoformat() if value else ""
        else:
            values[name] = value or ""
    return values


def amounts_text(amounts: list[dict[str, Any]]) -> str:
    if not amounts:
        return ""
    return yaml.safe_dump(amounts, allow_unicode=True, sort_keys=False, width=1000).strip()


FieldErrors = dict[str, str]
"""Field name (an EDITABLE_FIELDS key, EFFECTIVE_FROM, REASON or ANNOUNCEMENT) -> Dutch error."""


def draft_change(
    catalogue: Catalogue,
    instrument_id: str,
    form: Mapping[str, str | None],
    today: dt.date,
    base_version: int | None = None,
) -> Draft | FieldErrors:
    """Check a submitted proposal form; a Draft, or an error per field it concerns.

    `base_version` is the version the form was filled from; when a newer one exists, the form
    would silently undo it, so it is refused.
    """
    history = catalogue.history(instrument_id)
    if not history:
        return {REASON: "Dit instrument bestaat niet meer in de catalogus."}
    latest = history[-1]
    if base_version is not None and latest.number != base_version:
        return {REASON: "Het instrument is intussen gewijzigd. Sluit dit venster en begin opnieuw."}
    errors: FieldErrors = {}
    texts = {name: (form.get(name) or "").strip() for name in (*EDITABLE_FIELDS, REASON)}
    for name, text in texts.items():
        if len(text) > MAX_INPUT:
            errors[name] = f"Maximaal {MAX_INPUT} tekens; nu {len(text)}."
    updates: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        if name in errors:
            continue
        parsed = _parse_field(name, texts[name])
        if isinstance(parsed, _FieldError):
            errors[name] = parsed.text
        else:
            updates[name] = parsed
    reason = texts[REASON]
    if not reason:
        errors[REASON] = "Geef een reden op: die komt in de geschiedenis van het instrument."
    elif len(reason) > MAX_REASON:
        errors[REASON] = f"Maximaal {MAX_REASON} tekens; nu {len(reason)}."
    announcement = (form.get(ANNOUNCEMENT) or "").strip() or None
    if announcement and len(announcement) > MAX_ANNOUNCEMENT:
        errors[ANNOUNCEMENT] = f"Maximaal {MAX_ANNOUNCEMENT} tekens; nu {len(announcement)}."
    effective = _parse_date(form.get(EFFECTIVE_FROM))
    if effective is None:
        errors[EFFECTIVE_FROM] = "Kies de datum waarop de wijziging ingaat."
    elif effective < latest.effective_from:
        errors[EFFECTIVE_FROM] = "Die datum ligt vóór de huidige versie. Kies een latere datum."
    elif effective > today + MAX_AHEAD:
        errors[EFFECTIVE_FROM] = "Kies een datum binnen twee jaar."
    if errors:
        return errors

    current = latest.instrument
    before = current.model_dump(mode="json")
    try:
        changed = Instrument.model_validate({**before, **updates})
    except ValidationError as exc:
        return _field_errors(exc, list(updates))
    after = changed.model_dump(mode="json")
    changes = tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in EDITABLE_FIELDS
        if before.get(name) != after.get(name)
    )
    if not changes:
        return {"summary": "Je hebt nog niets veranderd aan de velden van dit instrument."}
    assert effective is not None
    return Draft(changed, latest.number, changes, effective, reason, announcement)


@dataclass(frozen=True)
class _FieldError:
    text: str


def _parse_field(name: str, text: str) -> Any:
    if not text:
        if name in OPTIONAL_FIELDS:
            return [] if name == "amounts" else None
        return _FieldError("Vul dit veld in.")
    if name in DATE_FIELDS:
        day = _parse_date(text)
        return day if day is not None else _FieldError("Geen geldige datum (JJJJ-MM-DD).")
    if name == "amounts":
        return _parse_amounts(text)
    return text


def _parse_amounts(text: str) -> Any:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return _FieldError("Dit is geen geldige lijst. Houd de vorm aan: '- label: …' per bedrag.")
    if not isinstance(loaded, list) or not all(isinstance(a, dict) for a in loaded):
        return _FieldError("Zet elk bedrag als '- label: …' op een eigen regel.")
    amounts = []
    for n, raw in enumerate(loaded, start=1):
        try:
            amounts.append(Amount.model_validate(raw).model_dump(mode="json", exclude_none=True))
        except ValidationError as exc:
            return _FieldError(f"Bedrag {n}: {_dutch(exc.errors()[0])}")
    return amounts


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _field_errors(exc: ValidationError, fields: list[str]) -> FieldErrors:
    errors: FieldErrors = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = str(loc[0]) if loc else ""
        if name not in EDITABLE_FIELDS:
            message = str(error.get("msg", ""))
            name = "valid_until" if "valid_until" in message else fields[0]
        errors.setdefault(name, _dutch(error))
    return errors


def _dutch(error: Mapping[str, Any]) -> str:
    """A pydantic error in Dutch; the models' own messages are Dutch already."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_too_long":
        return f"Maximaal {ctx.get('max_length')} tekens."
    if kind == "string_too_short":
        return f"Minimaal {ctx.get('min_length')} tekens."
    if kind == "missing":
        return f"'{error.get('loc', ('?',))[-1]}' ontbreekt."
    if kind == "extra_forbidden":
        return f"Onbekend veld '{error.get('loc', ('?',))[-1]}'."
    if kind.startswith(("float", "int")):
        return f"'{error.get('loc', ('?',))[-1]}' moet een getal zijn."
    if kind.startswith("date"):
        return f"'{error.get('loc', ('?',))[-1]}' moet een datum zijn (JJJJ-MM-DD)."
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return "Deze waarde klopt niet."


# -- announcements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Announcement:
    """What the updates channel is told about an applied change; rendered by the bot."""

    proposal_id: int
    instrument_id: str
    instrument_name: str
    effective_from: dt.date
    changes: tuple[FieldChange, ...]
    municipalities: tuple[str, ...]
    everywhere: bool
    note: str | None
    reason: str
    proposed_by: str
    approved_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "proposal_id": self.proposal_id,
            "instrument_id": self.instrument_id,
            "instrument_name": self.instrument_name,
            "effective_from": self.effective_from.isoformat(),
            "changes": [[c.field, c.old, c.new] for c in self.changes],
            "municipalities": list(self.municipalities),
            "everywhere": self.everywhere,
            "note": self.note,
            "reason": self.reason,
            "proposed_by": self.proposed_by,
            "approved_by": self.approved_by,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Announcement:
        return cls(
            proposal_id=int(data["proposal_id"]),
            instrument_id=data["instrument_id"],
            instrument_name=data["instrument_name"],
            effective_from=dt.date.fromisoformat(data["effective_from"]),
            changes=tuple(FieldChange(f, old, new) for f, old, new in data["changes"]),
            municipalities=tuple(data["municipalities"]),
            everywhere=bool(data["everywhere"]),
            note=data.get("note"),
            reason=data["reason"],
            proposed_by=data["proposed_by"],
            approved_by=data["approved_by"],
        )


def municipalities_for(
    catalogue: Catalogue, instrument: Instrument
) -> tuple[tuple[str, ...], bool]:
    """The names of the municipalities a change reaches, and whether that is all of them."""
    if instrument.is_local:
        place = catalogue.municipalities.get(instrument.municipality or "")
        return ((place.name if place else str(instrument.municipality)),), False
    return tuple(m.name for m in catalogue.municipalities.values()), True


# -- the desk ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """The outcome of approving or rejecting: the proposal as it is now, or why not."""

    proposal: Proposal | None
    refusal: Refusal | None = None
    applied: Version | None = None
    announcement_id: int | None = None


@dataclass(frozen=True)
class Applied:
    proposal: Proposal
    version: Version | None
    announcement_id: int | None


@dataclass
class Stale:
    """Pending proposals to remind their approvers of, and to escalate to every coordinator."""

    remind: list[Proposal] = field(default_factory=list)
    escalate: list[Proposal] = field(default_factory=list)


def _own_connection(catalogue: Catalogue) -> sqlite_utils.Database:
    """A connection of our own to the catalogue's file, so our transactions stay ours.

    An in-memory catalogue can only be shared."""
    rows = catalogue.db.execute("PRAGMA database_list").fetchall()
    path = next((row[2] for row in rows if row[1] == "main"), "")
    return open_db(path) if path else catalogue.db


class ChangeDesk:
    """Proposals, decisions and applied versions, stored beside the catalogue."""

    def __init__(
        self,
        catalogue: Catalogue,
        roles: Roles,
        outbox: Outbox | None = None,
        updates_channel: str | None = None,
        clock: Clock = amsterdam_now,
        db: sqlite_utils.Database | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.roles = roles
        self.clock = clock
        self.db = db or _own_connection(catalogue)
        self.outbox = outbox or Outbox(self.db, clock=clock)
        self.updates_channel = updates_channel
        self._lock = threading.RLock()
        _create_tables(self.db)

    def today(self) -> dt.date:
        return self.clock().astimezone(AMSTERDAM).date()

    def _now(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    # -- proposing -------------------------------------------------------------------------

    def may_propose(self, user: str, instrument_id: str) -> Refusal | None:
        if not self.roles.is_coordinator(user):
            return Refusal.NOT_COORDINATOR
        history = self.catalogue.history(instrument_id)
        if not history:
            return Refusal.UNKNOWN_INSTRUMENT
        if not self.roles.may_propose(user, history[-1].instrument):
            return Refusal.NOT_YOUR_INSTRUMENT
        return None

    def propose(self, user: str, draft: Draft) -> Proposal | Refusal:
        refusal = self.may_propose(user, draft.instrument.id)
        if refusal is not None:
            return refusal
        with self._lock, self.db.conn:
            cursor = self.db.conn.execute(
                "insert into proposals (instrument_id, instrument_name, base_version, changes,"
                " effective_from, reason, announcement, proposed_by, status, created_at)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    draft.instrument.id,
                    draft.instrument.name,
                    draft.base_version,
                    json.dumps([[c.field, c.old, c.new] for c in draft.changes]),
                    draft.effective_from.isoformat(),
                    draft.reason,
                    draft.announcement,
                    user,
                    Status.PENDING.value,
                    self._now(),
                ],
            )
            proposal_id = int(cursor.lastrowid or 0)
        log.info("proposal=%s instrument=%s proposed", proposal_id, draft.instrument.id)
        proposal = self.get(proposal_id)
        assert proposal is not None
        return proposal

    def approvers(self, proposal: Proposal) -> list[str]:
        instrument = self._latest(proposal.instrument_id)
        return self.roles.approvers(proposal.proposed_by, instrument) if instrument else []

    # -- deciding --------------------------------------------------------------------------

    def approve(self, user: str, proposal_id: int) -> Decision:
        """Approve (checked against the roles); applied at once when its date has come."""
        with self._lock:
            refusal = self._decide(user, proposal_id, Status.APPROVED, None)
            if refusal is not None:
                return Decision(self.get(proposal_id), refusal)
            approved = self.get(proposal_id)
            assert approved is not None
            if approved.effective_from > self.today():
                return Decision(approved)
            done = self._apply(approved)
            return Decision(self.get(proposal_id), None, done.version, done.announcement_id)

    def reject(self, user: str, proposal_id: int, reason: str) -> Decision:
        with self._lock:
            refusal = self._decide(user, proposal_id, Status.REJECTED, reason.strip()[:MAX_REASON])
            return Decision(self.get(proposal_id), refusal)

    def _decide(
        self, user: str, proposal_id: int, status: Status, reason: str | None
    ) -> Refusal | None:
        """Record an approval or rejection (a pending proposal only); the refusal if not allowed."""
        proposal, refusal = self._decidable(user, proposal_id)
        if proposal is None:
            return refusal
        with self.db.conn:
            self.db.conn.execute(
                "update proposals set status = ?, decided_by = ?, decided_at = ?,"
                " reject_reason = coalesce(?, reject_reason) where id = ? and status = ?",
                [status.value, user, self._now(), reason, proposal_id, Status.PENDING.value],
            )
        log.info("proposal=%s %s", proposal_id, status.value)
        return None

    def may_decide(self, user: str, proposal_id: int) -> Refusal | None:
        return self._decidable(user, proposal_id)[1]

    def _decidable(self, user: str, proposal_id: int) -> tuple[Proposal | None, Refusal | None]:
        if not self.roles.is_coordinator(user):
            return None, Refusal.NOT_COORDINATOR
        proposal = self.get(proposal_id)
        if proposal is None:
            return None, Refusal.UNKNOWN_PROPOSAL
        if proposal.status is not Status.PENDING:
            return None, Refusal.ALREADY_DECIDED
        instrument = self._latest(proposal.instrument_id)
        if instrument is None:
            return None, Refusal.UNKNOWN_INSTRUMENT
        refusal = self.roles.approval_refusal(user, proposal.proposed_by, instrument)
        if refusal is not None:
            return None, refusal
        if proposal.apply_to(instrument) is None:
            return None, Refusal.CHANGED_MEANWHILE
        return proposal, None

    # -- applying --------------------------------------------------------------------------

    def apply_due(self) -> list[Applied]:
        """Apply every approved proposal whose effective date has come (oldest first)."""
        rows = self.db.execute(
            "select id from proposals where status = ? and effective_from <= ? order by id",
            [Status.APPROVED.value, self.today().isoformat()],
        ).fetchall()
        done = []
        with self._lock:
            for (proposal_id,) in rows:
                proposal = self.get(proposal_id)
                if proposal is not None and proposal.status is Status.APPROVED:
                    done.append(self._apply(proposal))
        return done

    def _apply(self, proposal: Proposal) -> Applied:
        """Record the version, then mark the proposal applied and queue its announcement.

        The version and the mark are two transactions (the store owns the first). After a
        crash between them the version is recognised by `_recorded` and not written twice.
        """
        history = self.catalogue.history(proposal.instrument_id)
        version = self._recorded(proposal, history)
        if version is None:
            latest = history[-1]
            changed = proposal.apply_to(latest.instrument)
            if changed is None:
                self._set_status(proposal.id, Status.CONFLICT)
                log.warning("proposal=%s conflicts with a newer version", proposal.id)
                return Applied(proposal, None, None)
            effective = max(proposal.effective_from, latest.effective_from)
            version = self.catalogue.add_version(
                changed,
                effective,
                proposal.proposed_by,
                proposal.decided_by,
                proposal.summary_line(),
            )
        announcement = self._announcement(proposal, version)
        with self.db.conn:
            self.db.conn.execute(
                "update proposals set status = ?, version = ? where id = ? and status = ?",
                [Status.APPLIED.value, version.number, proposal.id, Status.APPROVED.value],
            )
            entry_id = None
            if self.updates_channel:
                entry_id = self.outbox.add(
                    f"proposal:{proposal.id}", self.updates_channel, announcement.to_json()
                )
        if not self.updates_channel:
            log.warning(
                "TOOLBOX_UPDATES_CHANNEL is not set: proposal=%s not announced", proposal.id
            )
        log.info(
            "proposal=%s applied instrument=%s version=%s",
            proposal.id,
            proposal.instrument_id,
            version.number,
        )
        applied = self.get(proposal.id)
        assert applied is not None
        return Applied(applied, version, entry_id)

    def _recorded(self, proposal: Proposal, history: list[Version]) -> Version | None:
        reason = proposal.summary_line()
        for version in history:
            if (
                version.number > proposal.base_version
                and version.proposed_by == proposal.proposed_by
                and version.approved_by == proposal.decided_by
                and version.reason == reason
            ):
                return version
        return None

    def _announcement(self, proposal: Proposal, version: Version) -> Announcement:
        names, everywhere = municipalities_for(self.catalogue, version.instrument)
        return Announcement(
            proposal_id=proposal.id,
            instrument_id=proposal.instrument_id,
            instrument_name=version.instrument.name,
            effective_from=version.effective_from,
            changes=proposal.changes,
            municipalities=names,
            everywhere=everywhere,
            note=proposal.announcement,
            reason=proposal.reason,
            proposed_by=proposal.proposed_by,
            approved_by=proposal.decided_by or "",
        )

    # -- waiting too long ------------------------------------------------------------------

    def stale(self) -> Stale:
        """Pending proposals past REMIND_AFTER (not reminded) or ESCALATE_AFTER (not escalated)."""
        now = self.clock()
        found = Stale()
        for proposal in self.proposals(Status.PENDING):
            waited = now - proposal.created_at
            if waited >= ESCALATE_AFTER and proposal.escalated_at is None:
                found.escalate.append(proposal)
            elif waited >= REMIND_AFTER and proposal.reminded_at is None:
                found.remind.append(proposal)
        return found

    def mark_reminded(self, proposal_id: int) -> None:
        self._stamp(proposal_id, "reminded_at")

    def mark_escalated(self, proposal_id: int) -> None:
        self._stamp(proposal_id, "escalated_at")

    def _stamp(self, proposal_id: int, column: str) -> None:
        assert column in ("reminded_at", "escalated_at")
        with self._lock, self.db.conn:
            self.db.conn.execute(
                f"update proposals set {column} = ? where id = ?", [self._now(), proposal_id]
            )

    # -- reading ---------------------------------------------------------------------------

    def get(self, proposal_id: int) -> Proposal | None:
        row = self.db.execute(f"select {_COLUMNS} from proposals where id = ?", [proposal_id])
        found = row.fetchone()
        return _proposal(found) if found else None

    def proposals(self, status: Status | None = None) -> list[Proposal]:
        if status is None:
            rows = self.db.execute(f"select {_COLUMNS} from proposals order by id").fetchall()
        else:
            rows = self.db.execute(
                f"select {_COLUMNS} from proposals where status = ? order by id", [status.value]
            ).fetchall()
        return [_proposal(row) for row in rows]

    def waiting_for(self, user: str) -> list[Proposal]:
        """Pending proposals this user may decide on."""
        return [p for p in self.proposals(Status.PENDING) if self.may_decide(user, p.id) is None]

    def remember_message(self, proposal_id: int, channel: str, ts: str) -> None:
        """A message with buttons for this proposal, to update once it is decided."""
        with self._lock, self.db.conn:
            self.db.conn.execute(
                "insert or ignore into proposal_messages (proposal_id, channel, ts)"
                " values (?, ?, ?)",
                [proposal_id, channel, ts],
            )

    def messages(self, proposal_id: int) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "select channel, ts from proposal_messages where proposal_id = ? order by rowid",
            [proposal_id],
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def _latest(self, instrument_id: str) -> Instrument | None:
        history = self.catalogue.history(instrument_id)
        return history[-1].instrument if history else None

    def _set_status(self, proposal_id: int, status: Status) -> None:
        with self._lock, self.db.conn:
            self.db.conn.execute(
                "update proposals set status = ? where id = ?", [status.value, proposal_id]
            )


_COLUMNS = (
    "id, instrument_id, instrument_name, base_version, changes, effective_from, reason,"
    " announcement, proposed_by, status, created_at, decided_by, decided_at, reject_reason,"
    " version, reminded_at, escalated_at"
)


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _proposal(row: sqlite3.Row | tuple[Any, ...]) -> Proposal:
    created = _when(row[10])
    assert created is not None
    return Proposal(
        id=row[0],
        instrument_id=row[1],
        instrument_name=row[2],
        base_version=row[3],
        changes=tuple(FieldChange(f, old, new) for f, old, new in json.loads(row[4])),
        effective_from=dt.date.fromisoformat(row[5]),
        reason=row[6],
        announcement=row[7],
        proposed_by=row[8],
        status=Status(row[9]),
        created_at=created,
        decided_by=row[11],
        decided_at=_when(row[12]),
        reject_reason=row[13],
        version=row[14],
        reminded_at=_when(row[15]),
        escalated_at=_when(row[16]),
    )


def _create_tables(db: sqlite_utils.Database) -> None:
    with db.conn:
        db.conn.execute(
            "create table if not exists proposals ("
            " id integer primary key autoincrement,"
            " instrument_id text not null, instrument_name text not null,"
            " base_version integer not null, changes text not null,"
            " effective_from text not null, reason text not null, announcement text,"
            " proposed_by text not null, status text not null, created_at text not null,"
            " decided_by text, decided_at text, reject_reason text, version integer,"
            " reminded_at text, escalated_at text)"
        )
        db.conn.execute(
            "create table if not exists proposal_messages ("
            " proposal_id integer not null, channel text not null, ts text not null,"
            " unique (proposal_id, channel, ts))"
        )
