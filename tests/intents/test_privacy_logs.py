"""Questions with a person's details are answered normally and leave no trace in the logs."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.pipeline import Assistant

QUESTION = (
    "mevrouw Jansen-de Vries (bsn 123456782, j.devries@example.nl, 06-12345678) "
    "heeft een wajong uitkering, welke regeling?"
)
SECRETS = ("Jansen", "Vries", "123456782", "j.devries@example.nl", "06-12345678")


def test_personal_details_are_answered_normally_but_never_logged(
    assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        answer = assistant.ask(QUESTION, on=dt.date(2026, 12, 4))
    assert answer.query.intent.value == "advise"
    assert answer.finding.instrument_ids[0] == "loondispensatie"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
