"""The drill scenario catalogue: well formed, in known words, each fitting some example."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from tests.conftest import example_files
from wizards import catalogues
from wizards.answers import load
from wizards.catalogues import CatalogueError
from wizards.drill import scenario as drill_scenarios
from wizards.drill.scenario import ORG_TAGS, PLACEHOLDERS, SYSTEM_TAGS, fits, scenarios

FILE = catalogues.catalogue_path("drill_scenarios.json")


def test_at_least_eight_scenarios_with_the_stories_the_issue_asks_for() -> None:
    keys = {s.key for s in scenarios()}
    assert len(keys) >= 8
    assert {
        "biased-scoring-found-outside",
        "assistant-harmful-advice",
        "staff-paste-personal-data",
        "supplier-silent-update",
        "deepfake-executive-fraud",
        "essential-service-failure",
    } <= keys


def test_every_tag_clock_and_placeholder_is_known() -> None:
    clocks = {c.key for c in catalogues.regulatory_clocks()}
    for s in scenarios():
        assert set(s.needs) | set(s.needs_any) <= set(ORG_TAGS), s.key
        assert s.system == "" or s.system in SYSTEM_TAGS, s.key
        assert s.source.strip() and s.as_of.year >= 2026
        for inject in s.injects:
            assert set(inject.needs) <= set(ORG_TAGS)
            assert set(inject.clocks) <= clocks, (s.key, inject.clocks)
            names = {n for _, n, _, _ in string.Formatter().parse(inject.text) if n}
            assert names <= PLACEHOLDERS
        for away in s.unreachable:
            assert away.until_hours > away.from_hours


def test_every_scenario_fits_at_least_one_example() -> None:
    charters = [load(path) for path in example_files()]
    for s in scenarios():
        assert any(fits(c, s) for c in charters), f"{s.key} fits no example"


def test_every_example_gets_several_scenarios() -> None:
    for path in example_files():
        assert sum(fits(load(path), s) for s in scenarios()) >= 4, path.name


def test_the_essential_service_story_brings_the_nis2_and_dora_clocks() -> None:
    (story,) = [s for s in scenarios() if s.key == "essential-service-failure"]
    started = {key for inject in story.injects for key in inject.clocks}
    assert {"dora-initial", "nis2-early-warning", "nis2-notification"} <= started


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Write a changed copy of the catalogue and point the loader at it."""

    def write(change) -> None:  # type: ignore[no-untyped-def]
        data = json.loads(FILE.read_text(encoding="utf-8"))
        change(data)
        target = tmp_path / "drill_scenarios.json"
        target.write_text(json.dumps(data), encoding="utf-8")
        monkeypatch.setattr(catalogues, "catalogue_path", lambda name: tmp_path / name)
        drill_scenarios.clear_cache()

    yield write
    drill_scenarios.clear_cache()


def test_an_unknown_tag_is_named_with_its_path(broken) -> None:  # type: ignore[no-untyped-def]
    broken(lambda d: d["entries"][0]["needs"].append("spaceship"))
    with pytest.raises(CatalogueError, match=r"entries\[0\]\.needs\[1\].*unknown tag 'spaceship'"):
        scenarios()


def test_an_unknown_clock_is_named_with_its_path(broken) -> None:  # type: ignore[no-untyped-def]
    broken(lambda d: d["entries"][2]["injects"][0].update(clocks=["gdpr-99"]))
    with pytest.raises(CatalogueError, match=r"entries\[2\]\.injects\[0\]\.clocks.*gdpr-99"):
        scenarios()


def test_injects_out_of_order_and_unknown_placeholders_are_refused(broken) -> None:  # type: ignore[no-untyped-def]
    def change(d) -> None:  # type: ignore[no-untyped-def]
        d["entries"][1]["injects"].reverse()
        d["entries"][3]["injects"][0]["text"] = "The {weather} is bad."

    broken(change)
    with pytest.raises(CatalogueError) as error:
        scenarios()
    text = str(error.value)
    assert "entries[1].injects" in text and "start at T+0" in text
    assert "unknown placeholder '{weather}'" in text
