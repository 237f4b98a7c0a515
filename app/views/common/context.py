"""What every screen is built from: the notebook, the change signal, the undo stack, the clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from PySide6.QtGui import QUndoStack

from app.store import Store
from app.views.common.events import AppEvents


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ScreenContext:
    store: Store
    events: AppEvents = field(default_factory=AppEvents)
    undo_stack: QUndoStack = field(default_factory=QUndoStack)
    today: Callable[[], date] = date.today
    now: Callable[[], datetime] = _utc_now


class TakesContext:
    """Mixed into a widget built from a ScreenContext: keeps it, and its notebook and clock,
    at hand as `_context`, `_store`, `_today` and `_now`."""

    def _take_context(self, context: ScreenContext) -> None:
        self._context = context
        self._store = context.store
        self._today = context.today
        self._now = context.now
