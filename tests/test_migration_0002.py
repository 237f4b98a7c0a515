"""Migration 0002 (survey items): a pilot notebook from 0001 opens with its surveys intact."""

import uuid
from datetime import date

from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from app import backups
from app.models.surveys import DEFAULT_SURVEY_ITEMS
from app.services.pilots import blank_survey_form, pilot_detail, survey_form, survey_items
from app.store import HEAD_REVISION, Store, _alembic_config, inspect_file

# As SQLAlchemy writes them on SQLite: ids as 32 hex digits, times and dates as ISO text.
STAMP = "2026-09-01 12:00:00.000000"


def _insert(conn, table: str, **values) -> uuid.UUID:
    row_id = uuid.uuid4()
    values = {"id": row_id.hex, "created_at": STAMP, "updated_at": STAMP} | values
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)
    return row_id


def test_a_notebook_from_0001_keeps_its_pilot_surveys_and_gains_the_default_items(db_path):
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        teacher = _insert(
            conn,
            "teacher",
            name="Ana Ruiz",
            grades="",
            subjects="",
            room="",
            email="",
            notes="",
            archived=False,
        )
        pilot = _insert(
            conn,
            "pilot",
            tool="Padlet",
            vendor="",
            learning_objective="",
            standards="",
            length_weeks=4,
            status="piloting",
            rationale="",
            start_date="2026-09-07",
        )
        _insert(conn, "pilot_teacher", pilot_id=pilot.hex, teacher_id=teacher.hex)
        survey = _insert(
            conn,
            "survey",
            teacher_id=teacher.hex,
            pilot_id=pilot.hex,
            phase="pre",
            taken_on="2026-09-04",
        )
        for index, score in enumerate((2, 3, 4), start=1):
            _insert(
                conn,
                "survey_answer",
                survey_id=survey.hex,
                item_index=index,
                item_text=f"Old item {index}",
                score=score,
            )
    engine.dispose()
    assert inspect_file(db_path) == "0001"

    with Store.open(db_path) as store:
        assert [i.text for i in survey_items(store)] == list(DEFAULT_SURVEY_ITEMS)
        [row] = pilot_detail(store, pilot, date(2026, 10, 9)).surveys.teachers
        old = survey_form(store, survey)
        new = blank_survey_form(store, teacher, "post", date(2026, 10, 9))

    assert inspect_file(db_path) == HEAD_REVISION
    assert (row.teacher_name, row.pre_mean) == ("Ana Ruiz", 3.0)
    assert [a.item_text for a in old.answers] == ["Old item 1", "Old item 2", "Old item 3"]
    assert [a.item_text for a in new.answers] == list(DEFAULT_SURVEY_ITEMS)
    assert any(inspect_file(b.path) == "0001" for b in backups.list_backups(db_path))
