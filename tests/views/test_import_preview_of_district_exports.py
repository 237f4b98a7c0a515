"""The import preview of a district's export: the format and files named, the counts with
unchanged teachers apart, what was skipped, the schools, and archiving offered (off)."""

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from app.services.roster import plan_import, read_roster
from app.services.teachers import list_teachers
from app.views.teachers.import_dialog import ACTION, REASON, ImportPreviewDialog
from tests.roster_files import (
    STUDENT_IDS,
    STUDENT_NAMES,
    oneroster_11_files,
    write_folder,
    write_zip,
)


def preview(qtbot, store, path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(store, path, plan_import(store, read_roster(path)))
    qtbot.addWidget(dialog)
    return dialog


def every_text(dialog: ImportPreviewDialog) -> str:
    model = dialog.model
    cells = [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    labels = [dialog.format_label, dialog.summary, dialog.schools, dialog.notes, dialog.advice]
    return " ".join([*cells, *(label.text() for label in labels), dialog.missing_label.text()])


def test_the_preview_names_the_format_counts_skipped_students_and_schools(qtbot, store, tmp_path):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())

    dialog = preview(qtbot, store, bundle)

    assert dialog.format_label.text() == (
        "Format: OneRoster 1.1, read from users.csv, manifest.csv, orgs.csv in district.zip."
    )
    assert dialog.summary.text() == "2 to add · 0 to update · 0 unchanged · 0 refused"
    assert dialog.notes.text().startswith("2 student rows skipped, not stored.")
    assert dialog.schools.text() == "2 schools: Lincoln Elementary (1), Jefferson High (1)."
    assert dialog.import_button.text() == "Import 2 teachers"
    text = every_text(dialog)
    for secret in (*STUDENT_NAMES, *STUDENT_IDS):
        assert secret not in text


def test_an_identical_reimport_shows_every_teacher_unchanged_and_offers_nothing_to_write(
    qtbot, store, tmp_path
):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())
    preview(qtbot, store, bundle).import_button.click()

    dialog = preview(qtbot, store, bundle)

    assert dialog.summary.text() == "0 to add · 0 to update · 2 unchanged · 0 refused"
    model = dialog.model
    assert [model.index(r, ACTION).data() for r in range(model.rowCount())] == [
        "Unchanged",
        "Unchanged",
    ]
    assert not dialog.import_button.isEnabled()
    assert "there is nothing to change" in dialog.advice.text()


def test_an_update_says_which_fields_change(qtbot, store, tmp_path):
    preview(qtbot, store, write_zip(tmp_path / "a.zip", oneroster_11_files())).import_button.click()
    files = oneroster_11_files()
    files["users.csv"] = files["users.csv"].replace("ben.okafor@", "b.okafor@")

    dialog = preview(qtbot, store, write_zip(tmp_path / "b.zip", files))

    model = dialog.model
    updated = [r for r in range(model.rowCount()) if model.index(r, ACTION).data() == "Updated"]
    assert [model.index(r, REASON).data() for r in updated] == ["Changes: Email."]


def test_a_bundle_without_orgs_says_schools_are_kept_by_id(qtbot, store, tmp_path):
    bundle = write_zip(tmp_path / "no-orgs.zip", oneroster_11_files(with_orgs=False))

    dialog = preview(qtbot, store, bundle)

    assert "Schools are kept by their id" in dialog.notes.text()
    assert "no orgs.csv" in dialog.notes.text()


def test_archiving_teachers_missing_from_the_file_is_offered_off_and_archives_when_chosen(
    qtbot, roster_store, tmp_path
):
    folder = write_folder(tmp_path / "export", oneroster_11_files())

    dialog = preview(qtbot, roster_store, folder)

    assert dialog.archive_box.isVisibleTo(dialog) and not dialog.archive_box.isChecked()
    assert dialog.archive_box.text().startswith("Archive the 4 teachers of your notebook")
    assert "David Chen" in dialog.missing_label.text()
    dialog.archive_box.setChecked(True)
    assert dialog.import_button.text() == "Import 2 teachers, archive 4"
    dialog.import_button.click()

    teachers = list_teachers(roster_store)
    assert len(teachers) == 6  # archived, never deleted
    assert sorted(t.name for t in teachers if t.archived) == sorted(
        ["Maria Alvarez", "Nguyễn Thị Hương", "David Chen", "<b>Ms. O'Neil & co</b>"]
    )
    assert dialog.import_result.archived == 4


def _drop_event(path, event_type="drop"):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    if event_type == "enter":
        return QDragEnterEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ), mime
    return QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    ), mime


def test_the_teachers_screen_takes_a_dropped_zip_or_folder_and_refuses_a_picture(
    qtbot, window, tmp_path
):
    screen = window.teachers
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG")
    dropped = []
    screen.sig_import_dropped.disconnect()
    screen.sig_import_dropped.connect(dropped.append)

    enter, _mime = _drop_event(picture, "enter")
    screen.dragEnterEvent(enter)
    assert not enter.isAccepted()
    for path in (bundle, tmp_path):
        drop, _mime = _drop_event(path)
        screen.dropEvent(drop)
    assert dropped == [bundle, tmp_path]


def test_a_bundle_dropped_on_the_teachers_screen_goes_through_the_preview(
    qtbot, window, monkeypatch, tmp_path
):
    # Needs the app/views/shell/main_window.py change of issue 15 (sig_import_dropped).
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())
    monkeypatch.setattr(
        ImportPreviewDialog, "exec", lambda d: (d.import_button.click(), d.result())[1]
    )
    window.show_screen("teachers")

    drop, _mime = _drop_event(bundle)
    window.teachers.dropEvent(drop)

    assert window.statusBar().currentMessage() == (
        "Imported teachers: 2 added, 0 updated, 0 unchanged."
    )
    qtbot.waitUntil(lambda: window.teachers.proxy.rowCount() == 6)


def test_file_menu_imports_a_folder(qtbot, window, monkeypatch, recorder, tmp_path):
    # Needs the app/views/shell/main_window.py change of issue 15 (Import teachers from a folder…).
    recorder.folder = write_folder(tmp_path / "export", oneroster_11_files())
    monkeypatch.setattr(
        ImportPreviewDialog, "exec", lambda d: (d.import_button.click(), d.result())[1]
    )

    window.actions_by_name["import_folder"].trigger()

    assert window.current_screen() == "teachers"
    qtbot.waitUntil(lambda: window.teachers.proxy.rowCount() == 6)
