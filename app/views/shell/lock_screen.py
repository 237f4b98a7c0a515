"""Lock after idle: a protected notebook's window hides every screen after a time without
input, until the passphrase is typed again. Never while a lesson is being recorded."""

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout, QWidget

from app.views.common.widgets import FieldMessage, heading, muted
from app.views.shell.passphrase_dialog import CAPS_LOCK_HINT, PassphraseField, _CapsLockWatch

CHECK_EVERY_MS = 15_000
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def _keep_whole(label, width: int) -> None:
    """A wrapped label in a fixed column keeps the height of all its lines."""
    label.setMinimumHeight(label.heightForWidth(width))


class LockDialog(QDialog):
    """Covers the window; only the right passphrase closes it."""

    def __init__(self, matches: Callable[[str], bool], notebook_name: str, parent=None):
        super().__init__(parent)
        self._matches = matches
        self.setWindowTitle("Coachbook is locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.field = PassphraseField("Passphrase")
        self.caps_hint = muted(CAPS_LOCK_HINT)
        self.caps_hint.hide()
        self.message = FieldMessage()
        self.message.setAccessibleName("Unlock message")
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setDefault(True)
        intro = muted(
            f"“{notebook_name}” was locked after a while without use. Type its passphrase "
            "to go on; nothing you saved is lost."
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # One column of fixed width in the middle, so the wrapped text keeps its lines.
        card = QWidget()
        card.setFixedWidth(440)
        column = QVBoxLayout(card)
        column.setSpacing(10)
        column.addWidget(heading("Coachbook is locked", 6), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(intro)
        column.addWidget(self.field)
        column.addWidget(self.caps_hint)
        column.addWidget(self.message)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        _keep_whole(intro, 440 - 22)
        self._caps = _CapsLockWatch(self.caps_hint, self)
        self.field.edit.installEventFilter(self._caps)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.field.edit.returnPressed.connect(self._on_unlock)

    def _on_unlock(self) -> None:
        if self._matches(self.field.text()):
            self.field.edit.clear()
            self.accept()
            return
        self.field.edit.selectAll()
        self.message.show_message(
            "That passphrase doesn't open this notebook. Check it (is Caps Lock on?) and try again."
        )

    def reject(self) -> None:
        """Escape and the close button leave it locked."""

    def closeEvent(self, event) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()


class IdleLock(QObject):
    """Watches the app's input; locks the window after `minutes()` minutes without any."""

    sig_locked = Signal()
    sig_unlocked = Signal()

    def __init__(
        self,
        window,
        minutes: Callable[[], int],
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(window)
        self._window = window
        self._minutes = minutes
        self._clock = clock
        self._last_input = clock()
        self.dialog: LockDialog | None = None
        self._moved: list[tuple[object, object]] = []
        QApplication.instance().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _INPUT_EVENTS and not self.locked:
            self._last_input = self._clock()
        return False

    def check(self) -> None:
        """Lock now if the time without input has passed (and locking is allowed)."""
        minutes = self._minutes()
        if self.locked or minutes <= 0 or not self._window.store.protected:
            return
        if self._window.is_recording():
            self._last_input = self._clock()  # the lesson counts as use
            return
        if self._clock() - self._last_input >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        window = self._window
        # Open forms and dialogs are moved out of sight, not closed: what the coach was
        # typing is still there after unlocking.
        self._moved = []
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                self._moved.append((widget, widget.pos()))
                widget.move(-30000, -30000)
        window.set_content_hidden(True)
        self.dialog = LockDialog(window.store.passphrase_matches, window.store.path.name, window)
        self.dialog.setGeometry(window.geometry())
        self.dialog.accepted.connect(self._on_unlocked)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.field.edit.setFocus()
        self.sig_locked.emit()

    def _on_unlocked(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._window.set_content_hidden(False)
        for widget, position in self._moved:
            widget.move(position)
        self._moved = []
        self._last_input = self._clock()
        self.sig_unlocked.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
