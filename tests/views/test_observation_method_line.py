"""The observation view names the method in one line, with the lesson's own interval."""

from datetime import date, datetime

import pytest

from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_paper_observation,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def main(qtbot, store, clock, recorder):
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize(
    ("interval", "every"), [(5, "every 5 minutes"), (10, "every 10 minutes"), (1, "every minute")]
)
def test_the_observation_view_names_the_planned_activity_check(qtbot, main, store, interval, every):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    obs = add_paper_observation(
        store,
        ObservationStart(teacher, TODAY, lesson="Maps", interval_minutes=interval),
        [SweepInput(18, 20), SweepInput(20, 20)],
        datetime(2026, 11, 25, 15, 0),
    )

    main.open_observation(obs)

    line = main.observations.view.method
    assert line.text() == f"A planned activity check: students on task counted {every}."
    assert line.isVisible()


def test_the_live_recorder_names_it_too(qtbot, main, store, clock):
    teacher = save_teacher(store, TeacherForm(name="Ana Díaz")).id
    obs = start_observation(
        store,
        ObservationStart(teacher, TODAY, lesson="Maps", technology="Padlet", interval_minutes=3),
        clock.now(),
    )

    main.show_screen("observations")
    main.observations.resume(obs)

    assert main.observations.is_recording()
    assert main.observations.recorder.subtitle.text() == (
        "Padlet · A planned activity check: students on task counted every 3 minutes."
    )
