"""``charter-builder drill``: list the scenarios that fit a charter, or replay a recorded drill.

Headless: it calls ``wizards.drill`` only and never imports Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def add_parser(commands: Any) -> None:
    """Add ``drill list`` and ``drill run`` to the command's subparsers."""
    drill = commands.add_parser("drill", help="run an incident drill on FILE, or list scenarios")
    steps = drill.add_subparsers(dest="drill_command", metavar="ACTION", required=True)
    listing = steps.add_parser("list", help="the drill scenarios that fit the charter in FILE")
    listing.add_argument("file", type=Path, metavar="FILE", help="an answers file")
    run = steps.add_parser(
        "run", help="replay recorded decisions on FILE and write the drill report"
    )
    run.add_argument("file", type=Path, metavar="FILE", help="an answers file")
    run.add_argument("--scenario", required=True, metavar="KEY", help="a key from 'drill list'")
    run.add_argument(
        "--decisions", required=True, type=Path, metavar="JSON", help="the recorded decisions"
    )
    run.add_argument("--out", type=Path, default=Path(), metavar="DIR", help="output folder")
    run.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the day the drill was run (default: today)",
    )
    run.add_argument(
        "--record", action="store_true", help="also store the drill in FILE, with its date"
    )
    for sub in (listing, run):
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )


def run_command(args: argparse.Namespace) -> int:
    """Run ``drill list`` or ``drill run``; returns the exit code."""
    from wizards.answers import load

    charter = load(args.file)
    if args.drill_command == "list":
        return _list(charter, args.file)
    return _run(charter, args)


def _list(charter: Any, file: Path) -> int:
    from wizards.drill.scenario import ORG_TAGS, fitting

    found = fitting(charter)
    if not found:
        print(f"{file}: no drill scenario fits this organisation yet; add its AI systems first.")
        return EXIT_OK
    width = max(len(s.key) for s in found)
    for s in found:
        needs = [ORG_TAGS[t] for t in s.needs]
        if s.needs_any:
            options = [ORG_TAGS[t] for t in s.needs_any]
            needs.append(
                ", ".join(options[:-1]) + " or " + options[-1] if len(options) > 1 else options[0]
            )
        needs_text = ", ".join(needs) or "nothing in particular"
        print(f"{s.key:<{width}}  {s.label} (needs {needs_text})")
    return EXIT_OK


def _run(charter: Any, args: argparse.Namespace) -> int:
    from wizards.answers import save
    from wizards.drill.engine import DecisionsError, Drill, load_decisions
    from wizards.drill.report import write_report
    from wizards.drill.scenario import fits, scenario

    try:
        chosen = scenario(args.scenario)
    except KeyError as error:
        print(f"charter-builder: {error.args[0]}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not fits(charter, chosen):
        print(
            f"charter-builder: the scenario '{chosen.key}' does not fit {args.file}; "
            "'charter-builder drill list FILE' names those that do.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        text = args.decisions.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"charter-builder: cannot read {args.decisions}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        log = load_decisions(text, str(args.decisions))
    except DecisionsError as error:
        print(f"charter-builder: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if log.scenario and log.scenario != chosen.key:
        print(
            f"charter-builder: {args.decisions} records the scenario '{log.scenario}', "
            f"not '{chosen.key}'.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    date = args.date or dt.date.today()
    drill = Drill(charter, chosen, start=log.start, timezone=log.timezone, today=date)
    drill.replay(log.decisions)
    outcome = drill.outcome()
    path, warnings = write_report(outcome, args.out, date)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.record:
        charter.drills.append(outcome.record(date))
        save(charter, args.file)
    print(path)
    print(
        f"{len(outcome.clocks_missed)} clock(s) missed, "
        f"{len(outcome.late_escalations)} escalation(s) late or never made, "
        f"{len(outcome.gaps)} gap(s) in the charter."
    )
    return EXIT_OK
