"""Plain data for each PDF report, built from the other services; shareable notes only.

A report meant for a principal or a teacher must never carry a private note, so every note
is filtered here, before the data leaves the service layer: the renderers never see one.
"""

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date

from sqlalchemy import select as core_select
from sqlmodel import SQLModel, col, select

from app.models import (
    ActivityKind,
    CoachingCycle,
    CycleOutcome,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    MeasureKind,
    Note,
    Observation,
    PicratEngagement,
    PicratUse,
    Pilot,
    SamrLevel,
    Teacher,
    as_json_value,
)
from app.models.cycles import SESSION_LABELS, SESSION_ORDER
from app.services.activities import KIND_LABELS, activity_totals, list_activities
from app.services.calendar import school_year_bounds, school_year_of
from app.services.cycles import (
    MEASURE_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    CycleRow,
    cycle_detail,
    list_cycles,
)
from app.services.errors import NotFound, Refused
from app.services.evidence import EvidenceRow, evidence_bytes, list_evidence
from app.services.observations import (
    FORMAT_LABELS,
    SAMR_LABELS,
    TrendPoint,
    list_observation_notes,
    list_observations,
    observation_summary,
)
from app.services.pilots import (
    DECISION_LABELS,
    RESULT_LABELS,
    PilotDetail,
    list_pilots,
    pilot_detail,
)
from app.services.profile import get_profile
from app.services.teachers import get_teacher
from app.store import Store

# Raises to stop a long build (the GUI's Cancel); called between steps.
CancelCheck = Callable[[], None]

PICRAT_ENGAGEMENT = {
    PicratEngagement.PASSIVE: ("Passive", "students take in content: they watch, read or listen"),
    PicratEngagement.INTERACTIVE: (
        "Interactive",
        "students work with the content or with each other",
    ),
    PicratEngagement.CREATIVE: ("Creative", "students make something new with the technology"),
}
PICRAT_USE = {
    PicratUse.REPLACEMENT: ("Replacement", "the technology does what an older way did"),
    PicratUse.AMPLIFICATION: (
        "Amplification",
        "the technology makes the task quicker, richer or easier",
    ),
    PicratUse.TRANSFORMATION: (
        "Transformation",
        "the lesson could not happen without the technology",
    ),
}
SAMR_MEANINGS = {
    SamrLevel.SUBSTITUTION: "the technology stands in for a tool, with no change in the task",
    SamrLevel.AUGMENTATION: "the technology stands in for a tool and improves it",
    SamrLevel.MODIFICATION: "the technology lets the task be redesigned",
    SamrLevel.REDEFINITION: "the technology makes a new task possible",
}


# The pieces every report shares ------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """Who prepared the report, for whom, when, and on what paper."""

    coach: str
    title: str
    district: str
    paper_size: str  # "letter" or "a4"
    prepared_on: date


@dataclass(frozen=True)
class SharedNote:
    """A note marked shareable; `about` says what it was written on ("Model lesson")."""

    written_on: date
    about: str
    body: str


@dataclass(frozen=True)
class Photo:
    filename: str
    caption: str
    data: bytes
    width: int | None  # pixels, from the image header; None if unreadable
    height: int | None
    about: str = ""  # what it belongs to, for the portfolio's photo pages


@dataclass(frozen=True)
class ObservationLine:
    """One observation in a list: the day, the lesson and its time-on-task %."""

    id: uuid.UUID
    observed_on: date
    period: str
    lesson: str
    pct: float | None
    sweeps: int
    teacher_id: uuid.UUID | None = None
    cycle_id: uuid.UUID | None = None  # the cycle it is linked to, if any
    # Started live and not ended: its figure is not final, so no trend or average uses it.
    recording: bool = False


