"""The Today screen's lists: the day and week ahead, what is overdue, who needs a visit."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, union_all
from sqlmodel import col, func, select

from app.models import (
    CoachingCycle,
    CycleSession,
    CycleSessionKind,
    Observation,
    Pilot,
    School,
    Teacher,
)
from app.models.cycles import SESSION_LABELS, is_session_overdue
from app.models.pilots import awaiting_decision, end_date
from app.services.calendar import week_start
from app.services.cycles.common import OPEN_STATUSES, cycle_end_date
from app.store import Store

NOT_SEEN_DAYS = 30
# Teachers last seen longer ago than this are no longer on the coach's caseload.
CASELOAD_DAYS = 365


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
    overdue: bool


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


@dataclass(frozen=True)
class TodayPage:
    """All the Today screen shows, read in one go (on a worker thread at start-up)."""

    overview: TodayOverview
    has_teachers: bool
    coach_name: str


def today_page(store: Store, today: date) -> TodayPage:
    from app.services.profile import get_profile

    overview = today_overview(store, today)
    with store.session() as s:
        has_teachers = (
            s.exec(select(Teacher.id).where(col(Teacher.deleted_at).is_(None)).limit(1)).first()
            is not None
        )
    return TodayPage(overview, has_teachers, get_profile(store).name)


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
                col(CoachingCycle.status).in_(OPEN_STATUSES),
                col(CycleSession.scheduled_date) <= sunday,
            )
        ).all()
        items = sorted(
            (_agenda(session, cycle, name, today) for session, cycle, name in agenda_rows),
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
        overdue=[i for i in items if i.overdue],
        cycles_ending=ending,
        not_seen=not_seen,
        pilots_awaiting=awaiting,
        sunset_notices=notices,
    )


def period_order(period: str) -> tuple:
    """Periods in school order: "Period 2" before "Period 10", then anything unnumbered."""
    digits = "".join(ch for ch in period if ch.isdigit())
    return (0, int(digits), period) if digits else (1, 0, period)


def _agenda(
    session: CycleSession, cycle: CoachingCycle, teacher_name: str, today: date
) -> AgendaItem:
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
        overdue=is_session_overdue(session.scheduled_date, session.done_on, today),
    )


def _cycles_ending(s, monday: date, sunday: date) -> list[EndingCycle]:
    rows = s.exec(
        select(CoachingCycle, Teacher.name)
        .join(Teacher, col(CoachingCycle.teacher_id) == Teacher.id)
        .where(
            col(CoachingCycle.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
            col(CoachingCycle.status).in_(OPEN_STATUSES),
            # Only cycles that could end this week: started within the longest cycle (12 weeks).
            col(CoachingCycle.start_date) >= monday - timedelta(weeks=12),
        )
    ).all()
    ending_rows = [
        (cycle, name, cycle_end_date(cycle.start_date, cycle.length_weeks)) for cycle, name in rows
    ]
    ending_rows = [
        (cycle, name, end) for cycle, name, end in ending_rows if monday <= end <= sunday
    ]
    done_counts = (
        dict(
            s.exec(
                select(CycleSession.cycle_id, func.count())
                .where(
                    col(CycleSession.cycle_id).in_(
                        [cycle.id for cycle, _name, _end in ending_rows]
                    ),
                    col(CycleSession.done_on).is_not(None),
                    col(CycleSession.deleted_at).is_(None),
                )
                .group_by(CycleSession.cycle_id)
            ).all()
        )
        if ending_rows
        else {}
    )
    ending = [
        EndingCycle(
            cycle.id, cycle.teacher_id, name, cycle.focus, end, done_counts.get(cycle.id, 0)
        )
        for cycle, name, end in ending_rows
    ]
    return sorted(ending, key=lambda e: (e.end_date, e.teacher_name))


def _not_seen(s, today: date, booked: set[uuid.UUID]) -> list[NotSeen]:
    """Active teachers on the coach's caseload (an open cycle, or seen in the past year)
    whose last session or observation is more than 30 days ago, unless a session is booked
    this week."""
    since = today - timedelta(days=CASELOAD_DAYS)
    contacts = union_all(
        select(CoachingCycle.teacher_id.label("teacher_id"), CycleSession.done_on.label("day"))
        .join(CoachingCycle, col(CycleSession.cycle_id) == CoachingCycle.id)
        .where(
            col(CycleSession.deleted_at).is_(None),
            col(CoachingCycle.deleted_at).is_(None),
            col(CycleSession.done_on) >= since,
            col(CycleSession.done_on) <= today,
        ),
        select(
            Observation.teacher_id.label("teacher_id"), Observation.observed_on.label("day")
        ).where(
            col(Observation.deleted_at).is_(None),
            Observation.observed_on >= since,
            Observation.observed_on <= today,
        ),
    ).subquery()
    open_cycles = (
        select(CoachingCycle.teacher_id)
        .where(
            col(CoachingCycle.deleted_at).is_(None), col(CoachingCycle.status).in_(OPEN_STATUSES)
        )
        .scalar_subquery()
    )
    last_seen = func.max(contacts.c.day)
    cutoff = today - timedelta(days=NOT_SEEN_DAYS)
    # One query returning only the teachers to list: a district has a thousand teachers and
    # Today is the first screen at start-up.
    rows = s.exec(
        select(Teacher.id, Teacher.name, School.name, last_seen)
        .join(School, col(Teacher.school_id) == School.id, isouter=True)
        .join(contacts, contacts.c.teacher_id == Teacher.id, isouter=True)
        .where(col(Teacher.deleted_at).is_(None), Teacher.archived == False)  # noqa: E712
        .group_by(Teacher.id, Teacher.name, School.name)
        .having(
            or_(
                last_seen < cutoff,
                and_(last_seen.is_(None), col(Teacher.id).in_(open_cycles)),
            )
        )
    ).all()
    result = [
        NotSeen(teacher_id, name, school or "", _as_date(last))
        for teacher_id, name, school, last in rows
        if teacher_id not in booked
    ]
    return sorted(result, key=lambda n: (n.last_seen or date.min, n.teacher_name))


def _as_date(value) -> date | None:
    """MAX() over a UNION loses the column type on SQLite: dates come back as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _pilots_due(s, today: date) -> tuple[list[PilotDue], list[PilotDue]]:
    pilots = s.exec(
        select(
            Pilot.id,
            Pilot.tool,
            Pilot.start_date,
            Pilot.length_weeks,
            Pilot.status,
            Pilot.decision,
            Pilot.notice_date,
        ).where(col(Pilot.deleted_at).is_(None))
    ).all()
    awaiting, notices = [], []
    for pilot in pilots:
        ended = end_date(pilot.start_date, pilot.length_weeks)
        if awaiting_decision(
            pilot.start_date, pilot.length_weeks, pilot.status, pilot.decision, today
        ):
            awaiting.append(PilotDue(pilot.id, pilot.tool, ended, pilot.notice_date))
        if pilot.notice_date and pilot.notice_date >= today:
            notices.append(PilotDue(pilot.id, pilot.tool, ended, pilot.notice_date))
    awaiting.sort(key=lambda p: (p.ended_on, p.tool))
    notices.sort(key=lambda p: (p.notice_date, p.tool))
    return awaiting, notices
