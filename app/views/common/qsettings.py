"""Window state, appearance and this laptop's own paths, kept in an INI file in the data folder
(local, never roaming)."""

from pathlib import Path

from PySide6.QtCore import QSettings

from app.paths import data_dir

THEMES = ("system", "light", "dark")
THEME_KEY = "appearance/theme"
FOLDER_KEY = "files/last_folder"
# The district's CA certificate is a file on this laptop, not a notebook record.
DISTRICT_CA_KEY = "district/ca_file"


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


def district_ca_file() -> Path | None:
    """The district's CA certificate file chosen in Settings ▸ District, if any."""
    value = app_settings().value(DISTRICT_CA_KEY)
    return Path(value) if isinstance(value, str) and value else None


def save_district_ca_file(path: Path | None) -> None:
    settings = app_settings()
    if path is None:
        settings.remove(DISTRICT_CA_KEY)
    else:
        settings.setValue(DISTRICT_CA_KEY, str(path))
    settings.sync()
