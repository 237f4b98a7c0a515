"""The director's dashboard on a real PostgreSQL: its figures equal the same figures worked out
from the coaches' notebooks, small cells are withheld, and only a director may read it."""

import json
import shutil
from collections import defaultdict
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import col, select

from app.cli import main
from app.models import (
    Activity,
    CoachingCycle,
    CycleSession,
    Observation,
    ObservationInterval,
    School,
    Teacher,
)
from app.models.observations import time_on_task_pct
from app.services.demo import build_demo
from app.services.district.address import DistrictError, parse_address
from app.services.district.dashboard import (
    FEWER_THAN,
    NO_SCHOOL,
    DashboardFilter,
    district_dashboard,
    figure_text,
)
from app.services.district.sync import sync_notebook
from app.services.pilots.common import load_states
from app.services.pilots.figures import pilot_figures
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

NOVEMBER = date(2026, 11, 1)
DECEMBER = date(2026, 12, 1)
TODAY = date(2026, 11, 25)


def last_line(capsys) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


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


@pytest.fixture
def synced(district, small_demo_template, tmp_path):
    """Ana syncs a copy of the small demo, Ben a demo built a week earlier (its own ids and
    dates); returns the open notebooks by coach."""
    shutil.copy(small_demo_template, tmp_path / "ana.sqlite3")
    stores = {
        "Ana Ruiz": Store.open(tmp_path / "ana.sqlite3", backup_on_open=False),
        "Ben Okafor": Store.open(tmp_path / "ben.sqlite3", backup_on_open=False),
    }
    build_demo(stores["Ben Okafor"], "small", today=TODAY - timedelta(weeks=1))
    for name, store in stores.items():
        sync_notebook(store, parse_address(district[name]))
    yield stores
    for store in stores.values():
        store.close()


class Expected:
    """The dashboard's figures worked out row by row in Python from the notebooks."""

    def __init__(self):
        # (kind, key) -> figure -> [count, teachers]
        self.counts = defaultdict(lambda: defaultdict(lambda: [0, set()]))
        self.lessons = defaultdict(lambda: ([], set()))
        self.pd = defaultdict(lambda: [0, 0])

    def add(self, keys, figure, teacher_id):
        for key in keys:
            entry = self.counts[key][figure]
            entry[0] += 1
            if teacher_id is not None:  # a contact with no one named comes from no teacher
                entry[1].add(teacher_id)


def expected_figures(stores: dict[str, Store], first: date, end: date) -> Expected:
    expected = Expected()
    for coach, store in stores.items():
        with store.session() as session:
            schools = {
                s.id: s.name.strip()
                for s in session.exec(select(School).where(col(School.deleted_at).is_(None)))
            }
            teachers = {
                t.id: schools.get(t.school_id) or NO_SCHOOL
                for t in session.exec(select(Teacher).where(col(Teacher.deleted_at).is_(None)))
            }

            def keys(teacher_id, coach=coach, teachers=teachers):
                return [("school", teachers[teacher_id]), ("coach", coach), ("district", None)]

            sessions = session.exec(
                select(CycleSession).where(col(CycleSession.deleted_at).is_(None))
            ).all()
            cycles = {
                c.id: c
                for c in session.exec(
                    select(CoachingCycle).where(col(CoachingCycle.deleted_at).is_(None))
                )
                if c.teacher_id in teachers
            }
            for cycle in cycles.values():
                if cycle.start_date >= end:
                    continue
                done = [s.done_on for s in sessions if s.cycle_id == cycle.id and s.done_on]
                finished = None
                if cycle.status == "completed":
                    finished = (
                        max(done)
                        if done
                        else cycle.start_date + timedelta(weeks=cycle.length_weeks)
                    )
                elif cycle.status == "abandoned":
                    finished = cycle.stopped_on or cycle.start_date
                where = keys(cycle.teacher_id)
                if cycle.start_date >= first:
                    expected.add(where, "cycles_started", cycle.teacher_id)
                if finished is None or finished >= first:
                    expected.add(where, "cycles_active", cycle.teacher_id)
                if cycle.status == "completed" and first <= finished < end:
                    expected.add(where, "cycles_completed", cycle.teacher_id)
                    if cycle.goal_met:
                        expected.add(where, "goals_met", cycle.teacher_id)
            for row in sessions:
                cycle = cycles.get(row.cycle_id)
                if cycle and row.done_on and first <= row.done_on < end:
                    expected.add(keys(cycle.teacher_id), "sessions_done", cycle.teacher_id)
            lessons = session.exec(
                select(Observation).where(
                    col(Observation.deleted_at).is_(None),
                    Observation.observed_on >= first,
                    Observation.observed_on < end,
                )
            ).all()
            for lesson in lessons:
                if lesson.teacher_id not in teachers:
                    continue
                where = keys(lesson.teacher_id)
                expected.add(where, "observations", lesson.teacher_id)
                sweeps = session.exec(
                    select(ObservationInterval.on_task, ObservationInterval.present).where(
                        ObservationInterval.observation_id == lesson.id,
                        col(ObservationInterval.deleted_at).is_(None),
                    )
                ).all()
                pct = time_on_task_pct(sweeps)
                still_recording = lesson.started_at is not None and lesson.ended_at is None
                if pct is not None and not still_recording:
                    for key in where:
                        expected.lessons[key][0].append(pct)
                        expected.lessons[key][1].add(lesson.teacher_id)
            for activity in session.exec(
                select(Activity).where(
                    col(Activity.deleted_at).is_(None),
                    Activity.occurred_on >= first,
                    Activity.occurred_on < end,
                )
            ):
                if activity.kind == "informal_contact":
                    where = [("coach", coach), ("district", None)]
                    if activity.teacher_id in teachers:
                        where.append(("school", teachers[activity.teacher_id]))
                    expected.add(where, "informal_contacts", activity.teacher_id)
                elif activity.kind == "pd_session":
                    for key in (("coach", coach), ("district", None)):
                        expected.pd[key][0] += 1
                        expected.pd[key][1] += activity.minutes
    return expected


