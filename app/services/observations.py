"""Classroom observations: the live time-on-task recorder, corrections, summaries and trends.

Every function takes the time (`now`) from its caller, so a test can play a whole lesson on a
fake clock. Times are stored and returned as UTC; a naive time is taken to be UTC already.
The live timer is never kept in memory: `live_state` derives it from the stored start time,
pauses and sweeps, so after a crash it picks up where the lesson stands.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, case, func, insert, update
from sqlmodel import Session, col, select

from app.models import (
    ActivityFormat,
    CoachingCycle,
    CycleSession,
    CycleSessionKind,
    MeasureKind,
    Note,
    Observation,
    ObservationInterval,
    PicratEngagement,
    PicratUse,
    SamrLevel,
    Teacher,
    time_on_task_pct,
)
from app.models.base import as_utc
from app.models.cycles import SESSION_LABELS
from app.models.observations import interval_pct
from app.services.errors import NotFound, Refused, ValidationError
from app.services.records import live, restore
from app.store import Store

FORMAT_LABELS = {
    ActivityFormat.WHOLE_GROUP: "Whole group",
    ActivityFormat.SMALL_GROUP: "Small group",
    ActivityFormat.INDEPENDENT: "Independent",
    ActivityFormat.TRANSITION: "Transition",
}
SAMR_LABELS = {
    SamrLevel.SUBSTITUTION: "Substitution",
    SamrLevel.AUGMENTATION: "Augmentation",
    SamrLevel.MODIFICATION: "Modification",
    SamrLevel.REDEFINITION: "Redefinition",
}
MAX_STUDENTS = 200
MIN_INTERVAL, MAX_INTERVAL = 1, 30
FORMATS = frozenset(f.value for f in ActivityFormat)
ENGAGEMENTS = frozenset(e.value for e in PicratEngagement)
USES = frozenset(u.value for u in PicratUse)
SAMR_LEVELS = frozenset(s.value for s in SamrLevel)


@dataclass
class ObservationStart:
    teacher_id: uuid.UUID
    observed_on: date
    period: str = ""
    lesson: str = ""
    students_present: int | None = None
    interval_minutes: int = 5
    technology: str = ""
    cycle_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None


@dataclass
class SweepInput:
    """One row of a paper form: its minute, if not given, comes from its place in the list."""

    on_task: int
    present: int
    activity_format: str | None = None
    note: str = ""
    minute: int | None = None


@dataclass(frozen=True)
class SweepRow:
    id: uuid.UUID
    observation_id: uuid.UUID
    index: int
    minute: int
    on_task: int
    present: int
    activity_format: str | None
    note: str
    recorded_at: datetime
    pct: float | None


@dataclass(frozen=True)
class SweepPoint:
    """The lowest or highest sweep of a lesson."""

    index: int
    minute: int
    pct: float


@dataclass(frozen=True)
class LiveState:
    observation_id: uuid.UUID
    started_at: datetime
    elapsed_seconds: int
    paused: bool
    interval_minutes: int
    sweeps_recorded: int
    next_mark_minute: int
    seconds_to_next_mark: int
    missed_marks: list[int]
    ended: bool
    # The mark whose time has come has no sweep yet: prompt the coach to sweep the room.
    sweep_due: bool


@dataclass(frozen=True)
class ObservationSummary:
    observation_id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    technology: str
    students_present: int | None
    interval_minutes: int
    started_at: datetime | None
    ended_at: datetime | None
    time_on_task_pct: float | None
    lowest: SweepPoint | None
    highest: SweepPoint | None
    sweeps: list[SweepRow]
    sampling: str
    picrat_engagement: str | None
    picrat_use: str | None
    samr_level: str | None
    notes: str
    cycle_id: uuid.UUID | None
    session_id: uuid.UUID | None


@dataclass
class SweepEdit:
    """One row of the sweep table: an existing sweep (with its id) or a new one (id None)."""

    id: uuid.UUID | None
    minute: int
    on_task: int
    present: int
    activity_format: str | None = None
    note: str = ""


@dataclass(frozen=True)
class ObservationRow:
    id: uuid.UUID
    teacher_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    time_on_task_pct: float | None
    sweeps: int
    ended: bool
    # Started live and not ended yet: the recorder can pick it up again.
    in_progress: bool = False


@dataclass(frozen=True)
class EvidenceNote:
    """A time-stamped evidence note jotted during (or after) the lesson."""

    id: uuid.UUID
    body: str
    is_private: bool
    created_at: datetime
    # Clock minutes after the lesson started; None for a lesson typed in from paper.
    minute: int | None


@dataclass(frozen=True)
class LinkChoice:
    """A cycle session an observation can be linked to."""

    cycle_id: uuid.UUID
    session_id: uuid.UUID | None
    label: str


@dataclass(frozen=True)
class TrendPoint:
    observation_id: uuid.UUID
    observed_on: date
    pct: float
    cycle_id: uuid.UUID | None


@dataclass(frozen=True)
class TrendGoal:
    """The baseline and target of the teacher's latest time-on-task cycle, for the trend."""

    cycle_id: uuid.UUID
    start_date: date
    baseline: float | None
    target: float | None


