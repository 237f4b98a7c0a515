"""The tool report for the budget meeting: read back from the PDF, every figure it prints is
the one `coachbook list tools --json` gives for that tool, in every state the demo's tools are
in; a tool never piloted shows its checks as unknown; errors show their minutes, never what
the coach wrote about them; buy-in shows each quarter against 85%."""

import json
import os
import re
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from app.reports.catalogue import BY_KEY, TOOL
from app.services.demo import build_demo
from app.services.profile import calendar_in, get_profile, save_profile
from app.services.teachers import list_teachers
from app.services.tools import STAGE_LABELS, STATUS_LABELS, ToolForm, add_tool, log_error
from app.services.tools.buy_in import buy_in_by_quarter, buy_in_item_rows, record_buy_in
from app.store import Store
from app.text import (
    CRITERION_LABELS,
    MONTHS,
    RESULT_LABELS,
    full_date,
    money,
    percent,
    percent_against,
)
from tests.reports.conftest import read_pdf

PROJECT = Path(__file__).resolve().parents[2]
TODAY = date.today()  # the command line reads the real date, so the notebook does too
SECRET = "SECRET-DESCRIPTION Ms. Ruiz's class laughed at the login screen"
UNUSED = "Chalk & <Board> 🚀"
EMPTY = "Nobody's Tool"


