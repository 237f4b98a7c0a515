"""Start-up: first run, the sample district, damaged files, backups and restore."""

import sqlite3

import pytest

from app.backups import list_backups
from app.paths import default_db_path, sample_db_path
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.store import Store
from app.views.backups.restore_dialog import BackupsTableModel, RestoreDialog
from app.views.shell.application import OPEN_BACKUP, NotebookController, create_application
from app.views.shell.welcome import EXPLORE_SAMPLE, START_NOTEBOOK, WelcomeDialog


@pytest.fixture
def controller(qtbot, recorder):
    made = NotebookController(create_application())
    yield made
    if made.window is not None:
        made.window.close()
    made.shutdown()


def choose_on_welcome(monkeypatch, choice):
    def pick(dialog):
        dialog._choose(choice)
        return dialog.result()

    monkeypatch.setattr(WelcomeDialog, "exec", pick)


def test_first_run_start_my_notebook_opens_an_empty_notebook(controller, monkeypatch):
    choose_on_welcome(monkeypatch, START_NOTEBOOK)
    path = controller.choose_path(startup_check=False)
    assert path == default_db_path()
    assert controller.open(path)
    assert controller.window.windowTitle() == "My notebook — Coachbook"
    assert list_teachers(controller.store) == []


def test_sample_district_lives_in_its_own_file(controller, monkeypatch):
    choose_on_welcome(monkeypatch, EXPLORE_SAMPLE)
    path = controller.choose_path(startup_check=False)
    assert path == sample_db_path() != default_db_path()
    assert controller.open(path)
    assert controller.window.windowTitle() == "Sample district — Coachbook"
    assert len(list_teachers(controller.store)) >= 20
    assert not default_db_path().exists()


def test_switching_from_sample_to_my_notebook(controller, monkeypatch):
    assert controller.open(sample_db_path())
    controller.window.actions_by_name["switch"].trigger()
    assert controller.store.path == default_db_path()
    assert controller.window.windowTitle() == "My notebook — Coachbook"


def test_the_last_notebook_opens_next_time(controller, recorder):
    assert controller.open(sample_db_path())
    controller.window.close()
    controller.shutdown()
    again = NotebookController(create_application())
    assert again.choose_path(startup_check=False) == sample_db_path()


def test_a_second_window_on_the_same_notebook_is_refused(controller, recorder, db_path):
    assert controller.open(db_path)
    other = NotebookController(create_application())
    assert not other.open(db_path)
    assert recorder.errors and "already open" in recorder.errors[0][1]


def test_damaged_notebook_is_set_aside_and_latest_backup_opened(controller, recorder, db_path):
    with Store.open(db_path) as store:
        save_teacher(store, TeacherForm(name="Kept Safe"))
        store.backup()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    recorder.choice = OPEN_BACKUP
    assert controller.open(db_path)
    assert [t.name for t in list_teachers(controller.store)] == ["Kept Safe"]
    aside = list(db_path.parent.glob("notebook.sqlite3.damaged-*"))
    assert aside and aside[0].read_bytes().startswith(b"SQLite format 3")


def test_foreign_file_is_refused_untouched_when_coach_cancels(controller, recorder, tmp_path):
    foreign = tmp_path / "grades.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE grades (student TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    recorder.choice = None
    assert not controller.open(foreign)
    assert foreign.read_bytes() == before


def test_restore_from_backup_brings_back_the_old_roster(controller, recorder, db_path, monkeypatch):
    with Store.open(db_path) as store:
        save_teacher(store, TeacherForm(name="Before"))
    assert controller.open(db_path)
    backup = controller.store.backup()
    save_teacher(controller.store, TeacherForm(name="After"))

    def pick_first(dialog):
        dialog._on_restore()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", pick_first)
    controller.window.actions_by_name["restore"].trigger()
    assert recorder.confirms == ["Restore this backup?"]
    assert [t.name for t in list_teachers(controller.store)] == ["Before"]
    assert len(list_backups(db_path)) >= 2
    assert backup.exists()


def test_restore_dialog_lists_backups_newest_first(qtbot, qtmodeltester, store):
    from datetime import datetime

    store.backup()
    dialog = RestoreDialog(list_backups(store.path), datetime.now())
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "just now"
    assert dialog.restore_button.isEnabled()
    qtmodeltester.check(dialog.model)
    assert isinstance(dialog.model, BackupsTableModel)


def test_startup_check_paints_and_exits_zero(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACHBOOK_DATA_DIR=str(tmp_path / "d"))
    result = subprocess.run(
        [sys.executable, "-m", "app", "--startup-check", "--db", str(tmp_path / "n.sqlite3")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
