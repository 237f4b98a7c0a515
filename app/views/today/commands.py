"""The undo steps for session changes made from Today: mark done, reschedule."""

import uuid
from dataclasses import dataclass
from datetime import date

from app.services.cycles import SessionDone, complete_session, move_session, reopen_session
from app.store import Store
from app.views.common.operations import UndoSteps


@dataclass(frozen=True)
class Slot:
    """Where and when a session happens."""

    day: date
    period: str
    room: str


def complete_steps(
    store: Store, session_id: uuid.UUID, phrase: str, done: SessionDone
) -> UndoSteps:
    return UndoSteps(
        f"Mark {phrase} done",
        undo=lambda: reopen_session(store, session_id),
        redo=lambda: complete_session(store, session_id, done),
    )


def move_steps(
    store: Store, session_id: uuid.UUID, phrase: str, before: Slot, after: Slot
) -> UndoSteps:
    def move(slot: Slot) -> None:
        move_session(store, session_id, slot.day, slot.period, slot.room)

    return UndoSteps(f"Reschedule {phrase}", undo=lambda: move(before), redo=lambda: move(after))
