"""A teacher's reflection prints only when the coach marks it shareable, and an abandoned cycle
says the day it stopped; both read back from the teacher report and the portfolio."""

from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from app.reports import render_portfolio, render_teacher_report
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    SessionDone,
    abandon_cycle,
    complete_session,
    cycle_detail,
    override_status,
    record_debrief,
    start_cycle,
)
from app.services.reports import portfolio_data, teacher_report_data
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store, _alembic_config

TODAY = date(2026, 11, 25)
REFLECTION = "Moving the exit ticket to the start made the groups settle faster."


def finished_cycle(store, *, shareable: bool):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Desmos"))
    for session in cycle_detail(store, cycle, TODAY).sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, ""))
    record_debrief(
        store,
        cycle,
        DebriefInput(
            final_value=80,
            teacher_reflection=REFLECTION,
            reflection_shareable=shareable,
            outcome="close",
        ),
    )
    return teacher, cycle


def teacher_pdf(store, teacher, cycle, tmp_path, pdf_text):
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(store, teacher, TODAY, cycle), out)
    return pdf_text(out)


@pytest.mark.parametrize("shareable", [True, False])
def test_the_reflection_prints_only_when_marked_shareable(store, tmp_path, pdf_text, shareable):
    teacher, cycle = finished_cycle(store, shareable=shareable)
    report = teacher_pdf(store, teacher, cycle, tmp_path, pdf_text)
    portfolio = tmp_path / "portfolio.pdf"
    render_portfolio(portfolio_data(store, "2026-2027", TODAY), portfolio)
    for printed in (report, pdf_text(portfolio)):
        assert ("The teacher's reflection:" in printed) == shareable
        assert (REFLECTION in printed) == shareable


def test_an_abandoned_cycle_says_the_day_it_stopped(store, tmp_path, pdf_text):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Padlet"))
    first = cycle_detail(store, cycle, TODAY).sessions[0]
    complete_session(store, first.id, SessionDone(date(2026, 10, 5), 40, ""))
    abandon_cycle(store, cycle, "Schedule changed", on=date(2026, 10, 21))
    text = teacher_pdf(store, teacher, cycle, tmp_path, pdf_text)
    assert "Stopped: Oct 21, 2026" in text
    assert "the day of its last session" not in text


def test_a_cycle_abandoned_before_the_day_was_kept_says_its_last_session(store, tmp_path, pdf_text):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Padlet"))
    first = cycle_detail(store, cycle, TODAY).sessions[0]
    complete_session(store, first.id, SessionDone(date(2026, 10, 6), 40, ""))
    abandon_cycle(store, cycle, "Schedule changed", on=date(2026, 10, 21))
    with store.session() as session:
        session.exec(text("UPDATE coaching_cycle SET stopped_on = NULL"))
    printed = teacher_pdf(store, teacher, cycle, tmp_path, pdf_text)
    assert "Stopped: Oct 6, 2026, the day of its last session" in printed


def test_taking_a_cycle_up_again_forgets_the_day_it_stopped(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5)))
    abandon_cycle(store, cycle, "Schedule changed", on=date(2026, 10, 21))
    override_status(store, cycle, None)
    with store.session() as session:
        stopped = session.exec(text("SELECT stopped_on FROM coaching_cycle")).one()[0]
    assert stopped is None


def test_older_cycles_keep_their_reflection_private_and_no_stop_day(db_path):
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    stamp = "2026-09-01 12:00:00.000000"
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0006")
        connection.execute(
            text(
                "INSERT INTO teacher (id, created_at, updated_at, name, grades, subjects, room, "
                "email, notes, archived) VALUES ('aa', :at, :at, 'Ana', '', '', '', '', '', 0)"
            ),
            {"at": stamp},
        )
        connection.execute(
            text(
                "INSERT INTO coaching_cycle (id, created_at, updated_at, teacher_id, start_date, "
                "length_weeks, status, status_overridden, abandoned_reason, focus, goal, "
                "peers_powerful, peers_easy, peers_emotional, peers_reachable, "
                "peers_student_focused, learning_target, measure_kind, measure_description, "
                "teacher_reflection, next_steps) VALUES ('bb', :at, :at, 'aa', '2026-09-07', 4, "
                "'abandoned', 1, 'Moved', '', '', 0, 0, 0, 0, 0, '', 'time_on_task', '', "
                ":reflection, '')"
            ),
            {"at": stamp, "reflection": REFLECTION},
        )
    engine.dispose()
    with Store.open(db_path) as store, store.session() as session:
        row = session.exec(
            text("SELECT reflection_shareable, stopped_on, teacher_reflection FROM coaching_cycle")
        ).one()
    assert tuple(row) == (0, None, REFLECTION)
