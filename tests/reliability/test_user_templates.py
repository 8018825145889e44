"""Item 7 of issue 8: a user's template that runs too long, too large or too deep is stopped.

Each hostile template is stopped and reported as a RenderError (exit code 2 on the command
line) that names the template file; the worker process is gone afterwards; the built-in
templates never start one.
"""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.reliability.helpers import assert_clear, complete_data, run_cli, write_answers
from tests.wizards.factories import complete_charter
from wizards import template_worker
from wizards.answers import load
from wizards.build import build
from wizards.paths import resource_path, template_dir
from wizards.render import RenderError, render_calendar, render_charter

HOSTILE: dict[str, tuple[str, str]] = {
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "did not finish within",
    ),
    "loops over long texts, under every cap": (
        "{% for c in 'x' * 100000 %}{% for d in 'y' * 100000 %}{% endfor %}{% endfor %}",
        "did not finish within",
    ),
    "a range of ten billion": ("{% for i in range(10**10) %}{% endfor %}", "at most 100,000"),
    "a text ten billion long": ("{{ 'A' * 10**10 }}", "repeated 10,000,000,000 times"),
    "centred in ten billion": ("{{ 'A'|center(10**10) }}", "center was given"),
    "a method's width": ("{{ 'A'.ljust(10**10) }}", "ljust was given"),
    "a format width": ("{{ '%999999999s'|format('a') }}", "more memory"),
    "a flood of output": (
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
        "more than 1,000,000 characters",
    ),
    "including itself": ("{% include 'calendar.html.j2' %}", "nests without end"),
    "extending itself": ("{% extends 'calendar.html.j2' %}", "nests without end"),
    "a macro calling itself": (
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
        "nests without end",
    ),
}


@pytest.fixture
def tight_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough for a test: 2.5 s, 512 MB, a million characters."""
    monkeypatch.setattr(template_worker, "SECONDS", 2.5)
    monkeypatch.setattr(template_worker, "MEMORY_BYTES", 512 * 1024**2)
    monkeypatch.setattr(template_worker, "OUTPUT_CHARS", 1_000_000)


def _folder(tmp_path: Path, source: str, name: str = "calendar.html.j2") -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / name).write_text(source, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_templates_are_stopped_with_the_template_named(
    name: str, tmp_path: Path, tight_limits: None
) -> None:
    source, reason = HOSTILE[name]
    folder = _folder(tmp_path, source)
    started = time.monotonic()
    with pytest.raises(RenderError) as caught:
        render_calendar(complete_charter(), user_templates=folder)
    message = str(caught.value)
    assert "calendar.html.j2" in message and reason in message, message
    assert "Traceback" not in message
    assert time.monotonic() - started < 20
    assert not multiprocessing.active_children()


def test_the_command_line_reports_a_runaway_template_as_bad_input(
    tmp_path: Path, tight_limits: None
) -> None:
    folder = _folder(tmp_path, HOSTILE["nested loops"][0], "charter.html.j2")
    file = write_answers(tmp_path, complete_data())
    code, _out, err = run_cli("build", file, "--out", tmp_path / "out", "--templates", folder)
    assert_clear(code, err, "charter.html.j2", "did not finish")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_good_user_template_still_renders_and_overrides(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "<h1>{{ org.name }}</h1>{{ 'x'|center(9) }}")
    assert render_calendar(complete_charter(), user_templates=folder) == (
        "<h1>Example Housing Association</h1>    x    "
    )


def test_a_user_template_renders_from_a_background_thread(tmp_path: Path) -> None:
    """The desktop's export runs build() on a pool thread; the worker starts from there too."""
    folder = _folder(tmp_path, "<h1>{{ org.name }}</h1>")
    results: list[object] = []

    def export() -> None:
        try:
            results.append(build(complete_charter(), tmp_path / "out", ["docx"], branding=None))
            results.append(render_calendar(complete_charter(), user_templates=folder))
        except Exception as error:  # reported below
            results.append(error)

    thread = threading.Thread(target=export)
    thread.start()
    thread.join(60)
    assert results[-1] == "<h1>Example Housing Association</h1>", results


def test_built_in_templates_never_start_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("the built-in templates started a worker")

    monkeypatch.setattr("wizards.render.render_in_worker", refuse)
    assert "<h1" in render_charter(complete_charter())


def test_a_copy_of_the_built_in_templates_renders_the_same(tmp_path: Path) -> None:
    """The caps never change what a well-behaved template writes."""
    folder = tmp_path / "copy"
    shutil.copytree(template_dir(), folder)
    charter = load(resource_path("examples") / "eu-lender-credit-scoring.charter.json")
    assert render_charter(charter, user_templates=folder) == render_charter(charter)
    assert render_calendar(charter, user_templates=folder) == render_calendar(charter)
