"""A coordinator's details carry "Wijziging voorstellen"; an adviser's do not."""

from __future__ import annotations

import json

import pytest

from responses.ids import DETAILS, PROPOSE_OPEN
from responses.state import encode
from tests.coordinators.conftest import ADVISER, HAAGLANDEN, Toolbox, wait_until


@pytest.mark.parametrize(("user", "offered"), [(HAAGLANDEN, True), (ADVISER, False)])
def test_details_offer_a_change_proposal_to_coordinators_only(
    toolbox: Toolbox, user: str, offered: bool
) -> None:
    toolbox.click(user, f"{DETAILS}:no-riskpolis", encode(["no-riskpolis"]), reply="details")
    replies = wait_until(lambda: toolbox.replies("details"))
    assert replies, "the details were not answered"
    sent = json.dumps(replies[-1].body)
    assert "No-riskpolis" in sent
    assert (PROPOSE_OPEN in sent) is offered
