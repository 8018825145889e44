"""The one helper that runs long work off the GUI thread and reports back on it."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressCallback = Callable[[int, int, str], None]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[ProgressCallback], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work(self._signals.progress.emit)
        except BaseException as error:  # reported to the GUI thread, never swallowed
            self._signals.failed.emit(error, traceback.format_exc())
        else:
            self._signals.finished.emit(result)


class BackgroundTask(QObject):
    """A running piece of background work.

    The work function runs on a pool thread and receives a ``progress(done, total, what)``
    callback. It must only use the data it was given (a snapshot of the model), never widgets.
    The signals below are delivered on the GUI thread.
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._on_signals_finished)
        self._signals.failed.connect(self._on_signals_failed)
        self.running = False

    def start(self, work: Callable[[ProgressCallback], Any]) -> None:
        """Run ``work`` on the application's thread pool."""
        self.running = True
        QThreadPool.globalInstance().start(_Job(work, self._signals))

    def _on_signals_finished(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    def _on_signals_failed(self, error: object, details: str) -> None:
        self.running = False
        self.failed.emit(error, details)


def run_in_background(
    work: Callable[[ProgressCallback], Any],
    *,
    parent: QObject,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[BaseException, str], None],
    on_progress: ProgressCallback | None = None,
) -> BackgroundTask:
    """Start ``work`` off the GUI thread and call the handlers on the GUI thread."""
    task = BackgroundTask(parent)
    task.finished.connect(on_finished)
    task.failed.connect(on_failed)
    if on_progress is not None:
        task.progress.connect(on_progress)
    task.start(work)
    return task
