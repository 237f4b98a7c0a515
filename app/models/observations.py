"""Lesson observations and their time-on-task sweeps."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, text
from sqlmodel import Field

from app.models.base import Record, utc_now


class ActivityFormat(StrEnum):
    WHOLE_GROUP = "whole_group"
    SMALL_GROUP = "small_group"
    INDEPENDENT = "independent"
    TRANSITION = "transition"


class PicratEngagement(StrEnum):
    PASSIVE = "passive"
    INTERACTIVE = "interactive"
    CREATIVE = "creative"


class PicratUse(StrEnum):
    REPLACEMENT = "replacement"
    AMPLIFICATION = "amplification"
    TRANSFORMATION = "transformation"


class SamrLevel(StrEnum):
    SUBSTITUTION = "substitution"
    AUGMENTATION = "augmentation"
    MODIFICATION = "modification"
    REDEFINITION = "redefinition"


class Observation(Record, table=True):
    __tablename__ = "observation"

    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    cycle_id: uuid.UUID | None = Field(default=None, foreign_key="coaching_cycle.id", index=True)
    session_id: uuid.UUID | None = Field(default=None, foreign_key="cycle_session.id")
    observed_on: date = Field(index=True)
    period: str = ""
    lesson: str = ""
    students_present: int | None = None
    interval_minutes: int = 5
    technology: str = ""
    picrat_engagement: str | None = Field(default=None, max_length=16)
    picrat_use: str | None = Field(default=None, max_length=16)
    samr_level: str | None = Field(default=None, max_length=16)
    notes: str = ""
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    ended_at: datetime | None = None


# One live sweep per mark: a replaced or undone sweep is soft-deleted, so it may repeat.
LIVE_SWEEP_INDEX = "uq_observation_interval_live_index"


class ObservationInterval(Record, table=True):
    __tablename__ = "observation_interval"
    __table_args__ = (
        Index(
            LIVE_SWEEP_INDEX,
            "observation_id",
            "index",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    observation_id: uuid.UUID = Field(foreign_key="observation.id", index=True)
    index: int
    minute: int
    on_task: int
    present: int
    activity_format: str | None = Field(default=None, max_length=16)
    note: str = ""
    recorded_at: datetime = Field(default_factory=utc_now)


def interval_pct(on_task: int, present: int) -> float | None:
    return None if present <= 0 else 100.0 * on_task / present


def time_on_task_pct(sweeps: Iterable[tuple[int, int]]) -> float | None:
    """Weighted by students: sum of on-task over sum of present, sweeps with nobody left out."""
    on_task_total = present_total = 0
    for on_task, present in sweeps:
        if present > 0:
            on_task_total += on_task
            present_total += present
    return None if present_total == 0 else 100.0 * on_task_total / present_total
