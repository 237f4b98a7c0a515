"""File dialogs open in the folder last used, remembered across runs (QSettings)."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.views.common import dialogs


class FakeFileDialogs:
    """Stands in for the native dialogs offscreen Qt cannot click: notes where each opened
    and answers with the next path it was given."""

    def __init__(self):
        self.opened_in: list[str] = []
        self.answers: list[str] = []

    def _answer(self, start: str) -> str:
        self.opened_in.append(start)
        return self.answers.pop(0)

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(
            QFileDialog,
            "getOpenFileName",
            lambda _p, _c, start, _f: (self._answer(start), ""),
        )
        monkeypatch.setattr(
            QFileDialog,
            "getSaveFileName",
            lambda _p, _c, start, _f: (self._answer(start), ""),
        )
        monkeypatch.setattr(
            QFileDialog, "getExistingDirectory", lambda _p, _c, start: self._answer(start)
        )


@pytest.fixture
def file_dialogs(monkeypatch, qapp) -> FakeFileDialogs:
    fake = FakeFileDialogs()
    fake.install(monkeypatch)
    return fake


def test_the_first_dialog_opens_in_the_home_folder(file_dialogs):
    file_dialogs.answers = [""]
    assert dialogs.ask_open_path(None, "Import teachers", "CSV files (*.csv)") is None
    assert file_dialogs.opened_in == [str(Path.home())]


def test_the_next_dialog_opens_where_the_last_file_was_chosen(file_dialogs, tmp_path):
    rosters = tmp_path / "rosters"
    reports = tmp_path / "reports"
    for folder in (rosters, reports):
        folder.mkdir()
    file_dialogs.answers = [
        str(rosters / "fall.csv"),
        str(reports / "Ana Ruiz.pdf"),
        str(tmp_path),
        "",
    ]
    assert dialogs.ask_open_path(None, "Import", "CSV (*.csv)") == rosters / "fall.csv"
    saved = dialogs.ask_save_path(None, "Save report", "Ana Ruiz.pdf", "PDF (*.pdf)")
    assert saved == reports / "Ana Ruiz.pdf"
    assert dialogs.ask_folder(None, "Export CSV") == tmp_path
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    assert file_dialogs.opened_in == [
        str(Path.home()),
        str(rosters / "Ana Ruiz.pdf"),
        str(reports),
        str(tmp_path),
    ]


def test_a_cancelled_dialog_keeps_the_last_folder(file_dialogs, tmp_path):
    file_dialogs.answers = [str(tmp_path / "a.csv"), "", ""]
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    dialogs.ask_folder(None, "Export CSV")
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    assert file_dialogs.opened_in[1:] == [str(tmp_path), str(tmp_path)]


def test_the_folder_is_remembered_in_the_settings_file(file_dialogs, tmp_path):
    from app.paths import data_dir

    file_dialogs.answers = [str(tmp_path / "a.csv")]
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    settings = (data_dir() / "window-state.ini").read_text(encoding="utf-8")
    assert str(tmp_path) in settings


def test_a_folder_that_is_gone_falls_back_to_home(file_dialogs, tmp_path):
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    file_dialogs.answers = [str(gone / "a.csv"), ""]
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    gone.rmdir()
    dialogs.ask_open_path(None, "Import", "CSV (*.csv)")
    assert file_dialogs.opened_in[-1] == str(Path.home())
