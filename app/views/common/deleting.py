"""Deleting with an undo: the delete runs now and again on each redo; restore takes it back."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.views.common.context import ScreenContext
from app.views.common.operations import UndoSteps, write_op


def delete_op(
    context: ScreenContext,
    parent: QWidget,
    *,
    delete: Callable[[], object],
    restore: Callable[[], object],
    text: str,
    status: str,
    failure: str = "Not deleted",
    undone: str | None = None,
    redone: str | None = None,
    **rest,
) -> bool:
    """Run `delete()` through write_op, with the undo step `text` (see UndoSteps) that calls
    `restore()`; `rest` (kinds, refresh, done) goes on to write_op."""
    return write_op(
        context,
        parent,
        write=delete,
        failure=failure,
        status=status,
        undo=UndoSteps(text, undo=restore, redo=delete, undone=undone, redone=redone),
        **rest,
    )
