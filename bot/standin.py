"""A local stand-in for Slack's Web API, for the console, the tests and the load script.

It is a small threaded HTTP server on 127.0.0.1 (a free port by default). It answers the Web
API methods the app calls, records every request with its parsed body, and serves `/webhook/…`
paths that stand in for a `response_url`. Tests script failures per method (429 with
Retry-After, 500, `not_in_channel`, `missing_scope`, `expired_trigger_id`, …) and set the
user and channel records that `users.info` and `conversations.info` return (`guest`,
`external_user` and `ext_shared_channel` build the records Slack gives for Slack Connect).
File uploads work as `files_upload_v2` does them: `files.getUploadURLExternal` hands out an
`/upload/…` address on this server, the bytes are posted there, and
`files.completeUploadExternal` shares the file; `files` keeps what arrived.
"""

from __future__ import annotations

import copy
import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

TEAM_ID = "T0000000001"
BOT_USER_ID = "U0000000099"
BOT_ID = "B0000000001"
APP_ID = "A0000000001"
OTHER_TEAM_ID = "T0000000002"
"""Another organisation's workspace, as seen in Slack Connect."""
WEBHOOK = "webhook"
"""The method name under which `response_url` posts are recorded and scripted."""
UPLOAD = "upload"
"""The method name under which file bytes posted to an upload address are recorded."""

DEFAULT_SCOPES = (
    "app_mentions:read,assistant:write,chat:write,commands,im:history,im:read,im:write,"
    "users:read,channels:read,groups:read,files:write"
)

_JSON_FIELDS = ("blocks", "attachments", "view", "prompts", "metadata", "files")


@dataclass(frozen=True)
class Call:
    """One request the app made: the Web API method (or WEBHOOK), its parsed body, when."""

    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float


@dataclass(frozen=True)
class Outcome:
    """A scripted answer to one call: an HTTP status, a Slack error, a delay."""

    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def ratelimited(retry_after: int = 1) -> Outcome:
    return Outcome(status=429, error="ratelimited", retry_after=retry_after)


def server_error(status: int = 500) -> Outcome:
    return Outcome(status=status, error="internal_error")


def api_error(error: str, **extra: Any) -> Outcome:
    """`{"ok": false, "error": error, **extra}` with status 200, as Slack answers API errors."""
    return Outcome(error=error, extra=extra)


def slow(seconds: float) -> Outcome:
    return Outcome(delay=seconds)


def full_member(user_id: str) -> dict[str, Any]:
    """A users.info record of an ordinary member of the home workspace."""
    return {
        "id": user_id,
        "team_id": TEAM_ID,
        "name": f"user-{user_id.lower()}",
        "deleted": False,
        "is_bot": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_stranger": False,
        "tz": "Europe/Amsterdam",
        "profile": {"real_name": "Adviseur", "display_name": "adviseur"},
    }


def guest(user_id: str, single_channel: bool = False) -> dict[str, Any]:
    """A multi-channel guest (`is_restricted`), or a single-channel one (`is_ultra_restricted`)."""
    record = full_member(user_id)
    record.update({"is_restricted": True, "is_ultra_restricted": single_channel})
    return record


def external_user(user_id: str, team_id: str = OTHER_TEAM_ID) -> dict[str, Any]:
    """Someone from another organisation in a Slack Connect channel."""
    record = full_member(user_id)
    record.update({"team_id": team_id, "is_stranger": True})
    return record


def ext_shared_channel(channel_id: str) -> dict[str, Any]:
    """A channel shared with another organisation (Slack Connect)."""
    record = public_channel(channel_id)
    record.update({"is_ext_shared": True, "is_shared": True, "name": "gedeeld-met-werkgever"})
    return record


def public_channel(channel_id: str) -> dict[str, Any]:
    """A conversations.info record of an internal channel (or DM) the bot is a member of."""
    return {
        "id": channel_id,
        "name": "algemeen" if channel_id.startswith("C") else "",
        "is_channel": channel_id.startswith("C"),
        "is_im": channel_id.startswith("D"),
        "is_private": False,
        "is_member": True,
        "is_ext_shared": False,
        "is_shared": False,
        "is_org_shared": False,
        "context_team_id": TEAM_ID,
    }