# Teacher coaching report -------------------------------------------------------------------


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
    """One coaching cycle as a principal may read it."""

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
    learning_target: str
    measure_label: str
    measure_description: str
    time_on_task: bool  # measured by time-on-task %, so baseline and target are percentages
    baseline: float | None
    target: float | None
    final: float | None
    goal_met: bool | None
    outcome_label: str
    next_steps: str
    abandoned_reason: str
    sessions: list[SessionLine]
    notes: list[SharedNote]  # shareable only
    trend: list[TrendPoint]  # the cycle's observations with a %
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
        """Final minus baseline, when both are known."""
        if self.baseline is None or self.final is None:
            return None
        return self.final - self.baseline


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


# Observation report ------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepLine:
    minute: int
    on_task: int
    present: int
    pct: float | None
    format_label: str
    note: str


@dataclass(frozen=True)
class ObservationReportData:
    byline: Byline
    observation_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    technology: str
    students_present: int | None
    interval_minutes: int
    time_on_task_pct: float | None
    lowest: tuple[int, float] | None  # (minute, %)
    highest: tuple[int, float] | None
    sweeps: list[SweepLine]
    sampling: str
    picrat: str  # "Interactive amplification (IA)", or "Not coded"
    picrat_meaning: str
    samr: str
    samr_meaning: str
    summary: str  # the coach's summary notes on the lesson
    notes: list[SharedNote]  # shareable evidence notes; `about` is "Minute 15" when known
    photos: list[Photo]
    cycle_label: str  # "Part of the cycle on Padlet exit tickets", or ""


# Pilot report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckLine:
    label: str
    result: str  # pass, fail, unknown
    result_label: str
    evidence: str
    essa: str | None


@dataclass(frozen=True)
class WeekUseLine:
    label: str  # "Sep 8" or "Wk 1"
    pct: float


@dataclass(frozen=True)
class SurveyLine:
    teacher_name: str
    pre_mean: float | None
    post_mean: float | None
    change: float | None


@dataclass(frozen=True)
class PilotReportData:
    byline: Byline
    pilot_id: uuid.UUID
    tool: str
    vendor: str
    learning_objective: str
    standards: str
    status_label: str
    start_date: date | None
    last_day: date | None
    length_weeks: int
    teachers: list[str]
    checks: list[CheckLine]
    essa: str | None
    cost_text: str
    cost_under_line: bool | None
    log_entries: int
    log_errors: int
    log_unresolved: int
    minutes_lost: int
    utilisation: list[WeekUseLine]  # weeks run so far
    utilisation_pct: float | None
    utilisation_text: str
    floor_pct: float
    surveys: list[SurveyLine]
    survey_summary: str
    recommendation: str
    recommendation_label: str
    reasons: list[str]
    awaiting_decision: bool
    decision_label: str | None
    rationale: str
    decision_date: date | None
    notice_text: str | None
    notes: list[SharedNote]  # shareable only
    photos: list[Photo]


# End-of-year portfolio ---------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityLine:
    occurred_on: date
    kind_label: str
    topic: str
    who: str
    minutes: int
    attendees: int | None


@dataclass(frozen=True)
class YearAtAGlance:
    teachers_coached: int  # in a cycle this year
    teachers_observed: int
    cycles: int
    cycles_by_status: dict[str, int]  # status label -> count, in status order
    observations: int
    mean_change: float | None  # final minus baseline, time-on-task cycles with both
    change_cycles: int
    pilots: int
    pilot_outcomes: list[str]  # "Padlet: Adopt", "Kahoot!: awaiting a decision"
    pd_sessions: int
    pd_hours: float
    pd_attendees: int
    contacts: int


@dataclass(frozen=True)
class PortfolioData:
    byline: Byline
    school_year: str
    first_day: date
    last_day: date
    glance: YearAtAGlance
    cycles: list[CycleReport]
    pilots: list[PilotReportData]
    activities: list[ActivityLine]
    photos: list[Photo] = field(default_factory=list)


# Building them -----------------------------------------------------------------------------


def byline(store: Store, today: date) -> Byline:
    profile = get_profile(store)
    return Byline(profile.name, profile.title, profile.district, profile.paper_size, today)


