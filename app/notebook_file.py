"""Checking a notebook file before anything writes to it, cheaply importable.

Only the standard library is imported here, so start-up can begin this check on a thread
while Qt and SQLAlchemy are still importing.
"""

import errno
import shutil
import sqlite3
import threading
from pathlib import Path

from app import backups
from app.errors import CoachbookError

# The newest migration this build knows. A test keeps it equal to the migrations' head,
# so opening an up-to-date notebook never needs to import Alembic.
HEAD_REVISION = "0010"
SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGE_ADVICE = (
    "It was left untouched; restore its latest backup (File ▸ Restore from backup…, or "
    "copy one from the backups folder beside it)."
)
_FOREIGN = (
    "“{name}” is a database, but not a Coachbook notebook. It was left untouched; "
    "choose your notebook file instead."
)


class StoreError(CoachbookError):
    """A problem with the notebook file, worded for the coach."""


class NotACoachbookFile(StoreError):
    pass


class DamagedNotebook(StoreError):
    pass


class NewerNotebook(StoreError):
    pass


class NotebookInUse(StoreError):
    """Another Coachbook window or command holds the notebook; `holder` says which."""

    def __init__(self, message: str, holder: str | None = None):
        super().__init__(message)
        self.holder = holder


class SaveFailed(StoreError):
    pass


class NotebookUnreadable(StoreError):
    """The file could not be read or written for a reason outside it (disk, permissions)."""


class PassphraseNeeded(StoreError):
    """The notebook is protected and no passphrase was given."""


class WrongPassphrase(StoreError):
    """A passphrase that doesn't open this notebook (told apart from damage where it can be)."""


def passphrase_needed_message(path: Path) -> str:
    return f"“{path.name}” is protected with a passphrase."


def wrong_passphrase_message(path: Path) -> str:
    return f"That passphrase doesn't open “{path.name}”. Check it (is Caps Lock on?) and try again."


# SQLite's own words for a file whose pages are wrong, not for a disk that failed it.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
LOW_SPACE_BYTES = 1024 * 1024


def is_damage(exc: BaseException) -> bool:
    return str(getattr(exc, "sqlite_errorname", "")).startswith(_DAMAGE_CODES)


def disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def io_problem(path: Path, exc: BaseException) -> str:
    """An I/O failure around a notebook, worded so it is never mistaken for damage."""
    full = getattr(exc, "errno", None) in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    full = full or "full" in str(exc).lower() or disk_is_full(path.parent)
    if full:
        return (
            f"The disk is full, so “{path.name}” can't be opened for writing: free some "
            "space, then open it again. Your notebook is safe."
        )
    if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM):
        return (
            f"Coachbook may not read or write “{path}”. Check the file's permissions; "
            "your notebook was left as it is."
        )
    return (
        f"“{path.name}” couldn't be read ({exc}). Check the disk or drive it is on, then "
        "try again; the file was left as it is."
    )


