"""How roster changes are taken back: the undo steps for deleting and archiving a teacher."""

from app.services.teachers import TeacherRow, delete_teacher, restore_teacher, set_archived
from app.store import Store
from app.views.common.operations import UndoSteps


def delete_steps(store: Store, teacher: TeacherRow) -> UndoSteps:
    return UndoSteps(
        f"Delete {teacher.name}",
        undo=lambda: restore_teacher(store, teacher.id),
        redo=lambda: delete_teacher(store, teacher.id),
        undone=f"Restored {teacher.name}.",
        redone=f"Deleted {teacher.name}.",
    )


def archive_steps(store: Store, teacher: TeacherRow, archived: bool) -> UndoSteps:
    return UndoSteps(
        f"{'Archive' if archived else 'Restore'} {teacher.name}",
        undo=lambda: set_archived(store, teacher.id, not archived),
        redo=lambda: set_archived(store, teacher.id, archived),
    )
