"""Window state kept in an INI file in the data folder (local, never roaming)."""

from PySide6.QtCore import QSettings

from app.paths import data_dir


def app_settings() -> QSettings:
    path = data_dir() / "window-state.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)
