"""The theme chosen in Settings is the one the app starts in."""

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.views.common import style
from app.views.common.qsettings import save_theme
from app.views.shell.application import create_application


def window_lightness() -> int:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness()


def test_the_saved_dark_theme_is_applied_before_the_first_window(qtbot):
    style.apply_theme("light")
    assert window_lightness() >= 128
    save_theme("dark")
    try:
        create_application()
        assert window_lightness() < 128
    finally:
        save_theme("system")
        style.apply_theme("system")
