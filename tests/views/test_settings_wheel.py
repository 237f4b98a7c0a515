"""Scrolling Settings with the mouse wheel scrolls the dialog; it never changes a choice or a
number the pointer happens to pass over, until that field is clicked or tabbed into."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.views.settings.dialog import SettingsDialog


def wheel_down(widget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_field_leaves_its_value(qtbot, store):
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    theme, paper, interval = (
        dialog.theme.currentIndex(),
        dialog.paper.currentIndex(),
        dialog.interval.value(),
    )
    dialog.name.setFocus()

    for field in (dialog.theme, dialog.paper, dialog.interval, dialog.cycle_weeks):
        wheel_down(field)

    assert dialog.theme.currentIndex() == theme
    assert dialog.paper.currentIndex() == paper
    assert dialog.interval.value() == interval
    assert not dialog.theme.hasFocus(), "the wheel gives no field the focus"


def test_the_wheel_changes_a_field_the_coach_has_chosen(qtbot, store):
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.interval.setFocus()
    qtbot.waitUntil(dialog.interval.hasFocus)
    before = dialog.interval.value()

    wheel_down(dialog.interval)

    assert dialog.interval.value() == before - 1
