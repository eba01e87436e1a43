"""Who may see internal answers: full members of the home workspace, outside shared channels.

A request is allowed when Slack says, through `users.info`, that the person is a full member
of the workspace the app is installed in (`authorizations[0].team_id`, which Bolt's
authorize result also holds), and, through `conversations.info`, that the conversation is not
shared with another organisation. Guests (`is_restricted`, `is_ultra_restricted`), people from
another organisation (another `team_id`, `is_stranger`) and every request from an externally
shared channel (`is_ext_shared_channel` in the body, or `is_ext_shared`/`is_shared` on the
channel) are denied. See ../shared/slack/pitfalls.md rows 25 and 26.

Slack's answers are kept for `CACHE_SECONDS`. When Slack cannot say (an error, a timeout, a
channel the bot cannot see) the check fails closed: the request is denied, and not cached,
so the next request asks again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from responses.access import Denied

log = logging.getLogger("bot.access")

CACHE_SECONDS = 300.0
"""How long Slack's word on a user or a channel is trusted; a guest made member waits this."""
LOOKUP_TIMEOUT_SECONDS = 2
"""Short, so a view submission that waits for the check still acks within three seconds."""
MAX_CACHED = 10_000


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: `denied` is None for a full member."""

    user: str | None
    denied: Denied | None = None

    @property
    def allowed(self) -> bool:
        return self.denied is None

    def log_fields(self) -> dict[str, str]:
        """`refused=<reason>` for the request's log line; nothing for a member."""
        return {"refused": str(self.denied)} if self.denied else {}


@dataclass(frozen=True)
class Asker:
    """Who asks and where, as far as the request body says."""

    user: str | None
    channel: str | None
    home_team: str | None
    user_team: str | None = None
    """The user's team when the payload names it (interactions do); checked before a lookup."""
    ext_shared: bool = False
    """The payload itself says the channel is shared with another organisation."""


def asker_of(body: dict[str, Any], context: BoltContext | None = None) -> Asker:
    """The user, conversation and home team of any request: command, event or interaction."""
    event = body.get("event") or {}
    thread = event.get("assistant_thread") or {}
    user_field = body.get("user")
    user = (
        body.get("user_id")
        or (user_field.get("id") if isinstance(user_field, dict) else user_field)
        or thread.get("user_id")
        or event.get("user")
    )
    channel_field = body.get("channel")
    channel = (
        body.get("channel_id")
        or (channel_field.get("id") if isinstance(channel_field, dict) else None)
        or (body.get("container") or {}).get("channel_id")
        or thread.get("channel_id")
        or event.get("channel")
    )
    if event.get("type") == "app_home_opened":
        channel = None  # the app's own Home tab: nobody else reads along
    user_team = (user_field.get("team_id") if isinstance(user_field, dict) else None) or event.get(
        "user_team"
    )
    return Asker(
        user=str(user) if user else None,
        channel=str(channel) if channel else None,
        home_team=_home_team(body, context),
        user_team=str(user_team) if user_team else None,
        ext_shared=bool(body.get("is_ext_shared_channel")),
    )


def _home_team(body: dict[str, Any], context: BoltContext | None) -> str | None:
    """The installing workspace: Bolt's authorize result (auth.test), else `authorizations`."""
    result = context.authorize_result if context is not None else None
    if result is not None and result.team_id:
        return str(result.team_id)
    authorizations = body.get("authorizations") or [{}]
    team = authorizations[0].get("team_id")
    return str(team) if team else None


_MISSING = object()


class _Cache:
    """A small thread-safe map whose entries expire; failures are never put in it."""

    def __init__(self, ttl: float, clock: Callable[[], float]) -> None:
        self.ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] <= self._clock():
                self._entries.pop(key, None)
                return _MISSING
            return found[1]

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._entries[key] = (self._clock() + self.ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_CACHED:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class AccessPolicy:
    """Decides per request; one instance per app, shared by every listener."""

    def __init__(
        self,
        ttl: float = CACHE_SECONDS,
        timeout: int = LOOKUP_TIMEOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self._users = _Cache(ttl, clock)
        self._channels = _Cache(ttl, clock)

    def check_request(
        self, client: WebClient, body: dict[str, Any], context: BoltContext | None = None
    ) -> Verdict:
        return self.check(client, asker_of(body, context))

    def check(self, client: WebClient, asker: Asker) -> Verdict:
        if asker.user is None or asker.home_team is None:
            return Verdict(asker.user, Denied.USER_UNKNOWN)
        if asker.ext_shared:
            return Verdict(asker.user, Denied.SHARED_CHANNEL)
        if asker.user_team and asker.user_team != asker.home_team:
            return Verdict(asker.user, Denied.EXTERNAL_USER)
        denied = self._user_denial(client, asker.user, asker.home_team)
        if denied is not None:
            return Verdict(asker.user, denied)
        if asker.channel is not None:
            denied = self._channel_denial(client, asker.channel)
            if denied is not None:
                return Verdict(asker.user, denied)
        return Verdict(asker.user)

    def forget(self) -> None:
        """Drop everything cached (tests, or after a change of roles)."""
        self._users.clear()
        self._channels.clear()

    def _user_denial(self, client: WebClient, user: str, home_team: str) -> Denied | None:
        cached = self._users.get(user)
        if cached is not _MISSING:
            return cached
        lookup = self._lookup_client(client)
        record = self._read("users.info", "user", partial(lookup.users_info, user=user))
        if record is None or not record.get("team_id"):
            return Denied.USER_UNKNOWN
        denied = _user_denial(record, home_team)
        self._users.put(user, denied)
        return denied

    def _channel_denial(self, client: WebClient, channel: str) -> Denied | None:
        shared = self._channels.get(channel)
        if shared is _MISSING:
            lookup = self._lookup_client(client)
            info = partial(lookup.conversations_info, channel=channel)
            record = self._read("conversations.info", "channel", info)
            if record is None:
                return Denied.CHANNEL_UNKNOWN
            shared = _shared_externally(record)
            self._channels.put(channel, shared)
        return Denied.SHARED_CHANNEL if shared else None

    def _lookup_client(self, client: WebClient) -> WebClient:
        """The app's token and address, with a short timeout and no retries after 429/5xx."""
        return WebClient(token=client.token, base_url=client.base_url, timeout=self.timeout)

    @staticmethod
    def _read(method: str, key: str, call: Callable[[], SlackResponse]) -> dict[str, Any] | None:
        """One Web API read; None whenever Slack gives no clear answer."""
        try:
            record = call().get(key)
        except SlackApiError as error:
            log.warning("access lookup %s failed: %s", method, error.response.get("error"))
            return None
        except Exception as error:  # fail closed on anything else too: timeouts, refused, junk
            log.warning("access lookup %s failed: %s", method, type(error).__name__)
            return None
        return record if isinstance(record, dict) else None


def _user_denial(user: dict[str, Any], home_team: str) -> Denied | None:
    if user.get("deleted") or user.get("is_bot"):
        return Denied.NOT_A_MEMBER
    if user.get("is_stranger") or user.get("team_id") != home_team:
        return Denied.EXTERNAL_USER
    if user.get("is_restricted") or user.get("is_ultra_restricted"):
        return Denied.GUEST
    return None


def _shared_externally(channel: dict[str, Any]) -> bool:
    """Shared with another organisation, or on its way to be (an invitation is pending)."""
    return bool(
        channel.get("is_ext_shared")
        or channel.get("is_pending_ext_shared")
        or (channel.get("is_shared") and not channel.get("is_org_shared"))
    )
