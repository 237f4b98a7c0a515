"""A cycle with no focus is titled by its goal, or "Coaching cycle with <teacher>"."""

import re
from datetime import date

import pytest

from app.reports import render_portfolio, render_teacher_report
from app.services.cycles import CycleStart, GoalInput, save_goal, start_cycle
from app.services.reports import portfolio_data, teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
GOAL = "Students will cite two sources in every research book they publish"


@pytest.fixture
def cycles(store):
    """Three teachers' cycles: one with a goal but no focus, one with neither, one focused."""
    made = {}
    for name, goal, focus in (
        ("Ana Díaz", GOAL, ""),
        ("Ben Okafor", "", ""),
        ("Cy Lee", GOAL, "Book Creator"),
    ):
        teacher = save_teacher(store, TeacherForm(name=name, school="Lincoln")).id
        cycle = start_cycle(store, CycleStart(teacher, date(2026, 11, 2), focus=focus))
        if goal:
            save_goal(store, cycle, GoalInput(goal=goal))
        made[name] = (teacher, cycle)
    return made


def teacher_report_text(store, teacher_cycle, tmp_path, pdf_text) -> str:
    teacher, cycle = teacher_cycle
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out, invariant=True)
    return pdf_text(out).text


def test_teacher_report_titles_an_unfocused_cycle_by_its_goal(store, cycles, tmp_path, pdf_text):
    text = teacher_report_text(store, cycles["Ana Díaz"], tmp_path, pdf_text)

    assert f"Cycle: {GOAL}" in text


def test_teacher_report_titles_a_cycle_without_focus_or_goal_by_its_teacher(
    store, cycles, tmp_path, pdf_text
):
    text = teacher_report_text(store, cycles["Ben Okafor"], tmp_path, pdf_text)

    assert "Cycle: Coaching cycle with Ben Okafor" in text
    assert not re.search(r"Cycle: Coaching cycle(?! with)", text)


def test_portfolio_headings_and_contents_never_say_just_coaching_cycle(
    store, cycles, tmp_path, pdf_text
):
    out = tmp_path / "portfolio.pdf"
    render_portfolio(portfolio_data(store, "2026-2027", TODAY), out, invariant=True)
    text = pdf_text(out)

    assert f"Ana Díaz: {GOAL}" in text  # in the contents
    assert "Coaching cycle with Ben Okafor" in text
    assert "Cy Lee: Book Creator" in text
    assert ": coaching cycle" not in text.text.lower()
