"""The question pipeline: text -> Query (intents) -> Finding (catalogue) -> Message (responses).

This module is the one place surfaces call; it imports no Slack code, so the CLI, the console
and the Slack listeners all answer the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from catalogue.answers import answer_query
from catalogue.query import Finding, Query
from catalogue.store import Catalogue
from catalogue.today import today
from intents.followup import Previous, follow_up
from intents.parser import QuestionParser
from responses.message import Message
from responses.render import render


@dataclass
class Answer:
    query: Query
    finding: Finding
    message: Message

    def to_json(self) -> dict[str, Any]:
        """The command-line contract of DESIGN.md."""
        return {
            "intent": self.query.intent.value,
            "instruments": self.finding.instrument_ids,
            "target_group": self.query.target_group,
            "municipality": self.query.municipality,
            "text": self.message.text,
            "blocks": self.message.blocks,
        }


class Assistant:
    """Answers questions against one catalogue; build once, ask many times."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.parser = QuestionParser(catalogue)

    def understand(
        self, text: str, municipality: str | None = None, on: dt.date | None = None
    ) -> Query:
        return self.parser.parse(text, on=on or today(), municipality=municipality)

    def ask(
        self,
        text: str,
        municipality: str | None = None,
        on: dt.date | None = None,
        details: bool = False,
        previous: Previous | None = None,
    ) -> Answer:
        """Answer one question; `previous` is what this conversation's last answer was about."""
        query = follow_up(self.understand(text, municipality=municipality, on=on), previous)
        if details:
            query = _with_details(query)
        return self.answer(query)

    def answer(self, query: Query) -> Answer:
        finding = answer_query(query, self.catalogue)
        return Answer(query, finding, render(finding, self.catalogue))


def _with_details(query: Query) -> Query:
    from dataclasses import replace

    return replace(query, details=True)


def direct_query(
    intent: str,
    instruments: list[str],
    municipality: str | None = None,
    on: dt.date | None = None,
    details: bool = False,
    text: str = "",
) -> Query:
    """A Query for a button or subcommand that already knows what is asked (no parsing)."""
    from catalogue.query import Intent

    return Query(
        text=text,
        intent=Intent(intent),
        on=on or today(),
        instruments=tuple(instruments),
        municipality=municipality,
        details=details,
    )