def teacher_report_data(
    store: Store, teacher_id: uuid.UUID, today: date, cycle_id: uuid.UUID | None = None
) -> TeacherReportData:
    """The teacher's current cycle (or the one chosen) for the principal."""
    teacher = get_teacher(store, teacher_id)  # NotFound when deleted
    cycles = list_cycles(store, today, teacher_id)
    if cycle_id is not None and cycle_id not in {c.id for c in cycles}:
        raise NotFound("That cycle is not one of this teacher's; pick one of theirs.")
    chosen = cycle_id or _current_cycle(cycles, today)
    observations = _observation_lines(store, teacher_id)
    trend = _trend(observations)
    cycle = None
    if chosen is not None:
        row = next(c for c in cycles if c.id == chosen)
        cycle = _cycle_reports(store, [row], today, observations)[0]
    first, last = school_year_bounds(school_year_of(today))
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
            f"{long_day(c.start_date)}: {cycle_title(c.focus, c.goal, c.teacher_name)} "
            f"({STATUS_LABELS.get(c.status, c.status)})"
            for c in cycles
            if c.id != chosen
        ],
        trend=[p for p in trend if p.observation_id in this_year],
        observations=[o for o in observations if o.id in this_year],
    )


def observation_report_data(
    store: Store, observation_id: uuid.UUID, today: date
) -> ObservationReportData:
    """One lesson for the teacher after the debrief: sweeps, codes, shareable notes, photos."""
    summary = observation_summary(store, observation_id)
    notes = [
        SharedNote(
            written_on=n.created_at.date(),
            about="" if n.minute is None else f"Minute {n.minute}",
            body=n.body,
        )
        for n in list_observation_notes(store, observation_id)
        if not n.is_private
    ]
    cycle_label = ""
    if summary.cycle_id is not None:
        try:
            detail = cycle_detail(store, summary.cycle_id, today)
        except NotFound:
            detail = None
        if detail is not None:
            title = cycle_title(detail.row.focus, detail.row.goal, detail.row.teacher_name)
            began = long_day(detail.row.start_date)
            cycle_label = f"Part of the cycle “{title}” that began {began}"
            session = next((s for s in detail.sessions if s.id == summary.session_id), None)
            if session is not None:
                cycle_label += f" ({session.label})"
            cycle_label += "."
    picrat, picrat_meaning = picrat_words(summary.picrat_engagement, summary.picrat_use)
    samr, samr_meaning = samr_words(summary.samr_level)
    return ObservationReportData(
        byline=byline(store, today),
        observation_id=summary.observation_id,
        teacher_name=summary.teacher_name,
        observed_on=summary.observed_on,
        period=summary.period,
        lesson=summary.lesson,
        technology=summary.technology,
        students_present=summary.students_present,
        interval_minutes=summary.interval_minutes,
        time_on_task_pct=summary.time_on_task_pct,
        lowest=(summary.lowest.minute, summary.lowest.pct) if summary.lowest else None,
        highest=(summary.highest.minute, summary.highest.pct) if summary.highest else None,
        sweeps=[
            SweepLine(
                minute=s.minute,
                on_task=s.on_task,
                present=s.present,
                pct=s.pct,
                format_label=FORMAT_LABELS.get(s.activity_format, "") if s.activity_format else "",
                note=s.note,
            )
            for s in summary.sweeps
        ],
        sampling=summary.sampling,
        picrat=picrat,
        picrat_meaning=picrat_meaning,
        samr=samr,
        samr_meaning=samr_meaning,
        summary=summary.notes,
        notes=notes,
        photos=_photos(store, list_evidence(store, observation_id=observation_id)),
        cycle_label=cycle_label,
    )


def pilot_report_data(
    store: Store, pilot_id: uuid.UUID, today: date, *, with_photos: bool = True
) -> PilotReportData:
    """One pilot for the principal or director: checks, use, surveys and the decision."""
    detail = pilot_detail(store, pilot_id, today)
    return _pilot_report(
        detail,
        byline(store, today),
        _shared_notes(store, pilot_ids=[pilot_id]).get(pilot_id, []),
        _photos(store, list_evidence(store, pilot_id=pilot_id)) if with_photos else [],
    )


