"""The benchmark scripts still run (a quick smoke run; the figures come from `make bench`)."""

from __future__ import annotations

from tests.benchmarks import bench_docx


def test_docx_benchmark_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench_docx.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "ours/docxtpl" in out and "Largest example" in out
