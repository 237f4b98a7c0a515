"""Adding a teacher by hand who is already in the notebook asks first, like the roster import."""

import pytest
from PySide6.QtCore import Qt

from app.services.teachers import (
    DuplicateTeacher,
    TeacherForm,
    list_teachers,
    save_teacher,
    set_archived,
)
from app.views.teachers.form import ADD_SECOND, OPEN_EXISTING, TeacherFormDialog


def names(store) -> list[str]:
    return sorted(t.name for t in list_teachers(store))


def test_service_refuses_a_second_teacher_with_the_same_name_at_the_same_school(store):
    first = save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    with pytest.raises(DuplicateTeacher) as refused:
        save_teacher(store, TeacherForm(name="  aarav   SHAH ", school="pinecrest"))
    assert str(refused.value) == (
        "Aarav Shah at Pinecrest is already in your notebook: open it, or add a second?"
    )
    assert refused.value.existing.id == first.id
    assert names(store) == ["Aarav Shah"]


def test_blank_school_matches_the_one_teacher_of_that_name_as_the_import_does(store):
    save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    with pytest.raises(DuplicateTeacher):
        save_teacher(store, TeacherForm(name="Aarav Shah"))
    # Another school is another teacher.
    save_teacher(store, TeacherForm(name="Aarav Shah", school="Lakeside"))
    assert names(store) == ["Aarav Shah", "Aarav Shah"]


def test_an_archived_teacher_counts_and_a_deleted_one_does_not(store):
    from app.services.teachers import delete_teacher

    kept = save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    set_archived(store, kept.id, True)
    with pytest.raises(DuplicateTeacher):
        save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    delete_teacher(store, kept.id)
    save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    assert names(store) == ["Aarav Shah"]


def test_editing_a_teacher_keeps_its_own_name_without_asking(store):
    row = save_teacher(store, TeacherForm(name="Aarav Shah", school="Pinecrest"))
    saved = save_teacher(
        store, TeacherForm(name="Aarav Shah", school="Pinecrest", room="12"), row.id
    )
    assert saved.room == "12"


def add_from_window(window, monkeypatch, recorder, choice):
    recorder.choice = choice
    asked = []
    from app.views.common import dialogs

    def choose(_parent, title, text, options):
        asked.append((title, text, options))
        return choice

    monkeypatch.setattr(dialogs, "choose", choose)

    def fill_and_save(dialog):
        dialog.inputs["name"].setText("Maria Alvarez")
        dialog.inputs["school"].setText("Lincoln Elementary")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(TeacherFormDialog, "exec", fill_and_save)
    window.actions_by_name["new"].trigger()
    return asked


def test_add_asks_and_open_it_shows_the_teacher_already_there(
    window, qtbot, monkeypatch, recorder, roster_store
):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.teachers.filter_edit, "Chen")
    asked = add_from_window(window, monkeypatch, recorder, OPEN_EXISTING)
    assert asked == [
        (
            "Already in your notebook",
            "Maria Alvarez at Lincoln Elementary is already in your notebook: "
            "open it, or add a second?",
            [OPEN_EXISTING, ADD_SECOND],
        )
    ]
    assert names(roster_store).count("Maria Alvarez") == 1
    assert window.teachers.detail.name.text() == "Maria Alvarez"
    assert window.teachers.filter_edit.text() == ""


def test_add_a_second_adds_the_namesake(window, qtbot, monkeypatch, recorder, roster_store):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    add_from_window(window, monkeypatch, recorder, ADD_SECOND)
    assert names(roster_store).count("Maria Alvarez") == 2


def test_cancel_keeps_the_form_open_and_adds_nothing(qtbot, monkeypatch, roster_store):
    from app.views.common import dialogs

    monkeypatch.setattr(dialogs, "choose", lambda *_a: None)
    dialog = TeacherFormDialog(roster_store, [])
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("Maria Alvarez")
    dialog.inputs["school"].setText("Lincoln Elementary")
    dialog._on_save()
    assert dialog.result() == 0 and dialog.saved is None and dialog.open_instead is None
    assert names(roster_store).count("Maria Alvarez") == 1
