"""Through the console (the same Bolt app and DM listener): a follow-up keeps the subject."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_console_follow_up_answers_about_the_previous_instrument(tmp_path: Path) -> None:
    lines = "wat is loonkostensubsidie\nen hoelang?\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--db", str(tmp_path / "live.db")],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("Hoe lang:") == 2, result.stdout[-3000:]
    assert result.stdout.count("Aanvragen:") == 1, "the follow-up repeated the whole card"
    assert "Traceback" not in result.stdout + result.stderr
