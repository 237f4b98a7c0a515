"""The end-of-year portfolio's data: every cycle, pilot, activity and photo of a school year."""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.models import ActivityKind, CycleStatus
from app.services.activities import KIND_LABELS, activity_totals, list_activities
from app.services.collation import sort_key
from app.services.cycles import STATUS_LABELS, list_cycles
from app.services.evidence import list_evidence
from app.services.observations import list_observations
from app.services.observations.calibration import year_calibration, year_calibration_sentence
from app.services.pilots import list_pilots, pilot_details
from app.services.profile import school_calendar
from app.services.reports.pilot import (
    PilotReportData,
    pilot_outcome,
    pilot_report,
    shared_pilot_notes,
)
from app.services.reports.shared import (
    Byline,
    CancelCheck,
    Photo,
    byline,
    lines_with_cycles,
    no_cancel,
    photos_of,
)
from app.services.reports.teacher import CycleReport, cycle_reports
from app.services.reports.tool import InventorySection, inventory_section
from app.store import Store
from app.text import full_date


@dataclass(frozen=True)
class ActivityLine:
    occurred_on: date
    kind_label: str
    topic: str
    who: str
    minutes: int
    attendees: int | None


@dataclass(frozen=True)
class CyclesOfAMonth:
    """The cycles that began in one month, by what each cycle's "Goal met" says."""

    month: date  # its first day
    met: int  # "Goal met: Yes"
    not_met: int  # "Goal met: Not yet"
    no_answer: int  # planned, active, or completed without an answer
    stopped: int  # abandoned before the debrief

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.no_answer + self.stopped


@dataclass(frozen=True)
class YearAtAGlance:
    teachers_coached: int  # in a cycle this year
    teachers_observed: int
    cycles: int
    cycles_by_status: dict[str, int]  # status label -> count, in status order
    observations: int
    mean_change: float | None  # final minus baseline, time-on-task cycles with both
    change_cycles: int
    goals_met: int  # cycles whose "Goal met" says Yes
    goals_answered: int  # cycles whose "Goal met" says Yes or Not yet
    cycles_by_month: list[CyclesOfAMonth]  # every month of the school year, in order
    pilots: int
    pilot_outcomes: list[str]  # "Padlet: Adopt", "Kahoot!: awaiting a decision"
    pd_sessions: int
    pd_hours: float
    pd_attendees: int
    contacts: int
    # "3 of 30 observations (10%) were calibrated with a second observer; …", or "".
    calibration: str = ""


@dataclass(frozen=True)
class PortfolioData:
    byline: Byline
    school_year: str
    first_day: date
    last_day: date  # as Settings end the school year (the summer after still counts in it)
    glance: YearAtAGlance
    cycles: list[CycleReport]
    pilots: list[PilotReportData]
    activities: list[ActivityLine]
    photos: list[Photo] = field(default_factory=list)
    inventory: InventorySection | None = None


