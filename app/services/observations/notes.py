"""Evidence notes: time-stamped, private unless marked shareable, jotted during or after.

A note written during a live lesson keeps the lesson clock's minute (pauses left out) from
the moment it was written; a note written after the lesson ended has no minute.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from app.models import Note, Observation
from app.models.base import as_utc
from app.services.errors import ValidationError
from app.services.observations.live import clock_state
from app.services.records import live, restore
from app.store import Store


@dataclass(frozen=True)
class EvidenceNote:
    """A time-stamped evidence note jotted during (or after) the lesson."""

    id: uuid.UUID
    body: str
    is_private: bool
    created_at: datetime
    # The lesson clock's minute when it was written (pauses left out); None when written
    # after the lesson, or for a lesson typed in from paper.
    minute: int | None
    # Written once the live lesson had ended (a paper lesson's notes are not "after").
    after_lesson: bool = False


def add_observation_note(
    store: Store,
    observation_id: uuid.UUID,
    body: str,
    now: datetime,
    is_private: bool = True,
) -> EvidenceNote:
    """A time-stamped evidence note, committed at once; private unless marked shareable."""
    if not body.strip():
        raise ValidationError({"body": "The note is empty; type what you saw, then Enter."})
    now = as_utc(now)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        note = Note(
            body=body.strip(),
            is_private=is_private,
            observation_id=obs.id,
            teacher_id=obs.teacher_id,
            cycle_id=obs.cycle_id,
            session_id=obs.session_id,
            lesson_minute=lesson_minute(obs, now),
            created_at=now,
            updated_at=now,
        )
        session.add(note)
        return _evidence_note(note, obs)


def lesson_minute(obs: Observation, now: datetime) -> int | None:
    """The live clock's minute at `now`, never past the lesson's length; None once it ended."""
    if obs.started_at is None:
        return None
    if obs.ended_at is not None and as_utc(now) > as_utc(obs.ended_at):
        return None
    return clock_state(obs, (), now).elapsed_seconds // 60


def list_observation_notes(store: Store, observation_id: uuid.UUID) -> list[EvidenceNote]:
    """The observation's notes, oldest first."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        notes = session.exec(
            select(Note)
            .where(Note.observation_id == obs.id, col(Note.deleted_at).is_(None))
            .order_by(col(Note.created_at), col(Note.id))
        ).all()
        return [_evidence_note(note, obs) for note in notes]


def set_observation_note_private(store: Store, note_id: uuid.UUID, is_private: bool) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").is_private = is_private


def delete_observation_note(store: Store, note_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_observation_note`)."""
    with store.session() as session:
        live(session, Note, note_id, "note").deleted_at = as_utc(now)


def restore_observation_note(store: Store, note_id: uuid.UUID) -> None:
    restore(store, Note, note_id, "note")


def _evidence_note(note: Note, obs: Observation) -> EvidenceNote:
    return EvidenceNote(
        note.id,
        note.body,
        note.is_private,
        as_utc(note.created_at),
        note.lesson_minute,
        after_lesson=note.lesson_minute is None and obs.started_at is not None,
    )
