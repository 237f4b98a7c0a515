"""The backup flow on its own: Back up now, the warning when backups can't be written, damage
found, the check after opening, and choosing a backup to restore."""

import pytest
from PySide6.QtWidgets import QMainWindow

from app.backups import backup_dir_for, list_backups
from app.views.backups.flow import KEEP_READING, OPEN_GOOD_BACKUP, BackupFlow
from app.views.backups.restore_dialog import RestoreDialog
from app.views.common.context import ScreenContext


@pytest.fixture
def host(qtbot):
    window = QMainWindow()
    window.setWindowTitle("My notebook — Coachbook")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def flow(host, store):
    made = BackupFlow(ScreenContext(store), host)
    host.statusBar().addPermanentWidget(made.warning)
    yield made
    made.stop()


def test_back_up_now_writes_a_backup_and_says_where(qtbot, host, flow, store, recorder):
    flow.back_up_now()
    assert host.statusBar().currentMessage() == "Backing up…"
    qtbot.waitUntil(lambda: host.statusBar().currentMessage().startswith("Backed up to "))
    [backup] = list_backups(store.path)
    assert host.statusBar().currentMessage() == f"Backed up to {backup.path}"
    assert not flow.warning.isVisibleTo(host)
    assert not recorder.errors


def test_a_backup_that_cannot_be_written_warns_until_one_is(qtbot, host, flow, store, recorder):
    folder = backup_dir_for(store.path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backups folder should be")
    flow.back_up_now()
    qtbot.waitUntil(lambda: bool(recorder.errors))
    [(title, text)] = recorder.errors
    assert title == "Backup failed"
    assert text.startswith(f"Backups can't be written to {folder}:")
    assert flow.warning.isVisibleTo(host)
    assert flow.warning.text() == "Backups can't be written"
    assert flow.warning.toolTip() == text

    folder.unlink()
    flow.back_up_now()
    qtbot.waitUntil(lambda: host.statusBar().currentMessage().startswith("Backed up to "))
    assert not flow.warning.isVisibleTo(host)


def test_damage_found_marks_the_window_and_offers_the_good_backup(qtbot, host, flow, recorder):
    recorder.choice = OPEN_GOOD_BACKUP
    with qtbot.waitSignal(flow.sig_restore_requested) as requested:
        flow.damage_found()
    assert requested.args == [None]
    assert host.windowTitle() == "My notebook — Coachbook (damaged: read only)"


def test_keeping_a_damaged_notebook_to_read_asks_for_no_restore(qtbot, flow, recorder):
    recorder.choice = KEEP_READING
    with qtbot.assertNotEmitted(flow.sig_restore_requested):
        flow.damage_found()


def test_the_check_after_opening_reports_a_healthy_notebook(qtbot, flow, recorder):
    with qtbot.waitSignal(flow.sig_open_checked, timeout=10_000) as checked:
        flow.check_notebook()
    assert checked.args[0].problems == []
    assert checked.args[0].backup_problem is None
    assert recorder.choice is None and not recorder.errors


def test_a_stopped_flow_checks_nothing(qtbot, flow):
    flow.stop()
    with qtbot.assertNotEmitted(flow.sig_open_checked, wait=300):
        flow.check_notebook()


def test_choosing_a_backup_asks_first_then_requests_that_backup(
    qtbot, flow, store, recorder, monkeypatch
):
    backup = store.backup()

    def pick_first(dialog):
        dialog._on_restore()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", pick_first)
    with qtbot.waitSignal(flow.sig_restore_requested) as requested:
        flow.choose_backup_to_restore()
    assert recorder.confirms == ["Restore this backup?"]
    assert requested.args == [backup]


def test_a_restore_not_confirmed_requests_nothing(qtbot, flow, store, recorder, monkeypatch):
    store.backup()
    recorder.confirm_answer = False
    monkeypatch.setattr(RestoreDialog, "exec", lambda d: (d._on_restore(), d.result())[1])
    with qtbot.assertNotEmitted(flow.sig_restore_requested):
        flow.choose_backup_to_restore()
    assert recorder.confirms == ["Restore this backup?"]
