"""Logging set up once, at start: our decisions at the chosen level, libraries quieter."""

from __future__ import annotations

import logging
import sys

QUIET_LIBRARIES = ("slack_bolt", "slack_sdk", "urllib3", "waitress.queue")
"""Their DEBUG output carries request bodies (question text), so they stay at WARNING."""


def configure_logging(level: str = "INFO", stream: object = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
