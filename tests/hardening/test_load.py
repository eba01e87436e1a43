"""A small, bounded run of scripts/load_mix.py: the figures in the README come from its full run.

20 concurrent senders with the realistic mix must see every request acked within three
seconds, no errors, and every question answered exactly once.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_mix.py"


def load_mix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_mix", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_mixed_load_at_rising_concurrency_is_acked_in_time_and_answered_once() -> None:
    levels = load_mix().run([1, 5, 20], count=60, seconds=30)

    for level in levels:
        assert len(level.sent) == 60, f"{level.senders} senders stopped early"
        assert level.acked_in_time == 60, [s.ack for s in level.sent]
        assert level.errors == []
        assert (level.unanswered, level.duplicates) == (0, 0)
        assert {s.kind for s in level.sent} == {"command", "mention", "dm", "click"}
