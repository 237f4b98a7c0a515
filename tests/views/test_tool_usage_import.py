"""Importing a usage export through a tool's Usage tab: only the file chooser is replaced;
the preview, the refusals by line and the import itself run for real."""

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog

from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import ToolForm, add_tool, list_tools
from app.views.common.context import ScreenContext
from app.views.tools.usage_import_dialog import UsageImportDialog
from app.views.tools.usage_tab import UsageTab

EXPORTS = Path(__file__).resolve().parents[1] / "usage_exports"
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
TODAY = date(2026, 10, 21)


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
    return add_tool(notebook, ToolForm(name="Jamboard"), date(2026, 8, 1), [teachers["Ana Ruiz"]])


@pytest.fixture
def tab(qtbot, notebook, clock, tool):
    context = ScreenContext(notebook, undo_stack=QUndoStack(), today=lambda: TODAY, now=clock.now)
    widget = UsageTab(context)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_tool(row_of(notebook, tool))
    return widget


@pytest.fixture
def chooser(monkeypatch):
    """The file dialog answers with the paths given, one per question, then cancels."""
    answers: list[Path] = []

    def answer(*_args, **_kwargs):
        return (str(answers.pop(0)), "") if answers else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return answers


@pytest.fixture
def preview(monkeypatch):
    """Stands in for the coach at the preview: `act(dialog)` runs once it is showing, and
    each dialog seen is kept (its text as it was when shown)."""
    seen: list[dict] = []
    act = {"then": lambda dialog: dialog.import_button.click()}

    def exec_(dialog: UsageImportDialog) -> int:
        dialog.show()
        seen.append(
            {
                "found": dialog.found_label.text(),
                "verdict": dialog.verdict.text(),
                "button": dialog.import_button.text(),
                "can_import": dialog.import_button.isEnabled(),
                "lines": [
                    (dialog.problems.index(r, 0).data(), dialog.problems.index(r, 1).data())
                    for r in range(dialog.problems.rowCount())
                ],
                "size": dialog.size(),
            }
        )
        act["then"](dialog)
        if dialog.isVisible():
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(UsageImportDialog, "exec", exec_)
    return seen, act


def row_of(store, tool_id):
    return next(r for r in list_tools(store, TODAY) if r.id == tool_id)


def test_a_google_workspace_report_is_previewed_then_imported(
    tab, notebook, tool, chooser, preview
):
    seen, _ = preview
    messages = []
    tab.sig_changed.connect(messages.append)
    chooser.append(EXPORTS / "google_workspace_app_usage.csv")
    tab.import_button.click()
    (shown,) = seen
    assert shown["found"].splitlines() == [
        "Looks like a Google Workspace app usage report (columns: User, Email, Org Unit, Date, "
        "App, Active, Last used time).",
        "Counts active days, by day: Sep 14, 2026 to Oct 6, 2026.",
        "5 rows; 3 teachers matched (Ana Ruiz, Ben Okafor, Dinh Thu).",
        "2 teachers without a seat get one: Ben Okafor, Dinh Thu.",
    ]
    assert shown["verdict"].startswith("Nothing has been written yet.")
    assert "Ctrl+Z takes the import back" in shown["verdict"]
    assert (shown["button"], shown["can_import"], shown["lines"]) == ("Import 5 days", True, [])
    row = row_of(notebook, tool)
    assert (row.semester.active_teachers, row.semester.licensed) == (2, 3)
    assert messages == [
        "Imported 5 days of Jamboard use for 3 teachers, Sep 14 to Oct 6, 2026. 2 got a seat."
    ]
    names = [tab.model.headerData(r, Qt.Orientation.Vertical) for r in range(tab.model.rowCount())]
    assert names == ["Ana Ruiz", "Ben Okafor", "Dinh Thu", "Used that week"]


def test_a_canvas_report_matches_by_name_and_counts_views(tab, notebook, tool, chooser, preview):
    seen, _ = preview
    chooser.append(EXPORTS / "canvas_course_access_report.csv")
    tab.import_button.click()
    (shown,) = seen
    found = shown["found"].splitlines()
    assert found[0].startswith("Looks like a Canvas course access report (columns: Display")
    assert found[1] == "Counts logins (or views), by day: Sep 16, 2026 to Oct 2, 2026."
    assert found[2] == "4 rows; 3 teachers matched (Ana Ruiz, Chloé Martin, Dinh Thu)."
    assert shown["button"] == "Import 3 days"
    row = row_of(notebook, tool)
    # Ana (16 views) and Chloé (2) used it; Dinh's 0 views is no use.
    assert (row.semester.active_teachers, row.semester.licensed) == (2, 3)