def coachbook(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    """The small demo as of today, with a tool added by hand that has seats but no use and
    buy-in surveys in this quarter and the last, a tool with no seats, and an error whose
    description must never be printed."""
    path = tmp_path_factory.mktemp("tool-report") / "demo.sqlite3"
    with Store.open(path, backup_on_open=False) as store:
        build_demo(store, "small", today=TODAY)
        teachers = [t.id for t in list_teachers(store) if not t.archived]
        unused = add_tool(
            store,
            ToolForm(name=UNUSED, vendor="陈 Learning", licences=30, cost_per_year=600.0),
            TODAY,
            teachers[:3],
        )
        add_tool(store, ToolForm(name=EMPTY), TODAY)
        log_error(store, unused, TODAY, SECRET, 17, teachers[0])
        statements = len(buy_in_item_rows(store))
        with store.session() as session:
            quarters = buy_in_by_quarter(
                session, unused, calendar_in(session), calendar_in(session).year_of(TODAY)
            )
        started = [q.quarter for q in quarters if q.quarter.first_day <= TODAY]
        for n, teacher in enumerate(teachers[:7]):
            score = 5 if n < 6 else 2  # 6 of 7 agree: 85.7%, over the line
            record_buy_in(store, unused, teacher, started[-1].first_day, [score] * statements)
        if len(started) > 1:
            for n, teacher in enumerate(teachers[:4]):
                score = 4 if n < 2 else 3  # 2 of 4: 50%, under it
                record_buy_in(store, unused, teacher, started[-2].first_day, [score] * statements)
    return path


@pytest.fixture(scope="module")
def listed(notebook) -> dict[str, dict]:
    done = coachbook("list", "tools", "--json", "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    return {row["name"]: row for row in json.loads(done.stdout)}


def report_text(notebook: Path, tool_id: str, tmp_path: Path, paper: str = "letter"):
    with Store.open(notebook, backup_on_open=False) as store:
        profile = get_profile(store)
        if profile.paper_size != paper:
            profile.paper_size = paper
            save_profile(store, profile)
        document = BY_KEY[TOOL]
        data = document.gather(store, uuid.UUID(tool_id), TODAY)
        out = tmp_path / f"tool-{paper}.pdf"
        pages = document.write(data, out, invariant=True)
    text = read_pdf(out)
    assert pages == len(text.pages)
    return text, data


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def test_the_demo_holds_a_tool_in_each_state_of_the_review(listed):
    reasons = " ".join(" ".join(row["reasons"]) for row in listed.values())
    assert "utilisation over the second semester" in reasons  # kept, or a sunset candidate
    states = {row["recommendation"] for row in listed.values()}
    assert {"keep", "pending", "review", "sunset"} <= states
    assert {"in_use", "sunset_notice", "retired"} <= {row["status"] for row in listed.values()}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_figure_on_each_tools_report_is_the_one_list_tools_gives(
    notebook, listed, tmp_path, paper
):
    for name, row in listed.items():
        text, _data = report_text(notebook, row["id"], tmp_path, paper)
        reasons = " ".join(row["reasons"])
        stage = STAGE_LABELS[row["stage"]]
        status = STATUS_LABELS[row["status"]]
        assert name in text
        assert f"Stage: {stage} · {status}" in text
        if row["vendor"]:
            assert f"From {row['vendor']}" in text
        if row["renewal_date"]:
            assert f"renews {full_date(date.fromisoformat(row['renewal_date']))}" in text
        shown = percent_against(row["utilisation_pct"], 30)
        licensed = len(row["teachers"])
        bought = "—" if row["seats_bought"] is None else str(row["seats_bought"])
        # The headline, then the table of this semester and last.
        assert f"{shown} {row['seats_used']} of {bought}" in text, name
        assert f"Teachers with any use {row['seats_used']} of {licensed}" in text, name
        assert f"Teacher utilisation {shown}" in text, name
        # Last semester's share is the one the review's reason gives, when it names it.
        said = re.search(r"utilisation over the \w+ semester of [\d-]+ was ([\d.]+%)", reasons)
        if said:
            assert f"Teacher utilisation {shown} {said.group(1)}" in text, name
        assert money(row["cost_per_active_teacher"]) in text
        assert money(row["yearly_cost"]) in text
        if row["recommendation"] is None:  # it has left the inventory
            assert "Out of the review: retired." in text
        else:
            assert f"{row['recommendation'].capitalize()}." in text
        for reason in row["reasons"]:
            assert f"• {reason[:1].upper()}{reason[1:]}." in text, reason
        if not licensed:
            assert "No teacher is licensed or enrolled, so there is no use to show." in text
        for month in row["trend"] if licensed else ():
            line = f"{month_label(month['month'])} {month['active_teachers']} "
            assert line + percent(month["utilisation_pct"]) in text, (name, month)
        if row["unresolved_errors"]:
            errors = row["unresolved_errors"]
            words = "1 unresolved technical error has" if errors == 1 else f"{errors} unresolved"
            assert f"{words}" in text
            assert f"cost {row['minutes_lost']} minutes of instruction" in text
        else:
            assert "No unresolved technical error is costing instruction time." in text
        for criterion, result in row["checks"].items():
            assert f"{CRITERION_LABELS[criterion]} {RESULT_LABELS[result]}" in text
        sunset = row["sunset"]
        if sunset is not None:
            ends = full_date(date.fromisoformat(sunset["notice_ends_on"]))
            if sunset["left_on"]:
                left = full_date(date.fromisoformat(sunset["left_on"]))
                assert f"It left the inventory on {left}." in text
            elif sunset["days_left"]:
                days = sunset["days_left"]
                assert f"ends on {ends} ({days} day{'s' if days != 1 else ''} left)" in text
            else:
                assert f"ends on {ends} (it has ended)" in text
            for done in sunset["steps"].values():
                if done:
                    assert full_date(date.fromisoformat(done)) in text
            ticked = sum(1 for done in sunset["steps"].values() if done)
            if not sunset["left_on"]:
                assert f"{ticked} of 4 steps are done" in text
        # Every page of it reads as a tool report: nothing runs off a page's foot.
        assert all(f"Tool report: {name}" in page for page in text.pages)


def test_a_tool_never_piloted_shows_every_check_as_unknown(notebook, listed, tmp_path):
    row = listed[UNUSED]
    assert row["pilot_id"] is None
    text, _data = report_text(notebook, row["id"], tmp_path)
    assert "never piloted, so its checks are unknown" in text
    for label in CRITERION_LABELS.values():
        assert f"{label} Unknown" in text


def test_an_adopted_pilots_tool_says_its_checks_come_from_its_pilot(notebook, listed, tmp_path):
    adopted = next(row for row in listed.values() if row["pilot_id"] is not None)
    text, data = report_text(notebook, adopted["id"], tmp_path)
    assert f"Carried over from its pilot of {data.pilot_tool}" in text
    assert "never piloted" not in text


def test_a_tool_with_seats_but_no_use_costs_nothing_per_active_teacher(notebook, listed, tmp_path):
    row = listed[UNUSED]
    assert row["seats_used"] == 0 and row["cost_per_active_teacher"] is None
    text, _data = report_text(notebook, row["id"], tmp_path)
    assert "0% 0 of 30 — $600.00" in text
    assert "Teachers with any use 0 of 3" in text
    assert "— (no teacher has used it this semester)." in text
    assert "it joined the inventory after last semester ended" in text


def test_a_tool_nobody_is_licensed_for_says_there_is_no_use_to_show(notebook, listed, tmp_path):
    row = listed[EMPTY]
    assert row["utilisation_pct"] is None
    text, _data = report_text(notebook, row["id"], tmp_path)
    assert "No teacher is licensed or enrolled, so there is no use to show." in text
    assert "— (the tool's yearly cost is not recorded)." in text
    assert "no teacher is licensed or enrolled, so there is no use to judge" in text.text.lower()


def test_errors_show_their_day_teacher_and_minutes_but_never_their_description(
    notebook, listed, tmp_path
):
    row = listed[UNUSED]
    text, data = report_text(notebook, row["id"], tmp_path)
    (error,) = data.errors
    assert f"{full_date(TODAY)} {error.teacher_name} 17 No" in text
    assert "1 unresolved technical error has cost 17 minutes of instruction." in text
    assert "SECRET-DESCRIPTION" not in text
    assert "laughed" not in text
    assert row["minutes_lost"] == 17 and row["recommendation"] == "review"


def test_no_demo_tool_report_prints_an_errors_description(notebook, listed, tmp_path):
    from sqlmodel import select

    from app.models import ToolLogEntry

    with Store.open(notebook, backup_on_open=False) as store, store.session() as session:
        descriptions = [d for d in session.exec(select(ToolLogEntry.description)) if d]
    assert descriptions
    for row in listed.values():
        text, _data = report_text(notebook, row["id"], tmp_path)
        for description in descriptions:
            assert description not in text


def test_buy_in_shows_each_quarter_against_85_percent(notebook, listed, tmp_path):
    row = listed[UNUSED]
    text, data = report_text(notebook, row["id"], tmp_path)
    with Store.open(notebook, backup_on_open=False) as store, store.session() as session:
        calendar = calendar_in(session)
        quarters = buy_in_by_quarter(
            session, data.figures.row.id, calendar, calendar.year_of(TODAY)
        )
    assert [q.quarter for q in data.figures.buy_in] == [q.quarter for q in quarters]
    answered = [q for q in quarters if q.teachers]
    assert answered and answered[-1].teachers == 7 and answered[-1].meets_target
    for q in quarters:
        when = f"Q{q.quarter.number} ({full_date(q.quarter.first_day)})"
        if not q.teachers:
            assert f"{when} 0 — — — No answers" in text
            continue
        agree = percent_against(q.agree_pct, 85)
        target = "Met" if q.meets_target else "Under"
        line = (
            f"{when} {q.teachers} {agree} ({q.agreeing}) {percent(q.usefulness_pct)} "
            f"{percent(q.ease_pct)} {target}"
        )
        assert line in text
    assert "86% (6)" in text  # 6 of 7 teachers agree
    if len(answered) > 1:
        assert "50% (2) 50% 50% Under" in text


def test_a_tool_with_no_buy_in_says_so(notebook, listed, tmp_path):
    text, _data = report_text(notebook, listed[EMPTY]["id"], tmp_path)
    year = f"{TODAY.year}" if TODAY.month >= 8 else f"{TODAY.year - 1}"
    assert f"No teacher has answered the buy-in survey in {year}-" in text


def test_a_sunset_report_shows_the_notice_end_and_the_steps(notebook, listed, tmp_path):
    row = next(r for r in listed.values() if r["status"] == "sunset_notice")
    text, _data = report_text(notebook, row["id"], tmp_path)
    started = full_date(date.fromisoformat(row["sunset"]["notice_date"]))
    assert f"The 30-day notice started on {started}" in text
    for step in (
        "Tell the teachers",
        "Archive students' work to the district's drive",
        "Remove the single sign-on app and the rostering sync",
        "Cancel the renewal",
    ):
        assert step in text
    assert "Not yet" in text


def test_a_hostile_tool_prints_as_typed_and_a_very_long_one_is_shortened(store, tmp_path):
    from app.reports.document import Contents, frame_width, setup_for
    from app.reports.portfolio import inventory_blocks
    from app.reports.writing import write_pdf
    from app.services.reports.shared import byline
    from app.services.reports.tool import inventory_section

    today = date(2026, 11, 25)
    markup = "<b>Kahoot!</b> & <i>Co</i> 陈 🚀"
    long_name = "Padlet " + "very long name " * 12  # names stop at 200 characters; vendors don't
    ids = [
        add_tool(store, ToolForm(name=markup, vendor="<Vendor> & Sons"), today),
        add_tool(store, ToolForm(name=long_name, vendor="x" * 5000), today),
    ]
    for tool_id in ids:
        out = tmp_path / "tool.pdf"
        BY_KEY[TOOL].write(BY_KEY[TOOL].gather(store, tool_id, today), out)
        text = read_pdf(out)
        assert len(text.pages) <= 3
        if tool_id == ids[0]:
            assert markup in text and "From <Vendor> & Sons" in text
        else:
            assert long_name.strip() in text
            assert "x… Stage: Pilot" in text  # the vendor, shortened
            assert text.text.count("x") < 500
    section = inventory_section(store, "2026-2027", today)
    common = byline(store, today)
    contents = Contents()
    story = inventory_blocks(section, contents, frame_width(common.paper_size), today)
    out = tmp_path / "inventory.pdf"
    write_pdf(story, out, setup_for("Inventory", common), contents=contents)
    text = read_pdf(out)
    assert f"{markup}: Pending:" in text
    assert len(text.pages) <= 3
