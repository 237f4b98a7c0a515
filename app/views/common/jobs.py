"""The one way to run background work: a plain function on the thread pool.

The function gets a `JobState` to report progress and to notice Cancel. It must not touch
widgets, and opens its own Session (pass ids, never ORM objects). Results and errors come
back on the GUI thread through the job's signals.
"""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class Cancelled(Exception):
    """Raised inside a job when the coach pressed Cancel."""


class JobState:
    def __init__(self, job: "Job"):
        self._job = job
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._job.sig_progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Job(QObject):
    sig_progressed = Signal(int, int, str)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()
    sig_finished = Signal()

    def __init__(self, work: Callable[[JobState], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self.state = JobState(self)

    def cancel(self) -> None:
        self.state._cancel.set()

    def _run(self) -> None:
        try:
            result = self._work(self.state)
        except Cancelled:
            self.sig_cancelled.emit()
        except Exception as exc:  # delivered to the GUI thread, shown there
            self.sig_failed.emit(exc)
        else:
            self.sig_succeeded.emit(result)
        self.sig_finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


_running: set[Job] = set()


def start_job(work: Callable[[JobState], Any], parent: QObject | None = None) -> Job:
    """Run `work(state)` on the global thread pool; connect to the job's signals at once.

    The work starts from the event loop, after the caller has connected: a quick job could
    otherwise finish before anyone listens, and its result would be lost. The job has no Qt
    parent, so closing a screen never deletes it under a running worker; it is cancelled
    instead, and kept alive here until it finishes.
    """
    job = Job(work)
    _running.add(job)
    job.sig_finished.connect(lambda: _running.discard(job))
    if parent is not None:
        parent.destroyed.connect(job.cancel)
    QTimer.singleShot(0, job, lambda: QThreadPool.globalInstance().start(_Runnable(job)))
    return job
