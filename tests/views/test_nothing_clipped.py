"""Nothing a coach needs is cut off: the teacher pane's buttons and notes at 1024 and 1920
wide, the teacher form's buttons once messages appear, the cycles list's "Focus and goal",
the Teacher label; and an empty filter says "No teachers match"."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel

from app.services.cycles import CycleStart, start_cycle
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.views.common.context import ScreenContext
from app.views.cycles.screen import CyclesScreen
from app.views.cycles.start_dialog import StartCycleDialog
from app.views.cycles.table_model import FOCUS
from app.views.teachers.form import TeacherFormDialog

TODAY = date(2026, 11, 25)
LONG_NOTE = "Shared folder: https://drive.example.org/" + "x" * 180 + " and more words after it."


def inside_pane(pane, widget) -> bool:
    """Whether the widget's whole width lies within what the pane's viewport shows."""
    left = widget.mapTo(pane.viewport(), QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= pane.viewport().width()


@pytest.mark.parametrize("width", [1024, 1920])
def test_teacher_pane_shows_every_action_and_the_whole_notes(window, qtbot, roster_store, width):
    maria = next(t for t in list_teachers(roster_store) if t.name == "Maria Alvarez")
    form = TeacherForm(name=maria.name, school=maria.school, notes=LONG_NOTE)
    save_teacher(roster_store, form, maria.id)
    window.resize(width, 600 if width == 1024 else 1080)
    window.show_screen("teachers")
    window.teachers.reload()
    window.teachers.open_teacher(maria.id)
    qtbot.wait(50)
    pane = window.teachers.detail
    for button in (
        pane.edit_button,
        pane.archive_button,
        pane.delete_button,
        pane.report_button,
        pane.start_cycle_button,
        pane.observe_button,
    ):
        assert button.isVisible() and inside_pane(pane, button), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert inside_pane(pane, pane.notes)
    assert pane.notes.toPlainText() == LONG_NOTE
    assert pane.widget().width() <= pane.viewport().width()


def test_no_matching_teacher_says_so_in_words(window, qtbot):
    window.show_screen("teachers")
    qtbot.keyClicks(window.teachers.filter_edit, "zzz nobody")
    assert window.counts_label.text() == "4 active · 0 archived · No teachers match"


def test_teacher_form_buttons_stay_below_the_notes_when_messages_appear(qtbot, store):
    dialog = TeacherFormDialog(store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumSizeHint())  # as small as the coach can make it
    dialog.inputs["grades"].setText("13")
    dialog.inputs["email"].setText("not an email at all")
    dialog.inputs["years_experience"].setText("99")
    dialog._on_save()
    dialog.resize(dialog.width(), dialog.minimumHeight())  # and smaller still, after
    qtbot.wait(20)
    notes_bottom = dialog.notes.mapTo(dialog, QPoint(0, dialog.notes.height())).y()
    buttons_top = dialog.buttons.mapTo(dialog, QPoint(0, 0)).y()
    assert buttons_top >= notes_bottom
    assert dialog.notes.height() >= dialog.notes.minimumHeight()
    for field in ("name", "grades", "email", "years_experience"):
        message = dialog.messages[field]
        assert message.isVisible() and message.height() >= message.heightForWidth(
            message.width()
        ), field


def test_a_fixed_field_clears_its_message_as_soon_as_it_is_valid(qtbot, store):
    dialog = TeacherFormDialog(store, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["grades"].setText("13")
    dialog._on_save()
    assert dialog.messages["grades"].isVisible()
    dialog.inputs["grades"].setText("4")  # pasted or completed, not only typed
    assert not dialog.messages["grades"].isVisible()
    assert dialog.messages["name"].isVisible()


def test_cycles_list_shows_focus_and_goal_in_full_at_1024(qtbot, store, recorder):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez"))
    start_cycle(store, CycleStart(teacher.id, date(2026, 11, 16), focus="Nearpod labs"))
    screen = CyclesScreen(ScreenContext(store, today=lambda: TODAY))
    qtbot.addWidget(screen)
    screen.resize(1024 - 156, 560)  # the window less its sidebar
    screen.show()
    qtbot.waitExposed(screen)
    header = screen.table.horizontalHeader()
    text = screen.model.headerData(FOCUS, Qt.Orientation.Horizontal)
    assert text == "Focus and goal"
    needed = QFontMetricsF(header.font()).horizontalAdvance(text) + 12
    assert header.sectionSize(FOCUS) >= needed


def test_the_teacher_label_is_not_cut(qtbot, store):
    save_teacher(store, TeacherForm(name="Alejandro Ruiz", school="Maple Grove Middle School"))
    dialog = StartCycleDialog(store, list_teachers(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = next(w for w in dialog.findChildren(QLabel) if w.text() == "&Teacher")
    # At 150% the text draws a few pixels wider than measured; the column leaves room.
    measured = QFontMetricsF(label.font()).horizontalAdvance("Teacher")
    assert label.contentsRect().width() >= measured + 3
