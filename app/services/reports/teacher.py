"""The teacher coaching report's data: one cycle (the current or the chosen) for the principal."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from app.models import (
    CoachingCycle,
    CycleOutcome,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    MeasureKind,
    Note,
)
from app.models.cycles import SESSION_LABELS, SESSION_ORDER, is_session_overdue
from app.services.cycles import (
    MEASURE_LABELS,
    OUTCOME_LABELS,
    PEERS,
    STATUS_LABELS,
    CycleRow,
    list_cycles,
    shown_goal_met,
)
from app.services.errors import NotFound
from app.services.observations import TrendPoint
from app.services.profile import school_calendar
from app.services.reports.shared import (
    Byline,
    ObservationLine,
    SharedNote,
    byline,
    cycle_subject,
    cycle_title,
    local_day,
    observation_lines,
    trend_of,
)
from app.services.teachers import get_teacher
from app.store import Store
from app.text import full_date, minutes_short, shown_goal_value


@dataclass(frozen=True)
class SessionLine:
    label: str
    scheduled_on: date
    period: str
    done_on: date | None
    duration_minutes: int | None
    state: str  # "Done Nov 3, 2026, 40 min", "Overdue", "Planned" or "Not held"
    next_steps: str


@dataclass(frozen=True)
class CycleReport:
    """One coaching cycle as a principal may read it.

    Free text with no shareable switch stays in the notebook: why a cycle was abandoned and
    the teacher's profile notes are not carried here, nor a reflection kept private.
    """

    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    school: str
    focus: str
    status: str
    status_label: str
    start_date: date
    end_date: date
    length_weeks: int
    goal: str
    peers: list[tuple[str, bool]]  # Knight's PEERS checklist: ("Powerful", ticked), ...
    learning_target: str
    measure_label: str
    measure_description: str
    time_on_task: bool  # measured by time-on-task %, so baseline and target are percentages
    baseline: float | None
    target: float | None
    final: float | None
    goal_met: bool | None  # the numbers' answer when they give one, else the coach's
    outcome_label: str
    next_steps: str
    # An abandoned cycle: the day it stopped, or for one stopped before that day was kept,
    # the day its last session was held (None: none was held).
    stopped_on: date | None
    stopped_on_is_last_session: bool
    # The teacher's reflection when the coach ticked it shareable, else "".
    reflection: str
    sessions: list[SessionLine]
    notes: list[SharedNote]  # shareable only
    trend: list[TrendPoint]  # the cycle's observations with a %, none after it stopped
    observations: list[ObservationLine]

    @property
    def title(self) -> str:
        """What the cycle is about: its focus, else its goal, else whose cycle it is."""
        return cycle_title(self.focus, self.goal, self.teacher_name)

    def title_after(self, teacher_name: str) -> str:
        """The title for a line that begins with the teacher: "Ana Díaz: Padlet"."""
        subject = cycle_subject(self.focus, self.goal)
        return f"{teacher_name}: {subject}" if subject else self.title

    @property
    def change(self) -> float | None:
        """Final minus baseline as both are shown, when both are known."""
        if self.baseline is None or self.final is None:
            return None
        return shown_goal_value(self.final, self.time_on_task) - shown_goal_value(
            self.baseline, self.time_on_task
        )


@dataclass(frozen=True)
class TeacherReportData:
    byline: Byline
    teacher_id: uuid.UUID
    teacher_name: str
    school: str
    grades: str
    subjects: str
    room: str
    cycle: CycleReport | None  # None: no cycle with this teacher yet
    other_cycles: list[str]  # one line each: "Sep 8, 2026: Padlet exit tickets (Completed)"
    # With no cycle: the teacher's observations this school year, for the trend.
    trend: list[TrendPoint]
    observations: list[ObservationLine]


def teacher_report_data(
    store: Store, teacher_id: uuid.UUID, today: date, cycle_id: uuid.UUID | None = None
) -> TeacherReportData:
    """The teacher's current cycle (or the one chosen) for the principal."""
    teacher = get_teacher(store, teacher_id)  # NotFound when deleted
    cycles = list_cycles(store, today, teacher_id)
    if cycle_id is not None and cycle_id not in {c.id for c in cycles}:
        raise NotFound("That cycle is not one of this teacher's; pick one of theirs.")
    chosen = cycle_id or _current_cycle(cycles, today)
    observations = observation_lines(store, teacher_id)
    trend = trend_of(observations)
    cycle = None
    if chosen is not None:
        row = next(c for c in cycles if c.id == chosen)
        cycle = cycle_reports(store, [row], today, observations)[0]
    calendar = school_calendar(store)
    first, last = calendar.bounds(calendar.year_of(today))
    this_year = {o.id for o in observations if first <= o.observed_on <= last}
    return TeacherReportData(
        byline=byline(store, today),
        teacher_id=teacher.id,
        teacher_name=teacher.name,
        school=teacher.school,
        grades=teacher.grades,
        subjects=teacher.subjects,
        room=teacher.room,
        cycle=cycle,
        other_cycles=[
            f"{full_date(c.start_date)}: {cycle_title(c.focus, c.goal, c.teacher_name)} "
            f"({STATUS_LABELS.get(c.status, c.status)})"
            for c in cycles
            if c.id != chosen
        ],
        trend=[p for p in trend if p.observation_id in this_year],
        observations=[o for o in observations if o.id in this_year],
    )


def _current_cycle(cycles, today: date) -> uuid.UUID | None:
    """An active cycle, else the latest begun, else the next planned one."""
    active = [c for c in cycles if c.status == CycleStatus.ACTIVE]
    if active:
        return max(active, key=lambda c: c.start_date).id
    begun = [c for c in cycles if c.start_date <= today]
    if begun:
        return max(begun, key=lambda c: c.start_date).id
    return min(cycles, key=lambda c: c.start_date).id if cycles else None


