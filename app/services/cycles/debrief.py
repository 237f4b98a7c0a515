"""The reflective debrief that ends a cycle: the final value, goal met, and what comes next."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import col, select

from app.models import CoachingCycle, CycleOutcome, CycleSession, CycleSessionKind, MeasureKind
from app.services.calendar import on_school_day
from app.services.cycles.common import refresh_status
from app.services.cycles.goal import GoalInput, goal_met_by_numbers, goal_met_reason
from app.services.cycles.reading import CycleDetail
from app.services.cycles.sessions import done_problems
from app.services.errors import ValidationError, check_unchanged
from app.services.records import live
from app.store import Store
from app.text import OUTCOME_LABELS as OUTCOME_LABELS

MAX_EXTEND_WEEKS = 8


@dataclass
class DebriefInput:
    final_value: float | None = None
    goal_met: bool | None = None
    teacher_reflection: str = ""
    # Ticked: the reflection prints in the teacher report and the portfolio.
    reflection_shareable: bool = False
    next_steps: str = ""
    outcome: str | None = None
    done_on: date | None = None
    duration_minutes: int | None = None
    # With the "extend" outcome: how many weeks to add now (0: extended before, no more).
    extend_weeks: int = 0


def debrief_contradiction(goal: GoalInput, debrief: DebriefInput) -> str | None:
    """Why "goal met" disagrees with the numbers, or None when it does not."""
    met = goal_met_by_numbers(goal.baseline_value, goal.target_value, debrief.final_value)
    if met is None or debrief.goal_met is None or debrief.goal_met == met:
        return None
    said = "Yes" if debrief.goal_met else "Not yet"
    return f"{goal_met_reason(goal, debrief.final_value)} Yet “Goal met” says {said}."


def extension_dates(detail: CycleDetail, weeks: int) -> tuple[date, date | None]:
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
        problems.update(done_problems(debrief.done_on, debrief.duration_minutes, today))
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
        cycle.reflection_shareable = debrief.reflection_shareable
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
        refresh_status(session, cycle.id)
