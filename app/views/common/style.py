"""Colours for the light or dark palette, applied where they are needed, and the theme setting.

The stylesheet goes only on the widgets that need it (the sidebar and primary buttons) and
label roles are palette colours: an app-wide stylesheet makes Qt polish every widget through
its slower stylesheet style, which cost about 50 ms at start-up.
"""

import weakref
from functools import cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from app.views.common.qsettings import saved_theme

STYLESHEET = Path(__file__).resolve().parents[3] / "resources" / "style.qss"
COLOURS = {
    False: {"accent": "#1f5fa8", "error": "#b3261e", "muted": "#5f6368"},
    True: {"accent": "#4f8fd6", "error": "#ff8a80", "muted": "#a8acb3"},
}
THEME_LABELS = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
# The light and dark choices draw with Fusion on every platform: native styles (Windows 11,
# macOS) ignore parts of a custom palette.
EXPLICIT_STYLE = "Fusion"

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#292a2d",
    QPalette.ColorRole.ToolTipBase: "#303134",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#303134",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#4a4c50",
    QPalette.ColorRole.Midlight: "#3c3e42",
    QPalette.ColorRole.Mid: "#5f6368",
    QPalette.ColorRole.Dark: "#141517",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#4f8fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8187",
    QPalette.ColorRole.Text: "#7d8187",
    QPalette.ColorRole.ButtonText: "#7d8187",
    QPalette.ColorRole.Button: "#2a2b2e",
    QPalette.ColorRole.Base: "#1c1d1f",
    QPalette.ColorRole.Highlight: "#3c4043",
    QPalette.ColorRole.HighlightedText: "#9aa0a6",
}

# The platform's own style, kept so "Same as the system" can go back to it.
_system_style: str | None = None
_applied = "system"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    return QStyleFactory.create(EXPLICIT_STYLE).standardPalette()


def apply_theme(theme: str) -> None:
    """Show the app in "system", "light" or "dark" colours, restyling open windows too."""
    global _system_style, _applied
    app = QApplication.instance()
    if app is None or theme == _applied:
        return  # already shown: restyling every open widget again is wasted (and risky)
    _applied = theme
    if _system_style is None:
        _system_style = app.style().name()
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        if app.style().name() != _system_style:
            app.setStyle(_system_style)
        # A palette with nothing set hands the colours back to the platform.
        app.setPalette(QPalette())
    else:
        dark = theme == "dark"
        # Native title bars and dialogs follow where the platform allows it.
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        if app.style().name().lower() != EXPLICIT_STYLE.lower():
            app.setStyle(EXPLICIT_STYLE)
        app.setPalette(dark_palette() if dark else light_palette())
    _restyle_open_widgets()


def applied_theme() -> str:
    """The theme the app shows now: "system" until `apply_theme` says otherwise."""
    return _applied


def apply_saved_theme() -> None:
    """The start-up call, before the first window: the theme chosen in Settings."""
    apply_theme(saved_theme())


# The widgets styled for a palette, to style again when it changes; only these, since
# walking every widget of the app can meet one that Qt is halfway through deleting.
_styled: "weakref.WeakSet[QWidget]" = weakref.WeakSet()


def _restyle_open_widgets() -> None:
    """Roles hold colours picked for one palette: pick them again for the new one."""
    for widget in list(_styled):
        if not shiboken6.isValid(widget):
            continue
        role = widget.property("role")
        if isinstance(role, str) and role:
            set_role(widget, role)
        elif widget.objectName() == "sidebar":
            style_sidebar(widget)


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
    _styled.add(widget)
    dark = is_dark()
    if role in ("primary", "toggle"):
        widget.setStyleSheet(style_sheet(dark))
        return
    if role not in COLOURS[dark]:
        return
    palette = widget.palette()
    colour = QColor(COLOURS[dark][role])
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def style_sidebar(widget: QWidget) -> None:
    _styled.add(widget)
    widget.setStyleSheet(style_sheet(is_dark()))
