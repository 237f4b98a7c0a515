"""Coaching cycles after Knight's Impact Cycle: start, schedule, goal, sessions, debrief."""

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from app.models import (
    CoachingCycle,
    CycleOutcome,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    MeasureKind,
    Note,
    School,
    Teacher,
    utc_now,
)
from app.models.cycles import SESSION_LABELS, SESSION_ORDER, derive_cycle_status
from app.services.activities import negative_message
from app.services.calendar import on_school_day, school_year_of
from app.services.errors import NotFound, ValidationError, check_unchanged
from app.services.records import live, restore
from app.store import Store

MEASURE_LABELS = {
    MeasureKind.TIME_ON_TASK: "Time-on-task %",
    MeasureKind.QUIZ_SCORE: "Quiz score",
    MeasureKind.EXIT_TICKET: "Exit ticket",
    MeasureKind.CUSTOM: "Custom measure",
}
STATUS_LABELS = {
    CycleStatus.PLANNED: "Planned",
    CycleStatus.ACTIVE: "Active",
    CycleStatus.COMPLETED: "Completed",
    CycleStatus.ABANDONED: "Abandoned",
}
OUTCOME_LABELS = {
    CycleOutcome.NEW_CYCLE: "Start a new cycle",
    CycleOutcome.EXTEND: "Extend this cycle",
    CycleOutcome.CLOSE: "Close: goal work is done",
}
OPEN_STATUSES = (CycleStatus.PLANNED, CycleStatus.ACTIVE)
PEERS = (
    ("peers_powerful", "Powerful", "Will reaching it make a real difference for students?"),
    ("peers_easy", "Easy", "Is it simple enough to say in one sentence and act on?"),
    ("peers_emotional", "Emotionally compelling", "Does the teacher care about it?"),
    ("peers_reachable", "Reachable", "Can it be measured and met in this cycle?"),
    ("peers_student_focused", "Student-focused", "Is it about what students do or learn?"),
)


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
    goal: "GoalInput"
    final_value: float | None
    goal_met: bool | None
    teacher_reflection: str
    next_steps: str
    outcome: str | None
    sessions: list[SessionRow]
    notes: list[NoteRow]
    updated_at: datetime

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


@dataclass
class GoalInput:
    goal: str = ""
    peers_powerful: bool = False
    peers_easy: bool = False
    peers_emotional: bool = False
    peers_reachable: bool = False
    peers_student_focused: bool = False
    learning_target: str = ""
    measure_kind: str = MeasureKind.TIME_ON_TASK
    measure_description: str = ""
    baseline_value: float | None = None
    target_value: float | None = None


@dataclass
class DebriefInput:
    final_value: float | None = None
    goal_met: bool | None = None
    teacher_reflection: str = ""
    next_steps: str = ""
    outcome: str | None = None
    done_on: date | None = None
    duration_minutes: int | None = None
    # With the "extend" outcome: how many weeks to add now (0: extended before, no more).
    extend_weeks: int = 0


@dataclass
class SessionDone:
    done_on: date
    duration_minutes: int | None = None
    next_steps: str | None = None  # None keeps what was written before


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


MAX_FOCUS_LENGTH = 200


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
        for visit in _sessions_of(session, cycle.id):
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


