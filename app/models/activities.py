"""The activity log: PD sessions given and informal contacts."""

import uuid
from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record


class ActivityKind(StrEnum):
    PD_SESSION = "pd_session"
    INFORMAL_CONTACT = "informal_contact"


class Activity(Record, table=True):
    __tablename__ = "activity"

    kind: str = Field(max_length=20, index=True)
    occurred_on: date = Field(index=True)
    topic: str = ""
    audience: str = ""
    teacher_id: uuid.UUID | None = Field(default=None, foreign_key="teacher.id")
    minutes: int = 0
    attendees: int | None = None
    feedback_score: float | None = None
    notes: str = ""
