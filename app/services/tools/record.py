"""The inventory's records: add, edit and delete a tool, its teachers, usage by hand, its
errors, and the tool an adopted pilot becomes."""

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlmodel import Session, col, select

from app.models import (
    LogKind,
    Pilot,
    PilotLogEntry,
    PilotTeacher,
    Teacher,
    Tool,
    ToolCheck,
    ToolLogEntry,
    ToolStage,
    ToolStatus,
    ToolTeacher,
    ToolUsage,
    UsageMeasure,
    UsageSource,
    UsageSpan,
    VettingCheck,
)
from app.models.base import as_utc
from app.services.calendar import week_start
from app.services.errors import Refused, ValidationError
from app.services.pilots.pilot_log import MAX_MINUTES_LOST
from app.services.records import apply_form, live, restore
from app.store import Store
from app.text import TOOL_STAGE_LABELS, TOOL_STATUS_LABELS

MAX_NAME_LENGTH = 200
STAGE_LABELS = TOOL_STAGE_LABELS
STATUS_LABELS = TOOL_STATUS_LABELS


@dataclass
class ToolForm:
    name: str = ""
    vendor: str = ""
    licences: int | None = None  # seats bought
    cost_per_student: float | None = None  # a year, in dollars
    cost_per_year: float | None = None
    renewal_date: date | None = None
    stage: str = ToolStage.PILOT.value
    status: str = ToolStatus.IN_USE.value
    notice_date: date | None = None


# What the edit form changes; the status and notice date belong to the sunset.
DETAIL_FIELDS = (
    "name",
    "vendor",
    "licences",
    "cost_per_student",
    "cost_per_year",
    "renewal_date",
    "stage",
)


def validate_tool(form: ToolForm) -> dict[str, str]:
    problems = {}
    name = form.name.strip()
    if not name:
        problems["name"] = "Name the tool."
    elif len(name) > MAX_NAME_LENGTH:
        problems["name"] = f"Keep the tool's name under {MAX_NAME_LENGTH} characters."
    for key, words in (("cost_per_student", "per student a year"), ("cost_per_year", "a year")):
        cost = getattr(form, key)
        if cost is not None and not (math.isfinite(cost) and cost >= 0):
            problems[key] = f"Enter the cost {words} as 0 or more, or leave it empty."
    if form.licences is not None and form.licences < 0:
        problems["licences"] = "Enter the licences bought as 0 or more, or leave it empty."
    if form.stage not in {s.value for s in ToolStage}:
        problems["stage"] = "Choose pilot, grade-level teams or full."
    if form.status not in {s.value for s in ToolStatus}:
        problems["status"] = "Choose in use, sunset notice or retired."
    elif form.status == ToolStatus.SUNSET_NOTICE and form.notice_date is None:
        problems["notice_date"] = "Pick the day the 30-day sunset notice starts."
    return problems


def add_tool(
    store: Store, form: ToolForm, today: date, teacher_ids: Sequence[uuid.UUID] = ()
) -> uuid.UUID:
    """A tool added by hand (never piloted: its checks are unknown); returns its id."""
    problems = validate_tool(form)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        tool = Tool(added_on=today)
        apply_form(tool, form)
        session.add(tool)
        for teacher_id in dict.fromkeys(teacher_ids):
            _license(session, tool.id, teacher_id)
        return tool.id


def update_tool(store: Store, tool_id: uuid.UUID, form: ToolForm) -> None:
    problems = validate_tool(form)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        apply_form(live_tool(session, tool_id), form)


@dataclass(frozen=True)
class ToolEdit:
    """A tool's details as the edit form shows them, and the teachers with a seat."""

    form: ToolForm
    teacher_ids: frozenset[uuid.UUID]


def tool_edit(store: Store, tool_id: uuid.UUID) -> ToolEdit:
    """What the edit form starts from, and what an undo of the edit puts back."""
    with store.session() as session:
        tool = live_tool(session, tool_id)
        form = ToolForm(**{f.name: getattr(tool, f.name) for f in fields(ToolForm)})
        seated = session.exec(
            select(ToolTeacher.teacher_id).where(
                ToolTeacher.tool_id == tool_id, col(ToolTeacher.deleted_at).is_(None)
            )
        ).all()
        return ToolEdit(form, frozenset(seated))


