"""The sample's edtech pilots, arranged so every branch of the recommendation rules shows."""

import math
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from app.models import (
    CheckResult,
    LogKind,
    Pilot,
    PilotLogEntry,
    PilotStatus,
    PilotTeacher,
    PilotUsage,
    VettingCheck,
    VettingCriterion,
)
from app.models.pilots import SUNSET_NOTICE_DAYS, UTILISATION_FLOOR_PCT, weeks_elapsed
from app.services.demo import words
from app.services.demo.context import DemoContext, TeacherInfo, on_weekday

PASS, FAIL, UNKNOWN = CheckResult.PASS.value, CheckResult.FAIL.value, CheckResult.UNKNOWN.value
CRITERIA = [c.value for c in VettingCriterion]
NOT_PRIVACY = CRITERIA[1:]


@dataclass(frozen=True)
class Scenario:
    """One way a pilot can go: how much it was used and when it ran; `name` sets its checks."""

    name: str
    used_share: tuple[float, float]  # of enrolled teacher-weeks
    when: str  # recent (finished lately), running, upcoming, or historic
    survey_lift: float


ADOPT = Scenario("adopt", (0.75, 1.0), "recent", 0.7)
REVIEW = Scenario("review", (0.45, 0.85), "recent", 0.4)
SUNSET_PRIVACY = Scenario("sunset_privacy", (0.4, 0.75), "recent", 0.2)
SUNSET_UNUSED = Scenario("sunset_unused", (0.05, 0.25), "recent", 0.0)
# The small district has four pilots, so one sunset shows both reasons: usage stopped when
# the privacy review came back.
SUNSET_BOTH = Scenario("sunset_both", (0.1, 0.25), "recent", 0.0)
PENDING_CHECK = Scenario("pending_check", (0.5, 0.9), "recent", 0.4)
PENDING_RUNNING = Scenario("pending_running", (0.5, 0.9), "running", 0.0)
# Still running, but hardly used so far: pending, with the "at risk" note.
PENDING_AT_RISK = Scenario("pending_at_risk", (0.05, 0.25), "running", 0.0)
# Still running, but sign-in errors keep eating lesson time: a review at once.
REVIEW_RUNNING = Scenario("review_running", (0.5, 0.9), "running", 0.0)
UPCOMING = Scenario("upcoming", (0.0, 0.0), "upcoming", 0.0)
# Scenarios whose log keeps technical errors unresolved that cost lesson time.
LOSING_TIME = ("review", "review_running")

SMALL_PLAN = [ADOPT, REVIEW, PENDING_RUNNING, SUNSET_BOTH]
FULL_PLAN = [
    ADOPT,
    SUNSET_PRIVACY,
    SUNSET_UNUSED,
    PENDING_CHECK,
    PENDING_RUNNING,
    PENDING_AT_RISK,
    REVIEW,
    REVIEW_RUNNING,
    UPCOMING,
]
# Older pilots, all finished and decided.
HISTORIC_WEIGHTS = [
    (ADOPT, 40),
    (REVIEW, 18),
    (SUNSET_PRIVACY, 10),
    (SUNSET_UNUSED, 22),
    (PENDING_CHECK, 10),
]


def build_pilots(ctx: DemoContext) -> list[uuid.UUID]:
    """Every pilot of the sample, newest scenarios first; returns their ids."""
    rng = ctx.rng
    plan = SMALL_PLAN if ctx.size.pilots <= len(SMALL_PLAN) else FULL_PLAN
    scenarios = plan[: ctx.size.pilots]
    historic, weights = zip(*HISTORIC_WEIGHTS, strict=True)
    scenarios += rng.choices(historic, weights, k=ctx.size.pilots - len(scenarios))
    tools = [(p, s) for p in words.TOOL_PREFIXES for s in words.TOOL_SUFFIXES]
    rng.shuffle(tools)
    ids = []
    for number, scenario in enumerate(scenarios):
        when = scenario.when if number < len(plan) else "historic"
        ids.append(_pilot(ctx, scenario, when, tools[number % len(tools)]))
        ctx.writer.flush_if_full()
    return ids


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _start(ctx: DemoContext, when: str) -> date | None:
    today, rng = ctx.today, ctx.rng
    if when == "recent":
        return _monday(ctx.pick_day(today - timedelta(weeks=10), today - timedelta(weeks=5)))
    if when == "running":
        return _monday(today - timedelta(days=rng.randint(7, 14)))
    if when == "upcoming":
        # Proposed pilots have no start date yet; vetted ones are booked.
        return None if rng.random() < 0.5 else _monday(today + timedelta(weeks=rng.randint(2, 5)))
    return _monday(ctx.pick_day(ctx.story_start, today - timedelta(weeks=8)))


