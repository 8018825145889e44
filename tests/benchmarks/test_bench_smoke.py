"""The benchmark scripts still run (a quick smoke run; the figures come from `make bench`)."""

from __future__ import annotations

from tests.benchmarks import bench_docx, bench_workshop


def test_docx_benchmark_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench_docx.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "ours/docxtpl" in out and "Largest example" in out


def test_workshop_benchmark_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench_workshop.main(["--quick"]) == 0
    out = capsys.readouterr().out
    for series in ("workshop rules", "Workshop record build", "governance rules", "Presenter view"):
        assert series in out, series
    assert "2,000 attendees, 2,000 decisions logged" in out
    assert "409 decisions logged over 409 keys" in out
