"""The data folder app.paths computes is the one Qt's AppLocalDataLocation names."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.paths import APP_NAME, ORG_NAME, data_dir
from app.views.shell.application import create_application


def test_the_data_folder_is_qts_app_local_data_location(qapp, tmp_path, monkeypatch):
    monkeypatch.delenv("COACHBOOK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    names = qapp.organizationName(), qapp.applicationName()
    monkeypatch.setattr("app.views.shell.application.apply_saved_theme", lambda: None)
    try:
        assert create_application() is qapp
        assert (qapp.organizationName(), qapp.applicationName()) == (ORG_NAME, APP_NAME)
        location = QStandardPaths.StandardLocation.AppLocalDataLocation
        assert Path(QStandardPaths.writableLocation(location)) == data_dir()
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
