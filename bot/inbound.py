"""Requests as Slack sends them to the app: bodies, signatures, and a small sender.

The console, the tests and the load script all build their requests here, so they exercise
exactly the path a real Slack request takes (raw body, `X-Slack-Signature`, timestamp).
Shapes follow `../shared/slack/payloads.md`.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from bot.standin import APP_ID, BOT_USER_ID, TEAM_ID

ASKER = "U0000000001"
CHANNEL = "C0000000001"
DM_CHANNEL = "D0000000001"

_counter = itertools.count(1)


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack adds: `v0=` + HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


def _trigger_id() -> str:
    n = next(_counter)
    return f"{1700000000 + n}.{n:010d}.{hashlib.sha1(str(n).encode()).hexdigest()[:16]}"


def command_body(
    text: str,
    response_url: str,
    user_id: str = ASKER,
    channel_id: str = CHANNEL,
    channel_name: str = "algemeen",
    command: str = "/toolbox",
) -> str:
    """A slash command, form-encoded in Slack's field order (every value a string)."""
    fields = {
        "token": "FAKE_VERIFICATION_TOKEN",
        "team_id": TEAM_ID,
        "team_domain": "toolbox-werkruimte",
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": "adviseur",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": _trigger_id(),
    }
    return urlencode(fields)


def event_body(
    event: dict[str, Any],
    event_id: str | None = None,
    team_id: str = TEAM_ID,
    ext_shared: bool = False,
) -> str:
    """An `event_callback` around one event, JSON as Slack sends it."""
    now = int(time.time())
    return json.dumps(
        {
            "token": "FAKE_VERIFICATION_TOKEN",
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_counter):010d}",
            "event_time": now,
            "authorizations": [
                {
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": ext_shared,
            "event_context": "4-fakeeventcontext",
        }
    )


def new_ts() -> str:
    return f"{time.time():.6f}"


def dm_event(text: str, user: str = ASKER, channel: str = DM_CHANNEL, **extra: Any) -> dict:
    """A person's direct message to the bot (`message.im`)."""
    ts = new_ts()
    event = {
        "type": "message",
        "client_msg_id": f"00000000-0000-4000-8000-{next(_counter):012d}",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "team": TEAM_ID,
        "channel_type": "im",
        "blocks": [_rich_text(text)],
    }
    event.update(extra)
    return event


def mention_event(text: str, user: str = ASKER, channel: str = CHANNEL, **extra: Any) -> dict:
    """`@Toolbox <text>` in a channel (`app_mention`)."""
    ts = new_ts()
    full = f"<@{BOT_USER_ID}> {text}"
    event = {
        "type": "app_mention",
        "client_msg_id": f"00000000-0000-4000-8000-{next(_counter):012d}",
        "text": full,
        "user": user,
        "ts": ts,
        "team": TEAM_ID,
        "channel": channel,
        "event_ts": ts,
        "blocks": [_rich_text(full)],
    }
    event.update(extra)
    return event


def _rich_text(text: str) -> dict[str, Any]:
    return {
        "type": "rich_text",
        "block_id": "rt1",
        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
    }


def interaction_body(payload: dict[str, Any]) -> str:
    """Interactivity is one form field, `payload=`, holding percent-encoded JSON."""
    return "payload=" + quote(json.dumps(payload), safe="")


def block_actions_payload(
    action: dict[str, Any],
    response_url: str,
    user_id: str = ASKER,
    channel_id: str = CHANNEL,
    message: dict[str, Any] | None = None,
    is_ephemeral: bool = True,
) -> dict[str, Any]:
    """A button click on a message (ephemeral by default, as answers to /toolbox are)."""
    now = time.time()
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user_id, "username": "adviseur", "name": "adviseur", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "FAKE_VERIFICATION_TOKEN",
        "container": {
            "type": "message",
            "message_ts": f"{now:.6f}",
            "channel_id": channel_id,
            "is_ephemeral": is_ephemeral,
        },
        "trigger_id": _trigger_id(),
        "team": {"id": TEAM_ID, "domain": "toolbox-werkruimte"},
        "channel": {"id": channel_id, "name": "algemeen"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action["action_id"],
                "block_id": action.get("block_id", "answer_actions"),
                "text": action.get("text", {"type": "plain_text", "text": "Knop"}),
                "value": action.get("value", ""),
                "type": action.get("type", "button"),
                "action_ts": f"{now:.6f}",
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    return payload


def message_shortcut_payload(
    callback_id: str, text: str, response_url: str, user_id: str = ASKER
) -> dict[str, Any]:
    """A message shortcut ("…" menu on a message)."""
    ts = new_ts()
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": _trigger_id(),
        "message_ts": ts,
        "response_url": response_url,
        "team": {"id": TEAM_ID, "domain": "toolbox-werkruimte"},
        "channel": {"id": CHANNEL, "name": "algemeen"},
        "user": {"id": user_id, "name": "adviseur", "team_id": TEAM_ID},
        "message": {"type": "message", "user": "U0000000005", "text": text, "ts": ts},
        "token": "FAKE_VERIFICATION_TOKEN",
        "action_ts": ts,
    }


def view_submission_payload(
    view: dict[str, Any], values: dict[str, Any], user_id: str = ASKER
) -> dict[str, Any]:
    """A modal submitted with the given `state.values`."""
    submitted = dict(view)
    submitted.update(
        {"id": "V0000000001", "team_id": TEAM_ID, "state": {"values": values}, "app_id": APP_ID}
    )
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "toolbox-werkruimte"},
        "user": {"id": user_id, "username": "adviseur", "name": "adviseur", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "FAKE_VERIFICATION_TOKEN",
        "trigger_id": _trigger_id(),
        "view": submitted,
        "response_urls": [],
        "is_enterprise_install": False,
    }


@dataclass(frozen=True)
class Reply:
    """What the app answered to one request, and how long that took."""

    status: int
    body: str
    seconds: float
    headers: dict[str, str]


class SlackSender:
    """Posts signed requests to the app's `/slack/events`, as Slack does."""

    def __init__(self, url: str, secret: str, timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.path = parts.path or "/slack/events"
        self.secret = secret
        self.timeout = timeout

    def post(
        self,
        body: str,
        content_type: str,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        secret: str | None = None,
    ) -> Reply:
        all_headers = {"Content-Type": content_type}
        all_headers.update(sign(secret or self.secret, body, timestamp))
        all_headers.update(headers or {})
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request("POST", self.path, body.encode(), all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            elapsed = time.perf_counter() - started
            reply_headers = {k.lower(): v for k, v in response.getheaders()}
            return Reply(response.status, text, elapsed, reply_headers)
        finally:
            connection.close()

    def command(self, text: str, response_url: str, **fields: Any) -> Reply:
        return self.post(command_body(text, response_url, **fields), FORM)

    def event(self, event: dict[str, Any], retry: int | None = None, **fields: Any) -> Reply:
        headers = {}
        if retry:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(event_body(event, **fields), JSON, headers=headers)

    def interaction(self, payload: dict[str, Any]) -> Reply:
        return self.post(interaction_body(payload), FORM)


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
