"""SQLAlchemy engines on a notebook file: pragmas, transactions, change stamps, migrations.

SQLite specifics live here and nowhere else, so the models stay portable.
"""

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, create_engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from app import backups
from app.models.base import Record, utc_now
from app.notebook_file import SaveFailed, migrations_dir
from app.paths import backup_dir_for, make_private


def alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


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
    now = store.clock() if store is not None else utc_now()
    for obj in session.dirty:
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


event.listen(Session, "before_flush", _stamp_updated_at)


def make_engine(
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


def tighten(path: Path) -> None:
    """Owner-only modes on the notebook, its -wal, -shm and lock, and its backups folder."""
    for side in ("", "-wal", "-shm", ".lock"):
        make_private(Path(f"{path}{side}"))
    folder = backup_dir_for(path)
    for each in (folder.parent, folder):
        if each.is_dir():
            make_private(each, folder=True)


def number_every_change(connection) -> None:
    """The triggers that number each insert and update, on every record table.

    Migration 0006 made them; a table a later migration adds, or rebuilds (SQLite's batch
    mode copies a table to alter it, and its triggers go with the old copy), gets them here,
    after every upgrade.
    """
    from sqlmodel import SQLModel

    for table in SQLModel.metadata.sorted_tables:
        if "change_sequence" not in table.c:
            continue
        number_row = (
            "UPDATE sync_state SET last_sequence = last_sequence + 1 WHERE id = 1; "
            f"UPDATE {table.name} SET change_sequence = "
            "(SELECT last_sequence FROM sync_state WHERE id = 1) WHERE id = NEW.id;"
        )
        connection.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table.name}_numbered_on_insert AFTER INSERT ON "
            f"{table.name} BEGIN {number_row} END"
        )
        connection.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table.name}_numbered_on_update AFTER UPDATE ON "
            f"{table.name} WHEN NEW.change_sequence = OLD.change_sequence BEGIN {number_row} END"
        )
