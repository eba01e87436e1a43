"""The proposal form: the current values, and every mistake shown on the field it concerns."""

from __future__ import annotations

import datetime as dt

import pytest

from catalogue.changes import EDITABLE_FIELDS, amounts_text, draft_change, form_values
from catalogue.store import Catalogue
from responses.coordinators import proposal_modal
from responses.ids import PROPOSE_OPEN
from tests.bot.conftest import buttons_of
from tests.coordinators.conftest import HAAGLANDEN, Toolbox, wait_until

TODAY = dt.date(2026, 12, 4)


def test_form_shows_the_current_values_of_every_editable_field(catalogue: Catalogue) -> None:
    current = catalogue.history("loonkostensubsidie")[-1]

    view = proposal_modal(current.instrument, current.number, TODAY)

    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert {f"proposal_{name}" for name in EDITABLE_FIELDS} <= set(inputs)
    assert inputs["proposal_summary"]["initial_value"] == current.instrument.summary
    assert "Maximale loonkostensubsidie" in inputs["proposal_amounts"]["initial_value"]
    assert inputs["proposal_effective_from"]["initial_date"] == TODAY.isoformat()
    assert len(view["blocks"]) <= 100 and len(view["title"]["text"]) <= 24


def test_every_instrument_fits_the_form(catalogue: Catalogue) -> None:
    for ref in catalogue.ids():
        values = form_values(catalogue.history(ref)[-1].instrument)
        assert all(len(text) <= 3000 for text in values.values()), ref


def test_unchanged_form_round_trips_to_no_change(catalogue: Catalogue) -> None:
    for ref in catalogue.ids():
        form = {**form_values(catalogue.history(ref)[-1].instrument)}
        form.update(effective_from=TODAY.isoformat(), reason="Niets")
        assert draft_change(catalogue, ref, form, TODAY) == {
            "summary": "Je hebt nog niets veranderd aan de velden van dit instrument."
        }, ref


LONG = "x" * 3001


@pytest.mark.parametrize(
    ("changes", "block", "says"),
    [
        ({"summary": "Kort maar te lang. " * 20}, "proposal_summary", "Maximaal 300"),
        ({"summary": "Kort"}, "proposal_summary", "Minimaal 10"),
        ({"factsheet": LONG}, "proposal_factsheet", "Maximaal 3000"),
        ({"how_to_apply": None}, "proposal_how_to_apply", "Vul dit veld in"),
        ({"amounts": "- label: [kapot"}, "proposal_amounts", "geen geldige lijst"),
        ({"amounts": "- label: Bonus\n  value: 10"}, "proposal_amounts", "valid_from"),
        ({"amounts": "- label: Bonus\n  value: tien"}, "proposal_amounts", "getal"),
        ({"valid_until": "2010-01-01"}, "proposal_valid_until", "valid_until"),
        ({"reason": None}, "proposal_reason", "Geef een reden"),
        ({"reason": "r" * 301}, "proposal_reason", "Maximaal 300"),
        ({"announcement": "a" * 1501}, "proposal_announcement", "Maximaal 1500"),
        ({"effective_from": None}, "proposal_effective_from", "Kies de datum"),
        ({"effective_from": "2030-01-01"}, "proposal_effective_from", "binnen twee jaar"),
        ({}, "proposal_summary", "niets veranderd"),
    ],
)
def test_a_mistake_is_shown_on_its_field(
    toolbox: Toolbox, changes: dict[str, str | None], block: str, says: str
) -> None:
    view = toolbox.open_form(HAAGLANDEN, "loonkostensubsidie")
    changes = {"reason": "Test", **changes}

    ack = toolbox.submit(view, HAAGLANDEN, **changes)

    assert ack["response_action"] == "errors"
    assert block in ack["errors"], ack["errors"]
    assert says in ack["errors"][block]
    assert toolbox.coordination.desk.proposals() == []


def test_new_amounts_are_read_from_the_text(toolbox: Toolbox) -> None:
    current = toolbox.services.catalogue.history("lkv-oudere-werknemer")[-1].instrument
    amounts = [a.model_dump(mode="json", exclude_none=True) for a in current.amounts]
    amounts[0]["value"] = amounts[0]["value"] + 1
    view = toolbox.open_form(HAAGLANDEN, "lkv-oudere-werknemer")

    ack = toolbox.submit(view, HAAGLANDEN, amounts=amounts_text(amounts), reason="Nieuw bedrag")

    assert ack == {}
    (change,) = toolbox.coordination.desk.proposals()[-1].changes
    assert change.field == "amounts" and change.new[0]["value"] == amounts[0]["value"]


def test_a_form_opened_before_another_change_is_refused(toolbox: Toolbox) -> None:
    stale_view = toolbox.open_form(HAAGLANDEN, "loonkostensubsidie")
    desk = toolbox.coordination.desk
    latest = desk.catalogue.history("loonkostensubsidie")[-1].instrument
    desk.catalogue.add_version(
        latest.model_copy(update={"duration": "Anders."}), TODAY, "U9", "U8", "Elders gewijzigd"
    )

    ack = toolbox.submit(stale_view, HAAGLANDEN, summary="Een nieuwe samenvatting van dit.")

    assert ack["response_action"] == "errors"
    assert "intussen gewijzigd" in ack["errors"]["proposal_reason"]


@pytest.mark.parametrize(
    ("text", "buttons"), [("wijzig lkv", 4), ("wijzig jobcoach", 2), ("wijzig", 0)]
)
def test_an_unclear_name_asks_which_instrument(toolbox: Toolbox, text: str, buttons: int) -> None:
    toolbox.command(text, HAAGLANDEN, reply="which")

    reply = wait_until(lambda: toolbox.replies("which"))[0].body
    assert "Welk instrument" in reply["text"]
    assert len(buttons_of(reply)) == buttons
    assert toolbox.standin.calls("views.open") == []


def test_a_choice_button_opens_the_form_for_that_instrument(toolbox: Toolbox) -> None:
    toolbox.command("wijzig no risk polis", HAAGLANDEN)
    named = toolbox.standin.wait_for("views.open")[0].body["view"]

    toolbox.click(HAAGLANDEN, f"{PROPOSE_OPEN}:jobcoach-uwv", "jobcoach-uwv")
    clicked = toolbox.standin.wait_for("views.open", 2)[-1].body["view"]

    assert '"i": "no-riskpolis"' in named["private_metadata"]
    assert '"i": "jobcoach-uwv"' in clicked["private_metadata"]
