"""The pilot record: create, edit, enrol teachers, change status, list, delete and undo."""

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from app.models import (
    CheckResult,
    Pilot,
    PilotStatus,
    PilotTeacher,
    Teacher,
    VettingCheck,
    VettingCriterion,
)
from app.models.base import as_utc
from app.models.pilots import MAX_LENGTH_WEEKS, awaiting_decision, end_date
from app.services.errors import Refused, ValidationError
from app.services.pilots.common import (
    RECOMMENDATION_LABELS,
    PilotState,
    check_unchanged,
    live_pilot,
    load_state,
    load_states,
    privacy_gate,
    status_label,
)
from app.services.records import apply_form, live, restore
from app.store import Store

MAX_TOOL_LENGTH = 200
# Statuses set by hand; the decided ones come from recording a decision.
HAND_STATUSES = (
    PilotStatus.PROPOSED,
    PilotStatus.VETTING,
    PilotStatus.PILOTING,
    PilotStatus.DECIDING,
)


@dataclass
class PilotForm:
    tool: str = ""
    vendor: str = ""
    learning_objective: str = ""
    standards: str = ""  # CCSS, NGSS, state standards: free text
    start_date: date | None = None
    length_weeks: int = 4
    cost_per_student: float | None = None  # a year, in dollars
    licences: int | None = None


@dataclass(frozen=True)
class PilotRow:
    id: uuid.UUID
    tool: str
    vendor: str
    status: str
    status_label: str
    start_date: date | None
    last_day: date | None
    length_weeks: int
    teacher_names: list[str]
    utilisation_pct: float | None
    recommendation: str
    recommendation_label: str
    reasons: list[str]
    at_risk: bool  # running, with utilisation so far under the 30% line
    weeks_elapsed: int
    weeks_to_run: int
    awaiting_decision: bool
    decision: str | None
    decision_date: date | None
    notice_date: date | None

    @property
    def enrolled(self) -> int:
        return len(self.teacher_names)


def validate_pilot(form: PilotForm) -> dict[str, str]:
    problems = {}
    if not form.tool.strip():
        problems["tool"] = "Name the tool being piloted."
    elif len(form.tool.strip()) > MAX_TOOL_LENGTH:
        problems["tool"] = f"Keep the tool's name under {MAX_TOOL_LENGTH} characters."
    if form.length_weeks is None or not 1 <= form.length_weeks <= MAX_LENGTH_WEEKS:
        problems["length_weeks"] = (
            f"Choose a length from 1 to {MAX_LENGTH_WEEKS} weeks (4 is usual)."
        )
    cost = form.cost_per_student
    # A spin box never gives NaN or infinity, but an import or a script might.
    if cost is not None and not (math.isfinite(cost) and cost >= 0):
        problems["cost_per_student"] = (
            "Enter the cost per student a year as 0 or more, or leave it empty."
        )
    if form.licences is not None and form.licences < 0:
        problems["licences"] = "Enter the number of licences as 0 or more, or leave it empty."
    return problems


def create_pilot(store: Store, form: PilotForm, teacher_ids: Sequence[uuid.UUID] = ()) -> uuid.UUID:
    """A proposed pilot with its six vetting checks (all unknown); returns its id."""
    problems = validate_pilot(form)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        pilot = Pilot(status=PilotStatus.PROPOSED.value)
        apply_form(pilot, form)
        session.add(pilot)
        for criterion in VettingCriterion:
            session.add(
                VettingCheck(
                    pilot_id=pilot.id, criterion=criterion.value, result=CheckResult.UNKNOWN
                )
            )
        for teacher_id in dict.fromkeys(teacher_ids):
            _enrol(session, pilot.id, teacher_id)
        return pilot.id


def update_pilot(
    store: Store, pilot_id: uuid.UUID, form: PilotForm, *, opened_at: datetime | None = None
) -> None:
    """Save the edit form. `opened_at` is the pilot's `updated_at` when the form was opened:
    ChangedSinceOpened when the pilot was saved since (None saves regardless)."""
    problems = validate_pilot(form)
    with store.session() as session:
        pilot = live_pilot(session, pilot_id)
        check_unchanged(pilot, opened_at)
        started = pilot.status not in (PilotStatus.PROPOSED, PilotStatus.VETTING)
        if form.start_date is None and started:
            problems["start_date"] = "This pilot has started; keep its start date."
        if problems:
            raise ValidationError(problems)
        apply_form(pilot, form)


def form_of(pilot: Pilot) -> PilotForm:
    return PilotForm(**{f.name: getattr(pilot, f.name) for f in fields(PilotForm)})


