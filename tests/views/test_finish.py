"""The finish of a desktop app: the crash dialog, the shortcuts list, accessible controls."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.teachers import list_teachers
from app.views.shell.crash import LOG_NAME, CrashHandler, crash_report
from app.views.shell.shortcuts import SCREEN_KEYS, ShortcutsDialog


def test_an_unexpected_error_is_logged_and_shown_and_the_app_goes_on(
    qtbot, window, recorder, tmp_path
):
    handler = CrashHandler(lambda: window.store.path)
    try:
        raise ZeroDivisionError("the chart had no width")
    except ZeroDivisionError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(recorder.crashes), timeout=2000)
    (report,) = recorder.crashes
    assert "ZeroDivisionError: the chart had no width" in report
    assert f"Notebook file: {window.store.path.name}" in report
    from app.paths import data_dir

    assert "the chart had no width" in (data_dir() / LOG_NAME).read_text(encoding="utf-8")
    window.show_screen("teachers")  # still working
    assert window.teachers.model.rowCount() == len(list_teachers(window.store))


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_handler(qtbot, window, recorder, monkeypatch):
    import sys

    handler = CrashHandler()
    monkeypatch.setattr(sys, "excepthook", handler.handle)

    def broken():
        raise RuntimeError("a slot failed")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: bool(recorder.crashes), timeout=2000)
    assert "RuntimeError: a slot failed" in recorder.crashes[0]


def test_the_crash_report_names_versions_not_data():
    try:
        raise ValueError("x")
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__)
    assert report.startswith("Coachbook ")
    assert "PySide6" in report and "ValueError: x" in report


def test_shortcuts_list_every_menu_key_and_the_recorder_keys(qtbot, window):
    dialog = ShortcutsDialog(list(window.actions_by_name.values()), window)
    qtbot.addWidget(dialog)
    listed = {(where, keys) for where, keys, _ in dialog.rows}
    listed_keys = {keys for _, keys in listed}
    for action in window.actions_by_name.values():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert not keys or keys in listed_keys, action.text()
    menu_keys = {keys for where, keys, _ in dialog.rows if where != "Live recorder"}
    assert {"Ctrl+1", "Ctrl+7", "Ctrl+N", "Ctrl+F", "Ctrl+Z"} <= menu_keys
    assert ("Live recorder", "Ctrl+E") in listed
    assert len(dialog.rows) >= len(SCREEN_KEYS) + 15
    dialog.filter.setText("pause")
    assert [r[1] for r in dialog.shown_rows()] == ["P"]


def test_help_menu_opens_the_shortcuts(qtbot, window, monkeypatch):
    seen = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: seen.append(len(dialog.rows)))
    window.actions_by_name["shortcuts"].trigger()
    assert seen and seen[0] > 20


def test_about_names_the_folders_and_the_licence(window, recorder):
    window.actions_by_name["about"].trigger()
    ((title, text),) = recorder.infos
    assert title == "About Coachbook"
    assert "Data folder:" in text and "Backups:" in text and "Licence: MIT" in text


def unnamed_controls(root: QWidget) -> list[str]:
    """Input controls a screen reader could not name: no accessible name, no label for them."""
    labelled = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget in labelled or isinstance(widget, QHeaderView):
            continue
        if widget.window() is not root.window():
            continue  # a combo box's popup list, named by its combo box
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue  # the line edit inside a spin box or combo box
        if not widget.accessibleName():
            where = type(widget.parent()).__name__
            missing.append(f"{type(widget).__name__} {widget.objectName()} in {where}")
    for button in root.findChildren(QAbstractButton):
        if isinstance(button.parent(), QAbstractItemView | QLineEdit):
            continue  # a table's corner button, a line edit's clear button: Qt names them
        if not (button.text() or button.accessibleName() or button.toolTip()):
            missing.append(f"{type(button).__name__} without text")
    return missing


@pytest.mark.parametrize(
    "screen", ["today", "teachers", "cycles", "observations", "pilots", "activity", "reports"]
)
def test_every_control_on_a_screen_has_an_accessible_name(qtbot, demo_store, recorder, screen):
    from app.views.shell.main_window import MainWindow

    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    win.show()
    win.show_screen(screen)
    built = getattr(win, {"today": "today_screen"}.get(screen, screen))
    missing = unnamed_controls(built)
    assert missing == [], missing


def test_the_app_has_its_icon_at_every_size():
    from app.views.shell.application import ICON_SIZES, ICONS, app_icon

    for size in ICON_SIZES:
        assert (ICONS / f"coachbook-{size}.png").is_file()
    assert not app_icon().isNull()
