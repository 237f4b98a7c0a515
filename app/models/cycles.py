"""Four-week coaching cycles after Knight's Impact Cycle, and their four sessions."""

import uuid
from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record


class CycleStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class CycleSessionKind(StrEnum):
    GOAL_SETTING = "goal_setting"
    MODEL_LESSON = "model_lesson"
    CO_TEACH = "co_teach"
    DEBRIEF = "debrief"


SESSION_ORDER = list(CycleSessionKind)
SESSION_LABELS = {
    CycleSessionKind.GOAL_SETTING: "Goal-setting conference",
    CycleSessionKind.MODEL_LESSON: "Model lesson",
    CycleSessionKind.CO_TEACH: "Co-teaching session",
    CycleSessionKind.DEBRIEF: "Reflective debrief",
}


class MeasureKind(StrEnum):
    TIME_ON_TASK = "time_on_task"
    QUIZ_SCORE = "quiz_score"
    EXIT_TICKET = "exit_ticket"
    CUSTOM = "custom"


class CycleOutcome(StrEnum):
    NEW_CYCLE = "new_cycle"
    EXTEND = "extend"
    CLOSE = "close"


class CoachingCycle(Record, table=True):
    __tablename__ = "coaching_cycle"

    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    start_date: date = Field(index=True)
    length_weeks: int = 4
    status: str = Field(default=CycleStatus.PLANNED, max_length=16, index=True)
    status_overridden: bool = False
    abandoned_reason: str = ""
    focus: str = ""
    goal: str = ""
    peers_powerful: bool = False
    peers_easy: bool = False
    peers_emotional: bool = False
    peers_reachable: bool = False
    peers_student_focused: bool = False
    learning_target: str = ""
    measure_kind: str = Field(default=MeasureKind.TIME_ON_TASK, max_length=16)
    measure_description: str = ""
    baseline_value: float | None = None
    target_value: float | None = None
    final_value: float | None = None
    goal_met: bool | None = None
    teacher_reflection: str = ""
    # The reflection is private to the coach unless ticked for the principal's reports.
    reflection_shareable: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    next_steps: str = ""
    outcome: str | None = Field(default=None, max_length=16)
    # The day the cycle was abandoned (None while it runs, and for cycles abandoned before
    # this was kept).
    stopped_on: date | None = None


class CycleSession(Record, table=True):
    __tablename__ = "cycle_session"

    cycle_id: uuid.UUID = Field(foreign_key="coaching_cycle.id", index=True)
    kind: str = Field(max_length=16)
    scheduled_date: date = Field(index=True)
    period: str = ""
    room: str = ""
    done_on: date | None = None
    duration_minutes: int | None = None
    next_steps: str = ""


def derive_cycle_status(done: list[bool]) -> CycleStatus:
    """A cycle is planned until a session is done, completed when all are done."""
    if done and all(done):
        return CycleStatus.COMPLETED
    if any(done):
        return CycleStatus.ACTIVE
    return CycleStatus.PLANNED


def is_session_overdue(scheduled: date, done_on: date | None, today: date) -> bool:
    return done_on is None and scheduled < today
