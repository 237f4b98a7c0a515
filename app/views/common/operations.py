"""One way to write (like Anki's CollectionOp): run a service call, show a failure in words,
push the undo command, announce what changed and who changed it, and say what was done."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from app.errors import CoachbookError
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.undo import WrittenCommand

T = TypeVar("T")


@dataclass(frozen=True)
class UndoSteps:
    """How to take a write back: `text` names it in the Edit menu ("Delete the note"); the
    status bar then says `undone`/`redone`, by default "Undid: delete the note."."""

    text: str
    undo: Callable[[], object]
    redo: Callable[[], object]
    undone: str | None = None
    redone: str | None = None

    def command(self, report: Callable[[str], None]) -> WrittenCommand:
        """The already-done command for the undo stack; `report` gets each outcome's words."""
        return WrittenCommand(
            self.text, self.undo, self.redo, report, undone=self.undone, redone=self.redone
        )


def write_op(
    context: ScreenContext,
    parent: QWidget,
    *,
    write: Callable[[], T],
    failure: str,
    kinds: tuple[str, ...] = (),
    status: str | Callable[[T], str] = "",
    undo: UndoSteps | None = None,
    refresh: Callable[[], None] | None = None,
    done: Callable[[str], None] | None = None,
) -> T | None:
    """Run `write()`; on a CoachbookError show `failure` with the reason and return None.

    Then `refresh()` redraws what `parent` shows (also after a failure, and after each undo
    and redo), `undo` is pushed as already done, and the outcome is told: by default
    `kinds` are announced with `parent` as the initiator and `status` goes to the status bar;
    a view inside a screen passes `done` instead, and its screen announces and says it.
    """
    try:
        result = write()
    except CoachbookError as exc:
        dialogs.show_error(parent, failure, str(exc))
        if refresh is not None:
            refresh()
        return None
    tell = done or _announcer(context, parent, kinds)
    if undo is not None:
        context.undo_stack.push(undo.command(lambda message: _finish(refresh, tell, message)))
    _finish(refresh, tell, status(result) if callable(status) else status)
    return result


def _announcer(
    context: ScreenContext, parent: QWidget, kinds: tuple[str, ...]
) -> Callable[[str], None]:
    def tell(message: str) -> None:
        if kinds:
            context.events.announce(*kinds, source=parent)
        if message:
            context.events.sig_status_message.emit(message)

    return tell


def _finish(refresh: Callable[[], None] | None, tell: Callable[[str], None], message: str) -> None:
    if refresh is not None:
        refresh()
    tell(message)