def _results(ctx: DemoContext, scenario: Scenario) -> dict[str, str]:
    rng = ctx.rng
    results = dict.fromkeys(CRITERIA, PASS)
    name = scenario.name
    if name == "review":
        for criterion in rng.sample(NOT_PRIVACY, rng.choice((1, 1, 2))):
            results[criterion] = FAIL
    elif name in ("sunset_privacy", "sunset_both"):
        results["privacy"] = FAIL
        for criterion in rng.sample(NOT_PRIVACY, 2):
            results[criterion] = rng.choice((UNKNOWN, FAIL))
    elif name == "sunset_unused":
        results[rng.choice(NOT_PRIVACY)] = rng.choice((PASS, UNKNOWN))
    elif name == "pending_check":
        for criterion in rng.sample(CRITERIA, rng.choice((1, 2))):
            results[criterion] = UNKNOWN
    elif name == "pending_running":
        # Still waiting on the iPad app, so it shows both reasons to keep a pilot pending.
        results["mobile"] = UNKNOWN
    elif name == "upcoming":
        results = {c: rng.choice((UNKNOWN, UNKNOWN, PASS)) for c in CRITERIA}
        results["privacy"] = UNKNOWN
    return results


def _decision(ctx: DemoContext, scenario: Scenario, when: str, start) -> tuple[str, str | None]:
    """(status, decision): recent pilots await a decision unless clear-cut."""
    if when == "running":
        return PilotStatus.PILOTING.value, None
    if when == "upcoming":
        return (PilotStatus.PROPOSED if start is None else PilotStatus.VETTING).value, None
    name = scenario.name
    if name.startswith("sunset"):
        return PilotStatus.SUNSET.value, PilotStatus.SUNSET.value
    if name == "adopt":
        return PilotStatus.ADOPTED.value, PilotStatus.ADOPTED.value
    if when == "recent":
        return PilotStatus.DECIDING.value, None
    if name == "review":
        choice = ctx.rng.choice((PilotStatus.ADOPTED, PilotStatus.EXTENDED, PilotStatus.SUNSET))
        return choice.value, choice.value
    return PilotStatus.EXTENDED.value, PilotStatus.EXTENDED.value


def _rationale(decision: str | None, results: dict[str, str], used_pct: float) -> str:
    failed = [c for c in NOT_PRIVACY if results[c] == FAIL]
    gap = failed[0] if failed else "the open check"
    if decision == PilotStatus.ADOPTED:
        if failed:
            return f"Adopted with a workaround for the {gap} gap; teachers asked to keep it."
        return f"Every check passed and teachers used it in {used_pct:.0f}% of teacher-weeks."
    if decision == PilotStatus.SUNSET:
        if results["privacy"] == FAIL:
            return "The vendor would not sign the data privacy agreement."
        return f"Teachers used it in only {used_pct:.0f}% of teacher-weeks; sign-in kept failing."
    if decision == PilotStatus.EXTENDED:
        return f"Extended four more weeks while the vendor resolves {gap}."
    return ""


def _enrol(ctx: DemoContext, when: str, start: date | None) -> list[TeacherInfo]:
    count = ctx.rng.choice((3, 3, 3, 3, 3, 2, 4))
    if when != "historic" or start is None:
        return ctx.current_teachers(count)
    chosen: dict[uuid.UUID, TeacherInfo] = {}
    while len(chosen) < count:
        teacher = ctx.teacher_on(start + timedelta(weeks=8))
        chosen[teacher.id] = teacher
    return list(chosen.values())


def _pilot(ctx: DemoContext, scenario: Scenario, when: str, tool) -> uuid.UUID:
    rng, today, writer = ctx.rng, ctx.today, ctx.writer
    prefix, suffix = tool
    objective, standards = words.TOOL_SUBJECTS[prefix]
    start = _start(ctx, when)
    results = _results(ctx, scenario)
    status, decision = _decision(ctx, scenario, when, start)
    length = 8 if decision == PilotStatus.EXTENDED else 4
    teachers = _enrol(ctx, when, start)
    elapsed = weeks_elapsed(start, length, today)
    used = _used_cells(ctx, scenario, teachers, elapsed)
    cells = len(teachers) * elapsed
    used_pct = 100.0 * len(used) / cells if cells else 0.0
    cost = _cost(ctx, results["cost"])
    end = start + timedelta(weeks=length) if start else None
    decided = None
    if decision and end:
        # An extension is decided when the first four weeks are over, and adds the rest.
        ended = start + timedelta(weeks=4) if decision == PilotStatus.EXTENDED else end
        decided = min(today, on_weekday(ended + timedelta(days=rng.randint(2, 10))))
    pilot_id = writer.add(
        Pilot,
        tool=f"{prefix}{suffix}",
        vendor=rng.choice(words.VENDORS),
        learning_objective=objective,
        standards=standards,
        start_date=start,
        length_weeks=length,
        status=status,
        cost_per_student=cost,
        licences=len(teachers) * 30 if start else None,
        decision=decision,
        rationale=_rationale(decision, results, used_pct),
        decision_date=decided,
        notice_date=decided + timedelta(days=SUNSET_NOTICE_DAYS)
        if decision == PilotStatus.SUNSET and decided
        else None,
    )
    for criterion in CRITERIA:
        writer.add(
            VettingCheck,
            pilot_id=pilot_id,
            criterion=criterion,
            **_check(ctx, criterion, results[criterion], cost),
        )
    for teacher in teachers:
        writer.add(PilotTeacher, pilot_id=pilot_id, teacher_id=teacher.id)
        for week in range(1, elapsed + 1):
            writer.add(
                PilotUsage,
                pilot_id=pilot_id,
                teacher_id=teacher.id,
                week=week,
                used=(teacher.id, week) in used,
            )
    if elapsed:
        _log(ctx, pilot_id, scenario, teachers, start, elapsed)
    _surveys_and_notes(ctx, pilot_id, scenario, teachers, start, end)
    return pilot_id


