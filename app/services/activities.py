"""The activity log: PD sessions given and informal contacts, with school-year totals."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from app.models import Activity, ActivityKind, Teacher, utc_now
from app.services.errors import NotFound, ValidationError, check_unchanged
from app.services.profile import calendar_in
from app.services.records import live, restore
from app.store import Store
from app.text import ACTIVITY_KIND_LABELS

KIND_LABELS = ACTIVITY_KIND_LABELS


@dataclass(frozen=True)
class ActivityRow:
    id: uuid.UUID
    kind: str
    occurred_on: date
    topic: str
    audience: str
    teacher_id: uuid.UUID | None
    teacher_name: str
    minutes: int
    attendees: int | None
    feedback_score: float | None
    notes: str
    updated_at: datetime | None = None

    @property
    def who(self) -> str:
        return self.teacher_name or self.audience


@dataclass
class ActivityInput:
    kind: str
    occurred_on: date
    topic: str = ""
    audience: str = ""
    teacher_id: uuid.UUID | None = None
    minutes: int = 0
    attendees: int | None = None
    feedback_score: float | None = None
    notes: str = ""


@dataclass(frozen=True)
class ActivityTotals:
    pd_sessions: int
    pd_minutes: int
    pd_attendees: int
    mean_feedback: float | None
    contacts: int
    contact_minutes: int

    @property
    def pd_hours(self) -> float:
        return self.pd_minutes / 60


def negative_message(what: str, value: int) -> str:
    """A minus sign typed in a count or minutes: said back, never quietly dropped."""
    return f"{what} can't be below zero: type {abs(value)}, not {value}."


def validate_activity(entry: ActivityInput) -> dict[str, str]:
    problems = {}
    if entry.kind not in {k.value for k in ActivityKind}:
        problems["kind"] = "Choose a PD session or an informal contact."
    if entry.occurred_on is None:
        problems["occurred_on"] = "Pick the day it happened."
    if not entry.topic.strip():
        problems["topic"] = (
            "Give the PD session a topic."
            if entry.kind == ActivityKind.PD_SESSION
            else "Say what was asked or talked about."
        )
    if entry.minutes is not None and entry.minutes < 0:
        problems["minutes"] = negative_message("Minutes", entry.minutes)
    elif entry.minutes is None or not 0 <= entry.minutes <= 24 * 60:
        problems["minutes"] = "Enter the minutes it took, from 0 to 1,440."
    if entry.attendees is not None and entry.attendees < 0:
        problems["attendees"] = negative_message("The number who came", entry.attendees)
    elif entry.attendees is not None and not 0 <= entry.attendees <= 10_000:
        problems["attendees"] = "Enter how many came, from 0 to 10,000, or leave it empty."
    if entry.feedback_score is not None and not 1 <= entry.feedback_score <= 5:
        problems["feedback_score"] = "Enter a feedback score from 1 to 5, or leave it empty."
    if entry.kind == ActivityKind.INFORMAL_CONTACT and not (
        entry.teacher_id or entry.audience.strip()
    ):
        problems["audience"] = "Pick the teacher, or name the group."
    return problems


def save_activity(
    store: Store,
    entry: ActivityInput,
    activity_id: uuid.UUID | None = None,
    loaded_at: datetime | None = None,
) -> uuid.UUID:
    """Log or edit an activity; an edit of one changed after `loaded_at` (the `updated_at`
    the form showed) raises ChangedSinceOpened."""
    problems = validate_activity(entry)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        if entry.teacher_id is not None:
            teacher = session.get(Teacher, entry.teacher_id)
            if teacher is None or teacher.deleted_at is not None:
                raise NotFound("That teacher is no longer in the notebook; pick another.")
        if activity_id is None:
            row = Activity(kind=entry.kind, occurred_on=entry.occurred_on)
            session.add(row)
        else:
            row = live(session, Activity, activity_id, "activity")
            check_unchanged(row, loaded_at, "activity")
        row.kind = entry.kind
        row.occurred_on = entry.occurred_on
        row.topic = entry.topic.strip()
        row.audience = entry.audience.strip()
        row.teacher_id = entry.teacher_id
        row.minutes = entry.minutes
        row.attendees = entry.attendees
        row.feedback_score = entry.feedback_score
        row.notes = entry.notes
        session.flush()
        return row.id


def delete_activity(store: Store, activity_id: uuid.UUID) -> None:
    with store.session() as session:
        live(session, Activity, activity_id, "activity").deleted_at = utc_now()


def restore_activity(store: Store, activity_id: uuid.UUID) -> None:
    restore(store, Activity, activity_id, "activity")


def list_activities(store: Store, school_year: str | None = None) -> list[ActivityRow]:
    """Activities, newest first; only one school year's (e.g. "2026-2027") when given."""
    with store.session() as session:
        query = (
            select(Activity, Teacher.name)
            .join(Teacher, col(Activity.teacher_id) == Teacher.id, isouter=True)
            .where(col(Activity.deleted_at).is_(None))
            .order_by(col(Activity.occurred_on).desc(), col(Activity.created_at).desc())
        )
        if school_year:
            first, last = calendar_in(session).bounds(school_year)
            query = query.where(Activity.occurred_on >= first, Activity.occurred_on <= last)
        return [
            ActivityRow(
                a.id,
                a.kind,
                a.occurred_on,
                a.topic,
                a.audience,
                a.teacher_id,
                name or "",
                a.minutes,
                a.attendees,
                a.feedback_score,
                a.notes,
                a.updated_at,
            )
            for a, name in session.exec(query)
        ]


def activity_totals(rows: list[ActivityRow]) -> ActivityTotals:
    pd = [r for r in rows if r.kind == ActivityKind.PD_SESSION]
    contacts = [r for r in rows if r.kind == ActivityKind.INFORMAL_CONTACT]
    scores = [r.feedback_score for r in pd if r.feedback_score is not None]
    return ActivityTotals(
        pd_sessions=len(pd),
        pd_minutes=sum(r.minutes for r in pd),
        pd_attendees=sum(r.attendees or 0 for r in pd),
        mean_feedback=sum(scores) / len(scores) if scores else None,
        contacts=len(contacts),
        contact_minutes=sum(r.minutes for r in contacts),
    )
