"""Only full members of the home workspace get internal answers (DESIGN.md, "Who may see what").

Guests, people from another organisation and anyone in an externally shared channel get a
polite refusal on every surface, or the employer factsheet when they asked for one; a failed
lookup refuses too. Each test reads back everything the app showed and looks for every
internal field of the instruments asked about (pitfalls.md rows 25 and 26).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot import inbound
from bot.access import AccessPolicy, Asker
from bot.standin import (
    OTHER_TEAM_ID,
    TEAM_ID,
    WEBHOOK,
    Call,
    api_error,
    ext_shared_channel,
    external_user,
    guest,
    server_error,
    slow,
)
from responses import modals
from responses.access import Denied, refusal_text
from responses.ids import (
    ASK_SHORTCUT,
    CLARIFY,
    COMPARE,
    DETAILS,
    FEEDBACK_DOWN,
    SHARE,
    SITUATION_OPEN,
    SITUATION_VIEW,
)
from responses.state import encode
from tests.access.conftest import (
    EXTERNAL,
    GUEST,
    SHARED_CHANNEL,
    SINGLE_CHANNEL_GUEST,
    Toolbox,
    adviser_texts,
    internal_texts,
    leaked,
    shown,
)

QUESTION = "wat zijn de voorwaarden van loondispensatie en waar moet ik intern op letten?"
ASKED = ("loondispensatie", "loonkostensubsidie")
_triggers = itertools.count(1)


def _adviser_texts(toolbox: Toolbox) -> list[str]:
    catalogue = toolbox.app.services.catalogue
    return [t for i in ASKED for t in adviser_texts(catalogue.history(i)[-1].instrument)]


# -- every surface, as Slack sends it ------------------------------------------------------------

Send = Callable[[Toolbox, str, str], tuple[str, dict[str, Any] | None]]
"""Sends one request as `user` in `channel`; returns the stand-in method the reply arrives on
and, for a modal submission, the reply itself (the app answers those in the HTTP response)."""


def _command(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    t.app.sender.command(QUESTION, t.app.webhook(), user_id=user, channel_id=channel)
    return WEBHOOK, None


def _mention(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    t.app.sender.event(inbound.mention_event(QUESTION, user=user, channel=channel))
    return "chat.postMessage", None


def _dm(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    t.app.sender.event(inbound.dm_event(QUESTION, user=user))
    return "chat.postMessage", None


def _assistant(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    thread = {"user_id": user, "channel_id": inbound.DM_CHANNEL, "thread_ts": "1700.1"}
    t.app.sender.event({"type": "assistant_thread_started", "assistant_thread": thread})
    return "chat.postMessage", None


def _home(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    event = {"type": "app_home_opened", "user": user, "channel": "D0000000005", "tab": "home"}
    t.app.sender.event(event)
    return "views.publish", None


def _message_shortcut(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    payload = inbound.message_shortcut_payload(ASK_SHORTCUT, QUESTION, t.app.webhook(), user)
    payload["channel"]["id"] = channel
    t.app.sender.interaction(payload)
    return WEBHOOK, None


def _global_shortcut(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    payload = {
        "type": "shortcut",
        "callback_id": SITUATION_OPEN,
        "trigger_id": f"1.{next(_triggers)}.abc",
        "user": {"id": user, "team_id": TEAM_ID},
        "team": {"id": TEAM_ID},
        "token": "x",
    }
    t.app.sender.interaction(payload)
    return "views.open", None


def _situation_submitted(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
    view = {"type": "modal", "callback_id": SITUATION_VIEW, "blocks": []}
    values = {
        modals.BENEFIT: {
            modals.VALUE: {"type": "static_select", "selected_option": {"value": "wajong"}}
        }
    }
    reply = t.app.sender.interaction(inbound.view_submission_payload(view, values, user))
    return "", json.loads(reply.body or "{}")


def _click(action_id: str, value: str) -> Send:
    def send(t: Toolbox, user: str, channel: str) -> tuple[str, dict[str, Any] | None]:
        button = {"action_id": action_id, "value": value}
        payload = inbound.block_actions_payload(button, t.app.webhook(), user, channel)
        t.app.sender.interaction(payload)
        return ("views.open" if action_id == SITUATION_OPEN else WEBHOOK), None

    return send


SURFACES: dict[str, Send] = {
    "command": _command,
    "mention": _mention,
    "dm": _dm,
    "assistant panel": _assistant,
    "app home": _home,
    "message shortcut": _message_shortcut,
    "global shortcut": _global_shortcut,
    "situation submitted": _situation_submitted,
    "details button": _click(f"{DETAILS}:loondispensatie", encode(["loondispensatie"])),
    "compare button": _click(COMPARE, encode(list(ASKED))),
    "share button": _click(SHARE, encode(["loondispensatie"], question=QUESTION)),
    "clarify button": _click(f"{CLARIFY}:0", encode(question=QUESTION)),
    "feedback button": _click(FEEDBACK_DOWN, encode(["loondispensatie"], intent="explain")),
    "situation button": _click(SITUATION_OPEN, ""),
}
IN_A_CHANNEL = (
    "command",
    "mention",
    "message shortcut",
    "details button",
    "compare button",
    "share button",
    "clarify button",
    "feedback button",
)
"""The surfaces that happen in a conversation, so a shared channel can refuse them."""


def _send_and_read(toolbox: Toolbox, surface: str, user: str, channel: str) -> list[Call]:
    method, reply = SURFACES[surface](toolbox, user, channel)
    if method:
        toolbox.standin.wait_for(method, 1)
    time.sleep(0.3)  # anything else the app would send arrives too
    calls = toolbox.standin.posts()
    if reply is not None:
        calls.append(Call("view_submission_reply", "", reply, {}, time.time()))
    assert calls, f"nothing reached anyone on {surface}"
    return calls


# -- refused -------------------------------------------------------------------------------------

PEOPLE = {
    "multi-channel guest": (GUEST, guest(GUEST), Denied.GUEST),
    "single-channel guest": (
        SINGLE_CHANNEL_GUEST,
        guest(SINGLE_CHANNEL_GUEST, single_channel=True),
        Denied.GUEST,
    ),
    "user of another organisation": (EXTERNAL, external_user(EXTERNAL), Denied.EXTERNAL_USER),
}


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("person", list(PEOPLE))
def test_guests_and_external_users_get_no_internal_content(
    toolbox: Toolbox, caplog: pytest.LogCaptureFixture, person: str, surface: str
) -> None:
    user, record, reason = PEOPLE[person]
    toolbox.standin.users[user] = record
    caplog.set_level(logging.INFO, logger="bot.questions")

    calls = _send_and_read(toolbox, surface, user, inbound.CHANNEL)

    assert leaked(_adviser_texts(toolbox), calls) == []
    assert refusal_text(reason) in shown(calls)
    refusals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]
    assert len(refusals) == 1, refusals
    assert f"reason={reason}" in refusals[0] and user not in refusals[0]
    assert "loondispensatie" not in refusals[0].lower()


@pytest.mark.parametrize("surface", IN_A_CHANNEL)
def test_a_member_in_an_externally_shared_channel_gets_no_internal_content(
    toolbox: Toolbox, surface: str
) -> None:
    toolbox.standin.channels[SHARED_CHANNEL] = ext_shared_channel(SHARED_CHANNEL)

    calls = _send_and_read(toolbox, surface, inbound.ASKER, SHARED_CHANNEL)

    assert leaked(_adviser_texts(toolbox), calls) == []
    assert refusal_text(Denied.SHARED_CHANNEL) in shown(calls)


def test_an_event_marked_as_from_a_shared_channel_is_refused_without_a_lookup(
    toolbox: Toolbox,
) -> None:
    # payloads.md section 8: the body says so; the channel record is not even needed.
    event = inbound.mention_event(QUESTION, user="U0000000003", channel=SHARED_CHANNEL)
    event["team"] = OTHER_TEAM_ID

    toolbox.app.sender.event(event, team_id=OTHER_TEAM_ID, ext_shared=True)

    calls = toolbox.app.posted(1)
    assert leaked(_adviser_texts(toolbox), calls) == []
    assert refusal_text(Denied.SHARED_CHANNEL) in shown(calls)
    assert toolbox.standin.calls("users.info") == []


@pytest.mark.parametrize(
    ("case", "method", "outcome", "reason"),
    [
        ("user not found", "users.info", api_error("user_not_found"), Denied.USER_UNKNOWN),
        ("Slack down", "users.info", server_error(503), Denied.USER_UNKNOWN),
        ("Slack too slow", "users.info", slow(3.5), Denied.USER_UNKNOWN),
        ("missing scope", "users.info", api_error("missing_scope"), Denied.USER_UNKNOWN),
        ("channel unseen", "conversations.info", api_error("channel_not_found"), None),
    ],
)
def test_a_failed_lookup_refuses_and_is_asked_again_next_time(
    toolbox: Toolbox, case: str, method: str, outcome: Any, reason: Denied | None
) -> None:
    toolbox.standin.script(method, *[outcome] * 3)  # the app's own retries fail as well

    toolbox.app.sender.command(QUESTION, toolbox.app.webhook("first"))
    first = toolbox.app.replies(1, timeout=15)

    assert leaked(_adviser_texts(toolbox), first) == [], case
    assert refusal_text(reason or Denied.CHANNEL_UNKNOWN) in shown(first), case
    toolbox.standin.reset()
    toolbox.app.sender.command(QUESTION, toolbox.app.webhook("second"))
    second = toolbox.app.replies(1, timeout=15)
    assert "Loondispensatie" in shown(second), "a failure is not cached"


# -- allowed -------------------------------------------------------------------------------------


def test_a_full_member_gets_the_internal_answer(toolbox: Toolbox) -> None:
    button = {"action_id": f"{DETAILS}:loondispensatie", "value": encode(["loondispensatie"])}

    toolbox.app.sender.interaction(inbound.block_actions_payload(button, toolbox.app.webhook()))

    calls = toolbox.app.replies(1)
    notes = toolbox.app.services.catalogue.history("loondispensatie")[-1].instrument
    assert internal_texts(notes)[0] in shown(calls), "the control: members see internal notes"
    assert "intern" in shown(calls)


def test_a_members_lookups_are_cached(toolbox: Toolbox) -> None:
    for n in range(3):
        toolbox.app.sender.command(QUESTION, toolbox.app.webhook(f"r{n}"))
        toolbox.app.replies(n + 1)

    assert len(toolbox.standin.calls("users.info")) == 1
    assert len(toolbox.standin.calls("conversations.info")) == 1


@pytest.mark.parametrize("person", list(PEOPLE))
def test_anyone_may_ask_for_the_employer_factsheet(toolbox: Toolbox, person: str) -> None:
    user, record, _ = PEOPLE[person]
    toolbox.standin.users[user] = record
    instrument = toolbox.app.services.catalogue.history("loondispensatie")[-1].instrument

    toolbox.app.sender.command("factsheet loondispensatie", toolbox.app.webhook(), user_id=user)

    calls = toolbox.app.replies(1)
    assert " ".join(instrument.factsheet.split()) in " ".join(shown(calls).split())
    assert leaked(internal_texts(instrument), calls) == []


def test_the_factsheet_in_a_shared_channel_is_the_employer_text_only(toolbox: Toolbox) -> None:
    toolbox.standin.channels[SHARED_CHANNEL] = ext_shared_channel(SHARED_CHANNEL)
    instrument = toolbox.app.services.catalogue.history("no-riskpolis")[-1].instrument

    toolbox.app.sender.event(
        inbound.mention_event("factsheet no-riskpolis", channel=SHARED_CHANNEL)
    )

    calls = toolbox.app.posted(1)
    assert " ".join(instrument.factsheet.split()) in " ".join(shown(calls).split())
    assert leaked(internal_texts(instrument), calls) == []
    assert instrument.summary not in shown(calls)


# -- the policy on its own -----------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_cache_expires(toolbox: Toolbox) -> None:
    clock = _Clock()
    policy = AccessPolicy(ttl=60, clock=clock)
    client = toolbox.app.app.client
    asker = Asker(user=GUEST, channel=None, home_team=TEAM_ID)

    assert policy.check(client, asker).allowed
    toolbox.standin.users[GUEST] = guest(GUEST)
    assert policy.check(client, asker).allowed, "still cached"
    clock.now = 61
    assert policy.check(client, asker).denied is Denied.GUEST


@pytest.mark.parametrize(
    ("record", "denied"),
    [
        ({"is_ext_shared": True}, Denied.SHARED_CHANNEL),
        ({"is_pending_ext_shared": True}, Denied.SHARED_CHANNEL),
        ({"is_shared": True}, Denied.SHARED_CHANNEL),
        ({"is_shared": True, "is_org_shared": True}, None),
        ({}, None),
    ],
)
def test_which_channels_count_as_shared_outside(
    toolbox: Toolbox, record: dict[str, bool], denied: Denied | None
) -> None:
    toolbox.standin.channels["C0000000042"] = {"id": "C0000000042", **record}
    asker = Asker(user=inbound.ASKER, channel="C0000000042", home_team=TEAM_ID)

    assert AccessPolicy().check(toolbox.app.app.client, asker).denied is denied


def test_without_a_home_team_nobody_is_let_in(toolbox: Toolbox) -> None:
    asker = Asker(user=inbound.ASKER, channel=None, home_team=None)

    assert AccessPolicy().check(toolbox.app.app.client, asker).denied is Denied.USER_UNKNOWN
