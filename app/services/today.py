"""The Today screen's lists: the day and week ahead, what is overdue, who needs a visit."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, func, select

from app.models import (
    CoachingCycle,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    Observation,
    Pilot,
    PilotStatus,
    School,
    Teacher,
)
from app.models.cycles import SESSION_LABELS
from app.services.calendar import week_start
from app.store import Store

NOT_SEEN_DAYS = 30
OPEN_CYCLE = (CycleStatus.PLANNED, CycleStatus.ACTIVE)
DECIDED = (PilotStatus.ADOPTED, PilotStatus.EXTENDED, PilotStatus.SUNSET)


@dataclass(frozen=True)
class AgendaItem:
    session_id: uuid.UUID
    cycle_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    kind: str
    label: str
    scheduled_date: date
    period: str
    room: str
    done: bool


@dataclass(frozen=True)
class EndingCycle:
    cycle_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    focus: str
    end_date: date
    sessions_done: int


@dataclass(frozen=True)
class NotSeen:
    teacher_id: uuid.UUID
    teacher_name: str
    school: str
    last_seen: date | None


@dataclass(frozen=True)
class PilotDue:
    pilot_id: uuid.UUID
    tool: str
    ended_on: date | None
    notice_date: date | None


@dataclass(frozen=True)
class TodayOverview:
    today: date
    today_sessions: list[AgendaItem]
    week_sessions: list[AgendaItem]
    overdue: list[AgendaItem]
    cycles_ending: list[EndingCycle]
    not_seen: list[NotSeen]
    pilots_awaiting: list[PilotDue]
    sunset_notices: list[PilotDue]


def today_overview(store: Store, today: date) -> TodayOverview:
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    with store.session() as s:
        agenda_rows = s.exec(
            select(CycleSession, CoachingCycle, Teacher.name)
            .join(CoachingCycle, col(CycleSession.cycle_id) == CoachingCycle.id)
            .join(Teacher, col(CoachingCycle.teacher_id) == Teacher.id)
            .where(
                col(CycleSession.deleted_at).is_(None),
                col(CoachingCycle.deleted_at).is_(None),
                col(Teacher.deleted_at).is_(None),
                col(CoachingCycle.status).in_(OPEN_CYCLE),
                col(CycleSession.scheduled_date) <= sunday,
            )
        ).all()
        items = sorted(
            (_agenda(session, cycle, name) for session, cycle, name in agenda_rows),
            key=lambda i: (i.scheduled_date, period_order(i.period), i.teacher_name),
        )
        ending = _cycles_ending(s, monday, sunday)
        booked = {i.teacher_id for i in items if not i.done and today <= i.scheduled_date}
        not_seen = _not_seen(s, today, booked)
        awaiting, notices = _pilots_due(s, today)
    return TodayOverview(
        today=today,
        today_sessions=[i for i in items if i.scheduled_date == today],
        week_sessions=[
            i for i in items if monday <= i.scheduled_date <= sunday and i.scheduled_date != today
        ],
        overdue=[i for i in items if not i.done and i.scheduled_date < today],
        cycles_ending=ending,
        not_seen=not_seen,
        pilots_awaiting=awaiting,
        sunset_notices=notices,
    )


def period_order(period: str) -> tuple:
    """Periods in school order: "Period 2" before "Period 10", then anything unnumbered."""
    digits = "".join(ch for ch in period if ch.isdigit())
    return (0, int(digits), period) if digits else (1, 0, period)


def _agenda(session: CycleSession, cycle: CoachingCycle, teacher_name: str) -> AgendaItem:
    return AgendaItem(
        session_id=session.id,
        cycle_id=cycle.id,
        teacher_id=cycle.teacher_id,
        teacher_name=teacher_name,
        kind=session.kind,
        label=SESSION_LABELS.get(CycleSessionKind(session.kind), session.kind),
        scheduled_date=session.scheduled_date,
        period=session.period,
        room=session.room,
        done=session.done_on is not None,
    )


def _cycles_ending(s, monday: date, sunday: date) -> list[EndingCycle]:
    rows = s.exec(
        select(CoachingCycle, Teacher.name)
        .join(Teacher, col(CoachingCycle.teacher_id) == Teacher.id)
        .where(
            col(CoachingCycle.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
            col(CoachingCycle.status).in_(OPEN_CYCLE),
            # Only cycles that could end this week: started within the longest cycle (12 weeks).
            col(CoachingCycle.start_date) >= monday - timedelta(weeks=12),
        )
    ).all()
    done_counts = dict(
        s.exec(
            select(CycleSession.cycle_id, func.count())
            .where(col(CycleSession.done_on).is_not(None), col(CycleSession.deleted_at).is_(None))
            .group_by(CycleSession.cycle_id)
        ).all()
    )
    ending = []
    for cycle, name in rows:
        end = cycle.start_date + timedelta(weeks=cycle.length_weeks, days=-1)
        if monday <= end <= sunday:
            ending.append(
                EndingCycle(
                    cycle.id, cycle.teacher_id, name, cycle.focus, end, done_counts.get(cycle.id, 0)
                )
            )
    return sorted(ending, key=lambda e: (e.end_date, e.teacher_name))


def _not_seen(s, today: date, booked: set[uuid.UUID]) -> list[NotSeen]:
    """Active teachers the coach works with (an open cycle or any past visit) whose last
    session or observation is more than 30 days ago, unless a session is booked this week."""
    last_session = dict(
        s.exec(
            select(CoachingCycle.teacher_id, func.max(CycleSession.done_on))
            .join(CoachingCycle, col(CycleSession.cycle_id) == CoachingCycle.id)
            .where(
                col(CycleSession.deleted_at).is_(None),
                col(CoachingCycle.deleted_at).is_(None),
                col(CycleSession.done_on).is_not(None),
                col(CycleSession.done_on) <= today,
            )
            .group_by(CoachingCycle.teacher_id)
        ).all()
    )
    last_observed = dict(
        s.exec(
            select(Observation.teacher_id, func.max(Observation.observed_on))
            .where(col(Observation.deleted_at).is_(None), Observation.observed_on <= today)
            .group_by(Observation.teacher_id)
        ).all()
    )
    in_open_cycle = set(
        s.exec(
            select(CoachingCycle.teacher_id).where(
                col(CoachingCycle.deleted_at).is_(None), col(CoachingCycle.status).in_(OPEN_CYCLE)
            )
        ).all()
    )
    teachers = s.exec(
        select(Teacher, School.name)
        .join(School, col(Teacher.school_id) == School.id, isouter=True)
        .where(col(Teacher.deleted_at).is_(None), Teacher.archived == False)  # noqa: E712
    ).all()
    cutoff = today - timedelta(days=NOT_SEEN_DAYS)
    result = []
    for teacher, school in teachers:
        seen = [d for d in (last_session.get(teacher.id), last_observed.get(teacher.id)) if d]
        last = max(seen) if seen else None
        known = last is not None or teacher.id in in_open_cycle
        if known and (last is None or last < cutoff) and teacher.id not in booked:
            result.append(NotSeen(teacher.id, teacher.name, school or "", last))
    return sorted(result, key=lambda n: (n.last_seen or date.min, n.teacher_name))


def _pilots_due(s, today: date) -> tuple[list[PilotDue], list[PilotDue]]:
    pilots = s.exec(select(Pilot).where(col(Pilot.deleted_at).is_(None))).all()
    awaiting, notices = [], []
    for pilot in pilots:
        ended = pilot.start_date + timedelta(weeks=pilot.length_weeks) if pilot.start_date else None
        if ended and ended <= today and pilot.status not in DECIDED and pilot.decision is None:
            awaiting.append(PilotDue(pilot.id, pilot.tool, ended, pilot.notice_date))
        if pilot.notice_date and pilot.notice_date >= today:
            notices.append(PilotDue(pilot.id, pilot.tool, ended, pilot.notice_date))
    awaiting.sort(key=lambda p: (p.ended_on, p.tool))
    notices.sort(key=lambda p: (p.notice_date, p.tool))
    return awaiting, notices
