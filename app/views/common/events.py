"""The one app-wide change signal: after every write, callers announce which kinds of record
changed and which widget changed them."""

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """What a write changed: the kinds of record ("teachers", "cycles", "all", ...) and the
    widget that wrote, which has shown the change already and can skip reloading for it."""

    kinds: frozenset[str]
    initiator: QObject | None = None

    def touches(self, kinds: Iterable[str]) -> bool:
        """True when these changes concern any of `kinds` ("all" on either side concerns all)."""
        wanted = frozenset(kinds)
        return bool(self.kinds & wanted) or "all" in self.kinds or "all" in wanted


class AppEvents(QObject):
    sig_data_changed = Signal(object)  # a Changes
    sig_status_message = Signal(str)

    def announce(self, *kinds: str, source: QObject | None = None) -> None:
        """Emit `sig_data_changed(Changes(kinds, initiator=source))`."""
        self.sig_data_changed.emit(Changes(frozenset(kinds), source))
