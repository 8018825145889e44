"""What an installed user meets first on the command line: the examples, --debug, validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from wizards.paths import example_dir


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_lists_each_bundled_example_on_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("examples", capsys=capsys)
    assert code == 0
    files = sorted(example_dir().glob("*.charter.json"))
    lines = out.splitlines()
    assert files and len(lines) == len(files) + 1
    for path, line in zip(files, lines, strict=False):
        name = json.loads(path.read_text(encoding="utf-8"))["organisation"]["name"]
        assert line.startswith(f"{path.name}  {name}: ")
    assert str(example_dir()) in lines[-1] and "examples --copy DIR" in lines[-1]


def test_examples_copy_makes_the_folder_and_keeps_edited_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new" / "examples"
    code, out, _ = run("examples", "--copy", str(target), capsys=capsys)
    assert code == 0
    copied = sorted(p.name for p in target.iterdir())
    assert copied == sorted(p.name for p in example_dir().glob("*.charter.json"))
    assert out.split() == [str(target / name) for name in copied]
    edited = target / copied[0]
    edited.write_text("{}", encoding="utf-8")
    code, out, err = run("examples", "--copy", str(target), capsys=capsys)
    assert code == 0 and out == ""
    assert f"{edited}: already there, left as it is" in err
    assert edited.read_text(encoding="utf-8") == "{}"


def test_examples_copy_onto_a_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x", encoding="utf-8")
    code, _, err = run("examples", "--copy", str(file), capsys=capsys)
    assert code == 2 and f"{file} is a file, not a folder" in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_is_accepted_before_or_after_the_command(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("wizards.build.build", explode)
    example = str(example_dir() / "eu-lender-credit-scoring.charter.json")
    argv = ["build", example, "--out", str(tmp_path)]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(argv)


def test_without_debug_the_error_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("wizards.build.build", lambda *a, **k: 1 / 0)
    example = str(example_dir() / "eu-lender-credit-scoring.charter.json")
    code, _, err = run("build", example, "--out", str(tmp_path), capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "--debug" in err


def test_validate_prints_load_errors_as_file_field_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.charter.json"
    data = json.loads((example_dir() / "charity-generative-ai.charter.json").read_text("utf-8"))
    data["board"]["horizon_months"] = "two years"
    data["executive"]["person"]["name"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("validate", str(path), capsys=capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    problems = [line for line in lines if not line.endswith("problem(s) to fix.")]
    assert len(problems) == 2 and lines[-1] == f"{path}: 2 problem(s) to fix."
    assert any(line.startswith(f"{path}: $.board.horizon_months: ") for line in problems)
    assert any(line.startswith(f"{path}: $.executive.person.name: ") for line in problems)


def test_validate_of_a_file_that_is_not_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "not.charter.json"
    path.write_text("{ nope", encoding="utf-8")
    code, _, err = run("validate", str(path), capsys=capsys)
    assert code == 2
    assert err.splitlines()[0].startswith(f"{path}: $: not valid JSON")
