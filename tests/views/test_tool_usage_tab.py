"""A tool's Usage tab through qtbot: the semester's weeks by seated teacher, ticked by hand
with undo, counts from an export marked as such, and the keys that move and tick."""

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import ToolForm, add_tool, import_usage, list_tools, read_usage_file
from app.views.common.context import ScreenContext
from app.views.tools.usage_tab import IMPORTED_ROLE, UsageTab

EXPORTS = Path(__file__).resolve().parents[1] / "usage_exports"
# The school year runs Mon 17 Aug 2026 to Fri 11 Jun 2027; its first semester to Tue 12 Jan.
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
TODAY = date(2026, 10, 21)  # a Wednesday of the first semester's tenth week
WEEK_OF_SEP_14 = 5  # after "So far": Aug 17, 24, 31, Sep 7, Sep 14


@pytest.fixture
def notebook(store):
    save_profile(store, ProfileData(school_year_start=YEAR_START, school_year_end=YEAR_END))
    return store


@pytest.fixture
def teachers(notebook) -> dict[str, uuid.UUID]:
    rows = (
        ("Ana Ruiz", "ana.ruiz@lincoln.k12.example.org"),
        ("Ben Okafor", "ben.okafor@lincoln.k12.example.org"),
        ("Chloé Martin", ""),
        ("Dinh Thu", "dinh.thu@roosevelt.k12.example.org"),
    )
    return {
        name: save_teacher(notebook, TeacherForm(name=name, email=email)).id for name, email in rows
    }


@pytest.fixture
def tool(notebook, teachers) -> uuid.UUID:
    seated = [teachers["Ana Ruiz"], teachers["Ben Okafor"]]
    return add_tool(notebook, ToolForm(name="Nearpod"), date(2026, 8, 1), seated)


@pytest.fixture
def context(notebook, clock) -> ScreenContext:
    return ScreenContext(notebook, undo_stack=QUndoStack(), today=lambda: TODAY, now=clock.now)


@pytest.fixture
def tab(qtbot, context):
    widget = UsageTab(context)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_of(store, tool_id):
    return next(r for r in list_tools(store, TODAY) if r.id == tool_id)


def cell(tab: UsageTab, teacher: str, week: int):
    model = tab.model
    rows = range(model.rowCount())
    row = next(r for r in rows if model.headerData(r, Qt.Orientation.Vertical) == teacher)
    return model.index(row, week)


def test_the_grid_shows_the_semesters_weeks_for_the_seated_teachers(tab, notebook, tool):
    tab.show_tool(row_of(notebook, tool))
    model = tab.model
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert names == ["Ana Ruiz", "Ben Okafor", "Used that week"]
    # "So far", then Aug 17 to Jan 12: 22 weeks from Monday Aug 17.
    assert model.columnCount() == 23
    assert model.headerData(0, Qt.Orientation.Horizontal) == "So far"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Wk 1\nAug 17"
    assert model.headerData(22, Qt.Orientation.Horizontal) == "Wk 22\nJan 11"
    begun = cell(tab, "Ana Ruiz", 10)  # the week of Oct 19 has begun
    assert begun.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    later = cell(tab, "Ana Ruiz", 11)
    assert later.data() == "—"
    assert not later.flags() & Qt.ItemFlag.ItemIsEnabled
    # It opens on this week.
    assert tab.table.currentIndex().column() == 10
    assert "0%" in tab.summary.text() and "0 of 2 teachers" in tab.summary.text()


