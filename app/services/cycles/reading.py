"""Cycles as the screens and reports read them: the list, one cycle's detail, one session."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from app.models import CoachingCycle, CycleSession, CycleSessionKind, Note, School, Teacher
from app.models.cycles import SESSION_LABELS, SESSION_ORDER, is_session_overdue
from app.services.calendar import SchoolCalendar
from app.services.cycles.common import OPEN_STATUSES, cycle_end_date, sessions_of
from app.services.cycles.goal import GoalInput, goal_of, shown_goal_met
from app.services.profile import calendar_in
from app.services.records import live
from app.store import Store


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    cycle_id: uuid.UUID
    kind: str
    label: str
    scheduled_date: date
    period: str
    room: str
    done_on: date | None
    duration_minutes: int | None
    next_steps: str
    overdue: bool


@dataclass(frozen=True)
class NoteRow:
    id: uuid.UUID
    body: str
    is_private: bool
    created_at: datetime
    session_id: uuid.UUID | None


@dataclass(frozen=True)
class CycleRow:
    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    school: str
    start_date: date
    end_date: date
    length_weeks: int
    status: str
    focus: str
    goal: str
    sessions_done: tuple[bool, ...]
    next_date: date | None
    school_year: str

    @property
    def progress_text(self) -> str:
        return f"{sum(self.sessions_done)} of {len(self.sessions_done)}"


@dataclass(frozen=True)
class CycleDetail:
    row: CycleRow
    status_overridden: bool
    abandoned_reason: str
    goal: GoalInput
    final_value: float | None
    goal_met: bool | None
    teacher_reflection: str
    reflection_shareable: bool
    next_steps: str
    outcome: str | None
    sessions: list[SessionRow]
    notes: list[NoteRow]
    updated_at: datetime

    @property
    def goal_met_shown(self) -> bool | None:
        """What "Goal met" says (the debrief form edits `goal_met`, the coach's answer)."""
        return shown_goal_met(
            self.goal.baseline_value, self.goal.target_value, self.final_value, self.goal_met
        )

    @property
    def period(self) -> str:
        """Where the cycle meets now: the next session not done (else the last one)."""
        return self._where()[0]

    @property
    def room(self) -> str:
        return self._where()[1]

    def _where(self) -> tuple[str, str]:
        pending = [s for s in self.sessions if s.done_on is None]
        chosen = pending[0] if pending else (self.sessions[-1] if self.sessions else None)
        return (chosen.period, chosen.room) if chosen else ("", "")


def list_cycles(store: Store, today: date, teacher_id: uuid.UUID | None = None) -> list[CycleRow]:
    """Every cycle (or one teacher's), newest first, with progress and next date."""
    with store.session() as session:
        query = (
            select(CoachingCycle, Teacher.name, School.name)
            .join(Teacher, col(CoachingCycle.teacher_id) == Teacher.id)
            .join(School, col(Teacher.school_id) == School.id, isouter=True)
            .where(col(CoachingCycle.deleted_at).is_(None), col(Teacher.deleted_at).is_(None))
            .order_by(col(CoachingCycle.start_date).desc(), col(CoachingCycle.created_at).desc())
        )
        sessions_query = select(CycleSession).where(col(CycleSession.deleted_at).is_(None))
        if teacher_id is not None:
            query = query.where(CoachingCycle.teacher_id == teacher_id)
            sessions_query = sessions_query.join(
                CoachingCycle, col(CycleSession.cycle_id) == CoachingCycle.id
            ).where(CoachingCycle.teacher_id == teacher_id)
        by_cycle: dict[uuid.UUID, list[CycleSession]] = {}
        for row in session.exec(sessions_query):
            by_cycle.setdefault(row.cycle_id, []).append(row)
        calendar = calendar_in(session)
        return [
            _cycle_row(cycle, teacher, school or "", by_cycle.get(cycle.id, []), calendar)
            for cycle, teacher, school in session.exec(query)
        ]


def cycle_detail(store: Store, cycle_id: uuid.UUID, today: date) -> CycleDetail:
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        teacher = session.get(Teacher, cycle.teacher_id)
        school = session.get(School, teacher.school_id) if teacher and teacher.school_id else None
        sessions = sessions_of(session, cycle.id)
        notes = session.exec(
            select(Note)
            .where(Note.cycle_id == cycle.id, col(Note.deleted_at).is_(None))
            .order_by(Note.created_at)
        ).all()
        return CycleDetail(
            row=_cycle_row(
                cycle,
                teacher.name if teacher else "",
                school.name if school else "",
                sessions,
                calendar_in(session),
            ),
            status_overridden=cycle.status_overridden,
            abandoned_reason=cycle.abandoned_reason,
            goal=goal_of(cycle),
            final_value=cycle.final_value,
            goal_met=cycle.goal_met,
            teacher_reflection=cycle.teacher_reflection,
            reflection_shareable=cycle.reflection_shareable,
            next_steps=cycle.next_steps,
            outcome=cycle.outcome,
            sessions=[_session_row(s, today) for s in sessions],
            notes=[NoteRow(n.id, n.body, n.is_private, n.created_at, n.session_id) for n in notes],
            updated_at=cycle.updated_at,
        )


def _cycle_row(
    cycle: CoachingCycle,
    teacher: str,
    school: str,
    sessions: list[CycleSession],
    calendar: SchoolCalendar,
) -> CycleRow:
    ordered = sorted(sessions, key=lambda s: SESSION_ORDER.index(s.kind))
    pending = [s.scheduled_date for s in ordered if s.done_on is None]
    return CycleRow(
        id=cycle.id,
        teacher_id=cycle.teacher_id,
        teacher_name=teacher,
        school=school,
        start_date=cycle.start_date,
        end_date=cycle_end_date(cycle.start_date, cycle.length_weeks),
        length_weeks=cycle.length_weeks,
        status=cycle.status,
        focus=cycle.focus,
        goal=cycle.goal,
        sessions_done=tuple(s.done_on is not None for s in ordered),
        next_date=min(pending) if pending and cycle.status in OPEN_STATUSES else None,
        school_year=calendar.year_of(cycle.start_date),
    )


def _session_row(row: CycleSession, today: date) -> SessionRow:
    return SessionRow(
        id=row.id,
        cycle_id=row.cycle_id,
        kind=row.kind,
        label=SESSION_LABELS.get(CycleSessionKind(row.kind), row.kind),
        scheduled_date=row.scheduled_date,
        period=row.period,
        room=row.room,
        done_on=row.done_on,
        duration_minutes=row.duration_minutes,
        next_steps=row.next_steps,
        overdue=is_session_overdue(row.scheduled_date, row.done_on, today),
    )
