"""Consistent copies of a notebook with SQLite's backup API, and their rotation."""

import contextlib
import glob
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.paths import backup_dir_for

KEEP_RECENT = 6
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size_bytes: int


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for sqlite3; a plain f-string would cut the path at a "#" or "?"."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.resolve().as_uri()}?{query}" if query else path.resolve().as_uri()


class CopyRefused(Exception):
    """A copy that came out damaged: the source is damaged, and the copy was discarded."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


def temp_path_beside(target: Path) -> Path:
    """The one temp naming for every write-then-rename: a hidden `.NAME.<random>.part`."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def leftover_temp_files(folder: Path, name_prefix: str) -> list[Path]:
    """Temp files a killed write left in a folder, for names starting with a prefix."""
    if not folder.is_dir():
        return []
    prefix = glob.escape(name_prefix)
    found = set(folder.glob(f".{prefix}*.part")) | set(folder.glob(f".{prefix}*.part-*"))
    # Earlier versions wrote `NAME.partial` (and its rollback journal).
    found |= set(folder.glob(f"{prefix}*.partial")) | set(folder.glob(f"{prefix}*.partial-journal"))
    return sorted(found)


def clean_leftovers(db_path: Path) -> list[Path]:
    """Delete what killed backups and restores left beside a notebook and in its backups."""
    removed = []
    for folder, prefix in ((db_path.parent, db_path.name), (backup_dir_for(db_path), db_path.stem)):
        for leftover in leftover_temp_files(folder, prefix):
            try:
                leftover.unlink()
            except OSError:
                continue
            removed.append(leftover)
    return removed


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_verified(source: Path, temp: Path) -> int:
    """Copy a live database into `temp` through the backup API, then check the copy whole.

    Returns how many records the copy holds. A damaged copy is deleted and CopyRefused
    raised; an I/O failure (a full disk) deletes the partial copy and raises OSError or
    sqlite3.Error. Either way nothing but `temp` was ever written.
    """
    try:
        src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
        try:
            dst = sqlite3.connect(temp)
            try:
                # No rollback journal for a temp file: a kill leaves no -journal behind.
                dst.execute("PRAGMA journal_mode=OFF")
                src.backup(dst)
                # A copy is a single file: no -wal beside it to lose.
                dst.execute("PRAGMA journal_mode=DELETE")
                problems = [r[0] for r in dst.execute("PRAGMA integrity_check") if r[0] != "ok"]
                records = 0 if problems else count_records(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if problems:
            raise CopyRefused(problems)
        _fsync(temp)
    except BaseException:
        for leftover in (temp, *(Path(f"{temp}{side}") for side in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    return records


RECORD_TABLES = ("teacher", "coaching_cycle", "observation", "pilot", "activity")


def count_records(conn: sqlite3.Connection) -> int:
    """The coach's own records in a notebook (teachers, cycles, observations, pilots...)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return sum(
        conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in RECORD_TABLES
        if table in tables
    )


def copy_database(source: Path, target: Path) -> int:
    """A verified, consistent copy of a live database at `target` (temp file, then rename).

    Returns the records it holds; raises CopyRefused when the copy is damaged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_beside(target)
    records = copy_verified(source, temp)
    os.replace(temp, target)
    _sync_folder(target.parent)
    return records


def replace_with_copy(backup: Path, db_path: Path, aside: Path | None = None) -> None:
    """Put a verified copy of `backup` in place of the notebook at `db_path`.

    The replacement is made whole and checked in a new file first; only then is the old
    notebook (and its -wal/-shm) renamed to `aside`, or dropped when `aside` is None, and the
    copy renamed into place. A failure at any step leaves the old notebook where it was.
    """
    temp = temp_path_beside(db_path)
    copy_verified(backup, temp)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                if aside is None:
                    side.unlink()
                else:
                    target = Path(f"{aside}{suffix}")
                    os.replace(side, target)
                    moved.append((target, side))
        if aside is not None and db_path.exists():
            os.replace(db_path, aside)
            moved.append((aside, db_path))
        os.replace(temp, db_path)
    except BaseException:
        for now_at, was_at in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(now_at, was_at)
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(db_path.parent)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this notebook, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.glob(f"{glob.escape(db_path.stem)}-*.sqlite3"):
        stamp = entry.stem.removeprefix(f"{db_path.stem}-")
        try:
            taken = datetime.strptime(stamp[:15], _STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(entry, taken, entry.stat().st_size))
    # Two backups in one second: the later one has the longer name ("-2", "-3"...).
    return sorted(found, key=lambda b: (b.taken_at, len(b.path.name), b.path.name), reverse=True)


def take_backup(
    db_path: Path, now: datetime | None = None, target: Path | None = None, rotate: bool = True
) -> Path:
    """Back up now (into the backup folder unless a target is given) and rotate."""
    now = now or datetime.now()
    if target is None:
        folder = backup_dir_for(db_path)
        target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}.sqlite3"
        serial = 1
        while target.exists():
            serial += 1
            target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}-{serial}.sqlite3"
        copy_database(db_path, target)
        if rotate:
            rotate_backups(db_path, now)
    else:
        copy_database(db_path, target)
    return target


def rotate_backups(db_path: Path, now: datetime) -> list[Path]:
    """Delete backups the rotation no longer keeps; returns what was deleted.

    Empty copies never push out the last backup that holds the coach's records.
    """
    backups = list_backups(db_path)
    keep = backups_to_keep([b.taken_at for b in backups], now)
    kept = [b for b in backups if b.taken_at in keep]
    if kept and not any(_holds_records(b.path) for b in kept):
        last_full = next((b for b in backups if b not in kept and _holds_records(b.path)), None)
        if last_full is not None:
            keep.add(last_full.taken_at)
    removed = []
    for backup in backups:
        if backup.taken_at not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _holds_records(path: Path) -> bool:
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True)
        try:
            return count_records(conn) > 0
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def backups_to_keep(taken: list[datetime], now: datetime) -> set[datetime]:
    """Like Anki: the last few, then the newest of each recent day, week and month."""
    newest_first = sorted(taken, reverse=True)
    keep = set(newest_first[:KEEP_RECENT])
    buckets = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for limit, bucket_of in buckets:
        seen = []
        for stamp in newest_first:
            bucket = bucket_of(stamp)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) > limit:
                    break
                keep.add(stamp)
    return keep


def changed_since(db_path: Path, moment: datetime) -> bool:
    """Whether the notebook file (or its write-ahead log) changed after a moment."""
    wal = Path(f"{db_path}-wal")
    files = [db_path]
    # Merely opening the notebook creates an empty log: that is no change.
    if wal.exists() and wal.stat().st_size > 0:
        files.append(wal)
    stamps = [p.stat().st_mtime for p in files if p.exists()]
    return bool(stamps) and datetime.fromtimestamp(max(stamps)) > moment


def changed_since_last_backup(db_path: Path) -> bool:
    """True when there is no backup yet or the notebook changed after the newest was written."""
    backups = list_backups(db_path)
    if not backups:
        return True
    # The backup file's own time, not its name's (whole seconds): when the copy was finished.
    written = datetime.fromtimestamp(backups[0].path.stat().st_mtime)
    return changed_since(db_path, written)


def is_backup_due(db_path: Path, now: datetime, every: timedelta = timedelta(hours=1)) -> bool:
    """No backup yet, or the newest is `every` old and the notebook changed after it."""
    backups = list_backups(db_path)
    if not backups:
        return True
    return now - backups[0].taken_at >= every and changed_since_last_backup(db_path)
