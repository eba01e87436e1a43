"""Load test with a realistic mix: slash commands, mentions, direct messages and button clicks.

Starts the app in HTTP mode (waitress, as `toolbox serve` does) on 127.0.0.1 with a live
database file and the Web API stand-in, then sends signed requests at rising concurrency
(closed loop: each sender sends its next request when the last one was acked). For every level
it prints how many requests were acked within three seconds, the errors, unanswered and
duplicated answers, and the median and 99th percentile of the time to ack and to the answer
(when the stand-in received the reply). Bounded: --count requests per level, --seconds per
level, and only loopback addresses.

    .venv/bin/python scripts/load_mix.py --levels 1,5,10,20 --count 200
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import waitress

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import inbound
from bot.app import create_app
from bot.logs import configure_logging
from bot.measure import cpu_model, percentile
from bot.server import SERVER_THREADS, make_wsgi
from bot.services import build_services
from bot.settings import Settings
from bot.standin import WEBHOOK, Call, SlackStandIn
from responses.ids import DETAILS, FACTSHEET, SHARE
from responses.state import encode

SECRET = "load-mix-secret"
ACK_LIMIT = 3.0
QUESTIONS = (
    "wajong werknemer, welke regeling?",
    "wat is een no-riskpolis?",
    "verschil loondispensatie en loonkostensubsidie",
    "wat heeft Den Haag extra?",
    "welke instrumenten zijn er voor jongeren?",
    "factsheet proefplaatsing voor de werkgever",
    "kandidaat 58 jaar uit de WW, wat kan de werkgever krijgen?",
    "subsidie?",
    "hoe laat is de kantine open?",
    "wat is er veranderd aan de LKV?",
)
MIX = ("command",) * 8 + ("mention",) * 4 + ("dm",) * 5 + ("click",) * 3
"""Per 20 requests: 8 slash commands, 4 mentions, 5 direct messages, 3 button clicks."""
BUTTONS = (
    {"action_id": f"{DETAILS}:loondispensatie", "value": encode(["loondispensatie"])},
    {"action_id": f"{FACTSHEET}:no-riskpolis", "value": encode(["no-riskpolis"])},
    {"action_id": f"{SHARE}:0", "value": encode(["loonkostensubsidie"], question="lks?")},
)


@dataclass
class Sent:
    kind: str
    key: str
    """What identifies the answer at the stand-in: a response_url name, a DM channel, a ts."""
    at: float
    ack: float | None = None
    error: str | None = None


@dataclass
class Level:
    senders: int
    sent: list[Sent] = field(default_factory=list)
    answers: dict[str, float] = field(default_factory=dict)
    duplicates: int = 0
    seconds: float = 0.0

    @property
    def acks(self) -> list[float]:
        return [s.ack for s in self.sent if s.ack is not None]

    @property
    def errors(self) -> list[str]:
        return [f"{s.kind} {s.key}: {s.error}" for s in self.sent if s.error]

    @property
    def acked_in_time(self) -> int:
        return sum(1 for s in self.sent if s.ack is not None and s.ack < ACK_LIMIT and not s.error)

    @property
    def unanswered(self) -> int:
        return sum(1 for s in self.sent if s.key not in self.answers)

    @property
    def ok(self) -> bool:
        return (
            self.acked_in_time == len(self.sent)
            and not self.errors
            and not self.unanswered
            and not self.duplicates
        )


class Mix:
    """Builds and sends one request of each kind, and tells where its answer will show up."""

    def __init__(self, sender: inbound.SlackSender, standin: SlackStandIn) -> None:
        self.sender = sender
        self.standin = standin
        self.numbers = itertools.count(1)

    def send(self, kind: str, n: int) -> Sent:
        question = QUESTIONS[n % len(QUESTIONS)]
        number = next(self.numbers)
        sending: dict[str, Callable[[], tuple[str, Callable[[], inbound.Reply]]]] = {
            "command": lambda: self._command(question, number),
            "mention": lambda: self._mention(question),
            "dm": lambda: self._dm(question, number),
            "click": lambda: self._click(number),
        }
        key, send = sending[kind]()
        sent = Sent(kind, key, time.time())
        try:
            reply = send()
        except OSError as error:
            sent.error = type(error).__name__
            return sent
        sent.ack = reply.seconds
        if reply.status != 200:
            sent.error = f"HTTP {reply.status}"
        return sent

    def _command(self, question: str, number: int) -> tuple[str, Callable[[], inbound.Reply]]:
        key = f"c{number}"
        url = self.standin.webhook_url(key)
        return key, lambda: self.sender.command(question, url)

    def _mention(self, question: str) -> tuple[str, Callable[[], inbound.Reply]]:
        event = inbound.mention_event(question)
        return f"ts:{event['ts']}", lambda: self.sender.event(event)

    def _dm(self, question: str, number: int) -> tuple[str, Callable[[], inbound.Reply]]:
        channel = f"D{number:010d}"
        event = inbound.dm_event(question, channel=channel)
        return channel, lambda: self.sender.event(event)

    def _click(self, number: int) -> tuple[str, Callable[[], inbound.Reply]]:
        key = f"b{number}"
        button = BUTTONS[number % len(BUTTONS)]
        payload = inbound.block_actions_payload(button, self.standin.webhook_url(key))
        return key, lambda: self.sender.interaction(payload)


def answer_key(call: Call) -> str | None:
    """Which request a call to the stand-in answers (None for lookups and shared copies)."""
    if call.method == WEBHOOK:
        return call.path.rsplit("/", 1)[-1]
    if call.method != "chat.postMessage":
        return None
    channel = str(call.body.get("channel", ""))
    if channel.startswith("D"):
        return channel
    if call.body.get("thread_ts"):
        return f"ts:{call.body['thread_ts']}"
    return None


def run_level(mix: Mix, standin: SlackStandIn, senders: int, count: int, seconds: float) -> Level:
    level = Level(senders)
    deadline = time.monotonic() + seconds
    numbers = itertools.count()
    lock = threading.Lock()
    already = len(standin.calls())

    def sender_loop() -> None:
        while time.monotonic() < deadline:
            with lock:
                n = next(numbers)
            if n >= count:
                return
            sent = mix.send(MIX[n % len(MIX)], n)
            with lock:
                level.sent.append(sent)

    started = time.monotonic()
    with ThreadPoolExecutor(senders) as pool:
        for future in [pool.submit(sender_loop) for _ in range(senders)]:
            future.result()
    level.seconds = time.monotonic() - started

    wanted = {s.key: s for s in level.sent if not s.error}
    settle = time.monotonic() + 30
    while time.monotonic() < settle:
        seen = {answer_key(c) for c in standin.calls()[already:]}
        if wanted.keys() <= seen:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    for call in standin.calls()[already:]:
        key = answer_key(call)
        if key not in wanted:
            continue
        if key in level.answers:
            level.duplicates += 1
        else:
            level.answers[key] = call.at - wanted[key].at
    return level


def ms(value: float) -> str:
    return f"{value * 1000:.0f}"


def report(levels: list[Level]) -> None:
    print(
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"mix per 20 requests: {MIX.count('command')} slash commands, "
        f"{MIX.count('mention')} mentions, {MIX.count('dm')} DMs, {MIX.count('click')} clicks"
    )
    header = (
        "senders",
        "sent",
        "req/s",
        "ack<3s",
        "errors",
        "unanswered",
        "twice",
        "ack p50",
        "ack p99",
        "ack max",
        "answer p50",
        "answer p99",
        "answer max",
    )
    print(" | ".join(header))
    for level in levels:
        acks, answers = level.acks or [0.0], list(level.answers.values()) or [0.0]
        row = (
            str(level.senders),
            str(len(level.sent)),
            f"{len(level.sent) / max(level.seconds, 1e-9):.0f}",
            f"{level.acked_in_time}/{len(level.sent)}",
            str(len(level.errors)),
            str(level.unanswered),
            str(level.duplicates),
            ms(statistics.median(acks)),
            ms(percentile(acks, 0.99)),
            ms(max(acks)),
            ms(statistics.median(answers)),
            ms(percentile(answers, 0.99)),
            ms(max(answers)),
        )
        print(" | ".join(row))
        for error in level.errors[:5]:
            print(f"    {error}")
    print("times in ms; answer = from sending the request to the stand-in receiving the reply")


def run(levels: list[int], count: int, seconds: float, quiet: bool = True) -> list[Level]:
    """Serve the app on loopback, run every level, stop everything; the results per level."""
    if quiet:
        configure_logging("WARNING")
        # Queue warnings mean "more senders than threads"; the figures say what matters.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp, SlackStandIn() as standin:
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-load",
            slack_signing_secret=SECRET,
            slack_api_url=standin.api_url,
            toolbox_db=Path(tmp) / "live.db",
        )
        services = build_services(settings)
        app = create_app(settings, services=services)
        server: Any = waitress.create_server(
            make_wsgi(app, services), host="127.0.0.1", port=0, threads=SERVER_THREADS
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.effective_port}/slack/events"
            mix = Mix(inbound.SlackSender(url, SECRET), standin)
            mix.send("command", 0)  # warm up: auth.test, the question log, caches
            return [run_level(mix, standin, n, count, seconds) for n in levels]
        finally:
            server.close()
            thread.join(timeout=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--levels", default="1,5,10,20", help="concurrent senders per level")
    parser.add_argument("--count", type=int, default=200, help="requests per level")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop a level after this")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",") if n.strip()]
    results = run(levels, args.count, args.seconds)
    report(results)
    return 0 if all(level.ok for level in results) else 1


if __name__ == "__main__":
    sys.exit(main())
