"""The one app-wide change signal: after every write, callers announce `sig_data_changed(kind)`."""

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    sig_data_changed = Signal(str)
    sig_status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changed_by: QObject | None = None

    def announce(self, kind: str, source: QObject | None = None) -> None:
        """Emit `sig_data_changed(kind)`. While handlers run, `changed_by` is the screen that
        wrote: it has reloaded already, so it can skip its own announcement."""
        self.changed_by = source
        try:
            self.sig_data_changed.emit(kind)
        finally:
            self.changed_by = None
