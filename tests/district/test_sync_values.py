"""The sync sends rows as SQLite stores them and PostgreSQL reads them with its own column
types: every value the district holds must be the value the notebook holds."""

import psycopg
import pytest
from sqlmodel import SQLModel, select

from app.cli import main
from app.models import Note, SyncState, Teacher
from app.services.district.address import parse_address
from app.services.district.records import synced_tables
from app.services.district.sync import sync_notebook


@pytest.fixture
def coach_line(district_db, capsys) -> str:
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


AWKWARD_TEXT = 'Tab\there, a new line\nthen \\N, a backslash \\ and "quotes"; café, 日本, 🙂'


def test_every_value_on_the_district_is_the_value_in_the_notebook(
    demo_store, coach_line, district_db
):
    # A server whose own time zone is far from UTC: the notebook's UTC times must not shift.
    with psycopg.connect(district_db, autocommit=True) as admin:
        database = admin.info.dbname
        admin.execute(f"ALTER DATABASE {database} SET timezone = 'Pacific/Auckland'")
    with demo_store.session() as session:
        state = session.get(SyncState, 1)
        state.share_photos = True
        teacher = session.exec(select(Teacher).limit(1)).one()
        teacher.notes = AWKWARD_TEXT
        session.add_all(
            [state, teacher, Note(body=AWKWARD_TEXT, is_private=False, teacher_id=teacher.id)]
        )
    sync_notebook(demo_store, parse_address(coach_line))

    with psycopg.connect(coach_line) as connection, demo_store.session() as session:
        connection.execute("SET TIME ZONE 'UTC'")
        for name in synced_tables():
            table = SQLModel.metadata.tables[name]
            query = select(table)
            if name == "note":
                query = query.where(table.c.is_private.is_(False))
            local = {row.id: tuple(row) for row in session.connection().execute(query)}
            columns = ", ".join(f'"{column.name}"' for column in table.columns)
            held = {row[0]: row for row in connection.execute(f"SELECT {columns} FROM {name}")}
            assert held == local, name
        bodies = connection.execute("SELECT body FROM note WHERE body = %s", [AWKWARD_TEXT])
        assert bodies.fetchall() == [(AWKWARD_TEXT,)]
