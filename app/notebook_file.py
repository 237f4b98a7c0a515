"""Checking a notebook file before anything writes to it, cheaply importable.

Only the standard library is imported here, so start-up can begin this check on a thread
while Qt and SQLAlchemy are still importing.
"""

import sqlite3
import threading
from pathlib import Path

from app.backups import sqlite_uri

# The newest migration this build knows. A test keeps it equal to the migrations' head,
# so opening an up-to-date notebook never needs to import Alembic.
HEAD_REVISION = "0003"
SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGE_ADVICE = (
    "It was left untouched; restore its latest backup (File ▸ Restore from backup…, or "
    "copy one from the backups folder beside it)."
)
_FOREIGN = (
    "“{name}” is a database, but not a Coachbook notebook. It was left untouched; "
    "choose your notebook file instead."
)


class StoreError(Exception):
    """A problem with the notebook file, worded for the coach."""


class NotACoachbookFile(StoreError):
    pass


class DamagedNotebook(StoreError):
    pass


class NewerNotebook(StoreError):
    pass


class NotebookInUse(StoreError):
    pass


class SaveFailed(StoreError):
    pass


def inspect_file(path: Path) -> str | None:
    """Check a notebook without writing to it. Returns its revision (None: empty file).

    Raises NotACoachbookFile, DamagedNotebook or NewerNotebook.
    """
    name = path.name
    with open(path, "rb") as fh:
        header = fh.read(16)
    if not header:
        return None
    if header != SQLITE_HEADER:
        raise NotACoachbookFile(
            f"“{name}” is not a Coachbook notebook (it is not a database). It was left "
            "untouched; choose your notebook file instead."
        )
    # Read-only still leaves -wal and -shm files beside a WAL database. With no -wal
    # there is no log to read, so open the file as immutable and create nothing.
    params = {"mode": "ro"} if Path(f"{path}-wal").exists() else {"mode": "ro", "immutable": "1"}
    try:
        conn = sqlite3.connect(sqlite_uri(path, **params), uri=True)
    except sqlite3.Error as exc:
        raise DamagedNotebook(f"“{name}” could not be opened: {exc}. {_DAMAGE_ADVICE}") from exc
    try:
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
    except sqlite3.DatabaseError as exc:
        raise DamagedNotebook(f"“{name}” is damaged ({exc}). {_DAMAGE_ADVICE}") from exc
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
    """`inspect_file` on a thread (SQLite releases the GIL), joined before any write."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._revision: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="inspect-notebook", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._revision = inspect_file(self.path)
        except BaseException as exc:  # re-raised on the caller's thread by result()
            self._error = exc

    def result(self) -> str | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._revision
