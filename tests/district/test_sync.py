"""`coachbook sync` against a real PostgreSQL: what goes up, what never does, exactly once."""

import json
import subprocess
import uuid
from datetime import date

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import SQLModel, select

from app.cli import main
from app.models import EvidenceFile, Note, SyncState, Teacher
from app.services.demo import build_demo
from app.services.district.address import DistrictError, parse_address
from app.services.district.records import changes_waiting, synced_tables
from app.services.district.sync import sync_notebook
from app.services.teachers import delete_teacher
from app.store import Store
from tests.postgres_server import server_binaries


@pytest.fixture
def coach_line(district_db, capsys) -> str:
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def local_rows(store, *, share_photos=False) -> dict[str, set[tuple[uuid.UUID, int]]]:
    """(id, change number) of every row the district should hold, per table."""
    expected = {}
    with store.session() as session:
        for name in synced_tables():
            table = SQLModel.metadata.tables[name]
            query = select(table.c.id, table.c.change_sequence)
            if name == "note":
                query = query.where(table.c.is_private.is_(False))
            if name == "evidence_file" and not share_photos:
                query = query.where(text("0"))
            expected[name] = {tuple(row) for row in session.connection().execute(query)}
    return expected


def server_rows(line: str) -> dict[str, set[tuple[uuid.UUID, int]]]:
    with psycopg.connect(line) as connection:
        return {
            name: {
                tuple(row) for row in connection.execute(f"SELECT id, change_sequence FROM {name}")
            }
            for name in synced_tables()
        }


def test_the_first_sync_sends_every_shareable_row_and_no_private_note(demo_store, coach_line):
    report = sync_notebook(demo_store, parse_address(coach_line), batch_rows=200)

    expected = local_rows(demo_store)
    assert server_rows(coach_line) == expected
    assert report.total_sent == sum(len(rows) for rows in expected.values())
    assert report.batches > 1
    with demo_store.session() as session:
        private = session.exec(select(Note.id).where(Note.is_private)).all()
        photos = session.exec(select(EvidenceFile.id)).all()
    assert private and photos, "the demo has private notes and photos to keep back"
    assert report.withheld == {"note": len(private), "evidence_file": len(photos)}
    assert changes_waiting(demo_store) == 0


def test_an_unchanged_notebook_sends_nothing_and_one_change_sends_one_row(demo_store, coach_line):
    address = parse_address(coach_line)
    sync_notebook(demo_store, address)
    assert sync_notebook(demo_store, address).total_sent == 0

    with demo_store.session() as session:
        teacher = session.exec(select(Teacher).limit(1)).one()
        teacher.room = "B-214"
        session.add(teacher)
    assert changes_waiting(demo_store) == 1
    report = sync_notebook(demo_store, address)
    assert report.sent == {"teacher": 1}
    with psycopg.connect(coach_line) as connection:
        room = connection.execute("SELECT room FROM teacher WHERE id = %s", [teacher.id])
        assert room.fetchone()[0] == "B-214"


def test_a_note_made_private_after_its_sync_is_deleted_from_the_district(demo_store, coach_line):
    address = parse_address(coach_line)
    sync_notebook(demo_store, address)
    with demo_store.session() as session:
        note = session.exec(select(Note).where(Note.is_private.is_(False)).limit(1)).one()
        note.is_private = True
        session.add(note)
    report = sync_notebook(demo_store, address)
    assert report.withheld == {"note": 1}
    with psycopg.connect(coach_line) as connection:
        assert connection.execute("SELECT 1 FROM note WHERE id = %s", [note.id]).fetchone() is None


def test_photos_go_up_only_when_the_coach_shares_them(demo_store, coach_line):
    with demo_store.session() as session:
        state = session.get(SyncState, 1)
        state.share_photos = True
        session.add(state)
    sync_notebook(demo_store, parse_address(coach_line))
    assert server_rows(coach_line) == local_rows(demo_store, share_photos=True)
    assert server_rows(coach_line)["evidence_file"]


