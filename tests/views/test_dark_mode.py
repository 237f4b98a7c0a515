"""The theme setting: System, Light or Dark, kept on this computer, applied at once and at
start-up; charts and coloured text follow the palette."""

from datetime import date

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.charts import DARK, PAPER, SweepPoint, sweep_chart
from app.views.common.chart_view import ChartView
from app.views.common.qsettings import save_theme, saved_theme
from app.views.common.style import COLOURS, apply_saved_theme, apply_theme, is_dark
from app.views.common.widgets import muted
from app.views.settings.dialog import SettingsDialog

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def back_to_system():
    yield
    apply_theme("system")  # the palette is app-wide: leave it as the next test expects


def rgb(colour) -> tuple[int, int, int]:
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


def pixel(widget, x: int, y: int) -> tuple[int, int, int]:
    colour = QColor(widget.grab().toImage().pixel(x, y))
    return (colour.red(), colour.green(), colour.blue())


def near(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Equal but for the rounding of SVG percentages."""
    return all(abs(x - y) <= 3 for x, y in zip(a, b, strict=True))


def settings_dialog(qtbot, store) -> SettingsDialog:
    dialog = SettingsDialog(store, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_settings_offer_system_light_and_dark_starting_with_the_system(qtbot, store):
    dialog = settings_dialog(qtbot, store)
    labels = [dialog.theme.itemText(i) for i in range(dialog.theme.count())]
    assert labels == ["Same as the system", "Light", "Dark"]
    assert dialog.theme.currentData() == "system"


def test_choosing_dark_saves_it_and_turns_the_app_dark_at_once(qtbot, store, recorder):
    chart = ChartView("Time on task by sweep")
    qtbot.addWidget(chart)
    chart.resize(500, 250)
    chart.set_chart(lambda w, h: sweep_chart([SweepPoint(0, 80.0)], w, h))
    chart.show()
    qtbot.waitExposed(chart)
    note = muted("Sampled by a whole-class sweep every 5 minutes")
    qtbot.addWidget(note)
    assert near(pixel(chart, 10, 10), rgb(PAPER.background))

    dialog = settings_dialog(qtbot, store)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    save(dialog)

    assert dialog.result() == dialog.DialogCode.Accepted
    assert saved_theme() == "dark"
    assert is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 60
    assert note.palette().color(QPalette.ColorRole.WindowText) == QColor(COLOURS[True]["muted"])
    qtbot.waitUntil(lambda: near(pixel(chart, 10, 10), rgb(DARK.background)))


def test_choosing_the_system_again_gives_back_the_platform_colours(qtbot, store, recorder):
    system_window = QApplication.palette().color(QPalette.ColorRole.Window)
    apply_theme("dark")
    save_theme("dark")
    dialog = settings_dialog(qtbot, store)
    assert dialog.theme.currentData() == "dark"
    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    save(dialog)
    assert saved_theme() == "system"
    assert QApplication.palette().color(QPalette.ColorRole.Window) == system_window


def test_light_is_light_even_after_dark(qtbot, store, recorder):
    apply_theme("dark")
    dialog = settings_dialog(qtbot, store)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    save(dialog)
    assert saved_theme() == "light" and not is_dark()


def test_cancel_keeps_the_theme(qtbot, store):
    dialog = settings_dialog(qtbot, store)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert saved_theme() == "system" and not is_dark()


def test_start_up_applies_the_saved_choice(qtbot):
    save_theme("dark")
    apply_saved_theme()
    assert is_dark()
    save_theme("light")
    apply_saved_theme()
    assert not is_dark()


def test_saving_the_saved_choice_shows_it_if_the_app_does_not_yet(qtbot, store, recorder):
    save_theme("dark")  # chosen before, but this window was opened without it
    dialog = settings_dialog(qtbot, store)
    assert dialog.theme.currentData() == "dark"
    save(dialog)
    assert is_dark()
