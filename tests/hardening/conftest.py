"""Shared by the hardening tests: the app in HTTP mode, a flaky road to the Web API, checks.

The app and the stand-in come from `tests.bot.conftest`; this file adds what faults and
hostile input need: an app on a database file, a proxy that can cut the Web API off for a
while, and the checks every answer must pass (Slack's limits, Dutch, no error text).
"""

from __future__ import annotations

import json
import re
import select
import shutil
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.pipeline import Assistant
from bot.services import Services
from bot.settings import Settings
from bot.standin import Call, SlackStandIn
from catalogue.store import Catalogue, build_database
from responses.limits import (
    MAX_ACTION_ID,
    MAX_ACTIONS,
    MAX_BLOCKS,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_FIELD,
    MAX_FIELDS,
    MAX_HEADER,
    MAX_SECTION,
    MAX_TEXT,
)
from tests.bot.conftest import (
    RunningApp,
    no_real_slack_settings,
    running,
    serve_app,
)

__all__ = ["RunningApp", "no_real_slack_settings", "running", "serve_app"]

SHOWN = ("chat.postMessage", "chat.postEphemeral", "chat.update", "webhook")
"""Web API methods (and response_url posts) whose text and blocks a person reads."""

_ERROR_TEXT = re.compile(
    r"Traceback|Exception|\bError\b|[a-z]Error\b|File \"|\bline \d+|NoneType|slack_sdk|sqlite",
)
_DUTCH = re.compile(
    r"\b(de|het|een|je|ik|niet|van|en|is|dat|voor|met|op|deze|geen|kan|wat|dit|nu|er|te|"
    r"maximaal|tekens|kies|geef|vul|veld|probeer|opnieuw|alleen|sorry|datum)\b",
    re.IGNORECASE,
)


# -- checks ---------------------------------------------------------------------------------------


def limit_violations(
    text: str | None, blocks: list[dict[str, Any]] | None, max_blocks: int = MAX_BLOCKS
) -> list[str]:
    """Every way a message breaks Slack's limits (empty when Slack would accept it)."""
    problems: list[str] = []
    if not text or not text.strip():
        problems.append("no plain text fallback")
    elif len(text) > MAX_TEXT:
        problems.append(f"text of {len(text)} characters")
    blocks = blocks or []
    if len(blocks) > max_blocks:
        problems.append(f"{len(blocks)} blocks")
    action_ids: list[str] = []
    block_ids: list[str] = []
    for n, block in enumerate(blocks):
        kind = block.get("type")
        if block.get("block_id"):
            block_ids.append(block["block_id"])
        body = (block.get("text") or {}).get("text")
        if kind == "section":
            if body is not None and len(body) > MAX_SECTION:
                problems.append(f"block {n}: section of {len(body)}")
            if body is not None and not body.strip():
                problems.append(f"block {n}: empty section text")
            fields = block.get("fields") or []
            if len(fields) > MAX_FIELDS:
                problems.append(f"block {n}: {len(fields)} fields")
            problems += [
                f"block {n}: field of {len(f['text'])}"
                for f in fields
                if len(f["text"]) > MAX_FIELD
            ]
        if kind == "header":
            if block["text"].get("type") != "plain_text":
                problems.append(f"block {n}: header not plain_text")
            if len(body or "") > MAX_HEADER or not (body or "").strip():
                problems.append(f"block {n}: header of {len(body or '')}")
        if kind == "actions" and len(block.get("elements", [])) > MAX_ACTIONS:
            problems.append(f"block {n}: {len(block['elements'])} actions")
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") != "button":
                continue
            label = element["text"]["text"]
            if not label.strip() or len(label) > MAX_BUTTON_TEXT:
                problems.append(f"block {n}: button text of {len(label)}")
            if len(element.get("value", "")) > MAX_BUTTON_VALUE:
                problems.append(f"block {n}: button value of {len(element['value'])}")
            if not element.get("action_id") or len(element["action_id"]) > MAX_ACTION_ID:
                problems.append(f"block {n}: action_id {element.get('action_id')!r}")
            action_ids.append(element.get("action_id", ""))
    if len(action_ids) != len(set(action_ids)):
        problems.append(f"duplicate action_ids {sorted(action_ids)}")
    if len(block_ids) != len(set(block_ids)):
        problems.append(f"duplicate block_ids {sorted(block_ids)}")
    return problems


