"""The tool report for the budget meeting: the recommendation and its reasons first (and a
sunset's notice and steps), then use this semester and last, seats and cost per active
teacher, the months, the errors and the instruction time they cost, buy-in by quarter and
the vetting checks. Every figure is the tool's own in `coachbook list tools --json`."""

from datetime import date

from reportlab.platypus import Flowable, Spacer

from app import charts
from app.models.pilots import UTILISATION_FLOOR_PCT
from app.models.tools import BUY_IN_TARGET_PCT, RENEWAL_WARNING_DAYS, SUNSET_NOTICE_DAYS
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import data_table, empty, figures_row, heading, title_block
from app.reports.styles import FAIL, PASS, styles
from app.reports.text import esc, labelled, markup, para
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.reports.shared import CancelCheck
from app.services.reports.tool import ToolFigures, ToolReportData
from app.services.tools import STAGE_LABELS, STATUS_LABELS
from app.services.tools.buy_in import QuarterBuyIn
from app.services.tools.figures import SemesterUse
from app.services.tools.sunset import SunsetState
from app.text import (
    CRITERION_LABELS,
    MONTHS,
    NO_VALUE,
    RESULT_LABELS,
    TOOL_RECOMMENDATION_LABELS,
    full_date,
    money,
    percent,
    percent_against,
)

CHART_HEIGHT = 125
# On paper the single sign-on is named in words, as the pilot report names it.
STEP_WORDS = {"sso_removed_on": "Remove the single sign-on app and the rostering sync"}


