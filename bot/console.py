"""`toolbox chat`: talk to the Slack app in a terminal, without a Slack account.

Each line becomes a signed direct-message event and goes through the same Bolt app and
listeners as a real DM. The app's Web API calls reach a stand-in inside this process, and
what it posted is printed here, with buttons as numbered choices: type the number to press.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient

from bot import inbound
from bot.app import create_app
from bot.logs import configure_logging
from bot.settings import SettingsError, load_settings
from bot.standin import WEBHOOK, Call, SlackStandIn

WELCOME = (
    "Toolbox-assistent (console). Stel je vraag, bijvoorbeeld: wajong werknemer, welke regeling?\n"
    "Typ een nummer om op een knop te drukken, 'help' voor voorbeelden en 'stop' om te stoppen."
)
STOP_WORDS = {"stop", "exit", "quit", "doei", ":q"}
RULE = "─" * 60


@dataclass(frozen=True)
class Button:
    label: str
    action: dict[str, Any]


class Console:
    """One conversation with the app: lines in, rendered posts out."""

    def __init__(self, app: App, standin: SlackStandIn, secret: str, out: TextIO) -> None:
        self.app = app
        self.standin = standin
        self.secret = secret
        self.out = out
        self.buttons: list[Button] = []
        self._seen = 0

    def handle(self, line: str) -> None:
        text = line.strip()
        if text.isdigit() and self.buttons:
            self.press(int(text))
        elif text:
            self.say(text)

    def say(self, text: str) -> None:
        self._dispatch(inbound.event_body(inbound.dm_event(text)), inbound.JSON)
        self._show_new_posts()

    def press(self, number: int) -> None:
        if not 1 <= number <= len(self.buttons):
            print(f"Kies een knop van 1 tot {len(self.buttons)}.", file=self.out)
            return
        button = self.buttons[number - 1]
        payload = inbound.block_actions_payload(
            button.action,
            response_url=self.standin.webhook_url("console"),
            channel_id=inbound.DM_CHANNEL,
            is_ephemeral=False,
        )
        self._dispatch(inbound.interaction_body(payload), inbound.FORM)
        self._show_new_posts()

    def _dispatch(self, body: str, content_type: str) -> None:
        headers: dict[str, str | Sequence[str]] = {
            k.lower(): [v] for k, v in inbound.sign(self.secret, body).items()
        }
        headers["content-type"] = [content_type]
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status != 200:
            print(f"(de app antwoordde met status {response.status})", file=self.out)

    def _show_new_posts(self) -> None:
        posts = self.standin.posts()
        new, self._seen = posts[self._seen :], len(posts)
        buttons: list[Button] = []
        for call in new:
            print(render_call(call, buttons), file=self.out)
        if buttons:
            self.buttons = buttons
            choices = "  ".join(f"[{n}] {b.label}" for n, b in enumerate(buttons, start=1))
            print(f"{choices}\n", file=self.out)
        self.out.flush()


def render_call(call: Call, buttons: list[Button]) -> str:
    """What one Web API call would show in Slack, as terminal text."""
    body = call.body
    if call.method.startswith("views."):
        title = ((body.get("view") or {}).get("title") or {}).get("text", "venster")
        return f"(Slack zou nu het venster '{title}' openen; dat kan alleen in Slack zelf.)\n"
    blocks = body.get("blocks") or []
    if not blocks:
        return plain(str(body.get("text", ""))) + "\n"
    lines = [render_block(block, buttons) for block in blocks]
    prefix = (
        "(alleen voor jou) "
        if call.method == WEBHOOK and body.get("response_type") != "in_channel"
        else ""
    )
    return prefix + "\n".join(line for line in lines if line) + "\n"


def render_block(block: dict[str, Any], buttons: list[Button]) -> str:
    kind = block.get("type")
    if kind == "header":
        text = plain(block["text"]["text"])
        return f"\n{text}\n{'═' * min(len(text), 60)}"
    if kind == "divider":
        return RULE
    if kind == "section":
        parts = [plain(block.get("text", {}).get("text", ""))]
        parts += [plain(f.get("text", "")) for f in block.get("fields", [])]
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") == "button":
            about = parts[0].split("\n")[0].split(":")[0].lstrip("0123456789. ")[:40]
            buttons.append(_button(accessory, about))
        return "\n".join(p for p in parts if p)
    if kind == "context":
        return "  " + " ".join(plain(e.get("text", "")) for e in block.get("elements", []))
    if kind == "actions":
        for element in block.get("elements", []):
            if element.get("type") == "button":
                buttons.append(_button(element))
        return ""
    if kind == "rich_text":
        return plain(_rich_text(block))
    return ""


def _button(element: dict[str, Any], about: str = "") -> Button:
    label = plain(element["text"]["text"])
    return Button(f"{label}: {about}" if about else label, element)


def _rich_text(block: dict[str, Any]) -> str:
    out: list[str] = []
    for section in block.get("elements", []):
        out.extend(str(e.get("text", "")) for e in section.get("elements", []))
    return "".join(out)


_LINK = re.compile(r"<([^<>|]+)\|([^<>]+)>")
_BARE = re.compile(r"<([^<>|]+)>")
_MARKS = re.compile(r"(?<![\w*_~])([*_~])(\S(?:.*?\S)?)\1(?![\w*_~])")


def plain(mrkdwn: str) -> str:
    """Slack mrkdwn as terminal text: links as "label (address)", no *bold* marks, entities."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", mrkdwn)
    text = _BARE.sub(lambda m: m.group(1), text)
    text = _MARKS.sub(lambda m: m.group(2), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def run_console(
    db: Path | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    secret = secrets.token_hex(16)
    overrides: dict[str, Any] = {
        # The console never talks to Slack: its own token and secret, its own stand-in.
        "slack_bot_token": "xoxb-console",
        "slack_signing_secret": secret,
        "slack_app_token": None,
    }
    if db is not None:
        overrides["toolbox_db"] = db
    try:
        settings = load_settings(**overrides)
    except (SettingsError, ValidationError) as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging("DEBUG" if settings.toolbox_log_level == "DEBUG" else "WARNING")
    interactive = stdin.isatty()
    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-console", base_url=standin.api_url)
        try:
            app = create_app(settings, client=client, process_before_response=True)
        except SettingsError as error:
            print(error, file=sys.stderr)
            return 2
        console = Console(app, standin, secret, out)
        if interactive:
            print(WELCOME, file=out)
        while True:
            if interactive:
                print("> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line:
                break
            if line.strip().lower() in STOP_WORDS:
                break
            console.handle(line)
    return 0
