"""Starting the desktop app: which notebook to open, opening it safely, switching, restoring."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.backups import list_backups
from app.paths import (
    APP_NAME,
    ORG_NAME,
    data_folder_notice,
    default_db_path,
    remember_last_notebook,
    sample_db_path,
    startup_notebook,
)
from app.reports.leftovers import clean_leftover_exports
from app.store import (
    BackgroundInspection,
    DamagedNotebook,
    NewerNotebook,
    NotACoachbookFile,
    NotebookInUse,
    PassphraseNeeded,
    RestoreFailed,
    Store,
    StoreError,
    WrongPassphrase,
    damaged_aside_path,
    recover_notebook,
    restore_backup,
    restore_latest_good,
)
from app.text import date_and_time
from app.views.common import dialogs
from app.views.common.jobs import start_job
from app.views.common.style import apply_saved_theme
from app.views.shell import passphrase_dialog
from app.views.shell.crash import CrashHandler
from app.views.shell.main_window import MainWindow
from app.views.shell.protection_flow import ProtectionFlow

OPEN_BACKUP, START_EMPTY = "Open the latest good backup", "Start a new empty notebook"
CHOOSE_FILE, NEW_ELSEWHERE = "Choose another file…", "Start a new notebook elsewhere…"
NOTEBOOK_FILTER = "Coachbook notebooks (*.sqlite3);;All files (*)"
FULL_CHECK_DELAY_MS = 1500


class NotebookController(QObject):
    """Owns the open Store and its MainWindow; replaces both on switch or restore."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.store: Store | None = None
        self.window: MainWindow | None = None
        # Offer to go on with a running observation (not in the start-up smoke test).
        self.offer_resume = True
        # False for --startup-check: problems are printed, never asked about.
        self.interactive = True
        # A passphrase known before opening: a new protected notebook from the welcome, or
        # $COACHBOOK_PASSPHRASE_FILE for --startup-check. Forgotten once the notebook opens.
        self.passphrase: str | None = None

    def choose_path(self, startup_check: bool) -> Path | None:
        """The notebook to open: the last one, else the default, else ask (first run)."""
        known = startup_notebook(None)
        if known is not None or startup_check:
            return known or default_db_path()
        from app.views.shell.welcome import EXPLORE_SAMPLE, WelcomeDialog

        welcome = WelcomeDialog()
        if not welcome.exec():
            return None
        if welcome.choice == EXPLORE_SAMPLE:
            return sample_db_path()
        if welcome.protect:
            self.passphrase = passphrase_dialog.ask_new_passphrase(
                None,
                "Protect your notebook",
                "Your notebook and its backups will be encrypted with this passphrase. "
                "Coachbook asks for it each time it opens the notebook.",
                "Start my notebook",
            )
            if self.passphrase is None:
                return None
        return default_db_path()

    def open(self, path: Path, inspection: BackgroundInspection | None = None) -> bool:
        store = self._open_store(path, inspection)
        if store is None:
            return False
        if store.path == sample_db_path() and not self._fill_sample(store):
            store.close()
            return False
        self._show(store)
        return True

    def _tell(self, title: str, text: str) -> None:
        """A problem opening the notebook: a dialog, or one line on stderr for --startup-check
        (which must never wait on a dialog nobody will answer)."""
        if self.interactive:
            dialogs.show_error(None, title, text)
        else:
            print(f"coachbook: {text}", file=sys.stderr)

    def _open_store(
        self, path: Path, inspection: BackgroundInspection | None = None
    ) -> Store | None:
        passphrase, self.passphrase = self.passphrase, None
        problem = None
        while True:
            try:
                return Store.open(
                    path,
                    exclusive=True,
                    inspection=inspection,
                    backup_on_open=False,
                    passphrase=passphrase,
                )
            except (PassphraseNeeded, WrongPassphrase) as exc:
                if not self.interactive:
                    self._tell("Couldn't open the notebook", str(exc))
                    return None
                problem = str(exc) if isinstance(exc, WrongPassphrase) else None
                inspection = None
                passphrase = passphrase_dialog.ask_passphrase(
                    None,
                    "Open your notebook",
                    f"“{path.name}” is protected. Type its passphrase to open it.",
                    problem,
                )
                if passphrase is None:
                    return None
            except DamagedNotebook as exc:
                return self._offer_recovery(path, exc, passphrase)
            except StoreError as exc:
                return self._refused(exc)

    def _refused(self, exc: StoreError) -> Store | None:
        """A notebook that can't be opened as it is: say why, or offer another file."""
        if isinstance(exc, NotACoachbookFile):
            return self._offer_other_file(exc)
        if isinstance(exc, NotebookInUse):
            self._tell("Notebook already open", f"{exc} Switch to that window.")
        elif isinstance(exc, NewerNotebook):
            self._tell("Update Coachbook", str(exc))
        else:
            self._tell("Couldn't open the notebook", str(exc))
        return None

    def _offer_recovery(
        self, path: Path, problem: StoreError, passphrase: str | None = None
    ) -> Store | None:
        """Offer the latest good backup (the damaged file is kept aside), or a new notebook."""
        if not self.interactive:
            self._tell("Couldn't open the notebook", str(problem))
            return None
        backups = list_backups(path)
        options = ([OPEN_BACKUP] if backups else []) + [START_EMPTY]
        latest = (
            f" The latest backup is from {date_and_time(backups[0].taken_at)}."
            if backups
            else " There is no backup of it yet."
        )
        choice = dialogs.choose(
            None,
            "Couldn't open the notebook",
            f"{problem}{latest} The damaged file will be kept aside, untouched, as "
            f"“{path.name}.damaged-…” so nothing is lost.",
            options,
        )
        if choice is None:
            return None
        try:
            if choice == OPEN_BACKUP:
                recover_notebook(path, passphrase)
            else:
                self._set_aside(path)
        except (StoreError, OSError) as exc:
            dialogs.show_error(None, "Couldn't recover the notebook", str(exc))
            return None
        self.passphrase = passphrase if choice == OPEN_BACKUP else None
        return self._open_store(path)

    @staticmethod
    def _set_aside(path: Path) -> None:
        """Rename a damaged notebook (and its -wal/-shm) aside; nothing is copied or deleted."""
        aside = damaged_aside_path(path)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(path, aside)

    def _offer_other_file(self, problem: StoreError) -> Store | None:
        """Another program's file stays exactly where and as it is: open or start another."""
        if not self.interactive:
            self._tell("Not a Coachbook notebook", str(problem))
            return None
        choice = dialogs.choose(
            None, "Not a Coachbook notebook", str(problem), [CHOOSE_FILE, NEW_ELSEWHERE]
        )
        if choice == CHOOSE_FILE:
            other = dialogs.ask_open_path(None, "Open a notebook", NOTEBOOK_FILTER)
        elif choice == NEW_ELSEWHERE:
            other = dialogs.ask_save_path(
                None, "Start a new notebook", default_db_path().name, NOTEBOOK_FILTER
            )
        else:
            other = None
        return self._open_store(other) if other is not None else None

    def _fill_sample(self, store: Store) -> bool:
        """Build the sample district into its own, empty notebook, in the background."""
        from app.services.demo import build_demo
        from app.services.teachers import list_teachers

        if list_teachers(store):
            return True
        progress = QProgressDialog("Building the sample district…", "", 0, 0)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(300)
        loop = QEventLoop()
        outcome: dict[str, object] = {}
        job = start_job(lambda _state: build_demo(store, "small"))
        job.sig_succeeded.connect(lambda counts: outcome.update(counts=counts))
        job.sig_failed.connect(lambda exc: outcome.update(error=exc))
        job.sig_finished.connect(loop.quit)
        loop.exec()
        progress.close()
        if "error" in outcome:
            dialogs.show_error(None, "Couldn't build the sample district", str(outcome["error"]))
            return False
        return True

    def _show(self, store: Store) -> None:
        old = self.window
        self.store = store
        self.window = MainWindow(store)
        self.window.sig_restore_requested.connect(self._on_restore_requested)
        self.window.sig_switch_notebook_requested.connect(self._on_switch_requested)
        self.window.sig_protection_requested.connect(self._on_protection_requested)
        remember_last_notebook(store.path)
        if old is not None:
            old.close()
            old.deleteLater()
        self.window.show()
        # The full check reads the whole file: it waits until the first screen has loaded,
        # and the start-up smoke test (which exits once painted) leaves it out.
        if self.interactive:
            QTimer.singleShot(FULL_CHECK_DELAY_MS, self.window.check_notebook)
        if self.offer_resume:
            QTimer.singleShot(0, self.window.offer_resume)

    def _on_restore_requested(self, backup: Path | None) -> None:
        """Restore a chosen backup, or (None) the newest one that is whole."""
        assert self.store is not None
        try:
            if backup is None:
                restored, used = restore_latest_good(self.store)
                done = f"Restored the backup from {date_and_time(used.taken_at)}."
            else:
                restored = self._restore_asking(Path(backup))
                if restored is None:
                    return
                done = "Restored the backup."
        except RestoreFailed as exc:
            self._show(exc.store)
            dialogs.show_error(self.window, "Couldn't restore", str(exc))
            return
        except StoreError as exc:
            dialogs.show_error(self.window, "Couldn't restore", str(exc))
            return
        self._show(restored)
        self.window.statusBar().showMessage(done, 8000)

    def _restore_asking(self, backup: Path) -> Store | None:
        """Restore one backup, asking for its passphrase when the notebook's doesn't open it."""
        passphrase, problem = None, None
        while True:
            try:
                return restore_backup(self.store, backup, passphrase)
            except (PassphraseNeeded, WrongPassphrase) as exc:
                problem = str(exc) if isinstance(exc, WrongPassphrase) else None
                passphrase = passphrase_dialog.ask_passphrase(
                    self.window,
                    "This backup is protected",
                    f"The backup “{backup.name}” was encrypted with a passphrase. Type it to "
                    "restore the backup.",
                    problem,
                )
                if passphrase is None:
                    return None

    def _on_protection_requested(self, action: str) -> None:
        """Protect, change the passphrase or remove protection, then show the notebook again."""
        assert self.store is not None and self.window is not None
        flow = ProtectionFlow(self.window, self.store)
        outcome = flow.run(action)
        if outcome is None:
            return
        self._show(outcome.store)
        if outcome.error:
            dialogs.show_error(self.window, "Nothing was changed", outcome.error)
        else:
            self.window.statusBar().showMessage(outcome.done, 10000)

    def _on_switch_requested(self, which: str) -> None:
        target = sample_db_path() if which == "sample" else default_db_path()
        current = self.store
        if current is None or current.path == target:
            return
        self.window.save_window_state()
        current.close()
        if not self.open(target):
            reopened = self._open_store(current.path)
            if reopened is not None:
                self._show(reopened)

    def shutdown(self) -> None:
        QThreadPool.globalInstance().waitForDone()  # a backup in flight finishes first
        if self.store is not None:
            self.store.close()
            self.store = None


