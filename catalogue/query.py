"""What was asked (`Query`) and what the catalogue found (`Finding`).

`intents/` produces a Query, `catalogue.answers` turns it into a Finding, `responses/` renders
the Finding. None of them knows about Slack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from catalogue.models import Change, Instrument, TargetGroup, Term


class Intent(StrEnum):
    ADVISE = "advise"
    EXPLAIN = "explain"
    COMPARE = "compare"
    LOCAL = "local"
    LIST = "list"
    CHANGES = "changes"
    FACTSHEET = "factsheet"
    HELP = "help"
    CLARIFY = "clarify"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Option:
    """A likely reading of an unclear question, offered back as a button."""

    label: str
    question: str


@dataclass(frozen=True)
class Query:
    """A question, understood: what is asked about, for whom, where and on which date."""

    text: str
    intent: Intent
    on: dt.date
    instruments: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    target_group: str | None = None
    groups: tuple[str, ...] = ()
    municipality: str | None = None
    provider: str | None = None
    scope: str | None = None
    confidence: float = 1.0
    options: tuple[Option, ...] = ()
    details: bool = False
    age: int | None = None
    abbreviations: tuple[tuple[str, str], ...] = ()
    terms: tuple[str, ...] = ()
    aspect: str | None = None
    """The part of an instrument asked about: duration, amounts, apply or conditions."""
    aspect_only: bool = False
    """A short follow-up gets just that part; a first question gets it first."""
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Applicable:
    """One instrument in an answer, with the reason it is there."""

    instrument: Instrument
    reason: str
    local: bool = False


@dataclass(frozen=True)
class Excluded:
    """An instrument the adviser might expect, named only to say why it does not apply."""

    instrument: Instrument
    reason: str


@dataclass
class Finding:
    """What the catalogue says about a Query; `responses/` only renders this."""

    query: Query
    items: list[Applicable] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    ended: list[Instrument] = field(default_factory=list)
    successors: dict[str, list[Instrument]] = field(default_factory=dict)
    unknowns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[ChangeNote] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    group: TargetGroup | None = None
    change_sources: list[Change] = field(default_factory=list)
    group_instruments: list[Instrument] = field(default_factory=list)

    @property
    def instrument_ids(self) -> list[str]:
        """The instruments the answer is about, best first.

        An ended instrument counts when the question was about it (explaining that it is gone
        is the answer), never in an advice.
        """
        ids = [item.instrument.id for item in self.items]
        if self.query.intent in (Intent.EXPLAIN, Intent.CHANGES, Intent.FACTSHEET):
            ids += [i.id for i in self.ended if i.id not in ids]
        return ids


@dataclass(frozen=True)
class ChangeNote:
    """One change in the catalogue's history, for the `changes` intent."""

    instrument_id: str
    name: str
    effective_from: dt.date
    summary: str
