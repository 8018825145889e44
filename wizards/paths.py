"""Where templates/ and resources/ live: in a checkout, an installed wheel or a frozen build."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

DATA_DIR_NAME = "charter-builder"
"""Folder under the install prefix's share/ that a wheel installs templates/ and resources/ to."""


def _candidates() -> list[Path]:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen))
    candidates.append(Path(__file__).resolve().parent.parent)
    candidates.append(Path(sys.prefix) / "share" / DATA_DIR_NAME)
    return candidates


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding ``templates/`` and ``resources/``.

    A PyInstaller build unpacks them under ``sys._MEIPASS``; a checkout has them beside the
    ``wizards`` package; a wheel installs them to ``<prefix>/share/charter-builder``.

    Raises:
        FileNotFoundError: When no candidate holds both folders (a broken installation).
    """
    for root in _candidates():
        if (root / "templates").is_dir() and (root / "resources").is_dir():
            return root
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(
        f"Charter Builder's templates and resources were not found (tried {tried})"
    )


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under ``resources/``."""
    return data_root().joinpath("resources", *parts)


def template_dir() -> Path:
    """The folder of the built-in Jinja2 templates."""
    return data_root() / "templates"
