"""Coordinators: propose a change, approve or reject it, and "Gelezen" under announcements.

Every action checks the clicking or submitting user against TOOLBOX_COORDINATORS in
`catalogue.changes`; who was shown a button decides nothing.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.housekeeping import (
    Coordination,
    announcement_message,
    ask_approvers,
    coordination_of,
    drain,
    send_dm,
    tell_outcome,
)
from bot.replies import respond_message
from bot.services import Services, log_handled
from bot.subcommands import CHANGE, parse_command
from catalogue.changes import Announcement, Refusal, draft_change
from catalogue.outbox import SENT, Entry
from responses import coordinators as views
from responses.ids import (
    APPROVE,
    COMMAND,
    PROPOSAL_VIEW,
    PROPOSE_OPEN,
    READ,
    READERS,
    REJECT,
    REJECT_VIEW,
    prefix_pattern,
)
from responses.message import Block

log = logging.getLogger("bot.listeners.coordinators")

MAX_CANDIDATES = 5


def register(app: App, services: Services) -> None:
    """Registered before the general `/toolbox` listener, so `wijzig …` lands here."""
    coordination = coordination_of(services)

    def is_change(body: dict[str, Any]) -> bool:
        return parse_command(body.get("text", "")).kind == CHANGE

    @app.command(COMMAND, matchers=[is_change])
    def propose_command(
        ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        user = command["user_id"]
        candidates = _instruments_named(services, parse_command(command.get("text", "")).rest)
        if not coordination.desk.roles.is_coordinator(user):
            respond_message(respond, views.refusal(Refusal.NOT_COORDINATOR))
        elif len(candidates) != 1:
            respond_message(respond, views.which_instrument(candidates[:MAX_CANDIDATES]))
        else:
            trigger = command["trigger_id"]
            _open_form(coordination, client, respond, user, trigger, candidates[0][0])
        log_handled("command", started, sub=CHANGE)

    @app.action(prefix_pattern(PROPOSE_OPEN))
    def propose_button(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        _open_form(
            coordination,
            client,
            respond,
            body["user"]["id"],
            body["trigger_id"],
            str(action.get("value", "")),
        )
        log_handled("propose_open", started)

    @app.view(PROPOSAL_VIEW)
    def proposal_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        started = time.perf_counter()
        user, desk = body["user"]["id"], coordination.desk
        meta = views.read_metadata(view)
        refusal = desk.may_propose(user, meta[0]) if meta else Refusal.UNKNOWN_INSTRUMENT
        if refusal is not None or meta is None:
            ack(response_action="update", view=_refused_view(refusal))
            log_handled("proposal", started, refused=str(refusal))
            return
        form = views.read_proposal_form((view.get("state") or {}).get("values") or {})
        draft = draft_change(desk.catalogue, meta[0], form, desk.today(), base_version=meta[1])
        if isinstance(draft, dict):
            ack(response_action="errors", errors=views.form_errors(draft))
            log_handled("proposal", started, invalid=",".join(draft))
            return
        proposal = desk.propose(user, draft)
        if isinstance(proposal, Refusal):  # the roles changed between the check and now
            ack(response_action="update", view=_refused_view(proposal))
            return
        ack()
        approvers = desk.approvers(proposal)
        ask_approvers(coordination, client, proposal, approvers)
        send_dm(client, user, views.proposal_received(proposal, approvers))
        log_handled(
            "proposal", started, proposal=str(proposal.id), instrument=proposal.instrument_id
        )

    @app.action(prefix_pattern(APPROVE))
    def approve(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        decision = coordination.desk.approve(body["user"]["id"], _number(action.get("value")))
        if decision.refusal is not None or decision.proposal is None:
            respond_message(respond, views.refusal(decision.refusal or Refusal.UNKNOWN_PROPOSAL))
            log_handled("approve", started, refused=str(decision.refusal))
            return
        if decision.announcement_id is not None:
            drain(coordination, client)
        tell_outcome(coordination, client, decision.proposal)
        log_handled("approve", started, proposal=str(decision.proposal.id))

    @app.action(prefix_pattern(REJECT))
    def reject(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        proposal_id = _number(action.get("value"))
        refusal = coordination.desk.may_decide(body["user"]["id"], proposal_id)
        proposal = coordination.desk.get(proposal_id)
        if refusal is not None or proposal is None:
            respond_message(respond, views.refusal(refusal or Refusal.UNKNOWN_PROPOSAL))
        else:
            client.views_open(trigger_id=body["trigger_id"], view=views.reject_modal(proposal))
        log_handled("reject_open", started, refused=str(refusal))

    @app.view(REJECT_VIEW)
    def reject_submitted(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        started = time.perf_counter()
        reason = views.read_reject_reason((view.get("state") or {}).get("values") or {})
        if not reason:
            ack(response_action="errors", errors={views.REJECT_REASON: "Geef een reden op."})
            return
        proposal_id = _number(view.get("private_metadata"))
        decision = coordination.desk.reject(body["user"]["id"], proposal_id, reason)
        if decision.refusal is not None or decision.proposal is None:
            ack(response_action="update", view=_refused_view(decision.refusal))
            log_handled("reject", started, refused=str(decision.refusal))
            return
        ack()
        tell_outcome(coordination, client, decision.proposal)
        log_handled("reject", started, proposal=str(proposal_id))

    @app.action(prefix_pattern(READ))
    def read(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        started = time.perf_counter()
        outbox = coordination.outbox
        entry = outbox.get(_number(action.get("value")))
        if entry is None or entry.status != SENT or not entry.ts:
            respond_message(respond, views.refusal(Refusal.UNKNOWN_PROPOSAL))
            return
        first = outbox.acknowledge(entry.id, body["user"]["id"])
        if first:
            show_read_count(coordination, client, entry)
        respond_message(respond, views.read_confirmed(first))
        log_handled("read", started, announcement=str(entry.id), first=str(first).lower())

    @app.action(prefix_pattern(READERS))
    def readers(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        started = time.perf_counter()
        if not coordination.desk.roles.is_coordinator(body["user"]["id"]):
            respond_message(respond, views.refusal(Refusal.NOT_COORDINATOR))
            log_handled("readers", started, refused=str(Refusal.NOT_COORDINATOR))
            return
        readers = coordination.outbox.readers(_number(action.get("value")))
        respond_message(respond, views.readers_list(readers))
        log_handled("readers", started, count=str(len(readers)))


def show_read_count(coordination: Coordination, client: WebClient, entry: Entry) -> None:
    """Update the announcement with the new count; the acknowledgement is kept either way."""
    if not entry.ts:
        return
    with coordination.update_lock:  # one update at a time, so the last one shows the highest
        message = announcement_message(coordination, entry)
        try:
            client.chat_update(
                channel=entry.channel, ts=entry.ts, text=message.text, blocks=message.blocks
            )
        except SlackApiError as error:
            log.warning(
                "read count of outbox=%s not updated: %s", entry.id, error.response.get("error")
            )


def coordinator_home_blocks(services: Services, user: str) -> list[Block]:
    """Blocks for a coordinator's App Home (empty for everyone else): for `responses.home`."""
    coordination = coordination_of(services)
    if not coordination.desk.roles.is_coordinator(user):
        return []
    outbox = coordination.outbox
    recent = [
        (Announcement.from_json(e.payload), outbox.read_count(e.id))
        for e in reversed(outbox.entries(SENT)[-5:])
    ]
    return views.coordinator_home_blocks(coordination.desk.waiting_for(user), recent)


