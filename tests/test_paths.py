"""templates/ and resources/ are found the same way from a checkout, a wheel and a frozen build."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wizards import paths


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    paths.data_root.cache_clear()
    yield
    paths.data_root.cache_clear()


def make_tree(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "resources").mkdir()
    return root


def test_checkout() -> None:
    assert paths.data_root() == ROOT
    assert (paths.template_dir() / "charter.html.j2").is_file()
    assert paths.resource_path("reference.docx").is_file()


def test_frozen_build_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = make_tree(tmp_path / "bundle")
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    assert paths.data_root() == frozen


def test_installed_wheel_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = make_tree(tmp_path / "prefix" / "share" / paths.DATA_DIR_NAME)
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "site-packages" / "wizards" / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert paths.data_root() == share


def test_broken_installation_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "nowhere" / "wizards" / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    with pytest.raises(FileNotFoundError, match="not found"):
        paths.data_root()


@pytest.mark.slow
def test_wheel_carries_templates_and_resources(tmp_path: Path) -> None:
    # Build from a copy: setuptools leaves a build/ folder in the tree it builds.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("wizards", "desktop", "templates", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("charter_builder-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if ".data/data/share/charter-builder/" in n]
    for expected in (
        "templates/charter.html.j2",
        "templates/sections/risk.html.j2",
        "resources/reference.docx",
        "resources/catalogues/principles.json",
        "resources/icons/io.github.charterbuilder.CharterBuilder.svg",
    ):
        assert any(n.endswith(expected) for n in data), expected
    assert any(n.startswith("wizards/") for n in names)
    assert any(n.startswith("desktop/") for n in names)
