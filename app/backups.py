"""Consistent copies of a notebook with SQLite's backup API, and their rotation.

Also the one way to connect to a notebook file, plain (the standard library's sqlite3) or
protected (SQLCipher 4 through `sqlcipher3`, keyed with the coach's passphrase), and the
conversions between the two.
"""

import contextlib
import glob
import os
import secrets
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.errors import CoachbookError
from app.paths import (
    backup_dir_for,
    create_private_file,
    private_folder,
    replace_from_temp,
    sync_folder,
    temp_path_beside,
)

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


SQLCIPHER_MODULE = "sqlcipher3.dbapi2"


def sqlcipher():
    """The SQLCipher driver, loaded on first use (plain notebooks never load it)."""
    import sqlcipher3.dbapi2 as driver

    return driver


def database_errors() -> tuple[type[Exception], ...]:
    """The errors a notebook connection raises: sqlite3's, and SQLCipher's own class tree."""
    driver = sys.modules.get(SQLCIPHER_MODULE)
    return (sqlite3.Error, driver.Error) if driver is not None else (sqlite3.Error,)


def error_kind(exc: BaseException) -> str:
    """ "OperationalError", "DatabaseError"... whichever driver raised it."""
    return type(exc).__name__


KDF_ITERATIONS, KEY_BYTES, SALT_BYTES = 256_000, 32, 16  # SQLCipher 4's defaults


@dataclass(frozen=True)
class RawKey:
    """A key already derived for one file (its salt included): SQLCipher uses it as is."""

    hex: str

    def __repr__(self) -> str:
        return "RawKey(…)"  # never in a log or a traceback's locals


def derive_key(path: Path, passphrase: str) -> RawKey:
    """SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 rounds, over the salt in
    the file's first 16 bytes), done once, so the notebook's connections skip it."""
    import hashlib

    with open(path, "rb") as fh:
        salt = fh.read(SALT_BYTES)
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return RawKey(key.hex() + salt.hex())


def key_pragma(passphrase: "str | RawKey") -> str:
    """`PRAGMA key` with the passphrase as an SQL string (SQLCipher derives the key), or a
    derived key as a blob literal."""
    if isinstance(passphrase, RawKey):
        return f"PRAGMA key = \"x'{passphrase.hex}'\""
    if "\0" in passphrase:
        raise ValueError("a passphrase can't hold a NUL character")
    quoted = passphrase.replace("'", "''")
    return f"PRAGMA key = '{quoted}'"


def connect(
    path: Path,
    passphrase: "str | RawKey | None" = None,
    *,
    check_same_thread: bool = True,
    timeout: float = 5.0,
    **params: str,
):
    """A connection to a notebook or a copy of one, plain or keyed with `passphrase`.

    The key is checked lazily by SQLCipher: the first read of a wrong one raises
    SQLITE_NOTADB ("file is not a database").
    """
    uri = sqlite_uri(path, **params)
    if passphrase is None:
        return sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread, timeout=timeout)
    conn = sqlcipher().connect(uri, uri=True, check_same_thread=check_same_thread, timeout=timeout)
    try:
        # SQLCipher's own log lines (a failed HMAC) must never reach the terminal.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(passphrase))
    except BaseException:
        conn.close()
        raise
    return conn


def shred(path: Path) -> None:
    """Overwrite a file with zeros, then delete it.

    Only when this is the file's last name: a hard link still shared with a notebook is just
    unlinked. (On an SSD or a copy-on-write disk old blocks may survive; see the README.)
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if info.st_nlink == 1 and info.st_size:
        with contextlib.suppress(OSError), open(path, "r+b", buffering=0) as fh:
            block = b"\0" * 65536
            left = info.st_size
            while left > 0:
                left -= fh.write(block[: min(left, len(block))])
            os.fsync(fh.fileno())
    path.unlink(missing_ok=True)


def is_protected_file(path: Path) -> bool:
    """Whether a file looks like a protected notebook: no SQLite header, whole pages of what
    reads as random bytes (SQLCipher starts a file with its random salt)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError:
        return False
    if not header or header.startswith(b"SQLite format 3"):
        return False
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in header)
    return size % 512 == 0 and printable < len(header)


