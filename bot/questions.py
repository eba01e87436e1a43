"""What a person gets for a question, and what the question log keeps of it.

`reply_to_question` is the one place that applies "who may see what" to a typed question: a
full member gets the answer, anyone else gets the employer factsheet when that is what they
asked for, and a polite refusal otherwise. Members get the pipeline's factsheet answer; anyone
else gets `responses.factsheet`'s, built from employer-facing fields only. Both carry the
button that uploads the PDF.

`QuestionRecorder` keeps the question log (`catalogue.questionlog`): the question redacted, the
intent, the instruments, the outcome and a pseudonymous user key, never a Slack user id. The
key is an HMAC of the user id with SLACK_SIGNING_SECRET, which is never stored; without one
(Socket Mode without it, the console) a random secret per process is used, so keys cannot be
reversed but change at every start. Entries older than TOOLBOX_LOG_DAYS are deleted at start
and then at most every `PURGE_EVERY_SECONDS`, before each write and each read of the log.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.access import Verdict
from bot.replies import respond_message
from catalogue.query import Intent, Query
from catalogue.questionlog import QuestionLog, Stats
from catalogue.store import open_db
from catalogue.today import today
from intents.redact import user_key
from responses.access import Denied, no_factsheet, refusal
from responses.factsheet import Factsheet, factsheet_message, with_pdf_button
from responses.message import Message

if TYPE_CHECKING:
    from bot.pipeline import Answer
    from bot.services import Services

log = logging.getLogger("bot.questions")

PURGE_EVERY_SECONDS = 3600.0
ANSWERED, CLARIFY, UNKNOWN, REFUSED = "answered", "clarify", "unknown", "refused"
_NEEDS_A_FINDING = {Intent.ADVISE, Intent.EXPLAIN, Intent.COMPARE, Intent.LIST}


class QuestionRecorder:
    def __init__(
        self,
        questions: QuestionLog,
        secret: str,
        days: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.questions = questions
        self.days = days
        self._secret = secret or secrets.token_hex(32)
        self._clock = clock
        self._purged_at: float | None = None
        self._lock = threading.Lock()
        self.purge_if_due()

    def key(self, user: str | None) -> str:
        return user_key(user, self._secret) if user else "-"

    def answered(self, surface: str, user: str | None, typed: str, answer: Answer) -> None:
        self._record(
            typed,
            answer.query.intent.value,
            answer.finding.instrument_ids,
            outcome_of(answer),
            user,
            surface,
        )

    def factsheet_given(
        self, surface: str, user: str | None, typed: str, sheet: Factsheet | None
    ) -> None:
        """A factsheet for someone without access to the rest (or none, for an unknown name)."""
        ids, outcome = ([sheet.instrument_id], ANSWERED) if sheet else ([], UNKNOWN)
        self._record(typed, Intent.FACTSHEET.value, ids, outcome, user, surface)

    def refused(self, surface: str, verdict: Verdict) -> None:
        """One log line and one row without the question: where, why, and whose key."""
        key = self.key(verdict.user)
        log.info("refused surface=%s reason=%s user=%s", surface, verdict.denied, key)
        self._record("", "-", [], REFUSED, verdict.user, surface)

    def vote(self, surface: str, user: str | None, button: dict[str, Any], helpful: bool) -> None:
        ids = [str(i) for i in button.get("i") or []]
        intent = str(button.get("intent") or "-")
        outcome = "up" if helpful else "down"
        self._record("", intent, ids, outcome, user, surface, kind="feedback")

    def stats(self) -> Stats:
        self.purge_if_due()
        return self.questions.stats()

    def purge_if_due(self) -> None:
        with self._lock:
            now = self._clock()
            if self._purged_at is not None and now - self._purged_at < PURGE_EVERY_SECONDS:
                return
            self._purged_at = now
        removed = self.questions.purge(self.days)
        if removed:
            log.info("question log: deleted %d entries older than %d days", removed, self.days)

    def _record(
        self,
        text: str,
        intent: str,
        instruments: list[str],
        outcome: str,
        user: str | None,
        surface: str,
        kind: str = "question",
    ) -> None:
        # QuestionLog.record redacts the text before it is written.
        try:
            self.purge_if_due()
            self.questions.record(
                text, intent, instruments, outcome, self.key(user), surface, kind=kind
            )
        except sqlite3.Error as error:  # the log serves coordinators; never cost an answer
            log.warning("question log not written on %s: %s", surface, type(error).__name__)


def outcome_of(answer: Answer) -> str:
    intent = answer.query.intent
    if intent is Intent.CLARIFY:
        return CLARIFY
    if intent is Intent.UNKNOWN:
        return UNKNOWN
    finding = answer.finding
    if intent in _NEEDS_A_FINDING and not (finding.items or finding.ended or finding.terms):
        return UNKNOWN
    return ANSWERED


_build_lock = threading.Lock()


def recorder_of(services: Services) -> QuestionRecorder:
    """The services' recorder, built on first use on its own connection to TOOLBOX_DB."""
    with _build_lock:
        if services.questions is None:
            settings = services.settings
            services.questions = QuestionRecorder(
                QuestionLog(open_db(settings.toolbox_db)),
                settings.secret("slack_signing_secret"),
                settings.toolbox_log_days,
            )
        return services.questions


def reply_to_question(
    services: Services, verdict: Verdict, query: Query, typed: str, surface: str
) -> tuple[Message, Answer | None]:
    """What the asker sees, and the answer when they may see one; the log learns either way."""
    recorder = recorder_of(services)
    if verdict.allowed:
        answer = services.assistant.answer(query)
        recorder.answered(surface, verdict.user, typed, answer)
        sheet = _asked_factsheet(services, query)
        return (with_pdf_button(answer.message, sheet) if sheet else answer.message), answer
    if query.intent is Intent.FACTSHEET:
        sheet = _asked_factsheet(services, query)
        recorder.factsheet_given(surface, verdict.user, typed, sheet)
        return (factsheet_message(sheet) if sheet else no_factsheet()), None
    return refuse(services, verdict, surface), None


def refuse(services: Services, verdict: Verdict, surface: str) -> Message:
    """The refusal for a request that asked for more than a factsheet; logged, never the text."""
    recorder_of(services).refused(surface, verdict)
    return refusal(verdict.denied or Denied.NOT_A_MEMBER)


def member_or_refused(
    services: Services,
    request: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    surface: str,
    started: float,
    thread_ts: str | None = None,
    **log_fields: str,
) -> Verdict | None:
    """The verdict for a full member; anyone else hears the refusal (logged) and gets None."""
    verdict = services.access.check_request(client, request, context)
    if verdict.allowed:
        return verdict
    from bot.services import log_handled  # bot.services imports this module

    respond_message(respond, refuse(services, verdict, surface), thread_ts=thread_ts)
    log_handled(surface, started, None, **log_fields, **verdict.log_fields())
    return None


def _asked_factsheet(services: Services, query: Query) -> Factsheet | None:
    if query.intent is not Intent.FACTSHEET or not query.instruments:
        return None
    on = query.on or today()
    return Factsheet.of(services.catalogue, query.instruments[0], on, query.municipality)