def portfolio_data(
    store: Store, school_year: str, today: date, *, cancel: CancelCheck | None = None
) -> PortfolioData:
    """Everything of one school year ("2025-2026") for the coach's end-of-year portfolio."""
    cancel = cancel or no_cancel
    calendar = school_calendar(store)
    first, last = calendar.bounds(school_year)
    cycle_rows = [c for c in list_cycles(store, today) if c.school_year == school_year]
    cycle_rows.sort(key=lambda c: (c.start_date, sort_key(c.teacher_name)))
    all_obs = list_observations(store)
    year_obs = [o for o in all_obs if first <= o.observed_on <= last]
    cancel()
    cycles = cycle_reports(store, cycle_rows, today, lines_with_cycles(store, all_obs))
    pilot_rows = [
        p
        for p in list_pilots(store, today)
        if (p.start_date is not None and first <= p.start_date <= last)
        or (p.decision_date is not None and first <= p.decision_date <= last)
        or (p.start_date is None and first <= today <= last)
    ]
    pilot_rows.sort(key=lambda p: (p.start_date or date.max, sort_key(p.tool)))
    notes = shared_pilot_notes(store, pilot_ids=[p.id for p in pilot_rows])
    common = byline(store, today)
    cancel()
    details = pilot_details(store, [p.id for p in pilot_rows], today)
    pilots = [pilot_report(details[p.id], common, notes.get(p.id, []), []) for p in pilot_rows]
    activities = list_activities(store, school_year)
    totals = activity_totals(activities)
    cancel()
    photos = _year_photos(store, cycles, pilots, year_obs, cancel)
    inventory = inventory_section(store, school_year, today)
    by_status = dict.fromkeys(STATUS_LABELS.values(), 0)
    for row in cycle_rows:
        label = STATUS_LABELS.get(row.status, row.status)
        by_status[label] = by_status.get(label, 0) + 1
    changes = [c.change for c in cycles if c.time_on_task and c.change is not None]
    answered = [c.goal_met for c in cycles if _goal_answer(c) is not None]
    last_day = calendar.last_school_day(first, last)
    glance = YearAtAGlance(
        teachers_coached=len({c.teacher_id for c in cycle_rows}),
        teachers_observed=len({o.teacher_id for o in year_obs}),
        cycles=len(cycle_rows),
        cycles_by_status=by_status,
        observations=len(year_obs),
        mean_change=sum(changes) / len(changes) if changes else None,
        change_cycles=len(changes),
        goals_met=sum(answered),
        goals_answered=len(answered),
        cycles_by_month=_cycles_by_month(cycles, first, last_day),
        pilots=len(pilots),
        pilot_outcomes=[f"{p.tool}: {pilot_outcome(p)}" for p in pilots],
        pd_sessions=totals.pd_sessions,
        pd_hours=totals.pd_hours,
        pd_attendees=totals.pd_attendees,
        contacts=totals.contacts,
        calibration=year_calibration_sentence(year_calibration(store, [o.id for o in year_obs])),
    )
    return PortfolioData(
        byline=common,
        school_year=school_year,
        first_day=first,
        last_day=last_day,
        glance=glance,
        cycles=cycles,
        pilots=pilots,
        activities=[
            ActivityLine(
                a.occurred_on,
                KIND_LABELS.get(ActivityKind(a.kind), a.kind),
                a.topic,
                a.who,
                a.minutes,
                a.attendees,
            )
            for a in sorted(activities, key=lambda a: a.occurred_on)
        ],
        photos=photos,
        inventory=inventory,
    )


def _goal_answer(cycle: CycleReport) -> bool | None:
    """What the cycle's own "Goal met" line says: None for no answer (or none printed)."""
    return None if cycle.status == CycleStatus.ABANDONED else cycle.goal_met


def _cycles_by_month(cycles: list[CycleReport], first: date, last: date) -> list[CyclesOfAMonth]:
    """Every month from the first school day to the last (and any later month a cycle began
    in), each with its cycles by what their "Goal met" says."""
    counts: dict[date, list[int]] = {}
    month = first.replace(day=1)
    while month <= last:
        counts[month] = [0, 0, 0, 0]
        month = (month + timedelta(days=32)).replace(day=1)
    for cycle in cycles:
        answer = _goal_answer(cycle)
        slot = 3 if cycle.status == CycleStatus.ABANDONED else {True: 0, False: 1, None: 2}[answer]
        counts.setdefault(cycle.start_date.replace(day=1), [0, 0, 0, 0])[slot] += 1
    return [CyclesOfAMonth(month, *counts[month]) for month in sorted(counts)]


def _year_photos(
    store: Store,
    cycles: list[CycleReport],
    pilots: list[PilotReportData],
    observations,
    cancel: CancelCheck,
) -> list[Photo]:
    """Photos ticked for the portfolio on the year's cycles, observations and pilots."""
    about: dict[uuid.UUID, str] = {}
    for cycle in cycles:
        about[cycle.id] = cycle.title_after(f"Cycle with {cycle.teacher_name}")
    for obs in observations:
        lesson = f", {obs.lesson}" if obs.lesson else ""
        about[obs.id] = f"Observation of {obs.teacher_name}, {full_date(obs.observed_on)}{lesson}"
    for pilot in pilots:
        about[pilot.pilot_id] = f"Pilot of {pilot.tool}"
    rows = [
        r
        for r in list_evidence(store, in_portfolio=True)
        if (r.observation_id or r.cycle_id or r.pilot_id) in about
    ]
    cancel()
    return photos_of(store, rows, about)
