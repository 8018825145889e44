"""Where templates/ and resources/ live: in a checkout, any installed wheel or a frozen build.

The repository keeps ``templates/`` and ``resources/`` at its top. A wheel carries them as package
data of ``wizards`` (``pyproject.toml`` maps the two folders to ``wizards/templates`` and
``wizards/resources`` when the wheel is built), so they sit beside the code wherever an installer
puts it: a venv, ``pip install --user``, pipx, ``--target``, a system-wide install. The frozen
build (PyInstaller) collects them to the same place inside its bundle.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

PACKAGE = "wizards"
"""The package whose data holds ``templates/`` and ``resources/`` once installed."""

FOLDERS = ("templates", "resources")


def _holds_both(root: Path) -> bool:
    return all((root / name).is_dir() for name in FOLDERS)


def _candidates() -> list[Path]:
    """Where to look, in order: the installed package data, then the checkout around it."""
    candidates = []
    installed = resources.files(PACKAGE)
    # Installers unpack wheels onto the file system; a zipped import (a .pyz) is not supported,
    # and falls through to the error below with the places tried.
    if isinstance(installed, Path):
        candidates.append(installed)
    candidates.append(Path(__file__).resolve().parent.parent)
    return candidates


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding ``templates/`` and ``resources/``.

    An installed wheel and the frozen build have both folders inside the ``wizards`` package; a
    checkout has them beside it, at the top of the repository.

    Raises:
        FileNotFoundError: When no candidate holds both folders (a broken installation).
    """
    candidates = _candidates()
    for root in candidates:
        if _holds_both(root):
            return root
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"Charter Builder's templates and resources were not found (tried {tried}); "
        "reinstall Charter Builder"
    )


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under ``resources/``."""
    return data_root().joinpath("resources", *parts)


def template_dir() -> Path:
    """The folder of the built-in Jinja2 templates."""
    return data_root() / "templates"


def example_dir() -> Path:
    """The folder of the bundled example charters (``*.charter.json``)."""
    return resource_path("examples")