class MarkAlreadySwept(Refused):
    """The mark in progress has a sweep already; `sweep` is that sweep."""

    def __init__(self, sweep: "SweepRow", mark: int):
        super().__init__(
            f"The {mark}-min mark already has a sweep ({sweep.on_task} of {sweep.present} on "
            "task). Replace it, or keep it and wait for the next mark."
        )
        self.sweep = sweep
        self.mark = mark


_INTERVALS = ObservationInterval.__table__
_INSERT_INTERVAL = insert(_INTERVALS)
_SOFT_DELETE_INTERVAL = (
    update(_INTERVALS)
    .where(_INTERVALS.c.id == bindparam("interval_id"), _INTERVALS.c.deleted_at.is_(None))
    .values(deleted_at=bindparam("now"), updated_at=bindparam("now"))
)
# Sweeps are numbered while some rows sit here, so no two live rows share an index meanwhile.
_PARKED_INDEX = -1_000_000
_CLOCK_AND_LAST_INDEX = select(
    Observation.started_at,
    Observation.paused_at,
    Observation.paused_seconds,
    Observation.ended_at,
    Observation.interval_minutes,
    select(func.max(_INTERVALS.c.index))
    .where(
        _INTERVALS.c.observation_id == bindparam("observation_id"),
        _INTERVALS.c.deleted_at.is_(None),
    )
    .scalar_subquery(),
).where(Observation.id == bindparam("observation_id"), col(Observation.deleted_at).is_(None))
_SWEEP_AT_MARK = (
    select(_INTERVALS)
    .where(
        _INTERVALS.c.observation_id == bindparam("observation_id"),
        _INTERVALS.c.deleted_at.is_(None),
        _INTERVALS.c.minute >= bindparam("from_minute"),
        _INTERVALS.c.minute < bindparam("to_minute"),
    )
    .order_by(_INTERVALS.c.index.desc())
    .limit(1)
)


# Starting, pausing, ending ----------------------------------------------------------------


def start_observation(store: Store, plan: ObservationStart, now: datetime) -> uuid.UUID:
    """Begin an observation now; returns its id."""
    problems = _plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        return _new_observation(session, plan, started_at=as_utc(now)).id


def _new_observation(
    session: Session, plan: ObservationStart, started_at: datetime | None
) -> Observation:
    teacher = live(session, Teacher, plan.teacher_id, "teacher")
    cycle_id = _checked_link(session, teacher.id, plan.cycle_id, plan.session_id)
    observation = Observation(
        teacher_id=teacher.id,
        cycle_id=cycle_id,
        session_id=plan.session_id,
        observed_on=plan.observed_on,
        period=plan.period.strip(),
        lesson=plan.lesson.strip(),
        students_present=plan.students_present,
        interval_minutes=plan.interval_minutes,
        technology=plan.technology.strip(),
        started_at=started_at,
    )
    session.add(observation)
    session.flush()
    return observation


def _plan_problems(plan: ObservationStart) -> dict[str, str]:
    problems = {}
    if plan.teacher_id is None:
        problems["teacher_id"] = "Pick the teacher you are observing."
    if plan.observed_on is None:
        problems["observed_on"] = "Pick the day of the lesson."
    if plan.students_present is not None and not 0 <= plan.students_present <= MAX_STUDENTS:
        problems["students_present"] = (
            f"Enter how many students are in the room, from 0 to {MAX_STUDENTS}, or leave it empty."
        )
    if not MIN_INTERVAL <= plan.interval_minutes <= MAX_INTERVAL:
        problems["interval_minutes"] = (
            f"Choose a sweep every {MIN_INTERVAL} to {MAX_INTERVAL} minutes (5 is usual)."
        )
    return problems


def add_paper_observation(
    store: Store, plan: ObservationStart, sweeps: list[SweepInput], now: datetime
) -> uuid.UUID:
    """A lesson typed in afterwards from a paper form: no live clock; the lesson and its
    sweeps are saved together, or (if anything is wrong) nothing is."""
    problems = paper_plan_problems(plan, now) | _paper_problems(sweeps)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        observation = _new_observation(session, plan, started_at=None)
        _insert_paper_rows(session, observation, 0, sweeps, now)
        return observation.id


