"""The app's vocabulary: every label, meaning and number format the screens, PDFs, charts and
CLI show, so the coach sees exactly what the principal gets.

One rounding rule: a number is rounded once, for display, and whatever is shown beside it
(a change, a total, a comparison) is worked out from the shown values, so a page adds up.
Dates use English month and day names from here, never the machine's locale.
"""

from dataclasses import dataclass
from datetime import date, datetime

from app.models import (
    ActivityKind,
    CycleOutcome,
    CycleStatus,
    MeasureKind,
    PicratEngagement,
    PicratUse,
    SamrLevel,
)
from app.models.cycles import SESSION_LABELS as SESSION_LABELS
from app.models.observations import ActivityFormat
from app.models.pilots import SEVERITY_LABELS as SEVERITY_LABELS
from app.models.pilots import (
    CheckResult,
    LogKind,
    PilotDecision,
    PilotStatus,
    Recommendation,
    VettingCriterion,
)
from app.models.surveys import LIKERT_LABELS as LIKERT_LABELS
from app.models.surveys import SurveyPhase
from app.models.tools import ToolRecommendation, ToolStage, ToolStatus

# Shown where a number or a date is missing, in a list, on a screen or on paper.
NO_VALUE = "—"

# ---- Numbers ------------------------------------------------------------------------------

# A comparison with a threshold is shown with at most this many decimals.
_MAX_DECIMALS = 3


def _trimmed(value: float, decimals: int) -> str:
    """`value` to `decimals` places, without trailing zeros: 29.60 -> "29.6", 30.0 -> "30"."""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _decimals_to_compare(value: float, other: float, least: int) -> int:
    """The fewest decimals (at least `least`) at which `value` and `other`, both rounded,
    still compare as they truly do."""
    truth = (value > other) - (value < other)
    for decimals in range(least, _MAX_DECIMALS + 1):
        a, b = round(value, decimals), round(other, decimals)
        if (a > b) - (a < b) == truth:
            return decimals
    return _MAX_DECIMALS


def money(value: float | None, *, cents: bool = True) -> str:
    """Dollars: "$1,234.50", or whole ("$1,235") for a budget; a dash when unknown."""
    if value is None:
        return NO_VALUE
    return f"${value:,.2f}" if cents else f"${value:,.0f}"


def percent(value: float | None) -> str:
    """A percentage as every list, page and chart shows it: "83%"; a dash when there is none."""
    return NO_VALUE if value is None else f"{_trimmed(value, 0)}%"


def percent_against(value: float | None, threshold: float) -> str:
    """`value` as a percentage precise enough to compare truly with `threshold`:
    29.6 against 30 is "29.6%" (never "30% is under 30%"), 17.2 against 30 is "17%"."""
    if value is None:
        return NO_VALUE
    return f"{_trimmed(value, _decimals_to_compare(value, threshold, 0))}%"


def points(change: float | None) -> str:
    """An average change in percentage points, to one decimal: "+12.4 pts"."""
    return NO_VALUE if change is None else f"{_signed(change, 1)} pts"


def sweep_difference(value: float | None) -> str:
    """Two observers' gap at one sweep, in points: "+4.2 pts"; "same" when it rounds to 0."""
    if value is None:
        return NO_VALUE
    return "same" if round(value, 1) == 0 else points(value)


def _signed(value: float, decimals: int) -> str:
    """ "+18", "-1.5", "+0"."""
    text = _trimmed(value, decimals)
    return text if text.startswith("-") else f"+{text}"


# ---- Goal values: a baseline, target and final ---------------------------------------------
# A time-on-task goal is a percentage of an observed lesson, so it is shown as the lessons are
# (whole percents); any other measure is shown as typed (the form takes one decimal).


def _goal_decimals(in_percent: bool) -> int:
    return 0 if in_percent else 1


def _goal_text(value: float, decimals: int, in_percent: bool) -> str:
    return _trimmed(value, decimals) + ("%" if in_percent else "")


def shown_goal_value(value: float, percent: bool) -> float:
    """A goal value as `goal_value` shows it, for sums and changes that must add up."""
    return round(value, _goal_decimals(percent))


def goal_value(value: float | None, percent: bool) -> str:
    """A baseline, target or final: "70%" for time-on-task, "7.5" for a quiz score."""
    if value is None:
        return NO_VALUE
    return _goal_text(value, _goal_decimals(percent), percent)


