"""Pilot figures: utilisation so far, weeks to run, and the recommendation."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.models import Pilot, PilotUsage, VettingCheck
from app.models.pilots import (
    Recommendation,
    recommend,
    utilisation_pct,
    weeks_elapsed,
    weeks_to_run,
)


@dataclass(frozen=True)
class PilotFigures:
    enrolled: int
    weeks_elapsed: int
    weeks_to_run: int
    utilisation_pct: float | None
    recommendation: Recommendation
    reasons: list[str]


def pilot_figures(
    pilot: Pilot,
    checks: Iterable[VettingCheck],
    enrolled_teacher_ids: set,
    usage: Iterable[PilotUsage],
    today: date,
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
    verdict = recommend(results, utilisation, to_run)
    return PilotFigures(
        enrolled=len(enrolled_teacher_ids),
        weeks_elapsed=elapsed,
        weeks_to_run=to_run,
        utilisation_pct=utilisation,
        recommendation=verdict.recommendation,
        reasons=verdict.reasons,
    )
