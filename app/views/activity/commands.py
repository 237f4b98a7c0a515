"""Undoable activity-log changes for the app's undo stack.

The screen deletes first (so a failure is shown and nothing is pushed); the command's first
redo is then skipped, and later undo/redo report failures instead of raising.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.models import ActivityKind
from app.services.activities import ActivityRow, delete_activity, restore_activity
from app.services.errors import NotFound
from app.store import Store, StoreError

Report = Callable[[str], None]
_IN_A_SENTENCE = {ActivityKind.PD_SESSION: "PD session", ActivityKind.INFORMAL_CONTACT: "contact"}


def describe(activity: ActivityRow) -> str:
    """How a message names an activity mid-sentence: PD session “Seesaw portfolios”."""
    topic = activity.topic if len(activity.topic) <= 60 else activity.topic[:59] + "…"
    return f"{_IN_A_SENTENCE.get(activity.kind, 'activity')} “{topic}”"


class DeleteActivityCommand(QUndoCommand):
    def __init__(self, store: Store, activity: ActivityRow, report: Report):
        super().__init__(f"Delete {describe(activity)}")
        self._store, self._activity, self._report = store, activity, report
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._apply(
            lambda: delete_activity(self._store, self._activity.id),
            "delete",
            f"Deleted the {describe(self._activity)}.",
        )

    def undo(self) -> None:
        self._apply(
            lambda: restore_activity(self._store, self._activity.id),
            "restore",
            f"Restored the {describe(self._activity)}.",
        )

    def _apply(self, action: Callable[[], None], verb: str, message: str) -> None:
        try:
            action()
        except (StoreError, NotFound) as exc:
            self._report(f"Couldn't {verb} the {describe(self._activity)}: {exc}")
        else:
            self._report(message)