def test_a_vendors_weekly_logins_import_by_week(tab, notebook, tool, chooser, preview):
    seen, _ = preview
    chooser.append(EXPORTS / "vendor_weekly_logins.csv")
    tab.import_button.click()
    (shown,) = seen
    found = shown["found"].splitlines()
    assert (
        found[0] == "Looks like a vendor's usage export (columns: Teacher Email, Week Of, Logins)."
    )
    assert found[1] == "Counts logins (or views), by week: Sep 14, 2026 to Sep 21, 2026."
    assert shown["button"] == "Import 4 weeks"
    assert row_of(notebook, tool).semester.active_teachers == 2


def test_unmatched_teachers_import_nothing_and_are_listed_by_line(
    tab, notebook, tool, chooser, preview
):
    seen, _ = preview
    messages = []
    tab.sig_changed.connect(messages.append)
    before = row_of(notebook, tool)
    chooser.append(EXPORTS / "vendor_weekly_logins_unmatched.csv")
    tab.import_button.click()
    (shown,) = seen
    assert shown["can_import"] is False
    assert shown["verdict"] == (
        "Nothing will be imported: 4 rows below stop it. Fix each line in the export (or add "
        "the teacher to the roster), save it as CSV and choose the file again."
    )
    assert shown["lines"] == [
        (
            "3",
            "No teacher in the notebook matches “j.doe@lincoln.k12.example.org”; add them to "
            "the roster (or fix their email) and import again.",
        ),
        ("4", "“14/9/2026” is not a date; write it as 2026-09-14 or 9/14/2026."),
        (
            "5",
            "No teacher in the notebook matches “r.patel@roosevelt.k12.example.org”; add them "
            "to the roster (or fix their email) and import again.",
        ),
        ("6", "“lots” is not a count of use; write a whole number (0 for none)."),
    ]
    after = row_of(notebook, tool)
    assert [t.name for t in after.teachers] == [t.name for t in before.teachers] == ["Ana Ruiz"]
    assert after.semester.active_teachers == 0
    assert messages == []


def test_a_damaged_file_says_what_is_wrong_and_imports_nothing(
    tab, notebook, tool, chooser, preview, tmp_path
):
    seen, _ = preview
    damaged = tmp_path / "usage.csv"
    damaged.write_bytes(b"\x00\x01\x02PK\xff\xfe\x00 not a csv")
    chooser.append(damaged)
    tab.import_button.click()
    (shown,) = seen
    assert shown["verdict"].startswith("Couldn't read usage.csv, so nothing will be imported: ")
    assert "is not a CSV file" in shown["verdict"]
    assert shown["can_import"] is False
    assert row_of(notebook, tool).semester.active_teachers == 0


def test_a_file_without_a_use_column_is_refused_in_words(
    tab, notebook, tool, chooser, preview, tmp_path
):
    seen, _ = preview
    path = tmp_path / "report.csv"
    path.write_text("Email,Date\nana.ruiz@lincoln.k12.example.org,2026-09-14\n", encoding="utf-8")
    chooser.append(path)
    tab.import_button.click()
    (shown,) = seen
    assert (
        "has no column for the use (a Logins, Views, Active days or Active column)"
        in (shown["verdict"])
    )
    assert shown["can_import"] is False


def test_choosing_another_file_after_a_refusal_imports_the_good_one(
    tab, notebook, tool, chooser, preview
):
    seen, act = preview
    chooser.extend(
        [EXPORTS / "vendor_weekly_logins_unmatched.csv", EXPORTS / "vendor_weekly_logins.csv"]
    )

    def fix_then_import(dialog: UsageImportDialog) -> None:
        assert not dialog.import_button.isEnabled()
        dialog.choose_button.click()
        assert not dialog.table.isVisible()
        assert dialog.import_button.text() == "Import 4 weeks"
        dialog.import_button.click()

    act["then"] = fix_then_import
    tab.import_button.click()
    assert len(seen) == 1
    assert row_of(notebook, tool).semester.active_teachers == 2


def test_cancelling_the_chooser_opens_nothing(tab, chooser, preview):
    seen, _ = preview
    tab.import_button.click()
    assert seen == []


def test_the_import_is_refused_when_the_roster_changed_since_the_preview(
    tab, notebook, tool, chooser, preview, teachers
):
    from app.services.teachers import delete_teacher

    _seen, act = preview
    chooser.append(EXPORTS / "vendor_weekly_logins.csv")

    def remove_ben_then_import(dialog: UsageImportDialog) -> None:
        delete_teacher(notebook, teachers["Ben Okafor"])
        dialog.import_button.click()
        assert dialog.isVisible()
        assert dialog.verdict.text().startswith("Nothing was imported: 1 row has a problem.")
        assert dialog.problems.index(0, 0).data() == "4"

    act["then"] = remove_ben_then_import
    tab.import_button.click()
    assert row_of(notebook, tool).semester.active_teachers == 0


