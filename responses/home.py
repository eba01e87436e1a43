"""The App Home tab: the Toolbox by scope and provider, and the latest changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from catalogue.models import Instrument, Scope
from catalogue.query import ChangeNote
from catalogue.store import Catalogue
from responses.format import date_nl, escape_mrkdwn
from responses.guard import enforce_view_limits
from responses.ids import SITUATION_OPEN
from responses.message import Block

SCOPE_TITLES = {
    Scope.NATIONAL: "Landelijk",
    Scope.REGIONAL: "Regionaal (Haaglanden en Zuid-Holland Centraal)",
    Scope.LOCAL: "Lokaal (alleen in die gemeente)",
}
MAX_CHANGES = 5


def home_view(
    catalogue: Catalogue,
    on: dt.date,
    changes: Sequence[ChangeNote],
    extra_blocks: Sequence[Block] = (),
) -> dict[str, Any]:
    """The Home tab for one adviser; `extra_blocks` (e.g. a coordinator's queue) go on top."""
    instruments = sorted(catalogue.current(on), key=lambda i: (i.rank, i.name))
    blocks: list[Block] = [
        _header("Toolbox werkgeversinstrumenten"),
        _context(f"Stand van {date_nl(on)}. Stel je vraag met `/toolbox` of in een bericht."),
        {
            "type": "actions",
            "block_id": "home_actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": SITUATION_OPEN,
                    "text": {"type": "plain_text", "text": "Situatiecheck"},
                    "style": "primary",
                }
            ],
        },
        *extra_blocks,
        _header("Laatste wijzigingen"),
        _changes_section(changes),
    ]
    for scope, title in SCOPE_TITLES.items():
        in_scope = [i for i in instruments if i.scope == scope]
        if not in_scope:
            continue
        blocks += [{"type": "divider"}, _header(title)]
        for group, members in _grouped(catalogue, in_scope, scope):
            lines = "\n".join(
                f"• *{escape_mrkdwn(i.name)}*: {escape_mrkdwn(i.summary)}" for i in members
            )
            blocks.append(_section(f"*{escape_mrkdwn(group)}*\n{lines}"))
    return enforce_view_limits({"type": "home", "blocks": blocks})


def _grouped(
    catalogue: Catalogue, instruments: list[Instrument], scope: Scope
) -> list[tuple[str, list[Instrument]]]:
    """Local instruments by municipality, the others by provider, in order of first rank."""
    groups: dict[str, list[Instrument]] = {}
    for instrument in instruments:
        if scope == Scope.LOCAL:
            place = catalogue.municipalities.get(instrument.municipality or "")
            key = place.name if place else str(instrument.municipality)
        else:
            provider = catalogue.providers.get(instrument.provider)
            key = provider.name if provider else instrument.provider
        groups.setdefault(key, []).append(instrument)
    return list(groups.items())


def _changes_section(changes: Sequence[ChangeNote]) -> Block:
    if not changes:
        return _section("Geen recente wijzigingen.")
    lines = [
        f"• {date_nl(c.effective_from)}, *{escape_mrkdwn(c.name)}*: {escape_mrkdwn(c.summary)}"
        for c in changes[:MAX_CHANGES]
    ]
    return _section("\n".join(lines))


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
