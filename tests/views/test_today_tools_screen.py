"""Today's "Tools to review" through qtbot: the demo's tools to review, the semester line,
and Enter or a double-click opening the tool on the Tools screen."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.today import today_overview
from app.services.tools import ToolForm, add_tool, list_tools, set_usage
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents
from app.views.today.screen import TodayScreen
from app.views.today.table_models import ToolsDueModel
from app.views.tools.screen import ToolsScreen

TODAY = date(2026, 11, 25)  # the demo's day


def open_today(qtbot, store, today=TODAY) -> TodayScreen:
    context = ScreenContext(store, AppEvents(), QUndoStack(), lambda: today)
    screen = TodayScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: not screen.is_loading, timeout=5000)
    return screen


def shown(section) -> list[tuple[str, ...]]:
    model = section.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


@pytest.fixture
def demo(qtbot, demo_store, recorder) -> TodayScreen:
    return open_today(qtbot, demo_store)


def test_the_demo_shows_its_tool_to_review_now_and_its_renewal(demo, demo_store):
    section = demo.tools_section
    assert section.isVisible() and section.table.isVisible()
    rows = {r.tool.name: r for r in list_tools(demo_store, TODAY)}
    pear, quizizz = shown(section)

    assert pear[:3] == ("Pear Deck", "Review now", pear[2])
    assert pear[3] == rows["Pear Deck"].review.reasons[0].capitalize() + "."
    assert quizizz[0] == "Quizizz" and quizizz[1] == "Renews Mon Jan 4"
    assert quizizz[2].endswith("% so far")
    assert "decide before the money is spent" in quizizz[3]
    assert section.count.text() == "2"
    assert "the next semester review opens on Fri Jan 1, 2027" in section.note.text()
    assert "2 tools to review" in demo.summary.text()


def test_enter_on_a_tool_asks_for_it_and_the_tools_screen_opens_on_it(qtbot, demo, demo_store):
    tools = ToolsScreen(ScreenContext(demo_store, AppEvents(), QUndoStack(), lambda: TODAY))
    qtbot.addWidget(tools)
    demo.sig_open_tool_requested.connect(tools.open_tool)
    section = demo.tools_section
    section.table.activateWindow()
    section.table.setFocus()
    section.table.setCurrentIndex(section.model.index(1, 0))
    qtbot.waitUntil(section.table.hasFocus)
    expected = today_overview(demo_store, TODAY).tools.due[1].tool_id

    with qtbot.waitSignal(demo.sig_open_tool_requested) as opened:
        qtbot.keyClick(section.table, Qt.Key.Key_Return)

    assert opened.args == [expected]
    assert tools.current_id() == expected
    assert tools.view.title.text() == "Quizizz"


def test_a_double_click_opens_the_tool(qtbot, demo, demo_store):
    table = demo.tools_section.table
    where = table.visualRect(table.model().index(0, 0)).center()
    expected = today_overview(demo_store, TODAY).tools.due[0].tool_id
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(demo.sig_open_tool_requested) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [expected]


def test_d_on_a_tool_says_what_the_list_holds(qtbot, demo):
    messages = []
    demo._events.sig_status_message.connect(messages.append)
    section = demo.tools_section
    section.table.setFocus()
    section.table.setCurrentIndex(section.model.index(0, 0))
    qtbot.keyClick(section.table, Qt.Key.Key_D)
    assert messages == [
        "D marks a session done, and this list shows tools. Enter opens the selected one."
    ]


def test_in_the_semester_review_the_candidates_say_which_semester(qtbot, demo_store, recorder):
    day = date(2027, 1, 20)  # the week after the demo's first semester ended (Thu Jan 14)
    screen = open_today(qtbot, demo_store, day)
    section = screen.tools_section
    by_tool = {row[0]: row for row in shown(section)}

    assert by_tool["Flocabulary"][1] == "Sunset candidate"
    assert by_tool["Nearpod"][1] == "Keep"
    assert "the first semester of 2026-2027" in by_tool["Flocabulary"][3]
    assert not by_tool["Flocabulary"][2].endswith("so far")
    model = section.model
    row = list(by_tool).index("Flocabulary")
    tip = model.index(row, ToolsDueModel.USED).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Teacher utilisation over the first semester of 2026-2027"
    assert section.note.text() == (
        "The first semester of 2026-2027 ended on Thu Jan 14, 2027: its review stays here "
        "until Sat Feb 13, 2027."
    )


def test_no_tools_hides_the_section_and_tools_with_nothing_due_say_so(qtbot, store, recorder):
    save_profile(
        store, ProfileData(school_year_start=date(2026, 8, 17), school_year_end=date(2027, 6, 11))
    )
    teacher = save_teacher(store, TeacherForm(name="Ana Ruiz")).id
    screen = open_today(qtbot, store)
    assert not screen.tools_section.isVisible()

    tool = add_tool(store, ToolForm(name="Nearpod"), date(2026, 8, 1), [teacher])
    set_usage(store, tool, teacher, date(2026, 11, 2), 3, today=TODAY)
    screen.reload()
    section = screen.tools_section
    assert section.isVisible() and not section.table.isVisible()
    assert section.empty.text() == "No tool needs a review today."
    assert section.count.text() == ""


def test_the_tools_model_passes_qtmodeltester(qtmodeltester, demo):
    qtmodeltester.check(demo.tools_section.model)
