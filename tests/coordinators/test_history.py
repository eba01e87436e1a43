"""No version is lost: history in order, answers per date, export, stale proposals chased."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from bot.cli import main
from catalogue.changes import ChangeDesk, Status
from tests.coordinators.conftest import DEN_HAAG, HAAGLANDEN, ZHC, Toolbox, wait_until

REGIONAL = "loonkostensubsidie"


def approve_change(
    toolbox: Toolbox, proposer: str, approver: str, on: dt.date, **fields: str
) -> int:
    assert toolbox.propose(proposer, REGIONAL, on, reason=f"Wijziging {on}", **fields) == {}
    desk = toolbox.coordination.desk
    proposal_id = desk.proposals()[-1].id
    toolbox.approve(approver, proposal_id)
    settled = (Status.APPLIED, Status.CONFLICT) if on <= toolbox.clock.today else (Status.APPROVED,)
    wait_until(lambda: desk.get(proposal_id).status in settled)
    return proposal_id


def test_history_keeps_every_version_in_order(toolbox: Toolbox) -> None:
    today = toolbox.clock.today
    approve_change(toolbox, HAAGLANDEN, ZHC, today, duration="Eerste nieuwe duur.")
    approve_change(toolbox, ZHC, HAAGLANDEN, today, contact="Het Werkgeversservicepunt.")
    later = today + dt.timedelta(days=30)
    approve_change(toolbox, HAAGLANDEN, ZHC, later, duration="Tweede nieuwe duur.")
    toolbox.clock.advance(days=30)
    toolbox.tick()

    history = toolbox.services.catalogue.history(REGIONAL)

    assert [v.number for v in history] == [1, 2, 3, 4]
    assert [(v.proposed_by, v.approved_by) for v in history[1:]] == [
        (HAAGLANDEN, ZHC),
        (ZHC, HAAGLANDEN),
        (HAAGLANDEN, ZHC),
    ]
    assert [v.effective_from for v in history[1:]] == [today, today, later]
    assert all(v.reason for v in history)
    catalogue = toolbox.services.catalogue
    assert catalogue.instrument(REGIONAL, today).duration == "Eerste nieuwe duur."
    assert catalogue.instrument(REGIONAL, today).contact == "Het Werkgeversservicepunt."
    assert catalogue.instrument(REGIONAL, later).duration == "Tweede nieuwe duur."
    assert catalogue.instrument(REGIONAL, today - dt.timedelta(days=1)) == history[0].instrument
    assert len(toolbox.announcements()) == 3


def test_export_writes_the_current_state_of_the_live_database(
    toolbox: Toolbox, tmp_path: Path
) -> None:
    approve_change(toolbox, HAAGLANDEN, ZHC, toolbox.clock.today, duration="Geëxporteerde duur.")
    out = tmp_path / "instruments"

    assert main(["catalogue", "export", "--db", str(toolbox.db), "--out", str(out)]) == 0

    exported = yaml.safe_load((out / f"{REGIONAL}.yaml").read_text(encoding="utf-8"))
    assert exported["duration"] == "Geëxporteerde duur."


def test_stale_proposals_are_reminded_then_escalated(toolbox: Toolbox) -> None:
    assert toolbox.propose(HAAGLANDEN, REGIONAL, duration="Wacht lang.") == {}
    wait_until(lambda: toolbox.dms(ZHC))
    asked = len(toolbox.dms(ZHC))

    toolbox.clock.advance(days=2)
    assert toolbox.tick().reminded == []
    toolbox.clock.advance(days=1)
    reminded = toolbox.tick().reminded
    toolbox.clock.advance(days=1)
    assert toolbox.tick().reminded == []
    toolbox.clock.advance(days=3)
    escalated = toolbox.tick().escalated
    again = toolbox.tick()

    assert reminded == escalated == [1]
    assert again.reminded == again.escalated == []
    assert "Herinnering" in toolbox.dms(ZHC)[asked].body["text"]
    assert len(toolbox.dms(ZHC)) == asked + 2
    assert [c.body["text"] for c in toolbox.dms(DEN_HAAG)], "escalated to every coordinator"
    assert not [c for c in toolbox.dms(HAAGLANDEN) if "Herinnering" in c.body["text"]]


def test_an_interrupted_apply_does_not_record_the_version_twice(toolbox: Toolbox) -> None:
    desk = toolbox.coordination.desk
    later = toolbox.clock.today + dt.timedelta(days=1)
    proposal_id = approve_change(toolbox, HAAGLANDEN, ZHC, later, duration="Half toegepast.")
    proposal = desk.get(proposal_id)
    assert proposal is not None
    current = desk.catalogue.history(REGIONAL)[-1].instrument
    changed = proposal.apply_to(current)
    assert changed is not None
    desk.catalogue.add_version(  # the crash came after the version and before the mark
        changed, later, proposal.proposed_by, proposal.decided_by, proposal.summary_line()
    )
    toolbox.clock.advance(days=1)

    toolbox.tick()

    assert [v.number for v in desk.catalogue.history(REGIONAL)] == [1, 2]
    assert desk.get(proposal_id).status is Status.APPLIED
    assert len(toolbox.announcements()) == 1


def test_a_change_that_no_longer_fits_is_not_applied(toolbox: Toolbox) -> None:
    desk: ChangeDesk = toolbox.coordination.desk
    later = toolbox.clock.today + dt.timedelta(days=5)
    first = approve_change(toolbox, HAAGLANDEN, ZHC, later, duration="Eerst bedacht.")
    approve_change(toolbox, ZHC, HAAGLANDEN, toolbox.clock.today, duration="Intussen anders.")
    toolbox.clock.advance(days=5)

    toolbox.tick()

    assert desk.get(first).status is Status.CONFLICT
    assert desk.catalogue.instrument(REGIONAL, later).duration == "Intussen anders."
    told = [c for c in toolbox.dms(HAAGLANDEN) if "intussen" in c.body["text"]]
    assert told, "the proposer hears it did not go through"
