"""The drill report in Word, the template's context, and ``charter-builder drill``."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from jinja2 import meta

from desktop import cli
from tests.wizards.test_drill_engine import EXAMPLES, LENDER, MONDAY, badly_run, drill, well_run
from wizards.answers import load
from wizards.build import Branding
from wizards.drill.report import REPORT_TEMPLATE, report_context, write_report
from wizards.render import environment

DRILL_DAY = dt.date(2027, 3, 1)


def text_of(path: Path) -> tuple[list[str], str, list[list[str]]]:
    """Headings, the whole body text and the rows of every table of a Word file."""
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    body = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return headings, body, rows


def test_the_report_of_a_well_run_drill_on_the_lender(tmp_path: Path) -> None:
    d = drill(LENDER, "biased-scoring-found-outside")
    d.replay(well_run(d))
    path, warnings = write_report(d.outcome(), tmp_path, DRILL_DAY)
    assert warnings == []
    assert path.name == "nordwald-kreditbank-ag-drill-biased-scoring-found-outside-2027-03-01.docx"
    headings, body, rows = text_of(path)
    assert headings == [
        "1. Summary",
        "2. The scenario",
        "3. Timeline",
        "4. Regulatory clocks",
        "5. Escalations",
        "6. Gaps in the charter",
        "7. Follow-up actions",
    ]
    assert "Nordwald Kreditbank AG: Biased scoring decisions, found from outside" in body
    assert "Thursday 4 March 2027, 15:00 CET" in body
    cells = "\n".join(" | ".join(r) for r in rows)
    assert "Kreditwerk Analytics GmbH confirms" in cells  # the inject, in the charter's words
    assert "Severity set: SEV-1" in cells
    (clock_row,) = [r for r in rows if r[0].startswith("Serious incident report")]
    assert clock_row[2] == "Friday 19 March 2027, 18:00 CET" and clock_row[4].startswith("Met")
    (gap,) = [r for r in rows if "Markus Lehmann leads the response" in r[0]]
    assert gap[2] == "Step 5, Incident roles: who holds the role 'Incident commander'"
    actions = [r for r in rows if len(r) == 3 and r[0].isdigit()]
    assert any(r[2] == "Dr Katharina Brandt" and "authority to halt" in r[1] for r in actions)


def test_the_report_of_a_badly_run_drill_says_what_was_missed(tmp_path: Path) -> None:
    d = drill(LENDER, "essential-service-failure")
    d.replay(badly_run(d))
    path, _ = write_report(d.outcome(), tmp_path, DRILL_DAY)
    _, body, rows = text_of(path)
    (initial,) = [r for r in rows if r[0].startswith("DORA initial notification")]
    assert initial[4].startswith("Missed")
    assert any(r[4] == "Never made" for r in rows if len(r) == 5)
    assert re.search(r"Escalations required by the severity matrix: \d+, of which \d+ late", body)
    assert re.search(r"Regulatory clocks: \d+ ran, \d+ missed or filed late", body)


def test_the_report_takes_the_branding(tmp_path: Path) -> None:
    d = drill(LENDER, "deepfake-executive-fraud")
    d.replay([])
    path, _ = write_report(d.outcome(), tmp_path, DRILL_DAY, branding=Branding(accent="7a1f5c"))
    xml = (path.read_bytes()).decode("latin-1")
    assert "docProps" in xml  # a real package, styled by the reference document
    document = docx.Document(str(path))
    assert document.paragraphs[0].style.name == "Title"
    assert document.core_properties.title == "Incident drill report: Nordwald Kreditbank AG"


def test_every_variable_the_template_uses_is_in_the_context() -> None:
    env = environment()
    source = env.loader.get_source(env, REPORT_TEMPLATE)[0]  # type: ignore[union-attr]
    used = meta.find_undeclared_variables(env.parse(source))
    d = drill(LENDER, "supplier-silent-update")
    d.replay(well_run(d))
    assert used <= set(report_context(d.outcome(), DRILL_DAY))


def test_user_text_is_printed_as_typed(tmp_path: Path) -> None:
    from wizards.drill.engine import Decision

    d = drill(LENDER, "staff-paste-personal-data")
    d.replay([Decision(at_hours=0, kind="action", target="hr", note="<b>{{ boom }}</b> & more")])
    path, _ = write_report(d.outcome(), tmp_path, DRILL_DAY)
    rows = text_of(path)[2]
    assert any("<b>{{ boom }}</b> & more" in r[1] for r in rows)


# --------------------------------------------------------------------------- command line


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def decisions_file(tmp_path: Path, key: str, *, well: bool = True) -> Path:
    d = drill(LENDER, key)
    played = well_run(d) if well else badly_run(d)
    data = {
        "scenario": key,
        "start": d.start.isoformat(),
        "timezone": "Europe/Berlin",
        "decisions": [p.model_dump() for p in played],
    }
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_drill_list_names_the_scenarios_that_fit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("drill", "list", str(EXAMPLES["charity-generative-ai"]), capsys=capsys)
    assert code == 0
    keys = [line.split()[0] for line in out.splitlines()]
    assert "deepfake-executive-fraud" in keys and "biased-scoring-found-outside" not in keys


def test_drill_run_writes_the_report_and_records_the_drill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "lender.charter.json"
    shutil.copyfile(EXAMPLES[LENDER], answers)
    decisions = decisions_file(tmp_path, "biased-scoring-found-outside")
    out = tmp_path / "out"
    code, printed, err = run(
        "drill", "run", str(answers), "--scenario", "biased-scoring-found-outside",
        "--decisions", str(decisions), "--out", str(out), "--date", "2027-03-04", "--record",
        capsys=capsys,
    )  # fmt: skip
    assert (code, err) == (0, "")
    report = Path(printed.splitlines()[0])
    assert report.parent == out and report.is_file()
    assert "0 clock(s) missed, 0 escalation(s) late or never made, 2 gap(s)" in printed
    (record,) = load(answers).drills
    assert (record.date, record.scenario, record.gaps) == (
        dt.date(2027, 3, 4),
        "biased-scoring-found-outside",
        2,
    )


@pytest.mark.parametrize(
    ("scenario", "words"),
    [
        ("no-such-scenario", "no drill scenario 'no-such-scenario'"),
        ("deepfake-executive-fraud", "records the scenario 'biased-scoring-found-outside'"),
    ],
)
def test_drill_run_refuses_bad_input_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scenario: str, words: str
) -> None:
    decisions = decisions_file(tmp_path, "biased-scoring-found-outside")
    code, _, err = run(
        "drill", "run", str(EXAMPLES[LENDER]), "--scenario", scenario,
        "--decisions", str(decisions), "--out", str(tmp_path), capsys=capsys,
    )  # fmt: skip
    assert code == 2 and words in err


def test_drill_run_names_the_bad_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"at_hours": -1, "kind": "call"}]', encoding="utf-8")
    code, _, err = run(
        "drill", "run", str(EXAMPLES[LENDER]), "--scenario", "deepfake-executive-fraud",
        "--decisions", str(bad), capsys=capsys,
    )  # fmt: skip
    assert code == 2 and "bad.json: at $.decisions[0].at_hours" in err


def test_a_scenario_that_does_not_fit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "d.json"
    empty.write_text("[]", encoding="utf-8")
    code, _, err = run(
        "drill", "run", str(EXAMPLES["charity-generative-ai"]),
        "--scenario", "essential-service-failure", "--decisions", str(empty), capsys=capsys,
    )  # fmt: skip
    assert code == 2 and "does not fit" in err


def test_old_answers_files_without_drills_still_load() -> None:
    data = json.loads(EXAMPLES[LENDER].read_text(encoding="utf-8"))
    data.pop("drills", None)
    from wizards.answers import loads

    assert loads(json.dumps(data)).drills == []
    assert MONDAY.weekday() == 0


def test_the_drill_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.benchmarks import bench_drill

    assert bench_drill.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "Baseline, build of the same example" in out and "PASS  replay + report" in out


def test_the_drill_command_never_loads_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    decisions = decisions_file(tmp_path, "biased-scoring-found-outside")
    code = (
        "import sys; from desktop import cli; "
        f"rc = cli.main(['drill', 'run', {str(EXAMPLES[LENDER])!r}, '--scenario', "
        f"'biased-scoring-found-outside', '--decisions', {str(decisions)!r}, '--out', "
        f"{str(tmp_path)!r}]); "
        "assert rc == 0, rc; assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