def goal_value_against(value: float | None, other: float, percent: bool) -> str:
    """A goal value precise enough to compare truly with `other` (a final against its target):
    84.6 against 85 is "84.6%", never "85% falls short of the 85% target"."""
    if value is None:
        return NO_VALUE
    decimals = _decimals_to_compare(value, other, _goal_decimals(percent))
    return _goal_text(value, decimals, percent)


@dataclass(frozen=True)
class GoalFigures:
    """A cycle's numbers as one row shows them, all to the same precision."""

    baseline: str
    target: str
    final: str
    change: str


def goal_figures(
    baseline: float | None, target: float | None, final: float | None, percent: bool
) -> GoalFigures:
    """Baseline, target, final and change, rounded alike: precise enough that the final and
    the baseline compare with the target as they truly do, and change = final - baseline."""
    decimals = _goal_decimals(percent)
    if target is not None:
        for value in (final, baseline):
            if value is not None:
                decimals = max(decimals, _decimals_to_compare(value, target, decimals))

    def shown(value: float | None) -> str:
        return NO_VALUE if value is None else _goal_text(value, decimals, percent)

    change = NO_VALUE
    if baseline is not None and final is not None:
        difference = round(final, decimals) - round(baseline, decimals)
        change = _signed(difference, decimals) + (" pts" if percent else "")
    return GoalFigures(shown(baseline), shown(target), shown(final), change)


def goal_met_words(met: bool | None, completed: bool = False) -> str:
    """ "Yes", "Not yet", or with no answer "Not decided yet" ("Not recorded" once the cycle
    is completed without one)."""
    if met is None:
        return "Not recorded" if completed else "Not decided yet"
    return "Yes" if met else "Not yet"


# ---- Survey means (the 1-5 agreement scale) -----------------------------------------------

SURVEY_DECIMALS = 1


def shown_survey_average(mean: float) -> float:
    """A mean as `survey_average` shows it, for changes and averages that must add up."""
    return round(mean, SURVEY_DECIMALS)


def survey_average(mean: float | None) -> str:
    """A mean on the 1-5 scale, to one decimal: "3.4"."""
    return NO_VALUE if mean is None else f"{round(mean, SURVEY_DECIMALS):.{SURVEY_DECIMALS}f}"


def survey_average_change(change: float | None) -> str:
    """A change on the 1-5 scale, to one decimal and signed: "+0.6", "-0.2", "+0.0"."""
    if change is None:
        return NO_VALUE
    return f"{round(change, SURVEY_DECIMALS) + 0.0:+.{SURVEY_DECIMALS}f}"


def minutes_short(count: int) -> str:
    """ "32 min", joined by a no-break space so the number never ends a line without its unit."""
    return f"{count}\u00a0min"


def grades_words(grades: str) -> str:
    """A teacher's grades as the stored text says them: "Grade 10", "Grade K", "Grades 9-10",
    "Grades K-2, 5"; "" when none are known."""
    grades = grades.strip()
    if not grades:
        return ""
    one_grade = not any(mark in grades for mark in "-–,")
    return f"Grade {grades}" if one_grade else f"Grades {grades}"


# ---- Dates (English names, whatever the machine's locale) ----------------------------------

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_day(day: date | None, missing: str = "") -> str:
    """ "Nov 3"."""
    return missing if day is None else f"{MONTHS[day.month - 1]} {day.day}"


def weekday_day(day: date | None, missing: str = "") -> str:
    """ "Mon Nov 3"."""
    return missing if day is None else f"{WEEKDAYS[day.weekday()]} {month_day(day)}"


def full_date(day: date | None, missing: str = "") -> str:
    """ "Nov 3, 2026"."""
    return missing if day is None else f"{month_day(day)}, {day.year}"


def weekday_full_date(day: date | None, missing: str = "") -> str:
    """ "Mon Nov 3, 2026"."""
    return missing if day is None else f"{weekday_day(day)}, {day.year}"


def long_weekday_date(day: date) -> str:
    """ "Monday, November 3", as a page's title reads."""
    return f"{WEEKDAY_NAMES[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}"


def weekday_name(day: date) -> str:
    """ "Saturday"."""
    return WEEKDAY_NAMES[day.weekday()]


def date_span(first: date, last: date) -> str:
    """ "Nov 3 – Dec 4, 2026", or with both years when they differ."""
    if first.year == last.year:
        return f"{month_day(first)} – {full_date(last)}"
    return f"{full_date(first)} – {full_date(last)}"


