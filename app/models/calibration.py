"""A colleague's recording of a lesson the coach also swept, imported from an observation
file to check how well two observers agree. Kept apart from the coach's own observations, so
no trend, report or total ever counts it."""

import uuid
from datetime import date

from sqlmodel import Field

from app.models.base import Record


class ColleagueRecording(Record, table=True):
    __tablename__ = "colleague_recording"

    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    # The coach's own recording of the same lesson, when the notebook has one.
    observation_id: uuid.UUID | None = Field(default=None, foreign_key="observation.id", index=True)
    observer: str = ""
    observed_on: date
    period: str = ""
    interval_minutes: int = 5
    # A digest of the file's counts: the same recording is imported once.
    fingerprint: str = Field(default="", max_length=64, index=True)


class ColleagueSweep(Record, table=True):
    __tablename__ = "colleague_sweep"

    recording_id: uuid.UUID = Field(foreign_key="colleague_recording.id", index=True)
    index: int
    minute: int
    on_task: int
    present: int
    activity_format: str | None = Field(default=None, max_length=16)
