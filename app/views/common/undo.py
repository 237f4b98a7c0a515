"""The one undoable command: a change already saved when it is pushed, so its first redo is
skipped; later undo and redo report their outcome in words instead of raising."""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.errors import CoachbookError

Report = Callable[[str], None]


def mid_sentence(text: str) -> str:
    """How a command's text reads after "Undid: " ("delete the note")."""
    return text[:1].lower() + text[1:]


class WrittenCommand(QUndoCommand):
    """A change already saved: undo runs `undo_action`, redo runs `redo_action` again; each
    time `report` gets a message ("Undid: delete the note." or why it couldn't), then `after`
    runs."""

    def __init__(
        self,
        text: str,
        undo_action: Callable[[], object],
        redo_action: Callable[[], object],
        report: Report,
        after: Callable[[], None] = lambda: None,
        undone: str | None = None,
        redone: str | None = None,
    ):
        super().__init__(text)
        self._undo_action, self._redo_action = undo_action, redo_action
        self._report, self._after = report, after
        self._undone = undone or f"Undid: {mid_sentence(text)}."
        self._redone = redone or f"Redid: {mid_sentence(text)}."
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(self._redo_action, self._redone, "redo")

    def undo(self) -> None:
        self._apply(self._undo_action, self._undone, "undo")

    def _apply(self, action: Callable[[], object], message: str, verb: str) -> None:
        try:
            action()
        except CoachbookError as exc:
            message = f"Couldn't {verb} that: {exc}"
        self._report(message)
        self._after()
