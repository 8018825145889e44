"""The ``charter-builder`` command: the GUI without arguments, headless subcommands otherwise.

The subcommands call ``wizards`` only and never import Qt, so they run on a server or in CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wizards import __version__

if TYPE_CHECKING:
    from wizards.model import Charter

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2
EXIT_BLOCKERS = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with the bad-input code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="charter-builder",
        description=(
            "Guide a leadership team to a signed AI governance charter and a board reporting "
            "calendar. Without a command, the desktop application starts."
        ),
    )
    parser.add_argument("--version", action="version", version=f"charter-builder {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show full details of unexpected errors"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = commands.add_parser(
        "build",
        help="write the charter and board calendar from FILE (or its workshop record)",
    )
    build.add_argument("file", type=Path, metavar="FILE", help="an answers file (*.charter.json)")
    build.add_argument("--out", type=Path, default=Path(), metavar="DIR", help="output folder")
    build.add_argument(
        "--formats",
        default="docx,ics",
        metavar="LIST",
        help="comma-separated: docx (charter and calendar), ics (calendar), workshop (the "
        "record of the charter's last workshop in Word, its actions as .ics)",
    )
    build.add_argument(
        "--reference-docx", type=Path, metavar="DOCX", help="a Word file whose styles to use"
    )
    build.add_argument("--templates", type=Path, metavar="DIR", help="folder of template overrides")
    build.add_argument("--logo", type=Path, metavar="IMAGE", help="a logo for the title page")
    build.add_argument(
        "--accent", metavar="RRGGBB", help="colour of the title, headings and table headers"
    )
    build.add_argument(
        "--with-findings", action="store_true", help="add the readiness findings as an appendix"
    )
    build.add_argument(
        "--allow-incomplete", action="store_true", help="build even when steps have findings"
    )
    build.add_argument(
        "--contents-pages",
        action="store_true",
        help="print page numbers in the contents (lays the charter out once with LibreOffice)",
    )
    build.add_argument(
        "--compare-to",
        type=Path,
        metavar="FILE",
        help="an earlier version (*.charter.json): also write a redline with tracked changes",
    )

    validate = commands.add_parser("validate", help="check that FILE is a complete charter")
    validate.add_argument("file", type=Path, metavar="FILE")

    check = commands.add_parser("check", help="readiness check: is the leadership buy-in real?")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")

    commands.add_parser("schema", help="print the JSON Schema of the answers file")

    status = commands.add_parser(
        "status", help="is FILE approved, a draft, or changed since its approval?"
    )
    status.add_argument("file", type=Path, metavar="FILE")
    status.add_argument("--json", action="store_true", help="print the status as JSON")

    diff = commands.add_parser("diff", help="what changed from OLD to NEW, in words")
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier version")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later version")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")

    examples = commands.add_parser("examples", help="list the bundled example charters")
    examples.add_argument(
        "--copy", type=Path, metavar="DIR", help="copy the examples into DIR (created if needed)"
    )

    from desktop.drill.command import add_parser as add_drill_parser

    add_drill_parser(commands)

    # --debug is also accepted after the command (`charter-builder build FILE --debug`). SUPPRESS
    # keeps a subcommand from resetting the value given before it.
    for sub in commands.choices.values():
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def _load(path: Path) -> Charter:
    from wizards.answers import load

    return load(path)


def _print_findings(file: Path, findings: Sequence[object]) -> None:
    for f in findings:
        print(f"{file}: {f.field}: {f.message}", file=sys.stderr)  # type: ignore[attr-defined]


def _cmd_schema(args: argparse.Namespace) -> int:
    from wizards.answers import schema

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from wizards.answers import AnswersError
    from wizards.steps import validate

    try:
        charter = _load(args.file)
    except AnswersError as error:  # a file that does not load: its problems, one line each
        problems = [(p.path, p.message) for p in error.problems]
    else:
        problems = [(f.field, f.message) for f in validate(charter)]
    if problems:
        for field, message in problems:
            print(f"{args.file}: {field}: {message}", file=sys.stderr)
        print(f"{args.file}: {len(problems)} problem(s) to fix.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.file}: complete and valid.")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from wizards.readiness import check, has_blockers, summary

    findings = check(_load(args.file))
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        for f in findings:
            print(f"[{f.to_dict()['severity']}] {f.step.title}: {f.message}")
            print(f"    Fix: {f.fix}")
            print(f"    Reference: {f.reference}")
        print(summary(findings) if findings else "No findings: the charter reads as real buy-in.")
    return EXIT_BLOCKERS if has_blockers(findings) else EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from wizards.versions.status import StatusKind, charter_status

    charter = _load(args.file)
    status = charter_status(charter)
    if args.json:
        approval = status.approval
        print(
            json.dumps(
                {
                    "status": status.kind.value,
                    "label": status.label(),
                    "fingerprint": status.fingerprint,
                    "approved_version": approval.version if approval else None,
                    "approved_on": approval.approved_on.isoformat()
                    if approval and approval.approved_on
                    else None,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(f"{args.file}: {status.label()}.")
        print(f"Fingerprint of the content: {status.printed_fingerprint()} ({status.fingerprint})")
        _explain_mismatch(args.file, status)
    return EXIT_OK if status.kind is StatusKind.APPROVED else EXIT_BLOCKERS


def _explain_mismatch(file: Path, status: object) -> None:
    """Say why a file that records an approval is not approved as it stands."""
    from wizards.versions.status import Status, StatusKind

    assert isinstance(status, Status)
    if status.kind is StatusKind.CHANGED and status.approval is not None:
        recorded = status.approval.fingerprint[:12] or "none"
        print(
            f"{file}: it records the approval of version {status.approval.version}, but its "
            f"content is not what was approved (fingerprint {status.fingerprint[:12]}, approved "
            f"{recorded}): it is treated as a draft, marked so on every page, without "
            "signatures.",
            file=sys.stderr,
        )


def _cmd_diff(args: argparse.Namespace) -> int:
    from wizards.versions.changes import changes

    found = changes(_load(args.old), _load(args.new))
    if args.json:
        rows = [{"path": c.path, "change": c.words, "decision": c.major} for c in found]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif found:
        for change in found:
            print(f"{'*' if change.major else '-'} {change.words}")
        decisions = sum(c.major for c in found)
        print(f"{len(found)} change(s), {decisions} of a leadership decision (marked *).")
    else:
        print("No change of content.")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from wizards.build import Branding, build, check_branding, check_formats
    from wizards.steps import validate

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    branding = Branding(
        reference_docx=args.reference_docx,
        templates=args.templates,
        accent=args.accent,
        logo=args.logo,
    )
    # The arguments are checked before the answers file, so a typing mistake in them is
    # reported at once, whatever the state of the charter.
    check_formats(formats)
    check_branding(branding)
    charter = _load(args.file)
    # The workshop record documents how the charter is being decided: a draft with gaps has one.
    findings = validate(charter) if set(formats) - {"workshop"} else []
    if findings and not args.allow_incomplete:
        _print_findings(args.file, findings)
        print(
            f"{args.file}: {len(findings)} problem(s); fix them or pass --allow-incomplete.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    readiness = None
    if args.with_findings:
        from wizards.readiness import check

        readiness = check(charter)
    # The earlier version only needs to load: it may be a draft with gaps of its own.
    compare_to = _load(args.compare_to) if args.compare_to is not None else None
    from wizards.versions.status import charter_status

    _explain_mismatch(args.file, charter_status(charter))
    result = build(
        charter,
        args.out,
        formats,
        branding=branding,
        findings=readiness,
        compare_to=compare_to,
        previous=compare_to,
        contents_pages=True if args.contents_pages else None,
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in result.files:
        print(path)
    return EXIT_OK


def _example_line(path: Path) -> str:
    """One line about an example: its file name, organisation and sector, read without the model."""
    try:
        organisation = json.loads(path.read_text(encoding="utf-8"))["organisation"]
        about = f"{organisation['name']}: {organisation['sector']}"
        if organisation.get("employees"):
            about += f", {organisation['employees']} people"
    except (OSError, ValueError, KeyError, TypeError):
        about = "(cannot be read)"
    return f"{path.name}  {about}"


def _cmd_examples(args: argparse.Namespace) -> int:
    import shutil

    from wizards.paths import example_dir

    folder = example_dir()
    files = sorted(folder.glob("*.charter.json"))
    if args.copy is None:
        for path in files:
            print(_example_line(path))
        print(f"In {folder}; copy them out with: charter-builder examples --copy DIR")
        return EXIT_OK
    target: Path = args.copy
    if target.exists() and not target.is_dir():
        print(f"charter-builder: {target} is a file, not a folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        target.mkdir(parents=True, exist_ok=True)
        for path in files:
            destination = target / path.name
            if destination.exists():  # never overwrite a copy the user may have edited
                print(f"{destination}: already there, left as it is", file=sys.stderr)
                continue
            shutil.copyfile(path, destination)
            print(destination)
    except OSError as error:
        print(f"charter-builder: cannot copy into {target}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _cmd_drill(args: argparse.Namespace) -> int:
    from desktop.drill.command import run_command

    return run_command(args)


_COMMANDS = {
    "build": _cmd_build,
    "validate": _cmd_validate,
    "check": _cmd_check,
    "schema": _cmd_schema,
    "examples": _cmd_examples,
    "status": _cmd_status,
    "diff": _cmd_diff,
    "drill": _cmd_drill,
}


def _run_command(args: argparse.Namespace) -> int:
    from wizards.answers import AnswersError
    from wizards.build import BuildError
    from wizards.catalogues import CatalogueError
    from wizards.render import RenderError

    try:
        return _COMMANDS[args.command](args)
    except AnswersError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (BuildError, RenderError, CatalogueError) as error:
        print(f"charter-builder: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``charter-builder``; returns the process exit code."""
    if getattr(sys, "frozen", False):
        # User templates render in a worker process; a frozen build must let it start.
        import multiprocessing

        multiprocessing.freeze_support()
    args = _parser().parse_args(argv)
    if args.command is None:
        from desktop.launch import launch_gui

        return launch_gui()
    try:
        return _run_command(args)
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as error:
        if args.debug:
            raise
        print(
            f"charter-builder: unexpected error: {type(error).__name__}: {error} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
