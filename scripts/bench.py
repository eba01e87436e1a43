#!/usr/bin/env python3
"""Benchmark the question pipeline in one process: questions per second, median and p99.

Runs a large, varied set of questions (templates filled with the catalogue's own words, plus
typos and noise) against the shipped catalogue and against a generated one ten times larger,
so the cost of growth is visible.

    .venv/bin/python scripts/bench.py            # both catalogues, 3000 questions each
    .venv/bin/python scripts/bench.py --n 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.pipeline import Assistant  # noqa: E402
from catalogue.loader import DATA_DIR  # noqa: E402
from catalogue.store import Catalogue  # noqa: E402

TEMPLATES = [
    "{group} werknemer, welke regeling?",
    "wat kan de werkgever krijgen voor iemand uit de {group}",
    "kandidaat uit {place} met {group}, wat zijn de mogelijkheden",
    "wat is {instrument}",
    "hoe lang duurt {instrument}?",
    "verschil tussen {instrument} en {other}",
    "factsheet {instrument} voor de werkgever",
    "wat heeft {place} extra?",
    "welke lokale regelingen heeft {place}",
    "alle loonkostenvoordelen op een rij",
    "wat is er veranderd aan {instrument}",
    "{topic}, wat is er mogelijk voor een {group}",
    "{instrument_typo} uitleg",
    "help",
    "geld",
    "hoe laat gaat de kantine open?",
    "meneer Jansen (bsn 123456782) heeft {group}, welke regeling?",
    "{group} en {topic} in {place}, per 1 januari 2027",
]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def questions(catalogue: Catalogue, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    instruments = catalogue.instruments()
    names = [i.name for i in instruments] + [a for i in instruments for a in i.aliases]
    topics = [t for i in instruments for t in i.topics] or ["vervoer"]
    groups = [a for g in catalogue.target_groups.values() for a in g.aliases]
    places = [p for m in catalogue.municipalities.values() for p in (m.name, *m.places)]
    out = []
    for _ in range(n):
        template = rng.choice(TEMPLATES)
        out.append(
            template.format(
                group=rng.choice(groups),
                place=rng.choice(places),
                instrument=rng.choice(names),
                other=rng.choice(names),
                topic=rng.choice(topics),
                instrument_typo=typo(rng.choice(names), rng),
            )
        )
    return out


def tenfold_data(target: Path) -> Path:
    """A copy of the data files with every instrument present ten times (distinct ids/words)."""
    data = target / "data"
    (data / "instruments").mkdir(parents=True)
    for name in ("regions", "municipalities", "providers", "target_groups"):
        (data / f"{name}.yaml").write_text((DATA_DIR / f"{name}.yaml").read_text("utf-8"))
    for path in sorted((DATA_DIR / "instruments").glob("*.yaml")):
        record = yaml.safe_load(path.read_text("utf-8"))
        (data / "instruments" / path.name).write_text(path.read_text("utf-8"), "utf-8")
        for k in range(1, 10):
            copy = dict(record)
            suffix = f"variant{k}"
            copy["id"] = f"{record['id']}-{suffix}"
            copy["name"] = f"{record['name']} {suffix}"
            copy["aliases"] = [f"{a} {suffix}" for a in record.get("aliases", [])]
            copy["topics"] = [f"{t} {suffix}" for t in record.get("topics", [])]
            copy["related"] = []
            copy["successor"] = []
            text = yaml.safe_dump(copy, allow_unicode=True, sort_keys=False)
            (data / "instruments" / f"{copy['id']}.yaml").write_text(text, "utf-8")
    return data


def run(label: str, catalogue: Catalogue, n: int) -> dict[str, float]:
    started = time.perf_counter()
    assistant = Assistant(catalogue)
    setup = time.perf_counter() - started
    batch = questions(catalogue, n)
    on = dt.date(2026, 12, 4)
    for question in batch[:50]:
        assistant.ask(question, on=on)
    timings = []
    begin = time.perf_counter()
    for question in batch:
        t0 = time.perf_counter()
        assistant.ask(question, on=on)
        timings.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - begin
    timings.sort()
    result = {
        "instruments": len(catalogue.ids()),
        "questions": len(batch),
        "per_second": len(batch) / total,
        "median_ms": statistics.median(timings),
        "p99_ms": timings[int(len(timings) * 0.99) - 1],
        "max_ms": timings[-1],
        "setup_ms": setup * 1000,
    }
    print(
        f"{label:<22} {result['instruments']:>5} instrumenten  {result['questions']:>6} vragen  "
        f"{result['per_second']:>8.0f} vragen/s  mediaan {result['median_ms']:.2f} ms  "
        f"p99 {result['p99_ms']:.2f} ms  max {result['max_ms']:.1f} ms  "
        f"opstart {result['setup_ms']:.0f} ms"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=3000, help="questions per catalogue")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} op {platform.machine()}, {platform.processor()}")
    run("meegeleverde catalogus", Catalogue.from_data(), args.n)
    with tempfile.TemporaryDirectory() as tmp:
        run("tien keer zo groot", Catalogue.from_data(tenfold_data(Path(tmp))), args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
