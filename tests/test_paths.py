"""templates/ and resources/ are found from a checkout and from every kind of installed wheel.

The slow tests build the wheel, install it into a venv, with ``--user`` (under a temporary
``PYTHONUSERBASE``), into a ``--target`` folder and under a ``--prefix`` (the layout of a
system-wide install), and from outside the checkout copy the bundled examples and build one.
The frozen build is covered by tests/packaging/test_package_smoke.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wizards import paths

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
EXAMPLE = "eu-lender-credit-scoring.charter.json"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
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
    assert sorted(paths.example_dir().glob("*.charter.json"))


def test_package_data_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = make_tree(tmp_path / "site-packages" / "wizards")
    monkeypatch.setattr(paths.resources, "files", lambda package: installed)
    assert paths.data_root() == installed


def test_broken_installation_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "site-packages" / "wizards"
    empty.mkdir(parents=True)
    monkeypatch.setattr(paths.resources, "files", lambda package: empty)
    monkeypatch.setattr(paths, "__file__", str(empty / "paths.py"))
    with pytest.raises(FileNotFoundError, match="not found") as raised:
        paths.data_root()
    assert str(empty) in str(raised.value)


def listed_packages() -> set[str]:
    """The packages pyproject.toml lists for the wheel (read as text: tomllib is 3.11+)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("[tool.setuptools]", 1)[1].split("packages = [", 1)[1].split("]", 1)[0]
    return set(re.findall(r'^\s*"([\w.]+)",', block, re.MULTILINE))


def test_every_package_of_the_code_goes_into_the_wheel() -> None:
    # The list is explicit (it also maps the data folders); a new package must join it, or an
    # installed program fails on its first import of it.
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("wizards", "desktop")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found - listed_packages() == set()


def shipped_files() -> list[str]:
    """Every file of templates/ and resources/ that the repository holds (git's list)."""
    done = subprocess.run(
        ["git", "ls-files", "templates", "resources"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0 and done.stdout.strip():
        names = done.stdout.split()
    else:  # not a git checkout: what is on disk
        names = [
            p.relative_to(ROOT).as_posix()
            for folder in ("templates", "resources")
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    return sorted(n for n in names if (ROOT / n).is_file())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built without network access from a copy (setuptools leaves build/ behind)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("wizards", "desktop", "templates", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Warning" not in done.stderr, done.stderr[-3000:]  # e.g. a folder left out of packages
    (built,) = tmp.glob("charter_builder-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_every_template_and_resource_as_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in shipped_files() if f"wizards/{n}" not in names]
    assert missing == [], f"add their folders to [tool.setuptools] packages: {missing}"
    assert not [n for n in names if ".data/" in n]  # nothing under <prefix>/share any more
    assert any(n.startswith("desktop/") for n in names)
    assert any(n.endswith("licenses/LICENSE") for n in names)


def dependency_path() -> str:
    """The dev venv's site-packages, lent to the installs below for the dependencies only.

    It holds no ``wizards`` or ``desktop`` of its own (the checkout is installed there in editable
    mode through a ``.pth`` hook, which a plain ``PYTHONPATH`` entry never runs).
    """
    purelib = Path(sysconfig.get_paths()["purelib"])
    assert not (purelib / "wizards").exists()
    return str(purelib)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_")) and k != "CHARTER_BUILDER_HOME"
    }
    env.update(CHARTER_BUILDER_HOME=str(home), **extra)
    return env


def venv(where: Path, *options: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", *options, str(where)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return where / "bin" / "python"


def pip_install(python: Path, wheel: Path, *options: str, env: dict[str, str]) -> None:
    command = [*PIP, "--python", str(python), "install", "--no-deps", "--no-compile"]
    done = subprocess.run(
        [*command, *options, str(wheel)],
        capture_output=True,
        text=True,
        env=env,
        cwd=wheel.parent,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def install(kind: str, wheel: Path, tmp: Path) -> tuple[Path, dict[str, str], Path]:
    """Install the wheel one way; returns its ``charter-builder`` command, its env and its home."""
    deps = dependency_path()
    if kind == "venv":
        python = venv(tmp / "venv")
        env = clean_env(tmp / "home", PYTHONPATH=deps)
        pip_install(python, wheel, env=env)
        return tmp / "venv" / "bin" / "charter-builder", env, tmp / "venv"
    if kind == "user":
        # A venv that sees the system site also sees the user site, as a plain python3 does.
        python = venv(tmp / "base", "--system-site-packages")
        env = clean_env(tmp / "home", PYTHONUSERBASE=str(tmp / "userbase"), PYTHONPATH=deps)
        pip_install(python, wheel, "--user", env=env)
        return tmp / "userbase" / "bin" / "charter-builder", env, tmp / "userbase"
    # pip run in the dev venv would uninstall the checkout's editable install before writing to
    # --target or --prefix: an empty interpreter of its own runs these two.
    bare = venv(tmp / "bare")
    if kind == "target":
        target = tmp / "target"
        env = clean_env(tmp / "home", PYTHONPATH=f"{target}{os.pathsep}{deps}")
        pip_install(bare, wheel, "--target", str(target), env=env)
        return target / "bin" / "charter-builder", env, target
    assert kind == "prefix"  # a system-wide install's layout, /usr/local/lib/pythonX.Y/...
    prefix = tmp / "prefix"
    env = clean_env(tmp / "home")
    pip_install(bare, wheel, "--prefix", str(prefix), env=env)
    (site,) = prefix.glob("lib/python*/site-packages")
    env["PYTHONPATH"] = f"{site}{os.pathsep}{deps}"
    return prefix / "bin" / "charter-builder", env, prefix


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["venv", "user", "target", "prefix"])
def test_installed_wheel_builds_an_example_from_outside_the_checkout(
    kind: str, wheel: Path, tmp_path: Path
) -> None:
    command, env, location = install(kind, wheel, tmp_path)
    assert command.is_file(), command
    assert Path(sys.executable).with_name("charter-builder").is_file()  # the dev venv's, intact
    work = tmp_path / "work"  # far from the checkout: nothing can come from ROOT
    work.mkdir()

    def run(*argv: str) -> str:
        done = subprocess.run(
            [str(command), *argv], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (argv, done.stderr[-3000:])
        return done.stdout

    listing = run("examples")
    assert EXAMPLE in listing and "Nordwald Kreditbank AG" in listing
    assert str(location) in listing  # the examples come from the install, not the checkout
    assert str(ROOT) not in listing
    run("examples", "--copy", "examples")
    assert (work / "examples" / EXAMPLE).is_file()
    written = run("build", f"examples/{EXAMPLE}", "--out", "out").split()
    assert {Path(p).suffix for p in written} == {".docx", ".ics"}
    assert all((work / p).is_file() or Path(p).is_file() for p in written)