def paper_plan_problems(plan: ObservationStart, now: datetime) -> dict[str, str]:
    """What is wrong with a paper form's details, before its sweeps are typed in."""
    problems = _plan_problems(plan)
    today = as_utc(now).astimezone().date()  # the coach's own calendar day
    if plan.observed_on is not None and plan.observed_on > today:
        problems["observed_on"] = (
            "An observation from paper can't be in the future: pick the day of the lesson."
        )
    return problems


def update_observation(store: Store, observation_id: uuid.UUID, plan: ObservationStart) -> None:
    """Correct the lesson's details (teacher, day, period, lesson, students, technology)."""
    problems = _plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        teacher = live(session, Teacher, plan.teacher_id, "teacher")
        if teacher.id != obs.teacher_id:
            # A new teacher: a link to the old teacher's cycle would be wrong now.
            obs.cycle_id = obs.session_id = None
        obs.teacher_id = teacher.id
        obs.observed_on = plan.observed_on
        obs.period = plan.period.strip()
        obs.lesson = plan.lesson.strip()
        obs.students_present = plan.students_present
        obs.technology = plan.technology.strip()
        if obs.started_at is None:
            obs.interval_minutes = plan.interval_minutes


def pause_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Stop the clock (a fire drill, an assembly); pausing twice changes nothing."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is not None:
            raise Refused("This observation has ended, so it can't be paused.")
        if obs.paused_at is None:
            obs.paused_at = as_utc(now)


def resume_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Start the clock again; the paused time is left out of every minute from now on."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is not None:
            raise Refused("This observation has ended, so it can't be resumed.")
        _fold_pause(obs, now)


def end_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """The bell rang; ending twice keeps the first end time."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        if obs.ended_at is None:
            _fold_pause(obs, now)
            obs.ended_at = as_utc(now)


def delete_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_observation`); its sweeps stay with it."""
    with store.session() as session:
        live(session, Observation, observation_id, "observation").deleted_at = as_utc(now)


def restore_observation(store: Store, observation_id: uuid.UUID) -> None:
    restore(store, Observation, observation_id, "observation")


def unfinished_observation(store: Store) -> uuid.UUID | None:
    """The newest observation started but not ended, to offer to resume it on launch."""
    with store.session() as session:
        return session.exec(
            select(Observation.id)
            .join(Teacher, col(Observation.teacher_id) == Teacher.id)
            .where(
                col(Observation.started_at).is_not(None),
                col(Observation.ended_at).is_(None),
                col(Observation.deleted_at).is_(None),
                col(Teacher.deleted_at).is_(None),
            )
            .order_by(col(Observation.started_at).desc())
            .limit(1)
        ).first()


# Sweeps ----------------------------------------------------------------------------------