def test_a_lost_connection_mid_sync_keeps_both_sides_whole(demo_store, coach_line, postgres):
    address = parse_address(coach_line)

    def cut_the_network(done: int, _total: int) -> None:
        if done == 2:
            with psycopg.connect(postgres.admin_url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                    [address.user],
                )

    with pytest.raises(DistrictError, match="was lost during the sync"):
        sync_notebook(demo_store, address, batch_rows=150, progress=cut_the_network)
    halfway = server_rows(coach_line)
    assert 0 < sum(map(len, halfway.values())) < sum(map(len, local_rows(demo_store).values()))

    sync_notebook(demo_store, address, batch_rows=150)
    assert server_rows(coach_line) == local_rows(demo_store)
    assert sync_notebook(demo_store, address).total_sent == 0


def test_a_district_on_another_schema_version_is_not_written(demo_store, coach_line, district_db):
    address = parse_address(coach_line)
    for version, words in (("0001", "older than this Coachbook"), ("9999", "update Coachbook")):
        with psycopg.connect(district_db) as connection:
            connection.execute("UPDATE alembic_version SET version_num = %s", [version])
        with pytest.raises(DistrictError, match=words):
            sync_notebook(demo_store, address)
    assert not any(server_rows(coach_line).values())


def test_a_removed_coach_is_told_so(demo_store, coach_line, district_db):
    assert main(["district", "remove-coach", "--url", district_db, "Ana Ruiz"]) == 0
    with pytest.raises(DistrictError, match=r"not permitted to log in|was removed"):
        sync_notebook(demo_store, parse_address(coach_line))


def test_cli_sync_prints_what_was_sent(demo_store, coach_line, capsys):
    path = str(demo_store.path)
    demo_store.close()
    capsys.readouterr()
    assert main(["sync", "--db", path, "--url", coach_line, "--json"]) == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["sent"]["teacher"] > 0 and "note" in sent["kept_off_the_server"]
    assert main(["sync", "--db", path, "--url", coach_line]) == 0
    assert "nothing had changed" in capsys.readouterr().out


def test_cli_sync_without_a_connection_says_where_to_put_it(db_path, capsys):
    assert main(["sync", "--db", str(db_path)]) == 1
    assert "Settings ▸ District" in capsys.readouterr().err


def test_two_coaches_sync_two_notebooks_and_the_server_holds_exactly_their_records(
    tmp_path, district_db, capsys
):
    assert main(["district", "init", "--url", district_db]) == 0
    lines = []
    for name in ("Ana Ruiz", "Ben Okafor"):
        assert main(["district", "add-coach", "--url", district_db, name]) == 0
        lines.append(capsys.readouterr().out.strip().splitlines()[-1])
    notebooks = []
    for number, line in enumerate(lines):
        path = tmp_path / f"coach{number}.sqlite3"
        with Store.open(path, backup_on_open=False) as store:
            build_demo(store, "small", today=date(2026, 11, 25))
            sync_notebook(store, parse_address(line))
            notebooks.append(local_rows(store))
            with store.session() as session:
                private_text = [n.body for n in session.exec(select(Note).where(Note.is_private))]
        assert server_rows(line) == notebooks[-1]

    with psycopg.connect(district_db) as connection:
        total = sum(
            connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in synced_tables()
        )
    assert total == sum(len(rows) for notebook in notebooks for rows in notebook.values())
    dump = subprocess.run(
        [str(server_binaries() / "pg_dump"), "--data-only", district_db],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert private_text and not [body for body in private_text if body in dump]


def test_a_deleted_record_arrives_as_its_tombstone(demo_store, coach_line):
    address = parse_address(coach_line)
    sync_notebook(demo_store, address)
    with demo_store.session() as session:
        teacher = session.exec(select(Teacher).limit(1)).one()
    delete_teacher(demo_store, teacher.id)
    sync_notebook(demo_store, address)
    with psycopg.connect(coach_line) as connection:
        deleted = connection.execute(
            "SELECT deleted_at FROM teacher WHERE id = %s", [teacher.id]
        ).fetchone()[0]
    assert deleted is not None


def test_a_district_that_revoked_temporary_tables_from_public_still_syncs(
    district_db, demo_store, capsys
):
    """The sync copies each batch into a temporary table; init grants coaches that right."""
    database = district_db.rsplit("/", 1)[1]
    with psycopg.connect(district_db, autocommit=True) as admin:
        admin.execute(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]

    sync_notebook(demo_store, parse_address(line))

    assert server_rows(line) == local_rows(demo_store)
