"""The README's Install section names the files the build makes, at this version, in order."""

from __future__ import annotations

from tests.conftest import ROOT
from wizards import __version__

README = (ROOT / "README.md").read_text(encoding="utf-8")
BUILDER = (ROOT / "packaging" / "build_linux.py").read_text(encoding="utf-8")


def test_install_comes_first_and_first_run_follows() -> None:
    headings = [line for line in README.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Install", "## First run"]


def test_the_file_names_are_those_of_this_version() -> None:
    # Names as packaging/build_linux.py writes them: NAME_VERSION_ARCH.deb and
    # NAME-VERSION-linux-MACHINE.tar.gz; the wheel as setuptools names it.
    assert 'deb = out / f"{NAME}_{ver}_{arch}.deb"' in BUILDER
    assert 'tarball = out / f"{top}-linux-{platform.machine()}.tar.gz"' in BUILDER
    for name in (
        f"charter-builder_{__version__}_amd64.deb",
        f"charter-builder-{__version__}-linux-x86_64.tar.gz",
        f"./charter-builder-{__version__}/install.sh",
        f"charter_builder-{__version__}-py3-none-any.whl",
    ):
        assert name in README, name


def test_every_way_in_is_there() -> None:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    for command in ("sudo apt install ./", "install.sh --uninstall", "pipx install", "make run"):
        assert command in install, command
