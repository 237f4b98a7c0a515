"""What every observation service shares: labels, limits, the lesson plan and the sweep row."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlmodel import Session, col, select

from app.models import (
    ActivityFormat,
    CoachingCycle,
    CycleSession,
    Observation,
    ObservationInterval,
    Teacher,
)
from app.models.base import as_utc
from app.models.observations import interval_pct
from app.services.errors import ValidationError
from app.services.records import live
from app.text import FORMAT_LABELS as FORMAT_LABELS
from app.text import SAMR_LABELS as SAMR_LABELS

MAX_STUDENTS = 200
MIN_INTERVAL, MAX_INTERVAL = 1, 30
# A sweep's minute, counted from the start of the lesson, falls within one day.
MAX_MINUTE = 24 * 60
FORMATS = frozenset(f.value for f in ActivityFormat)

INTERVALS = ObservationInterval.__table__


@dataclass
class ObservationStart:
    teacher_id: uuid.UUID
    observed_on: date
    period: str = ""
    lesson: str = ""
    students_present: int | None = None
    interval_minutes: int = 5
    technology: str = ""
    cycle_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None


@dataclass(frozen=True)
class SweepRow:
    id: uuid.UUID
    observation_id: uuid.UUID
    index: int
    minute: int
    on_task: int
    present: int
    activity_format: str | None
    note: str
    recorded_at: datetime
    pct: float | None


class TypedSweep(Protocol):
    """A row of the paper form or the sweep table, as the coach typed it."""

    minute: int | None
    on_task: int
    present: int
    activity_format: str | None


def plan_problems(plan: ObservationStart) -> dict[str, str]:
    problems = {}
    if plan.teacher_id is None:
        problems["teacher_id"] = "Pick the teacher you are observing."
    if plan.observed_on is None:
        problems["observed_on"] = "Pick the day of the lesson."
    if plan.students_present is not None and not 0 <= plan.students_present <= MAX_STUDENTS:
        problems["students_present"] = (
            f"Enter how many students are in the room, from 0 to {MAX_STUDENTS}, or leave it empty."
        )
    if not MIN_INTERVAL <= plan.interval_minutes <= MAX_INTERVAL:
        problems["interval_minutes"] = (
            f"Choose a sweep every {MIN_INTERVAL} to {MAX_INTERVAL} minutes (5 is usual)."
        )
    return problems


def new_observation(
    session: Session, plan: ObservationStart, started_at: datetime | None
) -> Observation:
    """Add the lesson (started live at `started_at`, or from paper with None) and flush it."""
    teacher = live(session, Teacher, plan.teacher_id, "teacher")
    cycle_id = checked_link(session, teacher.id, plan.cycle_id, plan.session_id)
    observation = Observation(
        teacher_id=teacher.id,
        cycle_id=cycle_id,
        session_id=plan.session_id,
        observed_on=plan.observed_on,
        period=plan.period.strip(),
        lesson=plan.lesson.strip(),
        students_present=plan.students_present,
        interval_minutes=plan.interval_minutes,
        technology=plan.technology.strip(),
        started_at=started_at,
    )
    session.add(observation)
    session.flush()
    return observation


def checked_link(
    session: Session,
    teacher_id: uuid.UUID,
    cycle_id: uuid.UUID | None,
    session_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """The cycle to store: the session's own when only a session is named."""
    visit = None
    if session_id is not None:
        visit = live(session, CycleSession, session_id, "cycle session")
        if cycle_id is not None and visit.cycle_id != cycle_id:
            raise ValidationError({"session_id": "That session belongs to another cycle."})
        cycle_id = visit.cycle_id
    if cycle_id is not None:
        cycle = live(session, CoachingCycle, cycle_id, "coaching cycle")
        if cycle.teacher_id != teacher_id:
            raise ValidationError(
                {"cycle_id": "That cycle is with another teacher; pick one of this teacher's."}
            )
    return cycle_id


def sweep_problems(on_task: int, present: int, activity_format: str | None) -> dict[str, str]:
    problems = {}
    if present is None or present < 0:
        problems["present"] = "Enter how many students are present (0 or more)."
    elif present > MAX_STUDENTS:
        problems["present"] = f"Enter at most {MAX_STUDENTS} students present."
    if on_task is None or on_task < 0:
        problems["on_task"] = "Enter how many students are on task (0 or more)."
    elif "present" not in problems and on_task > present:
        problems["on_task"] = (
            f"On task ({on_task}) can't be more than present ({present}); check both counts."
        )
    if activity_format is not None and activity_format not in FORMATS:
        problems["activity_format"] = "Choose whole group, small group, independent or transition."
    return problems


def row_problems(rows: Iterable[TypedSweep], minute_required: bool) -> dict[str, str]:
    """Every wrong cell of a table of sweeps, named by its row."""
    problems = {}
    for number, row in enumerate(rows, start=1):
        found = sweep_problems(row.on_task, row.present, row.activity_format)
        minute = row.minute
        if (minute is None and minute_required) or (
            minute is not None and not 0 <= minute <= MAX_MINUTE
        ):
            found["minute"] = "Enter the minute of the sweep, from 0 (the start of the lesson)."
        for field, message in found.items():
            problems[f"sweeps.{number - 1}.{field}"] = f"Row {number}: {message}"
    return problems


def new_sweep(
    observation_id: uuid.UUID,
    index: int,
    minute: int,
    on_task: int,
    present: int,
    activity_format: str | None,
    note: str,
    now: datetime,
) -> SweepRow:
    """A sweep about to be inserted, recorded `now`, as it will be read back."""
    return SweepRow(
        id=uuid.uuid4(),
        observation_id=observation_id,
        index=index,
        minute=minute,
        on_task=on_task,
        present=present,
        activity_format=activity_format,
        note=note.strip(),
        recorded_at=now,
        pct=interval_pct(on_task, present),
    )


def interval_values(sweep: SweepRow, now: datetime) -> dict:
    """The sweep as a row of the interval table, for a Core insert."""
    return {
        "id": sweep.id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "observation_id": sweep.observation_id,
        "index": sweep.index,
        "minute": sweep.minute,
        "on_task": sweep.on_task,
        "present": sweep.present,
        "activity_format": sweep.activity_format,
        "note": sweep.note,
        "recorded_at": sweep.recorded_at,
    }


def sweep_row(row: ObservationInterval) -> SweepRow:
    return SweepRow(
        id=row.id,
        observation_id=row.observation_id,
        index=row.index,
        minute=row.minute,
        on_task=row.on_task,
        present=row.present,
        activity_format=row.activity_format,
        note=row.note,
        recorded_at=as_utc(row.recorded_at),
        pct=interval_pct(row.on_task, row.present),
    )


def sweeps_of(session: Session, observation_id: uuid.UUID) -> list[SweepRow]:
    """The lesson's live sweeps in number order."""
    rows = session.exec(
        select(ObservationInterval)
        .where(
            ObservationInterval.observation_id == observation_id,
            col(ObservationInterval.deleted_at).is_(None),
        )
        .order_by(col(ObservationInterval.index))
    ).all()
    return [sweep_row(row) for row in rows]