def record_interval(
    store: Store,
    observation_id: uuid.UUID,
    on_task: int,
    present: int,
    *,
    now: datetime,
    activity_format: str | None = None,
    note: str = "",
    replace: uuid.UUID | None = None,
) -> SweepRow:
    """Save one sweep of the room, committed before this returns.

    One sweep per mark: if the mark in progress has one, this raises `MarkAlreadySwept`,
    unless `replace` names that sweep; then it is soft-deleted and the new one takes its
    number. The read that picks the number and the insert share one unit of work, so two
    recorders on one observation never give two sweeps one number.
    """
    problems = _sweep_problems(on_task, present, activity_format)
    if problems:
        raise ValidationError(problems)
    now = as_utc(now)
    with store.session() as session:
        # Core statements built once, on the session's connection: the ORM layer on top
        # roughly doubled the time of a sweep (measured with benchmarks/record.py).
        connection = session.connection()
        row = connection.execute(_CLOCK_AND_LAST_INDEX, {"observation_id": observation_id}).first()
        if row is None:
            raise NotFound("That observation is no longer in the notebook.")
        started_at, paused_at, paused_seconds, ended_at, interval, last = row
        if ended_at is not None:
            raise ValidationError(
                {"observation": "This observation has ended; correct its sweeps in the table."}
            )
        if paused_at is not None:
            raise ValidationError(
                {"observation": "The observation is paused; resume it, then record the sweep."}
            )
        if started_at is None:
            raise ValidationError(
                {"observation": "This observation was never started; type its sweeps in instead."}
            )
        seconds = (now - as_utc(started_at)).total_seconds() - paused_seconds
        minute = max(0, int(seconds // 60))
        mark = minute - minute % interval
        index = 0 if last is None else last + 1
        existing = connection.execute(
            _SWEEP_AT_MARK,
            {"observation_id": observation_id, "from_minute": mark, "to_minute": mark + interval},
        ).first()
        if existing is not None:
            old = _sweep_row(existing)
            if replace != old.id:
                raise MarkAlreadySwept(old, mark)
            connection.execute(_SOFT_DELETE_INTERVAL, {"interval_id": old.id, "now": now})
            index = old.index
        sweep = SweepRow(
            id=uuid.uuid4(),
            observation_id=observation_id,
            index=index,
            minute=minute,
            on_task=on_task,
            present=present,
            activity_format=activity_format,
            note=note.strip(),
            recorded_at=now,
            pct=interval_pct(on_task, present),
        )
        connection.execute(_INSERT_INTERVAL, _interval_values(sweep, now))
    return sweep


def swap_sweeps(store: Store, remove_id: uuid.UUID, restore_id: uuid.UUID, now: datetime) -> None:
    """Undo (or redo) a replaced sweep: one goes, the other comes back, in one unit of work."""
    with store.session() as session:
        gone = live(session, ObservationInterval, remove_id, "sweep")
        gone.deleted_at = as_utc(now)
        session.flush()
        _restore_sweep(session, restore_id)


def add_intervals(
    store: Store, observation_id: uuid.UUID, sweeps: list[SweepInput], now: datetime
) -> list[SweepRow]:
    """Type in a paper form: every row is saved, or (if any row is wrong) none is.

    Rows go after the sweeps already there; a row's minute is its index times the interval.
    """
    problems = _paper_problems(sweeps)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        last = session.exec(
            select(func.max(ObservationInterval.index)).where(
                ObservationInterval.observation_id == obs.id,
                col(ObservationInterval.deleted_at).is_(None),
            )
        ).one()
        return _insert_paper_rows(session, obs, 0 if last is None else last + 1, sweeps, now)


def update_interval(
    store: Store,
    interval_id: uuid.UUID,
    on_task: int,
    present: int,
    activity_format: str | None = None,
    note: str = "",
) -> SweepRow:
    """Correct a sweep after the fact; its index and minute stay."""
    problems = _sweep_problems(on_task, present, activity_format)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        row = live(session, ObservationInterval, interval_id, "sweep")
        row.on_task = on_task
        row.present = present
        row.activity_format = activity_format
        row.note = note.strip()
        return _sweep_row(row)


def delete_interval(store: Store, interval_id: uuid.UUID, now: datetime) -> None:
    """Soft delete a sweep (undo with `restore_interval`); the others keep their minutes."""
    with store.session() as session:
        live(session, ObservationInterval, interval_id, "sweep").deleted_at = as_utc(now)


def restore_interval(store: Store, interval_id: uuid.UUID) -> None:
    """Undo a soft delete; the sweeps are numbered again in minute order around it."""
    with store.session() as session:
        _restore_sweep(session, interval_id)


def _restore_sweep(session: Session, interval_id: uuid.UUID) -> None:
    row = session.get(ObservationInterval, interval_id)
    if row is None:
        raise NotFound("That sweep is no longer in the notebook.")
    if row.deleted_at is None:
        return
    # Its old number may belong to a sweep added since: park it, then number them all.
    row.index = _PARKED_INDEX
    row.deleted_at = None
    session.flush()
    _renumber(session, row.observation_id)


def _renumber(session: Session, observation_id: uuid.UUID) -> None:
    """Number the live sweeps 0, 1, 2... in minute order, in two steps (through negative
    numbers) so that no two live sweeps share a number at any moment."""
    rows = session.exec(
        select(ObservationInterval)
        .where(
            ObservationInterval.observation_id == observation_id,
            col(ObservationInterval.deleted_at).is_(None),
        )
        .order_by(
            col(ObservationInterval.minute),
            col(ObservationInterval.index) < 0,
            col(ObservationInterval.index),
        )
    ).all()
    if [row.index for row in rows] == list(range(len(rows))):
        return
    for number, row in enumerate(rows):
        row.index = -1 - number
    session.flush()
    for number, row in enumerate(rows):
        row.index = number
    session.flush()


def list_intervals(store: Store, observation_id: uuid.UUID) -> list[SweepRow]:
    with store.session() as session:
        return _sweeps_of(session, observation_id)


def correct_sweeps(
    store: Store, observation_id: uuid.UUID, rows: list[SweepEdit], now: datetime
) -> list[SweepRow]:
    """Save the whole sweep table at once: changed rows updated, new rows added, rows left
    out deleted (soft). Every row is checked first; if any is wrong, nothing changes."""
    problems = {}
    for number, row in enumerate(rows, start=1):
        found = _sweep_problems(row.on_task, row.present, row.activity_format)
        if row.minute is None or not 0 <= row.minute <= 24 * 60:
            found["minute"] = "Enter the minute of the sweep, from 0 (the start of the lesson)."
        for field, message in found.items():
            problems[f"sweeps.{number - 1}.{field}"] = f"Row {number}: {message}"
    if problems:
        raise ValidationError(problems)
    now = as_utc(now)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        existing = {
            row.id: row
            for row in session.exec(
                select(ObservationInterval).where(
                    ObservationInterval.observation_id == obs.id,
                    col(ObservationInterval.deleted_at).is_(None),
                )
            )
        }
        kept = {row.id for row in rows if row.id is not None}
        if kept - existing.keys():
            raise NotFound("A sweep in the table is no longer in the notebook; reopen the table.")
        # Sweeps are renumbered in minute order, so the chart and the table agree; the kept
        # ones step through negative numbers first, so no two live sweeps share a number.
        for number, (interval_id, interval) in enumerate(existing.items()):
            if interval_id in kept:
                interval.index = -1 - number
            else:
                interval.deleted_at = now
        session.flush()
        ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].minute, pair[0]))
        for index, (_, row) in enumerate(ordered):
            interval = existing.get(row.id) if row.id is not None else None
            if interval is None:
                interval = ObservationInterval(
                    observation_id=obs.id, index=index, minute=row.minute, on_task=0, present=0
                )
                interval.recorded_at = now
                session.add(interval)
            interval.index = index
            interval.minute = row.minute
            interval.on_task = row.on_task
            interval.present = row.present
            interval.activity_format = row.activity_format
            interval.note = row.note.strip()
        session.flush()
        return _sweeps_of(session, obs.id)


