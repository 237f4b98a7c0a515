"""The dashboard's tools in use on a real PostgreSQL: per tool, matched by name across coaches,
its seats, this semester's use, cost and the quarter's buy-in equal the figures the coaches'
own notebooks give; small cells are withheld; the PDF, the JSON and the District screen say
the same; `district init` brings an older district up to the tool tables, and the sync fills
them; the new queries can be read by their indexes."""

import json
import shutil
from collections import defaultdict
from datetime import date, timedelta

import psycopg
import pytest
from alembic import command
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import create_engine
from sqlmodel import select

from app.cli import main
from app.models import CoachProfile, ToolStatus
from app.reports.dashboard_report import inventory_cells
from app.services.district import dashboard as dashboard_queries
from app.services.district import schema
from app.services.district.address import parse_address
from app.services.district.dashboard import (
    FEWER_THAN,
    NO_SCHOOL,
    DashboardFilter,
    buy_in_text,
    district_dashboard,
    figure_text,
    utilisation_text,
)
from app.services.district.sync import sync_notebook
from app.services.profile import calendar_in
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import add_tool, load_tool_states, set_usage, tool_rows_in
from app.services.tools.buy_in import quarter_buy_in, quarter_of, record_buy_in, tool_buy_in
from app.services.tools.record import ToolForm
from app.services.tools.semesters import current_semester
from app.services.tools.sunset import sunset_state
from app.store import Store, alembic_config
from tests.district.test_dashboard import NOVEMBER, TODAY, last_line
from tests.views.conftest import recorder
from tests.views.test_district_screen import cells, district_item, open_window, show_district
from tests.views.test_district_sync import memory_keyring

__all__ = ["memory_keyring", "recorder"]  # fixtures these tests use

SCORES_AGREE = [5, 4, 4, 5, 4, 4]
SCORES_DISAGREE = [2, 3, 3, 4, 2, 3]


@pytest.fixture
def district(district_db, capsys):
    """A district with two coaches and a director; returns their connection lines."""
    assert main(["district", "init", "--url", district_db]) == 0
    lines = {}
    for name in ("Ana Ruiz", "Ben Okafor"):
        assert main(["district", "add-coach", "--url", district_db, name]) == 0
        lines[name] = last_line(capsys)
    assert main(["district", "add-director", "--url", district_db, "Dee Marsh"]) == 0
    lines["director"] = last_line(capsys)
    return lines


def answer_buy_in(store: Store, day: date, *, disagree_every: int | None = None) -> None:
    """Every seated teacher of every tool in the inventory answers on `day`: every
    `disagree_every`-th disagrees, the others agree. Unless told, every teacher of the
    first, third... tool by name agrees, and every other teacher of the others."""
    with store.session() as session:
        seats = [(row.id, [t.id for t in row.teachers]) for row in tool_rows_in(session, day)]
    for position, (tool_id, teacher_ids) in enumerate(seats):
        every = disagree_every or (1000 if position % 2 == 0 else 2)
        for n, teacher_id in enumerate(teacher_ids):
            scores = SCORES_DISAGREE if n % every == every - 1 else SCORES_AGREE
            record_buy_in(store, tool_id, teacher_id, day, scores, today=day)


@pytest.fixture
def synced(district, small_demo_template, tmp_path):
    """Ana syncs a copy of the small demo, Ben a demo built a week earlier whose Settings
    start the school year in late August and its second semester in January; both answered
    buy-in surveys this quarter. Returns the open notebooks by coach."""
    shutil.copy(small_demo_template, tmp_path / "ana.sqlite3")
    from app.services.demo import build_demo

    stores = {
        "Ana Ruiz": Store.open(tmp_path / "ana.sqlite3", backup_on_open=False),
        "Ben Okafor": Store.open(tmp_path / "ben.sqlite3", backup_on_open=False),
    }
    build_demo(stores["Ben Okafor"], "small", today=TODAY - timedelta(weeks=1))
    with stores["Ben Okafor"].session() as session:
        profile = session.exec(select(CoachProfile)).one()
        profile.school_year_start = date(2026, 8, 24)
        profile.school_year_end = date(2027, 6, 11)
        profile.second_semester_start = date(2027, 1, 19)
    answer_buy_in(stores["Ana Ruiz"], TODAY - timedelta(days=3))
    # Ben's teachers all disagree first; their second survey in the quarter replaces it.
    answer_buy_in(stores["Ben Okafor"], TODAY - timedelta(days=10), disagree_every=1)
    answer_buy_in(stores["Ben Okafor"], TODAY - timedelta(days=2))
    for name, store in stores.items():
        sync_notebook(store, parse_address(district[name]))
    yield stores
    for store in stores.values():
        store.close()


