"""The live lesson: starting, pausing, resuming and ending it, and its clock.

The clock is never kept in memory: `live_state` derives it from the stored start time,
pauses and sweeps, so after a crash it picks up where the lesson stands.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel import col, select

from app.models import Observation, ObservationInterval, Teacher
from app.models.base import as_utc
from app.services.errors import Refused, ValidationError
from app.services.observations.common import ObservationStart, new_observation, plan_problems
from app.services.records import live
from app.store import Store


@dataclass(frozen=True)
class LiveState:
    observation_id: uuid.UUID
    started_at: datetime
    elapsed_seconds: int
    paused: bool
    interval_minutes: int
    sweeps_recorded: int
    next_mark_minute: int
    seconds_to_next_mark: int
    missed_marks: list[int]
    ended: bool
    # The mark whose time has come has no sweep yet: prompt the coach to sweep the room.
    sweep_due: bool


class LessonClock(Protocol):
    """What the clock is derived from: an Observation, or a row of those same columns."""

    id: uuid.UUID
    started_at: datetime
    paused_at: datetime | None
    paused_seconds: int
    ended_at: datetime | None
    interval_minutes: int


def start_observation(store: Store, plan: ObservationStart, now: datetime) -> uuid.UUID:
    """Begin an observation now; returns its id."""
    problems = plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        return new_observation(session, plan, started_at=as_utc(now)).id


def pause_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Stop the clock (a fire drill, an assembly); pausing twice changes nothing."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is not None:
            raise Refused("This observation has ended, so it can't be paused.")
        if obs.paused_at is None:
            obs.paused_at = as_utc(now)


def resume_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Start the clock again; the paused time is left out of every minute from now on."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is not None:
            raise Refused("This observation has ended, so it can't be resumed.")
        _fold_pause(obs, now)


def end_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """The bell rang; ending twice keeps the first end time."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is None:
            _fold_pause(obs, now)
            obs.ended_at = as_utc(now)


def unfinished_observation(store: Store) -> uuid.UUID | None:
    """The newest observation started but not ended, to offer to resume it on launch."""
    with store.session() as session:
        return session.exec(
            select(Observation.id)
            .join(Teacher, col(Observation.teacher_id) == Teacher.id)
            .where(
                col(Observation.started_at).is_not(None),
                col(Observation.ended_at).is_(None),
                col(Observation.deleted_at).is_(None),
                col(Teacher.deleted_at).is_(None),
            )
            .order_by(col(Observation.started_at).desc())
            .limit(1)
        ).first()


def live_state(store: Store, observation_id: uuid.UUID, now: datetime) -> LiveState:
    """The live screen's clock, derived from what is stored (so it survives a crash)."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        minutes = session.exec(
            select(ObservationInterval.minute).where(
                ObservationInterval.observation_id == obs.id,
                col(ObservationInterval.deleted_at).is_(None),
            )
        ).all()
    if obs.started_at is None:
        raise Refused("This observation was typed in from paper; it has no live clock.")
    return clock_state(obs, minutes, now)


def clock_state(obs: LessonClock, minutes: Iterable[int], now: datetime) -> LiveState:
    """The clock of a lesson started live, from its stored times and its sweeps' minutes.

    Marks fall every interval from minute 0. A sweep counts for the mark at or before its
    minute. A mark is missed once the next one arrives with no sweep for it; marks are never
    filled in for the coach.
    """
    minutes = list(minutes)
    started = as_utc(obs.started_at)
    ended = obs.ended_at is not None
    stopped_at = as_utc(obs.ended_at) if ended else as_utc(now)
    if obs.paused_at is not None:
        stopped_at = min(stopped_at, as_utc(obs.paused_at))
    elapsed = max(0, int((stopped_at - started).total_seconds()) - obs.paused_seconds)
    step = obs.interval_minutes * 60
    covered = {minute // obs.interval_minutes for minute in minutes}
    current = elapsed // step
    # Once ended, the mark in progress is closed too, unless the lesson ended right on it.
    closed = current + (1 if ended and elapsed % step else 0)
    missed = [k * obs.interval_minutes for k in range(closed) if k not in covered]
    return LiveState(
        observation_id=obs.id,
        started_at=started,
        elapsed_seconds=elapsed,
        paused=obs.paused_at is not None,
        interval_minutes=obs.interval_minutes,
        sweeps_recorded=len(minutes),
        next_mark_minute=(current + 1) * obs.interval_minutes,
        seconds_to_next_mark=(current + 1) * step - elapsed,
        missed_marks=missed,
        ended=ended,
        sweep_due=not ended and current not in covered,
    )


def _fold_pause(obs: Observation, now: datetime) -> None:
    """Add a running pause to the paused total and clear it."""
    if obs.paused_at is not None:
        paused = (as_utc(now) - as_utc(obs.paused_at)).total_seconds()
        obs.paused_seconds += max(0, int(paused))
        obs.paused_at = None
