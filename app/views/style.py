"""Applies the stylesheet with colours chosen for the current light or dark palette."""

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

STYLESHEET = Path(__file__).resolve().parents[2] / "resources" / "style.qss"


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_style(app: QApplication) -> None:
    if not STYLESHEET.exists():
        return
    dark = is_dark(app)
    colours = {
        "@ACCENT@": "#4f8fd6" if dark else "#1f5fa8",
        "@ERROR@": "#ff8a80" if dark else "#b3261e",
        "@MUTED@": "#a8acb3" if dark else "#5f6368",
    }
    text = STYLESHEET.read_text(encoding="utf-8")
    for marker, colour in colours.items():
        text = text.replace(marker, colour)
    app.setStyleSheet(text)
