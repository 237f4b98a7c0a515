"""The notebook file: safe opening, pragmas, sessions, migrations, backups and checks.

SQLite specifics live here and nowhere else, so the models stay portable.
"""

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, create_engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from app import backups
from app.models.base import Record, utc_now
from app.notebook_file import (  # noqa: F401  (re-exported: callers import them from here)
    HEAD_REVISION,
    BackgroundInspection,
    DamagedNotebook,
    NewerNotebook,
    NotACoachbookFile,
    NotebookInUse,
    NotebookUnreadable,
    PassphraseNeeded,
    SaveFailed,
    StoreError,
    WrongPassphrase,
    disk_is_full,
    inspect_file,
    io_problem,
    is_damage,
    known_revisions,
    migrations_dir,
    problem_lines,
)
from app.paths import backup_dir_for, create_private_file, make_private, private_folder


def describe_write_error(exc: Exception, folder: Path | None = None) -> str:
    text = str(exc).lower()
    # SQLite reports a write the disk refused as a plain "disk I/O error".
    if "disk is full" in text or "no space" in text or (folder and disk_is_full(folder)):
        return (
            "The disk is full, so this change was not saved. Free some space and try again; "
            "everything saved before is safe."
        )
    if "readonly" in text or "read-only" in text:
        return "The notebook file is read-only, so this change was not saved."
    if "locked" in text:
        return "The notebook is busy in another program; wait a moment and try again."
    return f"This change was not saved ({exc.__class__.__name__}). Everything saved before is safe."


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


APP_HOLDER, CLI_HOLDER = "app", "cli"


