"""The chart measures what the goal measures: a quiz goal charts its quiz scores, and the
time-on-task trend is its chart only when the goal is time-on-task."""

from datetime import UTC, date, datetime

import pytest
from reportlab.graphics.shapes import Group, Rect, String

from app import charts
from app.reports import render_portfolio, render_teacher_report
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    GoalInput,
    SessionDone,
    complete_session,
    cycle_detail,
    record_debrief,
    save_goal,
    start_cycle,
)
from app.services.observations import ObservationStart, SweepInput, add_paper_observation
from app.services.reports import portfolio_data, teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
NOT_THE_GOAL = "Time-on-task in observed lessons (not this goal's measure)"


def _cycle(store, measure: str, baseline: float, target: float, final: float):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Padlet"))
    save_goal(
        store,
        cycle,
        GoalInput(
            goal="Students will explain their reasoning",
            measure_kind=measure,
            measure_description="Unit quiz, out of 10" if measure == "quiz_score" else "",
            baseline_value=baseline,
            target_value=target,
        ),
    )
    for session in cycle_detail(store, cycle, TODAY).sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, ""))
    record_debrief(store, cycle, DebriefInput(final_value=final, outcome="close"))
    # A lesson at 36% on task (9 of 25): a figure a quiz goal's chart must not show.
    add_paper_observation(
        store,
        ObservationStart(teacher, date(2026, 10, 20), lesson="Fractions", cycle_id=cycle),
        [SweepInput(9, 25), SweepInput(9, 25)],
        NOW,
    )
    return teacher, cycle


def _teacher_pdf(store, teacher, cycle, tmp_path, pdf_text):
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)
    return pdf_text(out)


def test_a_quiz_goal_charts_its_quiz_scores_on_page_one(store, tmp_path, pdf_text):
    teacher, cycle = _cycle(store, "quiz_score", 6.5, 8, 8.5)

    text = _teacher_pdf(store, teacher, cycle, tmp_path, pdf_text)

    page = " ".join(text.pages[0].split())
    chart = page.split("Baseline, target and final: Quiz score", 1)[1]
    # The axis runs 0-10 in quiz points, each bar labelled with its score.
    for label in ("Quiz score", "2.5", "7.5", "10", "6.5", "8.5", "Baseline", "Target", "Final"):
        assert label in chart
    assert "36" not in page and "%" not in chart.split("In the goal")[0]
    assert "Time-on-task during the cycle" not in text.text
    assert NOT_THE_GOAL in text


def test_a_time_on_task_goal_charts_time_on_task_with_its_lines(store, tmp_path, pdf_text):
    teacher, cycle = _cycle(store, "time_on_task", 52, 80, 84)

    text = _teacher_pdf(store, teacher, cycle, tmp_path, pdf_text)

    page = " ".join(text.pages[0].split())
    assert "Baseline, target and final: Time-on-task %" in page
    assert "Baseline 52% Target 80% Final 84%" in page.split("Baseline, target and final")[1]
    trend = text.text.split("Time-on-task during the cycle", 1)[1]
    assert "Baseline 52%" in trend and "Target 80%" in trend  # the goal's lines on the trend
    assert NOT_THE_GOAL not in text


def test_the_portfolio_draws_each_cycle_with_the_same_chart(store, tmp_path, pdf_text):
    _cycle(store, "quiz_score", 6.5, 8, 8.5)
    out = tmp_path / "portfolio.pdf"

    render_portfolio(portfolio_data(store, "2026-2027", TODAY), out)

    text = pdf_text(out)
    assert "Baseline, target and final: Quiz score" in text
    assert NOT_THE_GOAL in text


def _strings(node) -> list[str]:
    if isinstance(node, String):
        return [node.text]
    if isinstance(node, Group) or hasattr(node, "contents"):
        return [text for child in node.contents for text in _strings(child)]
    return []


@pytest.mark.parametrize("colours", [charts.PAPER, charts.DARK])
def test_the_goal_chart_takes_the_colours_it_is_drawn_in(colours):
    bars = [
        charts.GoalBar("Baseline", 6.5, "6.5"),
        charts.GoalBar("Target", 8.0, "8"),
        charts.GoalBar("Final", None, "—"),
    ]
    with charts.drawn_in(colours):
        drawing = charts.goal_chart(bars, False, "Quiz score", width=400, height=140)

    background = drawing.contents[0]
    assert isinstance(background, Rect) and background.fillColor == colours.background
    fills = {
        shape.fillColor
        for group in drawing.contents
        if isinstance(group, Group)
        for shape in group.contents
        if isinstance(shape, Rect)
    }
    assert fills == {colours.baseline, colours.target}
    assert {"Quiz score", "6.5", "8", "not yet"} <= set(_strings(drawing))
    assert b"Quiz score" in charts.to_svg(drawing)