class CopyRefused(CoachbookError):
    """A copy that came out damaged: the source is damaged, and the copy was discarded."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


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
                # A plain copy a killed protect left behind is overwritten, not just dropped.
                shred(leftover)
            except OSError:
                continue
            removed.append(leftover)
    return removed


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


_SAME_KEY = object()


def copy_verified(
    source: Path, temp: Path, passphrase: str | None = None, target_passphrase=_SAME_KEY
) -> int:
    """Copy a live database into `temp`, then check the copy whole.

    `passphrase` opens the source (None: plain); the copy is keyed with `target_passphrase`
    (by default the same). The same key copies through the backup API; a change of key
    (protect, change passphrase, remove protection) through `sqlcipher_export`.
    Returns how many records the copy holds. A damaged copy is deleted and CopyRefused
    raised; an I/O failure (a full disk) deletes the partial copy and raises OSError or a
    database error. Either way nothing but `temp` was ever written.
    """
    target_key = passphrase if target_passphrase is _SAME_KEY else target_passphrase
    try:
        create_private_file(temp)
        if target_key == passphrase:
            _copy_with_backup_api(source, temp, passphrase)
        else:
            _export(source, temp, passphrase, target_key)
        dst = connect(temp, target_key)
        try:
            problems = [r[0] for r in dst.execute("PRAGMA integrity_check") if r[0] != "ok"]
            if target_key is not None:
                problems += [str(r[-1]) for r in dst.execute("PRAGMA cipher_integrity_check")]
            records = 0 if problems else count_records(dst)
        finally:
            dst.close()
        if problems:
            raise CopyRefused(problems)
        _fsync(temp)
    except BaseException:
        for leftover in (temp, *(Path(f"{temp}{side}") for side in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    return records


def _copy_with_backup_api(source: Path, temp: Path, passphrase: str | None) -> None:
    src = connect(source, passphrase, mode="ro")
    try:
        dst = connect(temp, passphrase)
        try:
            # No rollback journal for a temp file: a kill leaves no -journal behind.
            dst.execute("PRAGMA journal_mode=OFF")
            src.backup(dst)
            # A copy is a single file: no -wal beside it to lose.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _export(source: Path, temp: Path, passphrase: str | None, target_key: str | None) -> None:
    """SQLCipher's `sqlcipher_export`: the whole database into `temp` under a new key
    (an empty key writes a plain file)."""
    conn = sqlcipher().connect(sqlite_uri(source, mode="ro"), uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if passphrase is not None:
            conn.execute(key_pragma(passphrase))
        expected = count_records(conn)
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temp), target_key or ""))
        conn.execute("SELECT sqlcipher_export('converted')")
        copied = count_records(conn, "converted")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    if copied != expected:
        raise CopyRefused([f"the copy holds {copied} records where the notebook holds {expected}"])


RECORD_TABLES = ("teacher", "coaching_cycle", "observation", "pilot", "activity")


def count_records(conn, schema: str = "main") -> int:
    """The coach's own records in a notebook (teachers, cycles, observations, pilots...)."""
    tables = {
        r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='table'")
    }
    return sum(
        conn.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        for table in RECORD_TABLES
        if table in tables
    )


