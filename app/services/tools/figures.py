"""A tool's figures for a semester and the semester review rule (DESIGN §2, issue 19)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.models.tools import RENEWAL_WARNING_DAYS, ToolRecommendation, ToolStatus
from app.services.pilots.figures import LostTime
from app.services.tools.semesters import Semester
from app.text import percent, percent_against, weekday_full_date

# A semester's first week says little: its utilisation so far is judged from the second.
WEEKS_BEFORE_JUDGED = 2


@dataclass(frozen=True)
class MonthUse:
    month: date  # its first day
    active_teachers: int
    utilisation_pct: float | None


@dataclass(frozen=True)
class SemesterUse:
    """Who used the tool in one semester (up to today), among its licensed teachers."""

    semester: Semester
    licensed: int
    active_teachers: int
    utilisation_pct: float | None  # None: no teacher is licensed or enrolled
    months: list[MonthUse]


@dataclass(frozen=True)
class Review:
    recommendation: ToolRecommendation | None  # None: retired, out of the review
    reasons: list[str]


def semester_use(
    semester: Semester,
    licensed_ids: set,
    usage: Iterable,  # rows of teacher_id, starts_on, active
    today: date,
) -> SemesterUse:
    """Utilisation is teachers with any use over teachers licensed; by month too."""
    last = min(semester.last_day, today)
    by_month: dict[date, set] = {}
    active = set()
    for row in usage:
        counted = row.active > 0 and row.teacher_id in licensed_ids
        if counted and semester.first_day <= row.starts_on <= last:
            active.add(row.teacher_id)
            by_month.setdefault(row.starts_on.replace(day=1), set()).add(row.teacher_id)
    months = []
    month = semester.first_day.replace(day=1)
    while month <= last:
        users = len(by_month.get(month, ()))
        months.append(MonthUse(month, users, _share(users, len(licensed_ids))))
        month = (month + timedelta(days=32)).replace(day=1)
    return SemesterUse(
        semester, len(licensed_ids), len(active), _share(len(active), len(licensed_ids)), months
    )


def yearly_cost(
    cost_per_year: float | None, cost_per_student: float | None, licences: int | None
) -> float | None:
    """What the tool costs a year: as entered, else cost per student times licences."""
    if cost_per_year is not None:
        return cost_per_year
    if cost_per_student is not None and licences:
        return cost_per_student * licences
    return None


def cost_per_active_teacher(yearly: float | None, active_teachers: int) -> float | None:
    return None if yearly is None or active_teachers == 0 else yearly / active_teachers


def review(
    status: str,
    added_on: date,
    renewal_date: date | None,
    notice_date: date | None,
    current: SemesterUse,
    last_ended: SemesterUse,
    lost: LostTime,
    today: date,
) -> Review:
    """The semester review, in order.

    A retired tool is out of it, and one under its sunset notice is being sunset. Then:
    unresolved errors that cost instruction time ask for a review at once, at any date; a
    renewal within 60 days with utilisation under 30% is flagged before the money is spent;
    a tool under 30% over the last semester that ended (and that it was in the inventory
    for from its first day) is a sunset candidate; otherwise it is kept once a semester
    has cleared the line, and pending until its first full semester ends. Utilisation so
    far under 30% adds an "at risk" note from the semester's second week.
    """
    if status == ToolStatus.RETIRED:
        return Review(None, ["retired: it has left the inventory"])
    if status == ToolStatus.SUNSET_NOTICE:
        started = f" on {weekday_full_date(notice_date)}" if notice_date else ""
        return Review(ToolRecommendation.SUNSET, [f"its 30-day sunset notice started{started}"])
    if lost.errors and lost.minutes > 0:
        return Review(ToolRecommendation.REVIEW, [_lost_reason(lost)])
    so_far_judged = current.semester.weeks_run(today) >= WEEKS_BEFORE_JUDGED
    judged_ended = added_on <= last_ended.semester.first_day
    renewal = _renewal_reason(renewal_date, today, current, last_ended, so_far_judged, judged_ended)
    if renewal:
        return Review(ToolRecommendation.SUNSET, [renewal])
    at_risk = []
    if not current.semester.ended_by(today) and so_far_judged and _under(current.utilisation_pct):
        so_far = _use(current.utilisation_pct)
        at_risk = [f"at risk: utilisation so far this semester is {so_far}"]
    if judged_ended and last_ended.utilisation_pct is not None:
        over = (
            f"utilisation over {last_ended.semester.label} was {_use(last_ended.utilisation_pct)}"
        )
        if _under(last_ended.utilisation_pct):
            return Review(ToolRecommendation.SUNSET, [f"sunset candidate: {over}"])
        return Review(ToolRecommendation.KEEP, [over, *at_risk])
    if current.licensed == 0:
        return Review(
            ToolRecommendation.PENDING,
            ["no teacher is licensed or enrolled, so there is no use to judge"],
        )
    if current.semester.ended_by(today) or added_on > current.semester.first_day:
        return Review(
            ToolRecommendation.PENDING,
            [
                f"it joined the inventory on {weekday_full_date(added_on)}: its first full "
                "semester is judged when that semester ends",
                *at_risk,
            ],
        )
    left = current.semester.weeks_to_run(today)
    return Review(
        ToolRecommendation.PENDING,
        [
            f"{current.semester.label} has {left} week{'s' if left != 1 else ''} to run; "
            f"it is reviewed after {weekday_full_date(current.semester.last_day)}",
            *at_risk,
        ],
    )


def _renewal_reason(
    renewal_date: date | None,
    today: date,
    current: SemesterUse,
    last_ended: SemesterUse,
    so_far_judged: bool,
    judged_ended: bool,
) -> str | None:
    if renewal_date is None or not 0 <= (renewal_date - today).days <= RENEWAL_WARNING_DAYS:
        return None
    if so_far_judged and current.utilisation_pct is not None:
        pct, over = current.utilisation_pct, "this semester"
    elif judged_ended and last_ended.utilisation_pct is not None:
        pct, over = last_ended.utilisation_pct, f"over {last_ended.semester.label}"
    else:
        return None
    if not _under(pct):
        return None
    days = (renewal_date - today).days
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return (
        f"it renews on {weekday_full_date(renewal_date)} ({when}) and utilisation {over} "
        f"is {_use(pct)}: decide before the money is spent"
    )


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def _under(pct: float | None) -> bool:
    return pct is not None and pct < UTILISATION_FLOOR_PCT


def _use(pct: float) -> str:
    shown = percent_against(pct, UTILISATION_FLOOR_PCT)
    if pct < UTILISATION_FLOOR_PCT:
        return f"{shown}, under {percent(UTILISATION_FLOOR_PCT)}"
    return f"{shown}, clearing {percent(UTILISATION_FLOOR_PCT)}"


def _lost_reason(lost: LostTime) -> str:
    minutes = f"{lost.minutes} minute{'s' if lost.minutes != 1 else ''} of instruction"
    if lost.errors == 1:
        return f"an unresolved technical error has cost {minutes}: review it now"
    return f"{lost.errors} unresolved technical errors have cost {minutes}: review it now"
