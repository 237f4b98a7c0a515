"""An unexpected error: a plain dialog with a copyable report, and a log in the data folder.

Every write is already committed when it happens, so an error in a screen loses nothing
saved; the app keeps running and the coach can go on or restart.
"""

import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app import __version__
from app.paths import create_private_file, data_dir, private_folder
from app.views.common import dialogs

LOG_NAME = "coachbook-errors.log"
MAX_LOG_BYTES = 1024 * 1024


LEFT_OUT = "(message left out: the notebook is protected)"


def crash_report(exc_type, exc, tb, notebook: Path | None = None, protected: bool = False) -> str:
    """What a developer needs, and nothing about students: versions, time, the traceback.

    For a protected notebook the errors' messages are left out (they can quote a teacher's
    name or a note): only where each error happened and its kind.
    """
    lines = [
        f"Coachbook {__version__} — unexpected error",
        f"Time: {datetime.now().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, "
        f"{platform.system()} {platform.release()} ({platform.machine()})",
    ]
    if notebook is not None:
        lines.append(f"Notebook file: {notebook.name}")
    lines.append("")
    if protected:
        lines.extend(_without_messages(exc_type, exc, tb))
    else:
        lines.extend(line.rstrip("\n") for line in traceback.format_exception(exc_type, exc, tb))
    return "\n".join(lines)


def _without_messages(exc_type, exc, tb) -> list[str]:
    """The traceback's frames and each error's kind, for the error and what led to it."""
    chain = []
    while exc is not None and len(chain) < 10:
        chain.append((type(exc), exc.__traceback__))
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if not chain:
        chain = [(exc_type, tb)]
    lines: list[str] = []
    for kind, frames in reversed(chain):
        if lines:
            lines += ["", "During that, another error happened:", ""]
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in traceback.format_tb(frames))
        lines.append(f"{kind.__module__}.{kind.__qualname__}: {LEFT_OUT}")
    return lines


def write_log(report: str) -> Path | None:
    """Append the report to the log in the data folder; None if even that fails (full disk)."""
    path = data_dir() / LOG_NAME
    try:
        private_folder(path.parent)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.old"))
        create_private_file(path)  # owner-only, or tightened if it was not
        with path.open("a", encoding="utf-8") as log:
            log.write(report + "\n\n")
    except OSError:
        return None
    return path


class _Relay(QObject):
    """Carries an error from any thread to the GUI thread."""

    sig_error = Signal(str)


class CrashHandler:
    """Installed as sys.excepthook (and for threads): log, then show the dialog once."""

    def __init__(self, notebook=lambda: None, protected=lambda: False):
        self._notebook = notebook
        self._protected = protected
        self._showing = False
        self._relay = _Relay()
        self._relay.sig_error.connect(self._show)
        self.reports: list[str] = []

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value, args.exc_traceback
        )

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            notebook = self._notebook()
            protected = self._protected()
        except Exception:  # the report must not fail on a half-closed store
            notebook, protected = None, True
        report = crash_report(exc_type, exc, tb, notebook, protected)
        sys.stderr.write(report + "\n")
        self.reports.append(report)
        self._relay.sig_error.emit(report)

    def _show(self, report: str) -> None:
        log_path = write_log(report)
        if self._showing or QApplication.instance() is None:
            return  # one dialog at a time; the rest are in the log
        self._showing = True
        try:
            dialogs.show_crash(QApplication.activeWindow(), report, log_path)
        finally:
            self._showing = False
