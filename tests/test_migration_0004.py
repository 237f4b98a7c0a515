"""Migration 0004 (teacher external id): teachers of an older notebook keep everything and
get an empty district id, which a roster import then fills in."""

import uuid

from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from app.services.roster import import_roster_file
from app.services.teachers import list_teachers
from app.store import HEAD_REVISION, Store, _alembic_config, inspect_file

STAMP = "2026-09-01 12:00:00.000000"


def build_0003_notebook(db_path) -> uuid.UUID:
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    teacher = uuid.uuid4()
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0003")
        conn.execute(
            text(
                "INSERT INTO teacher (id, created_at, updated_at, name, grades, subjects, room, "
                "email, notes, archived) VALUES (:id, :at, :at, 'Ana Ruiz', '3', 'Math', '12', "
                "'ana.ruiz@district.org', 'likes pilots', 0)"
            ),
            {"id": teacher.hex, "at": STAMP},
        )
    engine.dispose()
    return teacher


def test_teachers_keep_their_values_and_get_an_empty_external_id(db_path):
    teacher = build_0003_notebook(db_path)
    assert inspect_file(db_path) == "0003"

    with Store.open(db_path) as store:
        (row,) = list_teachers(store)
        with store.session() as session:
            external = session.exec(text("SELECT external_id FROM teacher")).one()[0]

    assert inspect_file(db_path) == HEAD_REVISION
    assert (row.id, row.name, row.grades, row.subjects, row.room) == (
        teacher,
        "Ana Ruiz",
        "3",
        "Math",
        "12",
    )
    assert row.notes == "likes pilots"
    assert external == ""


def test_a_clever_import_after_the_upgrade_finds_the_teacher_by_email_and_keeps_the_id(
    db_path, tmp_path
):
    teacher = build_0003_notebook(db_path)
    roster = tmp_path / "teachers.csv"
    roster.write_text(
        "School_id,Teacher_id,Teacher_number,State_teacher_id,Teacher_email,First_name,"
        "Middle_name,Last_name,Title,Username,Password\n"
        "s1,T-900,900,,ana.ruiz@district.org,Ana,,Ruiz,Teacher,aruiz,\n"
    )

    with Store.open(db_path) as store:
        result = import_roster_file(store, roster)
        with store.session() as session:
            external = session.exec(text("SELECT external_id FROM teacher")).one()[0]
        (row,) = list_teachers(store)

    assert (result.added, result.updated) == (0, 1)
    assert row.id == teacher
    assert external == "T-900"