def quarter_buy_in_by(store: Store, tool_id, quarter, day: date):
    """The notebook's buy-in for the quarter from the surveys taken by `day`: each teacher's
    latest one counts."""
    surveys = tool_buy_in(store, tool_id, day, quarter.school_year).surveys  # newest first
    latest = {}
    for survey in surveys:
        if survey.quarter == quarter and survey.taken_on <= day:
            latest.setdefault(survey.teacher_id, survey)
    return quarter_buy_in(quarter, list(latest.values()))


def expected_tools(stores: dict[str, Store], today: date) -> dict:
    """Each tool's figures by lower-cased name, worked out by the notebooks' own services."""
    tools = defaultdict(
        lambda: {
            "coaches": 0,
            "notice": 0,
            "seated": 0,
            "active": 0,
            "active_costed": 0,
            "licences": None,
            "yearly": None,
            "answered": 0,
            "agreeing": 0,
            "schools": defaultdict(lambda: [0, 0]),
        }
    )
    retired = set()
    for store in stores.values():
        asked = []
        with store.session() as session:
            calendar = calendar_in(session)
            semester = current_semester(calendar, today)
            year_first = calendar.bounds(calendar.year_of(today))[0]
            rows = tool_rows_in(session, today, include_retired=True)
            states = {state.tool.id: state for state in load_tool_states(session)}
            quarter = quarter_of(calendar, today)
            for row in rows:
                key = row.tool.name.strip().lower()
                if row.status == ToolStatus.RETIRED:
                    left = row.sunset.left_on if row.sunset else row.tool.retired_on
                    if left is not None and year_first <= left <= today:
                        retired.add(key)
                    continue
                tool = tools[key]
                tool["coaches"] += 1
                tool["notice"] += row.status == ToolStatus.SUNSET_NOTICE
                tool["seated"] += row.semester.licensed
                tool["active"] += row.semester.active_teachers
                if row.yearly_cost is not None:
                    tool["yearly"] = (tool["yearly"] or 0) + row.yearly_cost
                    tool["active_costed"] += row.semester.active_teachers
                if row.seats_bought is not None:
                    tool["licences"] = (tool["licences"] or 0) + row.seats_bought
                asked.append((tool, row.id))
                used = {
                    u.teacher_id
                    for u in states[row.id].usage
                    if u.active > 0 and semester.first_day <= u.starts_on <= today
                }
                for teacher in row.teachers:
                    cell = tool["schools"][teacher.school.strip() or NO_SCHOOL]
                    cell[0] += 1
                    cell[1] += teacher.id in used
        for tool, tool_id in asked:  # each read in a unit of work of its own
            shown = quarter_buy_in_by(store, tool_id, quarter, today)
            tool["answered"] += shown.teachers
            tool["agreeing"] += shown.agreeing
    return {"tools": tools, "retired": retired}


