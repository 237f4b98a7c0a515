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
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql
from sqlmodel import SQLModel

from app.models import SyncState
from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.district.records import sync_state, synced_tables
from app.services.district.schema import CURRENT_COACH, district_revision
from app.store import HEAD_REVISION, Store

# The first batch; each next one is twice as big, up to MAX_BATCH_ROWS, so an everyday sync
# is one small commit and a first sync of ten years goes up in about twenty.
BATCH_ROWS = 500
MAX_BATCH_ROWS = 20_000
# A batch also ends once the photos in it pass this size, when the coach shares photos.
MAX_BATCH_BYTES = 32 * 1024 * 1024
# The kill test's hook: "N:FILE" pauses inside batch N, its rows sent but not committed.
PAUSE_MARKER_ENV = "COACHBOOK_TEST_PAUSE_INSIDE_SYNC_BATCH"
PHOTOS = "evidence_file"
NOTES = "note"


@dataclass(frozen=True)
class SyncedTable:
    """How one notebook table is read and sent."""

    name: str
    columns: tuple[str, ...]
    # (position of a link column, the table it points to)
    parents: tuple[tuple[int, str], ...] = ()
    # Every row goes up as a delete: the photos, when the coach does not share them.
    withheld: bool = False

    def position(self, column: str) -> int:
        return self.columns.index(column)


@dataclass
class Waiting:
    """One table's rows numbered after the district's acknowledgement, oldest change first,
    as SQLite stores them (in the table's column order)."""

    table: SyncedTable
    rows: list[tuple]
    numbers: list[int]
    # Rows by id, for the tables other rows link to.
    by_id: dict = field(default_factory=dict)

    def between(self, low: int, high: int) -> list[tuple]:
        """The rows numbered after `low` up to `high`."""
        return self.rows[bisect_right(self.numbers, low) : bisect_right(self.numbers, high)]


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

    The first batch holds about `batch_rows` rows, and each next one twice as many up to
    `max_batch_rows`: an everyday sync is one small commit, a first sync about twenty."""
    state = sync_state(store)
    report = SyncReport(address.where)
    # Autocommit outside the batches, so each `transaction()` is a real commit, not a
    # savepoint inside one long transaction.
    with connect(address, ca_file=ca_file, password=password, autocommit=True) as server:
        # The notebook's times travel as the UTC text SQLite holds, read in this zone.
        server.execute("SET TIME ZONE 'UTC'")
        _check_schema(server, address)
        acknowledged = _acknowledged(server, address)
        if acknowledged > state.last_sequence:
            raise DistrictError(
                "The district holds changes numbered past this notebook's, as if it came "
                "from a backup older than the last sync or another laptop shares this login. "
                "Nothing was sent; ask your coordinator to check the coach's login."
            )
        waiting = _read_changes(store, _tables(state.share_photos), acknowledged)
        batches = _batches(waiting, acknowledged, batch_rows, max_batch_rows)
        low = acknowledged
        for number, high in enumerate(batches, start=1):
            with _in_words(address), server.transaction():
                _send(server, waiting, low, high, report)
                _pause_for_kill_test(number)
                server.execute(
                    "UPDATE coach SET acknowledged_sequence = %s, synced_at = now() "
                    "WHERE role_name = session_user",
                    [high],
                )
            report.batches += 1
            report.acknowledged = low = high
            _remember(store, high, now)
            if progress is not None:
                progress(number, len(batches))
        if not batches:  # nothing to send still counts as having synced
            server.execute("UPDATE coach SET synced_at = now() WHERE role_name = session_user")
        report.acknowledged = max(report.acknowledged, acknowledged)
        _remember(store, report.acknowledged, now)
    return report


def _tables(share_photos: bool) -> list[SyncedTable]:
    """Every synced table, parents first; a photo not shared is read as its id only, since
    it goes up as a delete and its bytes stay unread."""
    tables = []
    for name in synced_tables():
        table = SQLModel.metadata.tables[name]
        if name == PHOTOS and not share_photos:
            tables.append(SyncedTable(name, ("id", "change_sequence"), withheld=True))
            continue
        columns = tuple(column.name for column in table.columns)
        parents = tuple(
            (columns.index(key.parent.name), key.column.table.name)
            for key in sorted(table.foreign_keys, key=lambda key: key.parent.name)
        )
        tables.append(SyncedTable(name, columns, parents))
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


def _read_changes(store: Store, tables: list[SyncedTable], after: int) -> dict[str, Waiting]:
    """Every row numbered after `after`, table by table, all from one snapshot of the
    notebook: a read transaction, so the coach can go on writing meanwhile."""
    linked_to = {target for table in tables for _, target in table.parents}
    waiting = {}
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN")
        for table in tables:
            names = ", ".join(f'"{column}"' for column in table.columns)
            rows = cursor.execute(
                f'SELECT {names} FROM "{table.name}" WHERE change_sequence > ? '
                "ORDER BY change_sequence",
                (after,),
            ).fetchall()
            number = table.position("change_sequence")
            found = Waiting(table, rows, [row[number] for row in rows])
            if table.name in linked_to:
                id_ = table.position("id")
                found.by_id = {row[id_]: row for row in rows}
            waiting[table.name] = found
        cursor.execute("ROLLBACK")
    finally:
        connection.close()
    return waiting


def _batches(waiting: dict[str, Waiting], after: int, first: int, most: int) -> list[int]:
    """The highest change number of each batch: about `first` rows, then twice as many each
    time up to `most` (fewer once the photos in one pass MAX_BATCH_BYTES). A batch is a run
    of change numbers, so rows sharing a number always travel together."""
    numbers = sorted(number for table in waiting.values() for number in table.numbers)
    photos = waiting[PHOTOS]
    data = None if photos.table.withheld else photos.table.position("data")
    highs = []
    size, start, low = first, 0, after
    while start < len(numbers):
        high = numbers[min(start + size, len(numbers)) - 1]
        if data is not None:
            high = min(high, _photo_limit(photos, data, low, high))
        highs.append(high)
        start = bisect_right(numbers, high, lo=start)
        low = high
        size = max(first, min(size * 2, most))
    return highs


def _photo_limit(photos: Waiting, data: int, low: int, high: int) -> int:
    """`high`, or the number of the photo that takes the batch past MAX_BATCH_BYTES."""
    total = 0
    for row in photos.between(low, high):
        total += len(row[data])
        if total > MAX_BATCH_BYTES:
            return row[photos.table.position("change_sequence")]
    return high


def _with_parents(waiting: dict[str, Waiting], low: int, high: int) -> dict[str, list[tuple]]:
    """The rows of the batch numbered after `low` up to `high`, table by table, plus each
    row they link to that changed after `high` (so the district may not have it yet),
    repeated up the chain of links.

    A linked row changed after `high` was read with the batch, from the same snapshot:
    every row numbered after the district's acknowledgement is waiting."""
    batch = {name: table.between(low, high) for name, table in waiting.items()}
    pending = batch
    brought: dict[str, set] = {name: set() for name in waiting}
    while any(pending.values()):
        found: dict[str, list[tuple]] = {name: [] for name in waiting}
        for name, rows in pending.items():
            for position, target in waiting[name].table.parents:
                parents = waiting[target]
                if not parents.numbers or parents.numbers[-1] <= high:
                    continue  # nothing of the parent table is newer than the batch
                number = parents.table.position("change_sequence")
                for row in rows:
                    parent = parents.by_id.get(row[position])
                    if (
                        parent is not None
                        and parent[number] > high
                        and row[position] not in brought[target]
                    ):
                        brought[target].add(row[position])
                        found[target].append(parent)
        for name, rows in found.items():
            batch[name] = batch[name] + rows
        pending = found
    return batch