# Evidence notes --------------------------------------------------------------------------


def add_observation_note(
    store: Store,
    observation_id: uuid.UUID,
    body: str,
    now: datetime,
    is_private: bool = True,
) -> EvidenceNote:
    """A time-stamped evidence note, committed at once; private unless marked shareable."""
    if not body.strip():
        raise ValidationError({"body": "The note is empty; type what you saw, then Enter."})
    now = as_utc(now)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        note = Note(
            body=body.strip(),
            is_private=is_private,
            observation_id=obs.id,
            teacher_id=obs.teacher_id,
            cycle_id=obs.cycle_id,
            session_id=obs.session_id,
            created_at=now,
            updated_at=now,
        )
        session.add(note)
        return _evidence_note(note, obs)


def list_observation_notes(store: Store, observation_id: uuid.UUID) -> list[EvidenceNote]:
    """The observation's notes, oldest first."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        notes = session.exec(
            select(Note)
            .where(Note.observation_id == obs.id, col(Note.deleted_at).is_(None))
            .order_by(col(Note.created_at), col(Note.id))
        ).all()
        return [_evidence_note(note, obs) for note in notes]


def set_observation_note_private(store: Store, note_id: uuid.UUID, is_private: bool) -> None:
    with store.session() as session:
        live(session, Note, note_id, "note").is_private = is_private


def delete_observation_note(store: Store, note_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_observation_note`)."""
    with store.session() as session:
        live(session, Note, note_id, "note").deleted_at = as_utc(now)


def restore_observation_note(store: Store, note_id: uuid.UUID) -> None:
    restore(store, Note, note_id, "note")


def link_choices(store: Store, teacher_id: uuid.UUID) -> list[LinkChoice]:
    """The teacher's cycles and their observable sessions, newest cycle first."""
    observable = (CycleSessionKind.MODEL_LESSON, CycleSessionKind.CO_TEACH)
    with store.session() as session:
        cycles = session.exec(
            select(CoachingCycle)
            .where(
                CoachingCycle.teacher_id == teacher_id,
                col(CoachingCycle.deleted_at).is_(None),
            )
            .order_by(col(CoachingCycle.start_date).desc())
        ).all()
        visits = session.exec(
            select(CycleSession)
            .where(
                col(CycleSession.cycle_id).in_([c.id for c in cycles]),
                col(CycleSession.deleted_at).is_(None),
            )
            .order_by(col(CycleSession.scheduled_date))
        ).all()
    choices = []
    for cycle in cycles:
        name = cycle.focus or "cycle"
        started = f"{cycle.start_date:%b} {cycle.start_date.day}, {cycle.start_date.year}"
        choices.append(LinkChoice(cycle.id, None, f"{name} (cycle from {started})"))
        for visit in visits:
            if visit.cycle_id == cycle.id and visit.kind in observable:
                label = SESSION_LABELS.get(CycleSessionKind(visit.kind), visit.kind)
                when = f"{visit.scheduled_date:%b} {visit.scheduled_date.day}"
                choices.append(LinkChoice(cycle.id, visit.id, f"{name}: {label}, {when}"))
    return choices


# Coding and links ------------------------------------------------------------------------