def test_each_tools_figures_equal_the_notebooks_own(synced, district):
    dashboard = district_dashboard(parse_address(district["director"]), NOVEMBER, today=TODAY)
    expected = expected_tools(synced, TODAY)
    shown = {t.tool.lower(): t for t in dashboard.tools_in_use.tools}

    assert set(shown) == set(expected["tools"]) and len(shown) >= 5
    for key, want in expected["tools"].items():
        tool = shown[key]
        assert tool.coaches == want["coaches"] == 2, key
        assert tool.under_notice == want["notice"], key
        assert (tool.seated.value, tool.active.value) == (want["seated"], want["active"]), key
        assert tool.seated.teachers == want["seated"]
        assert tool.utilisation_pct.value == pytest.approx(
            100 * want["active"] / want["seated"] if want["seated"] else None
        ), key
        assert tool.seats_bought == want["licences"], key
        assert tool.yearly_cost == pytest.approx(want["yearly"]), key
        if want["yearly"] is not None and want["active_costed"]:
            assert tool.cost_per_active_teacher.value == pytest.approx(
                want["yearly"] / want["active_costed"]
            ), key
        else:
            assert tool.cost_per_active_teacher.value is None, key
        assert tool.buy_in_pct.teachers == want["answered"], key
        if want["answered"]:
            share = 100 * want["agreeing"] / want["answered"]
            assert tool.buy_in_pct.value == pytest.approx(share), key
            assert tool.buy_in_met == (share >= 85 if want["answered"] >= 3 else None)
        for school, (seated, active) in want["schools"].items():
            cell = tool.by_school[school]
            assert (cell.teachers, cell.value) == (
                seated,
                pytest.approx(100 * active / seated),
            ), (key, school)
        assert set(tool.by_school) == set(want["schools"]), key
    notices = {k for k, want in expected["tools"].items() if want["notice"]}
    assert dashboard.tools_in_use.under_notice == len(notices) >= 1
    assert dashboard.tools_in_use.retired_this_year == len(expected["retired"]) >= 1
    answered = [t for t in shown.values() if t.buy_in_pct.teachers]
    assert answered and any(t.buy_in_met for t in answered)
    assert any(t.buy_in_met is False for t in answered)


def test_each_coachs_semester_and_quarter_are_the_notebooks_own(synced, district):
    """Ben's Settings start his second semester in January; the SQL works out each coach's
    semester and quarter exactly as the notebook does, on days all through the year."""
    address = parse_address(district["director"])
    days = [date(2026, 8, 1), date(2026, 8, 23), date(2026, 8, 24), date(2026, 10, 16)]
    days += [date(2027, 1, 18), date(2027, 1, 19), date(2027, 4, 1), date(2027, 6, 11)]
    days += [date(2027, 6, 12), date(2027, 7, 31), date(2028, 2, 29)]
    ids = district_dashboard(address, NOVEMBER, today=TODAY).coach_ids
    statement = f"""
        WITH {dashboard_queries._TERMS}
        SELECT school_year, semester, s_first, s_last, quarter, q_first
        FROM terms WHERE coach_id = %(coach)s
    """
    with psycopg.connect(district["director"]) as server:
        for coach, store in synced.items():
            with store.session() as session:
                calendar = calendar_in(session)
            for day in days:
                got = server.execute(statement, {"as_of": day, "coach": ids[coach]}).fetchone()
                semester = current_semester(calendar, day)
                quarter = quarter_of(calendar, day)
                assert got == (
                    semester.school_year,
                    semester.number,
                    semester.first_day,
                    semester.last_day,
                    quarter.number,
                    quarter.first_day,
                ), (coach, day)


