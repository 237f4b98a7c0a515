"""Coaching notes. Private by default: a private note never reaches a principal's report."""

import uuid

from sqlmodel import Field

from app.models.base import Record


class Note(Record, table=True):
    __tablename__ = "note"

    body: str = ""
    is_private: bool = True
    teacher_id: uuid.UUID | None = Field(default=None, foreign_key="teacher.id", index=True)
    cycle_id: uuid.UUID | None = Field(default=None, foreign_key="coaching_cycle.id", index=True)
    session_id: uuid.UUID | None = Field(default=None, foreign_key="cycle_session.id", index=True)
    observation_id: uuid.UUID | None = Field(default=None, foreign_key="observation.id", index=True)
    pilot_id: uuid.UUID | None = Field(default=None, foreign_key="pilot.id", index=True)
    # The live clock's minute (pauses left out) when an observation note was written during
    # the lesson; None for a note written after it, or on a lesson typed in from paper.
    lesson_minute: int | None = None
