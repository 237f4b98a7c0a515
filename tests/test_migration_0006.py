"""Migration 0006 (change numbers): every row of an older notebook gets its own number, and
from then on SQLite numbers each insert and update itself, bulk writes included."""

import uuid

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL
from sqlmodel import select

from app.models import SyncState, Teacher
from app.store import Store, _alembic_config

STAMP = "2026-09-01 12:00:00.000000"


def previous_revision() -> str:
    with create_engine("sqlite://").connect() as connection:
        script = ScriptDirectory.from_config(_alembic_config(connection))
    return script.get_revision("0006").down_revision


def numbers(store, table: str) -> list[int]:
    with store.session() as session:
        return [row[0] for row in session.exec(text(f"SELECT change_sequence FROM {table}"))]


def last_number(store) -> int:
    with store.session() as session:
        return session.get(SyncState, 1).last_sequence


def test_rows_of_an_older_notebook_get_distinct_numbers(db_path):
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), previous_revision())
        for name in ("Ana Ruiz", "Ben Okafor", "Chen Wei"):
            connection.execute(
                text(
                    "INSERT INTO teacher (id, created_at, updated_at, name, grades, subjects, "
                    "room, email, notes, archived) VALUES (:id, :at, :at, :name, '', '', '', "
                    "'', '', 0)"
                ),
                {"id": uuid.uuid4().hex, "at": STAMP, "name": name},
            )
    engine.dispose()

    with Store.open(db_path) as store:
        given = numbers(store, "teacher")
        assert len(set(given)) == 3 and min(given) > 0
        assert last_number(store) >= max(given)


def test_every_insert_and_update_takes_the_next_number(store):
    with store.session() as session:
        teacher = Teacher(name="Ana Ruiz")
        session.add(teacher)
    (first,) = numbers(store, "teacher")
    assert first == last_number(store)

    with store.session() as session:
        row = session.exec(select(Teacher)).one()
        row.room = "B-214"
        session.add(row)
    (second,) = numbers(store, "teacher")
    assert second > first

    with store.session() as session:
        session.execute(
            insert(Teacher),
            [{"id": uuid.uuid4(), "name": f"Teacher {i}"} for i in range(3)],
        )
    assert len(set(numbers(store, "teacher"))) == 4
    assert max(numbers(store, "teacher")) == last_number(store)


def test_a_table_that_lost_its_triggers_gets_them_back_at_the_next_upgrade(db_path):
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
        # What SQLite's batch mode does when a later migration rebuilds a table.
        connection.exec_driver_sql("DROP TRIGGER teacher_numbered_on_insert")
        command.downgrade(_alembic_config(connection), "-1")
    engine.dispose()

    with Store.open(db_path) as store:
        with store.session() as session:
            session.add(Teacher(name="Ana Ruiz"))
        assert numbers(store, "teacher") == [last_number(store)]