class _FileLock:
    """An OS lock on `<notebook>.lock`, released by the OS if the process dies.

    The holder ("app" or "cli") is written into the file so a refused opener can say who
    has the notebook.
    """

    def __init__(self, path: Path, holder: str = APP_HOLDER):
        self.path = path
        self.holder = holder
        self._fh = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")  # noqa: SIM115 (held open while the lock lives)
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        # Unbuffered, so a full disk fails here (ignored) and never later, on close.
        with contextlib.suppress(OSError):
            os.ftruncate(fh.fileno(), 0)
            os.write(fh.fileno(), f"{self.holder} {os.getpid()}\n".encode())
        self._fh = fh
        return True

    def current_holder(self) -> str | None:
        """Who holds the lock now, as its holder wrote it (None when unknown)."""
        try:
            words = self.path.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return None
        return words[0] if words else None

    def release(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None


def _in_use_message(path: Path, holder: str | None, by: str) -> str:
    if holder == APP_HOLDER and by == CLI_HOLDER:
        return f"The notebook “{path.name}” is open in Coachbook; close it there first."
    if holder == CLI_HOLDER:
        return (
            f"A coachbook command is changing the notebook “{path.name}” right now; wait for "
            "it to finish, then try again."
        )
    return f"The notebook “{path.name}” is already open in another Coachbook window."


def _set_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy's "begin" event starts each transaction itself (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin_immediate(connection) -> None:
    """Take the write lock when a unit of work starts, so what it reads to decide a write
    (the next sweep number, who is already on the roster) cannot change under it."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _stamp_updated_at(session, _context, _instances) -> None:
    store = session.info.get("store")
    if (
        store is not None
        and store.write_refusal
        and (session.new or session.dirty or session.deleted)
    ):
        raise SaveFailed(store.write_refusal)
    now = utc_now()
    for obj in session.dirty:
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


event.listen(Session, "before_flush", _stamp_updated_at)


def _make_engine(
    path: Path, *, read_only: bool = False, passphrase: "str | backups.RawKey | None" = None
) -> Engine:
    if read_only:
        # Open without creating anything beside a file nobody may write (no -wal, -shm).
        immutable = not os.access(path, os.W_OK) and not Path(f"{path}-wal").exists()
        params = {"mode": "ro", "immutable": "1"} if immutable else {"mode": "ro"}
        engine = _engine_from(path, passphrase, params)
        event.listen(engine, "connect", _set_read_only_pragmas)
        event.listen(engine, "begin", _begin_deferred)
        return engine
    if passphrase is not None:
        engine = _engine_from(path, passphrase, {})
    else:
        # URL.create, not an f-string: a "?" or "#" in a folder name is part of the path.
        engine = create_engine(
            URL.create("sqlite", database=str(path)),
            connect_args={"check_same_thread": False, "timeout": 5},
        )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _engine_from(
    path: Path, passphrase: "str | backups.RawKey | None", params: dict[str, str]
) -> Engine:
    """An engine whose connections come from backups.connect (plain or keyed).

    For a protected notebook SQLAlchemy's SQLite dialect is given SQLCipher as its driver
    module (so its errors are wrapped like sqlite3's), and each connection is keyed here:
    the `sqlite+pysqlcipher` URL would carry the passphrase in the URL and put it unquoted
    into `PRAGMA key`.
    """
    extra = {} if passphrase is None else {"module": backups.sqlcipher()}
    return create_engine(
        "sqlite://",
        creator=lambda: backups.connect(
            path, passphrase, check_same_thread=False, timeout=5, **params
        ),
        poolclass=QueuePool,
        **extra,
    )


def _tighten(path: Path) -> None:
    """Owner-only modes on the notebook, its -wal, -shm and lock, and its backups folder."""
    for side in ("", "-wal", "-shm", ".lock"):
        make_private(Path(f"{path}{side}"))
    folder = backup_dir_for(path)
    for each in (folder.parent, folder):
        if each.is_dir():
            make_private(each, folder=True)


def _damaged_empty_message(path: Path) -> str:
    return (
        f"“{path.name}” is empty, but its backups show it held a notebook: it was probably "
        "damaged (a full disk or a crash). It was left untouched; open the latest backup "
        "(File ▸ Restore from backup…, or copy one from the backups folder beside it)."
    )


def _damage_found_message(path: Path, problems: list[str]) -> str:
    shown = "; ".join(problem_lines(problems)[:3])
    return (
        f"“{path.name}” is damaged ({shown}), so nothing more is written to it. Open the "
        "latest good backup (File ▸ Restore from backup…); your earlier backups were kept."
    )


def _has_backups(path: Path) -> bool:
    return any(b.size_bytes > 0 for b in backups.list_backups(path))


@dataclass(frozen=True)
class OpenCheck:
    """What the full check after opening found: damage, or a backup that couldn't be written."""

    problems: list[str]
    backup_problem: str | None = None


class Store:
    """One open notebook. Use `Store.open(path)`; `with store.session() as s:` per action."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: _FileLock | None,
        *,
        read_only: bool = False,
        passphrase: str | None = None,
    ):
        self.path = path
        self.engine = engine
        self._lock = lock
        self.read_only = read_only
        # Kept in memory only, for new connections and encrypted backups; never written.
        self._passphrase = passphrase
        # Set when a backup on open could not be written: the notebook still works.
        self.backup_problem: str | None = None
        # Set once damage is found: every later write fails with this message.
        self.write_refusal: str | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        exclusive: bool = False,
        backup_on_open: bool = True,
        inspection: BackgroundInspection | None = None,
        holder: str = APP_HOLDER,
        passphrase: str | None = None,
    ) -> "Store":
        """Open (creating if new), refusing foreign, damaged or newer files untouched.

        A protected notebook needs its `passphrase` (PassphraseNeeded, WrongPassphrase);
        a new notebook given one is created protected.
        """
        path = Path(path)
        if path.exists() and path.is_dir():
            raise NotACoachbookFile(f"“{path}” is a folder, not a notebook file.")
        existed = path.exists() and path.stat().st_size > 0
        if existed and passphrase is not None and not backups.is_protected_file(path):
            passphrase = None  # a plain notebook ignores a passphrase it doesn't need
        # The key is derived once for the notebook's own connections: opening costs one
        # derivation, not one per connection.
        key = None
        if not existed:
            revision = None
        elif (
            inspection is not None
            and inspection.path == path
            and inspection.passphrase == passphrase
        ):
            revision, key = inspection.result(), inspection.key
        else:
            key = backups.derive_key(path, passphrase) if passphrase else None
            revision = inspect_file(path, passphrase, key)
        if revision is None and path.exists() and _has_backups(path):
            raise DamagedNotebook(_damaged_empty_message(path))
        try:
            if not path.parent.exists():
                private_folder(path.parent)
            if not path.exists():
                create_private_file(path)
            _tighten(path)
        except OSError as exc:
            raise StoreError(f"Couldn't create the folder for “{path.name}”: {exc}.") from exc
        lock = None
        if exclusive:
            lock = _FileLock(path.with_name(path.name + ".lock"), holder)
            if not lock.acquire():
                held_by = lock.current_holder()
                raise NotebookInUse(_in_use_message(path, held_by, holder), held_by)
            backups.clean_leftovers(path)
        try:
            if revision is not None and revision != HEAD_REVISION:
                cls._back_up_before_upgrade(path, passphrase)
            engine = _make_engine(path, passphrase=key or passphrase)
            store = cls(path, engine, lock, passphrase=passphrase)
            if revision != HEAD_REVISION:
                store._migrate()
            else:
                # Connect now: a disk too full for the write-ahead log is told at open.
                with store.engine.connect():
                    pass
            _tighten(path)
            if passphrase is not None and lock is not None:
                # A protect killed half-way may have left plain backups: encrypt them now.
                store._encrypt_plain_backups()
            if backup_on_open and existed and backups.changed_since_last_backup(path):
                try:
                    store.backup()
                except DamagedNotebook:
                    raise
                except StoreError as exc:
                    store.backup_problem = str(exc)
        except OperationalError as exc:
            if lock:
                lock.release()
            raise NotebookUnreadable(io_problem(path, exc.orig or exc)) from exc
        except BaseException:
            if lock:
                lock.release()
            raise
        return store

    @classmethod
    def open_read_only(cls, path: Path, passphrase: str | None = None) -> "Store":
        """Open for reading only (lists, checks, exports), even while the app has it open.

        A missing, empty or older notebook is opened the usual way instead: it needs writing.
        """
        path = Path(path)
        if not (path.is_file() and path.stat().st_size > 0):
            return cls.open(path, exclusive=True, holder=CLI_HOLDER, passphrase=passphrase)
        if not backups.is_protected_file(path):
            passphrase = None
        key = backups.derive_key(path, passphrase) if passphrase else None
        revision = inspect_file(path, passphrase, key)
        if revision != HEAD_REVISION:
            return cls.open(path, exclusive=True, holder=CLI_HOLDER, passphrase=passphrase)
        engine = _make_engine(path, read_only=True, passphrase=key)
        return cls(path, engine, None, read_only=True, passphrase=passphrase)

    @property
    def protected(self) -> bool:
        """Whether the notebook is encrypted with a passphrase."""
        return self._passphrase is not None

    def passphrase_matches(self, typed: str) -> bool:
        """For the lock screen: whether `typed` is this notebook's passphrase."""
        import hmac

        return self._passphrase is not None and hmac.compare_digest(
            typed.encode("utf-8"), self._passphrase.encode("utf-8")
        )

    def _encrypt_plain_backups(self) -> None:
        for backup in backups.list_backups(self.path):
            if not backups.is_protected_file(backup.path):
                with contextlib.suppress(backups.CopyRefused, OSError, *backups.database_errors()):
                    backups.swap_in_converted(backup.path, None, self._passphrase)

    @staticmethod
    def _back_up_before_upgrade(path: Path, passphrase: str | None = None) -> None:
        try:
            backups.take_backup(path, passphrase=passphrase)
        except backups.CopyRefused as exc:
            raise DamagedNotebook(_damage_found_message(path, exc.problems)) from exc
        except (OSError, *backups.database_errors()) as exc:
            raise StoreError(
                f"“{path.name}” needs upgrading for this Coachbook, and a backup comes first, "
                f"but backups can't be written to {backup_dir_for(path)}: "
                f"{_reason(exc, path.parent)} Nothing was changed; fix that, then open it again."
            ) from exc

    def _migrate(self) -> None:
        from alembic import command

        with self.engine.begin() as connection:
            command.upgrade(_alembic_config(connection), "head")

    def close(self) -> None:
        self.engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            session.info["store"] = self
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise SaveFailed(describe_write_error(exc.orig or exc, self.path.parent)) from exc
            except BaseException:
                session.rollback()
                raise

    def backup(self, target: Path | None = None, *, rotate: bool = True) -> Path:
        """A verified, consistent copy now; into the rotating backups unless a target is named.

        A damaged copy is discarded (the earlier backups stay) and stops all writing.
        """
        folder = target.parent if target is not None else backup_dir_for(self.path)
        try:
            return backups.take_backup(
                self.path, target=target, rotate=rotate, passphrase=self._passphrase
            )
        except backups.CopyRefused as exc:
            self.stop_writing(exc.problems)
            raise DamagedNotebook(self.write_refusal) from exc
        except (OSError, *backups.database_errors()) as exc:
            if not isinstance(exc, OSError) and _reads_as_damage(exc):
                # The copy could not read a page of the notebook: that is the notebook's
                # damage, never the backup folder's fault.
                self.stop_writing([str(exc)])
                raise DamagedNotebook(self.write_refusal) from exc
            raise StoreError(
                f"Backups can't be written to {folder}: {_reason(exc, self.path.parent)}"
            ) from exc

    def backup_if_due(self) -> Path | None:
        """At most hourly, and only when something changed since the last backup."""
        if backups.is_backup_due(self.path, datetime.now()):
            return self.backup()
        return None

    def stop_writing(self, problems: list[str]) -> None:
        """Damage was found: refuse every later write, so it is not spread."""
        self.write_refusal = _damage_found_message(self.path, problems)

    def check_after_open(self) -> OpenCheck:
        """The full integrity check, then a verified backup if the notebook changed.

        Meant for a background thread once the window shows.
        """
        problems = self.integrity_problems()
        if problems:
            self.stop_writing(problems)
            return OpenCheck(problems)
        try:
            if backups.changed_since_last_backup(self.path):
                self.backup()
        except DamagedNotebook:
            return OpenCheck(["a backup copy came out damaged"])
        except StoreError as exc:
            return OpenCheck([], str(exc))
        return OpenCheck([])

    def require_healthy(self) -> None:
        """Before a bulk write (an import, a restore): the full check, refusing a damaged file."""
        if self.write_refusal:
            raise DamagedNotebook(self.write_refusal)
        problems = self.integrity_problems()
        if problems:
            self.stop_writing(problems)
            raise DamagedNotebook(self.write_refusal)

    def integrity_problems(self) -> list[str]:
        """Everything `PRAGMA integrity_check` and `foreign_key_check` report; empty when fine."""
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                problems = problem_lines([r[0] for r in rows if r[0] != "ok"])
                for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                    problems.append(f"row {rowid} of {table} points to a missing {parent}")
        except SQLAlchemyError as exc:
            problems = [str(exc.orig or exc)]
        return problems


def _reads_as_damage(exc: BaseException) -> bool:
    """SQLite's (or SQLCipher's) own word that a page is wrong: corrupt, or not a database."""
    return is_damage(exc) or "malformed" in str(exc) or "not a database" in str(exc)


def _reason(exc: BaseException, folder: Path) -> str:
    full = "the disk is full. Free some space; your notebook is safe."
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return full
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            return (
                "a file stands where the backups folder should be. Move that file away; "
                "your notebook is safe."
            )
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "Coachbook may not write there. Check the folder; your notebook is safe."
        return f"{exc.strerror}. Your notebook is safe."
    if "full" in str(exc).lower() or disk_is_full(folder):
        return full
    return f"{exc}. Your notebook is safe."


def restore_backup(store: Store, backup: Path, passphrase: str | None = None) -> Store:
    """Replace the open notebook with a verified copy of a backup.

    What is there now is backed up first; if it is too damaged to copy, it is kept aside
    as `NAME.damaged-…` instead. A failed restore leaves the notebook as it was, open.
    An encrypted backup opens with `passphrase` (default: the notebook's own); the restored
    notebook keeps the protection the notebook has now.
    """
    backup = Path(backup)
    backup_key = backup_passphrase(store, backup, passphrase)
    inspect_file(backup, backup_key)
    path = store.path
    aside = None
    try:
        # Rotating now could delete the very backup being restored: rotate once it is in.
        store.backup(rotate=False)
    except DamagedNotebook:
        aside = damaged_aside_path(path)
    lock, store._lock = store._lock, None
    store.close()
    try:
        backups.replace_with_copy(backup, path, aside, backup_key, store._passphrase)
    except backups.CopyRefused as exc:
        raise BackupDamaged(
            _reopen_as_it_was(store, lock),
            f"That backup is damaged too ({'; '.join(exc.problems[:2])}); nothing was "
            "restored. Choose an earlier backup.",
        ) from exc
    except (OSError, *backups.database_errors()) as exc:
        raise RestoreFailed(
            _reopen_as_it_was(store, lock),
            f"Couldn't restore the backup: {_reason(exc, path.parent)} Your notebook was left "
            "as it was.",
        ) from exc
    restored = _reopen(path, lock, store._passphrase)
    backups.rotate_backups(path, datetime.now(), store._passphrase)
    return restored


def backup_passphrase(store: Store, backup: Path, passphrase: str | None = None) -> str | None:
    """The passphrase that opens a backup: None for a plain one, else the one given or the
    notebook's own. Raises PassphraseNeeded when it is encrypted and neither is known."""
    if not backups.is_protected_file(Path(backup)):
        return None
    key = passphrase if passphrase is not None else store._passphrase
    if key is None:
        raise PassphraseNeeded(f"The backup “{Path(backup).name}” is protected with a passphrase.")
    return key


def _reopen_as_it_was(store: Store, lock: "_FileLock | None") -> Store:
    """After a restore that changed nothing: the same notebook, still refusing writes if
    damage had been found in it."""
    reopened = _reopen(store.path, lock, store._passphrase)
    reopened.write_refusal = store.write_refusal
    return reopened


def _reopen(path: Path, lock: _FileLock | None, passphrase: str | None = None) -> Store:
    reopened = Store.open(path, backup_on_open=False, passphrase=passphrase)
    reopened._lock = lock
    return reopened


def damaged_aside_path(path: Path) -> Path:
    """Where a damaged notebook is kept, untouched: beside it, named for the moment."""
    return path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")


def recover_notebook(path: Path, passphrase: str | None = None) -> backups.BackupInfo:
    """Put the newest backup that copies whole in place of a damaged notebook.

    The damaged file is kept aside (`NAME.damaged-…`), renamed only once the copy is whole
    and verified; backups that come out damaged are skipped. Raises NoGoodBackup, or
    NotebookUnreadable when the disk fails the copy (the notebook is then left as it was).
    A protected notebook's backups open with its `passphrase` (others are skipped); a
    plain backup is encrypted with it on the way in.
    """
    for candidate in backups.list_backups(path):
        key = passphrase if backups.is_protected_file(candidate.path) else None
        try:
            backups.replace_with_copy(
                candidate.path, path, damaged_aside_path(path), key, passphrase
            )
        except (backups.CopyRefused, *backups.database_errors()) as exc:
            if backups.error_kind(exc) == "OperationalError" and not is_damage(exc):
                raise NotebookUnreadable(io_problem(path, exc)) from exc
            continue
        except OSError as exc:
            raise NotebookUnreadable(io_problem(path, exc)) from exc
        return candidate
    raise NoGoodBackup(
        f"None of the backups of “{path.name}” could be copied whole, so nothing was changed."
    )


class NoGoodBackup(StoreError):
    pass


class RestoreFailed(StoreError):
    """A restore that changed nothing; `store` is the notebook, open again as it was."""

    def __init__(self, store: Store, message: str):
        super().__init__(message)
        self.store = store


class BackupDamaged(RestoreFailed):
    pass


def restore_latest_good(store: Store) -> tuple[Store, backups.BackupInfo]:
    """Restore the newest backup that copies whole, skipping damaged ones."""
    for candidate in backups.list_backups(store.path):
        try:
            return restore_backup(store, candidate.path), candidate
        except BackupDamaged as exc:
            store = exc.store
    raise RestoreFailed(
        store,
        f"None of the backups of “{store.path.name}” could be copied whole; nothing was "
        "changed. Copy the notebook and its backups folder somewhere safe and ask for help.",
    )


# ---- passphrase protection (SQLCipher) --------------------------------------------------

MIN_PASSPHRASE_LENGTH = 8


class ProtectionFailed(StoreError):
    """Protecting, re-keying or unprotecting changed nothing; `store` is the notebook, open
    again as it was."""

    def __init__(self, store: Store, message: str):
        super().__init__(message)
        self.store = store


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase can't be used, in words for the coach; None when it can."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (
            f"Use at least {MIN_PASSPHRASE_LENGTH} characters; a few words you will remember "
            "make a good passphrase."
        )
    if "\0" in passphrase or passphrase != passphrase.strip("\r\n"):
        return "A passphrase can't hold a NUL character or start or end with a line break."
    return None


def protect(store: Store, passphrase: str, *, plain_backups: str = "encrypt") -> Store:
    """Encrypt the open notebook with a passphrase; returns it open again, protected.

    A verified backup comes first; the encrypted copy is made whole and checked, then
    swapped in at once, and the plain file overwritten and removed. The plain backups are
    encrypted too (`plain_backups="encrypt"`) or deleted (`"delete"`).
    """
    if store.protected:
        raise StoreError(f"“{store.path.name}” is already protected; change its passphrase.")
    problem = passphrase_problem(passphrase)
    if problem:
        raise StoreError(problem)
    store.require_healthy()
    store.backup(rotate=False)
    protected = _convert(store, passphrase, "protect")
    for backup in backups.list_backups(protected.path):
        if backups.is_protected_file(backup.path):
            continue
        if plain_backups == "delete":
            backups.shred(backup.path)
        else:
            _convert_backup(protected, backup.path, None, passphrase)
    return protected


def change_passphrase(store: Store, new_passphrase: str) -> Store:
    """A new passphrase for a protected notebook and the backups the old one opens."""
    if not store.protected:
        raise StoreError(f"“{store.path.name}” is not protected; protect it first.")
    problem = passphrase_problem(new_passphrase)
    if problem:
        raise StoreError(problem)
    old = store._passphrase
    store.require_healthy()
    changed = _convert(store, new_passphrase, "change the passphrase of")
    for backup in backups.list_backups(changed.path):
        if backups.is_protected_file(backup.path) and backups.opens_with(backup.path, old):
            _convert_backup(changed, backup.path, old, new_passphrase)
    return changed


def remove_protection(store: Store, *, decrypt_backups: bool = False) -> Store:
    """Make a protected notebook plain again; its backups stay encrypted unless asked."""
    if not store.protected:
        raise StoreError(f"“{store.path.name}” is not protected.")
    old = store._passphrase
    store.require_healthy()
    plain = _convert(store, None, "remove protection from")
    if decrypt_backups:
        for backup in backups.list_backups(plain.path):
            if backups.is_protected_file(backup.path) and backups.opens_with(backup.path, old):
                _convert_backup(plain, backup.path, old, None)
    return plain


def _convert(store: Store, new_key: str | None, doing: str) -> Store:
    """Close the notebook (keeping its lock), re-key the file in place, open it again."""
    path, old_key = store.path, store._passphrase
    lock, store._lock = store._lock, None
    store.close()
    try:
        backups.swap_in_converted(path, old_key, new_key)
    except backups.CopyRefused as exc:
        reopened = _reopen(path, lock, old_key)
        reopened.stop_writing(exc.problems)
        raise ProtectionFailed(reopened, reopened.write_refusal) from exc
    except (OSError, *backups.database_errors()) as exc:
        reopened = _reopen(path, lock, old_key)
        raise ProtectionFailed(
            reopened,
            f"Couldn't {doing} the notebook: {_reason(exc, path.parent)} It was left as it was.",
        ) from exc
    return _reopen(path, lock, new_key)


def _convert_backup(store: Store, path: Path, old_key: str | None, new_key: str | None) -> None:
    """Re-key one backup; a failure is a warning on the (already converted) notebook."""
    try:
        backups.swap_in_converted(path, old_key, new_key)
    except backups.CopyRefused:
        # A damaged backup can't be re-keyed whole: it can't be restored either, so it goes.
        backups.shred(path)
    except (OSError, *backups.database_errors()) as exc:
        store.backup_problem = (
            f"The backup “{path.name}” couldn't be converted yet: {_reason(exc, path.parent)}"
        )
