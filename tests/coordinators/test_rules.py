"""Who may propose and approve: checked on the server for every request, whatever was shown."""

from __future__ import annotations

import pytest

from bot.settings import parse_coordinators
from catalogue.changes import Refusal, Roles, Status
from catalogue.store import Catalogue
from responses.ids import APPROVE, REJECT
from tests.coordinators.conftest import (
    ADVISER,
    COORDINATORS,
    DEN_HAAG,
    HAAGLANDEN,
    ZHC,
    Toolbox,
    wait_until,
)

REGIONAL = "loonkostensubsidie"
NATIONAL = "no-riskpolis"
LOCAL_DEN_HAAG = "den-haag-werkgeverscheque"
LOCAL_ZOETERMEER = "zoetermeer-leerwerkcheque"


@pytest.fixture(scope="module")
def roles(catalogue: Catalogue) -> Roles:
    return Roles.for_catalogue(parse_coordinators(COORDINATORS), catalogue)


@pytest.mark.parametrize(
    ("user", "instrument", "allowed"),
    [
        (HAAGLANDEN, REGIONAL, True),
        (ZHC, NATIONAL, True),
        (DEN_HAAG, REGIONAL, False),
        (ADVISER, REGIONAL, False),
        (DEN_HAAG, LOCAL_DEN_HAAG, True),
        (HAAGLANDEN, LOCAL_DEN_HAAG, True),
        (ZHC, LOCAL_DEN_HAAG, False),
        (DEN_HAAG, LOCAL_ZOETERMEER, False),
        (ZHC, LOCAL_ZOETERMEER, True),
    ],
)
def test_who_may_propose(
    roles: Roles, catalogue: Catalogue, user: str, instrument: str, allowed: bool
) -> None:
    assert roles.may_propose(user, catalogue.history(instrument)[-1].instrument) is allowed


@pytest.mark.parametrize(
    ("approver", "proposer", "instrument", "refusal"),
    [
        (ZHC, HAAGLANDEN, REGIONAL, None),
        (HAAGLANDEN, ZHC, NATIONAL, None),
        (HAAGLANDEN, HAAGLANDEN, REGIONAL, Refusal.OWN_PROPOSAL),
        (DEN_HAAG, HAAGLANDEN, REGIONAL, Refusal.NOT_YOUR_APPROVAL),
        (ADVISER, HAAGLANDEN, REGIONAL, Refusal.NOT_COORDINATOR),
        (HAAGLANDEN, DEN_HAAG, LOCAL_DEN_HAAG, None),
        (ZHC, DEN_HAAG, LOCAL_DEN_HAAG, Refusal.NOT_YOUR_APPROVAL),
        (DEN_HAAG, DEN_HAAG, LOCAL_DEN_HAAG, Refusal.OWN_PROPOSAL),
    ],
)
def test_who_may_approve(
    roles: Roles,
    catalogue: Catalogue,
    approver: str,
    proposer: str,
    instrument: str,
    refusal: Refusal | None,
) -> None:
    current = catalogue.history(instrument)[-1].instrument
    assert roles.approval_refusal(approver, proposer, current) is refusal


def test_a_non_coordinator_gets_no_form(toolbox: Toolbox) -> None:
    toolbox.command(f"wijzig {REGIONAL}", ADVISER, reply="wijzig")

    reply = wait_until(lambda: toolbox.replies("wijzig"))[0].body
    assert "Alleen coördinatoren" in reply["text"]
    assert toolbox.standin.calls("views.open") == []


def test_a_forged_form_from_a_non_coordinator_is_refused(toolbox: Toolbox) -> None:
    view = toolbox.open_form(HAAGLANDEN, REGIONAL)

    ack = toolbox.submit(view, ADVISER, duration="Altijd.", reason="Zomaar")

    assert ack["response_action"] == "update"
    assert "Alleen coördinatoren" in str(ack["view"])
    assert toolbox.coordination.desk.proposals() == []


def test_a_municipal_coordinator_cannot_change_a_regional_instrument(toolbox: Toolbox) -> None:
    toolbox.command(f"wijzig {REGIONAL}", DEN_HAAG, reply="wijzig")

    reply = wait_until(lambda: toolbox.replies("wijzig"))[0].body
    assert "niet onder jouw regio" in reply["text"]
    assert toolbox.standin.calls("views.open") == []


@pytest.mark.parametrize(
    ("clicker", "action", "expected"),
    [
        (ADVISER, APPROVE, "Alleen coördinatoren"),
        (HAAGLANDEN, APPROVE, "eigen voorstel"),
        (DEN_HAAG, APPROVE, "andere regio"),
        (ADVISER, REJECT, "Alleen coördinatoren"),
        (HAAGLANDEN, REJECT, "eigen voorstel"),
    ],
)
def test_approval_buttons_check_the_clicker(
    toolbox: Toolbox, clicker: str, action: str, expected: str
) -> None:
    assert toolbox.propose(HAAGLANDEN, REGIONAL, duration="Zolang als nodig is.") == {}
    proposal_id = toolbox.coordination.desk.proposals()[-1].id

    toolbox.click(clicker, action, str(proposal_id), reply="decide")

    reply = wait_until(lambda: toolbox.replies("decide"))[0].body
    assert expected in reply["text"]
    assert toolbox.coordination.desk.get(proposal_id).status is Status.PENDING
    assert len(toolbox.services.catalogue.history(REGIONAL)) == 1
    assert len(toolbox.standin.calls("views.open")) == 1, "no reject form for the wrong person"


def test_a_local_change_is_approved_within_its_region(toolbox: Toolbox) -> None:
    assert toolbox.propose(DEN_HAAG, LOCAL_DEN_HAAG, contact="Den Haag Werkt, 070 000 0000") == {}
    proposal_id = toolbox.coordination.desk.proposals()[-1].id
    assert wait_until(lambda: toolbox.dms(HAAGLANDEN)), "the region is asked"
    assert not toolbox.dms(ZHC)

    toolbox.click(ZHC, APPROVE, str(proposal_id), reply="zhc")
    wait_until(lambda: toolbox.replies("zhc"))
    toolbox.approve(HAAGLANDEN, proposal_id)

    posted = wait_until(toolbox.announcements)
    assert toolbox.coordination.desk.get(proposal_id).status is Status.APPLIED
    shown = str(posted[0]["blocks"])
    assert "Den Haag" in shown and "alle 11" not in shown


def test_a_decided_proposal_cannot_be_decided_again(toolbox: Toolbox) -> None:
    assert toolbox.propose(HAAGLANDEN, REGIONAL, duration="Zolang als nodig is.") == {}
    proposal_id = toolbox.coordination.desk.proposals()[-1].id
    toolbox.approve(ZHC, proposal_id)
    wait_until(toolbox.announcements)

    toolbox.click(ZHC, APPROVE, str(proposal_id), reply="again")

    assert "al besloten" in wait_until(lambda: toolbox.replies("again"))[0].body["text"]
    assert len(toolbox.services.catalogue.history(REGIONAL)) == 2
    assert len(toolbox.announcements()) == 1
