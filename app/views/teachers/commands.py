"""How archiving a teacher is taken back."""

from app.services.teachers import TeacherRow, set_archived
from app.store import Store
from app.views.common.operations import UndoSteps


def archive_steps(store: Store, teacher: TeacherRow, archived: bool) -> UndoSteps:
    return UndoSteps(
        f"{'Archive' if archived else 'Restore'} {teacher.name}",
        undo=lambda: set_archived(store, teacher.id, not archived),
        redo=lambda: set_archived(store, teacher.id, archived),
    )
