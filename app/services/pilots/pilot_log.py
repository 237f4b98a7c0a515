"""The pilot log: technical errors, usage and notes, with filters and totals per pilot week."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from app.models import LogKind, PilotLogEntry, Teacher
from app.models.base import as_utc
from app.models.pilots import SEVERITY_LABELS
from app.services.errors import ValidationError
from app.services.pilots.common import (
    LOG_KIND_LABELS,
    PilotState,
    check_enrolled,
    load_state,
    week_of,
)
from app.services.records import live, restore
from app.store import Store

MAX_MINUTES_LOST = 600


@dataclass
class LogEntryForm:
    """One log entry. Severity and resolved only mean something for technical errors."""

    logged_on: date | None
    kind: str = LogKind.TECHNICAL_ERROR.value
    description: str = ""
    period: str = ""
    teacher_id: uuid.UUID | None = None
    severity: int | None = None  # 1 low, 2 medium, 3 high (SEVERITY_LABELS)
    minutes_lost: int = 0
    resolved: bool = False


@dataclass(frozen=True)
class LogRow:
    id: uuid.UUID
    pilot_id: uuid.UUID
    logged_on: date
    week: int | None  # None: before the pilot started
    period: str
    teacher_id: uuid.UUID | None
    teacher_name: str
    kind: str
    kind_label: str
    severity: int | None
    severity_label: str
    description: str
    minutes_lost: int
    resolved: bool

    @property
    def unresolved_error(self) -> bool:
        return self.kind == LogKind.TECHNICAL_ERROR and not self.resolved


@dataclass(frozen=True)
class LogWeekTotal:
    week: int
    starts_on: date
    entries: int
    errors: int
    unresolved: int
    minutes_lost: int


@dataclass(frozen=True)
class LogTotals:
    entries: int
    errors: int
    unresolved: int  # technical errors not marked resolved
    minutes_lost: int
    # Week 1 to the pilot's length (or the latest week with an entry); empty with no start.
    weeks: list[LogWeekTotal]
    # Entries dated before the start, or on a pilot with no start date yet.
    outside_weeks: int


def validate_log_entry(form: LogEntryForm) -> dict[str, str]:
    problems = {}
    if form.logged_on is None:
        problems["logged_on"] = "Pick the day it happened."
    if form.kind not in LOG_KIND_LABELS:
        problems["kind"] = "Choose technical error, usage or note."
    if not form.description.strip():
        problems["description"] = "Write a few words about what happened."
    error = form.kind == LogKind.TECHNICAL_ERROR
    if error and form.severity is not None and form.severity not in SEVERITY_LABELS:
        problems["severity"] = "Choose how bad it was: 1 low, 2 medium or 3 high."
    if form.minutes_lost is None or not 0 <= form.minutes_lost <= MAX_MINUTES_LOST:
        problems["minutes_lost"] = (
            f"Enter the minutes of instruction lost, from 0 to {MAX_MINUTES_LOST}."
        )
    return problems


def add_log_entry(store: Store, pilot_id: uuid.UUID, form: LogEntryForm) -> uuid.UUID:
    """Quick entry from the classroom; returns the entry's id."""
    problems = validate_log_entry(form)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        check_enrolled(load_state(session, pilot_id), form.teacher_id)
        entry = PilotLogEntry(pilot_id=pilot_id, logged_on=form.logged_on)
        _apply(entry, form)
        session.add(entry)
        return entry.id


def set_log_resolved(store: Store, entry_id: uuid.UUID, resolved: bool) -> None:
    """Tick an error as resolved (or not)."""
    with store.session() as session:
        live(session, PilotLogEntry, entry_id, "log entry").resolved = resolved


def delete_log_entry(store: Store, entry_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_log_entry`)."""
    with store.session() as session:
        live(session, PilotLogEntry, entry_id, "log entry").deleted_at = as_utc(now)


def restore_log_entry(store: Store, entry_id: uuid.UUID) -> None:
    restore(store, PilotLogEntry, entry_id, "log entry")


def log_rows(
    session: Session, starts: dict[uuid.UUID, date | None]
) -> dict[uuid.UUID, list[LogRow]]:
    """The live log of each pilot in `starts` (its id and start date), newest first, in one
    query; read as plain values, which is much quicker than building the records."""
    query = (
        select(
            PilotLogEntry.id,
            PilotLogEntry.pilot_id,
            PilotLogEntry.logged_on,
            PilotLogEntry.period,
            PilotLogEntry.teacher_id,
            col(Teacher.name).label("teacher_name"),
            PilotLogEntry.kind,
            PilotLogEntry.severity,
            PilotLogEntry.description,
            PilotLogEntry.minutes_lost,
            PilotLogEntry.resolved,
        )
        .join(Teacher, col(PilotLogEntry.teacher_id) == Teacher.id, isouter=True)
        .where(
            col(PilotLogEntry.pilot_id).in_(list(starts)), col(PilotLogEntry.deleted_at).is_(None)
        )
        .order_by(col(PilotLogEntry.logged_on).desc(), col(PilotLogEntry.created_at).desc())
    )
    rows: dict[uuid.UUID, list[LogRow]] = {pilot_id: [] for pilot_id in starts}
    for entry in session.exec(query):
        rows[entry.pilot_id].append(_row(entry, starts[entry.pilot_id]))
    return rows


def totals_of(state: PilotState, rows: list[LogRow]) -> LogTotals:
    start = state.pilot.start_date
    last_week = max([state.pilot.length_weeks, *(r.week for r in rows if r.week)])
    weeks = []
    if start is not None:
        for week in range(1, last_week + 1):
            in_week = [r for r in rows if r.week == week]
            weeks.append(
                LogWeekTotal(
                    week=week,
                    starts_on=start + timedelta(weeks=week - 1),
                    entries=len(in_week),
                    errors=sum(r.kind == LogKind.TECHNICAL_ERROR for r in in_week),
                    unresolved=sum(r.unresolved_error for r in in_week),
                    minutes_lost=sum(r.minutes_lost for r in in_week),
                )
            )
    return LogTotals(
        entries=len(rows),
        errors=sum(r.kind == LogKind.TECHNICAL_ERROR for r in rows),
        unresolved=sum(r.unresolved_error for r in rows),
        minutes_lost=sum(r.minutes_lost for r in rows),
        weeks=weeks,
        outside_weeks=sum(r.week is None for r in rows),
    )


def _apply(entry: PilotLogEntry, form: LogEntryForm) -> None:
    error = form.kind == LogKind.TECHNICAL_ERROR
    entry.logged_on = form.logged_on
    entry.kind = form.kind
    entry.description = form.description.strip()
    entry.period = form.period.strip()
    entry.teacher_id = form.teacher_id
    entry.severity = form.severity if error else None
    entry.minutes_lost = form.minutes_lost
    entry.resolved = form.resolved if error else False


def _row(entry, start: date | None) -> LogRow:
    """A log row from one row of `log_rows`'s query."""
    return LogRow(
        id=entry.id,
        pilot_id=entry.pilot_id,
        logged_on=entry.logged_on,
        week=week_of(start, entry.logged_on),
        period=entry.period,
        teacher_id=entry.teacher_id,
        teacher_name=entry.teacher_name or "",
        kind=entry.kind,
        kind_label=LOG_KIND_LABELS.get(entry.kind, entry.kind),
        severity=entry.severity,
        severity_label=SEVERITY_LABELS.get(entry.severity, ""),
        description=entry.description,
        minutes_lost=entry.minutes_lost,
        resolved=entry.resolved,
    )