def _surveys_and_notes(ctx, pilot_id, scenario: Scenario, teachers, start, end) -> None:
    """Pre surveys before the start, post surveys after the end, and a note or two."""
    rng, today = ctx.rng, ctx.today
    if start and start - timedelta(days=3) <= today:
        for teacher in teachers:
            ctx.add_survey(teacher.id, "pre", start - timedelta(days=3), 0.0, pilot_id=pilot_id)
    if end and end + timedelta(days=2) <= today:
        for teacher in teachers:
            taken = on_weekday(end + timedelta(days=2))
            ctx.add_survey(
                teacher.id, "post", min(today, taken), scenario.survey_lift, pilot_id=pilot_id
            )
    if rng.random() < 0.7:
        ctx.add_note(rng.choice(words.PILOT_NOTES_SHARED), private=False, pilot_id=pilot_id)
    if rng.random() < 0.4:
        ctx.add_note(rng.choice(words.PILOT_NOTES_PRIVATE), private=True, pilot_id=pilot_id)


def _used_cells(ctx, scenario: Scenario, teachers, elapsed: int) -> set[tuple[uuid.UUID, int]]:
    """Which teacher-weeks were used, kept on the scenario's side of the 30% floor."""
    cells = [(t.id, week) for t in teachers for week in range(1, elapsed + 1)]
    if not cells:
        return set()
    low, high = scenario.used_share
    count = round(len(cells) * ctx.rng.uniform(low, high))
    floor = math.ceil(len(cells) * UTILISATION_FLOOR_PCT / 100)
    count = min(count, floor - 1) if high < 0.3 else max(count, floor)
    return set(ctx.rng.sample(cells, max(0, min(len(cells), count))))


def _cost(ctx: DemoContext, result: str) -> float | None:
    if result == PASS:
        return round(ctx.rng.uniform(1.5, 4.75), 2)
    if result == FAIL:
        return round(ctx.rng.uniform(5.5, 9.5), 2)
    return None


def _check(ctx: DemoContext, criterion: str, result: str, cost: float | None) -> dict:
    text = words.CHECK_EVIDENCE[criterion][result]
    tier = None
    if criterion == "evidence" and result == PASS:
        tier = ctx.rng.choice((1, 2, 3, 3, 4))
        text = text.format(tier=tier, study=words.ESSA_STUDIES[tier])
    elif criterion == "cost" and cost is not None:
        text = text.format(cost=cost)
    return {"result": result, "evidence": text, "essa_tier": tier}


def _log(ctx, pilot_id, scenario: Scenario, teachers, start: date, elapsed: int) -> None:
    """A few entries; only the scenarios losing time keep errors open (one at least)."""
    rng = ctx.rng
    error_weight = 6 if scenario.name.startswith("sunset") else 3
    losing_time = scenario.name in LOSING_TIME
    for number in range(rng.randint(2, 5)):
        kind = rng.choices(
            (LogKind.TECHNICAL_ERROR, LogKind.USAGE, LogKind.NOTE), (error_weight, 3, 2)
        )[0]
        if losing_time and number == 0:
            kind = LogKind.TECHNICAL_ERROR
        day = on_weekday(start + timedelta(days=rng.randint(0, elapsed * 7 - 3)))
        teacher = rng.choice(teachers)
        error = kind == LogKind.TECHNICAL_ERROR
        text = {
            LogKind.TECHNICAL_ERROR: words.LOG_ERRORS,
            LogKind.USAGE: words.LOG_USAGE,
            LogKind.NOTE: words.LOG_NOTES,
        }[kind]
        ctx.writer.add(
            PilotLogEntry,
            pilot_id=pilot_id,
            logged_on=min(day, ctx.today),
            period=rng.choice(teacher.periods)[0],
            teacher_id=teacher.id,
            kind=kind.value,
            severity=rng.randint(1, 3) if error else None,
            description=rng.choice(text),
            minutes_lost=rng.randint(3, 20) if error else 0,
            resolved=error and not (losing_time and (number == 0 or rng.random() < 0.5)),
        )
