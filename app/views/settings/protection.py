"""Settings ▸ Protection: protect the notebook with a passphrase, change or remove it, and
how long the window waits before it locks. The lock time is kept on this computer."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox, QWidget

from app.views.common.qsettings import app_settings
from app.views.common.widgets import muted

LOCK_KEY = "security/lock_after_minutes"
DEFAULT_LOCK_MINUTES = 15
PROTECT, CHANGE, REMOVE = "protect", "change", "remove"


def lock_after_minutes() -> int:
    """Minutes without input before a protected notebook's window locks (0: never)."""
    try:
        value = int(app_settings().value(LOCK_KEY, DEFAULT_LOCK_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    return max(0, min(value, 240))


def save_lock_after_minutes(minutes: int) -> None:
    settings = app_settings()
    settings.setValue(LOCK_KEY, int(minutes))
    settings.sync()


class ProtectionPanel(QGroupBox):
    """The buttons ask the main window to act (`sig_action_requested`: protect, change or
    remove); the lock time is saved as soon as it changes."""

    sig_action_requested = Signal(str)

    def __init__(self, protected: bool, parent=None):
        super().__init__("Protection", parent)
        self.protected = protected
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.state = muted(
            "This notebook and its backups are encrypted with your passphrase."
            if self.protected
            else "This notebook is not protected: anyone who has this laptop can read it."
        )
        self.state.setAccessibleName("Protection state")
        self.protect_button = QPushButton("Protect with a passphrase…")
        self.change_button = QPushButton("Change passphrase…")
        self.remove_button = QPushButton("Remove protection…")
        self.protect_button.setVisible(not self.protected)
        self.change_button.setVisible(self.protected)
        self.remove_button.setVisible(self.protected)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.protect_button, self.change_button, self.remove_button):
            row.addWidget(button)
        row.addStretch()
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(" min")
        self.lock_minutes.setSpecialValueText("Never")
        self.lock_minutes.setValue(lock_after_minutes())
        self.lock_minutes.setEnabled(self.protected)
        self.lock_minutes.setAccessibleName("Lock after this many minutes without use")
        lock_note = muted(
            "Without input for this long, the window hides everything until the passphrase "
            "is typed again; never while you record a lesson."
        )
        export_note = muted("Exports (PDF and CSV) stay plain: they are made to be shared.")
        form = QFormLayout(self)
        form.addRow(self.state)
        form.addRow(buttons)
        form.addRow("&Lock after", self.lock_minutes)
        form.addRow(lock_note)
        form.addRow(export_note)

    def _connect_signals(self) -> None:
        self.protect_button.clicked.connect(lambda: self.sig_action_requested.emit(PROTECT))
        self.change_button.clicked.connect(lambda: self.sig_action_requested.emit(CHANGE))
        self.remove_button.clicked.connect(lambda: self.sig_action_requested.emit(REMOVE))
        self.lock_minutes.valueChanged.connect(save_lock_after_minutes)
