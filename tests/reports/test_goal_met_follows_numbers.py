"""Goal met follows final against target on paper, whatever was ticked at the debrief."""

from datetime import date

import pytest

from app.models import MeasureKind
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
from app.services.reports import portfolio_data, teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)


def _finished_cycle(store, teacher, start, goal: GoalInput, debrief: DebriefInput):
    cycle = start_cycle(store, CycleStart(teacher, start, focus=goal.goal))
    save_goal(store, cycle, goal)
    for session in cycle_detail(store, cycle, TODAY).sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, ""))
    record_debrief(store, cycle, debrief)
    return cycle


@pytest.fixture
def cycles(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    short = _finished_cycle(
        store,
        teacher,
        date(2026, 9, 7),
        GoalInput(goal="Padlet exit tickets", baseline_value=60, target_value=85),
        DebriefInput(final_value=72, goal_met=True, outcome="close"),
    )
    lower = _finished_cycle(
        store,
        teacher,
        date(2026, 10, 5),
        GoalInput(
            goal="Faster transitions",
            measure_kind=MeasureKind.CUSTOM,
            measure_description="Minutes lost to transitions",
            baseline_value=12,
            target_value=5,
        ),
        DebriefInput(final_value=4, goal_met=False, outcome="close"),
    )
    return teacher, short, lower


def test_the_teacher_report_says_not_yet_at_72_against_85(store, cycles, tmp_path, pdf_text):
    teacher, short, lower = cycles
    for cycle, said in ((short, "Goal met: Not yet."), (lower, "Goal met: Yes.")):
        out = tmp_path / f"{cycle}.pdf"
        render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)
        text = pdf_text(out)
        assert said in text, text.text


def test_the_portfolio_agrees(store, cycles, tmp_path, pdf_text):
    out = tmp_path / "portfolio.pdf"
    data = portfolio_data(store, "2026-2027", TODAY)

    render_portfolio(data, out)

    assert [c.goal_met for c in data.cycles] == [False, True]
    text = pdf_text(out)
    assert "Goal met: Not yet." in text and "Goal met: Yes." in text


def test_the_cycle_view_says_what_the_report_says(qtbot, store, cycles):
    from app.text import goal_met_words
    from app.views.common.context import ScreenContext
    from app.views.cycles.cycle_view import CycleView

    _teacher, short, lower = cycles
    view = CycleView(ScreenContext(store, today=lambda: TODAY))
    qtbot.addWidget(view)
    for cycle, met in ((short, False), (lower, True)):
        detail = cycle_detail(store, cycle, TODAY)
        assert detail.goal_met is (not met)  # what was ticked at the debrief stays saved
        view.show_cycle(cycle)
        assert view.met_text.text() == goal_met_words(met, completed=True)
