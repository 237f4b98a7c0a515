"""Saving a tool's report from the Tools screen: the file chosen is written off the GUI
thread and the status bar says where; a cancelled file dialog writes nothing; a problem is
said in a box, in words."""

from datetime import date

from PySide6.QtWidgets import QWidget

from app.services.tools import delete_tool, list_tools
from app.views.common.context import ScreenContext
from app.views.tools.report_export import export_tool_report
from tests.reports.conftest import read_pdf

TODAY = date(2026, 11, 25)


def context_for(store) -> ScreenContext:
    return ScreenContext(store, today=lambda: TODAY)


def test_the_report_is_saved_where_the_coach_chose_and_the_status_says_so(
    qtbot, demo_store, recorder, tmp_path
):
    parent = QWidget()
    qtbot.addWidget(parent)
    context = context_for(demo_store)
    messages = []
    context.events.sig_status_message.connect(messages.append)
    row = next(r for r in list_tools(demo_store, TODAY) if r.tool.name == "Nearpod")
    recorder.save_path = tmp_path / "nearpod"  # no suffix: .pdf is added
    job = export_tool_report(context, parent, row.id)
    assert job is not None
    with qtbot.waitSignal(job.sig_finished, timeout=60_000):
        pass
    out = tmp_path / "nearpod.pdf"
    assert messages == [f"Saved the tool report for Nearpod to {out}."]
    assert "TOOL REPORT" in read_pdf(out)
    assert recorder.errors == []


def test_a_cancelled_file_dialog_writes_nothing(qtbot, demo_store, recorder, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    row = list_tools(demo_store, TODAY)[0]
    recorder.save_path = None
    assert export_tool_report(context_for(demo_store), parent, row.id) is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_folder_that_is_gone_is_said_in_a_box(qtbot, demo_store, recorder, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    row = list_tools(demo_store, TODAY)[0]
    recorder.save_path = tmp_path / "gone" / "report.pdf"
    job = export_tool_report(context_for(demo_store), parent, row.id)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000):
        pass
    ((title, text),) = recorder.errors
    assert title == "The report was not made"
    assert "does not exist" in text


def test_a_tool_deleted_meanwhile_is_said_in_a_box(qtbot, demo_store, recorder, clock):
    parent = QWidget()
    qtbot.addWidget(parent)
    row = list_tools(demo_store, TODAY)[0]
    delete_tool(demo_store, row.id, clock.now())
    assert export_tool_report(context_for(demo_store), parent, row.id) is None
    ((title, text),) = recorder.errors
    assert title == "The report was not made"
    assert "no longer in the inventory" in text
