"""The Teachers screen through qtbot, against a real notebook file."""

from PySide6.QtCore import Qt

from app.services.teachers import list_teachers
from app.views.teachers.form import TeacherFormDialog
from app.views.teachers.table_model import NAME


def visible_names(screen) -> list[str]:
    proxy = screen.proxy
    return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]


def open_teachers(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "teachers"
    return window.teachers


def test_roster_lists_every_teacher_sorted_by_name(window, qtbot):
    screen = open_teachers(window, qtbot)
    assert visible_names(screen) == sorted(visible_names(screen), key=str.casefold)
    assert "<b>Ms. O'Neil & co</b>" in visible_names(screen)
    assert window.counts_label.text() == "4 active · 0 archived"


def test_filter_as_you_type_matches_name_school_and_subject(window, qtbot):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "roosevelt")
    assert sorted(visible_names(screen)) == ["<b>Ms. O'Neil & co</b>", "David Chen"]
    screen.filter_edit.clear()
    qtbot.keyClicks(screen.filter_edit, "liter")
    assert visible_names(screen) == ["Nguyễn Thị Hương"]
    assert window.counts_label.text() == "4 active · 0 archived · 1 match"


def test_ctrl_f_focuses_the_filter(window, qtbot):
    window.show_screen("today")
    window.actions_by_name["find"].trigger()
    assert window.current_screen() == "teachers"
    assert window.teachers.filter_edit.hasFocus()


def test_sorting_by_school_column(window, qtbot):
    screen = open_teachers(window, qtbot)
    screen.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    schools = [screen.proxy.index(r, 1).data() for r in range(screen.proxy.rowCount())]
    assert schools == sorted(schools, reverse=True)


def test_selecting_a_teacher_shows_the_detail_pane(window, qtbot):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "Chen")
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    assert screen.detail.name.text() == "David Chen"
    assert screen.detail.fact_labels["room"].text() == "Lab 2"


def test_add_teacher_saves_at_once(window, qtbot, monkeypatch, roster_store):
    def fill_and_save(dialog):
        dialog.inputs["name"].setText("Priya Raman")
        dialog.inputs["school"].setText("Lincoln Elementary")
        dialog.inputs["grades"].setText("4-5")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(TeacherFormDialog, "exec", fill_and_save)
    window.actions_by_name["new"].trigger()
    saved = [t for t in list_teachers(roster_store) if t.name == "Priya Raman"]
    assert saved and saved[0].grades == "4-5" and saved[0].school == "Lincoln Elementary"
    assert window.teachers.detail.name.text() == "Priya Raman"
    assert window.saved_label.text().startswith("Saved ")


def test_form_shows_inline_messages_and_saves_nothing_for_bad_values(qtbot, roster_store):
    dialog = TeacherFormDialog(roster_store, [])
    qtbot.addWidget(dialog)
    dialog.inputs["email"].setText("not-an-email")
    dialog.inputs["grades"].setText("13")
    dialog._on_save()
    assert dialog.messages["name"].text().startswith("The name is empty")
    assert "not an email address" in dialog.messages["email"].text()
    assert "13" in dialog.messages["grades"].text()
    assert dialog.saved is None
    assert len(list_teachers(roster_store)) == 4


def test_inline_message_appears_while_typing_and_clears_when_fixed(qtbot, roster_store):
    dialog = TeacherFormDialog(roster_store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.inputs["email"], "ana@")
    assert dialog.messages["email"].isVisible()
    qtbot.keyClicks(dialog.inputs["email"], "school.org")
    assert not dialog.messages["email"].isVisible()
    assert not dialog.messages["name"].isVisible()


def test_edit_with_bad_values_keeps_the_old_record(window, qtbot, monkeypatch, roster_store):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "Maria")

    def break_and_cancel(dialog):
        dialog.inputs["name"].setText("   ")
        dialog._on_save()
        assert dialog.messages["name"].text()
        return 0

    monkeypatch.setattr(TeacherFormDialog, "exec", break_and_cancel)
    screen.edit_current()
    assert "Maria Alvarez" in [t.name for t in list_teachers(roster_store)]


def test_edit_saves_changes(window, qtbot, monkeypatch, roster_store):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "Maria")

    def change_room(dialog):
        assert dialog.inputs["name"].text() == "Maria Alvarez"
        dialog.inputs["room"].setText("206")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(TeacherFormDialog, "exec", change_room)
    screen.edit_current()
    maria = next(t for t in list_teachers(roster_store) if t.name == "Maria Alvarez")
    assert maria.room == "206"
    assert screen.detail.fact_labels["room"].text() == "206"


def test_archive_hides_from_active_and_restore_brings_back(window, qtbot, roster_store):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "Chen")
    screen.toggle_archive_current()
    assert visible_names(screen) == []
    assert window.counts_label.text().startswith("3 active · 1 archived")
    screen.filter_edit.clear()
    screen.show_combo.setCurrentIndex(1)  # Archived
    assert visible_names(screen) == ["David Chen"]
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    screen.toggle_archive_current()
    assert not any(t.archived for t in list_teachers(roster_store))


def test_delete_then_undo_restores_the_teacher(window, qtbot, roster_store):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "Literacy")
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert "Nguyễn Thị Hương" not in [t.name for t in list_teachers(roster_store)]
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.actions_by_name["undo"].trigger()
    assert "Nguyễn Thị Hương" in [t.name for t in list_teachers(roster_store)]
    window.actions_by_name["redo"].trigger()
    assert "Nguyễn Thị Hương" not in [t.name for t in list_teachers(roster_store)]


def test_empty_roster_offers_add_and_import(qtbot, store, recorder):
    from app.views.shell.main_window import MainWindow

    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    win.show_screen("teachers")
    screen = win.teachers
    assert screen.pages.currentWidget() is screen.empty
    assert set(screen.empty.buttons) == {"Add a teacher", "Import a roster (CSV)…"}


def test_teachers_model_passes_qtmodeltester(qtmodeltester, window):
    qtmodeltester.check(window.teachers.model)
    qtmodeltester.check(window.teachers.proxy)


def test_markup_in_a_name_shows_exactly_as_typed(window, qtbot):
    screen = open_teachers(window, qtbot)
    qtbot.keyClicks(screen.filter_edit, "O'Neil")
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    assert screen.detail.name.text() == "<b>Ms. O'Neil & co</b>"
    assert screen.detail.name.textFormat() == Qt.TextFormat.PlainText
    assert screen.detail.fact_labels["school"].text() == "Roosevelt Middle"


def test_arrow_keys_move_through_the_roster_and_down_leaves_the_filter(window, qtbot):
    screen = open_teachers(window, qtbot)
    screen.filter_edit.setFocus()
    qtbot.keyClick(screen.filter_edit, Qt.Key.Key_Down)
    assert screen.table.hasFocus()
    first = screen.table.currentIndex().row()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.table.currentIndex().row() == first + 1


def test_a_save_reloads_the_screen_once_not_again_for_its_own_announcement(
    window, qtbot, monkeypatch
):
    screen = open_teachers(window, qtbot)
    reloads = []
    real_reload = screen.reload
    monkeypatch.setattr(screen, "reload", lambda *a, **k: (reloads.append(1), real_reload(*a, **k)))
    qtbot.keyClicks(screen.filter_edit, "Chen")
    screen.toggle_archive_current()
    qtbot.wait(20)  # a second, queued reload would run here
    assert reloads == [1]
    assert window.saved_label.text().startswith("Saved ")