def test_ticking_a_week_raises_the_utilisation_and_ctrl_z_takes_it_back(
    tab, notebook, tool, context
):
    changes = []
    tab.sig_changed.connect(changes.append)
    tab.show_tool(row_of(notebook, tool))
    ana = cell(tab, "Ana Ruiz", WEEK_OF_SEP_14)
    assert tab.model.setData(ana, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert row_of(notebook, tool).semester.utilisation_pct == 50.0
    assert cell(tab, "Ana Ruiz", WEEK_OF_SEP_14).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert "1 of 2 teachers" in tab.summary.text()
    # Beside each name its weeks of use; under "So far" the semester's utilisation.
    assert cell(tab, "Ana Ruiz", 0).data() == "1 wk"
    assert cell(tab, "Ben Okafor", 0).data() == "0 wk"
    assert tab.model.index(2, 0).data() == "50%"
    assert changes[-1] == "Ana Ruiz used Nearpod in the week of Sep 14."
    assert context.undo_stack.undoText() == "Tick Ana Ruiz's week of Sep 14"

    context.undo_stack.undo()
    assert row_of(notebook, tool).semester.utilisation_pct == 0.0
    assert cell(tab, "Ana Ruiz", WEEK_OF_SEP_14).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert changes[-1].startswith("Undid: tick Ana Ruiz's")
    context.undo_stack.redo()
    assert row_of(notebook, tool).semester.utilisation_pct == 50.0
    assert "1 of 2 teachers" in tab.summary.text()


def test_unticking_by_hand_and_undoing_it(tab, notebook, tool, context):
    tab.show_tool(row_of(notebook, tool))
    for teacher in ("Ana Ruiz", "Ben Okafor"):
        tab.model.setData(
            cell(tab, teacher, WEEK_OF_SEP_14),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert row_of(notebook, tool).semester.utilisation_pct == 100.0
    tab.model.setData(
        cell(tab, "Ben Okafor", WEEK_OF_SEP_14),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert row_of(notebook, tool).semester.utilisation_pct == 50.0
    context.undo_stack.undo()
    assert row_of(notebook, tool).semester.utilisation_pct == 100.0
    assert tab.model.index(2, WEEK_OF_SEP_14).data() == "100%"


def test_the_arrow_keys_move_through_the_grid_and_space_ticks(qtbot, tab, notebook, tool):
    tab.show_tool(row_of(notebook, tool))
    tab.table.setFocus()
    tab.table.setCurrentIndex(cell(tab, "Ana Ruiz", WEEK_OF_SEP_14))
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Right)
    current = tab.table.currentIndex()
    assert (current.row(), current.column()) == (1, WEEK_OF_SEP_14 + 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    ben = row_of(notebook, tool)
    assert ben.semester.active_teachers == 1
    assert cell(tab, "Ben Okafor", WEEK_OF_SEP_14 + 1).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    # The grid keeps its place after the write.
    current = tab.table.currentIndex()
    assert (current.row(), current.column()) == (1, WEEK_OF_SEP_14 + 1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert row_of(notebook, tool).semester.active_teachers == 0


def test_imported_counts_are_marked_as_from_the_export(tab, notebook, tool, teachers):
    import_usage(notebook, "Nearpod", read_usage_file(EXPORTS / "vendor_weekly_logins.csv"))
    tab.show_tool(row_of(notebook, tool))
    ana = cell(tab, "Ana Ruiz", WEEK_OF_SEP_14)
    assert ana.data() == "5"
    assert ana.data(IMPORTED_ROLE) is True
    assert ana.data(Qt.ItemDataRole.ToolTipRole) == (
        "Ana Ruiz, week of Sep 14: 5 logins from the usage export; not ticked by hand."
    )
    # Ben's export says 0 logins: marked as imported, and not counted as use.
    ben = cell(tab, "Ben Okafor", WEEK_OF_SEP_14 + 1)
    assert (ben.data(), ben.data(IMPORTED_ROLE)) == ("0", True)
    assert cell(tab, "Ben Okafor", WEEK_OF_SEP_14).data(IMPORTED_ROLE) is False
    # Dinh got a seat from the export and joins the grid.
    assert cell(tab, "Dinh Thu", WEEK_OF_SEP_14 + 1).data() == "1"
    assert "2 of 3 teachers" in tab.summary.text()
    # A hand tick beside an imported count keeps both.
    tab.model.setData(ana, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    ana = cell(tab, "Ana Ruiz", WEEK_OF_SEP_14)
    assert (ana.data(), ana.data(Qt.ItemDataRole.CheckStateRole)) == ("5", Qt.CheckState.Checked)


def test_a_mid_week_semester_start_cannot_be_ticked_in_its_first_week(qtbot, notebook, context):
    save_profile(
        notebook, ProfileData(school_year_start=date(2026, 8, 19), school_year_end=YEAR_END)
    )
    teacher = save_teacher(notebook, TeacherForm(name="Ana Ruiz")).id
    tool = add_tool(notebook, ToolForm(name="Kami"), date(2026, 8, 1), [teacher])
    tab = UsageTab(context)
    qtbot.addWidget(tab)
    tab.show_tool(row_of(notebook, tool))
    first = tab.model.index(0, 1)
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "Wk 1\nAug 19"
    assert first.data(Qt.ItemDataRole.CheckStateRole) is None
    assert "mid-week" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert not tab.model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    second = tab.model.index(0, 2)
    assert second.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_no_tool_empties_the_tab(tab, notebook, tool):
    tab.show_tool(row_of(notebook, tool))
    tab.show_tool(None)
    assert tab.model.rowCount() == 0 and tab.model.columnCount() == 0
    assert not tab.import_button.isEnabled()


def test_the_grid_model_passes_the_model_tester(qtmodeltester, tab, notebook, tool):
    import_usage(notebook, "Nearpod", read_usage_file(EXPORTS / "vendor_weekly_logins.csv"))
    tab.show_tool(row_of(notebook, tool))
    qtmodeltester.check(tab.model)


def test_undoing_a_tick_of_a_deleted_tool_says_so_and_empties_the_tab(
    tab, notebook, tool, context, clock
):
    from app.services.tools import delete_tool

    changes = []
    tab.sig_changed.connect(changes.append)
    tab.show_tool(row_of(notebook, tool))
    tab.model.setData(
        cell(tab, "Ana Ruiz", WEEK_OF_SEP_14),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    delete_tool(notebook, tool, clock.now())
    context.undo_stack.undo()
    assert changes[-1].startswith("Couldn't undo that:")
    assert tab.model.rowCount() == 0 and not tab.import_button.isEnabled()
