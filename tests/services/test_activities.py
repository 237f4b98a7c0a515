"""The activity log: PD sessions and informal contacts, checks, undo and school-year totals."""

import uuid
from dataclasses import replace
from datetime import date

import pytest

from app.models import ActivityKind
from app.services.activities import (
    ActivityInput,
    activity_totals,
    delete_activity,
    list_activities,
    restore_activity,
    save_activity,
)
from app.services.errors import NotFound, ValidationError
from app.services.teachers import TeacherForm, delete_teacher, save_teacher
from app.store import Store

PD, CONTACT = ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value


def _pd(day: date = date(2026, 10, 14), **values) -> ActivityInput:
    values = {
        "topic": "Google Classroom rubrics",
        "audience": "Grade 3 team",
        "minutes": 45,
        "attendees": 8,
        "feedback_score": 4.5,
        **values,
    }
    return ActivityInput(kind=PD, occurred_on=day, **values)


def _contact(day: date = date(2026, 10, 15), **values) -> ActivityInput:
    values = {
        "topic": "How do I share a Nearpod code?",
        "audience": "Science team",
        "minutes": 10,
        **values,
    }
    return ActivityInput(kind=CONTACT, occurred_on=day, **values)


def _teacher(store: Store, name: str = "Ana Ruiz") -> uuid.UUID:
    return save_teacher(store, TeacherForm(name=name)).id


def test_save_adds_a_pd_session_the_coach_sees_in_the_log(store):
    activity_id = save_activity(store, _pd(topic="  Google Classroom rubrics  ", notes=" Slides "))

    (row,) = list_activities(store)
    assert row.id == activity_id
    assert (row.kind, row.occurred_on, row.topic) == (
        PD,
        date(2026, 10, 14),
        "Google Classroom rubrics",
    )
    assert (row.audience, row.minutes, row.attendees, row.feedback_score) == (
        "Grade 3 team",
        45,
        8,
        4.5,
    )
    assert row.notes == " Slides "
    assert row.who == "Grade 3 team"


def test_save_with_an_id_edits_that_activity(store):
    activity_id = save_activity(store, _pd())

    same_id = save_activity(store, _pd(topic="Rubrics, part 2", attendees=None), activity_id)

    (row,) = list_activities(store)
    assert same_id == activity_id == row.id
    assert (row.topic, row.attendees) == ("Rubrics, part 2", None)


def test_editing_a_deleted_or_unknown_activity_is_not_found(store):
    activity_id = save_activity(store, _pd())
    delete_activity(store, activity_id)

    for target in (activity_id, uuid.uuid4()):
        with pytest.raises(NotFound, match="no longer in the notebook"):
            save_activity(store, _pd(), target)


def test_an_informal_contact_shows_the_teachers_name(store):
    ana = _teacher(store, "Nguyễn Thị Hương")
    save_activity(store, _contact(teacher_id=ana, audience=""))

    (row,) = list_activities(store)
    assert (row.teacher_id, row.teacher_name, row.who) == (
        ana,
        "Nguyễn Thị Hương",
        "Nguyễn Thị Hương",
    )


def test_a_group_contact_shows_the_group(store):
    save_activity(store, _contact(audience="Coffee and Curriculum drop-in", attendees=6))

    (row,) = list_activities(store)
    assert (row.teacher_name, row.who) == ("", "Coffee and Curriculum drop-in")


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        (_pd(topic="   "), "topic", "topic"),
        (_contact(topic=""), "topic", "what was asked"),
        (_contact(audience="  ", teacher_id=None), "audience", "Pick the teacher"),
        (_pd(minutes=-1), "minutes", "below zero: type 1, not -1"),
        (_pd(minutes=1_441), "minutes", "0 to 1,440"),
        (_pd(attendees=-1), "attendees", "below zero: type 1, not -1"),
        (_pd(attendees=10_001), "attendees", "0 to 10,000"),
        (_pd(feedback_score=0.9), "feedback_score", "1 to 5"),
        (_pd(feedback_score=5.1), "feedback_score", "1 to 5"),
        (ActivityInput(kind="coffee", occurred_on=date(2026, 10, 1), topic="x"), "kind", "Choose"),
        (replace(_pd(), occurred_on=None), "occurred_on", "Pick the day"),
    ],
)
def test_save_refuses_each_bad_field_and_says_what_to_do(store, entry, field, words):
    with pytest.raises(ValidationError) as caught:
        save_activity(store, entry)

    assert words in caught.value.errors[field]
    assert list(caught.value.errors) == [field]
    assert list_activities(store) == []


