"""The teacher coaching report for the principal: one cycle's goal, sessions, trend and outcome.

Page 1 answers what a principal came for: the goal, whether it was met, its numbers and their
chart in the goal's own measure, the PEERS checklist, the strategy, and what comes next.
"""

from reportlab.platypus import Flowable, Spacer

from app import charts
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import data_table, empty, figures_row, heading, title_block
from app.reports.sections import note_blocks
from app.reports.styles import styles
from app.reports.text import labelled, markup, para, text_block
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.observations import TrendPoint
from app.services.reports.shared import CancelCheck, ObservationLine
from app.services.reports.teacher import CycleReport, TeacherReportData
from app.text import GoalFigures, full_date, goal_figures, goal_met_words, grades_words, percent

CHART_HEIGHT = 170
GOAL_CHART_HEIGHT = 125
TREND_OF_GOAL = "Time-on-task during the cycle"
TREND_BESIDE_GOAL = "Time-on-task in observed lessons (not this goal's measure)"
STILL_RECORDING = "Still recording"
RECORDING_LEFT_OUT = (
    "A lesson still being recorded has no final figure yet: it is left out of the trend "
    "until it ends."
)


def render_teacher_report(
    data: TeacherReportData,
    out: PathOrFile,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the report to a path (atomically) or an open binary file; returns the page count."""
    width = frame_width(data.byline.paper_size)
    details = " · ".join(
        part
        for part in (
            data.school,
            grades_words(data.grades),
            data.subjects,
            f"Room {data.room}" if data.room else "",
        )
        if part
    )
    story: list[Flowable] = title_block(
        "Teacher coaching report", data.teacher_name, [details, prepared_by(data.byline)]
    )
    if data.cycle is None:
        story.append(
            empty(f"There is no coaching cycle with {data.teacher_name} yet in this notebook.")
        )
        story.append(heading("Time-on-task this school year", styles().h2))
        story += trend_blocks(data.trend, None, None, width)
        story += observation_table(data.observations, width)
    else:
        story += cycle_section(data.cycle, width)
    if data.other_cycles:
        story.append(heading("Other cycles with this teacher", styles().h2))
        story += [para(line, styles().small) for line in data.other_cycles]
    return write_pdf(
        story,
        out,
        setup_for(f"Teacher coaching report: {data.teacher_name}", data.byline),
        invariant=invariant,
        progress=progress,
        cancel=cancel,
    )


def cycle_section(
    cycle: CycleReport,
    width: float,
    *,
    title: Flowable | None = None,
    with_observations: bool = True,
) -> list:
    """One cycle as the principal reads it; the portfolio uses it for each of the year's.

    The goal, its numbers and chart, the checklist and what comes next come first (page 1);
    the sessions, the time-on-task trend and the notes follow. `with_observations` lists the
    lessons under the trend; the portfolio keeps to the chart.
    """
    s = styles()
    blocks: list[Flowable] = [title or heading(f"Cycle: {cycle.title}")]
    blocks.append(
        para(
            f"{cycle.status_label} · {full_date(cycle.start_date)} to {full_date(cycle.end_date)} "
            f"({cycle.length_weeks} weeks)",
            s.muted,
        )
    )
    blocks.append(figures_row(_figures(cycle), width))
    blocks.append(Spacer(1, 8))
    blocks.append(labelled("Goal", cycle.goal or "No goal written yet."))
    blocks += goal_met_blocks(cycle)
    if cycle.focus:
        blocks.append(labelled("Strategy or tool", cycle.focus))
    if cycle.learning_target:
        blocks.append(labelled("Student learning target", cycle.learning_target))
    measure = cycle.measure_label
    if cycle.measure_description:
        measure += f": {cycle.measure_description}"
    blocks.append(labelled("How success is measured", measure))
    blocks += goal_chart_blocks(cycle, width)
    blocks += peers_blocks(cycle, width)

    blocks.append(heading("Outcome and next steps", s.h2))
    blocks += outcome_blocks(cycle)

    blocks.append(heading("Sessions", s.h2))
    blocks += session_table(cycle, width)

    blocks.append(heading(TREND_OF_GOAL if cycle.time_on_task else TREND_BESIDE_GOAL, s.h2))
    baseline = cycle.baseline if cycle.time_on_task else None
    target = cycle.target if cycle.time_on_task else None
    blocks += trend_blocks(cycle.trend, baseline, target, width)
    if with_observations:
        blocks += observation_table(cycle.observations, width)

    blocks.append(heading("Shareable notes", s.h2))
    blocks += note_blocks(cycle.notes, "No shareable notes on this cycle.")
    return blocks


def goal_met_blocks(cycle: CycleReport) -> list[Flowable]:
    """Whether the goal was met, or when an abandoned cycle stopped."""
    if cycle.status == "abandoned":
        if cycle.stopped_on is None:
            when = "before any of its sessions was held"
        elif cycle.stopped_on_is_last_session:
            when = f"{full_date(cycle.stopped_on)}, the day of its last session"
        else:
            when = full_date(cycle.stopped_on)
        return [
            labelled("Goal met", "Not decided: the cycle was stopped before its debrief."),
            labelled("Stopped", when),
        ]
    met = goal_met_words(cycle.goal_met, completed=cycle.status == "completed")
    return [labelled("Goal met", met + ".")]


def goal_chart_blocks(cycle: CycleReport, width: float) -> list[Flowable]:
    """Baseline, target and final in the goal's own measure, kept with its caption."""
    shown = _shown(cycle)
    bars = [
        charts.GoalBar("Baseline", cycle.baseline, shown.baseline),
        charts.GoalBar("Target", cycle.target, shown.target),
        charts.GoalBar("Final", cycle.final, shown.final),
    ]
    if all(bar.value is None for bar in bars):
        return [empty("No baseline, target or final is recorded yet, so there is no chart.")]
    unit = cycle.measure_label
    drawing = charts.goal_chart(
        bars, cycle.time_on_task, unit, width=width, height=GOAL_CHART_HEIGHT
    )
    caption = (
        f"In the goal's own measure ({unit.lower()}): baseline and target as set at "
        "goal-setting, final as recorded at the debrief."
    )
    return [
        heading(f"Baseline, target and final: {unit}", styles().h2),
        drawing,  # the document keeps a chart with its caption and heading
        para(caption, styles().small),
    ]


def peers_blocks(cycle: CycleReport, width: float) -> list[Flowable]:
    """Knight's PEERS goal checklist as the coach ticked it, in words."""
    header = [label for label, _ticked in cycle.peers]
    row = ["Ticked" if ticked else "Not ticked" for _label, ticked in cycle.peers]
    widths = [width / len(header)] * len(header)
    return [
        heading("PEERS goal checklist", styles().h2),
        para("Jim Knight's checklist for a coaching goal, as the coach ticked it.", styles().small),
        data_table(header, [row], widths),
    ]


def session_table(cycle: CycleReport, width: float) -> list[Flowable]:
    if not cycle.sessions:
        return [empty("No sessions are scheduled in this cycle.")]
    rows = [
        [
            session.label,
            full_date(session.scheduled_on) + (f", {session.period}" if session.period else ""),
            session.state,
            session.next_steps,
        ]
        for session in cycle.sessions
    ]
    widths = [width * 0.22, width * 0.21, width * 0.23, width * 0.34]
    return [data_table(["Session", "Scheduled", "Done", "Next steps"], rows, widths)]


def trend_blocks(
    points: list[TrendPoint], baseline: float | None, target: float | None, width: float
) -> list[Flowable]:
    """The trend chart, or a sentence when there is nothing to draw."""
    if not points:
        return [empty("No observation with a time-on-task figure falls in this period yet.")]
    chart_points = [charts.TrendPoint(p.observed_on, p.pct) for p in points]
    drawing = charts.trend_chart(chart_points, baseline, target, width=width, height=CHART_HEIGHT)
    return [
        drawing,
        para(
            "Each point is one observed lesson: the students on task over the students present, "
            "summed over the lesson's whole-class sweeps.",
            styles().small,
        ),
        Spacer(1, 4),
    ]


def observation_table(observations: list[ObservationLine], width: float) -> list[Flowable]:
    if not observations:
        return []
    rows = [
        [
            full_date(o.observed_on),
            o.period,
            o.lesson,
            STILL_RECORDING if o.recording else percent(o.pct),
            str(o.sweeps),
        ]
        for o in observations
    ]
    widths = [width * 0.2, width * 0.12, width * 0.4, width * 0.16, width * 0.12]
    header = ["Observed", "Period", "Lesson", "On task", "Sweeps"]
    blocks: list[Flowable] = [data_table(header, rows, widths, right=(3, 4))]
    if any(o.recording for o in observations):
        blocks.append(para(RECORDING_LEFT_OUT, styles().small))
    return blocks


def outcome_blocks(cycle: CycleReport) -> list[Flowable]:
    """What comes next, and the teacher's reflection when the coach marked it shareable."""
    if cycle.status == "abandoned":
        return [para("This cycle was stopped before its debrief.", styles().muted)]
    blocks: list[Flowable] = []
    if cycle.final is not None:
        blocks.append(labelled("Final value", _shown(cycle).final))
    if cycle.outcome_label:
        blocks.append(labelled("What comes next", cycle.outcome_label))
    if cycle.reflection:
        blocks.append(markup("<b>The teacher's reflection:</b>"))
        blocks += text_block(cycle.reflection)
    if cycle.next_steps:
        blocks.append(markup("<b>Next steps:</b>"))
        blocks += text_block(cycle.next_steps)
    elif not cycle.outcome_label and not cycle.reflection:
        blocks.append(empty("The debrief has not been recorded yet."))
    return blocks


def _shown(cycle: CycleReport) -> GoalFigures:
    return goal_figures(cycle.baseline, cycle.target, cycle.final, cycle.time_on_task)


def _figures(cycle: CycleReport) -> list[tuple[str, str]]:
    shown = _shown(cycle)
    return [
        (shown.baseline, "Baseline"),
        (shown.target, "Target"),
        (shown.final, "Final"),
        (shown.change, "Change from baseline"),
    ]
