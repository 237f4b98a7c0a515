"""`coachbook list|backup|check`, run as the real command in a subprocess."""

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from app.models import (
    CoachingCycle,
    CycleSession,
    CycleSessionKind,
    Observation,
    ObservationInterval,
    Pilot,
    PilotTeacher,
    PilotUsage,
    School,
    Teacher,
    VettingCheck,
    VettingCriterion,
    utc_now,
)
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]
KINDS = ("teachers", "cycles", "observations", "pilots")
HOSTILE_NAMES = ["<b>Bold</b> & Co", "Nguyễn Thị Ngọc Ánh", "王小明", "Ms. Sunshine 🌞👩🏽‍🏫"]


def coachbook(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m app ARGS` as a coach's shell would, with extra environment."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"} | env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def assert_one_clear_line(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("coachbook: ")
    return lines[0]


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_notebook(path: Path, names: list[str]) -> Path:
    with Store.open(path, backup_on_open=False) as store, store.session() as s:
        for name in names:
            s.add(Teacher(name=name))
    return path


def columns(model) -> set[str]:
    return {c.name for c in model.__table__.columns}


def assert_iso_timestamp(text: str) -> None:
    assert datetime.fromisoformat(text).utcoffset() == timedelta(0), text


# ---- an empty notebook --------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_data_folder(tmp_path_factory) -> Path:
    """A data folder holding an empty default notebook (made once: migrating takes time)."""
    folder = tmp_path_factory.mktemp("empty") / "data"
    Store.open(folder / "coachbook.sqlite3", backup_on_open=False).close()
    return folder


@pytest.mark.parametrize("kind", KINDS)
def test_listing_an_empty_notebook_prints_headings_and_a_zero_count(kind, empty_data_folder):
    done = coachbook("list", kind, COACHBOOK_DATA_DIR=str(empty_data_folder))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    headings, count = done.stdout.splitlines()
    assert headings.split()[0] in {"Name", "Start", "Date", "Tool"}
    assert count == f"0 {kind}"


@pytest.mark.parametrize("kind", KINDS)
def test_listing_an_empty_notebook_as_json_prints_an_empty_array(kind, empty_data_folder):
    done = coachbook("list", kind, "--json", COACHBOOK_DATA_DIR=str(empty_data_folder))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout) == []


def test_a_first_listing_creates_the_default_notebook_in_the_data_folder(isolated_home):
    done = coachbook("list", "teachers", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert (isolated_home / "data" / "coachbook.sqlite3").is_file()


# ---- a notebook with one of everything ----------------------------------------------------


def seed(path: Path, today: date) -> dict:
    """A teacher, a cycle, an observation and a pilot, plus soft-deleted rows of each."""
    ids: dict = {}
    with Store.open(path, backup_on_open=False) as store, store.session() as s:
        school = School(name="Trường Tiểu học Lê Lợi")
        s.add(school)
        s.flush()
        teachers = [
            Teacher(
                name=name,
                school_id=school.id,
                grades="K-2",
                email="ngoc@school.org",
                years_experience=7,
                notes="Notes <i>with</i> & markup",
            )
            for name in HOSTILE_NAMES
        ]
        gone = Teacher(name="Deleted Teacher", deleted_at=utc_now())
        s.add_all([*teachers, gone])
        s.flush()
        ids["teachers"] = [t.id for t in teachers]
        first = teachers[0]

        start = today - timedelta(days=10)
        cycle = CoachingCycle(teacher_id=first.id, start_date=start, focus="Nearpod")
        old_cycle = CoachingCycle(
            teacher_id=first.id, start_date=start, focus="Gone", deleted_at=utc_now()
        )
        s.add_all([cycle, old_cycle])
        s.flush()
        sessions = [
            CycleSession(
                cycle_id=cycle.id,
                kind=kind,
                scheduled_date=start + timedelta(weeks=week),
                done_on=start if week == 0 else None,
            )
            for week, kind in enumerate(CycleSessionKind)
        ]
        moved_away = CycleSession(
            cycle_id=cycle.id, kind="debrief", scheduled_date=start, deleted_at=utc_now()
        )
        s.add_all([*sessions, moved_away])
        ids["cycle"], ids["sessions"] = cycle.id, [x.id for x in sessions]

        observation = Observation(
            teacher_id=first.id, cycle_id=cycle.id, observed_on=start, lesson="Fractions"
        )
        dropped = Observation(teacher_id=first.id, observed_on=start, deleted_at=utc_now())
        s.add_all([observation, dropped])
        s.flush()
        # Weighted: 41 of 54 students = 75.9%; the mean of the percentages would be 80%.
        sweeps = [(12, 24), (0, 0), (20, 20), (9, 10)]
        s.add_all(
            ObservationInterval(
                observation_id=observation.id,
                index=i,
                minute=5 * i,
                on_task=on_task,
                present=present,
            )
            for i, (on_task, present) in enumerate(sweeps)
        )
        s.add(
            ObservationInterval(
                observation_id=observation.id,
                index=9,
                minute=45,
                on_task=0,
                present=30,
                deleted_at=utc_now(),
            )
        )
        ids["observation"] = observation.id

        # Started five weeks ago: its four weeks are over.
        pilot = Pilot(
            tool="Quizlet <Live>", vendor="Quizlet", start_date=today - timedelta(days=35)
        )
        sunsetted = Pilot(tool="Gone Tool", deleted_at=utc_now())
        s.add_all([pilot, sunsetted])
        s.flush()
        for criterion in VettingCriterion:
            result = "fail" if criterion == VettingCriterion.MOBILE else "pass"
            s.add(VettingCheck(pilot_id=pilot.id, criterion=criterion, result=result))
        enrolled = teachers[:3]
        s.add_all(PilotTeacher(pilot_id=pilot.id, teacher_id=t.id) for t in enrolled)
        # 4 + 3 + 1 of 12 teacher-weeks used: 66.7%.
        for teacher, used_weeks in zip(enrolled, (4, 3, 1), strict=True):
            s.add_all(
                PilotUsage(
                    pilot_id=pilot.id, teacher_id=teacher.id, week=week, used=week <= used_weeks
                )
                for week in range(1, 5)
            )
        s.add(
            PilotUsage(
                pilot_id=pilot.id,
                teacher_id=enrolled[2].id,
                week=2,
                used=True,
                deleted_at=utc_now(),
            )
        )
        ids["pilot"], ids["enrolled"] = pilot.id, [t.id for t in enrolled]
    return ids


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The seeded notebook and what `list KIND --json` printed for each kind."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "seeded.sqlite3"
    ids = seed(path, date.today())
    listed = {}
    for kind in KINDS:
        done = coachbook(
            "list", kind, "--json", "--db", str(path), COACHBOOK_DATA_DIR=str(folder / "data")
        )
        assert done.returncode == 0, done.stderr
        listed[kind] = json.loads(done.stdout)
    return path, ids, listed


def test_json_teachers_are_keyed_by_column_names_and_leave_out_deleted_ones(seeded):
    _, ids, listed = seeded
    teachers = listed["teachers"]
    assert sorted(t["id"] for t in teachers) == sorted(str(i) for i in ids["teachers"])
    assert "Deleted Teacher" not in {t["name"] for t in teachers}
    for teacher in teachers:
        assert set(teacher) == columns(Teacher) | {"school"}
        assert teacher["school"] == "Trường Tiểu học Lê Lợi"
        assert teacher["deleted_at"] is None
        assert teacher["years_experience"] == 7
        assert teacher["archived"] is False
        assert_iso_timestamp(teacher["created_at"])
        assert_iso_timestamp(teacher["updated_at"])
        assert uuid.UUID(teacher["school_id"])


def test_hostile_names_come_back_exactly_as_typed(seeded):
    _, _, listed = seeded
    assert sorted(t["name"] for t in listed["teachers"]) == sorted(HOSTILE_NAMES)
    assert {t["notes"] for t in listed["teachers"]} == {"Notes <i>with</i> & markup"}
    assert listed["pilots"][0]["tool"] == "Quizlet <Live>"


def test_json_cycles_carry_their_live_sessions_in_date_order(seeded):
    _, ids, listed = seeded
    [cycle] = listed["cycles"]
    assert set(cycle) == columns(CoachingCycle) | {"sessions"}
    assert cycle["id"] == str(ids["cycle"])
    assert cycle["teacher_id"] == str(ids["teachers"][0])
    start = date.today() - timedelta(days=10)
    assert cycle["start_date"] == start.isoformat()
    sessions = cycle["sessions"]
    assert [x["id"] for x in sessions] == [str(i) for i in ids["sessions"]]
    assert [x["kind"] for x in sessions] == ["goal_setting", "model_lesson", "co_teach", "debrief"]
    assert [x["scheduled_date"] for x in sessions] == [
        (start + timedelta(weeks=w)).isoformat() for w in range(4)
    ]
    assert [x["done_on"] for x in sessions] == [start.isoformat(), None, None, None]
    assert all(set(x) == columns(CycleSession) for x in sessions)


def test_json_observations_carry_intervals_and_weighted_time_on_task(seeded):
    _, ids, listed = seeded
    [observation] = listed["observations"]
    assert set(observation) == columns(Observation) | {"intervals", "time_on_task_pct"}
    assert observation["id"] == str(ids["observation"])
    intervals = observation["intervals"]
    assert [(i["index"], i["on_task"], i["present"]) for i in intervals] == [
        (0, 12, 24),
        (1, 0, 0),
        (2, 20, 20),
        (3, 9, 10),
    ]
    assert all(set(i) == columns(ObservationInterval) for i in intervals)
    assert_iso_timestamp(intervals[0]["recorded_at"])
    assert observation["time_on_task_pct"] == 75.9


def test_json_pilots_carry_checks_utilisation_and_recommendation(seeded):
    _, ids, listed = seeded
    [pilot] = listed["pilots"]
    assert set(pilot) >= columns(Pilot) | {"checks", "utilisation_pct", "recommendation"}
    assert pilot["id"] == str(ids["pilot"])
    assert pilot["start_date"] == (date.today() - timedelta(days=35)).isoformat()
    assert sorted(pilot["teacher_ids"]) == sorted(str(i) for i in ids["enrolled"])
    checks = {c["criterion"]: c["result"] for c in pilot["checks"]}
    assert checks == {c.value: "fail" if c == "mobile" else "pass" for c in VettingCriterion}
    assert all(set(c) == columns(VettingCheck) for c in pilot["checks"])
    assert pilot["utilisation_pct"] == 66.7
    assert pilot["recommendation"] == "review"
    assert pilot["recommendation_reasons"] == ["the mobile check failed"]


def test_json_stays_exact_when_the_terminal_cannot_show_unicode(seeded):
    path, _, listed = seeded
    done = coachbook("list", "teachers", "--json", "--db", str(path), PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == listed["teachers"]


def test_the_text_listing_shows_hostile_names_as_plain_text(seeded):
    path, _, _ = seeded
    done = coachbook("list", "teachers", "--db", str(path))
    assert done.returncode == 0, done.stderr
    for name in HOSTILE_NAMES:
        assert name in done.stdout
    assert done.stdout.splitlines()[-1] == "4 teachers"


def test_the_text_listing_survives_a_terminal_that_cannot_show_unicode(seeded):
    path, _, _ = seeded
    done = coachbook("list", "teachers", "--db", str(path), PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert "Ms. Sunshine ?" in done.stdout
    assert done.stdout.splitlines()[-1] == "4 teachers"


# ---- choosing the notebook ------------------------------------------------------------------


def listed_names(done: subprocess.CompletedProcess) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [t["name"] for t in json.loads(done.stdout)]


def test_db_may_come_before_or_after_the_command(tmp_path):
    db = make_notebook(tmp_path / "rivera.sqlite3", ["Ms. Rivera"])
    assert listed_names(coachbook("--db", str(db), "list", "teachers", "--json")) == ["Ms. Rivera"]
    assert listed_names(coachbook("list", "teachers", "--json", "--db", str(db))) == ["Ms. Rivera"]


def test_coachbook_db_in_the_environment_chooses_the_notebook(tmp_path):
    db = make_notebook(tmp_path / "okafor.sqlite3", ["Mr. Okafor"])
    other = make_notebook(tmp_path / "rivera.sqlite3", ["Ms. Rivera"])
    by_env = coachbook("list", "teachers", "--json", COACHBOOK_DB=str(db))
    assert listed_names(by_env) == ["Mr. Okafor"]
    db_wins = coachbook("list", "teachers", "--json", "--db", str(other), COACHBOOK_DB=str(db))
    assert listed_names(db_wins) == ["Ms. Rivera"]


# ---- backup and check ---------------------------------------------------------------------


def test_backup_writes_into_the_backup_folder_by_default(tmp_path):
    db = make_notebook(tmp_path / "notebook.sqlite3", ["Ms. Rivera"])
    done = coachbook("backup", "--db", str(db))
    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.removeprefix("Backed up to ").strip())
    assert written.parent == tmp_path / "backups" / "notebook"
    assert written.name.startswith("notebook-") and written.suffix == ".sqlite3"
    with Store.open(written, backup_on_open=False) as copy, copy.session() as s:
        assert s.exec(select(Teacher.name)).all() == ["Ms. Rivera"]


def test_backup_out_writes_the_named_file(tmp_path):
    db = make_notebook(tmp_path / "notebook.sqlite3", ["Ms. Rivera"])
    target = tmp_path / "usb" / "copy for Ngọc.sqlite3"
    done = coachbook("backup", "--out", str(target), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Backed up to {target}\n"
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT name FROM teacher").fetchall() == [("Ms. Rivera",)]
    finally:
        conn.close()


def test_check_on_a_healthy_notebook_exits_0(tmp_path):
    db = make_notebook(tmp_path / "notebook.sqlite3", ["Ms. Rivera"])
    done = coachbook("check", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "notebook.sqlite3 is healthy.\n"


def test_check_on_a_damaged_notebook_exits_1_with_one_line(tmp_path):
    db = make_notebook(tmp_path / "notebook.sqlite3", [f"Teacher {i}" for i in range(3000)])
    pages = db.stat().st_size // 4096
    noise = random.Random(3)
    with open(db, "r+b") as fh:
        fh.seek(pages // 3 * 4096)
        fh.write(noise.randbytes(pages // 3 * 4096))
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    finally:
        conn.close()
    assert verdict != "ok", "the damage should be real"

    done = coachbook("check", "--db", str(db))

    assert done.returncode == 1
    line = assert_one_clear_line(done)
    assert "“notebook.sqlite3” is damaged" in line
    assert done.stdout == ""


def test_check_reports_a_row_pointing_to_a_missing_record(tmp_path):
    db = make_notebook(tmp_path / "notebook.sqlite3", ["Ms. Rivera"])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE teacher SET school_id = ?", (uuid.uuid4().hex,))
    conn.commit()
    conn.close()

    done = coachbook("check", "--db", str(db))

    assert done.returncode == 1
    line = assert_one_clear_line(done)
    assert "notebook.sqlite3 is damaged: row 1 of teacher points to a missing school" in line
    assert "Restore the latest backup" in line


# ---- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "students"), ("frobnicate",), ("backup", "--bogus")],
    ids=["no-kind", "unknown-kind", "unknown-command", "unknown-option"],
)
def test_usage_errors_exit_2_with_usage_and_no_traceback(args):
    done = coachbook(*args)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: coachbook")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("content", ["text", "other-app"])
def test_opening_a_foreign_file_exits_1_with_one_clear_line(tmp_path, content):
    path = tmp_path / "roster.sqlite3"
    if content == "text":
        path.write_text("Name,School\nAna,Lincoln\n", encoding="utf-8")
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.commit()
        conn.close()
    before = fingerprint(path)

    done = coachbook("list", "teachers", "--db", str(path))

    assert done.returncode == 1
    line = assert_one_clear_line(done)
    assert "“roster.sqlite3” is" in line and "not a Coachbook notebook" in line
    assert done.stdout == ""
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.sqlite3"]
