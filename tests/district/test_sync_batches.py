"""How the district sync cuts a notebook into batches: a small first batch, then each twice
as big; runs of change numbers kept whole; newer parents brought along; and a grown batch
cut off midway keeps nothing of itself."""

import threading
import time
from itertools import pairwise

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, select

from app.cli import main
from app.models import CoachingCycle, School, SyncState, Teacher
from app.services.district import sync
from app.services.district.address import DistrictError, parse_address
from app.services.district.records import changes_waiting, sync_state, synced_tables
from app.services.district.sync import PAUSE_MARKER_ENV, sync_notebook
from tests.district.test_sync import local_rows, server_rows


@pytest.fixture
def coach_line(district_db, capsys) -> str:
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def change_numbers(store) -> list[int]:
    """The change number of every synced row, withheld ones too, in order."""
    with store.session() as session:
        connection = session.connection()
        return sorted(
            number
            for name in synced_tables()
            for (number,) in connection.execute(text(f"SELECT change_sequence FROM {name}"))
        )


def acknowledged(line: str) -> int:
    with psycopg.connect(line) as connection:
        return connection.execute("SELECT acknowledged_sequence FROM coach").fetchone()[0]


def test_each_batch_is_twice_the_one_before_up_to_the_largest(demo_store, coach_line):
    numbers = change_numbers(demo_store)
    assert len(numbers) == len(set(numbers)), "the demo numbers every row apart"
    highs = []
    sync_notebook(
        demo_store,
        parse_address(coach_line),
        batch_rows=50,
        max_batch_rows=300,
        progress=lambda _done, _total: highs.append(sync_state(demo_store).synced_sequence),
    )

    sizes = [sum(low < n <= high for n in numbers) for low, high in pairwise([0, *highs])]
    expected, left, size = [], len(numbers), 50
    while left:
        expected.append(min(size, left))
        left -= expected[-1]
        size = min(size * 2, 300)
    assert sizes == expected
    assert server_rows(coach_line) == local_rows(demo_store)


def test_rows_sharing_a_change_number_travel_in_one_batch(demo_store, coach_line):
    shared = change_numbers(demo_store)[40]
    with demo_store.session() as session:
        # Set outright, the numbering trigger leaves them alike, as a bulk change could.
        session.exec(
            text(
                "UPDATE observation_interval SET change_sequence = :n WHERE id IN "
                "(SELECT id FROM observation_interval ORDER BY change_sequence LIMIT 60)"
            ),
            params={"n": shared},
        )
    alike = sum(n == shared for _, n in local_rows(demo_store)["observation_interval"])
    assert alike == 60
    on_server = []

    def count_sweeps(_done: int, _total: int) -> None:
        sweeps = server_rows(coach_line)["observation_interval"]
        on_server.append(sum(n == shared for _, n in sweeps))

    sync_notebook(demo_store, parse_address(coach_line), batch_rows=30, progress=count_sweeps)
    assert set(on_server) == {0, alike}
    assert server_rows(coach_line) == local_rows(demo_store)


def test_a_batch_brings_the_newer_rows_it_links_to_up_the_chain(demo_store, coach_line):
    with demo_store.session() as session:
        cycle = session.exec(select(CoachingCycle).order_by(CoachingCycle.change_sequence)).first()
        teacher = session.get(Teacher, cycle.teacher_id)
        teacher.room = "C-12"
        school = session.get(School, teacher.school_id)
        school.name = "Oak Elementary (renamed)"
        session.add_all([teacher, school])
    first_batch = sum(n <= cycle.change_sequence for n in change_numbers(demo_store))
    after_first = {}

    def look(done: int, _total: int) -> None:
        if done == 1:
            after_first.update(server_rows(coach_line))

    sync_notebook(demo_store, parse_address(coach_line), batch_rows=first_batch, progress=look)
    with demo_store.session() as session:
        teacher = session.get(Teacher, teacher.id)
        school = session.get(School, school.id)
    assert (cycle.id, cycle.change_sequence) in after_first["coaching_cycle"]
    assert (teacher.id, teacher.change_sequence) in after_first["teacher"]
    assert (school.id, school.change_sequence) in after_first["school"]
    assert server_rows(coach_line) == local_rows(demo_store)


