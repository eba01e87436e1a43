"""Coordinators' background work: apply due versions, post announcements, chase stale proposals.

`tick()` does one round and is what tests call (with an injected clock). `Housekeeping` runs it
every `TICK_SECONDS` on a daemon thread; `start_housekeeping` is for the process that serves the
app (`toolbox serve`), so versions take effect on their date and failed posts are retried.
The announcement sender lives here too: it is the only code that posts to the updates channel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from catalogue.changes import Announcement, ChangeDesk, Clock, Proposal, Roles, amsterdam_now
from catalogue.outbox import EVENT_TYPE, DrainReport, Entry, Outbox, Sender, SendFailure
from responses import coordinators as views
from responses.guard import enforce_limits
from responses.message import Message

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("bot.housekeeping")

TICK_SECONDS = 30.0
HISTORY_PAGES = 5
HISTORY_PAGE_SIZE = 200


@dataclass
class Coordination:
    """The change desk, its outbox, and how announcements reach Slack."""

    desk: ChangeDesk
    sender: Sender | None = None
    update_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def outbox(self) -> Outbox:
        return self.desk.outbox


def build_coordination(services: Services, clock: Clock = amsterdam_now) -> Coordination:
    """The desk on the live database, with the roles and channel from the settings."""
    settings = services.settings
    roles = Roles.for_catalogue(settings.toolbox_coordinators, services.catalogue)
    for scope in roles.unknown_scopes():
        log.warning("TOOLBOX_COORDINATORS names '%s', which is no region or municipality", scope)
    desk = ChangeDesk(
        services.catalogue, roles, updates_channel=settings.toolbox_updates_channel, clock=clock
    )
    return Coordination(desk)


def coordination_of(services: Services) -> Coordination:
    """The services' coordination, built on first use."""
    if services.coordination is None:
        services.coordination = build_coordination(services)
    return services.coordination


# -- posting announcements --------------------------------------------------------------------


def announcement_message(coordination: Coordination, entry: Entry) -> Message:
    item = Announcement.from_json(entry.payload)
    count = coordination.outbox.read_count(entry.id)
    return enforce_limits(views.announcement(item, entry.id, count))[0]


