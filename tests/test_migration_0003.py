"""Migration 0003 (one live sweep per mark): duplicate sweeps resolve to the latest one."""

import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from app.models.observations import ObservationInterval
from app.services.observations import observation_summary
from app.store import HEAD_REVISION, Store, _alembic_config, inspect_file

STAMP = "2026-09-01 12:00:00.000000"


def _insert(conn, table: str, **values) -> uuid.UUID:
    row_id = uuid.uuid4()
    values = {"id": row_id.hex, "created_at": STAMP, "updated_at": STAMP} | values
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)
    return row_id


def _sweep(conn, observation: uuid.UUID, index: int, on_task: int, recorded_at: str):
    return _insert(
        conn,
        "observation_interval",
        observation_id=observation.hex,
        index=index,
        minute=5 * index,
        on_task=on_task,
        present=25,
        note="",
        recorded_at=recorded_at,
    )


def build_0002_notebook_with_duplicate_sweeps(db_path):
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
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
        observation = _insert(
            conn,
            "observation",
            teacher_id=teacher.hex,
            observed_on="2026-09-08",
            period="3",
            lesson="Fractions",
            students_present=25,
            interval_minutes=5,
            technology="",
            notes="",
            paused_seconds=0,
        )
        _sweep(conn, observation, 1, 20, "2026-09-08 13:05:00.000000")
        # Two recorders swept mark 2: the later count is the one kept.
        _sweep(conn, observation, 2, 10, "2026-09-08 13:10:00.000000")
        later = _sweep(conn, observation, 2, 22, "2026-09-08 13:10:04.000000")
        _sweep(conn, observation, 3, 24, "2026-09-08 13:15:00.000000")
    engine.dispose()
    return observation, later


def test_duplicate_sweeps_at_one_mark_keep_the_latest_after_the_upgrade(db_path):
    observation, later = build_0002_notebook_with_duplicate_sweeps(db_path)
    assert inspect_file(db_path) == "0002"

    with Store.open(db_path) as store:
        summary = observation_summary(store, observation)
        with store.session() as session:
            live = session.exec(
                text(
                    'SELECT id, "index", on_task FROM observation_interval '
                    'WHERE deleted_at IS NULL ORDER BY "index"'
                )
            ).all()
            kept_aside = session.exec(
                text("SELECT on_task FROM observation_interval WHERE deleted_at IS NOT NULL")
            ).all()
    assert inspect_file(db_path) == HEAD_REVISION
    assert [(row[1], row[2]) for row in live] == [(1, 20), (2, 22), (3, 24)]
    assert uuid.UUID(live[1][0]) == later
    assert [row[0] for row in kept_aside] == [10]  # set aside, not destroyed
    # 66 of 75 on task: the discarded duplicate no longer counts.
    assert summary.time_on_task_pct == pytest.approx(88.0)


def test_a_second_live_sweep_at_the_same_mark_is_refused_by_the_notebook(db_path):
    observation, _ = build_0002_notebook_with_duplicate_sweeps(db_path)
    with Store.open(db_path) as store:
        with pytest.raises(IntegrityError), store.session() as session:
            session.add(
                ObservationInterval(
                    observation_id=observation, index=3, minute=15, on_task=1, present=25
                )
            )
        # A soft-deleted sweep leaves its mark free: undo, then sweep again, still works.
        with store.session() as session:
            session.exec(
                text('UPDATE observation_interval SET deleted_at = :now WHERE "index" = 3'),
                params={"now": STAMP},
            )
        with store.session() as session:
            session.add(
                ObservationInterval(
                    observation_id=observation, index=3, minute=15, on_task=23, present=25
                )
            )