def _done_problems(done_on: date | None, minutes: int | None, today: date | None) -> dict[str, str]:
    """A session's day and length as typed: a length of 1 to 600 minutes, and a day no
    later than `today` when given (every form that takes a typed day gives it)."""
    problems = {}
    if done_on is None:
        problems["done_on"] = "Pick the day the session took place."
    elif today is not None and done_on > today:
        problems["done_on"] = (
            f"A session can't be done on a day still to come ({done_on:%a %b} {done_on.day}): "
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
    problems = _done_problems(done.done_on, done.duration_minutes, today)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        row = live(session, CycleSession, session_id, "session")
        row.done_on = done.done_on
        row.duration_minutes = done.duration_minutes
        if done.next_steps is not None:
            row.next_steps = done.next_steps.strip()
        _refresh_status(session, row.cycle_id)


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
        _refresh_status(session, row.cycle_id)


def save_goal(
    store: Store, cycle_id: uuid.UUID, goal: GoalInput, loaded_at: datetime | None = None
) -> None:
    """The cycle's goal; raises ChangedSinceOpened if the cycle changed after `loaded_at`."""
    problems = validate_goal(goal)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        check_unchanged(cycle, loaded_at, "cycle")
        for f in fields(GoalInput):
            value = getattr(goal, f.name)
            setattr(cycle, f.name, value.strip() if isinstance(value, str) else value)


def validate_goal(goal: GoalInput) -> dict[str, str]:
    problems = {}
    if goal.measure_kind not in {m.value for m in MeasureKind}:
        problems["measure_kind"] = "Choose how progress is measured."
    if goal.measure_kind == MeasureKind.CUSTOM and not goal.measure_description.strip():
        problems["measure_description"] = "Say how the custom measure works."
    percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
    for name in ("baseline_value", "target_value"):
        value = getattr(goal, name)
        if value is not None and percent and not 0 <= value <= 100:
            problems[name] = "Time-on-task is a percentage from 0 to 100."
        elif value is not None and value < 0:
            problems[name] = "Use a value of 0 or more."
    return problems


MAX_EXTEND_WEEKS = 8


def goal_met_by_numbers(
    baseline: float | None, target: float | None, final: float | None
) -> bool | None:
    """Whether the final value reaches the target, None when either is missing.

    A target below the baseline means lower is better (e.g. minutes lost to transitions);
    otherwise higher is better.
    """
    if target is None or final is None:
        return None
    if baseline is not None and target < baseline:
        return final <= target
    return final >= target


def goal_met_reason(goal: "GoalInput", final: float | None) -> str:
    """One sentence on what the numbers say about the goal, empty when they say nothing."""
    met = goal_met_by_numbers(goal.baseline_value, goal.target_value, final)
    if met is None:
        return ""
    percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
    shown = [f"{v:g}%" if percent else f"{v:g}" for v in (final, goal.target_value)]
    lower = goal.baseline_value is not None and goal.target_value < goal.baseline_value
    better = "lower is better" if lower else "higher is better"
    if met:
        return f"The final {shown[0]} reaches the {shown[1]} target ({better})."
    return f"The final {shown[0]} falls short of the {shown[1]} target ({better})."


def debrief_contradiction(goal: "GoalInput", debrief: "DebriefInput") -> str | None:
    """Why "goal met" disagrees with the numbers, or None when it does not."""
    met = goal_met_by_numbers(goal.baseline_value, goal.target_value, debrief.final_value)
    if met is None or debrief.goal_met is None or debrief.goal_met == met:
        return None
    said = "Yes" if debrief.goal_met else "Not yet"
    return f"{goal_met_reason(goal, debrief.final_value)} Yet “Goal met” says {said}."


def extension_dates(detail: "CycleDetail", weeks: int) -> tuple[date, date | None]:
    """Where an extension by `weeks` puts the cycle's last day and its debrief."""
    end = detail.row.end_date + timedelta(weeks=weeks)
    debrief = next((s for s in detail.sessions if s.kind == CycleSessionKind.DEBRIEF), None)
    if debrief is None:
        return end, None
    return end, on_school_day(debrief.scheduled_date + timedelta(weeks=weeks))


def record_debrief(
    store: Store,
    cycle_id: uuid.UUID,
    debrief: DebriefInput,
    today: date | None = None,
    loaded_at: datetime | None = None,
) -> None:
    """The reflective debrief: final value, goal met, reflection, next steps, what comes next.

    Extending lengthens the cycle and moves its debrief as many weeks later, not done yet:
    the conversation that decided it is kept as the reflection and next steps. A cycle
    changed after `loaded_at` (the `updated_at` the form showed) raises ChangedSinceOpened.
    """
    problems = {}
    if debrief.outcome is not None and debrief.outcome not in {o.value for o in CycleOutcome}:
        problems["outcome"] = "Choose what comes next: a new cycle, extend, or close."
    extending = debrief.outcome == CycleOutcome.EXTEND
    if extending and not 0 <= debrief.extend_weeks <= MAX_EXTEND_WEEKS:
        problems["extend_weeks"] = f"Extend by 1 to {MAX_EXTEND_WEEKS} weeks."
    if debrief.final_value is not None and debrief.final_value < 0:
        problems["final_value"] = "Use a final value of 0 or more."
    if debrief.done_on is not None and not (extending and debrief.extend_weeks):
        problems.update(_done_problems(debrief.done_on, debrief.duration_minutes, today))
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        check_unchanged(cycle, loaded_at, "cycle")
        if (
            debrief.final_value is not None
            and cycle.measure_kind == MeasureKind.TIME_ON_TASK
            and not 0 <= debrief.final_value <= 100
        ):
            raise ValidationError({"final_value": "Time-on-task is a percentage from 0 to 100."})
        if extending and debrief.extend_weeks == 0 and cycle.outcome != CycleOutcome.EXTEND:
            raise ValidationError({"extend_weeks": "Choose how many weeks to extend by."})
        cycle.final_value = debrief.final_value
        cycle.goal_met = debrief.goal_met
        cycle.teacher_reflection = debrief.teacher_reflection.strip()
        cycle.next_steps = debrief.next_steps.strip()
        cycle.outcome = debrief.outcome
        last = session.exec(
            select(CycleSession).where(
                CycleSession.cycle_id == cycle.id,
                CycleSession.kind == CycleSessionKind.DEBRIEF,
                col(CycleSession.deleted_at).is_(None),
            )
        ).first()
        if extending and debrief.extend_weeks:
            cycle.length_weeks += debrief.extend_weeks
            if last is not None:
                last.scheduled_date = on_school_day(
                    last.scheduled_date + timedelta(weeks=debrief.extend_weeks)
                )
                last.done_on = None
                last.duration_minutes = None
        elif debrief.done_on is not None and last is not None:
            last.done_on = debrief.done_on
            last.duration_minutes = debrief.duration_minutes
        _refresh_status(session, cycle.id)


def abandon_cycle(store: Store, cycle_id: uuid.UUID, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(
            {"reason": "Say briefly why the cycle stopped; it helps at year end."}
        )
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        cycle.status = CycleStatus.ABANDONED
        cycle.status_overridden = True
        cycle.abandoned_reason = reason.strip()


def override_status(store: Store, cycle_id: uuid.UUID, status: str | None) -> None:
    """Set the status by hand, or (None) go back to deriving it from the sessions."""
    if status == CycleStatus.ABANDONED:
        raise ValidationError({"status": "To abandon a cycle, use Abandon and say why."})
    if status is not None and status not in {s.value for s in CycleStatus}:
        raise ValidationError({"status": "Choose planned, active or completed."})
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        cycle.status_overridden = status is not None
        # A cycle taken up again is no longer abandoned, so its old reason goes.
        cycle.abandoned_reason = ""
        if status is None:
            _refresh_status(session, cycle.id)
        else:
            cycle.status = status


def add_note(
    store: Store,
    body: str,
    *,
    cycle_id: uuid.UUID,
    session_id: uuid.UUID | None = None,
    is_private: bool = True,
) -> uuid.UUID:
    """A coaching note, private unless marked shareable."""
    if not body.strip():
        raise ValidationError({"body": "The note is empty; type something to keep."})
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        if session_id is not None:
            visit = live(session, CycleSession, session_id, "session")
            if visit.cycle_id != cycle.id:
                raise NotFound("That session belongs to another cycle.")
        note = Note(
            body=body,
            is_private=is_private,
            cycle_id=cycle.id,
            session_id=session_id,
            teacher_id=cycle.teacher_id,
        )
        session.add(note)
        return note.id


def set_note_private(store: Store, note_id: uuid.UUID, is_private: bool) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").is_private = is_private


def delete_note(store: Store, note_id: uuid.UUID) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").deleted_at = utc_now()


def restore_note(store: Store, note_id: uuid.UUID) -> None:
    restore(store, Note, note_id, "note")


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
        return [
            _cycle_row(cycle, teacher, school or "", by_cycle.get(cycle.id, []))
            for cycle, teacher, school in session.exec(query)
        ]


def cycle_detail(store: Store, cycle_id: uuid.UUID, today: date) -> CycleDetail:
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        teacher = session.get(Teacher, cycle.teacher_id)
        school = session.get(School, teacher.school_id) if teacher and teacher.school_id else None
        sessions = _sessions_of(session, cycle.id)
        notes = session.exec(
            select(Note)
            .where(Note.cycle_id == cycle.id, col(Note.deleted_at).is_(None))
            .order_by(Note.created_at)
        ).all()
        return CycleDetail(
            row=_cycle_row(
                cycle, teacher.name if teacher else "", school.name if school else "", sessions
            ),
            status_overridden=cycle.status_overridden,
            abandoned_reason=cycle.abandoned_reason,
            goal=GoalInput(**{f.name: getattr(cycle, f.name) for f in fields(GoalInput)}),
            final_value=cycle.final_value,
            goal_met=cycle.goal_met,
            teacher_reflection=cycle.teacher_reflection,
            next_steps=cycle.next_steps,
            outcome=cycle.outcome,
            sessions=[_session_row(s, today) for s in sessions],
            notes=[NoteRow(n.id, n.body, n.is_private, n.created_at, n.session_id) for n in notes],
            updated_at=cycle.updated_at,
        )


def session_row(store: Store, session_id: uuid.UUID, today: date) -> SessionRow:
    with store.session() as session:
        return _session_row(live(session, CycleSession, session_id, "session"), today)


def _sessions_of(session: Session, cycle_id: uuid.UUID) -> list[CycleSession]:
    rows = session.exec(
        select(CycleSession).where(
            CycleSession.cycle_id == cycle_id, col(CycleSession.deleted_at).is_(None)
        )
    ).all()
    return sorted(rows, key=lambda s: SESSION_ORDER.index(s.kind))


def _refresh_status(session: Session, cycle_id: uuid.UUID) -> None:
    session.flush()
    cycle = session.get(CoachingCycle, cycle_id)
    if cycle is not None and not cycle.status_overridden:
        cycle.status = derive_cycle_status(
            [s.done_on is not None for s in _sessions_of(session, cycle_id)]
        )


def _cycle_row(
    cycle: CoachingCycle, teacher: str, school: str, sessions: list[CycleSession]
) -> CycleRow:
    ordered = sorted(sessions, key=lambda s: SESSION_ORDER.index(s.kind))
    pending = [s.scheduled_date for s in ordered if s.done_on is None]
    return CycleRow(
        id=cycle.id,
        teacher_id=cycle.teacher_id,
        teacher_name=teacher,
        school=school,
        start_date=cycle.start_date,
        end_date=cycle.start_date + timedelta(weeks=cycle.length_weeks, days=-1),
        length_weeks=cycle.length_weeks,
        status=cycle.status,
        focus=cycle.focus,
        goal=cycle.goal,
        sessions_done=tuple(s.done_on is not None for s in ordered),
        next_date=min(pending) if pending and cycle.status in OPEN_STATUSES else None,
        school_year=school_year_of(cycle.start_date),
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
        overdue=row.done_on is None and row.scheduled_date < today,
    )