def _send(
    server: psycopg.Connection,
    waiting: dict[str, Waiting],
    low: int,
    high: int,
    report: SyncReport,
) -> None:
    """Upsert the batch's rows, parents first; withheld rows are deleted from the district."""
    for name, rows in _with_parents(waiting, low, high).items():
        table = waiting[name].table
        if table.withheld:
            upserts, withheld = [], rows
        elif name == NOTES:
            private = table.position("is_private")
            upserts = [row for row in rows if not row[private]]
            withheld = [row for row in rows if row[private]]
        else:
            upserts, withheld = rows, []
        if upserts:
            _upsert(server, table, upserts)
            report.sent[name] = report.sent.get(name, 0) + len(upserts)
        if withheld:
            id_ = table.position("id")
            server.execute(
                sql.SQL("DELETE FROM {} WHERE id = ANY(%s::uuid[])").format(sql.Identifier(name)),
                [[row[id_] for row in withheld]],
            )
            report.withheld[name] = report.withheld.get(name, 0) + len(withheld)


def _upsert(server: psycopg.Connection, table: SyncedTable, rows: list[tuple]) -> None:
    """COPY the rows into a temporary table typed like the district's (dropped at commit),
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
        # The coach id once for the statement: as the column's default it is looked up
        # again for every row, which took a third of the server's time.
        cursor.execute(
            sql.SQL(
                "INSERT INTO {target} ({names}, coach_id) "
                "SELECT {names}, (SELECT {coach_id}()) FROM {incoming} "
                "ON CONFLICT (id) DO UPDATE SET {updates} "
                "WHERE {target}.change_sequence < EXCLUDED.change_sequence"
            ).format(
                target=target,
                names=names,
                coach_id=sql.Identifier(CURRENT_COACH),
                incoming=incoming,
                updates=updates,
            )
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
