"""`coachbook list tools [--json]` and `coachbook import usage TOOL FILE.csv`, run as a coach
runs them, against a real notebook."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from app.models import Teacher
from app.services.profile import ProfileData, save_profile, school_calendar
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import ToolForm, add_tool, current_semester, log_error
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]
EXPORTS = PROJECT / "tests" / "usage_exports"
TODAY = date.today()  # the command reads the real date


def coachbook(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def list_tools_json(path: Path) -> list[dict]:
    done = coachbook("list", "tools", "--json", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def notebook(db_path) -> Path:
    """Four teachers, a school year holding today, and a tool with all four licensed."""
    first_year = TODAY.year if TODAY.month >= 8 else TODAY.year - 1
    with Store.open(db_path) as store:
        save_profile(
            store,
            ProfileData(
                school_year_start=date(first_year, 8, 17),
                school_year_end=date(first_year + 1, 6, 11),
            ),
        )
        emails = ("ana.ruiz", "ben.okafor", "", "dinh.thu")
        names = ("Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dinh Thu")
        ids = [
            save_teacher(
                store,
                TeacherForm(
                    name=n,
                    school="Lincoln Elementary",
                    email=f"{e}@lincoln.k12.example.org" if e else "",
                ),
            ).id
            for n, e in zip(names, emails, strict=True)
        ]
        add_tool(
            store,
            ToolForm(name="Nearpod", vendor="Nearpod Inc.", licences=40, cost_per_year=2000.0),
            date(first_year - 2, 8, 1),
            ids,
        )
    return db_path


def semester_first_day(path: Path) -> date:
    with Store.open(path, backup_on_open=False) as store:
        return current_semester(school_calendar(store), TODAY).first_day


def test_import_usage_then_list_tools_json_gives_the_semester_figures(notebook, tmp_path):
    day = semester_first_day(notebook)
    usage = tmp_path / "nearpod-usage.csv"
    usage.write_text(
        "Teacher Email,Date,Logins\n"
        f"ana.ruiz@lincoln.k12.example.org,{day.isoformat()},6\n"
        f"ben.okafor@lincoln.k12.example.org,{day.month}/{day.day}/{day.year},0\n",
        encoding="utf-8",
    )
    done = coachbook("import", "usage", "nearpod", str(usage), "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Imported 2 days of Nearpod use (logins) for 2 teachers from nearpod-usage.csv, "
        f"{day.isoformat()} to {day.isoformat()}."
    )
    (tool,) = list_tools_json(notebook)
    assert (tool["name"], tool["vendor"], tool["stage"], tool["status"]) == (
        "Nearpod",
        "Nearpod Inc.",
        "pilot",
        "in_use",
    )
    assert tool["utilisation_pct"] == 25.0  # Ana of four licensed teachers
    assert (tool["seats_used"], tool["seats_bought"]) == (1, 40)
    assert tool["cost_per_active_teacher"] == 2000.0
    assert tool["schools"] == ["Lincoln Elementary"]
    assert len(tool["teachers"]) == 4
    assert tool["checks"] == dict.fromkeys(
        ("privacy", "sso", "accessibility", "cost", "evidence", "mobile"), "unknown"
    )
    assert tool["recommendation"] in ("keep", "pending", "sunset")
    assert tool["reasons"] and all(isinstance(r, str) for r in tool["reasons"])


def test_import_usage_lists_unmatched_rows_by_line_and_imports_nothing(notebook):
    file = EXPORTS / "vendor_weekly_logins_unmatched.csv"
    done = coachbook("import", "usage", "Nearpod", str(file), "--db", str(notebook))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == (
        "coachbook: Nothing was imported: 4 rows have problems. Fix them and import again."
    )
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  line 3",
        "  line 4",
        "  line 5",
        "  line 6",
    ]
    assert "j.doe@lincoln.k12.example.org" in lines[1]
    (tool,) = list_tools_json(notebook)
    assert tool["seats_used"] == 0 and tool["trend"] == [
        {"month": m["month"], "active_teachers": 0, "utilisation_pct": 0.0} for m in tool["trend"]
    ]


def test_import_usage_json_lists_refused_rows(notebook):
    file = EXPORTS / "vendor_weekly_logins_unmatched.csv"
    done = coachbook("import", "usage", "Nearpod", str(file), "--json", "--db", str(notebook))
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["imported"] == 0
    assert [r["line"] for r in summary["refused"]] == [3, 4, 5, 6]


def test_import_usage_needs_the_tool_and_the_file(notebook):
    done = coachbook(
        "import", "usage", str(EXPORTS / "vendor_weekly_logins.csv"), "--db", str(notebook)
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "coachbook: Name the tool and then the usage file: import usage TOOL FILE.csv"
    )
    unknown = coachbook(
        "import",
        "usage",
        "Flipgrid",
        str(EXPORTS / "vendor_weekly_logins.csv"),
        "--db",
        str(notebook),
    )
    assert unknown.returncode == 1
    assert "No tool named “Flipgrid” is in the inventory" in unknown.stderr


def test_list_tools_json_flags_a_renewal_and_asks_for_a_review_after_lost_time(notebook):
    with Store.open(notebook, backup_on_open=False) as store, store.session() as session:
        teacher_ids = list(session.exec(select(Teacher.id)))
    with Store.open(notebook, backup_on_open=False) as store:
        renewing = add_tool(
            store,
            ToolForm(name="Seesaw", renewal_date=TODAY + timedelta(days=30)),
            date(TODAY.year - 2, 8, 1),
            teacher_ids,
        )
        failing = add_tool(store, ToolForm(name="Kami"), date(TODAY.year - 2, 8, 1))
        log_error(store, failing, TODAY, "PDFs would not open", 25)
    tools = {t["name"]: t for t in list_tools_json(notebook)}
    assert str(renewing) == tools["Seesaw"]["id"]
    # Four seats and nobody has used it: the renewal is flagged before it is paid.
    assert tools["Seesaw"]["recommendation"] == "sunset"
    (reason,) = tools["Seesaw"]["reasons"]
    assert reason.startswith("it renews on ") and "(in 30 days)" in reason
    assert reason.endswith("is 0%, under 30%: decide before the money is spent")
    assert tools["Kami"]["recommendation"] == "review"
    assert tools["Kami"]["reasons"] == [
        "an unresolved technical error has cost 25 minutes of instruction: review it now"
    ]


def test_list_tools_prints_a_table(notebook):
    done = coachbook("list", "tools", "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == [
        "Name",
        "Status",
        "Utilisation",
        "Seats",
        "used",
        "Bought",
        "Recommendation",
        "Id",
    ]
    assert lines[1].startswith("Nearpod") and lines[-1] == "1 tools"
