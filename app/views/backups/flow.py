"""Backups from the main window: the regular backup, Back up now, the full check after opening,
the warning when backups can't be written, damage found, and choosing a backup to restore."""

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from app.backups import list_backups
from app.store import DamagedNotebook, OpenCheck, StoreError
from app.text import date_and_time
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.jobs import start_job

BACKUP_CHECK_MS = 10 * 60 * 1000
OPEN_GOOD_BACKUP, KEEP_READING = "Open the latest good backup", "Keep it open to read"


class BackupFlow(QObject):
    """Keeps the open notebook backed up and says so in the window's status bar."""

    # A backup's path, or None for "the newest backup that is whole".
    sig_restore_requested = Signal(object)
    # The full check after opening is done (tests wait on it).
    sig_open_checked = Signal(object)

    def __init__(self, context: ScreenContext, window: QMainWindow):
        super().__init__(window)
        self._store = context.store
        self._window = window
        self._stopped = False  # set once the notebook is about to close under the window
        # Stays until a backup is written again: the coach should not miss it.
        self.warning = QLabel("")
        self.warning.setAccessibleName("Backup warning")
        self.warning.setWordWrap(False)
        self.warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.warning.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_CHECK_MS)
        self._timer.timeout.connect(self._on_timer)
        self._timer.start()

    def stop(self) -> None:
        """No more checks or backups from this window: the notebook is closing under it."""
        self._stopped = True
        self._timer.stop()

    def check_notebook(self) -> None:
        """The full integrity check and a verified backup, off the GUI thread, after opening."""
        if self._stopped:
            return
        store = self._store
        job = start_job(lambda _state: store.check_after_open(), self._window)
        job.sig_succeeded.connect(self._on_open_checked)

    def back_up_now(self) -> None:
        store = self._store
        job = start_job(lambda _state: store.backup(), self._window)
        self._show_status("Backing up…")
        job.sig_succeeded.connect(self._on_backed_up)
        job.sig_failed.connect(lambda exc: self._on_backup_failed(exc, asked=True))

    def choose_backup_to_restore(self) -> None:
        """Pick a backup and confirm; the restore itself is the controller's."""
        from app.views.backups.restore_dialog import RestoreDialog

        dialog = RestoreDialog(list_backups(self._store.path), datetime.now(), self._window)
        if not dialog.exec() or dialog.chosen is None:
            return
        when = date_and_time(dialog.chosen.taken_at)
        if dialogs.confirm(
            self._window,
            "Restore this backup?",
            f"The notebook will go back to how it was on {when}. What you have now is "
            "backed up first, so you can return to it.",
            "Restore",
        ):
            self.sig_restore_requested.emit(dialog.chosen.path)

    def damage_found(self) -> None:
        """Writing has stopped (the store refuses it); offer the newest good backup."""
        window = self._window
        window.setWindowTitle(f"{window.windowTitle()} (damaged: read only)")
        choice = dialogs.choose(
            window,
            "The notebook is damaged",
            self._store.write_refusal or "The notebook is damaged.",
            [OPEN_GOOD_BACKUP, KEEP_READING],
        )
        if choice == OPEN_GOOD_BACKUP:
            self.sig_restore_requested.emit(None)

    def _on_open_checked(self, check: OpenCheck) -> None:
        if not self._window.isVisible():  # closed (or replaced) while the check ran
            return
        self._warn(check.backup_problem)
        self.sig_open_checked.emit(check)
        if check.problems:
            self.damage_found()

    def _warn(self, problem: str | None) -> None:
        if problem is None:
            self.warning.hide()
            return
        self.warning.setText("Backups can't be written")
        self.warning.setToolTip(problem)
        self.warning.show()
        self._show_status(problem, 15000)

    def _on_backup_failed(self, exc: BaseException, *, asked: bool) -> None:
        if not self._window.isVisible():
            return
        if isinstance(exc, DamagedNotebook):
            self.damage_found()
        elif isinstance(exc, StoreError):
            self._warn(str(exc))
            if asked:
                dialogs.show_error(self._window, "Backup failed", str(exc))
        else:
            raise exc

    def _on_backed_up(self, path) -> None:
        self._warn(None)
        self._show_status(f"Backed up to {path}", 8000)

    def _on_timer(self) -> None:
        store = self._store
        job = start_job(lambda _state: store.backup_if_due(), self._window)
        job.sig_succeeded.connect(lambda path: path and self._warn(None))
        job.sig_failed.connect(lambda exc: self._on_backup_failed(exc, asked=False))

    def _show_status(self, text: str, timeout: int = 0) -> None:
        self._window.statusBar().showMessage(text, timeout)
