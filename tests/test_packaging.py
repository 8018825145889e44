"""Installer material in packaging/: read and checked here; PyInstaller itself is not run."""

from __future__ import annotations

import ast
import configparser
import contextlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import PySide6

from wizards import __version__, paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.charterbuilder.CharterBuilder"
DESKTOP = PACKAGING / "charter-builder.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
SPEC = PACKAGING / "charter-builder.spec"
ICON = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
SVG = "{http://www.w3.org/2000/svg}"


def command_name() -> str:
    """The console script pyproject.toml installs (read as text: tomllib is Python 3.11+)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    scripts = text.split("[project.scripts]", 1)[1]
    found = re.search(r'^([\w-]+)\s*=\s*"desktop\.cli:main"', scripts, re.MULTILINE)
    assert found
    return found.group(1)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_has_what_a_menu_needs() -> None:
    entry = desktop_entry()
    for key in ("Type", "Name", "Comment", "Exec", "Icon", "Categories", "Terminal"):
        assert entry.get(key, "").strip(), key
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == command_name() == entry["TryExec"]
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    assert entry["Keywords"].endswith(";")
    assert entry["Icon"] == APP_ID  # a theme icon name, installed from resources/icons
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()


def test_the_metainfo_describes_the_desktop_application() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license")
    assert root.findtext("name") == desktop_entry()["Name"]
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == command_name()
    assert root.find("content_rating") is not None


def spec_literals() -> dict[str, Any]:
    """The spec's top-level constants, read with ast (running it needs PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.isupper():
                # An expression such as ROOT is evaluated by PyInstaller, not here.
                with contextlib.suppress(ValueError):
                    found[target.id] = ast.literal_eval(node.value)
    return found


def test_the_spec_bundles_the_folders_data_root_looks_for() -> None:
    literals = spec_literals()
    folders = literals["DATA_FOLDERS"]
    assert {"templates", "resources"} <= set(folders)  # what wizards.paths.data_root() needs
    for folder in folders:
        assert (ROOT / folder).is_dir(), folder
    assert (ROOT / literals["ENTRY_POINT"]).is_file()
    source = SPEC.read_text(encoding="utf-8")
    # Each folder lands inside the wizards package, where a wheel has it too.
    assert literals["DATA_PACKAGE"] == paths.PACKAGE
    assert 'datas=[(str(ROOT / folder), f"{DATA_PACKAGE}/{folder}")' in source
    assert "exclude_binaries=True" in source and "COLLECT(" in source  # one folder, not one file


def imported_modules(package: str) -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
    return modules


def test_the_spec_excludes_no_module_the_program_imports() -> None:
    excluded = set(spec_literals()["EXCLUDES"])
    assert "PySide6.QtQml" in excluded and "PySide6.QtNetwork" in excluded
    used = imported_modules("desktop") | imported_modules("wizards")
    qt = {m for m in used if m.startswith("PySide6.")}
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= qt
    assert not qt & excluded
    assert not {m.split(".")[0] for m in used} & excluded


def test_the_icon_is_an_svg_in_the_application_teal() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 128 128"
    assert "#1F4E5F" in ICON.read_text(encoding="utf-8")


def test_the_window_icon_is_the_application_icon(qapp: Any) -> None:
    from desktop.app import app_icon_path, create_application

    assert app_icon_path() == ICON
    app = create_application([])
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == DESKTOP.stem


def test_the_packaging_readme_covers_each_file() -> None:
    text = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for path in (SPEC, DESKTOP, METAINFO, ICON, *PACKAGING.glob("*.py"), *PACKAGING.glob("*.sh")):
        assert path.name in text, path.name


def test_each_dropped_pattern_of_the_spec_matches_a_file_of_pyside6() -> None:
    # A pattern that matches nothing left nothing out: a renamed plugin would slip back in.
    import fnmatch

    literals = spec_literals()
    base = Path(PySide6.__file__).parent
    shipped = [f"PySide6/{p.relative_to(base).as_posix()}" for p in base.rglob("*") if p.is_file()]
    for pattern in literals["DROPPED_FILES"]:
        assert fnmatch.filter(shipped, pattern), pattern
    translations = fnmatch.filter(shipped, "PySide6/Qt/translations/*")
    assert fnmatch.filter(translations, literals["KEPT_TRANSLATIONS"])  # what the window loads


def test_the_metainfo_names_the_licence_and_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    license_ = re.search(r'^license = "([^"]+)"', text, re.MULTILINE)
    assert license_ and root.findtext("project_license") == license_.group(1) == "Apache-2.0"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__


def test_install_script_is_executable_posix_sh() -> None:
    script = PACKAGING / "install.sh"
    assert script.stat().st_mode & 0o111
    assert script.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