def test_the_edges_of_each_range_are_accepted(store):
    save_activity(store, _pd(minutes=0, attendees=0, feedback_score=1))
    save_activity(store, _pd(minutes=1_440, attendees=10_000, feedback_score=5))

    assert len(list_activities(store)) == 2


def test_a_contact_with_a_deleted_teacher_is_refused(store):
    gone = _teacher(store, "Gone Teacher")
    delete_teacher(store, gone)

    with pytest.raises(NotFound, match="pick another"):
        save_activity(store, _contact(teacher_id=gone))
    with pytest.raises(NotFound):
        save_activity(store, _contact(teacher_id=uuid.uuid4()))
    assert list_activities(store) == []


def test_delete_hides_an_activity_and_restore_brings_it_back(store):
    activity_id = save_activity(store, _pd())

    delete_activity(store, activity_id)
    assert list_activities(store) == []
    with pytest.raises(NotFound):
        delete_activity(store, activity_id)

    restore_activity(store, activity_id)
    assert [r.id for r in list_activities(store)] == [activity_id]


def test_restoring_an_unknown_activity_is_not_found(store):
    with pytest.raises(NotFound):
        restore_activity(store, uuid.uuid4())


def test_the_log_is_newest_first(store):
    for day in (date(2026, 9, 2), date(2026, 11, 20), date(2026, 10, 5)):
        save_activity(store, _pd(day))

    assert [r.occurred_on for r in list_activities(store)] == [
        date(2026, 11, 20),
        date(2026, 10, 5),
        date(2026, 9, 2),
    ]


def test_a_school_year_runs_august_first_to_july_thirty_first(store):
    for day in (
        date(2026, 7, 31),
        date(2026, 8, 1),
        date(2027, 7, 31),
        date(2027, 8, 1),
    ):
        save_activity(store, _pd(day, topic=day.isoformat()))

    assert [r.topic for r in list_activities(store, "2026-2027")] == ["2027-07-31", "2026-08-01"]
    assert [r.topic for r in list_activities(store, "2025-2026")] == ["2026-07-31"]
    assert len(list_activities(store)) == 4


def test_totals_for_the_year(store):
    ana = _teacher(store)
    save_activity(store, _pd(minutes=60, attendees=12, feedback_score=4.0))
    save_activity(store, _pd(minutes=90, attendees=20, feedback_score=5.0))
    save_activity(store, _pd(minutes=30, attendees=None, feedback_score=None))
    save_activity(store, _contact(teacher_id=ana, audience="", minutes=10))
    save_activity(store, _contact(audience="Coffee and Curriculum", minutes=30, attendees=5))

    totals = activity_totals(list_activities(store, "2026-2027"))

    assert (totals.pd_sessions, totals.pd_minutes, totals.pd_hours) == (3, 180, 3.0)
    assert totals.pd_attendees == 32
    assert totals.mean_feedback == pytest.approx(4.5), "a missing score is not counted as 0"
    assert (totals.contacts, totals.contact_minutes) == (2, 40)


def test_totals_of_an_empty_year_are_zero_with_no_feedback(store):
    totals = activity_totals(list_activities(store, "2026-2027"))

    assert (totals.pd_sessions, totals.pd_minutes, totals.pd_hours) == (0, 0, 0)
    assert (totals.pd_attendees, totals.contacts, totals.contact_minutes) == (0, 0, 0)
    assert totals.mean_feedback is None


def test_hostile_text_is_stored_exactly(store):
    topic = "<b>Padlet</b> & Nearpod — Cô Hương hỏi 陈老师 🎉"
    notes = "y" * 20_000
    save_activity(store, _pd(topic=topic, audience="Grades 3 & <4>", notes=notes))

    (row,) = list_activities(store)
    assert (row.topic, row.audience, row.notes) == (topic, "Grades 3 & <4>", notes)


def test_the_demo_log_has_both_kinds_with_a_teacher_on_one_to_one_contacts(demo_store):
    rows = list_activities(demo_store, "2026-2027")
    totals = activity_totals(rows)

    assert totals.pd_sessions and totals.contacts
    assert totals.mean_feedback is not None and 1 <= totals.mean_feedback <= 5
    one_to_one = [r for r in rows if r.teacher_id is not None]
    assert one_to_one and all(r.teacher_name and r.who == r.teacher_name for r in one_to_one)
