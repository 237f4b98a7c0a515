"""Page 1 of the teacher report carries what a principal came for, on Letter and on A4."""

import re
from datetime import UTC, date, datetime

import pytest

from app.reports import render_teacher_report
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    GoalInput,
    SessionDone,
    abandon_cycle,
    complete_session,
    cycle_detail,
    record_debrief,
    save_goal,
    start_cycle,
)
from app.services.observations import ObservationStart, SweepInput, add_paper_observation
from app.services.profile import get_profile, save_profile
from app.services.reports import teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
REFLECTION = "REFLECTION-MARKER I was nervous about the quiz"
NEXT_STEPS = "Share the retrieval routine with the grade team."
GOAL = "Students will raise their unit quiz score through spaced Padlet practice"
# Powerful, Easy, Emotionally compelling, Reachable, Student-focused, as the coach ticked them.
PEERS_TICKED = [True, False, True, False, True]


def _paper(store, size: str) -> None:
    profile = get_profile(store)
    profile.paper_size = size
    save_profile(store, profile)


def _quiz_cycle(store, teacher, start: date) -> object:
    cycle = start_cycle(store, CycleStart(teacher, start, focus="Padlet exit tickets"))
    powerful, easy, emotional, reachable, student = PEERS_TICKED
    save_goal(
        store,
        cycle,
        GoalInput(
            goal=GOAL,
            peers_powerful=powerful,
            peers_easy=easy,
            peers_emotional=emotional,
            peers_reachable=reachable,
            peers_student_focused=student,
            learning_target="I can recall the unit's key terms.",
            measure_kind="quiz_score",
            measure_description="Unit quiz, out of 10",
            baseline_value=6.5,
            target_value=8,
        ),
    )
    return cycle


@pytest.fixture
def completed(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz", school="Oak Elementary")).id
    cycle = _quiz_cycle(store, teacher, date(2026, 10, 5))
    for session in cycle_detail(store, cycle, TODAY).sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, ""))
    record_debrief(
        store,
        cycle,
        DebriefInput(
            final_value=8.5,
            teacher_reflection=REFLECTION,
            next_steps=NEXT_STEPS,
            outcome="close",
        ),
    )
    return store, teacher, cycle


def _page_one(store, teacher, cycle, tmp_path, pdf_text) -> str:
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)
    pages = pdf_text(out).pages
    return " ".join(pages[0].split())


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_page_one_has_the_goal_whether_met_its_numbers_and_chart(
    completed, paper, tmp_path, pdf_text
):
    store, teacher, cycle = completed
    _paper(store, paper)

    page = _page_one(store, teacher, cycle, tmp_path, pdf_text)

    assert f"Goal: {GOAL}" in page
    assert "Goal met: Yes." in page
    assert "6.5 8 8.5 +2" in page  # baseline, target, final, change
    assert "Baseline, target and final: Quiz score" in page
    assert "Strategy or tool: Padlet exit tickets" in page
    assert "PEERS goal checklist" in page
    assert NEXT_STEPS in page


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_page_one_prints_the_peers_checklist_in_words(completed, paper, tmp_path, pdf_text):
    store, teacher, cycle = completed
    _paper(store, paper)

    page = _page_one(store, teacher, cycle, tmp_path, pdf_text)

    for word in ("Powerful", "Easy", "Emotionally", "compelling", "Reachable", "Student-focused"):
        assert word in page
    shown = re.findall(r"Not ticked|Ticked", page.split("PEERS goal checklist", 1)[1])
    assert shown == ["Ticked" if ticked else "Not ticked" for ticked in PEERS_TICKED]


def test_the_reflection_has_no_shareable_switch_so_it_stays_out(completed, tmp_path, pdf_text):
    store, teacher, cycle = completed
    out = tmp_path / "teacher.pdf"

    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)

    text = pdf_text(out)
    assert "REFLECTION-MARKER" not in text.text
    assert NEXT_STEPS in text


def test_an_abandoned_cycle_says_when_it_stopped_and_charts_nothing_after(
    store, tmp_path, pdf_text
):
    teacher = save_teacher(store, TeacherForm(name="Ben Okafor")).id
    cycle = _quiz_cycle(store, teacher, date(2026, 9, 7))
    first = cycle_detail(store, cycle, TODAY).sessions[0]
    complete_session(store, first.id, SessionDone(date(2026, 9, 8), 35, ""))
    abandon_cycle(store, cycle, "Went on leave", on=date(2026, 9, 8))
    for day, lesson, linked in (
        (date(2026, 9, 8), "EARLY-LESSON fractions", cycle),
        (date(2026, 9, 21), "LATE-LESSON decimals", None),  # in its weeks, after it stopped
        (date(2026, 9, 28), "LATER-LESSON ratios", cycle),
    ):
        add_paper_observation(
            store,
            ObservationStart(teacher, day, lesson=lesson, cycle_id=linked),
            [SweepInput(20, 25), SweepInput(21, 25)],
            NOW,
        )
    out = tmp_path / "teacher.pdf"

    data = teacher_report_data(store, teacher, TODAY, cycle)
    render_teacher_report(data, out)

    text = pdf_text(out)
    page = " ".join(text.pages[0].split())
    assert "Stopped: Sep 8, 2026" in page
    assert "Goal met: Not decided: the cycle was stopped before its debrief." in page
    assert "EARLY-LESSON" in text.text
    assert "LATE-LESSON" not in text.text and "LATER-LESSON" not in text.text
    assert [p.observed_on for p in data.cycle.trend] == [date(2026, 9, 8)]
    assert "Went on leave" not in text.text
