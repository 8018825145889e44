"""The first screen stays cheap: what it does not need is not loaded before the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from desktop.app import create_application
app = create_application([])
from desktop.main_window import MainWindow
window = MainWindow()
window.show()
heavy = ("pydantic", "sqlite_utils", "jinja2", "docx", "wizards.model", "wizards.render")
print("LOADED", sorted(m for m in heavy if m in sys.modules))
"""


def test_first_screen_loads_no_model_templates_or_sqlite_utils(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHARTER_BUILDER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "LOADED []" in done.stdout, done.stdout + done.stderr
