"""The pilot report for the principal or director: checks, use, surveys and the decision."""

from reportlab.platypus import Flowable, Spacer

from app import charts
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import data_table, empty, figures_row, heading, title_block
from app.reports.sections import note_blocks, photo_blocks
from app.reports.styles import FAIL, PASS, styles
from app.reports.text import esc, labelled, markup, para, text_block
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.reports.pilot import PilotReportData
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
    blocks.append(figures_row(_figures(data), width))
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

    blocks.append(heading("Pilot log", s.h2))
    blocks.append(para(_log_text(data)))

    blocks.append(heading("Teacher survey, before and after", s.h2))
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
    widths = [width * 0.46, width * 0.18, width * 0.18, width * 0.18]
    header = ["Teacher", "Before (1-5)", "After (1-5)", "Change"]
    return [data_table(header, rows, widths, right=(1, 2, 3)), para(data.survey_summary)]


def _when(data: PilotReportData) -> str:
    if data.start_date is None:
        return f"{data.status_label} · not started yet ({data.length_weeks} weeks planned)"
    return (
        f"{data.status_label} · {full_date(data.start_date)} to "
        f"{full_date(data.last_day, NO_VALUE)} ({data.length_weeks} weeks)"
    )


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
    survey_change = None
    changes = [line.change for line in data.surveys if line.change is not None]
    if changes:
        survey_change = sum(changes) / len(changes)
    return [
        (percent_against(data.utilisation_pct, data.floor_pct), "Utilisation so far"),
        (str(data.log_errors), "Technical errors logged"),
        (str(data.minutes_lost), "Minutes of instruction lost"),
        (survey_average_change(survey_change), "Survey change (1-5 scale)"),
    ]