def set_coding(
    store: Store,
    observation_id: uuid.UUID,
    picrat_engagement: str | None,
    picrat_use: str | None,
    samr_level: str | None,
    notes: str,
) -> None:
    """PICRAT cell, SAMR level and notes; None leaves a code unset."""
    problems = {}
    if picrat_engagement is not None and picrat_engagement not in ENGAGEMENTS:
        problems["picrat_engagement"] = "Choose Passive, Interactive or Creative."
    if picrat_use is not None and picrat_use not in USES:
        problems["picrat_use"] = "Choose Replacement, Amplification or Transformation."
    if samr_level is not None and samr_level not in SAMR_LEVELS:
        problems["samr_level"] = "Choose Substitution, Augmentation, Modification or Redefinition."
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        obs.picrat_engagement = picrat_engagement
        obs.picrat_use = picrat_use
        obs.samr_level = samr_level
        obs.notes = notes.strip()


def link_session(
    store: Store,
    observation_id: uuid.UUID,
    cycle_id: uuid.UUID | None,
    session_id: uuid.UUID | None,
) -> None:
    """Link to one of the teacher's cycles (and one of its sessions), or unlink with None."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        obs.cycle_id = _checked_link(session, obs.teacher_id, cycle_id, session_id)
        obs.session_id = session_id


# Reading ---------------------------------------------------------------------------------


def live_state(store: Store, observation_id: uuid.UUID, now: datetime) -> LiveState:
    """The live screen's clock, derived from what is stored (so it survives a crash).

    Marks fall every interval from minute 0. A sweep counts for the mark at or before its
    minute. A mark is missed once the next one arrives with no sweep for it; marks are never
    filled in for the coach.
    """
    now = as_utc(now)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        minutes = session.exec(
            select(ObservationInterval.minute).where(
                ObservationInterval.observation_id == obs.id,
                col(ObservationInterval.deleted_at).is_(None),
            )
        ).all()
    if obs.started_at is None:
        raise Refused("This observation was typed in from paper; it has no live clock.")
    started = as_utc(obs.started_at)
    ended = obs.ended_at is not None
    stopped_at = as_utc(obs.ended_at) if ended else now
    if obs.paused_at is not None:
        stopped_at = min(stopped_at, as_utc(obs.paused_at))
    elapsed = max(0, int((stopped_at - started).total_seconds()) - obs.paused_seconds)
    step = obs.interval_minutes * 60
    covered = {minute // obs.interval_minutes for minute in minutes}
    current = elapsed // step
    # Once ended, the mark in progress is closed too, unless the lesson ended right on it.
    closed = current + (1 if ended and elapsed % step else 0)
    missed = [k * obs.interval_minutes for k in range(closed) if k not in covered]
    return LiveState(
        observation_id=obs.id,
        started_at=started,
        elapsed_seconds=elapsed,
        paused=obs.paused_at is not None,
        interval_minutes=obs.interval_minutes,
        sweeps_recorded=len(minutes),
        next_mark_minute=(current + 1) * obs.interval_minutes,
        seconds_to_next_mark=(current + 1) * step - elapsed,
        missed_marks=missed,
        ended=ended,
        sweep_due=not ended and current not in covered,
    )


def observation_summary(store: Store, observation_id: uuid.UUID) -> ObservationSummary:
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        teacher = session.get(Teacher, obs.teacher_id)
        sweeps = _sweeps_of(session, obs.id)
    scored = [(s.pct, s) for s in sweeps if s.pct is not None]
    lowest = min(scored, key=lambda p: p[0], default=None)
    highest = max(scored, key=lambda p: p[0], default=None)
    present = obs.students_present
    if present is None and sweeps:
        present = max(s.present for s in sweeps)
    return ObservationSummary(
        observation_id=obs.id,
        teacher_id=obs.teacher_id,
        teacher_name=teacher.name if teacher else "",
        observed_on=obs.observed_on,
        period=obs.period,
        lesson=obs.lesson,
        technology=obs.technology,
        students_present=present,
        interval_minutes=obs.interval_minutes,
        started_at=as_utc(obs.started_at) if obs.started_at else None,
        ended_at=as_utc(obs.ended_at) if obs.ended_at else None,
        time_on_task_pct=time_on_task_pct((s.on_task, s.present) for s in sweeps),
        lowest=_point(lowest[1]) if lowest else None,
        highest=_point(highest[1]) if highest else None,
        sweeps=sweeps,
        sampling=sampling_text(obs.interval_minutes, len(sweeps)),
        picrat_engagement=obs.picrat_engagement,
        picrat_use=obs.picrat_use,
        samr_level=obs.samr_level,
        notes=obs.notes,
        cycle_id=obs.cycle_id,
        session_id=obs.session_id,
    )


def sampling_text(interval_minutes: int, sweeps: int) -> str:
    """How the figures were sampled, as every report says it."""
    every = "every minute" if interval_minutes == 1 else f"every {interval_minutes} minutes"
    count = "1 sweep" if sweeps == 1 else f"{sweeps} sweeps"
    return f"A whole-class sweep {every} ({count})"


def list_observations(store: Store, teacher_id: uuid.UUID | None = None) -> list[ObservationRow]:
    """Every observation (or one teacher's), newest first, with its time-on-task %."""
    with store.session() as session:
        query = (
            _with_totals(
                select(
                    Observation.id,
                    Observation.teacher_id,
                    Teacher.name,
                    Observation.observed_on,
                    Observation.period,
                    Observation.lesson,
                    Observation.started_at,
                    Observation.ended_at,
                )
            )
            .join(Teacher, col(Observation.teacher_id) == Teacher.id)
            .where(col(Teacher.deleted_at).is_(None))
            .order_by(
                col(Observation.observed_on).desc(),
                col(Observation.started_at).desc(),
                col(Observation.created_at).desc(),
            )
        )
        if teacher_id is not None:
            query = query.where(Observation.teacher_id == teacher_id)
        rows = []
        for row in session.execute(query):
            *columns, started_at, ended_at, on_task, present, count = row
            pct = _pct(on_task, present)
            in_progress = started_at is not None and ended_at is None
            rows.append(ObservationRow(*columns, pct, count, ended_at is not None, in_progress))
        return rows


def time_on_task_trend(store: Store, teacher_id: uuid.UUID) -> list[TrendPoint]:
    """The teacher's observations oldest first; ones with no usable sweep, and ones still
    recording (their figure is not final), are left out."""
    with store.session() as session:
        query = (
            _with_totals(select(Observation.id, Observation.observed_on, Observation.cycle_id))
            .where(Observation.teacher_id == teacher_id, _not_recording())
            .order_by(col(Observation.observed_on), col(Observation.started_at))
        )
        points = []
        for obs_id, observed_on, cycle_id, on_task, present, _ in session.execute(query):
            pct = _pct(on_task, present)
            if pct is not None:
                points.append(TrendPoint(obs_id, observed_on, pct, cycle_id))
        return points


def trend_goal(store: Store, teacher_id: uuid.UUID) -> TrendGoal | None:
    """Baseline and target of the teacher's latest cycle measured by time-on-task, if any."""
    with store.session() as session:
        cycle = session.exec(
            select(CoachingCycle)
            .where(
                CoachingCycle.teacher_id == teacher_id,
                CoachingCycle.measure_kind == MeasureKind.TIME_ON_TASK,
                col(CoachingCycle.deleted_at).is_(None),
            )
            .order_by(col(CoachingCycle.start_date).desc(), col(CoachingCycle.created_at).desc())
            .limit(1)
        ).first()
        if cycle is None or (cycle.baseline_value is None and cycle.target_value is None):
            return None
        return TrendGoal(cycle.id, cycle.start_date, cycle.baseline_value, cycle.target_value)


# Helpers ---------------------------------------------------------------------------------


def _sweep_problems(on_task: int, present: int, activity_format: str | None) -> dict[str, str]:
    problems = {}
    if present is None or present < 0:
        problems["present"] = "Enter how many students are present (0 or more)."
    elif present > MAX_STUDENTS:
        problems["present"] = f"Enter at most {MAX_STUDENTS} students present."
    if on_task is None or on_task < 0:
        problems["on_task"] = "Enter how many students are on task (0 or more)."
    elif "present" not in problems and on_task > present:
        problems["on_task"] = (
            f"On task ({on_task}) can't be more than present ({present}); check both counts."
        )
    if activity_format is not None and activity_format not in FORMATS:
        problems["activity_format"] = "Choose whole group, small group, independent or transition."
    return problems


def _paper_problems(sweeps: list[SweepInput]) -> dict[str, str]:
    """Every wrong cell of a paper form, named by its row."""
    problems = {}
    for number, sweep in enumerate(sweeps, start=1):
        found = _sweep_problems(sweep.on_task, sweep.present, sweep.activity_format)
        if sweep.minute is not None and not 0 <= sweep.minute <= 24 * 60:
            found["minute"] = "Enter the minute of the sweep, from 0 (the start of the lesson)."
        for field, message in found.items():
            problems[f"sweeps.{number - 1}.{field}"] = f"Row {number}: {message}"
    return problems


def _insert_paper_rows(
    session: Session, obs: Observation, first: int, sweeps: list[SweepInput], now: datetime
) -> list[SweepRow]:
    """Insert paper-form rows from index `first`, in minute order; a row without a minute
    takes its index times the interval."""
    now = as_utc(now)

    def minute_of(index: int, sweep: SweepInput) -> int:
        return index * obs.interval_minutes if sweep.minute is None else sweep.minute

    timed = sorted(
        ((minute_of(index, sweep), index, sweep) for index, sweep in enumerate(sweeps, first)),
        key=lambda row: row[:2],
    )
    rows = [
        SweepRow(
            id=uuid.uuid4(),
            observation_id=obs.id,
            index=index,
            minute=minute,
            on_task=sweep.on_task,
            present=sweep.present,
            activity_format=sweep.activity_format,
            note=sweep.note.strip(),
            recorded_at=now,
            pct=interval_pct(sweep.on_task, sweep.present),
        )
        for index, (minute, _, sweep) in enumerate(timed, start=first)
    ]
    if rows:
        session.connection().execute(_INSERT_INTERVAL, [_interval_values(row, now) for row in rows])
    return rows


def _interval_values(sweep: SweepRow, now: datetime) -> dict:
    return {
        "id": sweep.id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "observation_id": sweep.observation_id,
        "index": sweep.index,
        "minute": sweep.minute,
        "on_task": sweep.on_task,
        "present": sweep.present,
        "activity_format": sweep.activity_format,
        "note": sweep.note,
        "recorded_at": sweep.recorded_at,
    }


def _fold_pause(obs: Observation, now: datetime) -> None:
    """Add a running pause to the paused total and clear it."""
    if obs.paused_at is not None:
        paused = (as_utc(now) - as_utc(obs.paused_at)).total_seconds()
        obs.paused_seconds += max(0, int(paused))
        obs.paused_at = None


def _checked_link(
    session: Session,
    teacher_id: uuid.UUID,
    cycle_id: uuid.UUID | None,
    session_id: uuid.UUID | None,
) -> uuid.UUID | None:
    """The cycle to store: the session's own when only a session is named."""
    visit = None
    if session_id is not None:
        visit = live(session, CycleSession, session_id, "cycle session")
        if cycle_id is not None and visit.cycle_id != cycle_id:
            raise ValidationError({"session_id": "That session belongs to another cycle."})
        cycle_id = visit.cycle_id
    if cycle_id is not None:
        cycle = live(session, CoachingCycle, cycle_id, "coaching cycle")
        if cycle.teacher_id != teacher_id:
            raise ValidationError(
                {"cycle_id": "That cycle is with another teacher; pick one of this teacher's."}
            )
    return cycle_id


def _with_totals(query):
    """Add on-task and present totals (sweeps with nobody present left out) and a count."""
    counted = col(ObservationInterval.present) > 0
    return (
        query.add_columns(
            func.sum(case((counted, ObservationInterval.on_task), else_=0)),
            func.sum(case((counted, ObservationInterval.present), else_=0)),
            func.count(col(ObservationInterval.id)),
        )
        .outerjoin(
            ObservationInterval,
            (col(ObservationInterval.observation_id) == Observation.id)
            & col(ObservationInterval.deleted_at).is_(None),
        )
        .where(col(Observation.deleted_at).is_(None))
        .group_by(col(Observation.id))
    )


def _not_recording():
    """Typed in from paper, or ended: a lesson still being recorded has no final figure."""
    return col(Observation.started_at).is_(None) | col(Observation.ended_at).is_not(None)


def _pct(on_task: int | None, present: int | None) -> float | None:
    return None if not present else 100.0 * (on_task or 0) / present


def _point(sweep: SweepRow) -> SweepPoint:
    return SweepPoint(sweep.index, sweep.minute, sweep.pct)


def _sweep_row(row: ObservationInterval) -> SweepRow:
    return SweepRow(
        id=row.id,
        observation_id=row.observation_id,
        index=row.index,
        minute=row.minute,
        on_task=row.on_task,
        present=row.present,
        activity_format=row.activity_format,
        note=row.note,
        recorded_at=as_utc(row.recorded_at),
        pct=interval_pct(row.on_task, row.present),
    )


def _evidence_note(note: Note, obs: Observation) -> EvidenceNote:
    minute = None
    if obs.started_at is not None:
        # Clock minutes since the start: pauses are kept as a total, not as times, so a
        # note can't tell whether a pause came before it.
        offset = (as_utc(note.created_at) - as_utc(obs.started_at)).total_seconds()
        minute = max(0, int(offset) // 60)
    return EvidenceNote(note.id, note.body, note.is_private, as_utc(note.created_at), minute)


def _sweeps_of(session: Session, observation_id: uuid.UUID) -> list[SweepRow]:
    rows = session.exec(
        select(ObservationInterval)
        .where(
            ObservationInterval.observation_id == observation_id,
            col(ObservationInterval.deleted_at).is_(None),
        )
        .order_by(col(ObservationInterval.index))
    ).all()
    return [_sweep_row(row) for row in rows]
