"""Colours for the light or dark palette, applied where they are needed.

The stylesheet goes only on the widgets that need it (the sidebar and primary buttons) and
label roles are palette colours: an app-wide stylesheet makes Qt polish every widget through
its slower stylesheet style, which cost about 50 ms at start-up.
"""

from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

STYLESHEET = Path(__file__).resolve().parents[2] / "resources" / "style.qss"
COLOURS = {
    False: {"accent": "#1f5fa8", "error": "#b3261e", "muted": "#5f6368"},
    True: {"accent": "#4f8fd6", "error": "#ff8a80", "muted": "#a8acb3"},
}


def is_dark() -> bool:
    app = QApplication.instance()
    palette = app.palette() if app else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@cache
def style_sheet(dark: bool) -> str:
    if not STYLESHEET.exists():
        return ""
    text = STYLESHEET.read_text(encoding="utf-8")
    for name, colour in COLOURS[dark].items():
        text = text.replace(f"@{name.upper()}@", colour)
    return text


def set_role(widget: QWidget, role: str) -> None:
    """Style a widget for its role: "primary" (the main button), "toggle" (a button that
    shows clearly when it is on), "muted" or "error" text."""
    widget.setProperty("role", role)
    dark = is_dark()
    if role in ("primary", "toggle"):
        widget.setStyleSheet(style_sheet(dark))
        return
    palette = widget.palette()
    colour = QColor(COLOURS[dark][role])
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def style_sidebar(widget: QWidget) -> None:
    widget.setStyleSheet(style_sheet(is_dark()))
