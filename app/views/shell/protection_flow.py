"""Protect with a passphrase, change it, remove it: the questions, then the conversion behind
a progress dialog. The notebook is then shown again in a new window."""

from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.backups import is_protected_file, list_backups
from app.store import (
    ProtectionFailed,
    Store,
    StoreError,
    change_passphrase,
    protect,
    remove_protection,
)
from app.views.common import dialogs
from app.views.shell import passphrase_dialog

ENCRYPT_BACKUPS, DELETE_BACKUPS = "Encrypt them too", "Delete them"
KEEP_BACKUPS_ENCRYPTED, DECRYPT_BACKUPS = "Keep the backups encrypted", "Make them plain too"


@dataclass
class ProtectionOutcome:
    """The notebook to show now, and what to tell the coach."""

    store: Store
    done: str = ""
    error: str | None = None


class ProtectionFlow:
    def __init__(self, window, store: Store):
        self.window = window
        self.store = store

    def run(self, action: str) -> ProtectionOutcome | None:
        """None when the coach cancelled (nothing changed, the window stays)."""
        if self.window.is_recording():
            dialogs.show_error(
                self.window,
                "A lesson is being recorded",
                "End the observation you are recording first, then try again.",
            )
            return None
        steps = {"protect": self._protect, "change": self._change, "remove": self._remove}
        return steps[action]()

    def _protect(self) -> ProtectionOutcome | None:
        passphrase = passphrase_dialog.ask_new_passphrase(
            self.window,
            "Protect with a passphrase",
            "Coachbook will encrypt this notebook and its backups with a passphrase, and ask "
            "for it each time the notebook opens. Exports (PDF, CSV) stay plain, since they "
            "are made to be shared.",
            "Protect",
        )
        if passphrase is None:
            return None
        mode = "encrypt"
        plain = [b for b in list_backups(self.store.path) if not is_protected_file(b.path)]
        if plain:
            choice = dialogs.choose(
                self.window,
                "The plain backups",
                f"This notebook has {len(plain)} backups made before it was protected. "
                "Encrypt them with the same passphrase, or delete them? Either way no plain "
                "copy stays beside the notebook.",
                [ENCRYPT_BACKUPS, DELETE_BACKUPS],
            )
            if choice is None:
                return None
            mode = "delete" if choice == DELETE_BACKUPS else "encrypt"
        return self._convert(
            lambda: protect(self.store, passphrase, plain_backups=mode),
            "Encrypting the notebook and its backups…",
            "Protected: the notebook and its backups are encrypted with your passphrase.",
        )

    def _current_passphrase(self, title: str) -> bool:
        """Asks for the passphrase in use now, until it is right or the coach cancels."""
        problem = None
        while True:
            typed = passphrase_dialog.ask_passphrase(
                self.window, title, "First type the passphrase you use now.", problem
            )
            if typed is None:
                return False
            if self.store.passphrase_matches(typed):
                return True
            problem = "That isn't this notebook's passphrase. Check it (is Caps Lock on?)."

    def _change(self) -> ProtectionOutcome | None:
        if not self._current_passphrase("Change passphrase"):
            return None
        new = passphrase_dialog.ask_new_passphrase(
            self.window,
            "Change passphrase",
            "Type the new passphrase. The backups are encrypted with it too.",
            "Change passphrase",
        )
        if new is None:
            return None
        return self._convert(
            lambda: change_passphrase(self.store, new),
            "Changing the passphrase of the notebook and its backups…",
            "The passphrase was changed for the notebook and its backups.",
        )

    def _remove(self) -> ProtectionOutcome | None:
        if not dialogs.confirm(
            self.window,
            "Remove protection?",
            "The notebook will be plain again: anyone who has this laptop could read your "
            "notes about teachers.",
            "Remove protection",
        ):
            return None
        if not self._current_passphrase("Remove protection"):
            return None
        choice = dialogs.choose(
            self.window,
            "And the backups?",
            "The backups can stay encrypted (restoring one asks for this passphrase), or be "
            "made plain too.",
            [KEEP_BACKUPS_ENCRYPTED, DECRYPT_BACKUPS],
        )
        if choice is None:
            return None
        decrypt = choice == DECRYPT_BACKUPS
        return self._convert(
            lambda: remove_protection(self.store, decrypt_backups=decrypt),
            "Removing the passphrase…",
            "Protection removed: the notebook is plain again.",
        )

    def _convert(self, work, working: str, done: str) -> ProtectionOutcome:
        """Runs on the GUI thread on purpose: while the file is swapped nothing else may open
        it, and an event loop would let a screen's timer read the notebook meanwhile."""
        self.window.stop_timers()
        progress = QProgressDialog(working, "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.show()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        # A backup or a screen's load in flight finishes first; no event runs after this.
        QThreadPool.globalInstance().waitForDone()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store = work()
        except ProtectionFailed as exc:
            return ProtectionOutcome(exc.store, error=str(exc))
        except StoreError as exc:
            # Refused before anything changed (damage found, a passphrase too short).
            return ProtectionOutcome(self.store, error=str(exc))
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        message = f"{done} {store.backup_problem}" if store.backup_problem else done
        return ProtectionOutcome(store, done=message)