def _open_form(
    coordination: Coordination,
    client: WebClient,
    respond: Respond,
    user: str,
    trigger_id: str,
    instrument_id: str,
) -> None:
    """Check the role, then open the form at once (the trigger_id lasts three seconds)."""
    desk = coordination.desk
    refusal = desk.may_propose(user, instrument_id)
    if refusal is not None:
        respond_message(respond, views.refusal(refusal))
        return
    latest = desk.catalogue.history(instrument_id)[-1]
    view = views.proposal_modal(latest.instrument, latest.number, desk.today())
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        if (error.response or {}).get("error") not in ("expired_trigger_id", "trigger_expired"):
            raise
        respond_message(respond, views.form_expired())


def _instruments_named(services: Services, text: str) -> list[tuple[str, str]]:
    """(id, name) of the instruments `text` names: an exact id, or what the parser reads."""
    catalogue = services.catalogue
    text = text.strip()
    if not text:
        return []
    ids = (
        [text] if text in catalogue.ids() else list(services.assistant.understand(text).instruments)
    )
    found = [(i, catalogue.history(i)[-1].instrument.name) for i in ids if catalogue.history(i)]
    return found


def _refused_view(refusal: Refusal | None) -> dict[str, Any]:
    return views.notice_view("Niet gelukt", views.refusal(refusal or Refusal.UNKNOWN_PROPOSAL))


def _number(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
