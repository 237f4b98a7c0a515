"""A lesson typed in afterwards from a paper form: no live clock, all its sweeps at once."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from app.models import Observation
from app.models.base import as_utc
from app.services.errors import ValidationError
from app.services.observations.common import (
    ObservationStart,
    interval_values,
    new_observation,
    new_sweep,
    plan_problems,
    row_problems,
)
from app.services.observations.sweeps import INSERT_INTERVAL
from app.store import Store


@dataclass
class SweepInput:
    """One row of a paper form: its minute, if not given, comes from its place in the list."""

    on_task: int
    present: int
    activity_format: str | None = None
    note: str = ""
    minute: int | None = None


def add_paper_observation(
    store: Store, plan: ObservationStart, sweeps: list[SweepInput], now: datetime
) -> uuid.UUID:
    """Save the lesson and its sweeps together, or (if anything is wrong) nothing."""
    problems = paper_plan_problems(plan, now) | row_problems(sweeps, minute_required=False)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        observation = new_observation(session, plan, started_at=None)
        _insert_paper_rows(session, observation, sweeps, now)
        return observation.id


def paper_plan_problems(plan: ObservationStart, now: datetime) -> dict[str, str]:
    """What is wrong with a paper form's details, before its sweeps are typed in."""
    problems = plan_problems(plan)
    today = as_utc(now).astimezone().date()  # the coach's own calendar day
    if plan.observed_on is not None and plan.observed_on > today:
        problems["observed_on"] = (
            "An observation from paper can't be in the future: pick the day of the lesson."
        )
    return problems


def _insert_paper_rows(
    session: Session, obs: Observation, sweeps: list[SweepInput], now: datetime
) -> None:
    """Insert the rows numbered in minute order; a row without a minute takes its place in
    the form times the interval."""
    now = as_utc(now)

    def minute_of(place: int, sweep: SweepInput) -> int:
        return place * obs.interval_minutes if sweep.minute is None else sweep.minute

    timed = sorted(
        ((minute_of(place, sweep), place, sweep) for place, sweep in enumerate(sweeps)),
        key=lambda row: row[:2],
    )
    rows = [
        new_sweep(
            obs.id,
            index,
            minute,
            sweep.on_task,
            sweep.present,
            sweep.activity_format,
            sweep.note,
            now,
        )
        for index, (minute, _, sweep) in enumerate(timed)
    ]
    if rows:
        session.connection().execute(INSERT_INTERVAL, [interval_values(row, now) for row in rows])
