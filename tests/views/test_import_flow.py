"""The roster import flow on its own: a damaged notebook refuses it, a finished import is
announced and summarised, a cancelled preview writes nothing."""

import pytest
from PySide6.QtWidgets import QMainWindow

from app.services.teachers import list_teachers
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents
from app.views.teachers.import_dialog import ImportPreviewDialog
from app.views.teachers.import_flow import RosterImportFlow

ROSTER = "Name,School\nAna Díaz,Lincoln\nBen Okafor,Roosevelt\n"


@pytest.fixture
def host(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def events():
    return AppEvents()


@pytest.fixture
def flow(host, store, events):
    return RosterImportFlow(ScreenContext(store, events), host)


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def import_on_preview(monkeypatch) -> list[ImportPreviewDialog]:
    shown: list[ImportPreviewDialog] = []

    def click_import(dialog):
        shown.append(dialog)
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", click_import)
    return shown


def test_an_import_is_announced_and_summarised(qtbot, flow, store, events, roster, monkeypatch):
    import_on_preview(monkeypatch)
    with (
        qtbot.waitSignal(events.sig_data_changed) as changed,
        qtbot.waitSignal(flow.sig_imported) as imported,
    ):
        flow.import_from(roster)
    assert changed.args[0].kinds == {"teachers"}
    assert imported.args == ["Imported teachers: 2 added, 0 updated, 0 unchanged."]
    assert sorted(t.name for t in list_teachers(store)) == ["Ana Díaz", "Ben Okafor"]


def test_a_damaged_notebook_refuses_the_import_before_any_preview(
    qtbot, flow, store, roster, monkeypatch
):
    shown = import_on_preview(monkeypatch)
    store.stop_writing(["row 3 of teacher points to a missing school"])
    with (
        qtbot.waitSignal(flow.sig_damage_found),
        qtbot.assertNotEmitted(flow.sig_imported),
    ):
        flow.import_from(roster)
    assert shown == []
    assert list_teachers(store) == []


def test_a_cancelled_preview_writes_and_announces_nothing(
    qtbot, flow, store, events, roster, monkeypatch
):
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: 0)
    with (
        qtbot.assertNotEmitted(flow.sig_imported),
        qtbot.assertNotEmitted(events.sig_data_changed),
    ):
        flow.import_from(roster)
    assert list_teachers(store) == []


def test_choosing_a_folder_imports_from_it(qtbot, flow, store, recorder, tmp_path, monkeypatch):
    import_on_preview(monkeypatch)
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    recorder.folder = folder
    with qtbot.waitSignal(flow.sig_imported):
        flow.choose_folder()
    assert len(list_teachers(store)) == 2


def test_no_file_chosen_imports_nothing(qtbot, flow, store, recorder):
    recorder.open_path = None
    with qtbot.assertNotEmitted(flow.sig_imported):
        flow.choose_file()
    assert list_teachers(store) == []
