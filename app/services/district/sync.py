"""The district sync: what changed in the notebook since the district's last acknowledged
change number goes up in batches, each committed all-or-none with the new acknowledgement.

Rows are upserted by id and land only when their change number is newer than the server's
copy, so a batch sent twice (after a kill or a lost network) changes nothing the second time.
Private notes never leave the laptop: a note made private after it was synced, and a photo
the coach does not share, is deleted from the district instead.

Rows travel as SQLite stores them (ids as hex, times as UTC text, flags as 0 or 1), copied
into a temporary table that PostgreSQL reads with the district columns' own types.
"""

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import psycopg
from psycopg import sql
from sqlalchemy import LargeBinary
from sqlmodel import SQLModel

from app.models import SyncState
from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.district.records import sync_state, synced_tables
from app.services.district.schema import district_revision
from app.store import HEAD_REVISION, Store

# The first batch; each next one is twice as big, up to MAX_BATCH_ROWS, so an everyday sync
# is one small commit and a first sync of ten years goes up in a few dozen.
BATCH_ROWS = 500
MAX_BATCH_ROWS = 20_000
# A batch also ends once the photos in it pass this size, when the coach shares photos.
MAX_BATCH_BYTES = 32 * 1024 * 1024
# The kill test's hook: "N:FILE" pauses inside batch N, its rows sent but not committed.
PAUSE_MARKER_ENV = "COACHBOOK_TEST_PAUSE_INSIDE_SYNC_BATCH"
PHOTOS = "evidence_file"
NOTES = "note"


class Change(NamedTuple):
    sequence: int
    table: str
    # The row's values as the notebook stores them, in its table's column order.
    row: tuple
    # Sent as a delete: a private note, or a photo the coach does not share.
    withheld: bool


@dataclass(frozen=True)
class SyncedTable:
    """How one notebook table is read and sent."""

    name: str
    columns: tuple[str, ...]
    # (position of a link column, the table it points to)
    parents: tuple[tuple[int, str], ...]
    # Position of the photo bytes, counted against MAX_BATCH_BYTES.
    data: int | None = None

    @property
    def id(self) -> int:
        return self.columns.index("id")


@dataclass
class SyncReport:
    where: str
    sent: dict[str, int] = field(default_factory=dict)
    withheld: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    acknowledged: int = 0

    @property
    def total_sent(self) -> int:
        return sum(self.sent.values())

    def for_json(self) -> dict:
        return {
            "server": self.where,
            "sent": dict(sorted(self.sent.items())),
            "kept_off_the_server": dict(sorted(self.withheld.items())),
            "batches": self.batches,
            "acknowledged_sequence": self.acknowledged,
        }


def sync_notebook(
    store: Store,
    address: DistrictAddress,
    *,
    password: str | None = None,
    ca_file: Path | None = None,
    batch_rows: int = BATCH_ROWS,
    max_batch_rows: int = MAX_BATCH_ROWS,
    progress: Callable[[int, int], None] | None = None,
    now: Callable[[], datetime] | None = None,
) -> SyncReport:
    """Send every change the district has not acknowledged; returns what went up.

    The first batch holds `batch_rows` rows and each next one twice as many, up to
    `max_batch_rows`."""
    state = sync_state(store)
    report = SyncReport(address.where)
    # Autocommit outside the batches, so each `transaction()` is a real commit, not a
    # savepoint inside one long transaction.
    with connect(address, ca_file=ca_file, password=password, autocommit=True) as server:
        server.execute("SET TIME ZONE 'UTC'")
        _check_schema(server, address)
        acknowledged = _acknowledged(server, address)
        if acknowledged > state.last_sequence:
            raise DistrictError(
                "The district holds changes numbered past this notebook's, as if it came "
                "from a backup older than the last sync or another laptop shares this login. "
                "Nothing was sent; ask your coordinator to check the coach's login."
            )
        tables = _tables(state.share_photos)
        changes = _read_changes(store, tables, acknowledged)
        waiting = _by_id(changes, tables)
        batches = list(_batches(changes, tables, batch_rows, max_batch_rows))
        for number, batch in enumerate(batches, start=1):
            with _in_words(address), server.transaction():
                _send(server, tables, _with_parents(batch, tables, waiting), report)
                _pause_for_kill_test(number)
                highest = batch[-1].sequence
                server.execute(
                    "UPDATE coach SET acknowledged_sequence = %s, synced_at = now() "
                    "WHERE role_name = session_user",
                    [highest],
                )
            report.batches += 1
            report.acknowledged = highest
            _remember(store, highest, now)
            if progress is not None:
                progress(number, len(batches))
        if not batches:  # nothing to send still counts as having synced
            server.execute("UPDATE coach SET synced_at = now() WHERE role_name = session_user")
        report.acknowledged = max(report.acknowledged, acknowledged)
        _remember(store, report.acknowledged, now)
    return report