def test_the_json_and_the_pdf_show_the_tools_in_use(synced, district, tmp_path, capsys):
    args = ["district", "report", "--url", district["director"], "--month", "2026-11"]
    assert main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["tools_in_use"]
    dashboard = district_dashboard(parse_address(district["director"]), NOVEMBER, today=TODAY)
    assert figures == json.loads(json.dumps(dashboard.tools_in_use.for_json()))
    assert figures["buy_in_target_pct"] == 85
    assert figures["tools_under_sunset_notice"] >= 1
    (nearpod,) = [t for t in figures["tools"] if t["tool"] == "Nearpod"]
    assert isinstance(nearpod["teachers_with_a_seat"], int) and nearpod["coaches"] == 2
    assert set(nearpod) >= {
        "active_teachers",
        "utilisation_pct",
        "seats_bought",
        "yearly_cost",
        "cost_per_active_teacher",
        "buy_in_pct",
        "utilisation_pct_by_school",
    }

    out = tmp_path / "dashboard.pdf"
    assert main([*args, "--out", str(out)]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Tools in use" in text
    for tool in dashboard.tools_in_use.tools:
        label, *cells = inventory_cells(tool)
        assert cells[2] == utilisation_text(tool.utilisation_pct)
        assert cells[5] == figure_text(tool.cost_per_active_teacher, as_money=True)
        assert cells[6] == buy_in_text(tool.buy_in_pct)
        assert f"{tool.tool} " in text and " ".join(cells) in text, tool.tool
        assert "sunset notice" not in label or tool.under_notice
    assert "under a sunset notice" in text


def test_filters_narrow_the_tools_to_one_school_or_one_coach(synced, district):
    address = parse_address(district["director"])
    whole = district_dashboard(address, NOVEMBER, today=TODAY)
    (tool, *_) = [t for t in whole.tools_in_use.tools if len(t.by_school) > 1]
    school = next(iter(tool.by_school))
    narrowed = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(school=school)
    )
    (same,) = [t for t in narrowed.tools_in_use.tools if t.tool == tool.tool]
    assert same.utilisation_pct == tool.by_school[school]
    assert list(same.by_school) == [school]
    assert all(list(t.by_school) == [school] for t in narrowed.tools_in_use.tools)

    ben = whole.coach_ids["Ben Okafor"]
    one_coach = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(coach_id=ben)
    )
    expected = expected_tools({"Ben Okafor": synced["Ben Okafor"]}, TODAY)["tools"]
    assert {t.tool.lower() for t in one_coach.tools_in_use.tools} == set(expected)
    assert all(t.coaches == 1 for t in one_coach.tools_in_use.tools)
    assert one_coach.tools_in_use.semester.startswith("the first semester of 2026-2027, ")
    assert whole.tools_in_use.semester == "each coach's semester by their own Settings"
    assert whole.tools_in_use.quarter == "Q2 2026-2027"


def test_a_tool_with_fewer_than_three_teachers_is_withheld(district, tmp_path, capsys):
    day = date(2026, 11, 16)
    with Store.open(tmp_path / "tiny.sqlite3", backup_on_open=False) as store:
        teachers = [
            save_teacher(store, TeacherForm(name=name, school="Tiny Rural School")).id
            for name in ("Kim Lee", "Sam Diaz")
        ]
        form = ToolForm(name="Seesaw", licences=10, cost_per_year=900.0)
        tool_id = add_tool(store, form, date(2026, 8, 3), teachers)
        set_usage(store, tool_id, teachers[0], day, 3, TODAY)
        for teacher_id in teachers:
            record_buy_in(store, tool_id, teacher_id, day, SCORES_AGREE, today=TODAY)
        sync_notebook(store, parse_address(district["Ana Ruiz"]))

    args = ["district", "report", "--url", district["director"], "--month", "2026-11"]
    out = tmp_path / "dashboard.pdf"
    assert main([*args, "--json", "--out", str(out)]) == 0
    (seesaw,) = json.loads(capsys.readouterr().out)["tools_in_use"]["tools"]
    for name in (
        "teachers_with_a_seat",
        "active_teachers",
        "utilisation_pct",
        "cost_per_active_teacher",
        "buy_in_pct",
    ):
        assert seesaw[name] == FEWER_THAN, name
    assert seesaw["utilisation_pct_by_school"] == {"Tiny Rural School": FEWER_THAN}
    assert seesaw["buy_in_met"] is None
    # Bought seats and the yearly cost are the district's spending, not drawn from teachers.
    assert (seesaw["seats_bought"], seesaw["yearly_cost"]) == (10, 900.0)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    row = text[text.index("Seesaw") :]
    assert row.startswith(f"Seesaw {FEWER_THAN} {FEWER_THAN} {FEWER_THAN} 10 $900 {FEWER_THAN}")
    assert "900.00" not in row.split("Seesaw", 1)[1][:80]


