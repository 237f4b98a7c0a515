"""Consistent copies of a notebook with SQLite's backup API, and their rotation."""

import glob
import os
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


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database consistently, writing to a temp file then renaming."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is a single file: no -wal beside it to lose.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)


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
    """Delete backups the rotation no longer keeps; returns what was deleted."""
    backups = list_backups(db_path)
    keep = backups_to_keep([b.taken_at for b in backups], now)
    removed = []
    for backup in backups:
        if backup.taken_at not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


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


def restore_into(backup: Path, db_path: Path) -> None:
    """Replace a notebook's contents with a backup's, through SQLite (WAL stays consistent)."""
    src = sqlite3.connect(sqlite_uri(backup, mode="ro"), uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