def cycle_reports(
    store: Store, rows: list[CycleRow], today: date, observations: list[ObservationLine]
) -> list[CycleReport]:
    """Cycles as reports, read together: goals, sessions and shareable notes in one go.

    Rows are read as plain values named like the records' fields: a year's portfolio reads
    hundreds, and building each as a record is a large share of the time reading them takes.
    """
    ids = [row.id for row in rows]
    with store.session() as session:
        goals = {
            cycle.id: cycle
            for cycle in session.exec(
                _columns_of(CoachingCycle).where(col(CoachingCycle.id).in_(ids))
            )
        }
        visits: dict[uuid.UUID, list] = {}
        for visit in session.exec(
            _columns_of(CycleSession).where(
                col(CycleSession.cycle_id).in_(ids), col(CycleSession.deleted_at).is_(None)
            )
        ):
            visits.setdefault(visit.cycle_id, []).append(visit)
        notes: dict[uuid.UUID, list] = {}
        for note in session.exec(
            _columns_of(Note)
            .where(
                col(Note.cycle_id).in_(ids),
                col(Note.is_private).is_(False),  # private notes never leave the notebook
                col(Note.deleted_at).is_(None),
            )
            .order_by(col(Note.created_at), col(Note.id))
        ):
            notes.setdefault(note.cycle_id, []).append(note)
    by_teacher: dict[uuid.UUID, list[ObservationLine]] = {}
    for line in observations:
        by_teacher.setdefault(line.teacher_id, []).append(line)
    return [
        _cycle_report(
            row,
            goals[row.id],
            visits.get(row.id, []),
            notes.get(row.id, []),
            by_teacher.get(row.teacher_id, []),
            today,
        )
        for row in rows
    ]


def _columns_of(model):
    """A query for every column of `model`'s table, read as rows with the fields' names."""
    return select(*model.__table__.columns)


def _cycle_report(
    row: CycleRow,
    cycle,  # CoachingCycle's columns
    visits: list,  # CycleSession's
    notes: list,  # Note's
    observations: list[ObservationLine],
    today: date,
) -> CycleReport:
    """One cycle; its observations are those linked to it or made during it, and none made
    after it stopped (its last session when abandoned, its last day when completed)."""
    stopped = row.status == CycleStatus.ABANDONED
    held = [v.done_on for v in visits if v.done_on is not None]
    last_session = max(held) if stopped and held else None
    stopped_on = (cycle.stopped_on or last_session) if stopped else None
    last_day = _last_day(row, stopped_on, held)
    lines = [
        o
        for o in observations
        if (
            o.cycle_id == row.id
            or (o.cycle_id is None and row.start_date <= o.observed_on <= row.end_date)
        )
        and (last_day is None or o.observed_on <= last_day)
    ]
    ordered = sorted(visits, key=lambda v: SESSION_ORDER.index(v.kind))
    labels = {v.id: SESSION_LABELS.get(CycleSessionKind(v.kind), v.kind) for v in ordered}
    outcome = ""
    if cycle.outcome:
        outcome = OUTCOME_LABELS.get(CycleOutcome(cycle.outcome), cycle.outcome)
    return CycleReport(
        id=row.id,
        teacher_id=row.teacher_id,
        teacher_name=row.teacher_name,
        school=row.school,
        focus=row.focus,
        status=row.status,
        status_label=STATUS_LABELS.get(row.status, row.status),
        start_date=row.start_date,
        end_date=row.end_date,
        length_weeks=row.length_weeks,
        goal=cycle.goal,
        peers=[(label, getattr(cycle, name)) for name, label, _question in PEERS],
        learning_target=cycle.learning_target,
        measure_label=MEASURE_LABELS.get(cycle.measure_kind, cycle.measure_kind),
        measure_description=cycle.measure_description,
        time_on_task=cycle.measure_kind == MeasureKind.TIME_ON_TASK,
        baseline=cycle.baseline_value,
        target=cycle.target_value,
        final=cycle.final_value,
        goal_met=_goal_met(cycle),
        outcome_label=outcome,
        next_steps=cycle.next_steps,
        stopped_on=stopped_on,
        stopped_on_is_last_session=stopped and cycle.stopped_on is None,
        reflection=cycle.teacher_reflection if cycle.reflection_shareable else "",
        sessions=[
            SessionLine(
                labels[v.id],
                v.scheduled_date,
                v.period,
                v.done_on,
                v.duration_minutes,
                _session_state(v, today, stopped=stopped),
                v.next_steps,
            )
            for v in ordered
        ],
        notes=[
            SharedNote(local_day(n.created_at), labels.get(n.session_id, ""), n.body) for n in notes
        ],
        trend=trend_of(lines),
        observations=lines,
    )


def _last_day(row: CycleRow, stopped_on: date | None, held: list[date]) -> date | None:
    """The last day whose observations belong on the cycle's chart; None while it runs."""
    if row.status == CycleStatus.ABANDONED:
        return stopped_on or row.start_date
    if row.status == CycleStatus.COMPLETED:
        return max([row.end_date, *held])
    return None


def _goal_met(cycle) -> bool | None:  # a CoachingCycle, or a row of its columns
    return shown_goal_met(
        cycle.baseline_value, cycle.target_value, cycle.final_value, cycle.goal_met
    )


def _session_state(visit, today: date, *, stopped: bool) -> str:  # a CycleSession or its row
    if visit.done_on is not None:
        minutes = f", {minutes_short(visit.duration_minutes)}" if visit.duration_minutes else ""
        return f"Done {full_date(visit.done_on)}{minutes}"
    if stopped:
        return "Not held"
    return "Overdue" if is_session_overdue(visit.scheduled_date, None, today) else "Planned"
