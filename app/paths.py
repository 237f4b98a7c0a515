"""Where Coachbook keeps its files, without asking Qt (the CLI and tests use it too).

Matches Qt's AppLocalDataLocation: a local, never roaming or synced, folder.
"""

import os
import sys
from pathlib import Path

APP_NAME = "Coachbook"
DEFAULT_DB_NAME = "coachbook.sqlite3"
SAMPLE_DB_NAME = "coachbook-sample.sqlite3"


def data_dir() -> Path:
    override = os.environ.get("COACHBOOK_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def sample_db_path() -> Path:
    return data_dir() / SAMPLE_DB_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """--db, else $COACHBOOK_DB, else the default notebook in the data folder."""
    chosen = cli_value or os.environ.get("COACHBOOK_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()


def backup_dir_for(db_path: Path) -> Path:
    """Backups live beside the notebook, one folder per notebook file."""
    return db_path.parent / "backups" / db_path.stem