def copy_database(
    source: Path, target: Path, passphrase: str | None = None, target_passphrase=_SAME_KEY
) -> int:
    """A verified, consistent copy of a live database at `target` (temp file, then rename).

    Returns the records it holds; raises CopyRefused when the copy is damaged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    return replace_from_temp(
        target, lambda temp: copy_verified(source, temp, passphrase, target_passphrase)
    )


def replace_with_copy(
    backup: Path,
    db_path: Path,
    aside: Path | None = None,
    passphrase: str | None = None,
    target_passphrase=_SAME_KEY,
) -> None:
    """Put a verified copy of `backup` in place of the notebook at `db_path`.

    The replacement is made whole and checked in a new file first; only then is the old
    notebook (and its -wal/-shm) renamed to `aside`, or dropped when `aside` is None, and the
    copy renamed into place. A failure at any step leaves the old notebook where it was.
    `passphrase` opens the backup; the copy takes `target_passphrase` (default the same).
    """
    temp = temp_path_beside(db_path)
    copy_verified(backup, temp, passphrase, target_passphrase)
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
    sync_folder(db_path.parent)


def swap_in_converted(db_path: Path, passphrase: str | None, target_passphrase: str | None) -> int:
    """Re-key a closed notebook (or a backup) in place: protect, change the passphrase or
    remove protection.

    A converted copy is made whole and verified in a new file, then renamed over the
    original in one step, so a kill at any moment leaves either the old file or the new one,
    whole. The old file's bytes are then overwritten and removed. Returns its record count.
    """
    for suffix in ("-wal", "-shm"):
        if Path(f"{db_path}{suffix}").exists():
            _fold_log(db_path, passphrase)
            break
    temp = temp_path_beside(db_path)
    records = copy_verified(db_path, temp, passphrase, target_passphrase)
    old = db_path.with_name(f".{db_path.name}.{secrets.token_hex(4)}.old.part")
    try:
        os.link(db_path, old)
    except OSError:
        old = None  # no hard links here (FAT): the old bytes can't be overwritten after
    try:
        os.replace(temp, db_path)
    except BaseException:
        temp.unlink(missing_ok=True)
        if old is not None:
            old.unlink(missing_ok=True)
        raise
    sync_folder(db_path.parent)
    if old is not None:
        shred(old)
    return records


def _fold_log(db_path: Path, passphrase: str | None) -> None:
    """Fold a -wal back into the file and drop it, so no log of the old file outlives it."""
    conn = connect(db_path, passphrase)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        shred(Path(f"{db_path}{suffix}"))


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
    db_path: Path,
    now: datetime | None = None,
    target: Path | None = None,
    rotate: bool = True,
    passphrase: str | None = None,
) -> Path:
    """Back up now (into the backup folder unless a target is given) and rotate.

    A protected notebook's backup is encrypted with the same passphrase.
    """
    now = now or datetime.now()
    if target is None:
        folder = backup_dir_for(db_path)
        private_folder(folder)
        target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}.sqlite3"
        serial = 1
        while target.exists():
            serial += 1
            target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}-{serial}.sqlite3"
        copy_database(db_path, target, passphrase)
        if rotate:
            rotate_backups(db_path, now, passphrase)
    else:
        copy_database(db_path, target, passphrase)
    return target


def rotate_backups(db_path: Path, now: datetime, passphrase: str | None = None) -> list[Path]:
    """Delete backups the rotation no longer keeps; returns what was deleted.

    Empty copies never push out the last backup that holds the coach's records.
    """
    backups = list_backups(db_path)
    keep = backups_to_keep([b.taken_at for b in backups], now)
    kept = [b for b in backups if b.taken_at in keep]
    if kept and not any(_holds_records(b.path, passphrase) for b in kept):
        last_full = next(
            (b for b in backups if b not in kept and _holds_records(b.path, passphrase)), None
        )
        if last_full is not None:
            keep.add(last_full.taken_at)
    removed = []
    for backup in backups:
        if backup.taken_at not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _holds_records(path: Path, passphrase: str | None = None) -> bool:
    key = passphrase if is_protected_file(path) else None
    try:
        conn = connect(path, key, mode="ro", immutable="1")
        try:
            return count_records(conn) > 0
        finally:
            conn.close()
    except (OSError, *database_errors()):
        return False


def opens_with(path: Path, passphrase: str | None) -> bool:
    """Whether a passphrase (None: none) opens a notebook or backup file."""
    try:
        conn = connect(path, passphrase, mode="ro", immutable="1")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (OSError, *database_errors()):
        return False
    return True


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
