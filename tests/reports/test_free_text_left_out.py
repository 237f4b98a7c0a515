"""Free text with no shareable switch stays out of every document for a principal or supervisor.

A marker is written into each such field of a fresh notebook: the abandon reason, the
teacher's profile notes, the teacher's reflection, sweep notes, the lesson's summary, pilot
log descriptions and activity notes. The teacher report, the pilot report and the portfolio
must carry none of them; the observation report, which goes to the teacher, keeps its own.
"""

from datetime import UTC, date, datetime

import pytest

from app.reports import (
    render_observation_report,
    render_pilot_report,
    render_portfolio,
    render_teacher_report,
)
from app.services.activities import ActivityInput, save_activity
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    SessionDone,
    abandon_cycle,
    complete_session,
    cycle_detail,
    record_debrief,
    start_cycle,
)
from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_paper_observation,
    set_coding,
)
from app.services.pilots import LogEntryForm, PilotForm, add_log_entry, create_pilot
from app.services.reports import (
    observation_report_data,
    pilot_report_data,
    portfolio_data,
    teacher_report_data,
)
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
YEAR = "2026-2027"
MARKERS = {
    "abandon": "LEAK-ABANDON Teacher went on family leave",
    "teacher_notes": "LEAK-TEACHER-NOTES going through a divorce",
    "reflection": "LEAK-REFLECTION I felt judged",
    "sweep": "LEAK-SWEEP Jamal asleep again",
    "summary": "LEAK-SUMMARY chaotic start",
    "log": "LEAK-LOG teacher forgot the password again",
    "activity": "LEAK-ACTIVITY she cried after the PD",
}


@pytest.fixture
def notebook(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz", notes=MARKERS["teacher_notes"])).id
    stopped = start_cycle(store, CycleStart(teacher, date(2026, 9, 7), focus="Padlet"))
    abandon_cycle(store, stopped, MARKERS["abandon"])
    finished = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Desmos"))
    for session in cycle_detail(store, finished, TODAY).sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, ""))
    record_debrief(
        store,
        finished,
        DebriefInput(final_value=80, teacher_reflection=MARKERS["reflection"], outcome="close"),
    )
    observation = add_paper_observation(
        store,
        ObservationStart(teacher, date(2026, 10, 20), lesson="Fractions", cycle_id=finished),
        [SweepInput(20, 25, "whole_group", MARKERS["sweep"]), SweepInput(22, 25)],
        NOW,
    )
    set_coding(store, observation, None, None, None, MARKERS["summary"])
    pilot = create_pilot(store, PilotForm(tool="Kahoot!", start_date=date(2026, 9, 7)), [teacher])
    add_log_entry(
        store, pilot, LogEntryForm(date(2026, 9, 9), description=MARKERS["log"], minutes_lost=5)
    )
    save_activity(
        store,
        ActivityInput(
            "pd_session",
            date(2026, 10, 1),
            topic="Padlet basics",
            minutes=45,
            notes=MARKERS["activity"],
        ),
    )
    return store, teacher, stopped, finished, observation, pilot


def _leaks(text) -> list[str]:
    return [name for name, marker in MARKERS.items() if marker.split()[0] in text.text]


def test_no_free_text_without_a_switch_reaches_the_principal(notebook, tmp_path, pdf_text):
    store, teacher, stopped, finished, _observation, pilot = notebook
    for cycle in (stopped, finished):
        out = tmp_path / f"teacher-{cycle}.pdf"
        render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)
        text = pdf_text(out)
        assert "Ana Díaz" in text
        assert _leaks(text) == []
    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(store, pilot, TODAY), out)
    text = pdf_text(out)
    assert "Kahoot!" in text
    assert _leaks(text) == []


def test_the_portfolio_never_says_why_a_cycle_stopped(notebook, tmp_path, pdf_text):
    store = notebook[0]
    out = tmp_path / "portfolio.pdf"

    render_portfolio(portfolio_data(store, YEAR, TODAY), out)

    text = pdf_text(out)
    assert "This cycle was stopped before its debrief." in text
    assert "Padlet basics" in text  # the activity is there, its notes are not
    assert _leaks(text) == []


def test_the_observation_report_for_the_teacher_keeps_the_lesson_notes(
    notebook, tmp_path, pdf_text
):
    store, observation = notebook[0], notebook[4]
    out = tmp_path / "observation.pdf"

    render_observation_report(observation_report_data(store, observation, TODAY), out)

    text = pdf_text(out)
    assert MARKERS["sweep"] in text and MARKERS["summary"] in text
    assert _leaks(text) == ["sweep", "summary"]
