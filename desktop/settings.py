"""The application's settings: one INI file beside the library, in the overridable user folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from wizards.library import user_home

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


def read_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    """A boolean setting, whichever way the INI file spelled it."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