class WebApiSender:
    """Posts outbox entries with their metadata, and finds them again in the history.

    Its client has no retry handlers: the outbox decides about retries, because a blind retry
    after a server error could post twice.
    """

    def __init__(self, client: WebClient, render: Callable[[Entry], Message]) -> None:
        self.client = WebClient(
            token=client.token, base_url=client.base_url, timeout=client.timeout, retry_handlers=[]
        )
        self.render = render

    def post(self, entry: Entry) -> str:
        message = self.render(entry)
        try:
            response = self.client.chat_postMessage(
                channel=entry.channel,
                text=message.text,
                blocks=message.blocks,
                metadata=entry.metadata(),
                unfurl_links=False,
            )
        except SlackApiError as error:
            raise _failure(error) from error
        except OSError as error:  # connection refused, reset or timed out: it may have arrived
            raise SendFailure("connection_error", posted_unknown=True) from error
        return str(response["ts"])

    def find(self, entry: Entry) -> str | None:
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            try:
                response = self.client.conversations_history(
                    channel=entry.channel,
                    include_all_metadata=True,
                    limit=HISTORY_PAGE_SIZE,
                    cursor=cursor,
                )
            except SlackApiError as error:
                raise SendFailure(_code(error), posted_unknown=True) from error
            except OSError as error:
                raise SendFailure("connection_error", posted_unknown=True) from error
            for message in response.get("messages") or []:
                if _is_entry(message, entry):
                    return str(message["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        return None


def _is_entry(message: dict[str, Any], entry: Entry) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return (
        metadata.get("event_type") == EVENT_TYPE
        and payload.get("outbox_id") == entry.id
        and payload.get("key") == entry.key
    )


def _code(error: SlackApiError) -> str:
    return str((error.response or {}).get("error") or "error")


def _failure(error: SlackApiError) -> SendFailure:
    """429: not posted, wait as told. 5xx: maybe posted. Other API errors: not posted."""
    status = error.response.status_code if error.response is not None else 0
    if status == 429:
        headers = {k.lower(): v for k, v in (error.response.headers or {}).items()}
        raw = headers.get("retry-after")
        value = raw[0] if isinstance(raw, list) else raw
        return SendFailure("ratelimited", retry_after=float(value or 1))
    if status >= 500:
        return SendFailure(_code(error), posted_unknown=True)
    return SendFailure(_code(error))


def sender_for(coordination: Coordination, client: WebClient) -> Sender:
    if coordination.sender is None:
        coordination.sender = WebApiSender(
            client, lambda entry: announcement_message(coordination, entry)
        )
    return coordination.sender


def drain(coordination: Coordination, client: WebClient) -> DrainReport:
    return coordination.outbox.drain(sender_for(coordination, client))


# -- telling people ---------------------------------------------------------------------------


def send_dm(client: WebClient, user: str, message: Message) -> tuple[str, str] | None:
    """A direct message from the app; (channel, ts) of its first part, or None when it failed."""
    first: tuple[str, str] | None = None
    try:
        for part in enforce_limits(message):
            response = client.chat_postMessage(channel=user, text=part.text, blocks=part.blocks)
            first = first or (str(response["channel"]), str(response["ts"]))
    except SlackApiError as error:
        log.warning("could not message a coordinator: %s", _code(error))
    return first


def ask_approvers(
    coordination: Coordination,
    client: WebClient,
    proposal: Proposal,
    users: Sequence[str],
    waited_days: int = 0,
) -> None:
    """The approval request, with buttons, to each of `users`; remembered for later updates."""
    message = views.approval_request(proposal, waited_days)
    for user in users:
        sent = send_dm(client, user, message)
        if sent:
            coordination.desk.remember_message(proposal.id, *sent)


def settle_requests(coordination: Coordination, client: WebClient, proposal: Proposal) -> None:
    """Replace the buttons of every request for this proposal with its outcome."""
    message = enforce_limits(views.decided_request(proposal))[0]
    for channel, ts in coordination.desk.messages(proposal.id):
        try:
            client.chat_update(channel=channel, ts=ts, text=message.text, blocks=message.blocks)
        except SlackApiError as error:
            log.warning("could not update a request for proposal=%s: %s", proposal.id, _code(error))


def tell_outcome(coordination: Coordination, client: WebClient, proposal: Proposal) -> None:
    settle_requests(coordination, client, proposal)
    send_dm(client, proposal.proposed_by, views.decision_for_proposer(proposal))


# -- one round --------------------------------------------------------------------------------


@dataclass
class TickReport:
    applied: list[int] = field(default_factory=list)
    drained: DrainReport | None = None
    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)


def tick(coordination: Coordination, client: WebClient) -> TickReport:
    """Apply due versions, post waiting announcements, remind and escalate stale proposals."""
    desk = coordination.desk
    report = TickReport()
    for applied in desk.apply_due():
        report.applied.append(applied.proposal.id)
    report.drained = drain(coordination, client)
    for proposal_id in report.applied:
        proposal = desk.get(proposal_id)
        if proposal is not None:
            tell_outcome(coordination, client, proposal)
    stale = desk.stale()
    for proposal in stale.remind:
        waited = (desk.clock() - proposal.created_at).days
        ask_approvers(coordination, client, proposal, desk.approvers(proposal), waited)
        desk.mark_reminded(proposal.id)
        report.reminded.append(proposal.id)
    for proposal in stale.escalate:
        waited = (desk.clock() - proposal.created_at).days
        everyone = [u for u in desk.roles.everyone() if u != proposal.proposed_by]
        ask_approvers(coordination, client, proposal, everyone, waited)
        desk.mark_escalated(proposal.id)
        report.escalated.append(proposal.id)
    return report


class Housekeeping:
    """Runs `tick` every `interval` seconds on a daemon thread until `stop()`."""

    def __init__(
        self, coordination: Coordination, client: WebClient, interval: float = TICK_SECONDS
    ) -> None:
        self.coordination = coordination
        self.client = client
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="housekeeping", daemon=True)

    def start(self) -> Housekeeping:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                tick(self.coordination, self.client)
            except Exception:  # one failed round must not end the thread; the next one retries
                log.exception("housekeeping round failed")
            self._stop.wait(self.interval)


def start_housekeeping(services: Services, client: WebClient) -> Housekeeping:
    """Start the periodic round for a running app (`toolbox serve`)."""
    return Housekeeping(coordination_of(services), client).start()
