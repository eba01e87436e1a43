"""The app in HTTP mode with the Web API stand-in (tests/bot), its question log on a file.

People are set up in the stand-in's `users.info` and `conversations.info` records; what the app
showed anyone is read back from the stand-in and searched for every internal field.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.logs import QUIET_LIBRARIES, configure_logging
from bot.questions import QuestionRecorder
from bot.standin import Call, SlackStandIn
from catalogue.models import Instrument
from catalogue.questionlog import QuestionLog
from catalogue.store import open_db
from tests.bot.conftest import SECRET, RunningApp, no_real_slack_settings, running, standin

__all__ = ["no_real_slack_settings", "running", "standin"]

GUEST = "U0000000010"
SINGLE_CHANNEL_GUEST = "U0000000011"
EXTERNAL = "U0000000012"
SHARED_CHANNEL = "C0000000009"
MIN_LENGTH = 25
"""Shorter texts ("Ja.", "UWV") could appear in any answer; longer ones only when leaked."""


@dataclass
class Toolbox:
    """The running app, and the database file its question log writes to."""

    app: RunningApp
    log_file: Path

    @property
    def standin(self) -> SlackStandIn:
        return self.app.standin

    def rows(self) -> list[dict[str, object]]:
        db = open_db(self.log_file)
        return [dict(row) for row in db["question_log"].rows]


@pytest.fixture
def toolbox(running: RunningApp, tmp_path: Path) -> Toolbox:
    log_file = tmp_path / "toolbox.db"
    running.services.questions = QuestionRecorder(QuestionLog(open_db(log_file)), SECRET, 90)
    return Toolbox(running, log_file)


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """Everything logged, configured as `toolbox serve` does at TOOLBOX_LOG_LEVEL=DEBUG."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    quiet = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    try:
        yield stream
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


def internal_texts(instrument: Instrument) -> list[str]:
    """Every text of an instrument that is for advisers only."""
    texts = [
        *instrument.internal_notes,
        *instrument.conditions,
        *instrument.not_for.values(),
        *instrument.not_when.values(),
        *instrument.compare_points.values(),
        *instrument.target_groups.values(),
        *(amount.note for amount in instrument.amounts if amount.note),
        *(amount.ask for amount in instrument.amounts if amount.ask),
    ]
    return [text for text in texts if len(text) >= MIN_LENGTH]


def adviser_texts(instrument: Instrument) -> list[str]:
    """The internal texts and the answer's own: none of this reaches a refused person."""
    answer = [instrument.summary, instrument.employer_gets, instrument.how_to_apply]
    return internal_texts(instrument) + [t for t in answer if len(t) >= MIN_LENGTH]


def shown(calls: list[Call]) -> str:
    """Every string the calls carried, as one text with Slack's escaping undone."""
    return html.unescape("\n".join(_strings([c.body for c in calls])))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        if value[:1] in "[{":  # a JSON field the stand-in kept as text
            with contextlib.suppress(ValueError):
                yield from _strings(json.loads(value))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def leaked(texts: list[str], calls: list[Call]) -> list[str]:
    everything = shown(calls)
    return [text for text in texts if text in everything]
