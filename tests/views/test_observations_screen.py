"""The Observations screen and the live recorder, through qtbot on real notebook files.

The recorder's clock is the shared fake clock: a 45-minute lesson plays in milliseconds.
"""

import uuid
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.models import CycleSessionKind, MeasureKind, time_on_task_pct
from app.services.cycles import CycleStart, GoalInput, cycle_detail, save_goal, start_cycle
from app.services.errors import ValidationError
from app.services.evidence import list_evidence
from app.services.observations import (
    ObservationStart,
    SweepEdit,
    end_observation,
    list_intervals,
    list_observation_notes,
    list_observations,
    observation_summary,
    record_interval,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.observations.live_models import LiveSweepsModel
from app.views.observations.start_dialog import ObservationDialog
from app.views.observations.sweep_editor import (
    NOTE,
    ON_TASK,
    PRESENT,
    SweepEditModel,
    SweepEditorDialog,
)
from app.views.observations.table_model import DATE, PCT, ObservationsTableModel
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    return save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln Elementary")).id


@pytest.fixture
def main(qtbot, store, teacher_id, clock, recorder):
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def fill_and_start(qtbot, period="Period 3", lesson="Fractions", present="24"):
    """Stands in for the start dialog's exec(): type into the fields, press Enter."""

    def run(dialog: ObservationDialog):
        dialog.show()
        qtbot.keyClicks(dialog.period, period)
        qtbot.keyClicks(dialog.lesson, lesson)
        dialog.present.selectAll()
        qtbot.keyClicks(dialog.present, present)
        qtbot.keyClick(dialog.lesson, Qt.Key.Key_Return)  # the default button: Start
        return dialog.result()

    return run


def press(qtbot, widget, keys: str) -> None:
    """Type on the recorder: digits, letters and Enter, as a coach would."""
    for key in keys:
        if key == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif key == "+":
            qtbot.keyClick(widget, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
        elif key == "-":
            qtbot.keyClick(widget, Qt.Key.Key_Minus)
        else:
            qtbot.keyClicks(widget, key)


def focused(recorder):
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget() or recorder.count


def test_a_whole_lesson_by_keyboard_alone(qtbot, main, store, clock, recorder, monkeypatch):
    monkeypatch.setattr(ObservationDialog, "exec", fill_and_start(qtbot))
    main.show_screen("observations")
    main.actions_by_name["new"].trigger()  # Ctrl+N on the Observations screen
    screen = main.observations
    live = screen.recorder
    assert screen.is_recording()
    assert live.prompt.property("prompt") == "due"  # minute 0: sweep the room now
    assert live.present.value() == 24

    press(qtbot, live.count, "20\n")  # 0 min
    clock.advance(minutes=5)
    live.tick()
    assert "Sweep the room now (5 min)" in live.prompt.text()
    press(qtbot, focused(live), "w+\n")  # whole group, one more than last time: 21
    clock.advance(minutes=5)
    live.tick()
    qtbot.keyClick(focused(live), Qt.Key.Key_Down)  # a student leaves: 23 present
    press(qtbot, focused(live), "s19\n")  # small group
    clock.advance(minutes=2)
    press(qtbot, focused(live), "e")  # an evidence note, time-stamped
    qtbot.keyClicks(live.evidence, "Group 3 stuck on the login screen")
    qtbot.keyClick(live.evidence, Qt.Key.Key_Return)
    clock.advance(minutes=3)
    live.tick()
    press(qtbot, focused(live), "9\n")  # a slip of the finger ...
    qtbot.keyClick(focused(live), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, focused(live), "i22\n")  # ... undone, and typed again
    press(qtbot, focused(live), "p")  # a fire drill
    clock.advance(minutes=7)
    live.tick()
    assert live.prompt.property("prompt") == "paused"
    assert live.elapsed.text() == "15:00"
    press(qtbot, focused(live), "p")
    clock.advance(minutes=5)
    live.tick()
    press(qtbot, focused(live), "a")  # 20 min: all 23 on task
    clock.advance(minutes=10)  # 25 min passes without a sweep
    live.tick()
    assert "Missed: 25 min" in live.missed.text()
    press(qtbot, focused(live), "n")
    qtbot.keyClicks(live.sweep_note, "Back from the library")
    qtbot.keyClick(live.sweep_note, Qt.Key.Key_Escape)
    press(qtbot, focused(live), "t12\n")  # 30 min, transition
    for _mark in (35, 40, 45):
        clock.advance(minutes=5)
        live.tick()
        press(qtbot, focused(live), "+\n")
    qtbot.keyClick(focused(live), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert recorder.confirms == ["End the observation?"]
    assert not screen.is_recording()
    obs_id = screen.view.summary.observation_id
    sweeps = list_intervals(store, obs_id)
    counts = [(s.minute, s.on_task, s.present, s.activity_format) for s in sweeps]
    assert counts == [
        (0, 20, 24, None),
        (5, 21, 24, "whole_group"),
        (10, 19, 23, "small_group"),
        (15, 22, 23, "independent"),
        (20, 23, 23, "independent"),
        (30, 12, 23, "transition"),
        (35, 13, 23, "transition"),
        (40, 14, 23, "transition"),
        (45, 15, 23, "transition"),
    ]
    assert sweeps[5].note == "Back from the library"
    expected = time_on_task_pct((s.on_task, s.present) for s in sweeps)
    summary = observation_summary(store, obs_id)
    assert summary.time_on_task_pct == pytest.approx(expected)
    assert screen.view.figure.text() == f"{expected:.0f}%"
    assert "Lowest 52% at 30 min" in screen.view.range_text.text()
    notes = list_observation_notes(store, obs_id)
    assert [(n.body, n.minute) for n in notes] == [("Group 3 stuck on the login screen", 12)]
    row = screen.model.row_of(obs_id)
    assert screen.model.index(row, PCT).data() == f"{expected:.0f}%"


def test_recorder_refuses_more_on_task_than_present(qtbot, main, store, teacher_id, clock):
    obs = start_observation(
        store, ObservationStart(teacher_id, TODAY, students_present=20), clock.now()
    )
    main.show_screen("observations")
    main.observations.resume(obs)
    live = main.observations.recorder
    press(qtbot, live.count, "25\n")
    assert "can't be more than present (20)" in live.entry_message.text()
    assert list_intervals(store, obs) == []
    assert live.count.text() == "25"  # kept, so the coach can fix it


def test_the_sound_is_off_by_default_and_remembered(qtbot, main):
    live = main.observations.recorder
    assert not live.sound.isChecked()
    live.sound.setChecked(True)
    from app.views.common.qsettings import app_settings
    from app.views.observations.live_layout import SOUND_KEY

    assert app_settings().value(SOUND_KEY, type=bool) is True


def test_reopening_offers_to_go_on_where_the_lesson_stands(
    qtbot, store, teacher_id, clock, recorder
):
    obs = start_observation(
        store, ObservationStart(teacher_id, TODAY, lesson="Ecosystems"), clock.now()
    )
    record_interval(store, obs, 18, 22, now=clock.now())
    clock.advance(minutes=12, seconds=30)  # the lid was closed through the 5-minute mark
    recorder.choice = "Go on recording"
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.show()
    win.offer_resume()
    live = win.observations.recorder
    assert win.observations.is_recording()
    assert live.elapsed.text() == "12:30"
    assert "Missed: 5 min" in live.missed.text()
    assert "Sweep the room now (10 min)" in live.prompt.text()
    assert live.present.value() == 22


def test_reopening_can_end_the_lesson_at_its_last_sweep(qtbot, store, teacher_id, clock, recorder):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    clock.advance(minutes=5)
    record_interval(store, obs, 18, 22, now=clock.now())
    clock.advance(days=1)
    recorder.choice = "End it at the last sweep"
    win = MainWindow(store, today=clock.today, now=clock.now)
    qtbot.addWidget(win)
    win.show()
    win.offer_resume()
    summary = observation_summary(store, obs)
    assert summary.ended_at - summary.started_at == timedelta(minutes=5)
    assert win.observations.view.summary.observation_id == obs


def test_nothing_is_offered_when_no_lesson_is_running(qtbot, main, recorder):
    recorder.choice = "Go on recording"
    main.offer_resume()
    assert not main.observations.is_recording()


def test_paper_form_is_typed_in_with_the_same_rules(qtbot, main, store, monkeypatch, recorder):
    def details(dialog: ObservationDialog):
        dialog.lesson.setText("Read-aloud")
        dialog._on_ok()
        return dialog.result()

    attempts = []

    def sweeps(dialog: SweepEditorDialog):
        model = dialog.model
        for on_task, present in ((18, 22), (25, 22)):
            row = model.rowCount() - 1
            model.setData(model.index(row, ON_TASK), str(on_task))
            model.setData(model.index(row, PRESENT), str(present))
            dialog.add_row()
        model.remove_row(model.rowCount() - 1)
        dialog._on_save()
        attempts.append(dialog.message.text())
        model.setData(model.index(1, ON_TASK), "20")
        model.setData(model.index(1, NOTE), "Partner reading")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", details)
    monkeypatch.setattr(SweepEditorDialog, "exec", sweeps)
    main.show_screen("observations")
    main.observations.type_in_paper()
    assert "Row 2: On task (25) can't be more than present (22)" in attempts[0]
    (row,) = list_observations(store)
    assert row.sweeps == 2 and not row.in_progress and not row.ended
    summary = observation_summary(store, row.id)
    assert [(s.minute, s.on_task, s.note) for s in summary.sweeps] == [
        (0, 18, ""),
        (5, 20, "Partner reading"),
    ]
    assert main.observations.view.figure.text() == f"{100 * 38 / 44:.0f}%"
    assert "Typed in from a paper form" in main.observations.view.in_progress.text()


def test_coding_and_notes_are_saved_as_they_change(qtbot, main, store, teacher_id, clock):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    record_interval(store, obs, 20, 24, now=clock.now())
    main.show_screen("observations")
    main.observations.open_observation(obs)
    view = main.observations.view
    view.picrat.cells[("creative", "amplification")].click()
    view.samr.setCurrentIndex(3)
    view.samr.activated.emit(3)
    qtbot.keyClicks(view.notes, "Students built their own number lines")
    view.flush_notes()
    summary = observation_summary(store, obs)
    assert (summary.picrat_engagement, summary.picrat_use) == ("creative", "amplification")
    assert summary.samr_level == "modification"
    assert summary.notes == "Students built their own number lines"
    assert view.picrat_text.text() == "Creative amplification (CA)"
    view.picrat.cells[("creative", "amplification")].click()  # a second press clears it
    assert observation_summary(store, obs).picrat_engagement is None


def png_bytes() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_photos_are_checked_then_shown_as_thumbnails(
    qtbot, main, store, teacher_id, clock, recorder, tmp_path
):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    main.show_screen("observations")
    main.observations.open_observation(obs)
    photos = main.observations.view.photos
    fake = tmp_path / "lesson.png"
    fake.write_text("not really a picture")
    recorder.open_path, recorder.text_answer = fake, "Anchor chart"
    photos.attach()
    assert recorder.errors == [
        ("Photo not attached", "“lesson.png” is not a photo: attach a PNG or JPEG image.")
    ]
    real = tmp_path / "anchor.png"
    real.write_bytes(png_bytes())
    recorder.open_path = real
    photos.attach()
    assert [e.caption for e in list_evidence(store, observation_id=obs)] == ["Anchor chart"]
    assert photos.model.rowCount() == 1
    assert not photos.model.index(0).data(Qt.ItemDataRole.DecorationRole).isNull()


def test_teacher_detail_shows_the_trend_with_baseline_and_target(
    qtbot, main, store, teacher_id, clock
):
    cycle = start_cycle(store, CycleStart(teacher_id, date(2026, 10, 5)))
    save_goal(
        store,
        cycle,
        GoalInput(
            goal="On task during stations",
            measure_kind=MeasureKind.TIME_ON_TASK,
            baseline_value=55,
            target_value=80,
        ),
    )
    for day, on_task in ((date(2026, 10, 6), 13), (date(2026, 10, 20), 17)):
        obs = start_observation(store, ObservationStart(teacher_id, day), clock.now())
        record_interval(store, obs, on_task, 20, now=clock.now())
        clock.advance(minutes=50)
        end_observation(store, obs, clock.now())  # a lesson still recording is left out
    main.show_screen("teachers")
    main.teachers.open_teacher(teacher_id)
    detail = main.teachers.detail
    assert detail.trend.isVisibleTo(detail)
    svg = detail.trend.svg.decode()
    assert "Baseline 55%" in svg and "Target 80%" in svg
    assert detail.trend_text.text().startswith("2 observations; from 65% to 85%.")
    assert detail.observations_model.rowCount() == 2


def test_observe_from_a_model_lesson_links_the_session(qtbot, main, store, teacher_id, monkeypatch):
    cycle = start_cycle(store, CycleStart(teacher_id, date(2026, 11, 16), focus="Nearpod"))
    model_lesson = next(
        s
        for s in cycle_detail(store, cycle, TODAY).sessions
        if s.kind == CycleSessionKind.MODEL_LESSON
    )
    seen = []

    def capture(dialog: ObservationDialog):
        seen.append((dialog.teacher.currentData(), dialog.link.currentData()))
        return 0

    monkeypatch.setattr(ObservationDialog, "exec", capture)
    main.open_cycle(cycle)
    widgets = main.cycles.view.session_widgets
    assert [w.observe_button.isVisibleTo(w) for w in widgets] == [False, True, True, False]
    widgets[1].observe_button.click()
    assert seen == [(teacher_id, (cycle, model_lesson.id))]
    assert main.current_screen() == "observations"


def test_list_sorts_by_date_and_filters(qtbot, main, store, teacher_id, clock):
    for day in (date(2026, 11, 5), date(2026, 11, 11), date(2026, 10, 27)):
        obs = start_observation(store, ObservationStart(teacher_id, day), clock.now())
        record_interval(store, obs, 10, 20, now=clock.now())
        clock.advance(hours=1)
    main.show_screen("observations")
    screen = main.observations
    dates = [screen.proxy.index(r, DATE).data() for r in range(screen.proxy.rowCount())]
    assert dates == ["Nov 11, 2026", "Nov 5, 2026", "Oct 27, 2026"]
    screen.state_combo.setCurrentIndex(screen.state_combo.findData("in_progress"))
    assert screen.proxy.rowCount() == 3  # none was ended
    screen.state_combo.setCurrentIndex(screen.state_combo.findData("paper"))
    assert screen.proxy.rowCount() == 0
    screen.state_combo.setCurrentIndex(0)
    qtbot.keyClicks(screen.filter_edit, "nobody")
    assert screen.proxy.rowCount() == 0


def test_empty_screen_offers_both_ways_in(qtbot, main):
    main.show_screen("observations")
    screen = main.observations
    assert screen.pages.currentWidget() is screen.empty
    assert set(screen.empty.buttons) == {"Observe a lesson…", "Type in a paper form…"}


def test_models_pass_the_model_tester(qtmodeltester, store, teacher_id, clock):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    sweep = record_interval(store, obs, 10, 20, now=clock.now()).sweep
    table = ObservationsTableModel()
    table.set_rows(list_observations(store))
    qtmodeltester.check(table)
    live = LiveSweepsModel()
    live.set_sweeps([sweep], [5])
    qtmodeltester.check(live)
    editor = SweepEditModel()
    editor.set_rows([SweepEdit(None, 0, 10, 20)])
    qtmodeltester.check(editor)


def test_a_sweep_edit_that_breaks_the_rules_changes_nothing(store, teacher_id, clock):
    from app.services.observations import correct_sweeps

    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    first = record_interval(store, obs, 10, 20, now=clock.now()).sweep
    with pytest.raises(ValidationError) as error:
        correct_sweeps(store, obs, [SweepEdit(first.id, 0, 30, 20)], datetime(2026, 11, 25, 10))
    assert error.value.errors == {
        "sweeps.0.on_task": "Row 1: On task (30) can't be more than present (20); "
        "check both counts."
    }
    assert list_intervals(store, obs)[0].on_task == 10


def test_teacher_lists_load_once_the_selection_rests(qtbot, main, store, teacher_id, clock):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    record_interval(store, obs, 15, 20, now=clock.now())
    end_observation(store, obs, clock.now())
    main.show_screen("teachers")
    screen = main.teachers
    screen.table.selectRow(0)
    detail = screen.detail
    qtbot.waitUntil(lambda: detail.observations_model.rowCount() == 1, timeout=2000)
    assert "75%" in detail.trend.toolTip()


def test_tab_walks_the_recorder_in_the_order_of_the_work(qtbot, main, store, teacher_id, clock):
    obs = start_observation(store, ObservationStart(teacher_id, TODAY), clock.now())
    main.show_screen("observations")
    main.observations.resume(obs)
    live = main.observations.recorder
    order = [live.count]
    widget = live.count
    for _ in range(5):
        widget = widget.nextInFocusChain()
        # Skip what Tab passes over, and the line edit inside the spin box (its own part).
        while (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus
            or widget.objectName() == "qt_spinbox_lineedit"
        ):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[:4] == [live.count, live.present, live.all_button, live.save_button]
