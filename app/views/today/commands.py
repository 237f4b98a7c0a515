"""Undoable session changes made from Today: mark done, reschedule.

The screen performs the change first (so a failure is shown and nothing is pushed); the
command's first redo is then skipped, and later undo/redo report failures instead of raising.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QUndoCommand

from app.services.cycles import SessionDone, complete_session, move_session, reopen_session
from app.services.errors import NotFound, ValidationError
from app.store import Store, StoreError

Report = Callable[[str], None]


@dataclass(frozen=True)
class Slot:
    """Where and when a session happens."""

    day: date
    period: str
    room: str


class _SessionCommand(QUndoCommand):
    def __init__(self, text: str, store: Store, session_id: uuid.UUID, report: Report):
        super().__init__(text)
        self._store = store
        self._session_id = session_id
        self._report = report
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(self._do, f"Redid: {self.text()}.")

    def undo(self) -> None:
        self._apply(self._undo, f"Undid: {self.text()}.")

    def _apply(self, action: Callable[[], None], message: str) -> None:
        try:
            action()
        except (StoreError, NotFound, ValidationError) as exc:
            self._report(f"Couldn't {self.text()[0].lower()}{self.text()[1:]}: {exc}")
        else:
            self._report(message)

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CompleteSessionCommand(_SessionCommand):
    def __init__(
        self, store: Store, session_id: uuid.UUID, phrase: str, done: SessionDone, report: Report
    ):
        super().__init__(f"Mark {phrase} done", store, session_id, report)
        self._done = done

    def _do(self) -> None:
        complete_session(self._store, self._session_id, self._done)

    def _undo(self) -> None:
        reopen_session(self._store, self._session_id)


class MoveSessionCommand(_SessionCommand):
    def __init__(
        self,
        store: Store,
        session_id: uuid.UUID,
        phrase: str,
        before: Slot,
        after: Slot,
        report: Report,
    ):
        super().__init__(f"Reschedule {phrase}", store, session_id, report)
        self._before, self._after = before, after

    def _move(self, slot: Slot) -> None:
        move_session(self._store, self._session_id, slot.day, slot.period, slot.room)

    def _do(self) -> None:
        self._move(self._after)

    def _undo(self) -> None:
        self._move(self._before)
