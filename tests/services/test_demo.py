"""The sample district: sizes, determinism, refusal, and every state a coach can meet."""

import time
from collections import Counter
from datetime import date

import pytest
from sqlmodel import select

from app.models import EvidenceFile, Note, ObservationInterval
from app.models.cycles import is_session_overdue
from app.models.teachers import format_grades, is_valid_email, parse_grades
from app.services.demo import build_demo
from app.services.errors import Refused
from app.services.listing import list_records
from app.services.profile import get_profile
from app.services.teachers import TeacherForm, delete_teacher, list_teachers, save_teacher
from app.store import Store

TODAY = date(2026, 11, 25)  # the day tests/conftest.py builds its small demo for
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _rows(store: Store, model) -> list:
    with store.session() as s:
        return list(s.exec(select(model)).all())


def test_small_demo_counts_match_the_spec(store):
    counts = build_demo(store, "small", today=TODAY)

    assert counts["schools"] == 3
    assert counts["teachers"] == 25
    assert counts["cycles"] == 12
    assert counts["sessions"] == 48
    assert counts["observations"] == 30
    assert counts["intervals"] == 300
    assert counts["pilots"] == 4
    assert counts["vetting checks"] == 24
    assert 1 <= counts["evidence files"] <= 10
    assert list(counts)[:6] == [
        "schools",
        "teachers",
        "cycles",
        "sessions",
        "observations",
        "intervals",
    ]
    assert len(list_records(store, "teachers")) == 25
    assert len(list_records(store, "observations")) == 30


def test_same_size_and_day_build_the_same_district(tmp_path):
    built = []
    for name in ("one", "two"):
        with Store.open(tmp_path / f"{name}.sqlite3", backup_on_open=False) as store:
            counts = build_demo(store, "small", today=TODAY)
            teachers = [(t.name, t.grades, t.subjects, t.room) for t in list_teachers(store)]
            cycles = [
                (c["start_date"], c["status"], c["focus"]) for c in list_records(store, "cycles")
            ]
            built.append((counts, teachers, cycles))

    assert built[0] == built[1]


def test_demo_refuses_a_notebook_that_has_a_teacher_and_writes_nothing(store):
    save_teacher(store, TeacherForm(name="Ana Real"))

    with pytest.raises(
        Refused, match="already has 1 teacher; the sample district goes into an empty"
    ):
        build_demo(store, "small", today=TODAY)

    assert [t.name for t in list_teachers(store)] == ["Ana Real"]
    assert list_records(store, "cycles") == []
    assert list_records(store, "pilots") == []
    assert get_profile(store).is_sample is False


def test_demo_refuses_a_notebook_whose_teachers_are_only_deleted(store):
    teacher = save_teacher(store, TeacherForm(name="Ana Real"))
    delete_teacher(store, teacher.id)

    with pytest.raises(Refused, match="deleted teacher"):
        build_demo(store, "small", today=TODAY)

    assert list_records(store, "cycles") == []


def test_unknown_size_is_named(store):
    with pytest.raises(ValueError, match="small, large, huge"):
        build_demo(store, "medium", today=TODAY)


def test_profile_is_marked_as_the_sample(demo_store):
    profile = get_profile(demo_store)

    assert profile.is_sample is True
    assert profile.name and profile.title and profile.district
    assert profile.school_year_start <= TODAY <= profile.school_year_end
    assert (profile.default_interval_minutes, profile.default_cycle_weeks) == (5, 4)


def test_teachers_have_valid_grades_emails_and_a_few_archived(demo_store):
    teachers = list_teachers(demo_store)

    for teacher in teachers:
        assert format_grades(parse_grades(teacher.grades)) == teacher.grades
        assert is_valid_email(teacher.email)
        assert teacher.school
    assert len({t.email for t in teachers}) == len(teachers)
    assert 1 <= sum(t.archived for t in teachers) <= 3
    assert any("ễ" in t.name or "ạ" in t.name or "ầ" in t.name for t in teachers)


