"""Write PNGs of the screens at 1280×800 with an example loaded.

``python -m desktop.screenshots --out DIR [--scale 2]`` writes every screen; ``--scale 2``
renders as on a 200% display. ``--readme`` (what ``make screenshots`` runs, into
docs/screenshots/) writes the README's few pictures instead, scaled down and, where ImageMagick
is installed, reduced to 256 colours to keep each small; with LibreOffice and pdftoppm it adds a
page of the charter as Word writes it. A temporary library is used, so the user's own library
and settings are never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1280, 800
README_WIDTH = 960
"""Width of the README's pictures: readable on a page, a fraction of the full size."""
README_SHOTS = {
    "01-start-library": "the start screen with the library",
    "03-executive": "a wizard step with the live preview",
    "08-review": "the review page with the readiness findings",
}
"""The screens the README shows (names as the full set writes them), each with a caption."""
CHARTER_PAGE = "09-charter-page"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="output folder")
    parser.add_argument("--scale", type=float, default=1.0, help="display scale, e.g. 2 for 200%%")
    parser.add_argument(
        "--readme", action="store_true", help="only the README's pictures, small (docs/screenshots)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Render every screen to ``--out``; returns the exit code."""
    args = _parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    with tempfile.TemporaryDirectory(prefix="charter-screens-") as home:
        os.environ["CHARTER_BUILDER_HOME"] = home
        if not args.readme:
            return _shoot(args.out, args.scale)
        full = Path(home) / "full"
        code = _shoot(full, 1.0, quiet=True)
        if code == 0:
            _readme_pictures(full, args.out, Path(home) / "charter")
        return code


def _small(source: Path, target: Path) -> None:
    """Scale a picture to README_WIDTH; with ImageMagick, also strip it to 256 colours."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = QImage(str(source))
    if image.width() > README_WIDTH:
        image = image.scaledToWidth(README_WIDTH, Qt.TransformationMode.SmoothTransformation)
    image.save(str(target), quality=0)  # PNG from the suffix; 0: the smallest file Qt writes
    convert = shutil.which("convert")
    if convert:
        subprocess.run(
            [convert, str(target), "-strip", "-colors", "256", f"PNG8:{target}"],
            check=True,
            timeout=60,
        )


def _charter_page(work: Path) -> Path | None:
    """A page of the largest example's charter as Word writes it, via LibreOffice; or None."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        print("skipped the charter page: needs soffice and pdftoppm", file=sys.stderr)
        return None
    from wizards.answers import load
    from wizards.build import build
    from wizards.paths import example_dir

    example = max(example_dir().glob("*.charter.json"), key=lambda p: p.stat().st_size)
    result = build(load(example), work, ["docx"])
    charter = next(p for p in result.files if "charter" in p.name)
    profile = (work / "lo-profile").as_uri()
    convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*convert, "--outdir", str(work), str(charter)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = charter.with_suffix(".pdf")
    # Page 3: the executive section, prose and a table under the running header.
    page = ["-f", "3", "-l", "3", "-r", "110", "-png", "-singlefile"]
    subprocess.run(
        [pdftoppm, *page, str(pdf), str(work / "page")],
        check=True,
        timeout=60,
    )
    return work / "page.png"


def _readme_pictures(full: Path, out: Path, work: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    for name in README_SHOTS:
        _small(full / f"{name}.png", out / f"{name}.png")
        print(out / f"{name}.png")
    page = _charter_page(work)
    if page is not None:
        _small(page, out / f"{CHARTER_PAGE}.png")
        print(out / f"{CHARTER_PAGE}.png")


def _shoot(out: Path, scale: float, *, quiet: bool = False) -> int:
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
    for path in [] if quiet else written:
        print(path)
    del QApplication
    return 0


if __name__ == "__main__":
    sys.exit(main())
