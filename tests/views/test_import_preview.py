"""File ▸ Import teachers…: the preview before anything is written, then all or nothing."""

from app.services.roster import plan_import, read_roster
from app.services.teachers import list_teachers
from app.views.teachers.import_dialog import (
    ACTION,
    NAME,
    REASON,
    ImportPreviewDialog,
    ImportPreviewModel,
)

GOOD = (
    "Teacher Name,Building,Grade Level,Content Area,Room #,E-mail\r\n"
    "Maria Alvarez,Lincoln Elementary,3,Math,206,malvarez@lincoln.k12.us\r\n"
    "Grace Okafor,Lincoln Elementary,5,Science,301,\r\n"
)
BAD = (
    "Name,School,Grade,Email\n"
    "Grace Okafor,Lincoln Elementary,5,\n"
    ",Lincoln Elementary,4,\n"
    "Lee Park,Lincoln,14,lee@\n"
)


def write(tmp_path, text, name="roster.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def actions(model: ImportPreviewModel) -> list[str]:
    return [model.index(r, ACTION).data() for r in range(model.rowCount())]


def test_preview_shows_adds_and_updates_and_writes_nothing(qtbot, roster_store, tmp_path):
    path = write(tmp_path, GOOD)
    dialog = ImportPreviewDialog(roster_store, path, plan_import(roster_store, read_roster(path)))
    qtbot.addWidget(dialog)
    assert sorted(actions(dialog.model)) == ["Added", "Updated"]
    assert dialog.summary.text() == "1 to add · 1 to update · 0 unchanged · 0 refused"
    assert dialog.import_button.isEnabled()
    assert len(list_teachers(roster_store)) == 4


def test_import_button_writes_every_row(qtbot, roster_store, tmp_path):
    path = write(tmp_path, GOOD)
    dialog = ImportPreviewDialog(roster_store, path, plan_import(roster_store, read_roster(path)))
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert (dialog.import_result.added, dialog.import_result.updated) == (1, 1)
    maria = next(t for t in list_teachers(roster_store) if t.name == "Maria Alvarez")
    assert maria.room == "206"
    assert len(list_teachers(roster_store)) == 5


def test_refused_rows_are_named_with_their_reason_and_block_the_import(
    qtbot, roster_store, tmp_path
):
    path = write(tmp_path, BAD)
    plan = plan_import(roster_store, read_roster(path))
    dialog = ImportPreviewDialog(roster_store, path, plan)
    qtbot.addWidget(dialog)
    refused = [
        r
        for r in range(dialog.model.rowCount())
        if dialog.model.index(r, ACTION).data() == "Refused"
    ]
    assert {dialog.model.index(r, 0).data() for r in refused} == {"3", "4"}
    reasons = " ".join(dialog.model.index(r, REASON).data() for r in refused)
    assert "ame" in reasons  # the empty Name
    assert not dialog.import_button.isEnabled()
    assert "Nothing will be imported" in dialog.advice.text()
    assert len(list_teachers(roster_store)) == 4


def test_file_menu_import_goes_through_the_preview(window, qtbot, monkeypatch, recorder, tmp_path):
    recorder.open_path = write(tmp_path, GOOD)
    monkeypatch.setattr(
        ImportPreviewDialog, "exec", lambda d: (d.import_button.click(), d.result())[1]
    )
    window.actions_by_name["import"].trigger()
    assert window.current_screen() == "teachers"
    # The status line needs the app/views/shell/main_window.py change of issue 15.
    assert window.statusBar().currentMessage() == (
        "Imported teachers: 1 added, 1 updated, 0 unchanged."
    )
    assert window.teachers.proxy.rowCount() == 5


def test_unreadable_file_gets_one_clear_sentence(window, recorder, tmp_path):
    recorder.open_path = write(tmp_path, "", "empty.csv")
    window.actions_by_name["import"].trigger()
    assert recorder.errors and recorder.errors[0][0] == "Couldn't read the roster"
    assert "empty" in recorder.errors[0][1]


def test_preview_model_passes_qtmodeltester(qtmodeltester, roster_store, tmp_path):
    path = write(tmp_path, BAD)
    model = ImportPreviewModel()
    model.set_plan(plan_import(roster_store, read_roster(path)))
    qtmodeltester.check(model)


def test_preview_counts_refused_rows_not_problems_and_names_them(qtbot, roster_store, tmp_path):
    path = write(tmp_path, BAD)  # line 4 has two problems: grade 14 and the email
    dialog = ImportPreviewDialog(roster_store, path, plan_import(roster_store, read_roster(path)))
    qtbot.addWidget(dialog)

    assert dialog.summary.text() == "1 to add · 0 to update · 0 unchanged · 2 refused"
    rows = {
        dialog.model.index(r, 0).data(): (
            dialog.model.index(r, NAME).data(),
            dialog.model.index(r, REASON).data(),
        )
        for r in range(dialog.model.rowCount())
        if dialog.model.index(r, ACTION).data() == "Refused"
    }
    assert set(rows) == {"3", "4"}
    assert rows["3"][0] == ""  # the row with no name
    name, reason = rows["4"]
    assert name == "Lee Park"
    assert "The Grade “14”" in reason and "The Email “lee@”" in reason


def test_preview_wraps_each_reason_in_full(qtbot, roster_store, tmp_path):
    from PySide6.QtCore import QRect, Qt

    path = write(tmp_path, BAD)
    dialog = ImportPreviewDialog(roster_store, path, plan_import(roster_store, read_roster(path)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    table = dialog.table
    width = table.columnWidth(REASON)
    for row in range(table.model().rowCount()):
        text = table.model().index(row, REASON).data()
        if not text:
            continue
        needed = table.fontMetrics().boundingRect(
            QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, text
        )
        assert table.rowHeight(row) >= needed.height(), text