def test_init_upgrades_an_older_district_and_the_sync_carries_the_tool_tables(
    district_db, tmp_path, capsys
):
    """A district set up at schema 0009 (before buy-in): `district init` upgrades it, and a
    coach's sync then fills every tool table, which the director reads."""
    engine = create_engine(district_db.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0009")
        raw = connection.connection.driver_connection
        schema._create_groups(raw)
        schema._create_coach_table(raw, parse_address(district_db).database)
        for table in ("tool", "tool_teacher", "tool_usage", "teacher", "school"):
            schema._protect_table(raw, table)
    engine.dispose()

    assert main(["district", "init", "--url", district_db]) == 0
    assert "upgraded from 0009 to 0010" in capsys.readouterr().out
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    ana = last_line(capsys)
    assert main(["district", "add-director", "--url", district_db, "Dee Marsh"]) == 0
    director = last_line(capsys)
    with Store.open(tmp_path / "ana.sqlite3", backup_on_open=False) as store:
        teachers = [
            save_teacher(store, TeacherForm(name=f"Teacher {n}", school="Hill Middle")).id
            for n in range(3)
        ]
        tool_id = add_tool(store, ToolForm(name="Nearpod", licences=5), TODAY, teachers)
        set_usage(store, tool_id, teachers[0], TODAY, 2, TODAY)
        for teacher_id in teachers:
            record_buy_in(store, tool_id, teacher_id, TODAY, SCORES_AGREE, today=TODAY)
        sync_notebook(store, parse_address(ana))

    with psycopg.connect(director) as server:
        counts = {
            table: server.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("tool", "tool_teacher", "tool_usage", "buy_in_item", "buy_in_survey")
        }
        counts["buy_in_answer"] = server.execute("SELECT count(*) FROM buy_in_answer").fetchone()[0]
    assert counts == {
        "tool": 1,
        "tool_teacher": 3,
        "tool_usage": 1,
        "buy_in_item": 6,
        "buy_in_survey": 3,
        "buy_in_answer": 6 * 3,
    }
    dashboard = district_dashboard(parse_address(director), NOVEMBER, today=TODAY)
    (nearpod,) = dashboard.tools_in_use.tools
    assert (nearpod.seated.value, nearpod.active.value, nearpod.buy_in_pct.value) == (3, 1, 100.0)


def test_the_new_queries_read_by_their_indexes(synced, district):
    """With sequential scans priced out, each tool query reads its big tables by an index:
    the planner has one to use (a small test district is otherwise read whole, rightly)."""
    address = parse_address(district["director"])
    coach_ids = district_dashboard(address, NOVEMBER, today=TODAY).coach_ids
    params = {
        "as_of": TODAY,
        "school": None,
        "coach": None,
        "no_school": NO_SCHOOL,
        "notice_days": 30,
        "agree_score": 4,
    }
    reads = {}
    with psycopg.connect(district["director"]) as server:
        server.execute("SET enable_seqscan = off")
        for name, statement in (
            ("seats", dashboard_queries._TOOL_SEATS),
            ("buy-in", dashboard_queries._TOOL_BUY_IN),
        ):
            for coach in (None, coach_ids["Ana Ruiz"]):
                plan = server.execute(
                    "EXPLAIN (FORMAT JSON) " + statement, {**params, "coach": coach}
                ).fetchone()[0][0]["Plan"]
                for node in _nodes(plan):
                    table = node.get("Relation Name")
                    if table in ("tool_usage", "buy_in_survey", "buy_in_answer"):
                        reads.setdefault((name, table), set()).add(
                            (node["Node Type"], _index_of(node))
                        )
    assert {how for how, _ in reads[("seats", "tool_usage")]} <= {
        "Index Scan",
        "Index Only Scan",
    }
    assert {index for _, index in reads[("seats", "tool_usage")]} == {"ix_tool_usage_active_cells"}
    for table in ("buy_in_survey", "buy_in_answer"):
        assert all(how != "Seq Scan" for how, _ in reads[("buy-in", table)]), table


def _nodes(node):
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)


def _index_of(node) -> str | None:
    if node["Node Type"] == "Bitmap Heap Scan":
        return next(
            c.get("Index Name") for c in _nodes(node) if c["Node Type"] == "Bitmap Index Scan"
        )
    return node.get("Index Name")


def test_a_month_before_any_tool_joined_shows_none(synced, district):
    address = parse_address(district["director"])
    joined = []
    for store in synced.values():
        with store.session() as session:
            joined += [r.tool.added_on for r in tool_rows_in(session, TODAY, include_retired=True)]
    before = min(joined).replace(day=1) - timedelta(days=1)
    earlier = district_dashboard(address, before.replace(day=1), today=TODAY).tools_in_use
    assert earlier.tools == [] and earlier.under_notice == 0
    assert district_dashboard(address, NOVEMBER, today=TODAY).tools_in_use.tools