def edit_tool(
    store: Store,
    tool_id: uuid.UUID,
    form: ToolForm,
    teacher_ids: Sequence[uuid.UUID],
    now: datetime,
) -> None:
    """Save the tool's details and give seats to exactly `teacher_ids`, in one go: a teacher
    left out loses their seat (their usage stays), a new one gets a seat. The status and
    the sunset's days stay as they are: sunsetting moves them (app.services.tools.sunset)."""
    problems = validate_tool(form)
    if problems:
        raise ValidationError(problems)
    wanted = set(teacher_ids)
    with store.session() as session:
        tool = live_tool(session, tool_id)
        apply_form(tool, form, DETAIL_FIELDS)
        seats = session.exec(select(ToolTeacher).where(ToolTeacher.tool_id == tool_id)).all()
        seated = {row.teacher_id for row in seats if row.deleted_at is None}
        for row in seats:
            if row.deleted_at is None and row.teacher_id not in wanted:
                row.deleted_at = as_utc(now)
        for teacher_id in sorted(wanted - seated):
            _license(session, tool_id, teacher_id)


def delete_tool(store: Store, tool_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_tool`); its teachers, usage and checks stay."""
    with store.session() as session:
        live_tool(session, tool_id).deleted_at = as_utc(now)


def restore_tool(store: Store, tool_id: uuid.UUID) -> None:
    restore(store, Tool, tool_id, "tool")


def license_teacher(store: Store, tool_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    """Give a teacher a seat; one who has one already changes nothing."""
    with store.session() as session:
        live_tool(session, tool_id)
        _license(session, tool_id, teacher_id)


def set_usage(
    store: Store,
    tool_id: uuid.UUID,
    teacher_id: uuid.UUID,
    week_of: date,
    active_days: int,
    today: date,
) -> None:
    """Tick by hand: a licensed teacher's active days in the week holding `week_of`."""
    if not 0 <= active_days <= 7:
        raise ValidationError({"active_days": "A week has 0 to 7 active days."})
    monday = week_start(week_of)
    if monday > today:
        raise ValidationError({"week_of": "That week has not begun yet; tick it once it has."})
    with store.session() as session:
        live_tool(session, tool_id)
        if not any(row.deleted_at is None for row in _seats(session, tool_id, teacher_id)):
            raise ValidationError(
                {"teacher_id": "Pick one of the tool's teachers, or give them a seat first."}
            )
        rows = session.exec(
            select(ToolUsage).where(
                ToolUsage.tool_id == tool_id,
                ToolUsage.teacher_id == teacher_id,
                ToolUsage.starts_on == monday,
                ToolUsage.span == UsageSpan.WEEK.value,
                ToolUsage.source == UsageSource.HAND.value,
                col(ToolUsage.deleted_at).is_(None),
            )
        ).all()
        if rows:
            for row in rows:
                row.active = active_days
        else:
            session.add(
                ToolUsage(
                    tool_id=tool_id,
                    teacher_id=teacher_id,
                    starts_on=monday,
                    span=UsageSpan.WEEK.value,
                    active=active_days,
                    measure=UsageMeasure.ACTIVE_DAYS.value,
                    source=UsageSource.HAND.value,
                )
            )


@dataclass(frozen=True)
class ToolErrorRow:
    """One technical error in a tool's log, with its teacher's name ("" for none)."""

    id: uuid.UUID
    tool_id: uuid.UUID
    logged_on: date
    teacher_id: uuid.UUID | None
    teacher_name: str
    description: str
    minutes_lost: int
    resolved: bool

    @property
    def costs_time(self) -> bool:
        """Unresolved and it cost instruction time: what calls for a review now."""
        return not self.resolved and self.minutes_lost > 0


def validate_error(
    logged_on: date | None, description: str, minutes_lost: int | None
) -> dict[str, str]:
    problems = {}
    if logged_on is None:
        problems["logged_on"] = "Pick the day it happened."
    if not description.strip():
        problems["description"] = "Write a few words about what happened."
    if minutes_lost is None or not 0 <= minutes_lost <= MAX_MINUTES_LOST:
        problems["minutes_lost"] = (
            f"Enter the minutes of instruction lost, from 0 to {MAX_MINUTES_LOST}."
        )
    return problems


def log_error(
    store: Store,
    tool_id: uuid.UUID,
    logged_on: date,
    description: str,
    minutes_lost: int,
    teacher_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A technical error with the tool; unresolved with minutes lost, it calls for a review."""
    problems = validate_error(logged_on, description, minutes_lost)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        live_tool(session, tool_id)
        if teacher_id is not None:
            live(session, Teacher, teacher_id, "teacher")
        entry = ToolLogEntry(
            tool_id=tool_id,
            logged_on=logged_on,
            teacher_id=teacher_id,
            description=description.strip(),
            minutes_lost=minutes_lost,
        )
        session.add(entry)
        return entry.id


def set_error_resolved(store: Store, entry_id: uuid.UUID, resolved: bool) -> None:
    with store.session() as session:
        live(session, ToolLogEntry, entry_id, "error").resolved = resolved


def delete_error(store: Store, entry_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_error`)."""
    with store.session() as session:
        live(session, ToolLogEntry, entry_id, "error").deleted_at = as_utc(now)


def restore_error(store: Store, entry_id: uuid.UUID) -> None:
    restore(store, ToolLogEntry, entry_id, "error")


def tool_errors(store: Store, tool_id: uuid.UUID) -> list[ToolErrorRow]:
    """The tool's live errors, newest first."""
    query = (
        select(
            ToolLogEntry.id,
            ToolLogEntry.tool_id,
            ToolLogEntry.logged_on,
            ToolLogEntry.teacher_id,
            Teacher.name,
            ToolLogEntry.description,
            ToolLogEntry.minutes_lost,
            ToolLogEntry.resolved,
        )
        .join(Teacher, col(ToolLogEntry.teacher_id) == Teacher.id, isouter=True)
        .where(ToolLogEntry.tool_id == tool_id, col(ToolLogEntry.deleted_at).is_(None))
        .order_by(col(ToolLogEntry.logged_on).desc(), col(ToolLogEntry.created_at).desc())
    )
    with store.session() as session:
        live_tool(session, tool_id)
        return [
            ToolErrorRow(
                id=entry_id,
                tool_id=owner,
                logged_on=logged_on,
                teacher_id=teacher_id,
                teacher_name=name or "",
                description=description,
                minutes_lost=minutes,
                resolved=resolved,
            )
            for entry_id, owner, logged_on, teacher_id, name, description, minutes, resolved in (
                session.exec(query)
            )
        ]


