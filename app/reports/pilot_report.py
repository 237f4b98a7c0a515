"""The pilot report for the principal or director: checks, use, surveys and the decision."""

from reportlab.platypus import Flowable, Spacer

from app import charts
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import data_table, empty, figures_row, heading, title_block
from app.reports.sections import note_blocks, photo_blocks
from app.reports.styles import FAIL, PASS, styles
from app.reports.text import esc, labelled, markup, para, text_block
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.reports.pilot import PilotReportData, StatementLine, UsageGridLine
from app.services.reports.shared import CancelCheck
from app.text import (
    NO_VALUE,
    full_date,
    percent,
    percent_against,
    survey_average,
    survey_average_change,
)

CHART_HEIGHT = 150


def render_pilot_report(
    data: PilotReportData,
    out: PathOrFile,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the report to a path (atomically) or an open binary file; returns the page count."""
    width = frame_width(data.byline.paper_size)
    lines = [data.vendor and f"From {data.vendor}", _when(data), prepared_by(data.byline)]
    story: list[Flowable] = title_block("Edtech pilot report", data.tool, lines)
    story += pilot_section(data, width, title=None)
    story.append(heading("Photos", styles().h2))
    story += photo_blocks(data.photos, width, data.byline.paper_size)
    return write_pdf(
        story,
        out,
        setup_for(f"Pilot report: {data.tool}", data.byline),
        invariant=invariant,
        progress=progress,
        cancel=cancel,
    )


def pilot_section(data: PilotReportData, width: float, *, title: Flowable | None) -> list:
    """One pilot from recommendation to survey; the portfolio uses it for each of the year's."""
    s = styles()
    blocks: list[Flowable] = []
    if title is not None:
        blocks += [title, para(_when(data), s.muted)]
    # Sized to their contents: a licence cost such as "$10,800.00" must never be cut.
    blocks.append(figures_row(_figures(data), width, sized_to_contents=True))
    blocks.append(Spacer(1, 8))

    blocks.append(heading("Recommendation and decision", s.h2))
    blocks.append(
        markup(f"<b>Recommendation: {esc(data.recommendation_label)}.</b> {esc(_reasons(data))}")
    )
    if data.decision_label:
        decided = f" on {full_date(data.decision_date)}" if data.decision_date else ""
        blocks.append(labelled("Decision", f"{data.decision_label}{decided}"))
        if data.rationale:
            blocks += text_block(data.rationale)
    elif data.awaiting_decision:
        blocks.append(labelled("Decision", "The pilot has run its weeks and awaits a decision."))
    elif data.start_date is None or data.weeks_elapsed == 0:
        blocks.append(labelled("Decision", "Not yet: the pilot has not started."))
    else:
        blocks.append(labelled("Decision", "Not yet: the pilot is still running."))
    if data.notice_text:
        blocks.append(para(data.notice_text, s.muted))

    blocks.append(heading("What it is for", s.h2))
    blocks.append(labelled("Learning objective", data.learning_objective or "Not written yet."))
    if data.standards:
        blocks.append(labelled("Standards", data.standards))
    blocks.append(
        labelled("Teachers", ", ".join(data.teachers) if data.teachers else "None enrolled yet.")
    )

    blocks.append(heading("Vetting: the six checks", s.h2))
    blocks += check_table(data, width)
    blocks.append(labelled("Evidence of effect (ESSA)", data.essa or "No ESSA tier recorded yet."))
    blocks.append(labelled("Cost", data.cost_text))

    blocks.append(heading("Use in classrooms", s.h2))
    if data.utilisation:
        weeks = [charts.WeekUse(w.label, w.pct) for w in data.utilisation]
        blocks.append(
            charts.utilisation_chart(weeks, data.floor_pct, width=width, height=CHART_HEIGHT)
        )
        blocks.append(
            para(
                "Each bar is the share of enrolled teachers who used the tool that week; "
                f"a pilot that ends its weeks under the {percent(data.floor_pct)} floor is "
                "recommended for sunset.",
                s.small,
            )
        )
    blocks.append(para(data.utilisation_text))
    if data.extended_on is not None:
        blocks.append(para(_extension_text(data)))
    blocks += usage_grid(data, width)

    blocks.append(heading("Pilot log", s.h2))
    blocks.append(para(_log_text(data)))
    blocks += log_table(data, width)

    blocks.append(heading("Teacher survey, before and after", s.h2))
    blocks += statement_blocks(data, width)
    blocks += survey_blocks(data, width)

    blocks.append(heading("Shareable notes", s.h2))
    blocks += note_blocks(data.notes, "No shareable notes on this pilot.")
    return blocks


def check_table(data: PilotReportData, width: float) -> list[Flowable]:
    if not data.checks:
        return [empty("No vetting checks recorded yet.")]
    s = styles()
    rows = []
    for check in data.checks:
        colour = {"pass": PASS, "fail": FAIL}.get(check.result)
        result = esc(check.result_label)
        if colour is not None:
            result = f'<font color="#{colour.hexval()[2:]}">{result}</font>'
        evidence = check.evidence or "No evidence noted."
        rows.append([check.label, markup(f"<b>{result}</b>", s.cell), evidence])
    widths = [width * 0.28, width * 0.12, width * 0.6]
    return [data_table(["Check", "Result", "Evidence"], rows, widths)]


def usage_grid(data: PilotReportData, width: float) -> list[Flowable]:
    """Teachers by pilot week, marked when used, with each week's share under it."""
    if not data.usage_grid or not data.weeks or data.weeks_elapsed == 0:
        return []  # nothing to mark before the first week
    s = styles()
    name_width, total_width = width * 0.22, width * 0.12
    week_width = (width - name_width - total_width) / len(data.weeks)
    marks = {True: "✓", False: "–", None: ""}
    rows: list[list[object]] = [
        [line.teacher_name, *(marks[used] for used in line.used), _weeks_used(line, data)]
        for line in data.usage_grid
    ]
    rows.append(
        [
            markup("<b>Teachers using it</b>", s.cell),
            *(
                percent_against(week.pct, data.floor_pct) if week.pct is not None else ""
                for week in data.weeks
            ),
            markup(
                f"<b>{esc(percent_against(data.utilisation_pct, data.floor_pct))}</b>", s.cell_right
            ),
        ]
    )
    header = ["Teacher", *(week.label for week in data.weeks), "Weeks used"]
    widths = [name_width, *([week_width] * len(data.weeks)), total_width]
    right = tuple(range(1, len(header)))
    caption = "✓ used that week, – not used"
    if data.weeks_elapsed < len(data.weeks):
        caption += "; weeks not begun yet are blank"
    return [
        data_table(header, rows, widths, right=right),
        para(f"{caption}. Each column is headed by the day its week begins.", s.small),
    ]


def _weeks_used(line: UsageGridLine, data: PilotReportData) -> str:
    return f"{line.used_weeks} of {data.weeks_elapsed}" if data.weeks_elapsed else NO_VALUE


def log_table(data: PilotReportData, width: float) -> list[Flowable]:
    """Each entry's date, teacher, kind, severity, minutes lost and whether it was resolved."""
    if not data.log:
        return []
    resolved = {True: "Yes", False: "No", None: NO_VALUE}
    rows = [
        [
            full_date(line.logged_on),
            line.teacher_name or NO_VALUE,
            line.kind_label,
            line.severity_label or NO_VALUE,
            str(line.minutes_lost),
            resolved[line.resolved],
        ]
        for line in data.log
    ]
    header = ["Date", "Teacher", "What happened", "Severity", "Minutes lost", "Resolved"]
    fractions = (0.14, 0.19, 0.17, 0.28, 0.11, 0.11)
    return [data_table(header, rows, [width * f for f in fractions], right=(4, 5))]


def statement_blocks(data: PilotReportData, width: float) -> list[Flowable]:
    """Each survey statement's mean before and after, the change, and their mean."""
    if not data.statements or data.statement_mean is None:
        return []
    s = styles()
    rows: list[list[object]] = [_statement_cells(line) for line in data.statements]
    mean = data.statement_mean
    count = len(data.statements)
    label = "Mean of the statement" if count == 1 else f"Mean of the {count} statements"
    rows.append(
        [markup(f"<b>{label}</b>", s.cell)]
        + [markup(f"<b>{esc(cell)}</b>", s.cell_right) for cell in _statement_cells(mean)[1:]]
    )
    widths = [width * 0.58, width * 0.14, width * 0.14, width * 0.14]
    header = ["Statement", "Before (1-5)", "After (1-5)", "Change"]
    teachers = (
        "1 teacher" if data.statement_teachers == 1 else f"{data.statement_teachers} teachers"
    )
    if data.statement_paired:
        basis = f"the {teachers} with both a pre and a post survey"
    else:
        basis = f"the {teachers} surveyed so far"
    caption = (
        f"Each statement's mean score from {basis}, from 1 (strongly disagree) to 5 "
        "(strongly agree); the change is the after figure minus the before figure as shown."
    )
    return [
        data_table(header, rows, widths, right=(1, 2, 3)),
        para(data.survey_summary),
        para(caption, s.small),
    ]


def _statement_cells(line: StatementLine) -> list[str]:
    return [
        line.statement,
        survey_average(line.pre_mean),
        survey_average(line.post_mean),
        survey_average_change(line.change),
    ]


def survey_blocks(data: PilotReportData, width: float) -> list[Flowable]:
    if not data.surveys:
        return [empty("No surveys taken yet."), para(data.survey_summary, styles().small)]

    rows = [
        [
            line.teacher_name,
            survey_average(line.pre_mean),
            survey_average(line.post_mean),
            survey_average_change(line.change),
        ]
        for line in data.surveys
    ]
    widths = [width * 0.58, width * 0.14, width * 0.14, width * 0.14]
    header = ["Teacher", "Before (1-5)", "After (1-5)", "Change"]
    blocks: list[Flowable] = [
        para("By teacher: the mean of each teacher's own answers.", styles().small),
        data_table(header, rows, widths, right=(1, 2, 3)),
    ]
    if not data.statements:
        blocks.append(para(data.survey_summary))
    return blocks


def _when(data: PilotReportData) -> str:
    if data.start_date is None:
        return f"{data.status_label} · not started yet ({data.length_weeks} weeks planned)"
    return (
        f"{data.status_label} · {full_date(data.start_date)} to "
        f"{full_date(data.last_day, NO_VALUE)} ({data.length_weeks} weeks)"
    )


def _extension_text(data: PilotReportData) -> str:
    weeks = len(data.weeks)
    text = f"Extended on {full_date(data.extended_on)}: the pilot now runs {weeks} weeks in all"
    if data.last_day is not None:
        text += f", to {full_date(data.last_day)}"
    if data.weeks_to_run:
        left = "1 week" if data.weeks_to_run == 1 else f"{data.weeks_to_run} weeks"
        return f"{text}, with {left} still to run."
    return f"{text}; its weeks are over."


def _reasons(data: PilotReportData) -> str:
    if not data.reasons:
        return ""
    text = "; ".join(data.reasons)
    return text[0].upper() + text[1:] + "."


def _log_text(data: PilotReportData) -> str:
    if data.log_entries == 0:
        return "Nothing logged: no technical errors, usage notes or other entries."
    entries = "1 entry" if data.log_entries == 1 else f"{data.log_entries} entries"
    errors = "1 technical error" if data.log_errors == 1 else f"{data.log_errors} technical errors"
    open_errors = f", {data.log_unresolved} not resolved" if data.log_unresolved else ""
    minutes = "1 minute" if data.minutes_lost == 1 else f"{data.minutes_lost} minutes"
    return f"{entries} logged, {errors}{open_errors}; {minutes} of instruction lost."


def _figures(data: PilotReportData) -> list[tuple[str, str]]:
    # The survey table's mean row, so the headline and the table agree.
    survey_change = data.statement_mean.change if data.statement_mean else None
    running = data.start_date is not None and data.weeks_to_run > 0 and data.weeks_elapsed > 0
    cost = NO_VALUE if data.yearly_cost is None else f"${data.yearly_cost:,.2f}"
    if data.licences:
        licences = "licence" if data.licences == 1 else "licences"
        cost_label = f"Yearly cost, {data.licences:,} {licences}"
    else:
        cost_label = "Yearly cost of licences"
    return [
        (
            percent_against(data.utilisation_pct, data.floor_pct),
            "Utilisation so far" if running else "Utilisation",
        ),
        (str(data.log_errors), "Technical errors"),
        (str(data.minutes_lost), "Minutes lost"),
        (survey_average_change(survey_change), "Survey change (1-5)"),
        (cost, cost_label),
    ]