COUNTED = (
    "cycles_started",
    "cycles_active",
    "cycles_completed",
    "goals_met",
    "sessions_done",
    "observations",
    "informal_contacts",
)


def groups_of(dashboard):
    found = {("district", None): dashboard.district}
    found.update({("school", g.name): g for g in dashboard.schools})
    found.update({("coach", g.name): g for g in dashboard.coaches})
    return found


def test_the_dashboards_figures_equal_the_notebooks_figures(synced, district):
    dashboard = district_dashboard(parse_address(district["director"]), NOVEMBER, today=TODAY)
    expected = expected_figures(synced, NOVEMBER, DECEMBER)

    groups = groups_of(dashboard)
    assert set(groups) >= set(expected.counts), "every group with records has its row"
    for key, group in groups.items():
        for name in COUNTED:
            count, teachers = expected.counts[key][name]
            figure = getattr(group, name)
            assert (figure.value, figure.teachers) == (count, len(teachers)), (key, name)
        pcts, teachers = expected.lessons[key]
        mean = group.mean_time_on_task
        assert mean.teachers == len(teachers), key
        if pcts:
            assert mean.value == pytest.approx(sum(pcts) / len(pcts)), key
        else:
            assert mean.value is None, key
        if key[0] != "school":
            sessions, minutes = expected.pd[key]
            assert group.pd_sessions == sessions and group.pd_hours == pytest.approx(minutes / 60)
    district_row = dashboard.district
    assert district_row.cycles_active.value > 0 and district_row.observations.value > 0
    assert dashboard.coaches_synced == 2


def test_pilot_utilisation_equals_the_notebooks_figure_on_the_same_day(synced, district):
    dashboard = district_dashboard(parse_address(district["director"]), NOVEMBER, today=TODAY)
    expected = {}
    for coach, store in synced.items():
        with store.session() as session:
            for state in load_states(session):
                pilot = state.pilot
                if pilot.start_date is None or pilot.start_date >= DECEMBER:
                    continue
                if pilot.start_date + timedelta(weeks=pilot.length_weeks) <= NOVEMBER:
                    continue
                figures = pilot_figures(pilot, state.checks, state.teacher_ids, state.usage, TODAY)
                key = (pilot.tool, coach, pilot.start_date)
                expected[key] = (figures.enrolled, figures.utilisation_pct)
    shown = {
        (p.tool, p.coach, p.start_date): (p.enrolled, p.utilisation_pct.value)
        for p in dashboard.pilots
    }
    assert set(shown) == set(expected) and expected
    for key, (enrolled, pct) in expected.items():
        assert shown[key][0] == enrolled
        assert shown[key][1] == pytest.approx(pct), key