ICONS = Path(__file__).resolve().parents[3] / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The Coachbook icon at every drawn size (files are read only when a size is shown)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(ICONS / f"coachbook-{size}.png"), QSize(size, size))
    return icon


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The same names as app.paths, so Qt's AppLocalDataLocation is the data folder.
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName("Coachbook")
    app.setDesktopFileName("coachbook")  # Linux: matches packaging/coachbook.desktop
    app.setWindowIcon(app_icon())
    apply_saved_theme()  # Settings ▸ Theme, before the first window is drawn
    return app


def run_app(
    path: Path | None,
    startup_check: bool = False,
    inspection: BackgroundInspection | None = None,
    passphrase: str | None = None,
) -> int:
    """Start the desktop app on `path` (None: the last notebook, or ask on first run).

    `passphrase` (from --passphrase-file or $COACHBOOK_PASSPHRASE_FILE) opens a protected
    notebook without asking; otherwise the app asks.
    """
    app = create_application()
    controller = NotebookController(app)
    crash_handler = CrashHandler(
        lambda: controller.store.path if controller.store else None,
        protected=lambda: bool(controller.store and controller.store.protected),
    )
    crash_handler.install()
    controller.offer_resume = not startup_check
    controller.interactive = not startup_check
    controller.passphrase = passphrase
    notice = data_folder_notice()
    if notice and not startup_check:
        dialogs.show_info(None, "Coachbook's data folder", notice)
    chosen = path or controller.choose_path(startup_check)
    if chosen is None:
        return 0
    if not controller.open(chosen, inspection):
        return 1
    QTimer.singleShot(0, clean_leftover_exports)  # what a killed export left, once painted
    if startup_check:
        app.processEvents()
        controller.window.grab()
        controller.window.close()
        controller.shutdown()
        return 0
    app.aboutToQuit.connect(controller.shutdown)
    return app.exec()