def test_photos_close_a_batch_once_they_pass_its_byte_budget(demo_store, coach_line, monkeypatch):
    with demo_store.session() as session:
        state = session.get(SyncState, 1)
        state.share_photos = True
        session.add(state)
    monkeypatch.setattr(sync, "MAX_BATCH_BYTES", 1)
    photos_after = []

    def count_photos(_done: int, _total: int) -> None:
        photos_after.append(len(server_rows(coach_line)["evidence_file"]))

    sync_notebook(demo_store, parse_address(coach_line), batch_rows=10_000, progress=count_photos)
    photos = len(local_rows(demo_store, share_photos=True)["evidence_file"])
    assert photos > 1
    each_batch = [b - a for a, b in pairwise([0, *photos_after])]
    assert each_batch.count(1) == photos and max(each_batch) == 1
    assert server_rows(coach_line) == local_rows(demo_store, share_photos=True)


class SyncInThread:
    """sync_notebook on a worker thread, paused inside one batch by the kill test's hook."""

    def __init__(self, store, address, marker, **options):
        self.error: DistrictError | None = None
        self.marker = marker

        def run() -> None:
            try:
                sync_notebook(store, address, **options)
            except DistrictError as exc:
                self.error = exc

        self.thread = threading.Thread(target=run)
        self.thread.start()

    def wait_until_paused(self) -> None:
        deadline = time.monotonic() + 60
        while not self.marker.exists():
            assert self.thread.is_alive() and time.monotonic() < deadline, "it never paused"
            time.sleep(0.02)

    def resume(self) -> None:
        self.marker.unlink()
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()


def test_a_grown_batch_cut_off_midway_keeps_only_the_batches_before_it(
    demo_store, coach_line, postgres, tmp_path, monkeypatch
):
    address = parse_address(coach_line)
    marker = tmp_path / "inside-batch-3"
    monkeypatch.setenv(PAUSE_MARKER_ENV, f"3:{marker}")
    worker = SyncInThread(demo_store, address, marker, batch_rows=100)
    worker.wait_until_paused()
    # Batch 3 (400 rows) is sent and waits uncommitted: the district shows batches 1 and 2.
    after_two = sync_state(demo_store).synced_sequence
    assert acknowledged(coach_line) == after_two
    before = server_rows(coach_line)
    with psycopg.connect(postgres.admin_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            [address.user],
        )
    worker.resume()

    assert worker.error is not None and "was lost during the sync" in str(worker.error)
    assert server_rows(coach_line) == before
    assert acknowledged(coach_line) == after_two
    numbers = change_numbers(demo_store)
    assert sum(n > after_two for n in numbers) >= 400, "batch 3 was a full 400 rows"
    # What the district holds: every shareable row numbered up to batch 2's last, and past
    # it only rows those link to (brought along as parents).
    linked_to = {
        key.column.table.name
        for name in synced_tables()
        for key in SQLModel.metadata.tables[name].foreign_keys
    }
    for name, rows in local_rows(demo_store).items():
        assert {row for row in before[name] if row[1] <= after_two} == {
            row for row in rows if row[1] <= after_two
        }, name
        assert name in linked_to or all(n <= after_two for _, n in before[name]), name
    monkeypatch.delenv(PAUSE_MARKER_ENV)
    sync_notebook(demo_store, address)
    assert server_rows(coach_line) == local_rows(demo_store)


def test_a_change_made_during_a_sync_goes_up_with_the_next(
    demo_store, coach_line, tmp_path, monkeypatch
):
    address = parse_address(coach_line)
    marker = tmp_path / "inside-batch-1"
    monkeypatch.setenv(PAUSE_MARKER_ENV, f"1:{marker}")
    worker = SyncInThread(demo_store, address, marker, batch_rows=100)
    worker.wait_until_paused()
    with demo_store.session() as session:
        teacher = session.exec(select(Teacher).limit(1)).one()
        teacher.room = "D-7"
        session.add(teacher)
    worker.resume()
    monkeypatch.delenv(PAUSE_MARKER_ENV)

    assert worker.error is None
    assert changes_waiting(demo_store) == 1
    assert sync_notebook(demo_store, address).sent == {"teacher": 1}
    assert server_rows(coach_line) == local_rows(demo_store)
