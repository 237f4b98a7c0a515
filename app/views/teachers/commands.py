"""Undoable roster changes for the app's undo stack.

The screen performs the change first (so a failure is shown and nothing is pushed); the
command's first redo is then skipped, and later undo/redo report failures instead of raising.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.services.errors import NotFound
from app.services.teachers import TeacherRow, delete_teacher, restore_teacher, set_archived
from app.store import Store, StoreError

Report = Callable[[str], None]


class _RosterCommand(QUndoCommand):
    def __init__(self, text: str, report: Report):
        super().__init__(text)
        self._report = report
        self._first_redo = True

    def _apply(self, action: Callable[[], None], message: str) -> None:
        try:
            action()
        except (StoreError, NotFound) as exc:
            self._report(f"Couldn't {self.text().lower()}: {exc}")
        else:
            self._report(message)


class DeleteTeacherCommand(_RosterCommand):
    def __init__(self, store: Store, teacher: TeacherRow, report: Report):
        super().__init__(f"Delete {teacher.name}", report)
        self._store, self._teacher = store, teacher

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(
            lambda: delete_teacher(self._store, self._teacher.id), f"Deleted {self._teacher.name}."
        )

    def undo(self) -> None:
        self._apply(
            lambda: restore_teacher(self._store, self._teacher.id),
            f"Restored {self._teacher.name}.",
        )


class ArchiveTeacherCommand(_RosterCommand):
    def __init__(self, store: Store, teacher: TeacherRow, archived: bool, report: Report):
        super().__init__(f"{'Archive' if archived else 'Restore'} {teacher.name}", report)
        self._store, self._teacher, self._archived = store, teacher, archived

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(
            lambda: set_archived(self._store, self._teacher.id, self._archived),
            f"Redid: {self.text()}.",
        )

    def undo(self) -> None:
        self._apply(
            lambda: set_archived(self._store, self._teacher.id, not self._archived),
            f"Undid: {self.text()}.",
        )
