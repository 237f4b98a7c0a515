"""The decision: the recommendation with its reasons, then the coach's adopt, extend or sunset."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.models import CheckResult, PilotDecision, PilotStatus, VettingCriterion
from app.models.pilots import MAX_LENGTH_WEEKS, SUNSET_NOTICE_DAYS, awaiting_decision, end_date
from app.services.errors import Refused, ValidationError
from app.services.pilots.common import (
    RECOMMENDATION_LABELS,
    PilotState,
    check_unchanged,
    load_state,
    privacy_gate,
    status_label,
)
from app.services.tools.record import join_inventory
from app.store import Store
from app.text import DECISION_LABELS as DECISION_LABELS
from app.text import weekday_full_date

_GATE_WORDS = {PilotDecision.ADOPTED: "be adopted", PilotDecision.EXTENDED: "be extended"}


@dataclass
class DecisionForm:
    decision: str  # a PilotDecision: adopted, extended or sunset
    rationale: str
    decided_on: date | None
    # Extending only: how many weeks to add to the pilot (its awaiting-decision day moves).
    extra_weeks: int | None = None


@dataclass(frozen=True)
class DecisionView:
    pilot_id: uuid.UUID
    tool: str
    status: str
    status_label: str
    start_date: date | None
    length_weeks: int
    # The most weeks an extension can add (0: the pilot already runs the longest allowed).
    max_extra_weeks: int
    recommendation: str
    recommendation_label: str
    reasons: list[str]
    recommendation_text: str  # "Sunset: utilisation 22% is under 30%."
    awaiting_decision: bool
    decision: str | None
    decision_label: str | None
    rationale: str
    decision_date: date | None
    notice_date: date | None
    notice_text: str | None  # what the sunset notice means, for the Decision tab


def record_decision(
    store: Store, pilot_id: uuid.UUID, form: DecisionForm, *, opened_at: datetime | None = None
) -> None:
    """Adopt, extend or sunset, with the reason; the status follows the decision.

    A sunset starts a 30-day notice from the decision date; an extension adds `extra_weeks`
    to the pilot, so it waits for a decision again when they are over; an adoption adds the
    tool to the inventory (once, however often it is adopted). Raises Refused when
    the pilot would be adopted or extended while its privacy check is failed, and
    ChangedSinceOpened when the pilot was saved after `opened_at` (the `updated_at` the form
    was opened with; None saves regardless).
    """
    problems = {}
    if form.decision not in DECISION_LABELS:
        problems["decision"] = "Choose adopt, extend or sunset."
    if not form.rationale.strip():
        problems["rationale"] = "Write the reason for the decision; the principal reads it."
    if form.decided_on is None:
        problems["decided_on"] = "Pick the day of the decision."
    extending = form.decision == PilotDecision.EXTENDED
    if form.extra_weeks is not None and not extending:
        problems["extra_weeks"] = "Only an extension changes the pilot's length."
    elif extending and (form.extra_weeks is None or form.extra_weeks < 1):
        problems["extra_weeks"] = "Choose how many weeks to add to the pilot: 1 or more."
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        state = load_state(session, pilot_id)
        pilot = state.pilot
        check_unchanged(pilot, opened_at)
        if form.decision in _GATE_WORDS and _privacy_failed(state):
            raise Refused(privacy_gate(pilot.tool, _GATE_WORDS[PilotDecision(form.decision)]))
        if extending:
            problem = _extension_problem(pilot.start_date, pilot.length_weeks, form)
            if problem:
                raise ValidationError({"extra_weeks": problem})
        pilot.decision = form.decision
        pilot.status = form.decision
        pilot.rationale = form.rationale.strip()
        pilot.decision_date = form.decided_on
        pilot.notice_date = (
            form.decided_on + timedelta(days=SUNSET_NOTICE_DAYS)
            if form.decision == PilotDecision.SUNSET
            else None
        )
        if extending:
            pilot.length_weeks += form.extra_weeks
        if form.decision == PilotDecision.ADOPTED:
            join_inventory(session, pilot)


def clear_decision(store: Store, pilot_id: uuid.UUID, today: date) -> DecisionForm | None:
    """Take the decision back; returns it (to redo it), or None when there was none.

    The status goes back to deciding once the pilot has run its length, else to piloting
    (or vetting, before the start or while the privacy check is failed).
    """
    with store.session() as session:
        state = load_state(session, pilot_id)
        pilot = state.pilot
        if pilot.decision is None:
            return None
        previous = DecisionForm(pilot.decision, pilot.rationale, pilot.decision_date)
        figures = state.figures(today)
        if pilot.start_date is not None and figures.weeks_to_run == 0:
            pilot.status = PilotStatus.DECIDING.value
        elif figures.weeks_elapsed and not _privacy_failed(state):
            pilot.status = PilotStatus.PILOTING.value
        else:
            pilot.status = PilotStatus.VETTING.value
        pilot.decision = None
        pilot.rationale = ""
        pilot.decision_date = None
        pilot.notice_date = None
        return previous


def decision_view(state: PilotState, today: date) -> DecisionView:
    pilot = state.pilot
    figures = state.figures(today)
    label = RECOMMENDATION_LABELS[figures.recommendation]
    notice = None
    if pilot.notice_date is not None:
        days = (pilot.notice_date - today).days
        if days > 0:
            left = "1 day" if days == 1 else f"{days} days"
            notice = (
                f"Sunset notice: teachers stop using {pilot.tool} on "
                f"{weekday_full_date(pilot.notice_date)} ({left} from today)."
            )
        elif days == 0:
            notice = f"Sunset notice: today is the last day teachers use {pilot.tool}."
        else:
            notice = f"The sunset notice ended on {weekday_full_date(pilot.notice_date)}."
    return DecisionView(
        pilot_id=pilot.id,
        tool=pilot.tool,
        status=pilot.status,
        status_label=status_label(pilot.status),
        start_date=pilot.start_date,
        length_weeks=pilot.length_weeks,
        max_extra_weeks=MAX_LENGTH_WEEKS - pilot.length_weeks,
        recommendation=figures.recommendation.value,
        recommendation_label=label,
        reasons=figures.reasons,
        recommendation_text=f"{label}: {'; '.join(figures.reasons)}.",
        awaiting_decision=awaiting_decision(
            pilot.start_date, pilot.length_weeks, pilot.status, pilot.decision, today
        ),
        decision=pilot.decision,
        decision_label=DECISION_LABELS.get(pilot.decision) if pilot.decision else None,
        rationale=pilot.rationale,
        decision_date=pilot.decision_date,
        notice_date=pilot.notice_date,
        notice_text=notice,
    )


def extended_last_day(start: date | None, length_weeks: int, extra_weeks: int) -> date | None:
    """The last day of a pilot extended by `extra_weeks`; None without a start date."""
    ended = end_date(start, length_weeks + extra_weeks)
    return None if ended is None else ended - timedelta(days=1)


def _extension_problem(start: date | None, length_weeks: int, form: DecisionForm) -> str | None:
    room = MAX_LENGTH_WEEKS - length_weeks
    if room <= 0:
        return (
            f"The pilot already runs {length_weeks} weeks, the longest a pilot can: adopt or "
            "sunset it instead."
        )
    if form.extra_weeks > room:
        plural = "week" if room == 1 else "weeks"
        return f"A pilot runs at most {MAX_LENGTH_WEEKS} weeks: add up to {room} {plural}."
    # An extension that ends before the day it is decided would be over at once.
    last = extended_last_day(start, length_weeks, form.extra_weeks)
    if last is None or last >= form.decided_on:
        return None
    longest = extended_last_day(start, length_weeks, room)
    if longest < form.decided_on:
        return (
            f"Even {room} more weeks would end the pilot on {weekday_full_date(longest)}, "
            "before the decision: adopt or sunset it instead."
        )
    needed = next(
        n
        for n in range(form.extra_weeks + 1, room + 1)
        if extended_last_day(start, length_weeks, n) >= form.decided_on
    )
    plural = "week" if form.extra_weeks == 1 else "weeks"
    return (
        f"{form.extra_weeks} more {plural} would end the pilot on {weekday_full_date(last)}, "
        f"before the decision: add at least {needed}."
    )


def _privacy_failed(state: PilotState) -> bool:
    return state.result_of(VettingCriterion.PRIVACY) == CheckResult.FAIL
