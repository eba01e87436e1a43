"""The `toolbox` command: ask questions, run the console or the Slack app, manage the catalogue."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from catalogue.loader import DATA_DIR, CatalogueError, load_data
from catalogue.store import Catalogue, build_database, instruments_as_files
from catalogue.today import today

SHIPPED_DB = Path(__file__).resolve().parent.parent / "catalogue.db"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"geen datum in de vorm JJJJ-MM-DD: {value!r}") from exc


def _open_catalogue(path: Path | None) -> Catalogue:
    db_path = path or SHIPPED_DB
    if not db_path.exists():
        sys.exit(f"Geen catalogus gevonden op {db_path}. Draai eerst: toolbox catalogue build")
    return Catalogue(db_path)


# -- toolbox ask --------------------------------------------------------------------------------


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.pipeline import Assistant

    assistant = Assistant(_open_catalogue(args.db))
    if args.gemeente:
        known = assistant.parser.municipality_id(args.gemeente)
        if known is None:
            ids = ", ".join(sorted(assistant.catalogue.municipalities))
            print(f"Onbekende gemeente: {args.gemeente!r}. Kies uit: {ids}", file=sys.stderr)
            return 2
        args.gemeente = known

    def answer(question: str) -> dict[str, Any]:
        return assistant.ask(question, municipality=args.gemeente, on=args.op).to_json()

    if args.vraag == "-":
        for line in sys.stdin:
            result = answer(line.rstrip("\n"))
            print(json.dumps(result, ensure_ascii=False) if args.json else result["text"])
            if not args.json:
                print()
            sys.stdout.flush()
        return 0
    result = answer(args.vraag)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else result["text"])
    return 0


# -- toolbox catalogue ... ----------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    target = args.db or SHIPPED_DB
    try:
        data = load_data()
    except CatalogueError as exc:
        print("De catalogus bevat fouten:", *exc.problems, sep="\n  ", file=sys.stderr)
        return 1
    build_database(target, data)
    print(f"{len(data.instruments)} instrumenten geschreven naar {target}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    try:
        data = load_data(today=today())
    except CatalogueError as exc:
        print("De catalogus bevat fouten:", *exc.problems, sep="\n  ", file=sys.stderr)
        return 1
    for warning in data.warnings:
        print(f"let op: {warning}")
    current = sum(1 for i in data.instruments.values() if i.current_on(today()))
    print(
        f"In orde: {len(data.instruments)} instrumenten ({current} nu geldig), "
        f"{len(data.municipalities)} gemeenten, {len(data.target_groups)} doelgroepen."
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from responses.terminal import instrument_sheet

    catalogue = _open_catalogue(args.db)
    instrument = catalogue.instrument(args.id, args.op)
    if instrument is None:
        print(f"Onbekend instrument: {args.id}. Bekend zijn: {', '.join(catalogue.ids())}")
        return 1
    print(instrument_sheet(instrument, catalogue, args.op or today()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    catalogue = _open_catalogue(args.db)
    target = args.out or DATA_DIR / "instruments"
    target.mkdir(parents=True, exist_ok=True)
    files = instruments_as_files(catalogue.instruments(args.op or today()))
    for name, record in files.items():
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
        (target / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} instrumenten geschreven naar {target}")
    return 0


# -- toolbox chat / serve -----------------------------------------------------------------------


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.console import run_console

    return run_console(db=args.db)


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.server import serve

    return serve(host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolbox", description="De Toolbox-assistent")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="stel een vraag en krijg het antwoord")
    ask.add_argument("vraag", help="de vraag, of '-' om één vraag per regel te lezen")
    ask.add_argument("--json", action="store_true", help="antwoord als JSON")
    ask.add_argument("--gemeente", help="gemeente-id, bijvoorbeeld den-haag")
    ask.add_argument("--op", type=_date, help="datum waarop het antwoord moet gelden")
    ask.add_argument("--db", type=Path, help="catalogusbestand (standaard: catalogue.db)")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="praat met de assistent in de terminal, zonder Slack")
    chat.add_argument("--db", type=Path, help="live database (standaard: TOOLBOX_DB)")
    chat.set_defaults(func=cmd_chat)

    serve = sub.add_parser("serve", help="start de Slack-app (HTTP of Socket Mode)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3000)
    serve.set_defaults(func=cmd_serve)

    cat = sub.add_parser("catalogue", help="de catalogus bouwen, controleren, tonen, exporteren")
    cat_sub = cat.add_subparsers(dest="catalogue_command", required=True)
    build = cat_sub.add_parser("build", help="bouw catalogue.db uit catalogue/data/")
    build.add_argument("--db", type=Path)
    build.set_defaults(func=cmd_build)
    check = cat_sub.add_parser("check", help="controleer de databestanden")
    check.set_defaults(func=cmd_check)
    show = cat_sub.add_parser("show", help="toon één instrument")
    show.add_argument("id")
    show.add_argument("--op", type=_date)
    show.add_argument("--db", type=Path)
    show.set_defaults(func=cmd_show)
    export = cat_sub.add_parser("export", help="schrijf de catalogus terug naar databestanden")
    export.add_argument("--db", type=Path)
    export.add_argument("--out", type=Path)
    export.add_argument("--op", type=_date)
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