def displayed(body: dict[str, Any]) -> str:
    """The text and blocks of a message as JSON, without button values (Slack never shows
    those; they carry the question back to the app)."""
    shown = {k: v for k, v in body.items() if k in ("text", "blocks")}
    return re.sub(r'"value": "(\\.|[^"\\])*"', '"value": ""', json.dumps(shown, ensure_ascii=False))


def assert_clear_dutch(text: str) -> None:
    """A sentence a person can read: Dutch, and nothing of an exception or a stack."""
    assert text and text.strip(), "an empty reply"
    assert not _ERROR_TEXT.search(text), f"error text reaches the user: {text[:300]!r}"
    assert _DUTCH.search(text), f"not Dutch: {text[:300]!r}"


def assert_shown_within_limits(calls: list[Call]) -> None:
    for call in calls:
        if call.method in SHOWN and not call.body.get("delete_original"):
            assert limit_violations(call.body.get("text"), call.body.get("blocks")) == [], call


def wait_until(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll until `check()` is truthy; bounded."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.02)


# -- the stand-in, telling failed calls from delivered ones ---------------------------------------


class CountingStandIn(SlackStandIn):
    """The stand-in, remembering which calls it answered with a scripted failure, so a test
    can count what was really delivered (a 429'd post is recorded, but nobody saw it)."""

    def __init__(self) -> None:
        super().__init__()
        self._handling = threading.local()
        self._failed: set[int] = set()

    def _record(self, call: Call) -> None:
        self._handling.call = call
        super()._record(call)

    def _next_outcome(self, method: str) -> Any:
        outcome = super()._next_outcome(method)
        if outcome is not None and (outcome.error or outcome.status != 200):
            with self._lock:
                self._failed.add(id(self._handling.call))
        return outcome

    def delivered(self, method: str) -> list[Call]:
        """Calls of `method` that got a successful answer."""
        with self._lock:
            failed = set(self._failed)
        return [call for call in self.calls(method) if id(call) not in failed]


@pytest.fixture
def standin() -> Iterator[CountingStandIn]:
    with CountingStandIn() as running_standin:
        yield running_standin


# -- the app on a database file, or behind a flaky road -------------------------------------------


@pytest.fixture(scope="session")
def shipped_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue.db built from the data files once, to copy for each test."""
    path = tmp_path_factory.mktemp("hardening") / "catalogue.db"
    build_database(path)
    return path


@pytest.fixture
def live_db(shipped_copy: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.db"
    shutil.copy(shipped_copy, path)
    return path


def open_services(settings: Settings) -> Services:
    catalogue = Catalogue(settings.toolbox_db)
    return Services(settings=settings, catalogue=catalogue, assistant=Assistant(catalogue))


class FlakyRoad:
    """A TCP proxy on 127.0.0.1 in front of the stand-in that can cut every connection.

    While `down`, each new connection is reset at once, as when the network to Slack drops.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.down = threading.Event()
        self.refused = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="flaky-road", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> FlakyRoad:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def cut_for(self, seconds: float) -> threading.Timer:
        """Down now, up again after `seconds`."""
        self.down.set()
        timer = threading.Timer(seconds, self.down.clear)
        timer.daemon = True
        timer.start()
        return timer

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.down.is_set():
                self.refused += 1
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            threading.Thread(target=self._pump, args=(client,), daemon=True).start()

    def _pump(self, client: socket.socket) -> None:
        deadline = time.monotonic() + 60
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        sockets = [client, upstream]
        try:
            while time.monotonic() < deadline:
                readable, _, _ = select.select(sockets, [], [], 0.5)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()
