"""Window state and appearance kept in an INI file in the data folder (local, never roaming)."""

from PySide6.QtCore import QSettings

from app.paths import data_dir

THEMES = ("system", "light", "dark")
THEME_KEY = "appearance/theme"
FOLDER_KEY = "files/last_folder"


def app_settings() -> QSettings:
    path = data_dir() / "window-state.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def saved_theme() -> str:
    """ "system", "light" or "dark": the coach's choice in Settings (System until chosen)."""
    value = app_settings().value(THEME_KEY, "system")
    return value if value in THEMES else "system"


def save_theme(theme: str) -> None:
    if theme not in THEMES:
        raise ValueError(f"Unknown theme {theme!r}")
    settings = app_settings()
    settings.setValue(THEME_KEY, theme)
    settings.sync()


def last_folder() -> str | None:
    """The folder the last file dialog was answered in, if any."""
    value = app_settings().value(FOLDER_KEY)
    return value if isinstance(value, str) and value else None


def remember_folder(folder: str) -> None:
    settings = app_settings()
    settings.setValue(FOLDER_KEY, folder)
    settings.sync()
