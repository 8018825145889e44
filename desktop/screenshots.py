"""Write a PNG of every screen at 1280×800 with an example loaded: ``make screenshots``.

``python -m desktop.screenshots --out DIR [--scale 2]`` uses a temporary library, so the user's
own library and settings are never touched. ``--scale 2`` renders as on a 200% display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1280, 800


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="output folder")
    parser.add_argument("--scale", type=float, default=1.0, help="display scale, e.g. 2 for 200%%")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Render every screen to ``--out``; returns the exit code."""
    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    with tempfile.TemporaryDirectory(prefix="charter-screens-") as home:
        os.environ["CHARTER_BUILDER_HOME"] = home
        return _shoot(args.out, args.scale)


def _shoot(out: Path, scale: float) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.app import create_application
    from desktop.main_window import MainWindow, example_files
    from desktop.prompter import Prompter
    from wizards.steps import Step

    class _Silent(Prompter):
        def warning(self, parent: QWidget | None, title: str, text: str) -> None:
            print(f"warning: {title}: {text}", file=sys.stderr)

        def information(self, parent: QWidget | None, title: str, text: str) -> None:
            print(f"info: {title}", file=sys.stderr)

    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if scale == 1 else f"@{scale:g}x"
    app = create_application([sys.argv[0]])
    window = MainWindow(prompter=_Silent())
    window.resize(WIDTH, HEIGHT)
    window.show()
    written: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()
        for page in window.wizard.pages.values() if window.wizard else []:
            if page.preview_timer.isActive():
                page.refresh_preview()
        QCoreApplication.processEvents()

    def shot(name: str) -> None:
        settle()
        window.resize(WIDTH, HEIGHT)
        settle()
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)

    window.library  # noqa: B018 - open it now rather than after a paint
    shot("00-start-first-time")
    examples = sorted((Path(p) for _label, p in example_files()), key=lambda p: p.stat().st_size)
    for example in examples:
        window.open_example(example)
        window.close_charter()
    shot("01-start-library")

    window.open_example(examples[-1])  # the largest example
    assert window.wizard is not None
    for step in Step:
        window.wizard.go_to_step(step)
        shot(f"{int(step) + 2:02d}-{step.name.lower()}")

    # Inline validation: an executive who deputises for themselves.
    window.wizard.go_to_step(Step.EXECUTIVE)
    charter = window.wizard.charter
    charter.executive.deputy.name = charter.executive.person.name
    page = window.wizard.current_page()
    page.load()
    page.validatePage()
    shot("10-validation")
    charter.executive.deputy.name = "Someone Else"
    page.load()

    window.large_text_action.trigger()
    window.wizard.go_to_step(Step.ORGANISATION)
    shot("11-larger-text")
    window.large_text_action.trigger()
    window.close_charter()
    window.close()
    app.processEvents()
    for path in written:
        print(path)
    del QApplication
    return 0


if __name__ == "__main__":
    sys.exit(main())
