"""Hostile input in the coordinators' modal: fields far over the limits, wrongly typed state,
and an announcement text made to ping the channel or link elsewhere.

The modal answers with a Dutch error on the field concerned (only input blocks, as Slack
requires), nothing is proposed, the catalogue is unchanged; a valid but hostile announcement
is posted within Slack's limits without pinging anyone.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import inbound
from catalogue.changes import EDITABLE_FIELDS
from tests.coordinators.conftest import (
    HAAGLANDEN,
    UPDATES,
    ZHC,
    Toolbox,
    clock,
    form_state,
    live_db,
    shipped_db,
    toolbox,
)
from tests.hardening.conftest import (
    assert_clear_dutch,
    assert_shown_within_limits,
    displayed,
    limit_violations,
    wait_until,
)

__all__ = ["clock", "live_db", "shipped_db", "toolbox"]

INSTRUMENT = "loonkostensubsidie"
PINGS = "<!channel> <!here> <!everyone> <@U0000000123> <https://evil.example|klik hier> "


def versions(toolbox: Toolbox) -> list[Any]:
    return [v.instrument for v in toolbox.services.catalogue.history(INSTRUMENT)]


def input_blocks(view: dict[str, Any]) -> set[str]:
    return {b["block_id"] for b in view["blocks"] if b.get("type") == "input"}


def submit_values(toolbox: Toolbox, view: dict[str, Any], values: dict[str, Any]) -> Any:
    payload = inbound.view_submission_payload(view, values, user_id=HAAGLANDEN)
    return toolbox.slack.interaction(payload)


def assert_errors_on_fields(reply: Any, view: dict[str, Any], toolbox: Toolbox) -> dict[str, str]:
    assert reply.status == 200 and reply.seconds < 3
    ack = json.loads(reply.body)
    assert ack["response_action"] == "errors", ack
    errors: dict[str, str] = ack["errors"]
    assert errors and set(errors) <= input_blocks(view), "errors only on input blocks"
    for text in errors.values():
        assert_clear_dutch(text)
        assert len(text) <= 300, "a field error is a short sentence"
    assert toolbox.coordination.desk.proposals() == []
    return errors


@pytest.mark.parametrize("size", [3_001, 20_000, 100_000])
def test_every_field_far_over_its_limit(toolbox: Toolbox, size: int) -> None:
    before = versions(toolbox)
    view = toolbox.open_form(HAAGLANDEN, INSTRUMENT)
    hostile = (PINGS + "\u202e😀\x00 ") * (size // 60 + 1)
    changes = {name: hostile[:size] for name in EDITABLE_FIELDS}
    changes.update(reason=hostile[:size], announcement=hostile[:size])

    reply = submit_values(toolbox, view, form_state(view, changes))

    errors = assert_errors_on_fields(reply, view, toolbox)
    assert {"proposal_reason", "proposal_announcement", "proposal_summary"} <= set(errors)
    assert versions(toolbox) == before


def test_wrongly_typed_modal_state(toolbox: Toolbox) -> None:
    before = versions(toolbox)
    view = toolbox.open_form(HAAGLANDEN, INSTRUMENT)
    values = form_state(view, {"reason": "Test"})
    odd: list[Any] = [12, None, ["lijst"], {"a": 1}, 3.5, True]
    for n, element in enumerate(values[key] for key in sorted(values)):
        state = next(iter(element.values()))
        key = "selected_date" if state["type"] == "datepicker" else "value"
        state[key] = odd[n % len(odd)]
    values["proposal_effective_from"] = {"niet": {"type": "datepicker", "selected_date": "morgen"}}
    values["onbekend_blok"] = {"x": {"type": "plain_text_input", "value": "?"}}

    reply = submit_values(toolbox, view, values)

    assert_errors_on_fields(reply, view, toolbox)
    assert versions(toolbox) == before


def test_proposal_view_without_metadata_or_state(toolbox: Toolbox) -> None:
    view = toolbox.open_form(HAAGLANDEN, INSTRUMENT)
    for broken in ({**view, "private_metadata": "{kapot"}, {**view, "private_metadata": 42}):
        payload = inbound.view_submission_payload(broken, {}, user_id=HAAGLANDEN)
        del payload["view"]["state"]

        reply = toolbox.slack.interaction(payload)

        assert reply.status == 200 and reply.seconds < 3
        ack = json.loads(reply.body)
        shown = ack.get("errors") or {
            "view": " ".join(
                b["text"]["text"] for b in ack["view"]["blocks"] if isinstance(b.get("text"), dict)
            )
        }
        assert_clear_dutch(" ".join(shown.values()))
    assert toolbox.coordination.desk.proposals() == []


def test_hostile_announcement_at_the_limits_is_posted_safely(toolbox: Toolbox) -> None:
    view = toolbox.open_form(HAAGLANDEN, INSTRUMENT)
    note = (PINGS + "Lees dit: " + "Lang" * 60 + " ")[:300] * 5
    ack = toolbox.submit(
        view,
        HAAGLANDEN,
        duration="Zolang nodig. " + PINGS,
        reason=(PINGS + "r" * 300)[:300],
        announcement=note[:1500],
    )
    assert ack == {}, ack
    proposal = toolbox.coordination.desk.proposals()[-1]

    toolbox.approve(ZHC, proposal.id)

    (posted,) = wait_until(toolbox.announcement_posts)
    body = posted.body
    assert limit_violations(body["text"], body["blocks"]) == []
    shown = displayed(body)
    for token in ("<!channel>", "<!here>", "<!everyone>", "<@U0000000123>", "<https://evil"):
        assert token not in shown, f"{token} in an announcement"
    assert body["channel"] == UPDATES
    assert_shown_within_limits(toolbox.standin.posts())
