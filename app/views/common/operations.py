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
Tell = Callable[[str], None]


@dataclass(frozen=True)
class UndoSteps:
    """How to take a write back: `text` names it in the Edit menu ("Delete the note"); the
    status bar then says `undone`/`redone`, by default "Undid: delete the note."; `after`
    redraws what only an undo or redo changes (a write draws its own result)."""

    text: str
    undo: Callable[[], object]
    redo: Callable[[], object]
    undone: str | None = None
    redone: str | None = None
    after: Callable[[], None] | None = None

    def command(self, report: Tell) -> WrittenCommand:
        """The already-done command for the undo stack; `report` gets each outcome's words."""
        return WrittenCommand(
            self.text,
            self.undo,
            self.redo,
            report,
            self.after or (lambda: None),
            undone=self.undone,
            redone=self.redone,
        )


def write_op(
    context: ScreenContext,
    parent: QWidget,
    *,
    write: Callable[[], T],
    failure: str | Callable[[CoachbookError], str],
    kinds: tuple[str, ...] = (),
    status: str | Callable[[T], str] = "",
    undo: UndoSteps | None = None,
    refresh: Callable[[], None] | None = None,
    done: Tell | None = None,
) -> bool:
    """Run `write()`; on a CoachbookError show the reason under the title `failure` (or
    `failure(exc)`), `refresh()`, and return False. Otherwise tell what was done (see
    `wrote`) and return True; `status` may be a function of what `write()` returned."""
    try:
        result = write()
    except CoachbookError as exc:
        dialogs.show_error(parent, failure(exc) if callable(failure) else failure, str(exc))
        if refresh is not None:
            refresh()
        return False
    wrote(
        context,
        parent,
        kinds=kinds,
        status=status(result) if callable(status) else status,
        undo=undo,
        refresh=refresh,
        done=done,
    )
    return True


def wrote(
    context: ScreenContext,
    parent: QWidget,
    *,
    kinds: tuple[str, ...] = (),
    status: str = "",
    undo: UndoSteps | None = None,
    refresh: Callable[[], None] | None = None,
    done: Tell | None = None,
) -> None:
    """After a write that succeeded (run by write_op, or by a form that shows its own field
    messages): push `undo` as already done, `refresh()` what `parent` shows, announce `kinds`
    with `parent` as the initiator and put `status` in the status bar. Each later undo and
    redo does the same with its own words. A view inside a screen passes `done` instead of
    kinds: `done(message)` hands the outcome to its screen, which announces and says it."""
    tell = done or _announcer(context, parent, kinds)

    def finish(message: str) -> None:
        if refresh is not None:
            refresh()
        tell(message)

    if undo is not None:
        context.undo_stack.push(undo.command(finish))
    finish(status)


def _announcer(context: ScreenContext, parent: QWidget, kinds: tuple[str, ...]) -> Tell:
    def tell(message: str) -> None:
        if kinds:
            context.events.announce(*kinds, source=parent)
        if message:
            context.events.sig_status_message.emit(message)

    return tell
