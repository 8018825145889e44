"""`make screenshots` remakes the README's pictures: small PNGs of the size the README shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.screenshots import README_WIDTH

ROOT = Path(__file__).resolve().parents[2]
README_PICTURES = sorted(p.name for p in (ROOT / "docs" / "screenshots").glob("*.png"))


@pytest.mark.slow
def test_the_readme_pictures_can_be_made_again(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHARTER_BUILDER_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.screenshots", "--out", str(tmp_path / "out"), "--readme"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    made = sorted(p.name for p in (tmp_path / "out").glob("*.png"))
    assert made == README_PICTURES  # the pictures the README shows, and no others
    for name in made:
        data = (tmp_path / "out" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        assert len(data) < 250_000, (name, len(data))  # kept small for the repository
        width = int.from_bytes(data[16:20], "big")
        assert width <= README_WIDTH, (name, width)
