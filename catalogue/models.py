"""The catalogue's data: plain pydantic models, no behaviour beyond validation.

Every user-facing string in these records is Dutch; field names are English.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60)]


class Scope(StrEnum):
    """Where an instrument applies."""

    NATIONAL = "landelijk"
    REGIONAL = "regionaal"
    LOCAL = "lokaal"


class Record(BaseModel):
    """Base for every catalogue record: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Record):
    """Where a fact comes from and when someone last checked it there."""

    ref: str | None = None
    title: str = Field(min_length=3)
    url: HttpUrl | None = None
    checked: dt.date
    note: str | None = None


class Amount(Record):
    """One figure of what the employer gets. `value` is None when the figure is unknown."""

    label: str = Field(min_length=2)
    value: float | None = None
    unit: str | None = None
    maximum: float | None = None
    maximum_unit: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    ask: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _unknown_says_whom_to_ask(self) -> Amount:
        if self.value is None and not self.ask:
            raise ValueError("bedrag onbekend: vul 'ask' in (bij wie navragen)")
        if self.value is not None and self.valid_from is None:
            raise ValueError("een bedrag heeft een 'valid_from' nodig")
        if self.value is not None and not self.unit:
            raise ValueError("een bedrag heeft een 'unit' nodig")
        return self


class Municipality(Record):
    id: Id
    name: str
    region: Id
    aliases: list[str] = []
    places: list[str] = []


class Region(Record):
    id: Id
    name: str
    aliases: list[str] = []
    neighbours_outside: list[str] = []
    """Nearby places that belong to another labour-market region, so a question about them
    can say so instead of answering as if they were here."""


class TargetGroup(Record):
    id: Id
    name: str
    description: str
    aliases: list[str] = []
    provider: str
    young_note: str | None = None
    """Said when the candidate is young enough that the group may not be what it seems."""


class Term(Record):
    """A word advisers use that is not an instrument (proeftijd, WML, doelgroepverklaring)."""

    id: Id
    name: str
    aliases: list[str] = []
    explanation: str = Field(min_length=10)
    related: list[Id] = []
    sources: list[Source] = Field(min_length=1)


class Change(Record):
    """One dated change to the Toolbox, from the sources (not from a Slack approval)."""

    id: Id
    date: dt.date
    instruments: list[Id] = []
    summary: str = Field(min_length=10)
    sources: list[Source] = Field(min_length=1)

    @property
    def name(self) -> str:
        return self.id


class Provider(Record):
    id: Id
    name: str
    contact: str


class Instrument(Record):
    """One instrument of the Toolbox, or one that no longer exists (see `successor`)."""

    id: Id
    name: str = Field(min_length=2)
    aliases: list[str] = []
    topics: list[str] = []
    scope: Scope
    municipality: Id | None = None
    provider: Id
    provider_note: str | None = None
    target_groups: dict[Id, str] = {}
    not_for: dict[Id, str] = {}
    not_when: dict[Id, str] = {}
    not_when_from: dict[Id, dt.date] = {}
    """From which date a `not_when` exclusion holds (before it, the fact was no obstacle)."""
    for_facts: list[Id] = []
    """Facts of a question (such as "dga", "iva") that make this instrument the one to offer."""
    rank: int = Field(default=50, ge=0, le=100)
    rank_for: dict[Id, int] = {}
    """A different rank for one target group (LKS is not first for the doelgroepregister)."""
    summary: str = Field(min_length=10, max_length=300)
    conditions: list[str] = []
    employer_gets: str = Field(min_length=5)
    amounts: list[Amount] = []
    duration: str
    how_to_apply: str
    deadline: str | None = None
    contact: str
    factsheet: str = Field(min_length=20)
    internal_notes: list[str] = []
    related: list[Id] = []
    compare_points: dict[str, str] = {}
    compare_with: Id | None = None
    """The instrument advisers most often confuse this one with (offered as "Vergelijk")."""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    successor: list[Id] = []
    end_note: str | None = None
    never_in_force: bool = False
    sources: list[Source] = Field(min_length=1)
    owner: str
    review_by: dt.date

    @field_validator("aliases", "topics")
    @classmethod
    def _no_empty_words(cls, words: list[str]) -> list[str]:
        if any(not w.strip() for w in words):
            raise ValueError("lege term in de lijst")
        return words

    @model_validator(mode="after")
    def _scope_and_dates_agree(self) -> Instrument:
        if self.scope is Scope.LOCAL and not self.municipality:
            raise ValueError("een lokaal instrument heeft een 'municipality' nodig")
        if self.scope is not Scope.LOCAL and self.municipality:
            raise ValueError("alleen een lokaal instrument heeft een 'municipality'")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("'valid_until' ligt niet na 'valid_from'")
        overlap = set(self.target_groups) & set(self.not_for)
        if overlap:
            raise ValueError(f"doelgroep zowel in target_groups als not_for: {sorted(overlap)}")
        return self

    @property
    def is_local(self) -> bool:
        return self.scope is Scope.LOCAL

    def excluded_by(self, fact: str, day: dt.date) -> bool:
        """True when the fact rules this instrument out on `day`."""
        since = self.not_when_from.get(fact)
        return fact in self.not_when and (since is None or day >= since)

    def rank_in(self, group: str | None) -> int:
        return self.rank_for.get(group or "", self.rank)

    def current_on(self, day: dt.date) -> bool:
        """True when the instrument exists on `day` (valid_until is the first day it is gone)."""
        if self.never_in_force:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day >= self.valid_until)

    def offered_in(self, municipality: str | None) -> bool:
        """A local instrument only for its own municipality; everything else everywhere."""
        if not self.is_local:
            return True
        return municipality == self.municipality
