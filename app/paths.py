"""Where Coachbook keeps its files, without asking Qt (the CLI and tests use it too).

Matches Qt's AppLocalDataLocation: a local, never roaming or synced, folder.
"""

import contextlib
import os
import stat
import sys
from pathlib import Path

APP_NAME = "Coachbook"
DEFAULT_DB_NAME = "coachbook.sqlite3"
SAMPLE_DB_NAME = "coachbook-sample.sqlite3"
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


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


def _last_notebook_file() -> Path:
    return data_dir() / "last-notebook.txt"


def last_notebook() -> Path | None:
    """The notebook the app had open last time, if it still exists."""
    try:
        text = _last_notebook_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text and Path(text).is_file() else None


def remember_last_notebook(path: Path) -> None:
    target = _last_notebook_file()
    private_folder(target.parent)
    partial = target.with_suffix(".partial")
    create_private_file(partial)
    partial.write_text(str(Path(path).resolve()), encoding="utf-8")
    partial.replace(target)


def startup_notebook(explicit: str | None) -> Path | None:
    """What the app opens: --db, $COACHBOOK_DB, the last notebook, the default one if it
    exists; None on a first run (the welcome asks)."""
    chosen = explicit or os.environ.get("COACHBOOK_DB")
    if chosen:
        return Path(chosen).expanduser()
    return last_notebook() or (default_db_path() if default_db_path().exists() else None)


def make_private(path: Path, folder: bool = False) -> None:
    """Owner-only permissions (0600 files, 0700 folders) on POSIX; quietly skipped elsewhere
    or where the coach does not own the file."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        mode = PRIVATE_FOLDER if folder else PRIVATE_FILE
        if stat.S_IMODE(os.stat(path).st_mode) != mode:
            os.chmod(path, mode)


def create_private_file(path: Path) -> None:
    """Create an empty file owner-only before SQLite opens it (SQLite gives the -wal and
    -shm files the database file's permissions)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.close(fd)
    make_private(path)


def private_folder(folder: Path) -> None:
    """Make a folder owner-only, creating it and any missing parents owner-only too."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        make_private(each, folder=True)
    if not missing:
        make_private(folder, folder=True)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