def test_every_cycle_status_and_session_kind_is_present(demo_store):
    cycles = list_records(demo_store, "cycles", today=TODAY)

    assert {c["status"] for c in cycles} == {"planned", "active", "completed", "abandoned"}
    for cycle in cycles:
        assert [s["kind"] for s in cycle["sessions"]] == [
            "goal_setting",
            "model_lesson",
            "co_teach",
            "debrief",
        ]
        for session in cycle["sessions"]:
            assert date.fromisoformat(session["scheduled_date"]).weekday() < 5
        if cycle["status"] == "abandoned":
            assert cycle["abandoned_reason"]
        if cycle["status"] == "completed":
            assert all(s["done_on"] for s in cycle["sessions"])
            assert cycle["final_value"] is not None
        if cycle["status"] == "planned":
            assert not any(s["done_on"] for s in cycle["sessions"])


def test_some_active_cycle_has_an_overdue_session(demo_store):
    cycles = list_records(demo_store, "cycles", today=TODAY)

    overdue = [
        c["status"]
        for c in cycles
        for s in c["sessions"]
        if is_session_overdue(
            date.fromisoformat(s["scheduled_date"]),
            s["done_on"] and date.fromisoformat(s["done_on"]),
            TODAY,
        )
    ]
    assert "active" in overdue
    assert "completed" not in overdue and "planned" not in overdue


def test_every_recommendation_branch_is_present(demo_store):
    pilots = list_records(demo_store, "pilots", today=TODAY)

    assert {p["recommendation"] for p in pilots} == {"adopt", "review", "pending", "sunset"}
    for pilot in pilots:
        assert sorted(c["criterion"] for c in pilot["checks"]) == sorted(
            ["privacy", "sso", "accessibility", "cost", "evidence", "mobile"]
        )
    sunset = next(p for p in pilots if p["recommendation"] == "sunset")
    assert sunset["notice_date"]


def test_intervals_never_count_more_on_task_than_present(demo_store):
    intervals = _rows(demo_store, ObservationInterval)

    assert intervals
    assert all(0 <= i.on_task <= i.present for i in intervals)
    assert any(i.present == 0 for i in intervals)
    assert all(i.minute == 5 * i.index for i in intervals)


def test_observations_report_a_time_on_task(demo_store):
    observations = list_records(demo_store, "observations", today=TODAY)

    assert all(0 < o["time_on_task_pct"] <= 100 for o in observations)
    assert all(o["started_at"] < o["ended_at"] for o in observations)
    assert min(len(o["intervals"]) for o in observations) <= 6  # a short lesson


def test_private_and_shareable_notes_are_both_present(demo_store):
    notes = _rows(demo_store, Note)

    assert {n.is_private for n in notes} == {True, False}
    assert any(n.cycle_id for n in notes)
    assert any(n.session_id for n in notes)
    assert any(n.observation_id for n in notes)


def test_evidence_files_are_pngs(demo_store):
    files = _rows(demo_store, EvidenceFile)

    assert files
    for evidence in files:
        assert evidence.data.startswith(PNG_SIGNATURE)
        assert evidence.size_bytes == len(evidence.data)
        assert evidence.mime_type == "image/png"
        assert evidence.caption
        assert evidence.cycle_id or evidence.observation_id or evidence.pilot_id


def test_large_demo_shows_every_branch_quickly(tmp_path):
    started = time.perf_counter()
    with Store.open(tmp_path / "large.sqlite3", backup_on_open=False) as store:
        counts = build_demo(store, "large", today=TODAY)
        elapsed = time.perf_counter() - started
        if elapsed > 5:
            pytest.skip(f"the large demo took {elapsed:.1f} s here; too slow for a unit test")
        pilots = list_records(store, "pilots", today=TODAY)

    assert (counts["schools"], counts["teachers"], counts["cycles"]) == (10, 120, 80)
    assert (counts["observations"], counts["pilots"]) == (400, 20)
    assert Counter(p["recommendation"] for p in pilots).keys() == {
        "adopt",
        "review",
        "pending",
        "sunset",
    }
    reasons = " ".join(r for p in pilots for r in p["recommendation_reasons"])
    assert "privacy check (FERPA/COPPA) failed" in reasons
    assert "is under 30%" in reasons
    assert "still unknown" in reasons
    assert "to run" in reasons