def inspect_file(
    path: Path, passphrase: str | None = None, key: "backups.RawKey | None" = None
) -> str | None:
    """Check a notebook without writing to it. Returns its revision (None: empty file).

    A protected notebook needs its passphrase (and `key`, when already derived from it).
    Raises NotACoachbookFile, DamagedNotebook, NewerNotebook, PassphraseNeeded or
    WrongPassphrase.
    """
    name = path.name
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise NotebookUnreadable(io_problem(path, exc)) from exc
    if not header:
        return None
    opened_with = None
    if header != SQLITE_HEADER:
        if not backups.is_protected_file(path):
            raise NotACoachbookFile(
                f"“{name}” is not a Coachbook notebook (it is not a database). It was left "
                "untouched; choose your notebook file instead."
            )
        if passphrase is None:
            raise PassphraseNeeded(passphrase_needed_message(path))
        opened_with = key or passphrase
    # Read-only still leaves -wal and -shm files beside a WAL database. With no -wal
    # there is no log to read, so open the file as immutable and create nothing.
    params = {"mode": "ro"} if Path(f"{path}-wal").exists() else {"mode": "ro", "immutable": "1"}
    errors = backups.database_errors() if opened_with is None else (sqlite3.Error, _driver_error())
    try:
        conn = backups.connect(path, opened_with, **params)
    except errors as exc:
        if is_damage(exc):
            raise DamagedNotebook(f"“{name}” could not be opened: {exc}. {_DAMAGE_ADVICE}") from exc
        raise NotebookUnreadable(io_problem(path, exc)) from exc
    try:
        if opened_with is not None:
            # SQLCipher checks every page's HMAC as it is read, so a damaged page can't be
            # read, let alone written on; the whole-file check follows once the window is up.
            # Decrypting every page here would double a large notebook's start-up.
            _check_key(conn, path, passphrase)
        else:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                problem = problem_lines([verdict])[0]
                raise DamagedNotebook(f"“{name}” is damaged ({problem}). {_DAMAGE_ADVICE}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "alembic_version" not in tables or "teacher" not in tables:
            raise NotACoachbookFile(_FOREIGN.format(name=name))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except errors as exc:
        if is_damage(exc) or backups.error_kind(exc) == "DatabaseError":
            raise DamagedNotebook(f"“{name}” is damaged ({exc}). {_DAMAGE_ADVICE}") from exc
        raise NotebookUnreadable(io_problem(path, exc)) from exc
    finally:
        conn.close()
    if row is None:
        raise NotACoachbookFile(_FOREIGN.format(name=name))
    revision = row[0]
    if revision != HEAD_REVISION and revision not in known_revisions():
        raise NewerNotebook(
            f"“{name}” was made by a newer Coachbook. Update Coachbook to open it; "
            "the file was left untouched."
        )
    return revision


def _driver_error() -> type[Exception]:
    return backups.sqlcipher().Error


def _check_key(conn, path: Path, passphrase: str) -> None:
    """SQLCipher checks the first page's HMAC: a wrong passphrase and a damaged first page
    look alike there. When the same passphrase opens the newest backup (always encrypted
    with the notebook's passphrase of the time), it is the right one: the notebook is
    damaged. Older backups may keep an earlier passphrase, so they prove nothing."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _driver_error() as exc:
        if backups.error_kind(exc) == "OperationalError" and not is_damage(exc):
            raise NotebookUnreadable(io_problem(path, exc)) from exc
        newest = backups.list_backups(path)[:1]
        if newest and backups.opens_with(newest[0].path, passphrase):
            raise DamagedNotebook(
                f"“{path.name}” is damaged: its first page can't be read, though your "
                f"passphrase opens its backups. {_DAMAGE_ADVICE}"
            ) from exc
        raise WrongPassphrase(wrong_passphrase_message(path)) from exc


def problem_lines(reports: list[str]) -> list[str]:
    """SQLite's check reports, one problem per line, without the "*** in database" heading."""
    lines = [line.strip() for report in reports for line in report.splitlines()]
    return [line for line in lines if line and not line.startswith("***")] or reports


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(migrations_dir())).walk_revisions()}


def migrations_dir() -> Path:
    return Path(__file__).with_name("migrations")


class BackgroundInspection:
    """`inspect_file` on a thread (SQLite and hashlib release the GIL), joined before any
    write.

    Without a passphrase a protected notebook raises PassphraseNeeded; with one (given on the
    command line), the key is derived here too, while Qt imports.
    """

    def __init__(self, path: Path, passphrase: str | None = None):
        self.path = Path(path)
        # As Store.open takes it: a plain notebook needs none.
        protected = passphrase is not None and backups.is_protected_file(self.path)
        self.passphrase = passphrase if protected else None
        self.key: backups.RawKey | None = None
        self._revision: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="inspect-notebook", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self.passphrase is not None:
                self.key = backups.derive_key(self.path, self.passphrase)
            self._revision = inspect_file(self.path, self.passphrase, self.key)
        except BaseException as exc:  # re-raised on the caller's thread by result()
            self._error = exc

    def result(self) -> str | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._revision