def portfolio_data(
    store: Store, school_year: str, today: date, *, cancel: CancelCheck | None = None
) -> PortfolioData:
    """Everything of one school year ("2025-2026") for the coach's end-of-year portfolio."""
    cancel = cancel or _no_cancel
    first, last = school_year_bounds(school_year)
    cycle_rows = [c for c in list_cycles(store, today) if c.school_year == school_year]
    cycle_rows.sort(key=lambda c: (c.start_date, c.teacher_name.casefold()))
    all_obs = list_observations(store)
    year_obs = [o for o in all_obs if first <= o.observed_on <= last]
    cancel()
    cycles = _cycle_reports(store, cycle_rows, today, _lines_with_cycles(store, all_obs))
    pilot_rows = [
        p
        for p in list_pilots(store, today)
        if (p.start_date is not None and first <= p.start_date <= last)
        or (p.decision_date is not None and first <= p.decision_date <= last)
        or (p.start_date is None and first <= today <= last)
    ]
    pilot_rows.sort(key=lambda p: (p.start_date or date.max, p.tool.casefold()))
    notes = _shared_notes(store, pilot_ids=[p.id for p in pilot_rows])
    common = byline(store, today)
    pilots = []
    for row in pilot_rows:
        cancel()
        detail = pilot_detail(store, row.id, today)
        pilots.append(_pilot_report(detail, common, notes.get(row.id, []), []))
    activities = list_activities(store, school_year)
    totals = activity_totals(activities)
    cancel()
    photos = _year_photos(store, cycles, pilots, year_obs, cancel)
    by_status = dict.fromkeys(STATUS_LABELS.values(), 0)
    for row in cycle_rows:
        label = STATUS_LABELS.get(row.status, row.status)
        by_status[label] = by_status.get(label, 0) + 1
    changes = [c.change for c in cycles if c.time_on_task and c.change is not None]
    glance = YearAtAGlance(
        teachers_coached=len({c.teacher_id for c in cycle_rows}),
        teachers_observed=len({o.teacher_id for o in year_obs}),
        cycles=len(cycle_rows),
        cycles_by_status=by_status,
        observations=len(year_obs),
        mean_change=sum(changes) / len(changes) if changes else None,
        change_cycles=len(changes),
        pilots=len(pilots),
        pilot_outcomes=[f"{p.tool}: {pilot_outcome(p)}" for p in pilots],
        pd_sessions=totals.pd_sessions,
        pd_hours=totals.pd_hours,
        pd_attendees=totals.pd_attendees,
        contacts=totals.contacts,
    )
    return PortfolioData(
        byline=common,
        school_year=school_year,
        first_day=first,
        last_day=last,
        glance=glance,
        cycles=cycles,
        pilots=pilots,
        activities=[
            ActivityLine(
                a.occurred_on,
                KIND_LABELS.get(ActivityKind(a.kind), a.kind),
                a.topic,
                a.who,
                a.minutes,
                a.attendees,
            )
            for a in sorted(activities, key=lambda a: a.occurred_on)
        ],
        photos=photos,
    )


def pilot_outcome(pilot: PilotReportData) -> str:
    """The decision if there is one, else where the pilot stands."""
    if pilot.decision_label:
        return pilot.decision_label
    if pilot.awaiting_decision:
        return f"awaiting a decision (recommended: {pilot.recommendation_label})"
    return f"{pilot.status_label.lower()}, no decision yet"


# Finding what the coach named --------------------------------------------------------------