def _tables(share_photos: bool) -> dict[str, SyncedTable]:
    """Every synced table, parents first; a photo not shared is read as its id only, since
    it goes up as a delete and its bytes stay unread."""
    tables = {}
    for name in synced_tables():
        table = SQLModel.metadata.tables[name]
        if name == PHOTOS and not share_photos:
            tables[name] = SyncedTable(name, ("id", "change_sequence"), ())
            continue
        columns = tuple(column.name for column in table.columns)
        parents = tuple(
            (columns.index(key.parent.name), key.column.table.name)
            for key in sorted(table.foreign_keys, key=lambda key: key.parent.name)
        )
        data = next(
            (i for i, c in enumerate(table.columns) if isinstance(c.type, LargeBinary)), None
        )
        tables[name] = SyncedTable(name, columns, parents, data)
    return tables


def _check_schema(server: psycopg.Connection, address: DistrictAddress) -> None:
    try:
        revision = district_revision(server)
    except psycopg.errors.InsufficientPrivilege:
        revision = None
    if revision is None:
        raise DistrictError(
            f"The district database at {address.where} is not set up for Coachbook yet; "
            "ask your coordinator to run `coachbook district init`."
        )
    if revision < HEAD_REVISION:
        raise DistrictError(
            f"The district database is at schema {revision}, older than this Coachbook "
            f"({HEAD_REVISION}); nothing was sent. Ask your coordinator to run "
            "`coachbook district init` to upgrade it."
        )
    if revision > HEAD_REVISION:
        raise DistrictError(
            f"The district database is at schema {revision}, newer than this Coachbook "
            f"({HEAD_REVISION}); update Coachbook, then sync again."
        )


def _acknowledged(server: psycopg.Connection, address: DistrictAddress) -> int:
    row = server.execute(
        "SELECT acknowledged_sequence FROM coach "
        "WHERE role_name = session_user AND removed_at IS NULL"
    ).fetchone()
    if row is None:
        raise DistrictError(
            f"{address.user} is not a coach of this district (or was removed); ask your "
            "coordinator for a connection line made with `coachbook district add-coach`."
        )
    return int(row[0])


def _read_changes(store: Store, tables: dict[str, SyncedTable], after: int) -> list[Change]:
    """Every row numbered after `after`, oldest change first, all read from one snapshot of
    the notebook (a read transaction, so the coach can go on writing meanwhile)."""
    changes: list[Change] = []
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN")
        for table in tables.values():
            names = ", ".join(f'"{column}"' for column in table.columns)
            rows = cursor.execute(
                f'SELECT {names} FROM "{table.name}" WHERE change_sequence > ?', (after,)
            )
            sequence = table.columns.index("change_sequence")
            if table.name == PHOTOS and table.data is None:
                changes.extend(Change(row[sequence], PHOTOS, row, True) for row in rows)
            elif table.name == NOTES:
                private = table.columns.index("is_private")
                changes.extend(
                    Change(row[sequence], NOTES, row, bool(row[private])) for row in rows
                )
            else:
                changes.extend(Change(row[sequence], table.name, row, False) for row in rows)
        cursor.execute("ROLLBACK")
    finally:
        connection.close()
    changes.sort(key=lambda change: change.sequence)
    return changes


def _by_id(changes: list[Change], tables: dict[str, SyncedTable]) -> dict[str, dict]:
    """The changes by table and id, to find the parents a batch must bring along."""
    found: dict[str, dict] = {name: {} for name in tables}
    for change in changes:
        found[change.table][change.row[tables[change.table].id]] = change
    return found


def _batches(
    changes: list[Change], tables: dict[str, SyncedTable], first: int, most: int
) -> Iterable[list[Change]]:
    """Runs of changes, each twice as long as the one before up to `most` rows (or fewer,
    once its photos pass MAX_BATCH_BYTES); rows sharing a change number stay in one batch."""
    size = first
    start = 0
    while start < len(changes):
        end = min(start + size, len(changes))
        photo_bytes = 0
        for position in range(start, end):
            change = changes[position]
            data = tables[change.table].data
            if data is not None and change.row[data] is not None:
                photo_bytes += len(change.row[data])
                if photo_bytes > MAX_BATCH_BYTES:
                    end = position + 1
                    break
        while end < len(changes) and changes[end].sequence == changes[end - 1].sequence:
            end += 1
        yield changes[start:end]
        start = end
        size = max(first, min(size * 2, most))


