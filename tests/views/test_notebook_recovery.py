"""The app around a notebook in trouble: damage after opening, full disks, foreign files,
backups that can't be written, and --startup-check never waiting on a dialog (issue 11)."""

import os
import subprocess
import sys

import pytest
from notebook_damage import add_teachers, damage_quietly, fill_disk, fingerprint

from app.backups import backup_dir_for, list_backups
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.store import Store
from app.views.backups.flow import OPEN_GOOD_BACKUP
from app.views.shell.application import (
    NEW_ELSEWHERE,
    OPEN_BACKUP,
    NotebookController,
    create_application,
)


@pytest.fixture
def controller(qtbot, recorder):
    made = NotebookController(create_application())
    yield made
    if made.window is not None:
        made.window.close()
    made.shutdown()


def wait_for_the_open_check(qtbot, window):
    with qtbot.waitSignal(window.sig_open_checked, timeout=10_000):
        pass


def test_damage_found_after_opening_stops_writing_and_offers_the_good_backup(
    qtbot, controller, recorder, db_path
):
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 20)
        store.backup()
    damage_quietly(db_path)
    recorder.choice = OPEN_GOOD_BACKUP
    assert controller.open(db_path)  # the quick check passes: the full one runs after
    # The window is replaced by one on the restored backup; the damaged file kept aside.
    qtbot.waitUntil(
        lambda: bool(list(db_path.parent.glob("notebook.sqlite3.damaged-*"))), timeout=10_000
    )
    assert controller.store.write_refusal is None
    assert len(list_teachers(controller.store)) == 20
    assert controller.store.integrity_problems() == []
    [aside] = db_path.parent.glob("notebook.sqlite3.damaged-*")
    assert aside.stat().st_size > 0


def test_keeping_a_damaged_notebook_open_refuses_every_save_in_words(
    qtbot, controller, recorder, db_path
):
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 20)
        store.backup()
    damage_quietly(db_path)
    recorder.choice = None  # "Keep it open to read" or Cancel
    assert controller.open(db_path)
    wait_for_the_open_check(qtbot, controller.window)
    assert "damaged" in controller.window.windowTitle()
    before = fingerprint(db_path)
    with pytest.raises(Exception, match="nothing more is written"):
        save_teacher(controller.store, TeacherForm(name="Lost?"))
    assert fingerprint(db_path) == before


def test_a_backup_folder_that_cant_be_written_warns_and_the_notebook_works(
    qtbot, controller, recorder, db_path
):
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 3)
    folder = backup_dir_for(db_path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backups folder should be")
    assert controller.open(db_path)
    wait_for_the_open_check(qtbot, controller.window)
    warning = controller.window.backup_warning
    assert warning.isVisibleTo(controller.window)
    assert warning.toolTip().startswith(f"Backups can't be written to {folder}:")
    save_teacher(controller.store, TeacherForm(name="Still saved"))
    assert len(list_teachers(controller.store)) == 4
    assert recorder.choice is None and not recorder.errors


def test_a_full_disk_opens_the_notebook_with_a_warning_never_as_damaged(
    qtbot, controller, recorder, small_disk
):
    path = small_disk / "notebook.sqlite3"
    with Store.open(path, backup_on_open=False) as store:
        add_teachers(store, 40)
        store.backup()
        add_teachers(store, 2, prefix="Since")
    filler = fill_disk(small_disk, leave_bytes=160 * 1024)
    for _launch in range(2):
        assert controller.open(path)
        wait_for_the_open_check(qtbot, controller.window)
        assert "Backups can't be written" in controller.window.backup_warning.toolTip()
        assert len(list_teachers(controller.store)) == 42
        controller.window.close()
        controller.shutdown()
    filler.unlink()
    assert len(list_backups(path)) == 1
    assert not list(small_disk.glob("*.damaged-*"))


def test_a_completely_full_disk_says_so_and_moves_nothing(controller, recorder, small_disk):
    path = small_disk / "notebook.sqlite3"
    with Store.open(path, backup_on_open=False) as store:
        add_teachers(store, 40)
        store.backup()
    before = fingerprint(path)
    fill_disk(small_disk)
    recorder.choice = OPEN_BACKUP  # would be wrong to be asked at all
    assert not controller.open(path)
    [(_title, text)] = recorder.errors
    assert "disk is full" in text and "notebook is safe" in text
    assert fingerprint(path) == before
    names = {p.name for p in small_disk.iterdir()} - {
        "notebook.sqlite3-wal",
        "notebook.sqlite3-shm",
    }
    assert names == {"backups", "filler.bin", "notebook.sqlite3", "notebook.sqlite3.lock"}


def test_another_apps_file_is_never_renamed_and_a_new_notebook_starts_elsewhere(
    controller, recorder, tmp_path
):
    foreign = tmp_path / "lesson-notes.txt"
    foreign.write_text("Room 204: 22 of 25 on task\n", encoding="utf-8")
    before = foreign.read_bytes()
    recorder.choice = NEW_ELSEWHERE
    recorder.save_path = tmp_path / "elsewhere" / "my-notebook.sqlite3"
    recorder.save_path.parent.mkdir()
    assert controller.open(foreign)
    assert controller.store.path == recorder.save_path
    assert foreign.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "lesson-notes.txt"]


def run_startup_check(tmp_path, db):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COACHBOOK_DATA_DIR=str(tmp_path / "d"))
    return subprocess.run(
        [sys.executable, "-m", "app", "--startup-check", "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_startup_check_on_a_bad_file_exits_nonzero_without_waiting_on_a_dialog(tmp_path):
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a notebook", encoding="utf-8")
    result = run_startup_check(tmp_path, foreign)
    assert result.returncode == 1
    assert "not a Coachbook notebook" in result.stderr
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    result = run_startup_check(tmp_path, damaged)
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert "Traceback" not in result.stderr
