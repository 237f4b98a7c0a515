"""The one app-wide change signal: after every write, callers emit `sig_data_changed(kind)`."""

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    sig_data_changed = Signal(str)
    sig_status_message = Signal(str)
