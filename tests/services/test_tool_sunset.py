"""Sunsetting a tool: the 30-day notice, its checklist, the notice to teachers, and the rule
for leaving the inventory, as the services, list_tools and `list tools --json` give them."""

import uuid
from datetime import date, timedelta

import pytest

from app.models import Tool
from app.services.errors import Refused, ValidationError
from app.services.listing import for_json, list_records
from app.services.profile import ProfileData, get_profile, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import (
    SUNSET_STEPS,
    ToolForm,
    add_tool,
    cancel_sunset,
    get_tool_row,
    list_tools,
    notice_text,
    restore_sunset,
    retire_finished_sunsets,
    set_archive_place,
    start_sunset,
    tick_step,
    tool_json,
    untick_step,
    update_tool,
)
from app.store import Store

STARTED = date(2026, 11, 2)  # a Monday
ENDS = date(2026, 12, 2)  # thirty days on
STEPS = [key for key, _label in SUNSET_STEPS]
TEACHERS = ("Ana Ruiz", "Ben Okafor")


@pytest.fixture
def notebook(store) -> Store:
    save_profile(
        store,
        ProfileData(
            name="Jordan Lee",
            title="Instructional technology coach",
            district="Cedar Valley Unified",
            school_year_start=date(2026, 8, 17),
            school_year_end=date(2027, 6, 11),
        ),
    )
    return store


@pytest.fixture
def tool(notebook) -> uuid.UUID:
    teachers = [save_teacher(notebook, TeacherForm(name=n)).id for n in TEACHERS]
    return add_tool(
        notebook, ToolForm(name="Edpuzzle", vendor="Edpuzzle"), date(2026, 8, 1), teachers
    )


def row_on(store: Store, tool_id: uuid.UUID, today: date):
    return get_tool_row(store, tool_id, today)


def in_inventory(store: Store, tool_id: uuid.UUID, today: date) -> bool:
    return tool_id in {r.id for r in list_tools(store, today)}


def stored(store: Store, tool_id: uuid.UUID) -> Tool:
    with store.session() as session:
        return session.get(Tool, tool_id)


def tick_all(store: Store, tool_id: uuid.UUID, today: date, keys=STEPS) -> None:
    for key in keys:
        tick_step(store, tool_id, key, today)


# ---- starting -----------------------------------------------------------------------------


def test_starting_a_sunset_starts_the_30_day_notice_with_every_step_waiting(notebook, tool):
    change = start_sunset(notebook, tool, STARTED)
    assert (change.before.status, change.after.status) == ("in_use", "sunset_notice")
    row = row_on(notebook, tool, STARTED)
    state = row.sunset
    assert (row.status, state.notice_date, state.notice_ends_on) == ("sunset_notice", STARTED, ENDS)
    assert state.days_left == 30 and not state.notice_ended
    assert [(s.key, s.label, s.done_on) for s in state.steps] == [
        ("teachers_told_on", "Tell the teachers", None),
        ("work_archived_on", "Archive students' work to the district's drive", None),
        ("sso_removed_on", "Remove the SSO app and the rostering sync", None),
        ("renewal_cancelled_on", "Cancel the renewal", None),
    ]
    assert (state.all_ticked, state.leaves_on, state.left_on, state.has_left) == (
        False,
        None,
        None,
        False,
    )
    # The review rule turns the notice into the sunset recommendation, as before.
    assert row.review.recommendation.value == "sunset"
    assert row_on(notebook, tool, STARTED + timedelta(days=12)).sunset.days_left == 18


def test_a_tool_in_use_has_no_sunset_state(notebook, tool):
    row = row_on(notebook, tool, STARTED)
    assert (row.status, row.sunset, row.in_inventory) == ("in_use", None, True)
    assert tool_json(row)["sunset"] is None


