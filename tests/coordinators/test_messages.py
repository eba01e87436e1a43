"""What coordinators and advisers see: within Slack's limits, escaped, generated from the change."""

from __future__ import annotations

import datetime as dt

from bot.listeners.coordinators import coordinator_home_blocks
from catalogue.changes import Announcement, FieldChange, Proposal, Status
from responses.coordinators import announcement, approval_request
from tests.bot.conftest import assert_valid_message
from tests.coordinators.conftest import ADVISER, HAAGLANDEN, ZHC, Toolbox

LONG = "Een lange factsheet. " * 200


def a_proposal(**extra: object) -> Proposal:
    values: dict[str, object] = {
        "id": 7,
        "instrument_id": "no-riskpolis",
        "instrument_name": "No-riskpolis",
        "base_version": 1,
        "changes": (
            FieldChange("factsheet", "Kort.", LONG),
            FieldChange("valid_until", None, "2027-07-01"),
        ),
        "effective_from": dt.date(2027, 1, 1),
        "reason": "Nieuwe wet <!channel>",
        "announcement": "Lees dit <!here> & deel het",
        "proposed_by": HAAGLANDEN,
        "status": Status.PENDING,
        "created_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    }
    values.update(extra)
    return Proposal(**values)  # type: ignore[arg-type]


def test_approval_request_fits_and_escapes() -> None:
    message = approval_request(a_proposal(), waited_days=4)
    body = {"text": message.text, "blocks": message.blocks}

    assert_valid_message(body)
    assert "<!channel>" not in str(body) and "<!here>" not in str(body)
    assert "Herinnering" in message.text
    fields = [f["text"] for b in message.blocks for f in b.get("fields", [])]
    assert fields and all(len(text) <= 2000 for text in fields)
    assert any("1 juli 2027" in text for text in fields)


def test_announcement_names_the_change_the_date_and_the_places() -> None:
    item = Announcement(
        proposal_id=7,
        instrument_id="no-riskpolis",
        instrument_name="No-riskpolis",
        effective_from=dt.date(2027, 1, 1),
        changes=(FieldChange("duration", "Vijf jaar.", "Zes jaar."),),
        municipalities=("Den Haag",),
        everywhere=False,
        note="Lees dit <!here>",
        reason="Nieuwe wet",
        proposed_by=HAAGLANDEN,
        approved_by=ZHC,
    )

    message = announcement(item, entry_id=3, read_count=2)
    shown = str(message.blocks)

    assert_valid_message({"text": message.text, "blocks": message.blocks})
    assert "1 januari 2027" in shown and "Den Haag" in shown
    assert "Vijf jaar." in shown and "Zes jaar." in shown
    assert "<!here>" not in shown and "Gelezen door 2 collega's" in shown
    assert Announcement.from_json(item.to_json()) == item


def test_app_home_shows_coordinators_what_waits_for_them(toolbox: Toolbox) -> None:
    assert toolbox.propose(HAAGLANDEN, "loonkostensubsidie", duration="Zolang als nodig.") == {}

    for_zhc = str(coordinator_home_blocks(toolbox.services, ZHC))

    assert "Loonkostensubsidie" in for_zhc
    assert "geen voorstellen" in str(coordinator_home_blocks(toolbox.services, HAAGLANDEN))
    assert coordinator_home_blocks(toolbox.services, ADVISER) == []