def test_the_district_screen_shows_the_tools_in_use_to_a_director_only(
    qtbot, qtmodeltester, synced, district, memory_keyring, recorder
):
    store = synced["Ana Ruiz"]
    coach = open_window(qtbot, store, district["Ana Ruiz"])
    assert district_item(coach).isHidden()
    assert coach.screens["district"].screen is None  # never built, never read
    coach.close()

    window = open_window(qtbot, store, district["director"])
    screen = show_district(qtbot, window)
    expected = district_dashboard(parse_address(district["director"]), NOVEMBER, today=TODAY)
    tools = expected.tools_in_use.tools
    table = screen.view.tables["tools in use"]
    model = table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)][:2] == [
        "Tool",
        "Seated",
    ]
    assert cells(table) == [inventory_cells(tool) for tool in tools]
    shown = {row[0]: row for row in cells(table)}
    (edpuzzle,) = [t for t in tools if t.tool == "Edpuzzle"]
    assert shown["Edpuzzle (sunset notice)"][3] == utilisation_text(edpuzzle.utilisation_pct)
    assert shown["Edpuzzle (sunset notice)"][7] == buy_in_text(edpuzzle.buy_in_pct)
    qtmodeltester.check(model)
    maps = [key for key in screen.view.charts if key.startswith("tools in use")]
    assert maps == ["tools in use 1"]
    assert recorder.errors == []

    # Sorting by utilisation puts the least used first, withheld figures before them.
    model.sort(3, Qt.SortOrder.AscendingOrder)
    ordered = [model.index(r, 3).data() for r in range(model.rowCount())]
    values = sorted(
        (t.utilisation_pct for t in tools),
        key=lambda f: (0, 0.0) if f.withheld or f.value is None else (1, f.value),
    )
    assert ordered == [utilisation_text(f) for f in values]


def test_a_past_month_reads_the_inventory_as_it_stood_at_its_end(synced, district):
    """October: Edpuzzle's notice (started in November) had not begun, the quarter's buy-in
    counts the surveys taken by October 31, and so does the semester's use."""
    october_end = date(2026, 10, 31)
    dashboard = district_dashboard(
        parse_address(district["director"]), date(2026, 10, 1), today=TODAY
    )
    assert dashboard.as_of == october_end
    expected = expected_tools(synced, october_end)["tools"]
    shown = {t.tool.lower(): t for t in dashboard.tools_in_use.tools}
    assert set(shown) == set(expected)
    # Under notice on October 31: started by then, and not yet left (retired, or the notice
    # ended with every step ticked).
    notices = defaultdict(int)
    for store in synced.values():
        with store.session() as session:
            for row in tool_rows_in(session, TODAY, include_retired=True):
                state = sunset_state(row.tool, TODAY)
                if state is None:
                    continue
                left = row.tool.retired_on if row.tool.status == "retired" else state.leaves_on
                if state.notice_date <= october_end and (left is None or left > october_end):
                    notices[row.tool.name.lower()] += 1
    for key, want in expected.items():
        tool = shown[key]
        assert (tool.seated.value, tool.active.value) == (want["seated"], want["active"]), key
        assert tool.under_notice == notices[key], key
        assert tool.buy_in_pct.teachers == want["answered"], key
        if want["answered"]:
            share = 100 * want["agreeing"] / want["answered"]
            assert tool.buy_in_pct.value == pytest.approx(share), key
    assert shown["edpuzzle"].under_notice == 0  # its notice started in November
    assert shown["socrative"].under_notice == 2  # its notice ran from October into November
    assert dashboard.tools_in_use.under_notice == sum(1 for n in notices.values() if n)
    labels = set()
    for store in synced.values():
        with store.session() as session:
            labels.add(quarter_of(calendar_in(session), october_end).label)
    assert dashboard.tools_in_use.quarter == (
        labels.pop() if len(labels) == 1 else "each coach's quarter by their own Settings"
    )
