"""What every pilot service shares: labels, loading a pilot's state, and the privacy gate."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from app.models import (
    CheckResult,
    LogKind,
    Pilot,
    PilotLogEntry,
    PilotTeacher,
    PilotUsage,
    School,
    Teacher,
    VettingCheck,
    VettingCriterion,
)
from app.services import errors
from app.services.errors import ValidationError
from app.services.pilots.figures import LostTime, PilotFigures, pilot_figures
from app.services.records import live
from app.text import LOG_KIND_LABELS as LOG_KIND_LABELS
from app.text import PILOT_STATUS_LABELS
from app.text import RECOMMENDATION_LABELS as RECOMMENDATION_LABELS

STATUS_LABELS = PILOT_STATUS_LABELS
CRITERIA = [c.value for c in VettingCriterion]


def check_unchanged(pilot: Pilot, opened_at: datetime | None) -> None:
    """Raise ChangedSinceOpened when the pilot was saved after `opened_at` (None: don't
    check, as when the coach chose to keep their own version)."""
    errors.check_unchanged(
        pilot,
        opened_at,
        "pilot",
        f"{pilot.tool} was changed since you opened the form. Keep their version (your "
        "changes are dropped) or keep yours (it replaces theirs)?",
    )


@dataclass(frozen=True)
class EnrolledTeacher:
    id: uuid.UUID
    name: str
    school: str


@dataclass
class PilotState:
    """A pilot with the rows its figures come from, read in one go."""

    pilot: Pilot
    teachers: list[EnrolledTeacher] = field(default_factory=list)
    checks: list[VettingCheck] = field(default_factory=list)
    # Usage cells (teacher_id, week, used, deleted_at), read as plain values: a year's
    # pilots have thousands, and building each as a record is slow.
    usage: list = field(default_factory=list)
    lost: LostTime = field(default_factory=LostTime)  # unresolved errors that cost time

    @property
    def teacher_ids(self) -> set[uuid.UUID]:
        return {t.id for t in self.teachers}

    def figures(self, today: date) -> PilotFigures:
        return pilot_figures(
            self.pilot, self.checks, self.teacher_ids, self.usage, today, self.lost
        )

    def result_of(self, criterion: str) -> str:
        return next(
            (c.result for c in self.checks if c.criterion == criterion), CheckResult.UNKNOWN.value
        )


def live_pilot(session: Session, pilot_id: uuid.UUID) -> Pilot:
    return live(session, Pilot, pilot_id, "pilot")


def load_states(session: Session, pilot_ids: list[uuid.UUID] | None = None) -> list[PilotState]:
    """Live pilots (all, or those named) with their enrolled teachers, checks and usage.

    Teachers deleted from the roster leave the pilot too; archived ones stay enrolled.
    """
    pilots_query = select(Pilot).where(col(Pilot.deleted_at).is_(None))
    teachers_query = (
        select(PilotTeacher.pilot_id, Teacher.id, Teacher.name, School.name)
        .join(Teacher, col(PilotTeacher.teacher_id) == Teacher.id)
        .join(School, col(Teacher.school_id) == School.id, isouter=True)
        .where(col(PilotTeacher.deleted_at).is_(None), col(Teacher.deleted_at).is_(None))
        .order_by(col(Teacher.name))
    )
    checks_query = select(VettingCheck).where(col(VettingCheck.deleted_at).is_(None))
    usage_query = select(
        PilotUsage.pilot_id,
        PilotUsage.teacher_id,
        PilotUsage.week,
        PilotUsage.used,
        PilotUsage.deleted_at,
    ).where(col(PilotUsage.deleted_at).is_(None))
    lost_query = (
        select(
            PilotLogEntry.pilot_id,
            func.count(col(PilotLogEntry.id)),
            func.sum(PilotLogEntry.minutes_lost),
        )
        .where(
            col(PilotLogEntry.deleted_at).is_(None),
            PilotLogEntry.kind == LogKind.TECHNICAL_ERROR.value,
            col(PilotLogEntry.resolved).is_(False),
            PilotLogEntry.minutes_lost > 0,
        )
        .group_by(col(PilotLogEntry.pilot_id))
    )
    if pilot_ids is not None:
        pilots_query = pilots_query.where(col(Pilot.id).in_(pilot_ids))
        teachers_query = teachers_query.where(col(PilotTeacher.pilot_id).in_(pilot_ids))
        checks_query = checks_query.where(col(VettingCheck.pilot_id).in_(pilot_ids))
        usage_query = usage_query.where(col(PilotUsage.pilot_id).in_(pilot_ids))
        lost_query = lost_query.where(col(PilotLogEntry.pilot_id).in_(pilot_ids))
    teachers = defaultdict(dict)
    for pilot_id, teacher_id, name, school in session.exec(teachers_query):
        # A teacher enrolled twice (say, on two machines later merged) counts once.
        teachers[pilot_id][teacher_id] = EnrolledTeacher(teacher_id, name, school or "")
    checks = defaultdict(list)
    for check in session.exec(checks_query):
        checks[check.pilot_id].append(check)
    usage = defaultdict(list)
    for row in session.exec(usage_query):
        usage[row.pilot_id].append(row)
    lost = {pilot_id: LostTime(n, minutes) for pilot_id, n, minutes in session.exec(lost_query)}
    return [
        PilotState(
            pilot=pilot,
            teachers=list(teachers[pilot.id].values()),
            checks=sorted(checks[pilot.id], key=_criterion_order),
            usage=usage[pilot.id],
            lost=lost.get(pilot.id, LostTime()),
        )
        for pilot in session.exec(pilots_query)
    ]


def load_state(session: Session, pilot_id: uuid.UUID) -> PilotState:
    """One live pilot's state; NotFound when it is missing or deleted."""
    live_pilot(session, pilot_id)
    return load_states(session, [pilot_id])[0]


def privacy_gate(tool: str, to_what: str) -> str:
    """Why a pilot whose privacy check failed can't go on to `to_what`, and what to do."""
    return (
        f"{tool} can't {to_what} while its privacy check (FERPA/COPPA) is failed: students' "
        "data would not be protected. Get the vendor to sign the district's data privacy "
        "agreement and mark the privacy check as passed, or sunset the pilot."
    )


def check_enrolled(
    state: PilotState, teacher_id: uuid.UUID | None, field_name: str = "teacher_id"
) -> None:
    if teacher_id is not None and teacher_id not in state.teacher_ids:
        raise ValidationError(
            {field_name: "Pick one of the teachers enrolled in this pilot, or enrol them first."}
        )


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def week_of(start: date | None, day: date) -> int | None:
    """The pilot week a day falls in (1 is the first); None before the start or with none."""
    if start is None or day < start:
        return None
    return (day - start).days // 7 + 1


def _criterion_order(check: VettingCheck) -> int:
    return CRITERIA.index(check.criterion) if check.criterion in CRITERIA else len(CRITERIA)