def enrol_teacher(store: Store, pilot_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    """Add a volunteer teacher; enrolling one already in the pilot changes nothing."""
    with store.session() as session:
        live_pilot(session, pilot_id)
        _enrol(session, pilot_id, teacher_id)


def unenrol_teacher(
    store: Store, pilot_id: uuid.UUID, teacher_id: uuid.UUID, now: datetime
) -> None:
    """Take a teacher out of the pilot; their usage, log and surveys stay for a re-enrol."""
    with store.session() as session:
        live_pilot(session, pilot_id)
        for row in _enrolments(session, pilot_id, teacher_id):
            if row.deleted_at is None:
                row.deleted_at = as_utc(now)


def set_status(store: Store, pilot_id: uuid.UUID, status: str) -> None:
    """Move the pilot along proposed, vetting, piloting and deciding.

    Raises Refused when its privacy check failed and the move is to piloting, or when the
    pilot has a decision (clear it first).
    """
    if status not in {s.value for s in PilotStatus}:
        raise ValidationError({"status": "Choose proposed, vetting, piloting or deciding."})
    if status not in HAND_STATUSES:
        raise ValidationError(
            {"status": "To adopt, extend or sunset the pilot, record the decision and its reason."}
        )
    with store.session() as session:
        state = load_state(session, pilot_id)
        pilot = state.pilot
        if pilot.decision is not None:
            raise Refused(
                f"{pilot.tool} already has a decision ({status_label(pilot.decision)}). "
                "Clear the decision first to change its status."
            )
        if status == PilotStatus.PILOTING:
            check_can_pilot(state, "move to piloting")
        pilot.status = status


def check_can_pilot(state: PilotState, to_what: str) -> None:
    """The privacy gate: students use the tool only once privacy has not failed."""
    if state.result_of(VettingCriterion.PRIVACY) == CheckResult.FAIL:
        raise Refused(privacy_gate(state.pilot.tool, to_what))
    if state.pilot.start_date is None:
        raise Refused(f"Set {state.pilot.tool}'s start date first, so its weeks can be counted.")


def delete_pilot(store: Store, pilot_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_pilot`); its checks, log, usage and surveys stay."""
    with store.session() as session:
        live_pilot(session, pilot_id).deleted_at = as_utc(now)


def restore_pilot(store: Store, pilot_id: uuid.UUID) -> None:
    restore(store, Pilot, pilot_id, "pilot")


def list_pilots(store: Store, today: date) -> list[PilotRow]:
    """Every pilot: not yet scheduled first, then the newest start first."""
    with store.session() as session:
        rows = [pilot_row(state, today) for state in load_states(session)]
    return sorted(rows, key=_newest_first)


def pilot_row(state: PilotState, today: date) -> PilotRow:
    pilot = state.pilot
    figures = state.figures(today)
    ended = end_date(pilot.start_date, pilot.length_weeks)
    return PilotRow(
        id=pilot.id,
        tool=pilot.tool,
        vendor=pilot.vendor,
        status=pilot.status,
        status_label=status_label(pilot.status),
        start_date=pilot.start_date,
        last_day=None if ended is None else ended - timedelta(days=1),
        length_weeks=pilot.length_weeks,
        teacher_names=[t.name for t in state.teachers],
        utilisation_pct=figures.utilisation_pct,
        recommendation=figures.recommendation.value,
        recommendation_label=RECOMMENDATION_LABELS[figures.recommendation],
        reasons=figures.reasons,
        at_risk=figures.at_risk,
        weeks_elapsed=figures.weeks_elapsed,
        weeks_to_run=figures.weeks_to_run,
        awaiting_decision=awaiting_decision(
            pilot.start_date, pilot.length_weeks, pilot.status, pilot.decision, today
        ),
        decision=pilot.decision,
        decision_date=pilot.decision_date,
        notice_date=pilot.notice_date,
    )


def _newest_first(row: PilotRow) -> tuple:
    unscheduled = row.start_date is None
    ordinal = 0 if unscheduled else -row.start_date.toordinal()
    return (not unscheduled, ordinal, row.tool.casefold())


def _enrolments(session: Session, pilot_id: uuid.UUID, teacher_id: uuid.UUID):
    return session.exec(
        select(PilotTeacher).where(
            PilotTeacher.pilot_id == pilot_id, PilotTeacher.teacher_id == teacher_id
        )
    ).all()


def _enrol(session: Session, pilot_id: uuid.UUID, teacher_id: uuid.UUID) -> None:
    teacher = live(session, Teacher, teacher_id, "teacher")
    if teacher.archived:
        raise Refused(
            f"{teacher.name} is archived; bring them back to the roster before enrolling them."
        )
    rows = _enrolments(session, pilot_id, teacher_id)
    if any(row.deleted_at is None for row in rows):
        return
    if rows:
        # Enrolled before: undo that removal, so the row keeps its history.
        rows[0].deleted_at = None
    else:
        session.add(PilotTeacher(pilot_id=pilot_id, teacher_id=teacher_id))