class SlackStandIn:
    """The stand-in server. Use as a context manager, or call `start()` and `stop()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, scopes: str = DEFAULT_SCOPES):
        self.scopes = scopes
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.history: dict[str, list[dict[str, Any]]] = {}
        """Messages posted per channel, oldest first, as `conversations.history` returns them."""
        self.files: dict[str, dict[str, Any]] = {}
        """Uploaded files by id: `filename`, `length`, `data` (bytes), and once shared
        `title`, `channel_id`, `thread_ts`, `initial_comment`."""
        self._file_ids = itertools.count(1)
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[Outcome]] = {}
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="slack-standin", daemon=True
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """The `base_url` for slack-sdk's WebClient (`SLACK_API_URL`)."""
        return f"{self.base_url}/api/"

    def webhook_url(self, name: str = "response") -> str:
        """An address to put in a payload's `response_url`."""
        return f"{self.base_url}/{WEBHOOK}/{name}"

    # -- scripting ---------------------------------------------------------------------------

    def script(self, method: str, *outcomes: Outcome) -> None:
        """Answer the next calls of `method` with these outcomes, in order, then normally."""
        with self._lock:
            self._scripts.setdefault(method, deque()).extend(outcomes)

    def _next_outcome(self, method: str) -> Outcome | None:
        with self._lock:
            queue = self._scripts.get(method)
            return queue.popleft() if queue else None

    # -- what was received -------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def posts(self) -> list[Call]:
        """Every call that shows something to a person (messages, webhooks, views)."""
        shown = {
            "chat.postMessage",
            "chat.postEphemeral",
            "chat.update",
            WEBHOOK,
            "views.open",
            "views.update",
            "views.push",
            "views.publish",
            "files.completeUploadExternal",
        }
        return [c for c in self.calls() if c.method in shown]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Block until `method` was called at least `count` times; returns its calls."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self._calls if c.method == method]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self._lock.wait(remaining)

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()
            self._scripts.clear()

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._lock.notify_all()

    # -- answers -----------------------------------------------------------------------------

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        """The successful answer of one Web API method."""
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://toolbox-standin.example/",
                "team": "Toolbox stand-in",
                "user": "toolbox",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "chat.update"):
            ts = body.get("ts") or f"{1700000000 + next(self._ts)}.000100"
            message: dict[str, Any] = {
                k: body[k] for k in ("text", "blocks", "thread_ts") if k in body
            }
            message.update({"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts})
            if "metadata" in body:
                message["metadata"] = body["metadata"]
            self._keep(str(body.get("channel", "")), message, replace=method == "chat.update")
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1700000000 + next(self._ts)}.000200"}
        if method.startswith("views."):
            view = dict(body.get("view") or {})
            view.update({"id": body.get("view_id") or "V0000000001", "team_id": TEAM_ID})
            return {"ok": True, "view": view}
        if method == "users.info":
            user_id = str(body.get("user", ""))
            return {
                "ok": True,
                "user": copy.deepcopy(self.users.get(user_id, full_member(user_id))),
            }
        if method == "conversations.history":
            return self._history(body)
        if method == "files.getUploadURLExternal":
            return self._new_upload(body)
        if method == "files.completeUploadExternal":
            return self._share_uploads(body)
        if method == "conversations.info":
            channel_id = str(body.get("channel", ""))
            record = self.channels.get(channel_id, public_channel(channel_id))
            return {"ok": True, "channel": copy.deepcopy(record)}
        return {"ok": True}

    def _keep(self, channel: str, message: dict[str, Any], replace: bool) -> None:
        with self._lock:
            kept = self.history.setdefault(channel, [])
            if replace:
                kept[:] = [m if m["ts"] != message["ts"] else {**m, **message} for m in kept]
            else:
                kept.append(copy.deepcopy(message))

    def _new_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._file_ids):010d}"
        with self._lock:
            self.files[file_id] = {
                "filename": body.get("filename"),
                "length": int(body.get("length") or 0),
                "data": b"",
            }
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/{UPLOAD}/{file_id}"}

    def _receive_upload(self, file_id: str, data: bytes) -> bool:
        with self._lock:
            if file_id not in self.files:
                return False
            self.files[file_id]["data"] = data
            return True

    def _share_uploads(self, body: dict[str, Any]) -> dict[str, Any]:
        shared = []
        with self._lock:
            for item in body.get("files") or []:
                kept = self.files.get(str(item.get("id")))
                if kept is None or not kept["data"]:
                    return {"ok": False, "error": "file_not_found"}
                kept.update(
                    {
                        "title": item.get("title") or kept["filename"],
                        "channel_id": body.get("channel_id"),
                        "thread_ts": body.get("thread_ts"),
                        "initial_comment": body.get("initial_comment"),
                    }
                )
                shared.append({"id": item["id"], "name": kept["filename"], "title": kept["title"]})
        return {"ok": True, "files": shared}

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        """Newest first; metadata only with `include_all_metadata`, as Slack does."""
        with self._lock:
            kept = copy.deepcopy(self.history.get(str(body.get("channel", "")), []))
        oldest = float(body.get("oldest") or 0)
        with_metadata = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = []
        for message in reversed(kept):
            if float(message["ts"]) < oldest:
                continue
            if not with_metadata:
                message.pop("metadata", None)
            messages.append(message)
        return {"ok": True, "messages": messages, "has_more": False}


