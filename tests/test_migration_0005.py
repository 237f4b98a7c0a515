"""Migration 0005: photos of an older notebook stay out of the portfolio until ticked (they
may show students), and notes of a live lesson get a lesson minute inside that lesson."""

import uuid

from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from app.services.evidence import evidence_bytes, list_evidence
from app.services.observations import list_observation_notes
from app.store import HEAD_REVISION, Store, _alembic_config, inspect_file
from tests.images import png_bytes

STAMP = "2026-09-01 12:00:00.000000"
PHOTO = png_bytes(5, 4, (10, 120, 200))


def _insert(conn, table: str, **values) -> uuid.UUID:
    row_id = uuid.uuid4()
    values = {"id": row_id.hex, "created_at": STAMP, "updated_at": STAMP} | values
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)
    return row_id


def _observation(conn, teacher: uuid.UUID, **times) -> uuid.UUID:
    return _insert(
        conn,
        "observation",
        teacher_id=teacher.hex,
        observed_on="2026-09-08",
        period="3",
        lesson="Fractions",
        interval_minutes=5,
        technology="",
        notes="",
        **({"paused_seconds": 0} | times),
    )


def _note(conn, observation: uuid.UUID, body: str, written: str) -> None:
    _insert(
        conn,
        "note",
        observation_id=observation.hex,
        body=body,
        is_private=False,
        created_at=written,
        updated_at=written,
    )


def build_0004_notebook(db_path) -> tuple[uuid.UUID, uuid.UUID]:
    """A lesson from 13:00 to 13:50 with a 5-minute pause (45 lesson minutes), and a paper one."""
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0004")
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
            external_id="",
        )
        live = _observation(
            conn,
            teacher,
            started_at="2026-09-08 13:00:00.000000",
            ended_at="2026-09-08 13:50:00.000000",
            paused_seconds=300,
        )
        paper = _observation(conn, teacher)
        _note(conn, live, "Pairs share their number lines", "2026-09-08 13:12:30.000000")
        _note(conn, live, "Exit tickets in", "2026-09-08 13:49:40.000000")
        _note(conn, live, "Spoke with the teacher after class", "2026-09-09 08:00:00.000000")
        _note(conn, paper, "Typed up from my clipboard", "2026-09-09 09:00:00.000000")
        _insert(
            conn,
            "evidence_file",
            observation_id=live.hex,
            filename="board.png",
            mime_type="image/png",
            caption="Anchor chart",
            size_bytes=len(PHOTO),
            data=PHOTO,
        )
    engine.dispose()
    return live, paper


def test_older_photos_stay_out_of_the_portfolio_and_keep_their_bytes(db_path):
    build_0004_notebook(db_path)
    assert inspect_file(db_path) == "0004"

    with Store.open(db_path) as store:
        (photo,) = list_evidence(store)
        data = evidence_bytes(store, photo.id)
        ticked = list_evidence(store, in_portfolio=True)

    assert inspect_file(db_path) == HEAD_REVISION
    assert (photo.filename, photo.caption, photo.in_portfolio) == (
        "board.png",
        "Anchor chart",
        False,
    )
    assert data == PHOTO
    assert ticked == []


def test_notes_of_a_live_lesson_get_a_minute_inside_it_and_later_notes_none(db_path):
    live, paper = build_0004_notebook(db_path)

    with Store.open(db_path) as store:
        during, at_the_end, afterwards = list_observation_notes(store, live)
        (typed,) = list_observation_notes(store, paper)

    assert (during.body, during.minute) == ("Pairs share their number lines", 12)
    # 49 clock minutes after the start, but the lesson had only 45 minutes of clock.
    assert at_the_end.minute == 45
    assert (afterwards.minute, afterwards.after_lesson) == (None, True)
    assert (typed.minute, typed.after_lesson) == (None, False)
