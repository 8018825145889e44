"""The application's settings: one INI file beside the library, in the overridable user folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from wizards.library import user_home

if TYPE_CHECKING:
    from wizards.build import Branding

SETTINGS_FILE = "settings.ini"
MAX_RECENT = 8


def app_settings(home: Path | None = None) -> QSettings:
    """The settings (an INI file in ``home``, by default the user's Charter Builder folder),
    never the registry or a shared location."""
    return QSettings(str((home or user_home()) / SETTINGS_FILE), QSettings.Format.IniFormat)


def recent_files(settings: QSettings) -> list[Path]:
    """Recently opened or saved answers files, newest first, those that still exist."""
    value = settings.value("recent_files", [])
    if isinstance(value, str):
        names = [value]
    elif isinstance(value, (list, tuple)):
        names = [str(v) for v in value]
    else:
        names = []
    return [Path(n) for n in names if Path(n).is_file()]


def add_recent_file(settings: QSettings, path: Path) -> list[Path]:
    """Put ``path`` at the top of the recent files; returns the new list."""
    path = path.resolve()
    files = [path] + [p for p in recent_files(settings) if p.resolve() != path]
    files = files[:MAX_RECENT]
    settings.setValue("recent_files", [str(p) for p in files])
    return files


_BRANDING_KEYS = ("reference_docx", "logo", "accent")


def load_branding(settings: QSettings) -> Branding:
    """The branding of the last export; files that are gone since are left out."""
    from wizards.build import Branding

    values = {key: str(settings.value(f"branding/{key}", "") or "") for key in _BRANDING_KEYS}
    paths = {k: Path(values[k]) for k in ("reference_docx", "logo") if values[k]}
    return Branding(
        reference_docx=paths["reference_docx"]
        if paths.get("reference_docx", Path()).is_file()
        else None,
        logo=paths["logo"] if paths.get("logo", Path()).is_file() else None,
        accent=values["accent"] or None,
    )


def save_branding(settings: QSettings, branding: Branding) -> None:
    """Remember ``branding`` for the next export."""
    settings.setValue("branding/reference_docx", str(branding.reference_docx or ""))
    settings.setValue("branding/logo", str(branding.logo or ""))
    settings.setValue("branding/accent", branding.accent or "")


def read_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    """A boolean setting, whichever way the INI file spelled it."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