def test_a_figure_from_fewer_than_three_teachers_is_withheld_everywhere(district, tmp_path, capsys):
    with Store.open(tmp_path / "tiny.sqlite3", backup_on_open=False) as store:
        for name in ("Kim Lee", "Sam Diaz"):
            save_teacher(store, TeacherForm(name=name, school="Tiny Rural School"))
        teacher_ids = [t for t, in_school in _teachers(store) if in_school]
        with store.session() as session:
            for teacher_id in teacher_ids:
                session.add(
                    CoachingCycle(teacher_id=teacher_id, start_date=date(2026, 11, 3), goal="")
                )
        sync_notebook(store, parse_address(district["Ana Ruiz"]))

    out = tmp_path / "dashboard.pdf"
    assert (
        main(
            [
                *("district", "report", "--url", district["director"], "--month", "2026-11"),
                *("--out", str(out), "--json"),
            ]
        )
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    (tiny,) = [s for s in figures["by_school"] if s["name"] == "Tiny Rural School"]
    assert tiny["cycles_started"] == FEWER_THAN
    assert figures["district"]["cycles_started"] == FEWER_THAN
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    row = text[text.index("Tiny Rural") :]
    assert row.split("Tiny Rural School", 1)[1].lstrip().startswith("fewer")


def _teachers(store):
    with store.session() as session:
        return [(t.id, t.school_id is not None) for t in session.exec(select(Teacher))]


def test_the_pdf_prints_the_same_figures_as_the_json(synced, district, tmp_path, capsys):
    out = tmp_path / "dashboard.pdf"
    args = ["district", "report", "--url", district["director"], "--month", "2026-11"]
    assert main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert main([*args, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Nov 2026 dashboard" in said and "2 coaches synced" in said

    reader = PdfReader(out)
    first_page = reader.pages[0].extract_text()
    text = " ".join(page.extract_text() for page in reader.pages)
    d = figures["district"]
    # A figures row reads back as its four numbers, then its four labels.
    numbers = [d[name] for name in COUNTED[:4]]
    labels = ["Cycles started", "Cycles active", "Cycles completed", "Goals met"]
    flat = " ".join(first_page.split())
    assert " ".join(map(str, [*numbers, *labels])) in flat
    numbers = [d["sessions_done"], d["observations"], f"{round(d['mean_time_on_task'])}%"]
    assert " ".join(map(str, numbers)) in flat
    assert f"{round(d['mean_time_on_task'])}%" in first_page
    assert "2 of 2 coaches have synced" in first_page
    for coach in ("Ana Ruiz", "Ben Okafor"):
        assert coach in text
    for school in figures["by_school"]:
        assert school["name"] in text
    for heading in (
        "Time-on-task by month",
        "Technology use in observed lessons (PICRAT)",
        "Pilots running this month",
        "Tools gathering dust",
    ):
        assert heading in text
    assert "Helvetica" not in str(reader.pages[0]["/Resources"])


def test_filters_narrow_every_figure_to_one_school_or_one_coach(synced, district):
    address = parse_address(district["director"])
    whole = district_dashboard(address, NOVEMBER, today=TODAY)
    school = whole.schools[0].name
    one_school = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(school=school)
    )
    assert [g.name for g in one_school.schools] == [school]
    assert figure_text(one_school.district.cycles_active) == figure_text(
        whole.schools[0].cycles_active
    )
    ben = whole.coach_ids["Ben Okafor"]
    one_coach = district_dashboard(
        address, NOVEMBER, today=TODAY, filters=DashboardFilter(coach_id=ben)
    )
    assert [g.name for g in one_coach.coaches] == ["Ben Okafor"]
    (ben_row,) = [g for g in whole.coaches if g.name == "Ben Okafor"]
    assert one_coach.district.observations == ben_row.observations
    assert {p.coach for p in one_coach.pilots} == {"Ben Okafor"}


def test_only_a_director_reads_the_dashboard(district, capsys):
    with pytest.raises(DistrictError, match="director's login"):
        district_dashboard(parse_address(district["Ana Ruiz"]), NOVEMBER, today=TODAY)
    assert (
        main(["district", "report", "--url", district["Ana Ruiz"], "--month", "2026-11", "--json"])
        != 0
    )
    assert "director's login" in capsys.readouterr().err


def test_bad_months_and_a_missing_output_are_told_plainly(district, capsys):
    line = district["director"]
    assert main(["district", "report", "--url", line, "--month", "November", "--json"]) != 0
    assert "YEAR-MONTH" in capsys.readouterr().err
    assert main(["district", "report", "--url", line, "--month", "2026-11"]) != 0
    assert "--out" in capsys.readouterr().err
    assert (
        main(
            [
                "district",
                "report",
                "--url",
                line,
                "--month",
                "2026-11",
                "--json",
                "--school",
                "Nowhere High",
            ]
        )
        != 0
    )
    assert "no school named “Nowhere High”" in capsys.readouterr().err


def test_an_unreachable_server_is_told_in_words(district):
    address = parse_address(district["director"])
    closed = address.url().replace(f":{address.port}/", ":1/")
    with pytest.raises(DistrictError, match="Could not reach") as caught:
        district_dashboard(parse_address(closed), NOVEMBER, today=TODAY)
    assert caught.value.unreachable
