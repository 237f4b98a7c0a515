"""An unticked week in the usage grid is clearly visible in dark mode (and in light)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.pilots import PilotForm, create_pilot, set_usage
from app.services.teachers import TeacherForm, save_teacher
from app.views.common.style import apply_theme
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


def luminance(colour) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=["dark", "light"])
def theme(request, qapp):
    apply_theme(request.param)
    yield request.param
    apply_theme("system")


def test_an_unticked_week_shows_a_box_with_enough_contrast(qtbot, store, clock, recorder, theme):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    pilot = create_pilot(store, PilotForm(tool="Nearpod", start_date=date(2026, 11, 9)), [teacher])
    set_usage(store, pilot, teacher, 1, True, TODAY)  # week 2 stays unticked
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.open_pilot(pilot)
    view = win.pilots.view
    view.tabs.setCurrentIndex(2)
    table = view.usage.table
    qtbot.wait(20)
    index = table.model().index(0, 1)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    image = table.viewport().grab().toImage()
    cell = table.visualRect(index).adjusted(2, 2, -2, -2)
    background = image.pixelColor(cell.topLeft())
    strongest = max(
        contrast(background, image.pixelColor(x, y))
        for x in range(cell.left(), cell.right())
        for y in range(cell.top(), cell.bottom())
    )

    assert strongest >= 3.0, f"the empty box is barely visible in {theme} ({strongest:.2f}:1)"
