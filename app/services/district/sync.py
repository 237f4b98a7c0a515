"""The district sync: what changed in the notebook since the district's last acknowledged
change number goes up in batches, each committed all-or-none with the new acknowledgement.

Rows are upserted by id and land only when their change number is newer than the server's
copy, so a batch sent twice (after a kill or a lost network) changes nothing the second time.
Private notes never leave the laptop: a note made private after it was synced, and a photo
the coach does not share, is deleted from the district instead.
"""

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import Table, select
from sqlmodel import SQLModel

from app.models import SyncState
from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.district.records import sync_state, synced_tables
from app.services.district.schema import district_revision
from app.store import HEAD_REVISION, Store

BATCH_ROWS = 500
# The kill test's hook: "N:FILE" pauses inside batch N, its rows sent but not committed.
PAUSE_MARKER_ENV = "COACHBOOK_TEST_PAUSE_INSIDE_SYNC_BATCH"
PHOTOS = "evidence_file"
NOTES = "note"


@dataclass(frozen=True)
class Change:
    table: str
    sequence: int
    row: dict
    # Sent as a delete: a private note, or a photo the coach does not share.
    withheld: bool


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
    progress: Callable[[int, int], None] | None = None,
    now: Callable[[], datetime] | None = None,
) -> SyncReport:
    """Send every change the district has not acknowledged; returns what went up."""
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
        changes = _read_changes(store, acknowledged, state.share_photos)
        batches = list(_batches(changes, batch_rows))
        for number, batch in enumerate(batches, start=1):
            with _in_words(address), server.transaction():
                _send(server, store, batch, report)
                _pause_for_kill_test(number)
                highest = batch[-1].sequence
                server.execute(
                    "UPDATE coach SET acknowledged_sequence = %s WHERE role_name = session_user",
                    [highest],
                )
            report.batches += 1
            report.acknowledged = highest
            _remember(store, highest, now)
            if progress is not None:
                progress(number, len(batches))
        report.acknowledged = max(report.acknowledged, acknowledged)
        _remember(store, report.acknowledged, now)
    return report


def _tables() -> list[Table]:
    return [SQLModel.metadata.tables[name] for name in synced_tables()]


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


def _read_changes(store: Store, after: int, share_photos: bool) -> list[Change]:
    """Every row numbered after `after`, oldest change first."""
    changes = []
    with store.session() as session:
        connection = session.connection()
        for table in _tables():
            # A photo not shared only goes up as its delete: its bytes stay unread.
            withheld_whole = table.name == PHOTOS and not share_photos
            columns = (table.c.id, table.c.change_sequence) if withheld_whole else (table,)
            rows = connection.execute(
                select(*columns).where(table.c.change_sequence > after)
            ).mappings()
            for row in rows:
                withheld = (table.name == NOTES and row["is_private"]) or (
                    table.name == PHOTOS and not share_photos
                )
                changes.append(Change(table.name, row["change_sequence"], dict(row), withheld))
    changes.sort(key=lambda change: change.sequence)
    return changes


def _batches(changes: list[Change], size: int) -> Iterable[list[Change]]:
    """Runs of `size` changes; rows sharing a change number stay in one batch."""
    start = 0
    while start < len(changes):
        end = min(start + size, len(changes))
        while end < len(changes) and changes[end].sequence == changes[end - 1].sequence:
            end += 1
        yield changes[start:end]
        start = end


def _send(server: psycopg.Connection, store: Store, batch: list[Change], report) -> None:
    """Upsert the batch parents first, pulling in parents changed later than the batch so
    every link lands whole; withheld rows are deleted from the district."""
    rows = _with_parents(store, batch)
    order = {name: position for position, name in enumerate(synced_tables())}
    by_table: dict[str, list[Change]] = {}
    for change in sorted(rows, key=lambda c: order[c.table]):
        by_table.setdefault(change.table, []).append(change)
    for name, changes in by_table.items():
        upserts = [c.row for c in changes if not c.withheld]
        withheld = [c.row["id"] for c in changes if c.withheld]
        if upserts:
            _upsert(server, SQLModel.metadata.tables[name], upserts)
            report.sent[name] = report.sent.get(name, 0) + len(upserts)
        if withheld:
            server.execute(
                sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(sql.Identifier(name)),
                [withheld],
            )
            report.withheld[name] = report.withheld.get(name, 0) + len(withheld)


def _with_parents(store: Store, batch: list[Change]) -> list[Change]:
    """The batch plus each row it links to that changed after the batch's last number (so
    the district may not have it yet), repeated up the chain of links."""
    highest = batch[-1].sequence
    present = {(c.table, c.row["id"]) for c in batch}
    result = list(batch)
    pending = list(batch)
    with store.session() as session:
        connection = session.connection()
        while pending:
            wanted: dict[str, set[uuid.UUID]] = {}
            for change in pending:
                table = SQLModel.metadata.tables[change.table]
                for key in table.foreign_keys:
                    value = change.row.get(key.parent.name)
                    target = key.column.table.name
                    if value is not None and (target, value) not in present:
                        wanted.setdefault(target, set()).add(value)
            pending = []
            for name, ids in wanted.items():
                table = SQLModel.metadata.tables[name]
                found = connection.execute(
                    select(table).where(table.c.id.in_(ids), table.c.change_sequence > highest)
                ).mappings()
                for row in found:
                    change = Change(name, row["change_sequence"], dict(row), withheld=False)
                    present.add((name, row["id"]))
                    result.append(change)
                    pending.append(change)
    return result


def _upsert(server: psycopg.Connection, table: Table, rows: list[dict]) -> None:
    columns = [column.name for column in table.columns]
    names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    updates = sql.SQL(", ").join(
        sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in columns if c != "id"
    )
    statement = sql.SQL(
        "INSERT INTO {table} ({names}) VALUES ({values}) ON CONFLICT (id) DO UPDATE SET "
        "{updates} WHERE {table}.change_sequence < EXCLUDED.change_sequence"
    ).format(
        table=sql.Identifier(table.name),
        names=names,
        values=sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        updates=updates,
    )
    with server.cursor() as cursor:
        cursor.executemany(statement, [[row[c] for c in columns] for row in rows])


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