def resolve_teacher(store: Store, name_or_id: str) -> uuid.UUID:
    """The teacher with this id, full name, or (when only one matches) part of a name.

    Case and accents are ignored, so "nguyen thi huong" finds "Nguyễn Thị Hương".
    Raises NotFound when none matches and Refused, naming the matches, when several do.
    """
    text = name_or_id.strip()
    with store.session() as session:
        rows = session.exec(
            select(Teacher.id, Teacher.name)
            .where(col(Teacher.deleted_at).is_(None))
            .order_by(Teacher.name)
        ).all()
    by_id = _match_id(text, [r[0] for r in rows])
    if by_id is not None:
        return by_id
    for fold in (str.casefold, _plain):
        exact = [r for r in rows if fold(r[1].strip()) == fold(text)]
        if len(exact) == 1:
            return exact[0][0]
        if len(exact) > 1:
            raise Refused(_ambiguous(text, exact, "are called"))
    wanted = _plain(text)
    partial = [r for r in rows if wanted and wanted in _plain(r[1])]
    if len(partial) == 1:
        return partial[0][0]
    if partial:
        raise Refused(_ambiguous(text, partial, "match"))
    raise NotFound(
        f"No teacher called “{text}” is in the notebook. Check the spelling, or give the "
        "teacher's id (coachbook list teachers --json shows both)."
    )


def resolve_id(store: Store, model: type[SQLModel], text: str, what: str) -> uuid.UUID:
    """A live record's id from its full id, or from the first 6 or more of its characters."""
    with store.session() as session:
        ids = session.exec(select(model.id).where(col(model.deleted_at).is_(None))).all()
    found = _match_id(text.strip(), ids, what=what)
    if found is None:
        raise NotFound(
            f"No {what} has the id “{text.strip()}”. "
            f"coachbook list {what}s shows the ids of every {what}."
        )
    return found


def resolve_observation(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, Observation, text, "observation")


def resolve_pilot(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, Pilot, text, "pilot")


def resolve_cycle(store: Store, text: str) -> uuid.UUID:
    return resolve_id(store, CoachingCycle, text, "cycle")


# Every table for the CSV export ------------------------------------------------------------


@dataclass(frozen=True)
class TableDump:
    """One table's live rows as text cells, for a spreadsheet."""

    name: str
    columns: list[str]
    rows: list[list[str]]


# A goal used as a cycle's title is cut to this many characters.
GOAL_TITLE_LENGTH = 80
# Photos stay in the notebook: the CSV names each file and its size instead.
LEFT_OUT_COLUMNS = {"evidence_file": {"data"}}


def csv_table_names() -> list[str]:
    """The tables a CSV export writes, one `<name>.csv` each."""
    return [table.name for table in SQLModel.metadata.sorted_tables]


def csv_tables(
    store: Store, *, include_private: bool = False, cancel: CancelCheck | None = None
) -> list[TableDump]:
    """Every table, soft-deleted rows left out, in foreign-key order.

    Private notes are left out unless `include_private`: CSV files are easily shared.
    """
    cancel = cancel or _no_cancel
    dumps = []
    with store.session() as session:
        for table in SQLModel.metadata.sorted_tables:
            cancel()
            left_out = LEFT_OUT_COLUMNS.get(table.name, set())
            columns = [c for c in table.columns if c.name not in left_out]
            query = core_select(*columns)
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            if table.name == Note.__tablename__ and not include_private:
                query = query.where(table.c.is_private.is_(False))
            if "created_at" in table.c:
                query = query.order_by(table.c.created_at, table.c.id)
            rows = [[_cell(v) for v in row] for row in session.connection().execute(query)]
            dumps.append(TableDump(table.name, [c.name for c in columns], rows))
    return dumps


# Words -------------------------------------------------------------------------------------


def picrat_words(engagement: str | None, use: str | None) -> tuple[str, str]:
    """("Interactive amplification (IA)", what that means), or ("Not coded", "")."""
    if engagement not in PICRAT_ENGAGEMENT or use not in PICRAT_USE:
        return "Not coded", ""
    how, students = PICRAT_ENGAGEMENT[PicratEngagement(engagement)]
    what, technology = PICRAT_USE[PicratUse(use)]
    code = how[0] + what[0]
    return f"{how} {what.lower()} ({code})", f"{students.capitalize()}; {technology}."


