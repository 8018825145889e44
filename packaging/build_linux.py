"""Build the Linux packages: the one-folder frozen build as a .deb and as a .tar.gz for ~/.local.

``make package`` runs ``python packaging/build_linux.py --out dist``. It freezes the program with
PyInstaller (packaging/charter-builder.spec), then wraps the folder twice:

- ``charter-builder_<version>_<arch>.deb`` (made with ``dpkg-deb``): the program in
  ``/usr/lib/charter-builder/``, the command ``/usr/bin/charter-builder``, and the desktop entry,
  the icon and the AppStream metadata where desktops and software centres look for them;
- ``charter-builder-<version>-linux-<machine>.tar.gz``: the same folder with ``install.sh``, which
  installs it for one user under ``~/.local`` (or ``--prefix DIR``) and removes it again with
  ``--uninstall``.

The desktop entry and the metadata are checked with ``desktop-file-validate`` and ``appstreamcli``
when those are installed (Debian's desktop-file-utils and appstream); ``--require-validators``
makes their absence an error. The last lines printed are the figures: build time, sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
NAME = "charter-builder"
APP_ID = "io.github.charterbuilder.CharterBuilder"
DESKTOP = PACKAGING / f"{NAME}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
INSTALL_SCRIPT = PACKAGING / "install.sh"
LIB_DIR = f"usr/lib/{NAME}"
"""Where the .deb puts the one-folder build (the command in /usr/bin links to it)."""

DEB_DEPENDS = "libc6, libgl1, libegl1"
"""What the bundle takes from the system: libc and the OpenGL/EGL drivers, never bundled."""
DEB_RECOMMENDS = "fonts-dejavu-core | fonts-noto-core, libxcb-cursor0"


def version() -> str:
    """The program's version, read from wizards/__init__.py without importing it."""
    for line in (ROOT / "wizards" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("no __version__ in wizards/__init__.py")


def folder_size(folder: Path) -> int:
    """Bytes of the files under folder (links counted as links, as du does)."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
    return total


def freeze(work: Path) -> Path:
    """Run PyInstaller on the spec; returns the one-folder build."""
    dist = work / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(PACKAGING / f"{NAME}.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / NAME


def validate(require: bool) -> None:
    """desktop-file-validate and appstreamcli on the two metadata files."""
    checks = [
        ["desktop-file-validate", str(DESKTOP)],
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
    ]
    for command in checks:
        if shutil.which(command[0]) is None:
            if require:
                raise SystemExit(f"{command[0]} is not installed (desktop-file-utils, appstream)")
            print(f"skipped: {command[0]} is not installed", file=sys.stderr)
            continue
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def install_desktop_files(share: Path) -> None:
    """The desktop entry, icon and metadata under a share/ folder, at the standard places."""
    applications = share / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DESKTOP, applications / DESKTOP.name)
    icons = share / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON, icons / ICON.name)
    metainfo = share / "metainfo"
    metainfo.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(METAINFO, metainfo / METAINFO.name)


def _normalise_modes(tree: Path) -> None:
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or os.access(path, os.X_OK):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def build_deb(app: Path, work: Path, out: Path, ver: str) -> Path:
    """Stage the file system tree with the control file and run dpkg-deb."""
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    stage = work / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(app, stage / LIB_DIR, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / NAME).symlink_to(f"../lib/{NAME}/{NAME}")
    install_desktop_files(stage / "usr" / "share")
    doc = stage / "usr" / "share" / "doc" / NAME
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
    _normalise_modes(stage)
    installed_kib = (folder_size(stage) + 1023) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "\n".join(
            [
                f"Package: {NAME}",
                f"Version: {ver}",
                f"Architecture: {arch}",
                "Maintainer: Charter Builder team <charter-builder@users.noreply.invalid>",
                f"Installed-Size: {installed_kib}",
                f"Depends: {DEB_DEPENDS}",
                f"Recommends: {DEB_RECOMMENDS}",
                "Section: office",
                "Priority: optional",
                "Description: AI governance charter wizard for leadership teams",
                " Charter Builder takes an organisation's leadership team, step by step, to a",
                " signed AI governance charter and a board reporting calendar, written to Word",
                " and iCalendar. It works offline and never opens a network connection.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    control.parent.chmod(0o755)
    deb = out / f"{NAME}_{ver}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(stage), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def build_tarball(app: Path, out: Path, ver: str) -> Path:
    """The folder, the desktop files and install.sh in one .tar.gz."""
    top = f"{NAME}-{ver}"
    tarball = out / f"{top}-linux-{platform.machine()}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    share = out / f".{top}-share"
    shutil.rmtree(share, ignore_errors=True)
    install_desktop_files(share)
    try:
        with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
            tar.add(app, arcname=f"{top}/{NAME}", filter=owned_by_root)
            tar.add(share, arcname=f"{top}/share", filter=owned_by_root)
            tar.add(INSTALL_SCRIPT, arcname=f"{top}/install.sh", filter=owned_by_root)
            tar.add(ROOT / "LICENSE", arcname=f"{top}/LICENSE", filter=owned_by_root)
    finally:
        shutil.rmtree(share, ignore_errors=True)
    return tarball


def main(argv: list[str] | None = None) -> int:
    """Build both packages into --out; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the packages go")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package", help="scratch")
    parser.add_argument("--require-validators", action="store_true")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    work: Path = args.work.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    ver = version()

    validate(args.require_validators)
    started = time.perf_counter()
    app = freeze(work)
    frozen = time.perf_counter()
    deb = build_deb(app, work, out, ver)
    tarball = build_tarball(app, out, ver)
    done = time.perf_counter()

    mib = 1024 * 1024
    print(f"one-folder build: {app} ({folder_size(app) / mib:.1f} MiB)")
    print(f"deb: {deb} ({deb.stat().st_size / mib:.1f} MiB)")
    print(f"tarball: {tarball} ({tarball.stat().st_size / mib:.1f} MiB)")
    print(f"time: {frozen - started:.0f} s PyInstaller, {done - frozen:.0f} s packing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
