"""The Reports screen: choose, preview in the background, save atomically, export CSV."""

import threading
from datetime import date

import pytest
from pypdf import PdfReader

from app.reports.catalogue import CSV, OBSERVATION, PILOT, PORTFOLIO, TEACHER, TOOL
from app.services.cycles import CycleStart, add_note, start_cycle
from app.services.observations import list_observations
from app.services.pilots import list_pilots
from app.services.teachers import list_teachers
from app.services.tools import list_tools
from app.views.common.jobs import JobState
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)


@pytest.fixture
def main(qtbot, demo_store, recorder, clock):
    win = MainWindow(demo_store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_done(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: screen._job is None, timeout=60_000)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_preview_then_save_the_teacher_report_without_private_notes(
    qtbot, main, demo_store, recorder, tmp_path
):
    teacher = next(t for t in list_teachers(demo_store) if not t.archived)
    cycle = start_cycle(demo_store, CycleStart(teacher.id, date(2026, 11, 16), focus="Padlet"))
    add_note(demo_store, "PRIVATE: worried about her evaluation", cycle_id=cycle)
    add_note(demo_store, "Shared: students posted exit tickets", cycle_id=cycle, is_private=False)
    main.open_report(TEACHER, teacher.id)
    screen = main.reports
    assert screen.subject.subject(TEACHER) == (teacher.id, None)
    screen.preview_button.click()
    wait_done(qtbot, screen)
    assert screen.page_count() >= 1
    assert screen.built is not None
    recorder.save_path = tmp_path / "coaching report"  # no extension typed
    screen.save_button.click()
    wait_done(qtbot, screen)
    saved = tmp_path / "coaching report.pdf"
    text = pdf_text(saved)
    assert teacher.name in text
    assert "students posted exit tickets" in text
    assert "worried about her evaluation" not in text
    assert saved.read_bytes() == screen.built.pdf  # the preview is what was saved


def test_observation_and_pilot_reports_open_from_their_screens(qtbot, main, demo_store):
    observation = list_observations(demo_store)[0]
    main.open_observation(observation.id)
    main.observations.view.report_button.click()
    screen = main.reports
    assert main.current_screen() == "reports"
    assert screen.document_key() == OBSERVATION
    assert screen.subject.subject(OBSERVATION) == observation.id
    pilot = list_pilots(demo_store, TODAY)[0]
    main.open_pilot(pilot.id)
    main.pilots.view.report_button.click()
    assert screen.document_key() == PILOT
    assert screen.subject.subject(PILOT) == pilot.id
    screen.preview_button.click()
    wait_done(qtbot, screen)
    assert screen.page_count() >= 1


def test_the_portfolio_builds_in_the_background_and_can_be_cancelled(
    qtbot, main, recorder, monkeypatch
):
    # The build pauses inside its layout, after its first page of progress, until the test
    # has pressed Cancel: so Cancel always lands in the middle of a real build.
    laid_out, go_on = threading.Event(), threading.Event()
    report_progress = JobState.progress

    def progress_then_pause(state, done, total, text=""):
        report_progress(state, done, total, text)
        if total > 0 and not laid_out.is_set():
            laid_out.set()
            go_on.wait(30)

    monkeypatch.setattr(JobState, "progress", progress_then_pause)
    main.open_report(PORTFOLIO)
    screen = main.reports
    assert screen.subject.subject(PORTFOLIO) == "2026-2027"
    messages = []
    main.events.sig_status_message.connect(messages.append)
    screen.preview_button.click()
    assert screen.cancel_button.isVisibleTo(screen)
    assert not screen.documents.isEnabled()  # nothing else starts while it builds
    try:
        qtbot.waitUntil(laid_out.is_set, timeout=30_000)
        qtbot.waitUntil(lambda: screen.progress.maximum() > 0, timeout=10_000)
        assert screen.progress_text.text() == "Laying out the pages…"
        assert 0 <= screen.progress.value() <= screen.progress.maximum()
        screen.cancel_button.click()
        assert screen.progress_text.text() == "Stopping…"
    finally:
        go_on.set()
    wait_done(qtbot, screen)
    assert screen.built is None
    assert screen.page_count() == 0
    assert messages[-1] == "Cancelled; nothing was written."
    assert not screen.progress.isVisibleTo(screen)
    assert screen.documents.isEnabled()
    assert recorder.errors == []


def test_csv_export_writes_every_table_to_the_folder(qtbot, main, recorder, tmp_path):
    main.open_report(CSV)
    screen = main.reports
    assert not screen.preview_button.isVisibleTo(screen)
    recorder.folder = tmp_path / "tables"
    screen.save_button.click()
    wait_done(qtbot, screen)
    names = {p.name for p in (tmp_path / "tables").iterdir()}
    assert {"teacher.csv", "observation.csv", "observation_interval.csv", "pilot.csv"} <= names


def test_a_file_that_cannot_be_written_is_explained(qtbot, main, recorder, tmp_path):
    main.open_report(PORTFOLIO)
    screen = main.reports
    recorder.save_path = tmp_path / "no such folder" / "portfolio.pdf"
    screen.save_button.click()
    wait_done(qtbot, screen)
    ((title, text),) = recorder.errors
    assert title == "The document was not made"
    assert "no such folder" in text


def exported_private_flags(folder) -> list[str]:
    import csv

    with (folder / "note.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["is_private"] for row in rows]


def test_csv_export_leaves_private_notes_out_unless_chosen_with_a_warning(
    qtbot, main, recorder, tmp_path
):
    main.open_report(CSV)
    screen = main.reports
    assert not screen.paper.isVisibleTo(screen)  # no paper size for CSV
    assert screen.include_private.isVisibleTo(screen)
    assert not screen.include_private.isChecked()
    assert not screen.private_warning.isVisibleTo(screen)
    messages = []
    main.events.sig_status_message.connect(messages.append)

    recorder.folder = tmp_path / "shareable"
    screen.save_button.click()
    wait_done(qtbot, screen)
    assert set(exported_private_flags(tmp_path / "shareable")) == {"false"}
    assert messages[-1].endswith("(private notes left out).")

    screen.include_private.setChecked(True)
    assert screen.private_warning.isVisibleTo(screen)
    assert "Private notes will be in note.csv" in screen.private_warning.text()
    recorder.folder = tmp_path / "everything"
    screen.save_button.click()
    wait_done(qtbot, screen)
    assert "true" in exported_private_flags(tmp_path / "everything")


def test_pdf_documents_show_the_paper_and_no_private_choice(qtbot, main):
    main.open_report(PORTFOLIO)
    screen = main.reports
    assert screen.paper.isVisibleTo(screen)
    assert not screen.include_private.isVisibleTo(screen)


def test_csv_export_into_a_folder_of_other_files_makes_a_folder_of_its_own(
    qtbot, main, recorder, tmp_path
):
    (tmp_path / "lesson plan.docx").write_bytes(b"the coach's own file")
    main.open_report(CSV)
    screen = main.reports
    recorder.folder = tmp_path
    screen.save_button.click()
    wait_done(qtbot, screen)
    made = tmp_path / f"Coachbook CSV {TODAY.isoformat()}"
    assert (made / "teacher.csv").exists()
    assert (tmp_path / "lesson plan.docx").read_bytes() == b"the coach's own file"
    assert recorder.errors == []


def first_page_width(screen) -> int:
    return screen.pages_box.itemAt(0).widget().pixmap().width()


def test_the_preview_zooms_by_buttons_and_keys(qtbot, main, demo_store):
    from PySide6.QtCore import Qt

    from app.views.reports.documents import PREVIEW_SCALE

    main.open_report(OBSERVATION, list_observations(demo_store)[0].id)
    screen = main.reports
    screen.preview_button.click()
    wait_done(qtbot, screen)
    room = screen.preview.viewport().width() - 40
    assert first_page_width(screen) == room  # fit width, the default
    assert screen.zoom_text.text().startswith("Fit width (")
    assert not screen.fit_button.isEnabled()

    screen.actual_button.click()
    paper_points = screen._page_images[0].width() / PREVIEW_SCALE
    assert first_page_width(screen) == round(paper_points * screen.logicalDpiX() / 72)
    assert screen.zoom_text.text() == "100%"

    screen.preview.setFocus()
    qtbot.keyClick(screen.preview, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert screen.zoom_text.text() == "125%"
    qtbot.keyClick(screen.preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(screen.preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert screen.zoom_text.text() == "80%"
    assert first_page_width(screen) == round(paper_points * screen.logicalDpiX() / 72 * 0.8)
    screen.zoom_in_button.click()
    assert screen.zoom_text.text() == "100%"

    qtbot.keyClick(screen.preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert screen.zoom_text.text().startswith("Fit width (")
    assert first_page_width(screen) == room


def test_the_tool_report_previews_and_saves_for_the_chosen_tool(
    qtbot, main, demo_store, recorder, tmp_path
):
    rows = list_tools(demo_store, TODAY)
    tool = next(r for r in rows if r.tool.name == "Nearpod")
    main.open_report(TOOL, tool.id)
    screen = main.reports
    assert screen.document_key() == TOOL
    combo = screen.subject.tool
    assert [combo.itemText(i) for i in range(combo.count())] == [r.tool.name for r in rows]
    assert screen.subject.subject(TOOL) == tool.id
    screen.preview_button.click()
    wait_done(qtbot, screen)
    assert screen.page_count() >= 1
    recorder.save_path = tmp_path / "nearpod.pdf"
    screen.save_button.click()
    wait_done(qtbot, screen)
    text = pdf_text(tmp_path / "nearpod.pdf")
    assert "Nearpod" in text
    assert f"{round(tool.semester.utilisation_pct)}%" in text
