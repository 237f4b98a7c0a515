"""The Today screen's lists: the day and week ahead, what is overdue, who needs a visit,
and the tools due for review."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

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
from app.models.tools import ToolRecommendation, ToolStatus
from app.services.calendar import SchoolCalendar, week_start
from app.services.collation import sort_key
from app.services.cycles.common import OPEN_STATUSES, cycle_end_date
from app.services.pilots.figures import LostTime
from app.services.profile import calendar_in
from app.services.tools.figures import Review, SemesterUse, review, semester_use
from app.services.tools.inventory import ToolState, load_tool_states, tool_row
from app.services.tools.semesters import (
    Semester,
    current_semester,
    last_ended_semester,
    semesters_of,
)
from app.store import Store

NOT_SEEN_DAYS = 30
# Teachers last seen longer ago than this are no longer on the coach's caseload.
CASELOAD_DAYS = 365
# A semester's review is listed from its last two weeks until 30 days after it ended.
REVIEW_OPENS_DAYS_BEFORE_END = 14
REVIEW_STAYS_DAYS_AFTER_END = 30


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


class ToolDueReason(StrEnum):
    """Why a tool is listed, most urgent first."""

    REVIEW_NOW = "review_now"  # unresolved errors have cost instruction time: at any date
    RENEWAL = "renewal"  # it renews within 60 days under 30%: at any date
    SUNSET_CANDIDATE = "sunset_candidate"  # under 30% over the semester under review
    SEMESTER_REVIEW = "semester_review"  # due for the semester's review, and clearing 30%


@dataclass(frozen=True)
class ToolDue:
    tool_id: uuid.UUID
    tool: str
    reason: ToolDueReason
    recommendation: ToolRecommendation
    advice: list[str]  # the semester review's reasons, as the Tools screen gives them
    semester: Semester  # the semester the utilisation is over
    utilisation_pct: float | None  # None: no teacher is licensed
    so_far: bool  # the semester had not ended on the day shown
    renewal_date: date | None


@dataclass(frozen=True)
class ToolsReview:
    """The tools Today lists for review, and when the semester review is open."""

    due: list[ToolDue]
    # The semester whose review is open on the day shown, and when it closes; or, when
    # none is, the day the next one opens.
    semester: Semester | None
    closes_on: date | None
    opens_on: date | None
    tools_in_use: int


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
    tools: ToolsReview


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
        tools = tools_review_in(s, today)
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
        tools=tools,
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


def review_semester(calendar: SchoolCalendar, today: date) -> Semester | None:
    """The semester whose review is open today: from its last two weeks (its last 14 days)
    to 30 days after its last day; the one that ended first when two are."""
    ended = last_ended_semester(calendar, today)
    if (today - ended.last_day).days <= REVIEW_STAYS_DAYS_AFTER_END:
        return ended
    current = current_semester(calendar, today)
    if not current.ended_by(today) and (current.last_day - today).days < (
        REVIEW_OPENS_DAYS_BEFORE_END
    ):
        return current
    return None


def review_opens_on(calendar: SchoolCalendar, today: date) -> date:
    """The day the next semester review opens, on a day when none is open: two weeks
    before this semester's end, or in the summer before the next year's first."""
    upcoming = current_semester(calendar, today)
    if upcoming.ended_by(today):
        next_year = calendar.year_of(calendar.bounds(upcoming.school_year)[1] + timedelta(days=1))
        upcoming = semesters_of(calendar, next_year)[0]
    return upcoming.last_day - timedelta(days=REVIEW_OPENS_DAYS_BEFORE_END - 1)


def tools_review_in(s, today: date) -> ToolsReview:
    """The tools to review on `today`, from the inventory's own rows and review rule (read
    in a few queries): at any date, those whose errors have cost instruction time and those
    flagged before a renewal; while a semester's review is open, its sunset candidates and
    the other tools due for it. A tool being sunset or retired is out of the review."""
    calendar = calendar_in(s)
    current, ended = current_semester(calendar, today), last_ended_semester(calendar, today)
    semester = review_semester(calendar, today)
    due, in_use = [], 0
    for state in load_tool_states(s):
        if state.tool.status != ToolStatus.IN_USE:
            continue
        row = tool_row(state, current, ended, today)
        in_use += 1
        listed = _due_at_any_date(state, row.review, row.semester, row.last_semester, today)
        if listed is None and semester is not None:
            listed = _due_for_semester(state, calendar, semester, today)
        if listed is not None:
            due.append(listed)
    due.sort(key=lambda d: (_REASON_ORDER[d.reason], d.renewal_date or date.max, sort_key(d.tool)))
    closes = semester.last_day + timedelta(days=REVIEW_STAYS_DAYS_AFTER_END) if semester else None
    opens = None if semester else review_opens_on(calendar, today)
    return ToolsReview(due, semester, closes, opens, in_use)


_REASON_ORDER = {reason: order for order, reason in enumerate(ToolDueReason)}


def _due_at_any_date(
    state: ToolState, verdict: Review, this: SemesterUse, last: SemesterUse, today: date
) -> ToolDue | None:
    tool = state.tool
    if verdict.recommendation == ToolRecommendation.REVIEW:
        reason = ToolDueReason.REVIEW_NOW
    else:
        # The renewal is flagged when the review without it would say something else.
        unrenewed = review(
            tool.status, tool.added_on, None, tool.notice_date, this, last, state.lost, today
        )
        if unrenewed == verdict:
            return None
        reason = ToolDueReason.RENEWAL
    return _due(state, reason, verdict, this, today)


def _due_for_semester(
    state: ToolState, calendar: SchoolCalendar, semester: Semester, today: date
) -> ToolDue | None:
    """The semester's review of the tool; before the semester ends, as it will stand on the
    day after on the use so far. Renewals and lost time are listed on their own."""
    tool = state.tool
    judged_on = today if semester.ended_by(today) else semester.last_day + timedelta(days=1)
    licensed = {t.id for t in state.teachers}
    over = semester_use(semester, licensed, state.usage, judged_on)
    after = semester_use(current_semester(calendar, judged_on), licensed, state.usage, judged_on)
    verdict = review(
        tool.status, tool.added_on, None, tool.notice_date, after, over, LostTime(), judged_on
    )
    if verdict.recommendation == ToolRecommendation.SUNSET:
        return _due(state, ToolDueReason.SUNSET_CANDIDATE, verdict, over, today)
    if verdict.recommendation == ToolRecommendation.KEEP:
        return _due(state, ToolDueReason.SEMESTER_REVIEW, verdict, over, today)
    return None  # pending: its first full semester is still to come


def _due(
    state: ToolState, reason: ToolDueReason, verdict: Review, use: SemesterUse, today: date
) -> ToolDue:
    return ToolDue(
        tool_id=state.tool.id,
        tool=state.tool.name,
        reason=reason,
        recommendation=ToolRecommendation(verdict.recommendation),
        advice=verdict.reasons,
        semester=use.semester,
        utilisation_pct=use.utilisation_pct,
        so_far=not use.semester.ended_by(today),
        renewal_date=state.tool.renewal_date,
    )