def samr_words(level: str | None) -> tuple[str, str]:
    if level not in SAMR_MEANINGS:
        return "Not coded", ""
    return SAMR_LABELS[SamrLevel(level)], SAMR_MEANINGS[SamrLevel(level)].capitalize() + "."


def cycle_title(focus: str, goal: str, teacher_name: str) -> str:
    """A cycle's focus, else its goal, else "Coaching cycle with <teacher>"."""
    return cycle_subject(focus, goal) or f"Coaching cycle with {teacher_name}"


def cycle_subject(focus: str, goal: str) -> str:
    """The focus, else the goal's first line (shortened); "" when the cycle names neither."""
    if focus.strip():
        return " ".join(focus.split())
    first_line = next((line.strip() for line in goal.splitlines() if line.strip()), "")
    words = " ".join(first_line.split())
    return words if len(words) <= GOAL_TITLE_LENGTH else words[: GOAL_TITLE_LENGTH - 1] + "…"


def long_day(day: date) -> str:
    """ "Nov 3, 2026": month names fixed in English, whatever the machine's locale."""
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{month[day.month - 1]} {day.day}, {day.year}"


# Helpers -----------------------------------------------------------------------------------


def _no_cancel() -> None:
    return None


def _current_cycle(cycles, today: date) -> uuid.UUID | None:
    """An active cycle, else the latest begun, else the next planned one."""
    active = [c for c in cycles if c.status == CycleStatus.ACTIVE]
    if active:
        return max(active, key=lambda c: c.start_date).id
    begun = [c for c in cycles if c.start_date <= today]
    if begun:
        return max(begun, key=lambda c: c.start_date).id
    return min(cycles, key=lambda c: c.start_date).id if cycles else None


def _line(row, cycle_id: uuid.UUID | None = None) -> ObservationLine:
    return ObservationLine(
        row.id,
        row.observed_on,
        row.period,
        row.lesson,
        row.time_on_task_pct,
        row.sweeps,
        row.teacher_id,
        cycle_id,
        row.in_progress,
    )


def _lines_with_cycles(store: Store, rows) -> list[ObservationLine]:
    """Observation rows as lines, each with the cycle it is linked to, oldest first."""
    with store.session() as session:
        links = dict(
            session.exec(
                select(Observation.id, Observation.cycle_id).where(
                    col(Observation.cycle_id).is_not(None), col(Observation.deleted_at).is_(None)
                )
            ).all()
        )
    return sorted((_line(r, links.get(r.id)) for r in rows), key=lambda o: o.observed_on)


def _observation_lines(store: Store, teacher_id: uuid.UUID) -> list[ObservationLine]:
    return _lines_with_cycles(store, list_observations(store, teacher_id))


def _trend(lines: list[ObservationLine]) -> list[TrendPoint]:
    """The lines with a final time-on-task %, as the trend chart plots them."""
    return [
        TrendPoint(o.id, o.observed_on, o.pct, o.cycle_id)
        for o in lines
        if o.pct is not None and not o.recording
    ]


