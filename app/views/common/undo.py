"""An undoable change that has already been saved: the screen writes first (so a failure
is shown and nothing is pushed), the first redo is skipped, and later undo/redo report a
failure instead of raising.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.services.errors import NotFound, Refused
from app.store import StoreError

Report = Callable[[str], None]


class WrittenCommand(QUndoCommand):
    """A change already saved: undo runs `undo_action`, redo runs `redo_action` again."""

    def __init__(
        self,
        text: str,
        undo_action: Callable[[], None],
        redo_action: Callable[[], None],
        report: Report,
        after: Callable[[], None] = lambda: None,
    ):
        super().__init__(text)
        self._undo_action, self._redo_action = undo_action, redo_action
        self._report, self._after = report, after
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(self._redo_action, f"Redid: {self.text()[:1].lower()}{self.text()[1:]}.")

    def undo(self) -> None:
        self._apply(self._undo_action, f"Undid: {self.text()[:1].lower()}{self.text()[1:]}.")

    def _apply(self, action: Callable[[], None], message: str) -> None:
        try:
            action()
        except (StoreError, NotFound, Refused) as exc:
            self._report(f"Couldn't change that back: {exc}")
        else:
            self._report(message)
        self._after()