def render_tool_report(
    data: ToolReportData,
    out: PathOrFile,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the report to a path (atomically) or an open binary file; returns the page count."""
    width = frame_width(data.byline.paper_size)
    figures = data.figures
    tool = figures.row.tool
    story: list[Flowable] = title_block("Tool report", tool.name, _headline(data))
    story.append(figures_row(headline_figures(figures), width, sized_to_contents=True))
    story.append(Spacer(1, 8))
    story += _recommendation(figures)
    if figures.row.sunset is not None:
        story += _sunset(figures.row.sunset, width)
    story += _use(figures, width)
    story += _months(figures, width)
    story += _errors(data, width)
    story += _buy_in(figures, width)
    story += _checks(data, width)
    return write_pdf(
        story,
        out,
        setup_for(f"Tool report: {tool.name}", data.byline),
        invariant=invariant,
        progress=progress,
        cancel=cancel,
    )


def _headline(data: ToolReportData) -> list[str]:
    tool = data.figures.row.tool
    stage = STAGE_LABELS.get(tool.stage, tool.stage)
    row = data.figures.row
    status = STATUS_LABELS.get(row.status, row.status)
    renews = f"renews {full_date(tool.renewal_date)}" if tool.renewal_date else "no renewal date"
    return [
        tool.vendor and f"From {tool.vendor}",
        f"Stage: {stage} · {status} · {renews}",
        prepared_by(data.byline),
    ]


def recommendation_word(figures: ToolFigures) -> str:
    verdict = figures.row.review.recommendation
    return "Retired" if verdict is None else TOOL_RECOMMENDATION_LABELS[verdict]


def seats(figures: ToolFigures) -> str:
    """ "5 of 17": teachers with any use this semester, of the seats bought."""
    row = figures.row
    bought = NO_VALUE if row.seats_bought is None else f"{row.seats_bought:,}"
    return f"{row.seats_used:,} of {bought}"


def utilisation(use: SemesterUse | None) -> str:
    """Against the 30% line; a dash for a semester before the tool joined the inventory."""
    return NO_VALUE if use is None else percent_against(use.utilisation_pct, UTILISATION_FLOOR_PCT)


def headline_figures(figures: ToolFigures) -> list[tuple[str, str]]:
    """The four numbers at the top; the sections below say each in words."""
    row = figures.row
    return [
        (utilisation(row.semester), "Utilisation"),
        (seats(figures), "Seats used"),
        (money(row.cost_per_active_teacher), "Per active teacher"),
        (money(row.yearly_cost), "Yearly cost"),
    ]


def _recommendation(figures: ToolFigures) -> list[Flowable]:
    s = styles()
    review = figures.row.review
    word = recommendation_word(figures)
    blocks: list[Flowable] = [heading("Recommendation", s.h2)]
    lead = "Out of the review: retired" if review.recommendation is None else word
    blocks.append(markup(f"<b>{esc(lead)}.</b>"))
    blocks += [para(f"• {reason[:1].upper()}{reason[1:]}.") for reason in review.reasons]
    floor = percent(UTILISATION_FLOOR_PCT)
    blocks.append(
        para(
            f"The semester review: under {floor} utilisation over a semester makes a sunset "
            "candidate; unresolved errors that cost instruction time call for a review at once; "
            f"a renewal within {RENEWAL_WARNING_DAYS} days under {floor} is flagged before the "
            "money is spent.",
            s.small,
        )
    )
    return blocks


def _use(figures: ToolFigures, width: float) -> list[Flowable]:
    s = styles()
    row, last = figures.row, figures.last_semester
    blocks: list[Flowable] = [heading("Teachers using it", s.h2)]
    rows = [
        [
            "Teachers with any use",
            _of(row.semester.active_teachers, row.semester.licensed),
            NO_VALUE if last is None else _of(last.active_teachers, last.licensed),
        ],
        ["Teacher utilisation", utilisation(row.semester), utilisation(last)],
    ]
    header = ["", "This semester", "Last semester"]
    widths = [width * 0.4, width * 0.3, width * 0.3]
    if last is None:
        before = "it joined the inventory after last semester ended"
    else:
        before = f"last semester, {_semester_words(last)}"
    blocks.append(
        para(
            f"Teachers with any use over the teachers licensed or enrolled. This semester is "
            f"{_semester_words(row.semester)}; {before}.",
            s.small,
        )
    )
    blocks.append(data_table(header, rows, widths, right=(1, 2)))
    blocks.append(labelled("Seats used of bought", _seats_sentence(figures)))
    blocks.append(labelled("Cost per active teacher", _cost_sentence(figures)))
    return blocks


def _semester_words(use: SemesterUse) -> str:
    semester = use.semester
    return f"{semester.label} ({full_date(semester.first_day)} to {full_date(semester.last_day)})"


def _of(part: int, whole: int) -> str:
    return f"{part:,} of {whole:,}"


def _seats_sentence(figures: ToolFigures) -> str:
    row = figures.row
    used = f"{row.seats_used:,} teacher{'s' if row.seats_used != 1 else ''} used it this semester"
    if row.seats_bought is None:
        return f"{used}; the seats bought are not recorded."
    return f"{seats(figures)} ({used}; {row.seats_bought:,} seats were bought)."


def _cost_sentence(figures: ToolFigures) -> str:
    row = figures.row
    if row.yearly_cost is None:
        return f"{NO_VALUE} (the tool's yearly cost is not recorded)."
    if row.cost_per_active_teacher is None:
        return f"{NO_VALUE} (no teacher has used it this semester)."
    active = row.seats_used
    return (
        f"{money(row.cost_per_active_teacher)} (the yearly cost of {money(row.yearly_cost)} "
        f"over the {active:,} teacher{'s' if active != 1 else ''} with any use this semester)."
    )


def _months(figures: ToolFigures, width: float) -> list[Flowable]:
    s = styles()
    trend = figures.row.trend
    blocks: list[Flowable] = [heading("By month this semester", s.h2)]
    if not trend:
        return [*blocks, empty("No month of this semester has begun.")]
    if all(m.utilisation_pct is None for m in trend):
        return [*blocks, empty("No teacher is licensed or enrolled, so there is no use to show.")]
    bars = [charts.WeekUse(month_label(m.month), m.utilisation_pct or 0.0) for m in trend]
    blocks.append(
        charts.utilisation_chart(bars, UTILISATION_FLOOR_PCT, width=width, height=CHART_HEIGHT)
    )
    blocks.append(
        para(
            "Each bar is the share of licensed teachers who used the tool that month; the line "
            f"is the {percent(UTILISATION_FLOOR_PCT)} floor of the semester review.",
            s.small,
        )
    )
    rows = [
        [month_label(m.month), f"{m.active_teachers:,}", percent(m.utilisation_pct)] for m in trend
    ]
    header = ["Month", "Teachers with any use", "Utilisation"]
    widths = [width * 0.4, width * 0.3, width * 0.3]
    blocks.append(data_table(header, rows, widths, right=(1, 2)))
    return blocks


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def _errors(data: ToolReportData, width: float) -> list[Flowable]:
    s = styles()
    lost = data.figures.row.lost
    blocks: list[Flowable] = [heading("Errors and instruction time lost", s.h2)]
    if lost.errors == 1:
        blocks.append(para(f"1 unresolved technical error has cost {_minutes(lost.minutes)}."))
    elif lost.errors:
        blocks.append(
            para(f"{lost.errors} unresolved technical errors have cost {_minutes(lost.minutes)}.")
        )
    else:
        blocks.append(para("No unresolved technical error is costing instruction time."))
    if not data.errors:
        blocks.append(empty("No technical errors are logged for this tool."))
        return blocks
    resolved = {True: "Yes", False: "No"}
    rows = [
        [
            full_date(line.logged_on),
            line.teacher_name or NO_VALUE,
            str(line.minutes_lost),
            resolved[line.resolved],
        ]
        for line in data.errors
    ]
    header = ["Date", "Teacher", "Minutes lost", "Resolved"]
    widths = [width * f for f in (0.22, 0.42, 0.18, 0.18)]
    blocks.append(data_table(header, rows, widths, right=(2, 3)))
    blocks.append(para("Each logged error by day; what happened stays in the notebook.", s.small))
    return blocks


def _minutes(count: int) -> str:
    return f"{count} minute{'s' if count != 1 else ''} of instruction"


def _buy_in(figures: ToolFigures, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Buy-in by quarter", s.h2)]
    quarters = figures.buy_in
    year = quarters[0].quarter.school_year if quarters else ""
    if not any(q.teachers for q in quarters):
        return [*blocks, empty(f"No teacher has answered the buy-in survey in {year}.")]
    rows = [_quarter_cells(q) for q in quarters]
    header = [
        "Quarter",
        "Teachers",
        "Agree",
        "Usefulness",
        "Ease of use",
        f"Against {BUY_IN_TARGET_PCT}%",
    ]
    widths = [width * f for f in (0.26, 0.12, 0.16, 0.15, 0.15, 0.16)]
    blocks.append(data_table(header, rows, widths, right=(1, 2, 3, 4, 5)))
    blocks.append(
        para(
            "Each quarter's Technology Acceptance Model survey: the share of the teachers who "
            "answered whose mean score is 4 (agree) or 5 (strongly agree), in all and on the "
            f"usefulness and the ease-of-use statements, against the {BUY_IN_TARGET_PCT}% line.",
            s.small,
        )
    )
    return blocks


def _quarter_cells(q: QuarterBuyIn) -> list[str]:
    quarter = q.quarter
    when = f"Q{quarter.number} ({full_date(quarter.first_day)})"
    if not q.teachers:
        return [when, "0", NO_VALUE, NO_VALUE, NO_VALUE, "No answers"]
    target = {True: "Met", False: "Under"}[bool(q.meets_target)]
    agree = percent_against(q.agree_pct, BUY_IN_TARGET_PCT)
    return [
        when,
        f"{q.teachers:,}",
        f"{agree} ({q.agreeing:,})",
        percent(q.usefulness_pct),
        percent(q.ease_pct),
        target,
    ]


def _checks(data: ToolReportData, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Vetting checks", s.h2)]
    tool = data.figures.row.tool
    if tool.pilot_id is None:
        blocks.append(
            para(
                f"Added to the inventory by hand on {full_date(tool.added_on)} and never "
                "piloted, so its checks are unknown until they are vetted.",
            )
        )
    else:
        blocks.append(
            para(
                f"Carried over from its pilot of {data.pilot_tool}, adopted into the "
                f"inventory on {full_date(tool.added_on)}."
            )
        )
    rows = []
    for check in data.checks:
        label = RESULT_LABELS.get(check.result, check.result)
        colour = {"pass": PASS, "fail": FAIL}.get(check.result)
        result = esc(label)
        if colour is not None:
            result = f'<font color="#{colour.hexval()[2:]}">{result}</font>'
        rows.append(
            [
                CRITERION_LABELS.get(check.criterion, check.criterion),
                markup(f"<b>{result}</b>", s.cell),
                check.evidence or "No evidence noted.",
            ]
        )
    widths = [width * 0.3, width * 0.12, width * 0.58]
    blocks.append(data_table(["Check", "Result", "Evidence"], rows, widths))
    return blocks


def _sunset(sunset: SunsetState, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Sunset", s.h2)]
    started = f"The {SUNSET_NOTICE_DAYS}-day notice started on {full_date(sunset.notice_date)}"
    if sunset.has_left:
        left = f" It left the inventory on {full_date(sunset.left_on)}." if sunset.left_on else ""
        blocks.append(para(f"{started}.{left}"))
    else:
        days = "1 day" if sunset.days_left == 1 else f"{sunset.days_left} days"
        ends = f"ends on {full_date(sunset.notice_ends_on)}"
        left = f" ({days} left)" if sunset.days_left else " (it has ended)"
        blocks.append(
            para(
                f"{started} and {ends}{left}; {sunset.ticked} of {len(sunset.steps)} steps are "
                "done. The tool leaves the inventory once the notice has ended and every "
                "step is done."
            )
        )
    rows = [
        [STEP_WORDS.get(step.key, step.label), full_date(step.done_on, "Not yet")]
        for step in sunset.steps
    ]
    blocks.append(data_table(["Step", "Done on"], rows, [width * 0.7, width * 0.3]))
    if sunset.archive_place:
        blocks.append(labelled("Students' work archived to", sunset.archive_place))
    return blocks
