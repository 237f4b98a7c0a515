"""Where Coachbook keeps its files, without asking Qt (the CLI and tests use it too).

The data folder is Qt's AppLocalDataLocation for the organisation and application names
below (`<local data>/Coachbook/Coachbook`): a local, never roaming or synced, folder. Until
issue 13 it was `<local data>/Coachbook`; the first start moves such a folder, once.
"""

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# The names the desktop app gives Qt (QCoreApplication), which Qt puts in its folders.
ORG_NAME = "Coachbook"
APP_NAME = "Coachbook"
DEFAULT_DB_NAME = "coachbook.sqlite3"
SAMPLE_DB_NAME = "coachbook-sample.sqlite3"
LAST_NOTEBOOK_NAME = "last-notebook.txt"
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
T = TypeVar("T")


def data_dir() -> Path:
    override = os.environ.get("COACHBOOK_DATA_DIR")
    if override:
        return Path(override)
    return settled_data_dir(_local_data())


def _local_data() -> Path:
    """The platform's folder for local (never roaming) application data."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


MOVING_SUFFIX = ".moving"
# Per local-data folder: the data folder after the first look, and what to tell the coach.
_settled: dict[Path, tuple[Path, str | None]] = {}


def data_folder_notice() -> str | None:
    """Why an older data folder is still in use or still there, in words; None when not."""
    if os.environ.get("COACHBOOK_DATA_DIR"):
        return None
    base = _local_data()
    settled_data_dir(base)
    return _settled[base][1]


def settled_data_dir(base: Path) -> Path:
    """`base/Coachbook/Coachbook`, after moving a data folder from before issue 13
    (`base/Coachbook`) into it, once per process. Never overwrites: when both hold files,
    nothing moves. A move that fails leaves the old folder in use."""
    if base not in _settled:
        _settled[base] = _move_old_folder(base / ORG_NAME, APP_NAME)
    return _settled[base][0]


def _move_old_folder(old: Path, app: str) -> tuple[Path, str | None]:
    # The new folder sits inside the old one, so the old one moves aside, then into place.
    new = old / app
    aside = old.with_name(old.name + MOVING_SUFFIX)
    if aside.is_dir() and not new.exists():
        return _move_into_place(aside, old, new)  # a move stopped half way last time
    try:
        leftovers = [entry for entry in old.iterdir() if entry.name != app]
    except OSError:
        leftovers = []  # no old folder (a first run), or one that can't be read
    if not leftovers:
        return new, None
    if new.exists():
        return new, (
            f"Coachbook found an older data folder at {old} as well as the one it uses, "
            f"{new}. Nothing was moved, so no file was overwritten: move what you need from "
            "the older folder yourself."
        )
    try:
        old.rename(aside)
    except OSError as exc:
        return old, _stayed(old, new, exc)
    return _move_into_place(aside, old, new)


def _move_into_place(aside: Path, old: Path, new: Path) -> tuple[Path, str | None]:
    try:
        old.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        aside.rename(new)
    except OSError as exc:
        with contextlib.suppress(OSError):
            old.rmdir()  # only goes if empty, as made just now
        try:
            aside.rename(old)
        except OSError:
            return aside, _stayed(aside, new, exc)
        return old, _stayed(old, new, exc)
    _follow_last_notebook(new / LAST_NOTEBOOK_NAME, old, new)
    return new, None


def _follow_last_notebook(record: Path, old: Path, new: Path) -> None:
    """The last notebook opened, when it was in the old folder, is now in the new one."""
    try:
        moved = new / Path(record.read_text(encoding="utf-8").strip()).relative_to(old)
    except (OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        _write_private_text(record, str(moved))


def _stayed(kept: Path, new: Path, exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    return (
        f"Coachbook couldn't move its data folder to {new} ({reason}), so it is still using "
        f"{kept} and nothing was lost. Close any other Coachbook window and start it again "
        "to try once more."
    )


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
    return data_dir() / LAST_NOTEBOOK_NAME


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
    _write_private_text(target, str(Path(path).resolve()))


def _write_private_text(target: Path, text: str) -> None:
    def write(temp: Path) -> None:
        create_private_file(temp)
        with temp.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())

    replace_from_temp(target, write)


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


def temp_path_beside(target: Path) -> Path:
    """The one temp naming for every write-then-rename: a hidden `.NAME.<random>.part`."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def replace_from_temp(target: Path, write: Callable[[Path], T], temp: Path | None = None) -> T:
    """Write `target` whole or not at all, the one way every file is written in place.

    `write(temp)` fills a temp file beside it (`temp_path_beside` unless given), which then
    replaces `target` in one rename, made durable; on any failure the temp file goes and
    `target` stays as it was.
    """
    temp = temp or temp_path_beside(target)
    try:
        result = write(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    sync_folder(target.parent)
    return result
