"""Coaching notes on a cycle or one of its sessions, private unless marked shareable."""

import uuid

from app.models import CoachingCycle, CycleSession, Note, utc_now
from app.services.errors import NotFound, ValidationError
from app.services.records import live, restore
from app.store import Store


def add_note(
    store: Store,
    body: str,
    *,
    cycle_id: uuid.UUID,
    session_id: uuid.UUID | None = None,
    is_private: bool = True,
) -> uuid.UUID:
    """A coaching note, private unless marked shareable."""
    if not body.strip():
        raise ValidationError({"body": "The note is empty; type something to keep."})
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        if session_id is not None:
            visit = live(session, CycleSession, session_id, "session")
            if visit.cycle_id != cycle.id:
                raise NotFound("That session belongs to another cycle.")
        note = Note(
            body=body,
            is_private=is_private,
            cycle_id=cycle.id,
            session_id=session_id,
            teacher_id=cycle.teacher_id,
        )
        session.add(note)
        return note.id


def set_note_private(store: Store, note_id: uuid.UUID, is_private: bool) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").is_private = is_private


def delete_note(store: Store, note_id: uuid.UUID) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").deleted_at = utc_now()


def restore_note(store: Store, note_id: uuid.UUID) -> None:
    restore(store, Note, note_id, "note")