def chart_day(day: date, with_year: bool = False) -> str:
    """A chart's tick: "Sep 3", or "Sep 3 ’26" when the chart spans years."""
    label = month_day(day)
    return f"{label} ’{day.year % 100:02d}" if with_year else label


def clock_time(moment: datetime) -> str:
    """ "14:05"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def date_and_time(moment: datetime) -> str:
    """ "Nov 3, 2026 at 14:05"."""
    return f"{full_date(moment.date())} at {clock_time(moment)}"


# ---- PICRAT and SAMR ----------------------------------------------------------------------

ENGAGEMENT_LABELS = {
    PicratEngagement.PASSIVE: "Passive",
    PicratEngagement.INTERACTIVE: "Interactive",
    PicratEngagement.CREATIVE: "Creative",
}
USE_LABELS = {
    PicratUse.REPLACEMENT: "Replacement",
    PicratUse.AMPLIFICATION: "Amplification",
    PicratUse.TRANSFORMATION: "Transformation",
}
ENGAGEMENT_HINTS = {
    PicratEngagement.PASSIVE: "Students take in content: they watch, read or listen.",
    PicratEngagement.INTERACTIVE: "Students work with the content or with each other.",
    PicratEngagement.CREATIVE: "Students make something new with the technology.",
}
USE_HINTS = {
    PicratUse.REPLACEMENT: "The technology does what an older way did, no better.",
    PicratUse.AMPLIFICATION: "The technology makes the task quicker, richer or easier.",
    PicratUse.TRANSFORMATION: "The lesson could not happen without the technology.",
}
SAMR_LABELS = {
    SamrLevel.SUBSTITUTION: "Substitution",
    SamrLevel.AUGMENTATION: "Augmentation",
    SamrLevel.MODIFICATION: "Modification",
    SamrLevel.REDEFINITION: "Redefinition",
}
SAMR_HINTS = {
    SamrLevel.SUBSTITUTION: "The technology stands in for a tool, with no change in the task.",
    SamrLevel.AUGMENTATION: "The technology stands in for a tool and improves it.",
    SamrLevel.MODIFICATION: "The technology lets the task be redesigned.",
    SamrLevel.REDEFINITION: "The technology makes a new task possible.",
}
NOT_CODED = "Not coded"


def _picrat_cell(engagement: str | None, use: str | None):
    if engagement not in set(PicratEngagement) or use not in set(PicratUse):
        return None
    return PicratEngagement(engagement), PicratUse(use)


def picrat_code(engagement: str | None, use: str | None) -> str:
    """ "IA" for Interactive Amplification; "" when not coded."""
    cell = _picrat_cell(engagement, use)
    return "" if cell is None else ENGAGEMENT_LABELS[cell[0]][0] + USE_LABELS[cell[1]][0]


def picrat_words(engagement: str | None, use: str | None) -> str:
    """ "Interactive amplification (IA)", or "Not coded"."""
    cell = _picrat_cell(engagement, use)
    if cell is None:
        return NOT_CODED
    how, what = ENGAGEMENT_LABELS[cell[0]], USE_LABELS[cell[1]]
    return f"{how} {what.lower()} ({picrat_code(engagement, use)})"


def picrat_meaning(engagement: str | None, use: str | None) -> str:
    """What a PICRAT cell says about the lesson, in two sentences; "" when not coded."""
    cell = _picrat_cell(engagement, use)
    return "" if cell is None else f"{ENGAGEMENT_HINTS[cell[0]]} {USE_HINTS[cell[1]]}"


def samr_words(level: str | None) -> str:
    """ "Augmentation", or "Not coded"."""
    return SAMR_LABELS[SamrLevel(level)] if level in set(SamrLevel) else NOT_CODED


def samr_meaning(level: str | None) -> str:
    """What a SAMR level says about the lesson; "" when not coded."""
    return SAMR_HINTS[SamrLevel(level)] if level in set(SamrLevel) else ""


# ---- Kinds and statuses -------------------------------------------------------------------

FORMAT_LABELS = {
    ActivityFormat.WHOLE_GROUP: "Whole group",
    ActivityFormat.SMALL_GROUP: "Small group",
    ActivityFormat.INDEPENDENT: "Independent",
    ActivityFormat.TRANSITION: "Transition",
}
ACTIVITY_KIND_LABELS = {
    ActivityKind.PD_SESSION: "PD session",
    ActivityKind.INFORMAL_CONTACT: "Informal contact",
}
MEASURE_LABELS = {
    MeasureKind.TIME_ON_TASK: "Time-on-task %",
    MeasureKind.QUIZ_SCORE: "Quiz score",
    MeasureKind.EXIT_TICKET: "Exit ticket",
    MeasureKind.CUSTOM: "Custom measure",
}
CYCLE_STATUS_LABELS = {
    CycleStatus.PLANNED: "Planned",
    CycleStatus.ACTIVE: "Active",
    CycleStatus.COMPLETED: "Completed",
    CycleStatus.ABANDONED: "Abandoned",
}
OUTCOME_LABELS = {
    CycleOutcome.NEW_CYCLE: "Start a new cycle",
    CycleOutcome.EXTEND: "Extend this cycle",
    CycleOutcome.CLOSE: "Close: goal work is done",
}
PILOT_STATUS_LABELS = {
    PilotStatus.PROPOSED: "Proposed",
    PilotStatus.VETTING: "Vetting",
    PilotStatus.PILOTING: "Piloting",
    PilotStatus.DECIDING: "Deciding",
    PilotStatus.ADOPTED: "Adopted",
    PilotStatus.EXTENDED: "Extended",
    PilotStatus.SUNSET: "Sunset",
}
TOOL_STAGE_LABELS = {
    ToolStage.PILOT: "Pilot (a few early adopters)",
    ToolStage.GRADE_LEVEL_TEAMS: "Grade-level teams",
    ToolStage.FULL: "Full (everyone)",
}
TOOL_STATUS_LABELS = {
    ToolStatus.IN_USE: "In use",
    ToolStatus.SUNSET_NOTICE: "Sunset notice",
    ToolStatus.RETIRED: "Retired",
}
# The stage as a table column on paper has room for it, without the words in brackets.
TOOL_STAGE_WORDS = {
    ToolStage.PILOT: "Pilot",
    ToolStage.GRADE_LEVEL_TEAMS: "Grade-level teams",
    ToolStage.FULL: "Full",
}
TOOL_RECOMMENDATION_LABELS = {
    ToolRecommendation.KEEP: "Keep",
    ToolRecommendation.PENDING: "Pending",
    ToolRecommendation.REVIEW: "Review",
    ToolRecommendation.SUNSET: "Sunset",
}
RECOMMENDATION_LABELS = {
    Recommendation.ADOPT: "Adopt",
    Recommendation.REVIEW: "Review",
    Recommendation.PENDING: "Pending",
    Recommendation.SUNSET: "Sunset",
}
DECISION_LABELS = {
    PilotDecision.ADOPTED: "Adopt",
    PilotDecision.EXTENDED: "Extend",
    PilotDecision.SUNSET: "Sunset",
}
LOG_KIND_LABELS = {
    LogKind.TECHNICAL_ERROR: "Technical error",
    LogKind.USAGE: "Usage",
    LogKind.NOTE: "Note",
}
CRITERION_LABELS = {
    VettingCriterion.PRIVACY: "Privacy (FERPA/COPPA)",
    VettingCriterion.SSO: "Single sign-on",
    VettingCriterion.ACCESSIBILITY: "Accessibility (WCAG 2.1 AA)",
    VettingCriterion.COST: "Cost",
    VettingCriterion.EVIDENCE: "Evidence (ESSA tier)",
    VettingCriterion.MOBILE: "Mobile devices",
}
# Each check as named inside a sentence: "the single sign-on check is still unknown".
CHECK_NAMES = {
    VettingCriterion.PRIVACY: "privacy",
    VettingCriterion.SSO: "single sign-on",
    VettingCriterion.ACCESSIBILITY: "accessibility",
    VettingCriterion.COST: "cost",
    VettingCriterion.EVIDENCE: "evidence",
    VettingCriterion.MOBILE: "mobile",
}
RESULT_LABELS = {
    CheckResult.PASS: "Pass",
    CheckResult.FAIL: "Fail",
    CheckResult.UNKNOWN: "Unknown",
}
PHASE_LABELS = {SurveyPhase.PRE: "Pre (before the pilot)", SurveyPhase.POST: "Post (after it)"}


def every_minutes(minutes: int) -> str:
    """ "every minute", "every 5 minutes"."""
    return "every minute" if minutes == 1 else f"every {minutes} minutes"


def activity_check_method(interval_minutes: int) -> str:
    """The observation method named in one line, as the app and every observation report say it."""
    return f"A planned activity check: students on task counted {every_minutes(interval_minutes)}."
