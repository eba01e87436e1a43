"""The situation check modal: opened from a button, a shortcut or `/toolbox situatie`."""

from __future__ import annotations

import time
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.questions import refuse
from bot.services import Services, log_handled
from bot.situation import Situation, benefit_choices, check, fact_choices, municipality_choices
from catalogue.today import today
from responses import modals
from responses.access import refused_modal
from responses.ids import SITUATION_VIEW


def open_situation_check(client: WebClient, trigger_id: str, services: Services) -> None:
    """Open the form at once: a trigger_id is only valid for three seconds."""
    catalogue = services.catalogue
    view = modals.situation_modal(
        benefit_choices(catalogue), municipality_choices(catalogue), fact_choices(catalogue)
    )
    client.views_open(trigger_id=trigger_id, view=view)


def read_situation(values: dict[str, Any]) -> Situation:
    """The facts from `view.state.values`; every field may be missing."""

    def element(block_id: str) -> dict[str, Any]:
        return (values.get(block_id) or {}).get(modals.VALUE) or {}

    benefit = (element(modals.BENEFIT).get("selected_option") or {}).get("value")
    place = (element(modals.MUNICIPALITY).get("selected_option") or {}).get("value")
    age_text = str(element(modals.AGE).get("value") or "").strip()
    facts = [o.get("value") for o in element(modals.FACTS).get("selected_options") or []]
    return Situation(
        benefit=None if benefit in (None, modals.NO_BENEFIT) else benefit,
        municipality=place,
        age=int(age_text) if age_text.isdigit() else None,
        facts=tuple(f for f in facts if f),
    )


def register(app: App, services: Services) -> None:
    @app.view(SITUATION_VIEW)
    def situation_submitted(
        ack: Ack,
        body: dict[str, Any],
        view: dict[str, Any],
        client: WebClient,
        context: BoltContext,
    ) -> None:
        started = time.perf_counter()
        verdict = services.access.check_request(client, body, context)
        if not verdict.allowed:  # checked again: the form may have been opened before a change
            notice = refuse(services, verdict, "situation").text
            ack(response_action="update", view=refused_modal(notice))
            log_handled("situation", started, None, **verdict.log_fields())
            return
        situation = read_situation((view.get("state") or {}).get("values") or {})
        outcome = check(services.catalogue, situation, today())
        ack(response_action="update", view=modals.situation_result_view(outcome))
        log_handled("situation", started, groups=",".join(situation.groups()) or "-")
