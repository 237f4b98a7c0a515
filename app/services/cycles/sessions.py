"""Marking a cycle's sessions done or not done, and their next steps."""

import uuid
from dataclasses import dataclass
from datetime import date

from app.models import CycleSession
from app.services.activities import negative_message
from app.services.cycles.common import refresh_status
from app.services.errors import ValidationError
from app.services.records import live
from app.store import Store
from app.text import weekday_day


@dataclass
class SessionDone:
    done_on: date
    duration_minutes: int | None = None
    next_steps: str | None = None  # None keeps what was written before


def done_problems(done_on: date | None, minutes: int | None, today: date | None) -> dict[str, str]:
    """A session's day and length as typed: a length of 1 to 600 minutes, and a day no
    later than `today` when given (every form that takes a typed day gives it)."""
    problems = {}
    if done_on is None:
        problems["done_on"] = "Pick the day the session took place."
    elif today is not None and done_on > today:
        problems["done_on"] = (
            f"A session can't be done on a day still to come ({weekday_day(done_on)}): "
            "pick today or an earlier day."
        )
    if minutes is not None and minutes < 0:
        problems["duration_minutes"] = negative_message("The duration", minutes)
    elif minutes is not None and not 1 <= minutes <= 600:
        problems["duration_minutes"] = "Enter a duration from 1 to 600 minutes."
    return problems


def complete_session(
    store: Store, session_id: uuid.UUID, done: SessionDone, today: date | None = None
) -> None:
    """Mark a session done; a day after `today`, when given, is refused."""
    problems = done_problems(done.done_on, done.duration_minutes, today)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        row = live(session, CycleSession, session_id, "session")
        row.done_on = done.done_on
        row.duration_minutes = done.duration_minutes
        if done.next_steps is not None:
            row.next_steps = done.next_steps.strip()
        refresh_status(session, row.cycle_id)


def set_session_next_steps(store: Store, session_id: uuid.UUID, next_steps: str) -> None:
    """Next steps for a session, done or not yet."""
    with store.session() as session:
        live(session, CycleSession, session_id, "session").next_steps = next_steps.strip()


def reopen_session(store: Store, session_id: uuid.UUID) -> None:
    """Mark a session not done again (undo of "Done")."""
    with store.session() as session:
        row = live(session, CycleSession, session_id, "session")
        row.done_on = None
        row.duration_minutes = None
        refresh_status(session, row.cycle_id)
