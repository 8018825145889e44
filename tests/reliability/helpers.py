"""Shared helpers of the reliability trials: the command line in-process, answers files."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from desktop.cli import main
from tests.wizards.factories import complete_charter
from wizards.answers import dumps


def run_cli(*argv: str | Path) -> tuple[int, str, str]:
    """Run ``charter-builder`` in this process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def complete_data() -> dict[str, Any]:
    """A complete charter as the decoded JSON of its answers file."""
    data: dict[str, Any] = json.loads(dumps(complete_charter()))
    return data


def write_answers(folder: Path, data: Any, name: str = "trial.charter.json") -> Path:
    """Write ``data`` as an answers file (``allow_nan`` so NaN can be written on purpose)."""
    path = folder / name
    path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    return path


def assert_clear(code: int, err: str, *names: str) -> None:
    """A refusal as the command line promises it: exit code 2, no traceback, naming ``names``."""
    assert code == 2, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    for name in names:
        assert name in err, (name, err)
