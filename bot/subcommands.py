"""`/toolbox` subcommands: which question a command line asks. No Slack code here.

`help`, `vergelijk A B`, `gemeente X`, `factsheet X`, `updates`, `situatie` and `wijzig X` are
words the adviser types first; anything else is a question for the pipeline. Names after a
subcommand are read by the same parser as questions, so aliases and typos work there too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from catalogue.query import Intent, Query

if TYPE_CHECKING:
    from bot.pipeline import Assistant

HELP = "help"
COMPARE = "vergelijk"
MUNICIPALITY = "gemeente"
FACTSHEET = "factsheet"
UPDATES = "updates"
SITUATION = "situatie"
CHANGE = "wijzig"
QUESTION = "vraag"

_WORDS = {
    "help": HELP,
    "hulp": HELP,
    "?": HELP,
    "vergelijk": COMPARE,
    "gemeente": MUNICIPALITY,
    "factsheet": FACTSHEET,
    "updates": UPDATES,
    "wijzigingen": UPDATES,
    "situatie": SITUATION,
    "situatiecheck": SITUATION,
    "wijzig": CHANGE,
}
_QUESTION_INTENTS = {Intent.ADVISE, Intent.EXPLAIN, Intent.COMPARE, Intent.LIST, Intent.FACTSHEET}


@dataclass(frozen=True)
class Command:
    kind: str
    rest: str


def parse_command(text: str) -> Command:
    """The subcommand and what follows it; empty or blank text asks for help."""
    stripped = " ".join((text or "").split())
    if not stripped:
        return Command(HELP, "")
    first, _, rest = stripped.partition(" ")
    kind = _WORDS.get(first.lower())
    if kind is None:
        return Command(QUESTION, stripped)
    return Command(kind, rest)


def command_query(assistant: Assistant, command: Command) -> Query:
    """The Query a subcommand asks; falls back to reading the whole line as a question."""
    from bot.pipeline import direct_query

    if command.kind == HELP:
        return direct_query("help", [], text=command.rest)
    if command.kind == UPDATES:
        return assistant.understand(command.rest) if command.rest else direct_query("changes", [])
    query = assistant.understand(command.rest)
    if command.kind == COMPARE and len(query.instruments) >= 2:
        return replace(query, intent=Intent.COMPARE)
    if command.kind == FACTSHEET and query.instruments:
        return replace(query, intent=Intent.FACTSHEET)
    if command.kind == MUNICIPALITY and query.municipality:
        if query.intent in _QUESTION_INTENTS and (query.instruments or query.target_group):
            return query
        return replace(query, intent=Intent.LOCAL)
    if command.kind in (COMPARE, FACTSHEET, MUNICIPALITY):
        # Not enough to go on: read the whole line, so the parser can ask back (clarify).
        return assistant.understand(f"{command.kind} {command.rest}".strip())
    return query