def test_starting_again_during_the_notice_is_refused_with_its_dates(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    with pytest.raises(Refused) as refused:
        start_sunset(notebook, tool, STARTED + timedelta(days=3))
    assert str(refused.value) == (
        "Edpuzzle's 30-day notice started on Nov 2, 2026 already and ends on Dec 2, 2026."
    )
    assert stored(notebook, tool).notice_date == STARTED


def test_a_retired_tool_is_refused_a_sunset(notebook, tool):
    update_tool(notebook, tool, ToolForm(name="Edpuzzle", status="retired"))
    with pytest.raises(Refused) as refused:
        start_sunset(notebook, tool, STARTED)
    assert str(refused.value) == (
        "Edpuzzle left the inventory. To use it again, edit it and set its status back to In use."
    )


def test_steps_and_stopping_need_a_sunset_under_way(notebook, tool):
    for write in (
        lambda: tick_step(notebook, tool, "teachers_told_on", STARTED),
        lambda: untick_step(notebook, tool, "teachers_told_on", STARTED),
        lambda: set_archive_place(notebook, tool, "District Drive", STARTED),
        lambda: cancel_sunset(notebook, tool, STARTED),
    ):
        with pytest.raises(Refused) as refused:
            write()
        assert str(refused.value) == "Edpuzzle has no sunset under way: start the sunset first."
    assert stored(notebook, tool).status == "in_use"


def test_an_unknown_step_is_refused_by_name(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    with pytest.raises(ValidationError) as invalid:
        tick_step(notebook, tool, "sso_removed", STARTED)
    assert invalid.value.errors["step"].startswith("Choose one of the sunset's steps: Tell the")


# ---- ticking --------------------------------------------------------------------------------


def test_ticking_stores_the_day_and_unticking_clears_it(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    change = tick_step(notebook, tool, "teachers_told_on", STARTED + timedelta(days=1))
    assert (change.before.teachers_told_on, change.after.teachers_told_on) == (
        None,
        STARTED + timedelta(days=1),
    )
    # Ticking it again keeps the day it was first ticked.
    tick_step(notebook, tool, "teachers_told_on", STARTED + timedelta(days=4))
    state = row_on(notebook, tool, STARTED + timedelta(days=4)).sunset
    assert state.step("teachers_told_on").done_on == STARTED + timedelta(days=1)
    assert state.ticked == 1
    untick_step(notebook, tool, "teachers_told_on", STARTED + timedelta(days=5))
    assert stored(notebook, tool).teachers_told_on is None


def test_every_step_ticked_early_leaves_on_the_notices_end_and_not_a_day_before(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_all(notebook, tool, STARTED + timedelta(days=5))
    day_before = ENDS - timedelta(days=1)
    row = row_on(notebook, tool, day_before)
    assert (row.sunset.all_ticked, row.sunset.leaves_on, row.sunset.days_left) == (True, ENDS, 1)
    assert not row.sunset.has_left and row.status == "sunset_notice"
    assert in_inventory(notebook, tool, day_before)
    assert retire_finished_sunsets(notebook, day_before) == []
    assert stored(notebook, tool).status == "sunset_notice"


def test_the_tool_leaves_exactly_when_the_notice_ends_with_every_step_ticked(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_all(notebook, tool, STARTED + timedelta(days=5))
    # Before anything writes, the inventory leaves it out and the rows say it has left.
    assert not in_inventory(notebook, tool, ENDS)
    row = row_on(notebook, tool, ENDS)
    assert (row.status, row.tool.status, row.sunset.left_on) == ("retired", "sunset_notice", ENDS)
    assert row.review.recommendation is None
    listed = tool_json(row)
    assert (listed["status"], listed["retired_on"], listed["sunset"]["left_on"]) == (
        "retired",
        "2026-12-02",
        "2026-12-02",
    )
    assert [r.id for r in list_tools(notebook, ENDS, include_retired=True)] == [tool]
    # Then it is written down, once.
    assert retire_finished_sunsets(notebook, ENDS + timedelta(days=3)) == ["Edpuzzle"]
    assert (stored(notebook, tool).status, stored(notebook, tool).retired_on) == ("retired", ENDS)
    assert retire_finished_sunsets(notebook, ENDS + timedelta(days=4)) == []


def test_the_last_tick_after_the_notice_ended_retires_the_tool_that_day(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_all(notebook, tool, STARTED + timedelta(days=2), STEPS[:3])
    late = ENDS + timedelta(days=9)
    waiting = row_on(notebook, tool, late)
    assert waiting.sunset.notice_ended and waiting.sunset.leaves_on is None
    assert in_inventory(notebook, tool, late)  # a step still waits
    change = tick_step(notebook, tool, "renewal_cancelled_on", late)
    assert change.retired
    assert (change.after.status, change.after.retired_on) == ("retired", late)
    assert not in_inventory(notebook, tool, late)
    left = row_on(notebook, tool, late).sunset
    assert (left.leaves_on, left.left_on, left.has_left) == (late, late, True)
    # Undo puts the sunset back as it was; redo retires it again.
    restore_sunset(notebook, tool, change.before)
    assert (stored(notebook, tool).status, stored(notebook, tool).renewal_cancelled_on) == (
        "sunset_notice",
        None,
    )
    assert in_inventory(notebook, tool, late)
    restore_sunset(notebook, tool, change.after)
    assert stored(notebook, tool).retired_on == late


def test_a_tool_that_left_takes_no_more_sunset_writes(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_all(notebook, tool, STARTED + timedelta(days=5))
    for write in (
        lambda: untick_step(notebook, tool, "sso_removed_on", ENDS),
        lambda: cancel_sunset(notebook, tool, ENDS),
        lambda: start_sunset(notebook, tool, ENDS),
        lambda: set_archive_place(notebook, tool, "District Drive", ENDS),
    ):
        with pytest.raises(Refused) as refused:
            write()
        assert str(refused.value).startswith("Edpuzzle left the inventory on Dec 2, 2026.")


# ---- stopping and the archive place ---------------------------------------------------------


def test_stopping_the_sunset_puts_the_tool_back_in_use_and_undo_brings_it_back(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_step(notebook, tool, "teachers_told_on", STARTED)
    set_archive_place(notebook, tool, "District Drive › Retired tools", STARTED)
    change = cancel_sunset(notebook, tool, STARTED + timedelta(days=3))
    back = stored(notebook, tool)
    assert (back.status, back.notice_date, back.teachers_told_on, back.archive_place) == (
        "in_use",
        None,
        None,
        "",
    )
    assert row_on(notebook, tool, STARTED + timedelta(days=3)).sunset is None
    restore_sunset(notebook, tool, change.before)
    state = row_on(notebook, tool, STARTED + timedelta(days=3)).sunset
    assert (state.notice_date, state.step("teachers_told_on").done_on, state.archive_place) == (
        STARTED,
        STARTED,
        "District Drive › Retired tools",
    )


def test_undoing_a_start_puts_the_tool_back_in_use(notebook, tool):
    change = start_sunset(notebook, tool, STARTED)
    restore_sunset(notebook, tool, change.before)
    assert (stored(notebook, tool).status, stored(notebook, tool).notice_date) == ("in_use", None)


def test_the_archive_place_is_kept_tidy_and_a_long_one_is_refused(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    set_archive_place(notebook, tool, "  District Drive ›\n Retired tools  ", STARTED)
    assert stored(notebook, tool).archive_place == "District Drive › Retired tools"
    with pytest.raises(ValidationError) as invalid:
        set_archive_place(notebook, tool, "x" * 301, STARTED)
    assert "under 300 characters" in invalid.value.errors["archive_place"]
    assert stored(notebook, tool).archive_place == "District Drive › Retired tools"


# ---- the notice to teachers -------------------------------------------------------------------


def test_the_notice_names_the_tool_the_last_day_the_archive_and_whom_to_ask(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    row = row_on(notebook, tool, STARTED)
    text = notice_text(row.tool, row.sunset, get_profile(notebook))
    assert text.startswith(
        "Subject: Edpuzzle is being retired: access ends on Wednesday, December 2, 2026"
    )
    assert "Cedar Valley Unified is retiring Edpuzzle." in text
    assert "You can keep using it until Tuesday, December 1, 2026." in text
    assert "will be archived to the district's drive before access ends" in text
    assert "please ask me, Jordan Lee." in text
    assert text.endswith("Jordan Lee\nInstructional technology coach, Cedar Valley Unified")
    # Teachers' and students' names never go in it.
    assert not any(name in text for name in TEACHERS)
    set_archive_place(notebook, tool, "District Drive › Retired tools › Edpuzzle", STARTED)
    row = row_on(notebook, tool, STARTED)
    placed = notice_text(row.tool, row.sunset, get_profile(notebook))
    assert (
        "archived to the district's drive, in District Drive › Retired tools › Edpuzzle" in placed
    )


def test_the_notice_without_a_profile_asks_teachers_to_ask_their_coach(store):
    tool_id = add_tool(store, ToolForm(name="Padlet"), date(2026, 8, 1))
    start_sunset(store, tool_id, STARTED)
    row = row_on(store, tool_id, STARTED)
    text = notice_text(row.tool, row.sunset, ProfileData())
    assert "We are retiring Padlet." in text
    assert "please ask your instructional technology coach." in text
    assert "Thank you" not in text


# ---- the list and `list tools --json` ---------------------------------------------------------


def test_list_tools_json_gives_the_sunset_where_it_stands(notebook, tool):
    start_sunset(notebook, tool, STARTED)
    tick_step(notebook, tool, "teachers_told_on", STARTED + timedelta(days=1))
    set_archive_place(notebook, tool, "District Drive", STARTED + timedelta(days=1))
    (listed,) = for_json(list_records(notebook, "tools", STARTED + timedelta(days=10)))
    assert listed["status"] == "sunset_notice"
    assert listed["recommendation"] == "sunset"
    assert listed["sunset"] == {
        "notice_date": "2026-11-02",
        "notice_ends_on": "2026-12-02",
        "days_left": 20,
        "steps": {
            "teachers_told_on": "2026-11-03",
            "work_archived_on": None,
            "sso_removed_on": None,
            "renewal_cancelled_on": None,
        },
        "all_ticked": False,
        "archive_place": "District Drive",
        "leaves_on": None,
        "left_on": None,
    }


def test_a_tool_retired_by_hand_leaves_the_inventory_too(notebook, tool):
    update_tool(notebook, tool, ToolForm(name="Edpuzzle", status="retired"))
    assert not in_inventory(notebook, tool, STARTED)
    (row,) = list_tools(notebook, STARTED, include_retired=True)
    assert (row.status, row.sunset, row.review.recommendation) == ("retired", None, None)


# ---- the sample district ------------------------------------------------------------------------


def test_the_demo_has_a_sunset_under_way_and_two_tools_that_left(demo_store):
    from tests.conftest import TODAY

    inventory = {r.tool.name: r for r in list_tools(demo_store, TODAY)}
    every = {r.tool.name: r for r in list_tools(demo_store, TODAY, include_retired=True)}
    under_way = inventory["Edpuzzle"].sunset
    assert 0 < under_way.ticked < len(SUNSET_STEPS) and under_way.days_left > 0
    assert under_way.archive_place
    left = {name for name, r in every.items() if not r.in_inventory}
    assert left == {"Padlet", "Socrative"} and not left & set(inventory)
    padlet, socrative = every["Padlet"], every["Socrative"]
    assert padlet.tool.retired_on == padlet.sunset.leaves_on <= TODAY
    # Socrative's notice ended with every step ticked: it left, though nothing recorded it.
    assert socrative.tool.status == "sunset_notice" and socrative.sunset.all_ticked
    assert socrative.status == "retired" and socrative.sunset.left_on <= TODAY
    assert retire_finished_sunsets(demo_store, TODAY) == ["Socrative"]


def test_a_tool_retired_by_hand_during_its_notice_has_left_with_its_steps_as_they_were(
    notebook, tool
):
    start_sunset(notebook, tool, STARTED)
    tick_step(notebook, tool, "teachers_told_on", STARTED)
    update_tool(notebook, tool, ToolForm(name="Edpuzzle", status="retired", notice_date=STARTED))
    row = row_on(notebook, tool, STARTED + timedelta(days=3))
    assert (row.status, row.in_inventory) == ("retired", False)
    assert (row.sunset.has_left, row.sunset.left_on, row.sunset.all_ticked) == (True, None, False)
    assert row.sunset.step("teachers_told_on").done_on == STARTED
    assert retire_finished_sunsets(notebook, ENDS) == []
