"""The charter-builder command: subcommands, exit codes, messages that name file and field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from tests.wizards.factories import complete_charter
from wizards import __version__
from wizards.answers import save
from wizards.model import FORMAT_VERSION


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    return save(complete_charter(), tmp_path / "client.charter.json")


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("--version", capsys=capsys)
    assert (code, out.strip()) == (0, f"charter-builder {__version__}")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("--help", capsys=capsys)
    assert code == 0
    for command in ("build", "validate", "check", "schema"):
        assert command in out


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("schema", capsys=capsys)
    assert code == 0
    assert json.loads(out)["properties"]["format_version"]["maximum"] == FORMAT_VERSION


def test_validate_complete(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("validate", str(answers), capsys=capsys)
    assert code == 0 and "complete and valid" in out


def test_validate_incomplete_names_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    charter = complete_charter()
    charter.executive.person.title = ""
    path = save(charter, tmp_path / "gap.charter.json")
    code, _, err = run("validate", str(path), capsys=capsys)
    assert code == 2
    assert f"{path}: executive.person.title:" in err


def test_broken_file_exits_2_with_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.charter.json"
    path.write_text('{"format_version": 1, "board": {"horizon_months": "two years"}}')
    for command in ("validate", "build", "check"):
        code, _, err = run(command, str(path), capsys=capsys)
        assert code == 2
        assert str(path) in err and "$.board.horizon_months" in err
        assert "Traceback" not in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("build", capsys=capsys)
    assert code == 2 and "FILE" in err


def test_build_writes_the_files(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run("build", str(answers), "--out", str(out_dir), capsys=capsys)
    assert code == 0, err
    written = sorted(p.name for p in out_dir.iterdir())
    assert written == [
        "example-housing-association-ai-governance-charter-v1-0.docx",
        "example-housing-association-board-calendar.docx",
        "example-housing-association-board-calendar.ics",
    ]
    assert len(out.splitlines()) == 3


def test_build_only_ics(answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        "build", str(answers), "--out", str(tmp_path / "o"), "--formats", "ics", capsys=capsys
    )
    assert code == 0
    assert [p.suffix for p in (tmp_path / "o").iterdir()] == [".ics"]


def test_build_unknown_format(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run("build", str(answers), "--formats", "pdf,docx", capsys=capsys)
    assert code == 2 and "pdf" in err


def test_build_creates_missing_folders(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run("build", str(answers), "--out", str(tmp_path / "a" / "b"), capsys=capsys)
    assert code == 0 and len(list((tmp_path / "a" / "b").iterdir())) == 3


def test_build_under_a_file_is_refused(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").write_text("not a folder")
    code, _, err = run("build", str(answers), "--out", str(tmp_path / "a" / "b"), capsys=capsys)
    assert code == 2 and str(tmp_path / "a" / "b") in err and "file" in err


def test_build_into_read_only_folder(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run("build", str(answers), "--out", str(locked), capsys=capsys)
    finally:
        locked.chmod(0o700)
    if os.geteuid() == 0:  # root writes anywhere; the message path is covered by BuildError tests
        assert code == 0
    else:
        assert code == 2 and "read-only" in err


def test_unexpected_error_is_one_line(
    answers: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("wizards.build.build", explode)
    code, _, err = run("build", str(answers), capsys=capsys)
    assert code == 1
    assert err.strip().count("\n") == 0 and "--debug" in err and "boom" in err


def test_subcommands_never_import_qt(answers: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"codes = [main(['validate', {str(answers)!r}]), main(['schema']),\n"
        f"         main(['build', {str(answers)!r}, '--out', {str(tmp_path)!r}])]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(codes, qt)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().endswith("[0, 0, 0] []")


def test_gui_without_display_points_to_build(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": ""}
    done = subprocess.run(
        [sys.executable, "-m", "desktop"], capture_output=True, text=True, env=env, timeout=60
    )
    if sys.platform.startswith("linux"):
        assert done.returncode == 2
        assert "build" in done.stderr and done.stderr.count("\n") == 1


def test_check_exits_3_on_blockers_and_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import EXAMPLES

    lender = str(EXAMPLES / "eu-lender-credit-scoring.charter.json")
    code, out, _ = run("check", lender, "--json", capsys=capsys)
    assert code == 3
    findings = json.loads(out)
    assert {"rule", "severity", "message", "fix", "step", "field", "reference"} <= set(findings[0])
    assert findings[0]["severity"] == "blocker"
    code, out, _ = run("check", lender, capsys=capsys)
    assert code == 3 and "[blocker]" in out and "Fix:" in out and "blocker" in out.splitlines()[-1]


def test_check_exits_0_without_blockers(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("check", str(answers), capsys=capsys)
    assert code == 0


def test_build_with_findings_adds_the_appendix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    from tests.conftest import EXAMPLES

    lender = str(EXAMPLES / "eu-lender-credit-scoring.charter.json")
    code, out, _ = run("build", lender, "--out", str(tmp_path), "--formats", "docx",
                       "--with-findings", capsys=capsys)  # fmt: skip
    assert code == 0
    document = docx.Document(out.splitlines()[0])
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles[-1] == "Appendix C. Readiness findings"
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Blocker" in text and "Katharina Brandt" in text
