"""What the listeners share: settings, the live catalogue, the assistant, the dedup store."""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.access import AccessPolicy
from bot.conversations import Conversations
from bot.dedup import TtlSet
from bot.settings import Settings, SettingsError
from catalogue.store import Catalogue, seed_live_database

if TYPE_CHECKING:
    from bot.housekeeping import Coordination
    from bot.pipeline import Answer, Assistant
    from bot.questions import QuestionRecorder

log = logging.getLogger("bot.requests")


@dataclass
class Services:
    settings: Settings
    catalogue: Catalogue
    assistant: Assistant
    dedup: TtlSet = field(default_factory=TtlSet)
    coordination: Coordination | None = None
    """Coordinators' proposals and the announcement outbox; built on first use (issue 5)."""
    access: AccessPolicy = field(default_factory=AccessPolicy)
    """Who may see internal answers, with Slack's answers cached for a few minutes (issue 6)."""
    questions: QuestionRecorder | None = None
    """The redacted question log; built on first use by `bot.questions.recorder_of`."""
    conversations: Conversations = field(default_factory=Conversations)
    """What each DM or thread was last about, for follow-up questions."""

    def is_coordinator(self, user_id: str) -> bool:
        return bool(self.settings.coordinator_scopes(user_id))

    def healthy(self) -> bool:
        """True when the live database answers a query."""
        try:
            self.catalogue.db.execute("select count(*) from instruments").fetchone()
        except sqlite3.Error:
            return False
        return True


def open_live_catalogue(settings: Settings) -> Catalogue:
    """The live database named by TOOLBOX_DB, seeded from the shipped catalogue.db if new."""
    from bot.cli import SHIPPED_DB

    live = Path(settings.toolbox_db)
    if not live.exists():
        if not SHIPPED_DB.exists():
            raise SettingsError(
                f"Geen catalogus: {live} en {SHIPPED_DB} bestaan niet. "
                "Draai eerst: toolbox catalogue build."
            )
        live.parent.mkdir(parents=True, exist_ok=True)
        seed_live_database(live, SHIPPED_DB)
    return Catalogue(live)


def build_services(settings: Settings, catalogue: Catalogue | None = None) -> Services:
    from bot.pipeline import Assistant

    catalogue = catalogue or open_live_catalogue(settings)
    return Services(settings=settings, catalogue=catalogue, assistant=Assistant(catalogue))


def log_handled(surface: str, started: float, answer: Answer | None = None, **extra: str) -> None:
    """The one INFO line per handled request: decisions, never the question text."""
    parts = [f"surface={surface}"]
    if answer is not None:
        ids = ",".join(answer.finding.instrument_ids) or "-"
        parts += [
            f"intent={answer.query.intent.value}",
            f"instruments={ids}",
            f"score={answer.query.confidence:.2f}",
        ]
    parts += [f"{key}={value}" for key, value in extra.items()]
    parts.append(f"ms={(time.perf_counter() - started) * 1000:.0f}")
    log.info("handled %s", " ".join(parts))
