"""The notebook file: safe opening, pragmas, sessions, migrations, backups and checks.

SQLite specifics live here and nowhere else, so the models stay portable.
"""

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, create_engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
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
    SaveFailed,
    StoreError,
    inspect_file,
    known_revisions,
    migrations_dir,
    problem_lines,
)


def describe_write_error(exc: Exception) -> str:
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text:
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


class _FileLock:
    """An OS lock on `<notebook>.lock`, released by the OS if the process dies."""

    def __init__(self, path: Path):
        self.path = path
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
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _stamp_updated_at(session, _context, _instances) -> None:
    now = utc_now()
    for obj in session.dirty:
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


event.listen(Session, "before_flush", _stamp_updated_at)


class Store:
    """One open notebook. Use `Store.open(path)`; `with store.session() as s:` per action."""

    def __init__(self, path: Path, engine: Engine, lock: _FileLock | None):
        self.path = path
        self.engine = engine
        self._lock = lock

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        exclusive: bool = False,
        backup_on_open: bool = True,
        inspection: BackgroundInspection | None = None,
    ) -> "Store":
        """Open (creating if new), refusing foreign, damaged or newer files untouched."""
        path = Path(path)
        existed = path.exists() and path.stat().st_size > 0
        if path.exists() and path.is_dir():
            raise NotACoachbookFile(f"“{path}” is a folder, not a notebook file.")
        if not existed:
            revision = None
        elif inspection is not None and inspection.path == path:
            revision = inspection.result()
        else:
            revision = inspect_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Couldn't create the folder for “{path.name}”: {exc}.") from exc
        lock = None
        if exclusive:
            lock = _FileLock(path.with_name(path.name + ".lock"))
            if not lock.acquire():
                raise NotebookInUse(
                    f"The notebook “{path.name}” is already open in another Coachbook window."
                )
        try:
            if revision is not None and revision != HEAD_REVISION:
                backups.take_backup(path)
            # URL.create, not an f-string: a "?" or "#" in a folder name is part of the path.
            engine = create_engine(
                URL.create("sqlite", database=str(path)),
                connect_args={"check_same_thread": False, "timeout": 5},
            )
            event.listen(engine, "connect", _set_pragmas)
            store = cls(path, engine, lock)
            if revision != HEAD_REVISION:
                store._migrate()
            if backup_on_open and existed and backups.changed_since_last_backup(path):
                store.backup()
        except OperationalError as exc:
            if lock:
                lock.release()
            raise StoreError(describe_write_error(exc.orig or exc)) from exc
        except BaseException:
            if lock:
                lock.release()
            raise
        return store

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
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise SaveFailed(describe_write_error(exc.orig or exc)) from exc
            except BaseException:
                session.rollback()
                raise

    def backup(self, target: Path | None = None, *, rotate: bool = True) -> Path:
        """A consistent copy now; into the rotating backup folder unless a target is named."""
        try:
            return backups.take_backup(self.path, target=target, rotate=rotate)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"The backup could not be written: {describe_write_error(exc)}"
            ) from exc

    def backup_if_due(self) -> Path | None:
        """At most hourly, and only when something changed since the last backup."""
        if backups.is_backup_due(self.path, datetime.now()):
            return self.backup()
        return None

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


def restore_backup(store: Store, backup: Path) -> Store:
    """Replace the open notebook with a backup (after backing up the current state)."""
    inspect_file(backup)
    path = store.path
    # Rotating now could delete the very backup being restored: rotate once it is in.
    store.backup(rotate=False)
    exclusive = store._lock is not None
    store.close()
    backups.restore_into(backup, path)
    restored = Store.open(path, exclusive=exclusive, backup_on_open=False)
    backups.rotate_backups(path, datetime.now())
    return restored
