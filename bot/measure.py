"""Small helpers for the load scripts: percentiles and the machine they ran on."""

from __future__ import annotations

import platform
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    """The value at `fraction` (0-1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_model() -> str:
    """The processor's model name, for the figures in the README."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
