"""Start the GUI only where it can run; otherwise say plainly what is missing."""

from __future__ import annotations

import os
import sys

XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
)
"""Debian/Ubuntu packages that Qt's xcb platform plugin needs and minimal systems lack."""

_XCB_LIBRARIES = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xcb-image", "xcb-render-util",
                  "xkbcommon-x11")  # fmt: skip


def missing_xcb_libraries() -> list[str]:
    """The xcb libraries Qt needs on Linux that this system lacks (empty elsewhere)."""
    if not sys.platform.startswith("linux"):
        return []
    import ctypes.util  # only when a display is about to be used: it costs start-up time

    return [name for name in _XCB_LIBRARIES if ctypes.util.find_library(name) is None]


def display_problem() -> str | None:
    """Why the GUI cannot start here, in one line, or None when it can."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform in ("offscreen", "minimal", "vnc"):
        return None
    if platform.startswith("wayland") or (not platform and os.environ.get("WAYLAND_DISPLAY")):
        return None
    if not os.environ.get("DISPLAY"):
        return (
            "charter-builder: no display to show the window on. Use "
            "'charter-builder build FILE.charter.json --out DIR' to build documents without one."
        )
    missing = missing_xcb_libraries()
    if missing:
        return (
            "charter-builder: Qt needs system libraries this machine lacks ("
            + ", ".join(missing)
            + "). On Debian or Ubuntu: sudo apt-get install "
            + " ".join(XCB_PACKAGES)
        )
    return None


def launch_gui(argv: list[str] | None = None) -> int:
    """Start the desktop application, or print why it cannot start and return 2."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from desktop.app import run

    return run(argv if argv is not None else sys.argv)
