"""A cycle's goal (PEERS, the measure, baseline and target) and whether the numbers meet it."""

import uuid
from dataclasses import dataclass, fields
from datetime import datetime

from app.models import CoachingCycle, MeasureKind
from app.services.errors import ValidationError, check_unchanged
from app.services.records import apply_form, live
from app.store import Store
from app.text import MEASURE_LABELS as MEASURE_LABELS
from app.text import goal_value_against

PEERS = (
    ("peers_powerful", "Powerful", "Will reaching it make a real difference for students?"),
    ("peers_easy", "Easy", "Is it simple enough to say in one sentence and act on?"),
    ("peers_emotional", "Emotionally compelling", "Does the teacher care about it?"),
    ("peers_reachable", "Reachable", "Can it be measured and met in this cycle?"),
    ("peers_student_focused", "Student-focused", "Is it about what students do or learn?"),
)


@dataclass
class GoalInput:
    goal: str = ""
    peers_powerful: bool = False
    peers_easy: bool = False
    peers_emotional: bool = False
    peers_reachable: bool = False
    peers_student_focused: bool = False
    learning_target: str = ""
    measure_kind: str = MeasureKind.TIME_ON_TASK
    measure_description: str = ""
    baseline_value: float | None = None
    target_value: float | None = None


def save_goal(
    store: Store, cycle_id: uuid.UUID, goal: GoalInput, loaded_at: datetime | None = None
) -> None:
    """The cycle's goal; raises ChangedSinceOpened if the cycle changed after `loaded_at`."""
    problems = validate_goal(goal)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        check_unchanged(cycle, loaded_at, "cycle")
        apply_form(cycle, goal)


def goal_of(cycle: CoachingCycle) -> GoalInput:
    """The goal as the cycle holds it."""
    return GoalInput(**{f.name: getattr(cycle, f.name) for f in fields(GoalInput)})


def validate_goal(goal: GoalInput) -> dict[str, str]:
    problems = {}
    if goal.measure_kind not in {m.value for m in MeasureKind}:
        problems["measure_kind"] = "Choose how progress is measured."
    if goal.measure_kind == MeasureKind.CUSTOM and not goal.measure_description.strip():
        problems["measure_description"] = "Say how the custom measure works."
    percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
    for name in ("baseline_value", "target_value"):
        value = getattr(goal, name)
        if value is not None and percent and not 0 <= value <= 100:
            problems[name] = "Time-on-task is a percentage from 0 to 100."
        elif value is not None and value < 0:
            problems[name] = "Use a value of 0 or more."
    return problems


def goal_met_by_numbers(
    baseline: float | None, target: float | None, final: float | None
) -> bool | None:
    """Whether the final value reaches the target, None when either is missing.

    A target below the baseline means lower is better (e.g. minutes lost to transitions);
    otherwise higher is better.
    """
    if target is None or final is None:
        return None
    if baseline is not None and target < baseline:
        return final <= target
    return final >= target


def shown_goal_met(
    baseline: float | None, target: float | None, final: float | None, answered: bool | None
) -> bool | None:
    """ "Goal met" as the app and every report show it: final against target when both are
    known, so nothing ever says "met" at 72% of 85%; else the coach's debrief answer."""
    by_numbers = goal_met_by_numbers(baseline, target, final)
    return answered if by_numbers is None else by_numbers


def goal_met_reason(goal: GoalInput, final: float | None) -> str:
    """One sentence on what the numbers say about the goal, empty when they say nothing."""
    met = goal_met_by_numbers(goal.baseline_value, goal.target_value, final)
    if met is None:
        return ""
    percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
    # Each shown precisely enough against the other that "reaches" or "falls short" reads true.
    shown = [
        goal_value_against(final, goal.target_value, percent),
        goal_value_against(goal.target_value, final, percent),
    ]
    lower = goal.baseline_value is not None and goal.target_value < goal.baseline_value
    better = "lower is better" if lower else "higher is better"
    if met:
        return f"The final {shown[0]} reaches the {shown[1]} target ({better})."
    return f"The final {shown[0]} falls short of the {shown[1]} target ({better})."
