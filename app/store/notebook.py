"""One open notebook: opening it safely, its units of work, its backups and its checks."""

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from app import backups
from app.models.base import utc_now
from app.notebook_file import (
    HEAD_REVISION,
    BackgroundInspection,
    DamagedNotebook,
    NotACoachbookFile,
    NotebookInUse,
    NotebookUnreadable,
    SaveFailed,
    StoreError,
    inspect_file,
    io_problem,
    problem_lines,
)
from app.paths import backup_dir_for, create_private_file, private_folder
from app.store.engine import alembic_config, make_engine, number_every_change, tighten
from app.store.locking import APP_HOLDER, CLI_HOLDER, FileLock, in_use_message
from app.store.problems import (
    damage_found_message,
    damaged_empty_message,
    describe_write_error,
    failure_reason,
    reads_as_damage,
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
        lock: FileLock | None,
        *,
        read_only: bool = False,
        passphrase: str | None = None,
        clock: Callable[[], datetime] = utc_now,
    ):
        self.path = path
        # Stamps `updated_at` and times backups; tests hand in a clock they move.
        self.clock = clock
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
        clock: Callable[[], datetime] = utc_now,
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
            raise DamagedNotebook(damaged_empty_message(path))
        try:
            if not path.parent.exists():
                private_folder(path.parent)
            if not path.exists():
                create_private_file(path)
            tighten(path)
        except OSError as exc:
            raise StoreError(f"Couldn't create the folder for “{path.name}”: {exc}.") from exc
        lock = None
        if exclusive:
            lock = FileLock(path.with_name(path.name + ".lock"), holder)
            if not lock.acquire():
                held_by = lock.current_holder()
                raise NotebookInUse(in_use_message(path, held_by, holder), held_by)
            backups.clean_leftovers(path)
        try:
            if revision is not None and revision != HEAD_REVISION:
                cls._back_up_before_upgrade(path, passphrase)
            engine = make_engine(path, passphrase=key or passphrase)
            store = cls(path, engine, lock, passphrase=passphrase, clock=clock)
            if revision != HEAD_REVISION:
                store._migrate()
            else:
                # Connect now: a disk too full for the write-ahead log is told at open.
                with store.engine.connect():
                    pass
            tighten(path)
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
        engine = make_engine(path, read_only=True, passphrase=key)
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
            raise DamagedNotebook(damage_found_message(path, exc.problems)) from exc
        except (OSError, *backups.database_errors()) as exc:
            raise StoreError(
                f"“{path.name}” needs upgrading for this Coachbook, and a backup comes first, "
                f"but backups can't be written to {backup_dir_for(path)}: "
                f"{failure_reason(exc, path.parent)} Nothing was changed; fix that, then open it "
                "again."
            ) from exc

    def _migrate(self) -> None:
        from alembic import command

        with self.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            number_every_change(connection)

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
            if not isinstance(exc, OSError) and reads_as_damage(exc):
                # The copy could not read a page of the notebook: that is the notebook's
                # damage, never the backup folder's fault.
                self.stop_writing([str(exc)])
                raise DamagedNotebook(self.write_refusal) from exc
            raise StoreError(
                f"Backups can't be written to {folder}: {failure_reason(exc, self.path.parent)}"
            ) from exc

    def backup_if_due(self) -> Path | None:
        """At most hourly, and only when something changed since the last backup."""
        if backups.is_backup_due(self.path, self.local_now()):
            return self.backup()
        return None

    def local_now(self) -> datetime:
        """The store's clock as local wall time, as backups are named and kept."""
        return self.clock().astimezone().replace(tzinfo=None)

    def stop_writing(self, problems: list[str]) -> None:
        """Damage was found: refuse every later write, so it is not spread."""
        self.write_refusal = damage_found_message(self.path, problems)

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
