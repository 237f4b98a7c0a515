"""Asking for a notebook's passphrase: to open or unlock it, or a new one to protect it.

`ask_passphrase` and `ask_new_passphrase` are the seam tests replace, as they replace
app.views.common.dialogs.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store import passphrase_problem
from app.views.common.widgets import FieldMessage, heading, muted

FORGET_WARNING = (
    "Write the passphrase down and keep it somewhere safe. If it is forgotten, nobody — not "
    "you, not your district, not Coachbook — can open this notebook or its backups again: "
    "everything in it is lost."
)
CAPS_LOCK_HINT = "Caps Lock seems to be on."


class _CapsLockWatch(QObject):
    """Guesses Caps Lock from typed letters (Qt can't ask the keyboard): an upper-case
    letter without Shift, or a lower-case one with it."""

    def __init__(self, hint: QLabel, parent=None):
        super().__init__(parent)
        self._hint = hint

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._hint.setVisible(text.isupper() != shift)
        return False


class PassphraseField(QWidget):
    """A password field with a Show button."""

    def __init__(self, accessible_name: str, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMinimumWidth(280)
        self.show_button = QPushButton("Show")
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(f"Show {accessible_name.lower()}")
        self.show_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Enter in the field means Open or Unlock, never Show.
        self.show_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.show_button.toggled.connect(self._on_show_toggled)

    def text(self) -> str:
        return self.edit.text()

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText("Hide" if shown else "Show")


class PassphraseDialog(QDialog):
    """One passphrase (open, unlock) or a new one typed twice (protect, change)."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        action: str = "Open",
        new: bool = False,
        problem: str | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.new = new
        self.passphrase: str | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._build_layout(title, text, action)
        self._connect_signals()
        self.message.show_message(problem)

    def _build_layout(self, title: str, text: str, action: str) -> None:
        self.field = PassphraseField("New passphrase" if self.new else "Passphrase")
        self.repeat = PassphraseField("Passphrase again")
        self.caps_hint = muted(CAPS_LOCK_HINT)
        self.caps_hint.setAccessibleName("Caps Lock hint")
        self.caps_hint.hide()
        self.message = FieldMessage()
        self.message.setAccessibleName("Passphrase message")
        self.understood = QCheckBox("I understand a forgotten passphrase can't be recovered")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter means the action, whichever button had focus last (Cancel would take it).
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading(title, 4))
        intro = muted(text)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow("&Passphrase" if not self.new else "&New passphrase", self.field)
        if self.new:
            form.addRow("&Again", self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.caps_hint)
        layout.addWidget(self.message)
        if self.new:
            warning = QLabel(FORGET_WARNING)
            warning.setWordWrap(True)
            warning.setTextFormat(Qt.TextFormat.PlainText)
            warning.setAccessibleName("Forgotten passphrase warning")
            layout.addWidget(warning)
            layout.addWidget(self.understood)
        layout.addWidget(self.buttons)
        self.field.edit.setFocus()

    def _connect_signals(self) -> None:
        self._caps = _CapsLockWatch(self.caps_hint, self)
        for field in (self.field, self.repeat):
            field.edit.installEventFilter(self._caps)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def _on_accept(self) -> None:
        typed = self.field.text()
        if not typed:
            self.message.show_message("Type the passphrase.")
            return
        if self.new:
            problem = passphrase_problem(typed)
            if problem is None and self.repeat.text() != typed:
                problem = "The two passphrases differ; type the same one twice."
            if problem is None and not self.understood.isChecked():
                problem = "Tick the box to say you have kept the passphrase somewhere safe."
            if problem:
                self.message.show_message(problem)
                return
        self.passphrase = typed
        self.accept()


def ask_passphrase(parent, title: str, text: str, problem: str | None = None) -> str | None:
    """The passphrase typed, or None when the coach cancels."""
    dialog = PassphraseDialog(title, text, problem=problem, parent=parent)
    return dialog.passphrase if dialog.exec() else None


def ask_new_passphrase(parent, title: str, text: str, action: str) -> str | None:
    """A new passphrase typed twice, after the warning that it can't be recovered."""
    dialog = PassphraseDialog(title, text, action=action, new=True, parent=parent)
    return dialog.passphrase if dialog.exec() else None