def _with_parents(
    batch: list[Change], tables: dict[str, SyncedTable], waiting: dict[str, dict]
) -> list[Change]:
    """The batch plus each row it links to that changed after the batch's last number (so
    the district may not have it yet), repeated up the chain of links.

    Such a row was read with the batch, from the same snapshot: every row numbered after
    the district's acknowledgement is among `waiting`."""
    highest = batch[-1].sequence
    present = {name: set() for name in tables}
    for change in batch:
        present[change.table].add(change.row[tables[change.table].id])
    result = list(batch)
    pending = batch
    while pending:
        found = []
        for change in pending:
            for position, target in tables[change.table].parents:
                value = change.row[position]
                if value is None or value in present[target]:
                    continue
                parent = waiting[target].get(value)
                if parent is not None and parent.sequence > highest:
                    present[target].add(value)
                    found.append(parent)
        result.extend(found)
        pending = found
    return result


def _send(
    server: psycopg.Connection,
    tables: dict[str, SyncedTable],
    rows: list[Change],
    report: SyncReport,
) -> None:
    """Upsert the rows parents first; withheld rows are deleted from the district."""
    by_table: dict[str, list[Change]] = {name: [] for name in tables}
    for change in rows:
        by_table[change.table].append(change)
    for name, changes in by_table.items():
        table = tables[name]
        upserts = [c.row for c in changes if not c.withheld]
        withheld = [c.row[table.id] for c in changes if c.withheld]
        if upserts:
            _upsert(server, table, upserts)
            report.sent[name] = report.sent.get(name, 0) + len(upserts)
        if withheld:
            server.execute(
                sql.SQL("DELETE FROM {} WHERE id = ANY(%s::uuid[])").format(sql.Identifier(name)),
                [withheld],
            )
            report.withheld[name] = report.withheld.get(name, 0) + len(withheld)


def _upsert(server: psycopg.Connection, table: SyncedTable, rows: list[tuple]) -> None:
    """COPY the rows into a temporary table typed like the district's (it goes at commit),
    then one INSERT … ON CONFLICT from it."""
    target = sql.Identifier(table.name)
    incoming = sql.Identifier(f"incoming_{table.name}")
    names = sql.SQL(", ").join(sql.Identifier(c) for c in table.columns)
    updates = sql.SQL(", ").join(
        sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in table.columns if c != "id"
    )
    server.execute(
        sql.SQL(
            "CREATE TEMPORARY TABLE {incoming} ON COMMIT DROP AS "
            "SELECT {names} FROM {target} WITH NO DATA"
        ).format(incoming=incoming, names=names, target=target)
    )
    with server.cursor() as cursor:
        with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(incoming, names)) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            sql.SQL(
                "INSERT INTO {target} ({names}) SELECT {names} FROM {incoming} "
                "ON CONFLICT (id) DO UPDATE SET {updates} "
                "WHERE {target}.change_sequence < EXCLUDED.change_sequence"
            ).format(target=target, names=names, incoming=incoming, updates=updates)
        )


def _remember(store: Store, acknowledged: int, now: Callable[[], datetime] | None) -> None:
    with store.session() as session:
        state = session.get(SyncState, 1)
        if state is None:
            return
        state.synced_sequence = acknowledged
        state.synced_at = (now or store.clock)()
        session.add(state)


def _pause_for_kill_test(batch_number: int) -> None:
    wanted, _, marker = os.environ.get(PAUSE_MARKER_ENV, "").partition(":")
    if not marker or int(wanted) != batch_number:
        return
    Path(marker).touch()
    deadline = time.monotonic() + 60
    while Path(marker).exists() and time.monotonic() < deadline:
        time.sleep(0.01)


@contextmanager
def _in_words(address: DistrictAddress) -> Iterator[None]:
    """A lost connection or a refusal mid-batch: the batch was rolled back on the server."""
    try:
        yield
    except psycopg.OperationalError:
        raise DistrictError(
            f"The connection to {address.where} was lost during the sync. "
            "What was sent before is kept; sync again to send the rest.",
            unreachable=True,
        ) from None
    except psycopg.Error as exc:
        raise DistrictError(
            f"The district refused a change: {exc.diag.message_primary or exc}. "
            "Nothing of that batch was kept; everything stays saved on this laptop."
        ) from None
