"""Sweeps of the room: recording one live, replacing it, undoing it, correcting the table."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, update
from sqlmodel import Session, col, select

from app.models import Observation, ObservationInterval
from app.models.base import as_utc
from app.services.errors import NotFound, Refused, ValidationError
from app.services.observations.common import (
    INTERVALS,
    SweepRow,
    interval_values,
    new_sweep,
    row_problems,
    sweep_problems,
    sweep_row,
    sweeps_of,
)
from app.services.observations.live import LiveState, clock_state
from app.services.records import live
from app.store import Store


@dataclass
class SweepEdit:
    """One row of the sweep table: an existing sweep (with its id) or a new one (id None)."""

    id: uuid.UUID | None
    minute: int
    on_task: int
    present: int
    activity_format: str | None = None
    note: str = ""


@dataclass(frozen=True)
class RecordedSweep:
    """A sweep just saved, and the lesson's clock as that same transaction left it."""

    sweep: SweepRow
    state: LiveState


class MarkAlreadySwept(Refused):
    """The mark in progress has a sweep already; `sweep` is that sweep."""

    def __init__(self, sweep: SweepRow, mark: int):
        super().__init__(
            f"The {mark}-min mark already has a sweep ({sweep.on_task} of {sweep.present} on "
            "task). Replace it, or keep it and wait for the next mark."
        )
        self.sweep = sweep
        self.mark = mark


INSERT_INTERVAL = insert(INTERVALS)
_OF_THIS_LESSON = (
    INTERVALS.c.observation_id == bindparam("observation_id"),
    INTERVALS.c.deleted_at.is_(None),
)
_SOFT_DELETE_INTERVAL = (
    update(INTERVALS)
    .where(INTERVALS.c.id == bindparam("interval_id"), INTERVALS.c.deleted_at.is_(None))
    .values(deleted_at=bindparam("now"), updated_at=bindparam("now"))
)
# Sweeps are numbered while some rows sit here, so no two live rows share an index meanwhile.
_PARKED_INDEX = -1_000_000
# The columns `clock_state` reads, named as on Observation, the last sweep's number and the
# sweeps' minutes ("0,5,10"): one row, where a row a sweep cost a long lesson a third more.
_CLOCK_AND_SWEEPS = select(
    Observation.id,
    Observation.started_at,
    Observation.paused_at,
    Observation.paused_seconds,
    Observation.ended_at,
    Observation.interval_minutes,
    select(func.max(INTERVALS.c.index))
    .where(*_OF_THIS_LESSON)
    .scalar_subquery()
    .label("last_index"),
    select(func.group_concat(INTERVALS.c.minute))
    .where(*_OF_THIS_LESSON)
    .scalar_subquery()
    .label("minutes"),
).where(Observation.id == bindparam("observation_id"), col(Observation.deleted_at).is_(None))
_SWEEP_AT_MARK = (
    select(INTERVALS)
    .where(
        *_OF_THIS_LESSON,
        INTERVALS.c.minute >= bindparam("from_minute"),
        INTERVALS.c.minute < bindparam("to_minute"),
    )
    .order_by(INTERVALS.c.index.desc())
    .limit(1)
)