def _cycle_reports(
    store: Store, rows: list[CycleRow], today: date, observations: list[ObservationLine]
) -> list[CycleReport]:
    """Cycles as reports, read together: goals, sessions and shareable notes in one go."""
    ids = [row.id for row in rows]
    with store.session() as session:
        goals = {
            cycle.id: cycle
            for cycle in session.exec(select(CoachingCycle).where(col(CoachingCycle.id).in_(ids)))
        }
        visits: dict[uuid.UUID, list[CycleSession]] = {}
        for visit in session.exec(
            select(CycleSession).where(
                col(CycleSession.cycle_id).in_(ids), col(CycleSession.deleted_at).is_(None)
            )
        ):
            visits.setdefault(visit.cycle_id, []).append(visit)
        notes: dict[uuid.UUID, list[Note]] = {}
        for note in session.exec(
            select(Note)
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


def _cycle_report(
    row: CycleRow,
    cycle: CoachingCycle,
    visits: list[CycleSession],
    notes: list[Note],
    observations: list[ObservationLine],
    today: date,
) -> CycleReport:
    """One cycle; its observations are those linked to it or made during it."""
    lines = [
        o
        for o in observations
        if o.cycle_id == row.id
        or (o.cycle_id is None and row.start_date <= o.observed_on <= row.end_date)
    ]
    ordered = sorted(visits, key=lambda v: SESSION_ORDER.index(v.kind))
    labels = {v.id: SESSION_LABELS.get(CycleSessionKind(v.kind), v.kind) for v in ordered}
    outcome = ""
    if cycle.outcome:
        outcome = OUTCOME_LABELS.get(CycleOutcome(cycle.outcome), cycle.outcome)
    stopped = row.status == CycleStatus.ABANDONED
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
        learning_target=cycle.learning_target,
        measure_label=MEASURE_LABELS.get(cycle.measure_kind, cycle.measure_kind),
        measure_description=cycle.measure_description,
        time_on_task=cycle.measure_kind == MeasureKind.TIME_ON_TASK,
        baseline=cycle.baseline_value,
        target=cycle.target_value,
        final=cycle.final_value,
        goal_met=cycle.goal_met,
        outcome_label=outcome,
        next_steps=cycle.next_steps,
        abandoned_reason=cycle.abandoned_reason,
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
            SharedNote(_local_day(n.created_at), labels.get(n.session_id, ""), n.body)
            for n in notes
        ],
        trend=_trend(lines),
        observations=lines,
    )


def _session_state(visit: CycleSession, today: date, *, stopped: bool) -> str:
    if visit.done_on is not None:
        minutes = f", {visit.duration_minutes} min" if visit.duration_minutes else ""
        return f"Done {long_day(visit.done_on)}{minutes}"
    if stopped:
        return "Not held"
    return "Overdue" if visit.scheduled_date < today else "Planned"


