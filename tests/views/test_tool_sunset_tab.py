"""The Sunset tab through qtbot, against a copy of the small demo notebook: start a sunset,
tick its steps, copy the notice, stop it, and see a tool that has left."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.models import Tool
from app.services.tools import (
    SUNSET_STEPS,
    get_tool_row,
    list_tools,
    start_sunset,
    tick_step,
)
from app.services.tools.sunset import cancel_sunset
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.tools.sunset_tab import SunsetTab
from tests.conftest import TODAY


@pytest.fixture
def context(demo_store, clock):
    return ScreenContext(demo_store, today=lambda: TODAY, now=clock.now)


@pytest.fixture
def tab(qtbot, context, recorder):
    widget = SunsetTab(context)
    qtbot.addWidget(widget)
    widget.resize(420, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def questions(monkeypatch) -> list[tuple[str, str]]:
    """What each confirm asked, answered yes."""
    asked = []

    def confirm(_parent, title, text, _action="OK"):
        asked.append((title, text))
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked


def row_named(store, name: str):
    return next(r for r in list_tools(store, TODAY, include_retired=True) if r.tool.name == name)


def stored(store, tool_id) -> Tool:
    with store.session() as session:
        return session.get(Tool, tool_id)


def test_starting_a_sunset_asks_with_the_notices_end_and_shows_the_steps(
    qtbot, tab, context, demo_store, questions
):
    nearpod = row_named(demo_store, "Nearpod")
    tab.show_tool(nearpod)
    assert tab.state.text() == "In use" and tab.start_button.isVisible()
    with qtbot.waitSignal(tab.sig_changed) as changed:
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    ((title, text),) = questions
    assert title == "Start the sunset of Nearpod?"
    assert "use Nearpod until Thu Dec 24, 2026, and the notice ends on Fri Dec 25, 2026" in text
    assert changed.args == ["Started the sunset of Nearpod: the notice ends on Dec 25, 2026."]
    assert tab.state.text() == "30 days left"
    assert tab.notice_part.isVisible() and not tab.start_button.isVisible()
    assert [box.isChecked() for box in tab.step_boxes.values()] == [False] * 4
    assert stored(demo_store, nearpod.id).notice_date == TODAY
    context.undo_stack.undo()
    assert stored(demo_store, nearpod.id).status == "in_use"
    assert tab.state.text() == "In use"


def test_declining_the_question_starts_nothing(qtbot, tab, demo_store, recorder):
    recorder.confirm_answer = False
    nearpod = row_named(demo_store, "Nearpod")
    tab.show_tool(nearpod)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert recorder.confirms == ["Start the sunset of Nearpod?"]
    assert stored(demo_store, nearpod.id).status == "in_use"


def test_ticking_a_step_keeps_todays_day_and_ctrl_z_unticks_it(qtbot, tab, context, demo_store):
    edpuzzle = row_named(demo_store, "Edpuzzle")
    tab.show_tool(edpuzzle)
    box, day = tab.step_boxes["sso_removed_on"], tab.step_days["sso_removed_on"]
    assert (box.isChecked(), day.text()) == (False, "Not ticked yet")
    with qtbot.waitSignal(tab.sig_changed) as changed:
        box.click()
    assert changed.args == ["Ticked “Remove the SSO app and the rostering sync” for Edpuzzle."]
    assert (box.isChecked(), day.text()) == (True, "Ticked on Nov 25, 2026")
    assert stored(demo_store, edpuzzle.id).sso_removed_on == TODAY
    assert context.undo_stack.undoText() == (
        "Tick “Remove the SSO app and the rostering sync” for Edpuzzle"
    )
    context.undo_stack.undo()
    assert (box.isChecked(), day.text()) == (False, "Not ticked yet")
    assert stored(demo_store, edpuzzle.id).sso_removed_on is None
    # Unticking a step ticked before clears its day.
    told = tab.step_boxes["teachers_told_on"]
    assert told.isChecked()
    told.click()
    assert stored(demo_store, edpuzzle.id).teachers_told_on is None
    assert tab.step_days["teachers_told_on"].text() == "Not ticked yet"


def test_the_last_tick_after_the_notice_ended_shows_when_and_why_it_left(qtbot, tab, demo_store):
    nearpod = row_named(demo_store, "Nearpod")
    started = TODAY - timedelta(days=40)
    start_sunset(demo_store, nearpod.id, started)
    for key, _label in SUNSET_STEPS[:3]:
        tick_step(demo_store, nearpod.id, key, started + timedelta(days=3))
    tab.show_tool(get_tool_row(demo_store, nearpod.id, TODAY))
    assert tab.state.text() == "Notice ended"
    assert "leaves the inventory when the last step is ticked" in tab.explain.text()
    with qtbot.waitSignal(tab.sig_changed) as changed:
        tab.step_boxes["renewal_cancelled_on"].click()
    assert changed.args == ["Ticked “Cancel the renewal”: Nearpod has left the inventory."]
    assert tab.state.text() == "Left the inventory"
    assert tab.explain.text() == (
        "Nearpod left the inventory on Wed Nov 25, 2026: its 30-day notice to teachers, which "
        "started on Oct 16, 2026, ended on Nov 15, 2026, and its last step was ticked then."
    )
    assert "• Cancel the renewal: ticked on Nov 25, 2026" in tab.left_part.text()
    assert not tab.notice_part.isVisible()
    assert "Nearpod" not in {r.tool.name for r in list_tools(demo_store, TODAY)}
    assert stored(demo_store, nearpod.id).retired_on == TODAY


def test_a_tool_that_left_says_when_and_why(tab, demo_store):
    tab.show_tool(row_named(demo_store, "Socrative"))
    assert tab.state.text() == "Left the inventory"
    assert tab.explain.text().endswith("with every step ticked.")
    assert not tab.start_button.isVisible() and not tab.notice_part.isVisible()


def test_copy_the_notice_puts_it_on_the_clipboard(qtbot, tab, context, demo_store):
    tab.show_tool(row_named(demo_store, "Edpuzzle"))
    notice = tab.notice_text.toPlainText()
    assert notice.startswith("Subject: Edpuzzle is being retired")
    assert "District Drive › Retired tools › Edpuzzle" in notice
    assert tab.notice_text.isReadOnly()
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(context.events.sig_status_message) as said:
        qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == notice
    assert said.args == ["Copied the notice to teachers: paste it into an email."]


def test_the_archive_place_is_saved_on_enter(qtbot, tab, demo_store):
    edpuzzle = row_named(demo_store, "Edpuzzle")
    tab.show_tool(edpuzzle)
    tab.archive_place.setFocus()
    tab.archive_place.selectAll()
    qtbot.keyClicks(tab.archive_place, "Shared drive, Edpuzzle work")
    with qtbot.waitSignal(tab.sig_changed):
        qtbot.keyClick(tab.archive_place, Qt.Key.Key_Return)
    assert stored(demo_store, edpuzzle.id).archive_place == "Shared drive, Edpuzzle work"
    assert "in Shared drive, Edpuzzle work" in tab.notice_text.toPlainText()


def test_stop_the_sunset_puts_it_back_in_use_and_undo_brings_the_steps_back(
    qtbot, tab, context, demo_store, questions
):
    edpuzzle = row_named(demo_store, "Edpuzzle")
    ticked = edpuzzle.sunset.ticked
    tab.show_tool(edpuzzle)
    with qtbot.waitSignal(tab.sig_changed) as changed:
        qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    assert questions[0][0] == "Stop the sunset of Edpuzzle?"
    assert changed.args == ["Stopped the sunset of Edpuzzle: it is back in use."]
    assert tab.state.text() == "In use" and tab.start_button.isVisible()
    assert get_tool_row(demo_store, edpuzzle.id, TODAY).sunset is None
    context.undo_stack.undo()
    back = get_tool_row(demo_store, edpuzzle.id, TODAY).sunset
    assert back.ticked == ticked and back.notice_date == edpuzzle.sunset.notice_date
    assert tab.notice_part.isVisible()


def test_a_refused_tick_shows_the_reason_and_the_tool_as_it_now_is(
    qtbot, tab, demo_store, recorder
):
    edpuzzle = row_named(demo_store, "Edpuzzle")
    tab.show_tool(edpuzzle)
    cancel_sunset(demo_store, edpuzzle.id, TODAY)  # stopped from elsewhere meanwhile
    tab.step_boxes["sso_removed_on"].click()
    assert recorder.errors == [
        ("Not ticked", "Edpuzzle has no sunset under way: start the sunset first.")
    ]
    assert tab.state.text() == "In use"


def test_no_tool_chosen_shows_nothing_to_do(tab):
    tab.show_tool(None)
    assert not tab.isEnabled()
    assert not tab.start_button.isVisible() and not tab.notice_part.isVisible()


def test_a_place_being_typed_stays_on_a_redraw_and_never_goes_to_another_tool(
    qtbot, tab, demo_store, recorder
):
    edpuzzle, padlet = row_named(demo_store, "Edpuzzle"), row_named(demo_store, "Padlet")
    tab.show_tool(edpuzzle)
    tab.archive_place.setFocus()
    tab.archive_place.selectAll()
    qtbot.keyClicks(tab.archive_place, "Shared drive")
    tab.show_tool(get_tool_row(demo_store, edpuzzle.id, TODAY))  # a redraw of the same tool
    assert tab.archive_place.text() == "Shared drive" and tab.archive_place.hasFocus()
    tab.show_tool(padlet)  # another tool, chosen while the field still has the focus
    assert tab.state.text() == "Left the inventory"
    assert recorder.errors == []
    assert stored(demo_store, padlet.id).archive_place == padlet.sunset.archive_place
    assert stored(demo_store, edpuzzle.id).archive_place == edpuzzle.sunset.archive_place


def test_a_tool_retired_by_hand_says_so(tab, demo_store):
    from app.services.tools import ToolForm, update_tool

    edpuzzle = row_named(demo_store, "Edpuzzle")
    form = ToolForm(name="Edpuzzle", status="retired", notice_date=edpuzzle.sunset.notice_date)
    update_tool(demo_store, edpuzzle.id, form)
    tab.show_tool(get_tool_row(demo_store, edpuzzle.id, TODAY))
    assert tab.state.text() == "Left the inventory"
    assert tab.explain.text() == (
        "Edpuzzle was marked retired, during its sunset notice (which started on Nov 15, "
        "2026): it has left the inventory."
    )
    assert "• Tell the teachers: ticked on" in tab.left_part.text()
