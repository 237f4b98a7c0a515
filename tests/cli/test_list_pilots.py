"""`coachbook list pilots --json` for a pilot built through the services, as a script reads it."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.models import Pilot, VettingCheck, utc_now
from app.services.pilots import (
    CheckInput,
    DecisionForm,
    PilotForm,
    create_pilot,
    record_decision,
    save_vetting,
    set_usage,
    unenrol_teacher,
)
from app.services.pilots.common import CRITERIA
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]


def list_pilots_json(path: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "app", "list", "pilots", "--json", "--db", str(path)],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def columns(model) -> set[str]:
    return {c.name for c in model.__table__.columns}


@pytest.fixture
def finished_pilot(db_path):
    """A four-week pilot that ended last week: three teachers, mobile failed, 7 of 12 used."""
    today = date.today()
    with Store.open(db_path, backup_on_open=False) as store:
        names = ["Ms. Ngọc <b>&", "王老师", "Mr. Sunshine 🌞", "Left Early"]
        teachers = [save_teacher(store, TeacherForm(name=n)).id for n in names]
        pilot = create_pilot(
            store,
            PilotForm(tool="Kahoot! <Live>", start_date=today - timedelta(days=35)),
            teachers,
        )
        save_vetting(
            store,
            pilot,
            [CheckInput(c, "fail" if c == "mobile" else "pass") for c in reversed(CRITERIA)],
        )
        for teacher, weeks in zip(teachers, ([1, 2, 3, 4], [1, 2], [3], [1, 2, 3, 4]), strict=True):
            for week in weeks:
                set_usage(store, pilot, teacher, week, True, today)
        unenrol_teacher(store, pilot, teachers[3], utc_now())
    return db_path, pilot, teachers


def test_a_pilot_carries_its_teachers_checks_utilisation_and_recommendation(finished_pilot):
    path, pilot_id, teachers = finished_pilot

    [pilot] = list_pilots_json(path)

    assert set(pilot) >= columns(Pilot) | {"checks", "utilisation_pct", "recommendation"}
    assert (pilot["id"], pilot["tool"], pilot["status"]) == (
        str(pilot_id),
        "Kahoot! <Live>",
        "proposed",
    )
    assert pilot["teachers"] == [
        {"id": str(teachers[2]), "name": "Mr. Sunshine 🌞"},
        {"id": str(teachers[0]), "name": "Ms. Ngọc <b>&"},
        {"id": str(teachers[1]), "name": "王老师"},
    ]
    assert sorted(pilot["teacher_ids"]) == sorted(str(t) for t in teachers[:3])
    assert [(c["criterion"], c["result"]) for c in pilot["checks"]] == [
        (c, "fail" if c == "mobile" else "pass") for c in CRITERIA
    ]
    assert all(set(c) == columns(VettingCheck) for c in pilot["checks"])
    assert pilot["utilisation_pct"] == 58.3  # 7 of 12: the teacher who left no longer counts
    assert pilot["recommendation"] == "review"
    assert pilot["recommendation_reasons"] == ["the mobile check failed"]
    assert (pilot["weeks_to_run"], pilot["awaiting_decision"]) == (0, True)


def test_a_sunset_pilot_lists_its_decision_and_notice_date(finished_pilot):
    path, pilot_id, _ = finished_pilot
    decided = date.today() - timedelta(days=2)
    with Store.open(path, backup_on_open=False) as store:
        record_decision(
            store, pilot_id, DecisionForm("sunset", "Teachers stopped using it.", decided)
        )

    [pilot] = list_pilots_json(path)

    assert (pilot["status"], pilot["decision"], pilot["rationale"]) == (
        "sunset",
        "sunset",
        "Teachers stopped using it.",
    )
    assert pilot["decision_date"] == decided.isoformat()
    assert pilot["notice_date"] == (decided + timedelta(days=30)).isoformat()
    assert pilot["awaiting_decision"] is False
