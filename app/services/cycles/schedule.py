"""Starting a cycle, its four sessions' dates, and moving them."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.models import CoachingCycle, CycleSession, Teacher
from app.models.cycles import SESSION_ORDER
from app.services.calendar import on_school_day
from app.services.cycles.common import sessions_of
from app.services.errors import ValidationError, check_unchanged
from app.services.records import live
from app.store import Store

MAX_FOCUS_LENGTH = 200


@dataclass
class CycleStart:
    teacher_id: uuid.UUID
    start_date: date
    length_weeks: int = 4
    focus: str = ""
    period: str = ""
    room: str = ""


@dataclass
class CycleEdit:
    """What can change once a cycle has started: its focus, and where its sessions meet."""

    focus: str = ""
    period: str = ""
    room: str = ""


def session_dates(start: date, length_weeks: int) -> list[date]:
    """Goal-setting, model lesson and co-teaching a week apart; the debrief in the last week.

    For the usual four weeks that is four sessions one week apart. Weekends move to Monday.
    A cycle shorter than four weeks spreads its sessions over its own weekdays instead, so
    none falls after the cycle ends.
    """
    if length_weeks >= 4:
        weeks = (0, 1, 2, length_weeks - 1)
        return [on_school_day(start + timedelta(weeks=w)) for w in weeks]
    first = on_school_day(start)
    days = [first + timedelta(days=n) for n in range(7 * length_weeks - (first - start).days)]
    weekdays = [d for d in days if d.weekday() < 5]
    last = len(weekdays) - 1
    return [weekdays[round(i * last / 3)] for i in range(4)]


def _focus_problem(focus: str) -> dict[str, str]:
    if len(focus.strip()) > MAX_FOCUS_LENGTH:
        return {"focus": "Keep the focus under 200 characters; put detail in the goal."}
    return {}


def start_cycle(store: Store, plan: CycleStart) -> uuid.UUID:
    """Create a cycle and schedule its four sessions; returns the cycle's id."""
    problems = _focus_problem(plan.focus)
    if plan.teacher_id is None:
        problems["teacher_id"] = "Pick the teacher this cycle is with."
    if plan.start_date is None:
        problems["start_date"] = "Pick the day the cycle starts."
    if not 1 <= plan.length_weeks <= 12:
        problems["length_weeks"] = "Choose a length from 1 to 12 weeks."
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        teacher = live(session, Teacher, plan.teacher_id, "teacher")
        cycle = CoachingCycle(
            teacher_id=teacher.id,
            start_date=plan.start_date,
            length_weeks=plan.length_weeks,
            focus=plan.focus.strip(),
        )
        session.add(cycle)
        for kind, when in zip(
            SESSION_ORDER, session_dates(plan.start_date, plan.length_weeks), strict=True
        ):
            session.add(
                CycleSession(
                    cycle_id=cycle.id,
                    kind=kind,
                    scheduled_date=when,
                    period=plan.period.strip(),
                    room=plan.room.strip(),
                )
            )
        return cycle.id


def edit_cycle(
    store: Store, cycle_id: uuid.UUID, edit: CycleEdit, loaded_at: datetime | None = None
) -> int:
    """Change the focus, and the period and room of every session not done yet (those done
    keep where they happened); returns how many sessions moved. A cycle changed after
    `loaded_at` (the `updated_at` the form showed) raises ChangedSinceOpened."""
    problems = _focus_problem(edit.focus)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        check_unchanged(cycle, loaded_at, "cycle")
        if cycle.focus != edit.focus.strip():
            cycle.focus = edit.focus.strip()
        changed = 0
        for visit in sessions_of(session, cycle.id):
            if visit.done_on is not None:
                continue
            where = (edit.period.strip(), edit.room.strip())
            if (visit.period, visit.room) != where:
                visit.period, visit.room = where
                changed += 1
        return changed


def move_session(
    store: Store,
    session_id: uuid.UUID,
    new_date: date,
    period: str | None = None,
    room: str | None = None,
) -> None:
    """Reschedule one session; its kind and everything recorded stay as they are."""
    if new_date is None:
        raise ValidationError({"scheduled_date": "Pick the new day for the session."})
    with store.session() as session:
        row = live(session, CycleSession, session_id, "session")
        row.scheduled_date = new_date
        if period is not None:
            row.period = period.strip()
        if room is not None:
            row.room = room.strip()
