"""`coachbook export tool --tool NAME_OR_ID --out FILE.pdf`, run as a coach runs it: the tool
found by name or id, its report's figures those of `coachbook list tools --json`, and a
tool named wrongly or twice refused in one clear line."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import ToolForm, add_tool, set_usage
from app.store import Store
from app.text import percent_against
from tests.reports.conftest import read_pdf

PROJECT = Path(__file__).resolve().parents[2]
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


@pytest.fixture
def notebook(db_path) -> Path:
    """Three teachers licensed for Nearpod, one of whom used it this week; and two tools
    both called Kahoot."""
    first_year = TODAY.year if TODAY.month >= 8 else TODAY.year - 1
    with Store.open(db_path) as store:
        save_profile(
            store,
            ProfileData(
                school_year_start=date(first_year, 8, 17),
                school_year_end=date(first_year + 1, 6, 11),
            ),
        )
        ids = [
            save_teacher(store, TeacherForm(name=name, school="Lincoln Elementary")).id
            for name in ("Ana Ruiz", "Ben Okafor", "Chloé Martin")
        ]
        nearpod = add_tool(
            store,
            ToolForm(name="Nearpod", vendor="Nearpod Inc.", licences=40, cost_per_year=2000.0),
            date(first_year - 2, 8, 1),
            ids,
        )
        set_usage(store, nearpod, ids[0], TODAY, 3, TODAY)
        for vendor in ("Kahoot! ASA", "Someone else"):
            add_tool(store, ToolForm(name="Kahoot", vendor=vendor), TODAY)
    return db_path


def listed(path: Path) -> dict[str, dict]:
    done = coachbook("list", "tools", "--json", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return {row["vendor"]: row for row in json.loads(done.stdout)}


def test_export_tool_by_name_writes_the_report_with_the_lists_figures(notebook, tmp_path):
    out = tmp_path / "nearpod.pdf"
    done = coachbook(
        "export", "tool", "--tool", "nearpod", "--out", str(out), "--db", str(notebook)
    )
    assert done.returncode == 0, done.stderr
    text = read_pdf(out)
    assert done.stdout.strip() == (
        f"Wrote the Nearpod tool report ({len(text.pages)} page"
        f"{'s' if len(text.pages) != 1 else ''}) to {out}"
    )
    row = listed(notebook)["Nearpod Inc."]
    assert (row["seats_used"], row["seats_bought"]) == (1, 40)
    shown = percent_against(row["utilisation_pct"], 30)
    assert shown == "33%"
    assert f"{shown} 1 of 40 $2,000.00 $2,000.00" in text
    assert "Teachers with any use 1 of 3" in text
    assert f"{row['recommendation'].capitalize()}." in text
    assert "TOOL REPORT" in text and "From Nearpod Inc." in text


def test_export_tool_by_id_when_two_tools_share_a_name(notebook, tmp_path):
    out = tmp_path / "kahoot.pdf"
    done = coachbook("export", "tool", "--tool", "Kahoot", "--out", str(out), "--db", str(notebook))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "coachbook: 2 tools are named “Kahoot”: give the tool's id from `coachbook list tools` "
        "instead."
    )
    assert not out.exists()
    tool_id = listed(notebook)["Someone else"]["id"]
    done = coachbook("export", "tool", "--tool", tool_id, "--out", str(out), "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    assert "From Someone else" in read_pdf(out)
    # The start of an id is enough, as for the other reports.
    short = tool_id[:8]
    done = coachbook("export", "tool", "--tool", short, "--out", str(out), "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    assert "From Someone else" in read_pdf(out)


def test_an_unknown_tool_is_one_clear_line_and_writes_nothing(notebook, tmp_path):
    out = tmp_path / "nope.pdf"
    done = coachbook("export", "tool", "--tool", "Nope", "--out", str(out), "--db", str(notebook))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "coachbook: No tool named “Nope” is in the inventory: check `coachbook list tools`."
    )
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_export_tool_needs_the_tool_and_lists_itself_in_help(notebook, tmp_path):
    done = coachbook("export", "tool", "--out", str(tmp_path / "x.pdf"), "--db", str(notebook))
    assert done.returncode == 2
    assert "the following arguments are required: --tool" in done.stderr
    helped = coachbook("export", "--help")
    assert "tool" in helped.stdout and "budget meeting" in helped.stdout