def record_interval(
    store: Store,
    observation_id: uuid.UUID,
    on_task: int,
    present: int,
    *,
    now: datetime,
    activity_format: str | None = None,
    note: str = "",
    replace: uuid.UUID | None = None,
) -> RecordedSweep:
    """Save one sweep of the room, committed before this returns, with the clock after it.

    One sweep per mark: if the mark in progress has one, this raises `MarkAlreadySwept`,
    unless `replace` names that sweep; then it is soft-deleted and the new one takes its
    number. The read that picks the number and the insert share one unit of work, so two
    recorders on one observation never give two sweeps one number.
    """
    problems = sweep_problems(on_task, present, activity_format)
    if problems:
        raise ValidationError(problems)
    now = as_utc(now)
    with store.session() as session:
        # Core statements built once, on the session's connection: the ORM layer on top
        # roughly doubled the time of a sweep (measured with benchmarks/record.py).
        connection = session.connection()
        params = {"observation_id": observation_id}
        clock = connection.execute(_CLOCK_AND_SWEEPS, params).first()
        if clock is None:
            raise NotFound("That observation is no longer in the notebook.")
        if clock.ended_at is not None:
            raise ValidationError(
                {"observation": "This observation has ended; correct its sweeps in the table."}
            )
        if clock.paused_at is not None:
            raise ValidationError(
                {"observation": "The observation is paused; resume it, then record the sweep."}
            )
        if clock.started_at is None:
            raise ValidationError(
                {"observation": "This observation was never started; type its sweeps in instead."}
            )
        seconds = (now - as_utc(clock.started_at)).total_seconds() - clock.paused_seconds
        minute = max(0, int(seconds // 60))
        mark = minute - minute % clock.interval_minutes
        index = 0 if clock.last_index is None else clock.last_index + 1
        minutes = [int(m) for m in clock.minutes.split(",")] if clock.minutes else []
        existing = connection.execute(
            _SWEEP_AT_MARK,
            params | {"from_minute": mark, "to_minute": mark + clock.interval_minutes},
        ).first()
        if existing is not None:
            old = sweep_row(existing)
            if replace != old.id:
                raise MarkAlreadySwept(old, mark)
            connection.execute(_SOFT_DELETE_INTERVAL, {"interval_id": old.id, "now": now})
            index = old.index
            minutes.remove(old.minute)
        sweep = new_sweep(
            observation_id, index, minute, on_task, present, activity_format, note, now
        )
        connection.execute(INSERT_INTERVAL, interval_values(sweep, now))
    return RecordedSweep(sweep, clock_state(clock, [*minutes, minute], now))


def swap_sweeps(store: Store, remove_id: uuid.UUID, restore_id: uuid.UUID, now: datetime) -> None:
    """Undo (or redo) a replaced sweep: one goes, the other comes back, in one unit of work."""
    with store.session() as session:
        gone = live(session, ObservationInterval, remove_id, "sweep")
        gone.deleted_at = as_utc(now)
        session.flush()
        _restore_sweep(session, restore_id)


def delete_interval(store: Store, interval_id: uuid.UUID, now: datetime) -> None:
    """Soft delete a sweep (undo with `restore_interval`); the others keep their minutes."""
    with store.session() as session:
        live(session, ObservationInterval, interval_id, "sweep").deleted_at = as_utc(now)


def restore_interval(store: Store, interval_id: uuid.UUID) -> None:
    """Undo a soft delete; the sweeps are numbered again in minute order around it."""
    with store.session() as session:
        _restore_sweep(session, interval_id)


def list_intervals(store: Store, observation_id: uuid.UUID) -> list[SweepRow]:
    with store.session() as session:
        return sweeps_of(session, observation_id)


def correct_sweeps(
    store: Store, observation_id: uuid.UUID, rows: list[SweepEdit], now: datetime
) -> list[SweepRow]:
    """Save the whole sweep table at once: changed rows updated, new rows added, rows left
    out deleted (soft). Every row is checked first; if any is wrong, nothing changes."""
    problems = row_problems(rows, minute_required=True)
    if problems:
        raise ValidationError(problems)
    now = as_utc(now)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        existing = {
            row.id: row
            for row in session.exec(
                select(ObservationInterval).where(
                    ObservationInterval.observation_id == obs.id,
                    col(ObservationInterval.deleted_at).is_(None),
                )
            )
        }
        kept = {row.id for row in rows if row.id is not None}
        if kept - existing.keys():
            raise NotFound("A sweep in the table is no longer in the notebook; reopen the table.")
        # Sweeps are renumbered in minute order, so the chart and the table agree; the kept
        # ones step through negative numbers first, so no two live sweeps share a number.
        for number, (interval_id, interval) in enumerate(existing.items()):
            if interval_id in kept:
                interval.index = -1 - number
            else:
                interval.deleted_at = now
        session.flush()
        ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].minute, pair[0]))
        for index, (_, row) in enumerate(ordered):
            interval = existing.get(row.id) if row.id is not None else None
            if interval is None:
                interval = ObservationInterval(
                    observation_id=obs.id, index=index, minute=row.minute, on_task=0, present=0
                )
                interval.recorded_at = now
                session.add(interval)
            interval.index = index
            interval.minute = row.minute
            interval.on_task = row.on_task
            interval.present = row.present
            interval.activity_format = row.activity_format
            interval.note = row.note.strip()
        session.flush()
        return sweeps_of(session, obs.id)


def _restore_sweep(session: Session, interval_id: uuid.UUID) -> None:
    row = session.get(ObservationInterval, interval_id)
    if row is None:
        raise NotFound("That sweep is no longer in the notebook.")
    if row.deleted_at is None:
        return
    # Its old number may belong to a sweep added since: park it, then number them all.
    row.index = _PARKED_INDEX
    row.deleted_at = None
    session.flush()
    _renumber(session, row.observation_id)


def _renumber(session: Session, observation_id: uuid.UUID) -> None:
    """Number the live sweeps 0, 1, 2... in minute order, in two steps (through negative
    numbers) so that no two live sweeps share a number at any moment."""
    rows = session.exec(
        select(ObservationInterval)
        .where(
            ObservationInterval.observation_id == observation_id,
            col(ObservationInterval.deleted_at).is_(None),
        )
        .order_by(
            col(ObservationInterval.minute),
            col(ObservationInterval.index) < 0,
            col(ObservationInterval.index),
        )
    ).all()
    if [row.index for row in rows] == list(range(len(rows))):
        return
    for number, row in enumerate(rows):
        row.index = -1 - number
    session.flush()
    for number, row in enumerate(rows):
        row.index = number
    session.flush()
