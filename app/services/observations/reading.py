"""Reading observations back: one lesson's summary, the list, and a teacher's trend."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import col, select

from app.models import (
    CoachingCycle,
    MeasureKind,
    Observation,
    ObservationInterval,
    Teacher,
    time_on_task_pct,
)
from app.models.base import as_utc
from app.services.observations.common import SweepRow, sweeps_of
from app.services.records import live
from app.store import Store


@dataclass(frozen=True)
class SweepPoint:
    """The lowest or highest sweep of a lesson."""

    index: int
    minute: int
    pct: float


@dataclass(frozen=True)
class ObservationSummary:
    observation_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    technology: str
    students_present: int | None
    interval_minutes: int
    started_at: datetime | None
    ended_at: datetime | None
    time_on_task_pct: float | None
    lowest: SweepPoint | None
    highest: SweepPoint | None
    sweeps: list[SweepRow]
    sampling: str
    picrat_engagement: str | None
    picrat_use: str | None
    samr_level: str | None
    notes: str
    cycle_id: uuid.UUID | None
    session_id: uuid.UUID | None


@dataclass(frozen=True)
class ObservationRow:
    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    time_on_task_pct: float | None
    sweeps: int
    ended: bool
    # Started live and not ended yet: the recorder can pick it up again.
    in_progress: bool = False


@dataclass(frozen=True)
class TrendPoint:
    observation_id: uuid.UUID
    observed_on: date
    pct: float
    cycle_id: uuid.UUID | None


@dataclass(frozen=True)
class TrendGoal:
    """The baseline and target of the teacher's latest time-on-task cycle, for the trend."""

    cycle_id: uuid.UUID
    start_date: date
    baseline: float | None
    target: float | None


def observation_summary(store: Store, observation_id: uuid.UUID) -> ObservationSummary:
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        teacher = session.get(Teacher, obs.teacher_id)
        sweeps = sweeps_of(session, obs.id)
    scored = [(s.pct, s) for s in sweeps if s.pct is not None]
    lowest = min(scored, key=lambda p: p[0], default=None)
    highest = max(scored, key=lambda p: p[0], default=None)
    present = obs.students_present
    if present is None and sweeps:
        present = max(s.present for s in sweeps)
    return ObservationSummary(
        observation_id=obs.id,
        teacher_id=obs.teacher_id,
        teacher_name=teacher.name if teacher else "",
        observed_on=obs.observed_on,
        period=obs.period,
        lesson=obs.lesson,
        technology=obs.technology,
        students_present=present,
        interval_minutes=obs.interval_minutes,
        started_at=as_utc(obs.started_at) if obs.started_at else None,
        ended_at=as_utc(obs.ended_at) if obs.ended_at else None,
        time_on_task_pct=time_on_task_pct((s.on_task, s.present) for s in sweeps),
        lowest=_point(lowest[1]) if lowest else None,
        highest=_point(highest[1]) if highest else None,
        sweeps=sweeps,
        sampling=sampling_text(obs.interval_minutes, len(sweeps)),
        picrat_engagement=obs.picrat_engagement,
        picrat_use=obs.picrat_use,
        samr_level=obs.samr_level,
        notes=obs.notes,
        cycle_id=obs.cycle_id,
        session_id=obs.session_id,
    )


def sampling_text(interval_minutes: int, sweeps: int) -> str:
    """How the figures were sampled, as every report says it."""
    every = "every minute" if interval_minutes == 1 else f"every {interval_minutes} minutes"
    count = "1 sweep" if sweeps == 1 else f"{sweeps} sweeps"
    return f"A whole-class sweep {every} ({count})"


def list_observations(store: Store, teacher_id: uuid.UUID | None = None) -> list[ObservationRow]:
    """Every observation (or one teacher's), newest first, with its time-on-task %."""
    with store.session() as session:
        query = (
            _with_totals(
                select(
                    Observation.id,
                    Observation.teacher_id,
                    Teacher.name,
                    Observation.observed_on,
                    Observation.period,
                    Observation.lesson,
                    Observation.started_at,
                    Observation.ended_at,
                )
            )
            .join(Teacher, col(Observation.teacher_id) == Teacher.id)
            .where(col(Teacher.deleted_at).is_(None))
            .order_by(
                col(Observation.observed_on).desc(),
                col(Observation.started_at).desc(),
                col(Observation.created_at).desc(),
            )
        )
        if teacher_id is not None:
            query = query.where(Observation.teacher_id == teacher_id)
        rows = []
        for row in session.execute(query):
            *columns, started_at, ended_at, on_task, present, count = row
            pct = _pct(on_task, present)
            in_progress = started_at is not None and ended_at is None
            rows.append(ObservationRow(*columns, pct, count, ended_at is not None, in_progress))
        return rows


def time_on_task_trend(store: Store, teacher_id: uuid.UUID) -> list[TrendPoint]:
    """The teacher's observations oldest first; ones with no usable sweep, and ones still
    recording (their figure is not final), are left out."""
    with store.session() as session:
        query = (
            _with_totals(select(Observation.id, Observation.observed_on, Observation.cycle_id))
            .where(Observation.teacher_id == teacher_id, _not_recording())
            .order_by(col(Observation.observed_on), col(Observation.started_at))
        )
        points = []
        for obs_id, observed_on, cycle_id, on_task, present, _ in session.execute(query):
            pct = _pct(on_task, present)
            if pct is not None:
                points.append(TrendPoint(obs_id, observed_on, pct, cycle_id))
        return points


def trend_goal(store: Store, teacher_id: uuid.UUID) -> TrendGoal | None:
    """Baseline and target of the teacher's latest cycle measured by time-on-task, if any."""
    with store.session() as session:
        cycle = session.exec(
            select(CoachingCycle)
            .where(
                CoachingCycle.teacher_id == teacher_id,
                CoachingCycle.measure_kind == MeasureKind.TIME_ON_TASK,
                col(CoachingCycle.deleted_at).is_(None),
            )
            .order_by(col(CoachingCycle.start_date).desc(), col(CoachingCycle.created_at).desc())
            .limit(1)
        ).first()
        if cycle is None or (cycle.baseline_value is None and cycle.target_value is None):
            return None
        return TrendGoal(cycle.id, cycle.start_date, cycle.baseline_value, cycle.target_value)


def _with_totals(query):
    """Add on-task and present totals (sweeps with nobody present left out) and a count."""
    counted = col(ObservationInterval.present) > 0
    return (
        query.add_columns(
            func.sum(case((counted, ObservationInterval.on_task), else_=0)),
            func.sum(case((counted, ObservationInterval.present), else_=0)),
            func.count(col(ObservationInterval.id)),
        )
        .outerjoin(
            ObservationInterval,
            (col(ObservationInterval.observation_id) == Observation.id)
            & col(ObservationInterval.deleted_at).is_(None),
        )
        .where(col(Observation.deleted_at).is_(None))
        .group_by(col(Observation.id))
    )


def _not_recording():
    """Typed in from paper, or ended: a lesson still being recorded has no final figure."""
    return col(Observation.started_at).is_(None) | col(Observation.ended_at).is_not(None)


def _pct(on_task: int | None, present: int | None) -> float | None:
    return None if not present else 100.0 * (on_task or 0) / present


def _point(sweep: SweepRow) -> SweepPoint:
    return SweepPoint(sweep.index, sweep.minute, sweep.pct)
