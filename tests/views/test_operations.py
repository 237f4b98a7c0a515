"""One way to write, as the coach sees it: a refused write says why and changes nothing; a
write, its undo and its redo each change the notebook and say so in the status bar."""

from datetime import date

import pytest

from app.models.pilots import PilotLogEntry
from app.services.pilots import (
    LogEntryForm,
    PilotForm,
    add_log_entry,
    create_pilot,
    list_pilots,
    pilot_detail,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.events import Changes
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def pilot(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez", school="Lincoln")).id
    # No start date yet: moving to piloting is refused until its weeks can be counted.
    return create_pilot(store, PilotForm(tool="Padlet", vendor="Wallwisher"), [teacher])


@pytest.fixture
def main(qtbot, store, pilot, clock, recorder):
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.changes = []
    win.events.sig_data_changed.connect(win.changes.append)
    win.open_pilot(pilot)
    return win


def status_bar(main) -> str:
    return main.statusBar().currentMessage()


def pilot_ids(store) -> list:
    return [row.id for row in list_pilots(store, TODAY)]


def test_a_refused_write_says_why_and_changes_nothing(main, store, pilot, recorder):
    main.pilots.view.status_actions["piloting"].trigger()
    assert recorder.errors == [
        (
            "The status can't change yet",
            "Set Padlet's start date first, so its weeks can be counted.",
        )
    ]
    assert pilot_detail(store, pilot, TODAY).row.status == "proposed"
    assert "piloting" not in status_bar(main)
    assert main.changes == []
    assert main.undo_stack.count() == 0


def test_a_delete_then_undo_then_redo_each_change_the_notebook_and_say_so(
    main, store, pilot, recorder
):
    undo, redo = main.actions_by_name["undo"], main.actions_by_name["redo"]
    main.pilots.view.delete_button.click()
    assert recorder.confirms == ["Delete this pilot?"]
    assert status_bar(main) == "Deleted the pilot Padlet."
    assert pilot_ids(store) == []
    assert main.pilots.model.row_of(pilot) == -1
    assert main.changes[-1] == Changes(frozenset({"pilots"}), main.pilots)
    assert undo.text().endswith("Delete the pilot Padlet")

    undo.trigger()  # Edit ▸ Undo
    assert status_bar(main) == "Undid: delete the pilot Padlet."
    assert pilot_ids(store) == [pilot]
    assert main.pilots.model.row_of(pilot) >= 0
    assert main.changes[-1] == Changes(frozenset({"pilots"}), main.pilots)

    redo.trigger()  # Edit ▸ Redo
    assert status_bar(main) == "Redid: delete the pilot Padlet."
    assert pilot_ids(store) == []
    assert main.pilots.model.row_of(pilot) == -1
    assert recorder.errors == []


def test_an_undo_that_cannot_be_done_says_why_in_the_status_bar(main, store, pilot, recorder):
    form = LogEntryForm(logged_on=TODAY, description="Roster did not sync")
    entry = add_log_entry(store, pilot, form)
    main.open_pilot(pilot)
    log = main.pilots.view.log
    log.table.selectRow(0)
    log.delete_button.click()
    assert status_bar(main) == "Deleted the log entry (Ctrl+Z brings it back)."
    assert pilot_detail(store, pilot, TODAY).log == []
    with store.session() as session:  # gone for good meanwhile, as if purged elsewhere
        session.delete(session.get(PilotLogEntry, entry))

    main.actions_by_name["undo"].trigger()
    assert status_bar(main) == "Couldn't undo that: That log entry is no longer in the notebook."
    assert pilot_detail(store, pilot, TODAY).log == []
    assert recorder.errors == []