def join_inventory(session: Session, pilot: Pilot) -> uuid.UUID | None:
    """An adopted pilot's tool joins the inventory, once; returns the new tool's id.

    It takes the pilot's name, vendor, licences and cost, its enrolled teachers, a copy of
    its vetting checks and its unresolved errors that cost time. None when a tool came from
    this pilot already (adopting it again after clearing the decision adds nothing).
    """
    existing = session.exec(select(Tool.id).where(Tool.pilot_id == pilot.id)).first()
    if existing is not None:
        return None
    tool = Tool(
        name=pilot.tool,
        vendor=pilot.vendor,
        licences=pilot.licences,
        cost_per_student=pilot.cost_per_student,
        cost_per_year=(
            pilot.cost_per_student * pilot.licences
            if pilot.cost_per_student is not None and pilot.licences
            else None
        ),
        stage=ToolStage.PILOT.value,
        status=ToolStatus.IN_USE.value,
        pilot_id=pilot.id,
        added_on=pilot.decision_date or date.today(),
    )
    session.add(tool)
    enrolled = session.exec(
        select(PilotTeacher.teacher_id)
        .join(Teacher, col(PilotTeacher.teacher_id) == Teacher.id)
        .where(
            PilotTeacher.pilot_id == pilot.id,
            col(PilotTeacher.deleted_at).is_(None),
            col(Teacher.deleted_at).is_(None),
        )
    ).all()
    for teacher_id in dict.fromkeys(enrolled):
        session.add(ToolTeacher(tool_id=tool.id, teacher_id=teacher_id))
    checks = session.exec(
        select(VettingCheck).where(
            VettingCheck.pilot_id == pilot.id, col(VettingCheck.deleted_at).is_(None)
        )
    ).all()
    for check in checks:
        session.add(
            ToolCheck(
                tool_id=tool.id,
                criterion=check.criterion,
                result=check.result,
                evidence=check.evidence,
                essa_tier=check.essa_tier,
            )
        )
    open_errors = session.exec(
        select(PilotLogEntry).where(
            PilotLogEntry.pilot_id == pilot.id,
            col(PilotLogEntry.deleted_at).is_(None),
            PilotLogEntry.kind == LogKind.TECHNICAL_ERROR.value,
            col(PilotLogEntry.resolved).is_(False),
            PilotLogEntry.minutes_lost > 0,
        )
    ).all()
    for entry in open_errors:
        session.add(
            ToolLogEntry(
                tool_id=tool.id,
                logged_on=entry.logged_on,
                teacher_id=entry.teacher_id,
                description=entry.description,
                minutes_lost=entry.minutes_lost,
            )
        )
    return tool.id


def live_tool(session: Session, tool_id: uuid.UUID) -> Tool:
    return live(session, Tool, tool_id, "tool")


def _seats(session: Session, tool_id: uuid.UUID, teacher_id: uuid.UUID):
    return session.exec(
        select(ToolTeacher).where(
            ToolTeacher.tool_id == tool_id, ToolTeacher.teacher_id == teacher_id
        )
    ).all()


def _license(session: Session, tool_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    teacher = live(session, Teacher, teacher_id, "teacher")
    if teacher.archived:
        raise Refused(
            f"{teacher.name} is archived; bring them back to the roster before giving them a seat."
        )
    rows = _seats(session, tool_id, teacher_id)
    if any(row.deleted_at is None for row in rows):
        return
    if rows:
        rows[0].deleted_at = None
    else:
        session.add(ToolTeacher(tool_id=tool_id, teacher_id=teacher_id))