def _parse_body(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    if not raw:
        return body
    text = raw.decode("utf-8")
    if "json" in content_type:
        parsed = json.loads(text)
        body.update(parsed if isinstance(parsed, dict) else {"_": parsed})
    else:
        body.update(parse_qsl(text, keep_blank_values=True))
    for key in _JSON_FIELDS:
        value = body.get(key)
        if isinstance(value, str) and value[:1] in "[{":
            body[key] = json.loads(value)
    return body


def _handler_for(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests and the console read the recorded calls instead."""

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            segments = [s for s in parts.path.split("/") if s]
            headers = {k.lower(): v for k, v in self.headers.items()}
            if segments[:1] == [UPLOAD]:
                self._receive_upload(segments[-1], raw, headers)
                return
            method = WEBHOOK if segments[:1] == [WEBHOOK] else (segments[-1] if segments else "")
            body = _parse_body(raw, self.headers.get("Content-Type", ""), parts.query)
            standin._record(Call(method, parts.path, body, headers, time.time()))

            outcome = standin._next_outcome(method)
            if outcome and outcome.delay:
                time.sleep(outcome.delay)
            if method == WEBHOOK:
                self._reply_webhook(outcome)
            elif not headers.get("authorization", "").startswith("Bearer xox"):
                self._reply(200, {"ok": False, "error": "invalid_auth"})
            elif outcome and (outcome.error or outcome.status != 200):
                self._reply_failure(outcome)
            else:
                self._reply(200, standin.answer(method, body), method)

        def _receive_upload(self, file_id: str, raw: bytes, headers: dict[str, str]) -> None:
            """The bytes of a file, posted to the address `files.getUploadURLExternal` gave."""
            body = {"file_id": file_id, "length": len(raw)}
            standin._record(Call(UPLOAD, f"/{UPLOAD}/{file_id}", body, headers, time.time()))
            if standin._receive_upload(file_id, raw):
                self._send(200, f"OK - {len(raw)}".encode(), "text/plain", {})
            else:
                self._send(404, b"unknown upload", "text/plain", {})

        def _reply_failure(self, outcome: Outcome) -> None:
            payload = {"ok": False, "error": outcome.error or "error", **outcome.extra}
            headers = {}
            if outcome.retry_after is not None:
                headers["Retry-After"] = str(outcome.retry_after)
            self._reply(outcome.status, payload, extra_headers=headers)

        def _reply_webhook(self, outcome: Outcome | None) -> None:
            if outcome and (outcome.error or outcome.status != 200):
                body = (outcome.error or "error").encode()
                headers = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
                self._send(outcome.status, body, "text/plain", headers)
            else:
                self._send(200, b"ok", "text/plain", {})

        def _reply(
            self,
            status: int,
            payload: dict[str, Any],
            method: str = "",
            extra_headers: dict[str, str] | None = None,
        ) -> None:
            headers = dict(extra_headers or {})
            if method == "auth.test":
                headers["x-oauth-scopes"] = standin.scopes
            data = json.dumps(payload).encode()
            self._send(status, data, "application/json; charset=utf-8", headers)

        def _send(self, status: int, data: bytes, ctype: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