def test_the_dialog_fits_a_small_screen(qtbot, notebook, tool, chooser):
    chooser.append(EXPORTS / "vendor_weekly_logins_unmatched.csv")
    dialog = UsageImportDialog(notebook, tool, "Jamboard")
    qtbot.addWidget(dialog)
    assert dialog.choose_and_read()
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint()
    assert dialog.width() <= 1024 and dialog.height() <= 560
    assert hint.height() <= 560
    # The long reasons wrap in their column rather than widen the dialog.
    assert dialog.table.horizontalScrollBar().maximum() == 0


def test_cancelling_the_preview_writes_nothing(tab, notebook, tool, chooser, preview):
    seen, act = preview
    act["then"] = lambda dialog: dialog.buttons.rejected.emit()
    chooser.append(EXPORTS / "google_workspace_app_usage.csv")
    tab.import_button.click()
    assert seen[0]["button"] == "Import 5 days"
    row = row_of(notebook, tool)
    assert (row.semester.active_teachers, [t.name for t in row.teachers]) == (0, ["Ana Ruiz"])


def test_the_problems_model_passes_the_model_tester(qtmodeltester, qtbot, notebook, tool, chooser):
    chooser.append(EXPORTS / "vendor_weekly_logins_unmatched.csv")
    dialog = UsageImportDialog(notebook, tool, "Jamboard")
    qtbot.addWidget(dialog)
    dialog.choose_and_read()
    assert dialog.problems.rowCount() == 4
    qtmodeltester.check(dialog.problems)


def test_thousands_of_refused_rows_list_one_line_each_with_the_reason_on_hover(
    qtbot, notebook, tool, chooser, tmp_path
):
    path = tmp_path / "other_district.csv"
    rows = [f"t{i}@elsewhere.example.org,9/14/2026,{i % 4}" for i in range(3000)]
    path.write_text("Teacher Email,Week Of,Logins\n" + "\n".join(rows) + "\n", encoding="utf-8")
    chooser.append(path)
    dialog = UsageImportDialog(notebook, tool, "Jamboard")
    qtbot.addWidget(dialog)
    dialog.choose_and_read()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.problems.rowCount() == 3000
    assert not dialog.import_button.isEnabled()
    assert dialog.verdict.text().startswith("Nothing will be imported: 3,000 rows below stop it.")
    last = dialog.problems.index(2999, 1)
    assert last.data(Qt.ItemDataRole.ToolTipRole).startswith(
        "No teacher in the notebook matches “t2999@elsewhere.example.org”"
    )
    one_line = dialog.table.verticalHeader().defaultSectionSize()
    assert dialog.table.rowHeight(0) == one_line


def test_enter_imports_a_file_that_can_go_in(qtbot, tab, notebook, tool, chooser, preview):
    _seen, act = preview
    act["then"] = lambda dialog: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    chooser.append(EXPORTS / "vendor_weekly_logins.csv")
    tab.import_button.click()
    assert row_of(notebook, tool).semester.active_teachers == 2


def test_ctrl_z_takes_an_import_back_and_redo_puts_it_back(
    tab, notebook, tool, chooser, preview, teachers
):
    from sqlmodel import col, func, select

    from app.models import ToolTeacher, ToolUsage

    def counted():
        with notebook.session() as session:
            cells = session.exec(
                select(func.count())
                .select_from(ToolUsage)
                .where(ToolUsage.tool_id == tool, col(ToolUsage.deleted_at).is_(None))
            ).one()
            seats = session.exec(
                select(func.count())
                .select_from(ToolTeacher)
                .where(ToolTeacher.tool_id == tool, col(ToolTeacher.deleted_at).is_(None))
            ).one()
        row = row_of(notebook, tool)
        return cells, seats, row.semester.active_teachers

    before = counted()
    chooser.append(EXPORTS / "google_workspace_app_usage.csv")
    tab.import_button.click()
    imported = counted()
    assert imported != before and imported[1] == 3
    stack = tab._context.undo_stack
    assert stack.undoText().startswith("Import Jamboard usage from")

    stack.undo()
    assert counted() == before
    stack.redo()
    assert counted() == imported

    # Importing the same file again replaces its cells; undoing that leaves the first import.
    chooser.append(EXPORTS / "google_workspace_app_usage.csv")
    tab.import_button.click()
    assert counted() == imported
    stack.undo()
    assert counted() == imported
