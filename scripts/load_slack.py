"""Load test: signed /toolbox commands against the HTTP app on 127.0.0.1, 20 at a time.

Starts the app (waitress, as `toolbox serve` does) and the Web API stand-in in this process,
sends N signed slash commands with C concurrent senders, and prints how many were acked within
three seconds, the errors, and the median and 99th percentile of the time to ack and to the
answer (the POST to response_url). Bounded: at most --count requests and --seconds of sending.

    .venv/bin/python scripts/load_slack.py --count 240 --concurrency 20
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import waitress

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import create_app
from bot.inbound import SlackSender
from bot.logs import configure_logging
from bot.measure import cpu_model, percentile
from bot.server import SERVER_THREADS, make_wsgi
from bot.services import build_services
from bot.settings import Settings
from bot.standin import WEBHOOK, SlackStandIn
from catalogue.store import Catalogue

SECRET = "load-test-secret"
QUESTIONS = (
    "wajong werknemer, welke regeling?",
    "wat is een no-riskpolis?",
    "vergelijk loondispensatie loonkostensubsidie",
    "gemeente den haag",
    "factsheet proefplaatsing",
    "welke instrumenten zijn er voor jongeren?",
    "",
    "updates",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=240)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this")
    args = parser.parse_args()
    configure_logging("WARNING")
    # Queue depth warnings mean "20 senders, 16 threads"; the figures below say what matters.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    with SlackStandIn() as standin:
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-load",
            slack_signing_secret=SECRET,
            slack_api_url=standin.api_url,
        )
        services = build_services(settings, catalogue=Catalogue.from_data())
        app = create_app(settings, services=services)
        server: Any = waitress.create_server(
            make_wsgi(app, services), host="127.0.0.1", port=0, threads=SERVER_THREADS
        )
        threading.Thread(target=server.run, daemon=True).start()
        sender = SlackSender(f"http://127.0.0.1:{server.effective_port}/slack/events", SECRET)

        sent_at: dict[str, float] = {}
        acks: list[float] = []
        errors: list[str] = []
        deadline = time.monotonic() + args.seconds

        def one(n: int) -> None:
            if time.monotonic() > deadline:
                return
            name = f"load-{n}"
            sent_at[name] = time.time()
            try:
                reply = sender.command(QUESTIONS[n % len(QUESTIONS)], standin.webhook_url(name))
            except OSError as error:
                errors.append(f"{name}: {error}")
                return
            if reply.status != 200:
                errors.append(f"{name}: HTTP {reply.status}")
            acks.append(reply.seconds)

        started = time.monotonic()
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(one, range(args.count)))
        sending = time.monotonic() - started

        standin.wait_for(WEBHOOK, len(sent_at), timeout=60)
        answered: dict[str, float] = {}
        for call in standin.calls(WEBHOOK):
            name = call.path.rsplit("/", 1)[-1]
            if name in sent_at and name not in answered:
                answered[name] = call.at - sent_at[name]
        duplicates = len(standin.calls(WEBHOOK)) - len(answered)
        server.close()

    missing = len(sent_at) - len(answered)
    answers = list(answered.values())
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(
        f"sent: {len(sent_at)} signed /toolbox commands, {args.concurrency} concurrent, "
        f"in {sending:.1f} s ({len(sent_at) / sending:.0f}/s)"
    )
    print(f"acked within 3 s: {sum(1 for a in acks if a < 3)}/{len(sent_at)}")
    print(f"errors: {len(errors)}; unanswered: {missing}; answered twice: {duplicates}")
    if acks:
        print(
            f"ack    median {statistics.median(acks) * 1000:.0f} ms, "
            f"p99 {percentile(acks, 0.99) * 1000:.0f} ms, max {max(acks) * 1000:.0f} ms"
        )
    if answers:
        print(
            f"answer median {statistics.median(answers) * 1000:.0f} ms, "
            f"p99 {percentile(answers, 0.99) * 1000:.0f} ms, max {max(answers) * 1000:.0f} ms"
        )
    for error in errors[:10]:
        print(f"  {error}")
    ok = not errors and not missing and not duplicates and all(a < 3 for a in acks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
