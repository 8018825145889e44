"""One window per library: a second start brings the running window forward instead.

Two programs autosaving the same charter would overwrite each other's work, so the first
instance holds a lock file in the user folder for as long as it runs. A second start finds the
lock taken, leaves a wake-up note beside it (a file the first instance watches; no socket is
opened, so the program stays offline in the strictest sense) and tells the user where their
window is. A lock left by a program that crashed is taken over: Qt's lock file records the
process id and checks that it is still alive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject

LOCK_FILE = "instance.lock"
WAKE_FILE = "instance.wake"


class InstanceLock(QObject):
    """The lock that makes one running program per user folder (and so per library)."""

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self._lock = QLockFile(str(home / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._watcher: QFileSystemWatcher | None = None
        self._wake: Callable[[], None] | None = None

    def acquire(self) -> bool:
        """Take the lock; False only when another running program holds it.

        A user folder that cannot be written gives True: the library then opens read-only,
        so two programs cannot overwrite each other there either.
        """
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True
        if self._lock.tryLock(200):
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def holder(self) -> str:
        """The running program that holds the lock, in words (process id and machine)."""
        info = self._lock.getLockInfo()
        # PySide6 returns (pid, host, program), or a bool first in some releases.
        fields = [f for f in info if not isinstance(f, bool)] if isinstance(info, tuple) else []
        if len(fields) < 2 or not fields[0]:
            return "another Charter Builder"
        pid, host = fields[0], fields[1]
        return f"process {pid} on {host}" if host else f"process {pid}"

    def wake_running(self) -> None:
        """Ask the program holding the lock to bring its window forward."""
        import contextlib
        import time

        # When the note cannot be written, the message to the user still says where to look.
        with contextlib.suppress(OSError):
            (self.home / WAKE_FILE).write_text(f"{time.time()}\n", encoding="utf-8")

    def on_wake(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever a second start asks for the window."""
        path = self.home / WAKE_FILE
        try:
            path.write_text("", encoding="utf-8")
        except OSError:
            return
        self._wake = callback
        self._watcher = QFileSystemWatcher([str(path)], self)
        self._watcher.fileChanged.connect(self._on_wake_file_changed)

    def _on_wake_file_changed(self, path: str) -> None:
        assert self._watcher is not None
        if path not in self._watcher.files() and Path(path).exists():
            self._watcher.addPath(path)  # a replaced file drops out of the watch
        if self._wake is not None and Path(path).exists() and Path(path).stat().st_size:
            self._wake()

    def release(self) -> None:
        """Give the lock up (also done when the process ends)."""
        self._lock.unlock()