def _local_day(moment) -> date:
    """The coach's calendar day of a stored UTC time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def _pilot_report(
    detail: PilotDetail, common: Byline, notes: list[SharedNote], photos: list[Photo]
) -> PilotReportData:
    row, usage, verdict = detail.row, detail.usage, detail.decision
    weeks = []
    for n, pct in enumerate(usage.week_pct):
        if pct is None:
            continue
        if usage.week_starts:
            start = usage.week_starts[n]
            label = long_day(start).rsplit(",", 1)[0]
        else:
            label = f"Wk {n + 1}"
        weeks.append(WeekUseLine(label, pct))
    essa = next((c.essa_label for c in detail.vetting.checks if c.essa_label), None)
    return PilotReportData(
        byline=common,
        pilot_id=row.id,
        tool=row.tool,
        vendor=row.vendor,
        learning_objective=detail.form.learning_objective,
        standards=detail.form.standards,
        status_label=row.status_label,
        start_date=row.start_date,
        last_day=row.last_day,
        length_weeks=row.length_weeks,
        teachers=[t.name for t in detail.teachers],
        checks=[
            CheckLine(
                c.label,
                c.result,
                RESULT_LABELS.get(c.result, c.result_label),
                c.evidence,
                c.essa_label,
            )
            for c in detail.vetting.checks
        ],
        essa=essa,
        cost_text=detail.vetting.cost.text,
        cost_under_line=detail.vetting.cost.under_line,
        log_entries=detail.log_totals.entries,
        log_errors=detail.log_totals.errors,
        log_unresolved=detail.log_totals.unresolved,
        minutes_lost=detail.log_totals.minutes_lost,
        utilisation=weeks,
        utilisation_pct=usage.utilisation_pct,
        utilisation_text=usage.summary,
        floor_pct=usage.floor_pct,
        surveys=[
            SurveyLine(t.teacher_name, t.pre_mean, t.post_mean, t.change)
            for t in detail.surveys.teachers
            if t.pre_mean is not None or t.post_mean is not None
        ],
        survey_summary=detail.surveys.summary,
        recommendation=verdict.recommendation,
        recommendation_label=verdict.recommendation_label,
        reasons=verdict.reasons,
        awaiting_decision=verdict.awaiting_decision,
        decision_label=DECISION_LABELS.get(verdict.decision) if verdict.decision else None,
        rationale=verdict.rationale,
        decision_date=verdict.decision_date,
        notice_text=verdict.notice_text,
        notes=notes,
        photos=photos,
    )


def _shared_notes(store: Store, *, pilot_ids: list[uuid.UUID]) -> dict[uuid.UUID, list]:
    """Shareable notes on these pilots, oldest first, by pilot."""
    if not pilot_ids:
        return {}
    with store.session() as session:
        notes = session.exec(
            select(Note)
            .where(
                col(Note.pilot_id).in_(pilot_ids),
                col(Note.is_private).is_(False),
                col(Note.deleted_at).is_(None),
            )
            .order_by(col(Note.created_at), col(Note.id))
        ).all()
    grouped: dict[uuid.UUID, list[SharedNote]] = {}
    for note in notes:
        grouped.setdefault(note.pilot_id, []).append(
            SharedNote(note.created_at.date(), "", note.body)
        )
    return grouped


def _photos(store: Store, rows: list[EvidenceRow], about: dict | None = None) -> list[Photo]:
    photos = []
    for row in rows:
        try:
            data = evidence_bytes(store, row.id)
        except NotFound:
            continue  # deleted since it was listed
        owner = row.observation_id or row.cycle_id or row.pilot_id
        photos.append(
            Photo(
                row.filename,
                row.caption,
                data,
                row.width,
                row.height,
                (about or {}).get(owner, ""),
            )
        )
    return photos


def _year_photos(
    store: Store,
    cycles: list[CycleReport],
    pilots: list[PilotReportData],
    observations,
    cancel: CancelCheck,
) -> list[Photo]:
    """Photos on the year's cycles, observations and pilots, each saying what it shows."""
    about: dict[uuid.UUID, str] = {}
    for cycle in cycles:
        about[cycle.id] = cycle.title_after(f"Cycle with {cycle.teacher_name}")
    for obs in observations:
        lesson = f", {obs.lesson}" if obs.lesson else ""
        about[obs.id] = f"Observation of {obs.teacher_name}, {long_day(obs.observed_on)}{lesson}"
    for pilot in pilots:
        about[pilot.pilot_id] = f"Pilot of {pilot.tool}"
    rows = [
        r for r in list_evidence(store) if (r.observation_id or r.cycle_id or r.pilot_id) in about
    ]
    cancel()
    return _photos(store, rows, about)


def _match_id(text: str, ids, *, what: str = "teacher") -> uuid.UUID | None:
    """The id `text` names in full, or by a unique start of 6 or more characters."""
    try:
        wanted = uuid.UUID(text)
    except ValueError:
        wanted = None
    if wanted is not None:
        return wanted if wanted in set(ids) else None
    prefix = text.replace("-", "").lower()
    if len(prefix) < 6 or any(ch not in "0123456789abcdef" for ch in prefix):
        return None
    found = [i for i in ids if i.hex.startswith(prefix)]
    if len(found) > 1:
        raise Refused(
            f"“{text}” is the start of {len(found)} {what} ids; give a few more characters."
        )
    return found[0] if found else None


def _plain(text: str) -> str:
    """Case and accents folded away: "Nguyễn" and "nguyen" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def _ambiguous(text: str, rows, verb: str) -> str:
    shown = "; ".join(f"{name} ({teacher_id})" for teacher_id, name in rows[:8])
    more = f" and {len(rows) - 8} more" if len(rows) > 8 else ""
    return (
        f"{len(rows)} teachers {verb} “{text}”: {shown}{more}. "
        "Give the full name, or the id in brackets."
    )


def _cell(value) -> str:
    """One value as spreadsheet text: ids with dashes, dates ISO 8601, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, uuid.UUID):
        return str(value)
    converted = as_json_value(value)
    return converted if isinstance(converted, str) else str(converted)
