"""Settings, dedup, subcommands, the message guard, the manifest and the console."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from bot.app import BOT_SCOPES
from bot.console import plain, run_console
from bot.dedup import TtlSet
from bot.pipeline import Assistant
from bot.settings import Settings, SettingsError, parse_coordinators
from bot.subcommands import command_query, parse_command
from catalogue.store import build_database
from responses import ids
from responses.guard import enforce_limits
from responses.message import Message

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("mode", "given", "missing"),
    [
        ("http", {"slack_bot_token": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ("http", {"slack_signing_secret": "s"}, "SLACK_BOT_TOKEN"),
        ("socket", {"slack_bot_token": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ],
)
def test_missing_secret_fails_naming_the_variable(mode: str, given: dict, missing: str) -> None:
    settings = Settings(_env_file=None, **given)
    with pytest.raises(SettingsError, match=missing):
        settings.require(mode)  # type: ignore[arg-type]


def test_app_token_switches_to_socket_mode() -> None:
    assert Settings(_env_file=None).mode == "http"
    assert Settings(_env_file=None, slack_app_token="xapp-1").mode == "socket"


def test_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLBOX_COORDINATORS", "U1:haaglanden, U2:den-haag,U1:delft")
    monkeypatch.setenv("TOOLBOX_LOG_LEVEL", "debug")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    settings = Settings(_env_file=None)
    assert settings.toolbox_coordinators == {"U1": ("haaglanden", "delft"), "U2": ("den-haag",)}
    assert settings.toolbox_log_level == "DEBUG"
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.toolbox_log_days == 90


def test_a_malformed_coordinator_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="U1-haaglanden"):
        parse_coordinators("U1-haaglanden")


def test_dedup_forgets_after_the_ttl() -> None:
    now = [0.0]
    seen = TtlSet(ttl=10, clock=lambda: now[0])
    assert seen.claim(["a"])
    assert not seen.claim(["a", "b"])
    now[0] = 11
    assert seen.claim(["a"])


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("", "help", ""),
        ("   ", "help", ""),
        ("HELP", "help", ""),
        ("vergelijk  LD   en LKS", "vergelijk", "LD en LKS"),
        ("factsheet no-riskpolis", "factsheet", "no-riskpolis"),
        ("wajong werknemer?", "vraag", "wajong werknemer?"),
        ("gemeente", "gemeente", ""),
    ],
)
def test_parse_command(text: str, kind: str, rest: str) -> None:
    command = parse_command(text)
    assert (command.kind, command.rest) == (kind, rest)


@pytest.mark.parametrize(
    ("text", "intent", "instruments", "municipality"),
    [
        ("vergelijk loondispensatie en loonkostensubsidie", "compare", 2, None),
        ("factsheet proefplaatsing", "factsheet", 1, None),
        ("gemeente Zoetermeer", "local", 0, "zoetermeer"),
    ],
)
def test_subcommand_queries(
    assistant: Assistant, text: str, intent: str, instruments: int, municipality: str | None
) -> None:
    query = command_query(assistant, parse_command(text))
    assert query.intent.value == intent
    assert len(query.instruments) >= instruments
    assert query.municipality == municipality


def _button(n: int) -> dict:
    return {
        "type": "button",
        "action_id": ids.DETAILS,
        "text": {"type": "plain_text", "text": "x" * 90},
        "value": "{}",
    }


def test_long_messages_are_split_within_the_limits() -> None:  # rows 7-12, 27
    long_text = ("Een zin van een antwoord. " * 400).strip()
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "H" * 300}}]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": long_text}}]
    blocks += [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"stuk {n}"}} for n in range(70)
    ]
    blocks += [{"type": "actions", "elements": [_button(n) for n in range(3)]}]

    parts = enforce_limits(Message(text="x" * 9000, blocks=blocks))

    assert len(parts) >= 2
    all_blocks = [b for part in parts for b in part.blocks]
    sections = [b for b in all_blocks if b["type"] == "section"]
    assert "".join(b["text"]["text"] for b in sections).count("Een zin") == 400
    for part in parts:
        assert part.text and len(part.text) <= 3900
        assert len(part.blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert len(all_blocks[0]["text"]["text"]) <= 150
    buttons = all_blocks[-1]["elements"]
    assert len({b["action_id"] for b in buttons}) == 3
    assert all(len(b["text"]["text"]) <= 75 for b in buttons)


def test_text_only_message_is_split_not_cut() -> None:
    text = "woord " * 2000
    parts = enforce_limits(Message(text=text))
    assert all(len(p.text) <= 3900 for p in parts)
    assert sum(p.text.count("woord") for p in parts) == 2000


def test_manifest_lists_exactly_what_the_app_uses() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yaml").read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == [ids.COMMAND]
    shortcuts = {s["callback_id"] for s in manifest["features"]["shortcuts"]}
    assert shortcuts == {ids.ASK_SHORTCUT, ids.SITUATION_OPEN}
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events == {
        "app_home_opened",
        "app_mention",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "message.im",
    }


@pytest.mark.parametrize(
    ("mrkdwn", "text"),
    [
        ("*Loondispensatie* (UWV)", "Loondispensatie (UWV)"),
        ("<https://uwv.nl|UWV>", "UWV (https://uwv.nl)"),
        ("a &lt; b &amp;&amp; c", "a < b && c"),
        ("_let op_", "let op"),
    ],
)
def test_console_renders_mrkdwn_as_plain_text(mrkdwn: str, text: str) -> None:
    assert plain(mrkdwn) == text


@pytest.fixture(scope="module")
def live_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("console") / "live.db"
    build_database(path)
    return path


def test_console_answers_piped_questions_and_presses_buttons(live_db: Path) -> None:
    out = io.StringIO()

    code = run_console(
        db=live_db, stdin=io.StringIO("wajong werknemer, welke regeling?\n1\n"), stdout=out
    )

    shown = out.getvalue()
    assert code == 0
    assert "Loondispensatie" in shown
    assert "[1] Details" in shown
    assert "Voorwaarden" in shown, "pressing 1 shows the details of the first instrument"
