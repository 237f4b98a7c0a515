"""Pilot figures: utilisation so far, weeks to run, and the recommendation (DESIGN §2)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.models import CheckResult, Pilot, VettingCheck, VettingCriterion
from app.models.pilots import (
    UTILISATION_FLOOR_PCT,
    Recommendation,
    utilisation_pct,
    weeks_elapsed,
    weeks_to_run,
)
from app.text import CHECK_NAMES, percent, percent_against

# A pilot in its first week has had no chance to be used yet: "at risk" waits for week 2.
WEEKS_BEFORE_AT_RISK = 2


@dataclass(frozen=True)
class LostTime:
    """Technical errors not yet resolved that cost instruction time."""

    errors: int = 0
    minutes: int = 0


@dataclass(frozen=True)
class PilotFigures:
    enrolled: int
    weeks_elapsed: int
    weeks_to_run: int
    utilisation_pct: float | None
    recommendation: Recommendation
    reasons: list[str]
    at_risk: bool  # still running, with utilisation so far under the 30% line


def pilot_figures(
    pilot: Pilot,
    checks: Iterable[VettingCheck],
    enrolled_teacher_ids: set,
    usage: Iterable,  # PilotUsage records, or rows of their teacher_id, week, used, deleted_at
    today: date,
    lost: LostTime = LostTime(),
) -> PilotFigures:
    elapsed = weeks_elapsed(pilot.start_date, pilot.length_weeks, today)
    used = sum(
        1
        for u in usage
        if u.used
        and u.deleted_at is None
        and u.teacher_id in enrolled_teacher_ids
        and 1 <= u.week <= elapsed
    )
    utilisation = utilisation_pct(used, len(enrolled_teacher_ids), elapsed)
    to_run = weeks_to_run(pilot.start_date, pilot.length_weeks, today)
    results = {c.criterion: c.result for c in checks if c.deleted_at is None}
    at_risk = to_run > 0 and elapsed >= WEEKS_BEFORE_AT_RISK and _under_floor(utilisation)
    recommendation, reasons = recommend(results, utilisation, to_run, lost, at_risk=at_risk)
    return PilotFigures(
        enrolled=len(enrolled_teacher_ids),
        weeks_elapsed=elapsed,
        weeks_to_run=to_run,
        utilisation_pct=utilisation,
        recommendation=recommendation,
        reasons=reasons,
        at_risk=at_risk,
    )


def recommend(
    results: dict[str, str],
    utilisation: float | None,
    weeks_left: int,
    lost: LostTime = LostTime(),
    *,
    at_risk: bool = False,
) -> tuple[Recommendation, list[str]]:
    """The rule, in order: a failed privacy check sunsets at once; unresolved errors that cost
    instruction time ask for a review at once; a pilot with weeks to run is pending; then,
    with the weeks over, low use sunsets, an unknown check waits, a failed one asks for a
    review, and otherwise adopt. `at_risk` adds that note to a pending pilot. Returns the
    recommendation and its reasons in words."""
    unknown = [c for c in VettingCriterion if results.get(c, CheckResult.UNKNOWN) == "unknown"]
    failed = [c for c in VettingCriterion if results.get(c) == CheckResult.FAIL]
    unknown_reasons = [f"the {CHECK_NAMES[c]} check is still unknown" for c in unknown]
    failed_reasons = [f"the {CHECK_NAMES[c]} check failed" for c in failed]
    low_use = _under_floor(utilisation)
    if VettingCriterion.PRIVACY in failed:
        reasons = ["the privacy check (FERPA/COPPA) failed"]
        if weeks_left == 0 and low_use:
            reasons.append(_use_reason(utilisation))
        return Recommendation.SUNSET, reasons
    if lost.errors and lost.minutes > 0:
        return Recommendation.REVIEW, [_lost_reason(lost), *failed_reasons]
    if weeks_left > 0:
        reasons = [f"the pilot has {weeks_left} week{'s' if weeks_left != 1 else ''} to run"]
        if at_risk:
            reasons.append("at risk: " + _use_reason(utilisation, "utilisation so far"))
        return Recommendation.PENDING, reasons + unknown_reasons + failed_reasons
    if low_use:
        return Recommendation.SUNSET, [_use_reason(utilisation)]
    if utilisation is None:
        return Recommendation.PENDING, ["no teacher is enrolled, so there is no use to judge"]
    if unknown:
        return Recommendation.PENDING, unknown_reasons
    if failed:
        return Recommendation.REVIEW, failed_reasons
    shown = percent_against(utilisation, UTILISATION_FLOOR_PCT)
    return Recommendation.ADOPT, [f"every check passed and utilisation is {shown}"]


def _under_floor(utilisation: float | None) -> bool:
    return utilisation is not None and utilisation < UTILISATION_FLOOR_PCT


def _use_reason(utilisation: float, what: str = "utilisation") -> str:
    shown = percent_against(utilisation, UTILISATION_FLOOR_PCT)
    return f"{what} {shown} is under {percent(UTILISATION_FLOOR_PCT)}"


def _lost_reason(lost: LostTime) -> str:
    minutes = f"{lost.minutes} minute{'s' if lost.minutes != 1 else ''} of instruction"
    if lost.errors == 1:
        return f"an unresolved technical error has cost {minutes}"
    return f"{lost.errors} unresolved technical errors have cost {minutes}"
