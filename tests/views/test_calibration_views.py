"""Observer calibration in the app, on a copy of the small demo notebook: sharing a lesson's
counts, importing a colleague's recording (good, bad, twice, unpaired), and the comparison,
whose figures must read as the statistics say."""

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services.observations import ObservationStart, add_paper_observation, list_observations
from app.services.observations.agreement import (
    THRESHOLD_PCT,
    calibration_share_words,
    icc_band,
)
from app.services.observations.calibration import (
    calibrated_this_year,
    colleague_recordings,
    compare_recordings,
    from_file,
    read_observation_file,
    recording,
    write_observation_file,
)
from app.services.observations.paper import SweepInput
from app.text import NO_VALUE, percent, percent_against, points
from app.views.common.widgets import TITLE_BAR_ROOM
from app.views.observations import calibration
from app.views.observations.calibration import OPEN_A_FILE
from app.views.observations.comparison import ComparisonDialog
from app.views.shell.main_window import MainWindow
from tests.conftest import TODAY


@pytest.fixture
def main(qtbot, demo_store, recorder):
    win = MainWindow(demo_store, today=lambda: TODAY, is_sample=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("observations")
    return win


@pytest.fixture
def statuses(main) -> list[str]:
    said: list[str] = []
    main.events.sig_status_message.connect(said.append)
    return said


@pytest.fixture
def picks(monkeypatch):
    """Answers ask_pick with the next of `answers` (the option's place), recording each."""

    @dataclass
    class Picks:
        answers: list[int | None] = field(default_factory=list)
        asked: list[tuple[str, list[str]]] = field(default_factory=list)

    picks = Picks()

    def answer(_parent, title, _text, options):
        picks.asked.append((title, options))
        return picks.answers.pop(0)

    monkeypatch.setattr(calibration, "ask_pick", answer)
    return picks


@pytest.fixture
def shown_dialogs(monkeypatch) -> list[ComparisonDialog]:
    """The comparison dialogs the flow opens, kept to look at instead of run."""
    shown: list[ComparisonDialog] = []
    monkeypatch.setattr(calibration, "run_dialog", shown.append)
    return shown


def a_swept_lesson(store):
    """A finished lesson of this school year with at least eight sweeps."""
    return next(
        r
        for r in list_observations(store)
        if r.ended and r.sweeps >= 8 and r.observed_on.year >= TODAY.year - 1
    )


def colleagues_file(store, lesson, tmp_path, name="ben.json", **changes):
    """The lesson as Ben Okafor saw it: one sweep a student off, another two off."""
    own = tmp_path / "own.json"
    write_observation_file(store, lesson.id, own)
    document = json.loads(own.read_text(encoding="utf-8"))
    document["observer"] = "Ben Okafor"
    sweeps = document["sweeps"]
    sweeps[1]["on_task"] = max(sweeps[1]["on_task"] - 1, 0)
    sweeps[3]["on_task"] = max(sweeps[3]["on_task"] - 2, 0)
    document.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def counted(sweep, pct) -> str:
    """ "9 of 15 (60%)", or "0 of 0" with nobody present."""
    return f"{sweep.on_task} of {sweep.present}" + ("" if pct is None else f" ({percent(pct)})")


def open_lesson(main, lesson):
    main.observations.open_observation(lesson.id)
    view = main.observations.view
    assert view.summary is not None and view.summary.observation_id == lesson.id
    return view


def list_shown(main) -> list[tuple]:
    model = main.observations.model
    return [(r.id, r.observed_on, r.sweeps, r.time_on_task_pct) for r in model.rows()]


# ---- Sharing ------------------------------------------------------------------------------


def test_share_writes_the_lessons_counts_to_the_file_chosen(
    main, demo_store, recorder, statuses, tmp_path, monkeypatch
):
    lesson = a_swept_lesson(demo_store)
    view = open_lesson(main, lesson)
    suggested: list[str] = []
    out = tmp_path / "shared"  # no suffix typed: .json is added
    monkeypatch.setattr(
        calibration.dialogs,
        "ask_save_path",
        lambda _p, _caption, name, _filter: suggested.append(name) or out,
    )

    view.calibration.share_button.click()

    written = out.with_name("shared.json")
    contents = read_observation_file(written)
    own = recording(demo_store, lesson.id)
    assert contents.sweeps == own.sweeps
    assert (contents.teacher, contents.observed_on) == (lesson.teacher_name, lesson.observed_on)
    assert suggested == [
        f"{lesson.observed_on.isoformat()} {lesson.teacher_name} {lesson.period}.json".replace(
            "  ", " "
        )
    ]
    assert statuses[-1] == (
        f"Saved {len(own.sweeps)} sweeps of {lesson.teacher_name}'s lesson to shared.json: "
        "counts only, no notes and no students."
    )
    assert recorder.errors == []


def test_the_share_key_shares_the_chosen_observation(main, demo_store, recorder, tmp_path, qtbot):
    lesson = a_swept_lesson(demo_store)
    open_lesson(main, lesson)
    recorder.save_path = tmp_path / "by key.json"
    main.observations.table.setFocus()

    qtbot.keyClick(
        main.observations.table,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    shared = read_observation_file(recorder.save_path)
    assert shared.sweeps == recording(demo_store, lesson.id).sweeps


# ---- Importing ----------------------------------------------------------------------------


def test_importing_pairs_the_recording_with_its_lesson_and_leaves_the_list_alone(
    main, demo_store, recorder, statuses, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    view = open_lesson(main, lesson)
    before = list_shown(main)
    counts_before = main.counts_label.text()
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)

    main.actions_by_name["import_recording"].trigger()

    [row] = colleague_recordings(demo_store)
    assert row.observation_id == lesson.id and row.observer == "Ben Okafor"
    [(title, text)] = recorder.infos
    assert title == "Recording imported"
    assert "paired it with your observation of" in text and "never counted" in text
    assert statuses[-1].startswith("Added Ben Okafor's recording, paired with your observation")
    # The colleague's recording joins no list and no figure of the coach's.
    main.observations.reload()
    assert list_shown(main) == before
    assert main.counts_label.text() == counts_before
    agreement = compare_recordings(recording(demo_store, lesson.id), recording(demo_store, row.id))
    expected = (
        f"Calibrated with Ben Okafor: "
        f"{percent_against(agreement.within_one_pct, THRESHOLD_PCT)} within one student"
    )
    assert view.calibration.headline.text() == expected
    assert view.calibration.headline.isVisible()
    assert "their recording, kept apart from yours" in view.calibration.lines.text()


def test_a_bad_file_says_what_is_wrong_in_one_line_and_stores_nothing(
    main, demo_store, recorder, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    path = colleagues_file(demo_store, lesson, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["sweeps"][2]["on_task"] = document["sweeps"][2]["present"] + 3
    path.write_text(json.dumps(document), encoding="utf-8")
    recorder.open_path = path

    main.observations.import_colleague_recording()

    [(title, text)] = recorder.infos
    assert title == "This recording wasn't imported"
    assert text == (
        f"ben.json, sweep 3: on task ({document['sweeps'][2]['on_task']}) is above present "
        f"({document['sweeps'][2]['present']}). Nothing was added."
    )
    assert "\n" not in text
    assert colleague_recordings(demo_store) == []
    assert recorder.errors == []


def test_importing_the_same_recording_twice_adds_it_once(main, demo_store, recorder, tmp_path):
    lesson = a_swept_lesson(demo_store)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)
    main.observations.import_colleague_recording()

    main.observations.import_colleague_recording()

    assert len(colleague_recordings(demo_store)) == 1
    title, text = recorder.infos[-1]
    assert title == "This recording wasn't imported"
    assert text == "This recording by Ben Okafor is already in the notebook; nothing was added."


def test_a_teacher_not_in_the_notebook_is_named_and_nothing_is_stored(
    main, demo_store, recorder, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path, teacher="Nobody Here")

    main.observations.import_colleague_recording()

    [(_title, text)] = recorder.infos
    assert text.startswith("No teacher called “Nobody Here” is in the notebook")
    assert text.count("Nothing was added") == 1
    assert colleague_recordings(demo_store) == []


def test_a_recording_it_cannot_pair_is_kept_and_compare_pairs_it(
    main, demo_store, recorder, picks, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    # A second lesson of the same teacher that day: the file's period names neither.
    other = add_paper_observation(
        demo_store,
        ObservationStart(lesson.teacher_id, lesson.observed_on, period="Period 7"),
        [SweepInput(20, 24), SweepInput(21, 24)],
        datetime(2026, 11, 25, 12, 0),
    )
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path, period="Block Z")
    picks.answers = [None]

    main.observations.import_colleague_recording()

    [(title, options)] = picks.asked
    assert title == "Which lesson did they observe?"
    assert len(options) == 2
    [row] = colleague_recordings(demo_store)
    assert row.observation_id is None  # Cancel left it unpaired, but kept

    # Compare on the lesson offers it, as a colleague's, and pairs it.
    picks.answers = [0]
    main.observations.open_observation(lesson.id)
    main.observations.calibration.compare(lesson.id)
    offered = picks.asked[-1][1]
    assert offered[0].startswith("Ben Okafor's recording (a colleague's)")
    assert "not paired yet" in offered[0] and offered[-1] == OPEN_A_FILE
    assert colleague_recordings(demo_store)[0].observation_id == lesson.id
    assert other != lesson.id
    [dialog] = shown_dialogs
    assert dialog.second.observer == "Ben Okafor"


def test_a_recording_picked_at_import_is_paired_with_that_lesson(
    main, demo_store, recorder, picks, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    other = add_paper_observation(
        demo_store,
        ObservationStart(lesson.teacher_id, lesson.observed_on, period="Period 7"),
        [SweepInput(20, 24), SweepInput(21, 24)],
        datetime(2026, 11, 25, 12, 0),
    )
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path, period="Block Z")
    lessons_that_day = [
        r.id
        for r in list_observations(demo_store)
        if r.teacher_id == lesson.teacher_id and r.observed_on == lesson.observed_on
    ]
    picks.answers = [lessons_that_day.index(other)]

    main.observations.import_colleague_recording()

    assert colleague_recordings(demo_store)[0].observation_id == other
    assert main.observations.view.summary.observation_id == other


# ---- Comparing ----------------------------------------------------------------------------


def test_the_comparison_shows_the_figures_the_statistics_give(
    main, demo_store, recorder, picks, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    view = open_lesson(main, lesson)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)
    main.observations.import_colleague_recording()
    picks.answers = [0]

    view.calibration.compare_button.click()

    [dialog] = shown_dialogs
    [row] = colleague_recordings(demo_store)
    first, second = recording(demo_store, lesson.id), recording(demo_store, row.id)
    agreement = compare_recordings(first, second)
    n = len(agreement.pairs)
    mean = agreement.mean_abs_difference_pts
    icc = (
        f"{NO_VALUE} ({agreement.icc_words})"
        if agreement.icc is None
        else f"{agreement.icc:.2f} ({icc_band(round(agreement.icc, 2))})"
    )
    assert dialog.figures_text() == {
        "Exact agreement": (
            f"{percent(agreement.exact_pct)} ({agreement.exact_count} of {n} sweeps)"
        ),
        "Within one student": (
            f"{percent_against(agreement.within_one_pct, THRESHOLD_PCT)} "
            f"({agreement.within_one_count} of {n} sweeps)"
        ),
        "Mean difference": f"{mean:.1f} pts",
        "Total-count agreement": percent(agreement.total_count_pct),
        "Intraclass correlation ICC(2,1)": icc,
    }
    # Two sweeps were changed: the figures say so.
    assert agreement.exact_count == n - 2 and agreement.within_one_count == n - 1
    assert dialog.verdict.text() == agreement.verdict
    assert dialog.share.text() == calibration_share_words(*calibrated_this_year(demo_store, TODAY))
    assert "Ben Okafor: a colleague's recording" in dialog.who.text()
    assert not dialog.mismatch.isVisibleTo(dialog)
    model = dialog.pairs_model
    assert model.rowCount() == n
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(n)]
    for pair, shown in zip(agreement.pairs, cells, strict=True):
        difference = pair.difference_pts
        assert shown == [
            str(pair.a.minute),
            counted(pair.a, pair.pct_a),
            counted(pair.b, pair.pct_b),
            NO_VALUE
            if difference is None
            else "same"
            if round(difference, 1) == 0
            else points(difference),
        ]
    assert dialog.unpaired.text() == "Every sweep found its partner at the same mark."


def test_the_dialog_agrees_with_coachbook_agreement(
    main, demo_store, recorder, picks, shown_dialogs, tmp_path, capsys
):
    from app.cli import main as cli

    lesson = a_swept_lesson(demo_store)
    theirs = colleagues_file(demo_store, lesson, tmp_path)
    picks.answers = [None]  # nothing paired yet: only "open a file" would be offered
    recorder.open_path = theirs

    main.observations.calibration.compare(lesson.id)

    [dialog] = shown_dialogs
    assert picks.asked == []  # with nothing imported, the file dialog opens at once
    assert "opened from a file (not added to your notebook)" in dialog.who.text()
    assert colleague_recordings(demo_store) == []
    assert cli(["agreement", str(lesson.id), str(theirs), "--db", str(demo_store.path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    for label in ("Exact agreement", "Mean difference", "Total-count agreement"):
        assert f"{label}: {dialog.figures_text()[label]}" in printed
    icc_line = next(line for line in printed if line.startswith("Intraclass correlation"))
    assert icc_line.endswith(dialog.figures_text()["Intraclass correlation ICC(2,1)"])
    assert dialog.verdict.text() in printed


def test_unpaired_sweeps_are_listed_and_a_few_pairs_are_not_enough_for_the_icc(
    main, demo_store, recorder, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    path = colleagues_file(demo_store, lesson, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    kept = document["sweeps"][:3]
    last = kept[-1]["minute"]
    kept.append({"minute": last + 60, "on_task": 5, "present": 6, "format": None})
    document["sweeps"] = kept
    path.write_text(json.dumps(document), encoding="utf-8")
    recorder.open_path = path

    main.observations.calibration.compare(lesson.id)

    [dialog] = shown_dialogs
    first = recording(demo_store, lesson.id)
    agreement = compare_recordings(first, from_file(read_observation_file(path)))
    assert dialog.figures_text()["Intraclass correlation ICC(2,1)"] == (
        f"{NO_VALUE} (not enough sweeps)"
    )
    lines = dialog.unpaired.text().splitlines()
    assert f"Not paired: Ben Okafor's sweep at minute {last + 60} (5 of 6)" in lines
    assert len(lines) == len(agreement.unpaired_a) + len(agreement.unpaired_b)
    assert (
        sum(line.startswith(f"Not paired: {first.observer}'s") for line in lines)
        == len(first.sweeps) - 3
    )


def test_a_bad_file_to_compare_is_refused_calmly(
    main, demo_store, recorder, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    path = tmp_path / "notes.json"
    path.write_text('{"format": "something-else/2"}', encoding="utf-8")
    recorder.open_path = path

    assert main.observations.calibration.compare(lesson.id) is None

    assert shown_dialogs == []
    [(title, text)] = recorder.infos
    assert title == "This file can't be compared"
    assert "Coachbook reads “coachbook-observation/1”" in text


SMALL_SCREEN = textwrap.dedent(
    """
    import json, sys, uuid
    from pathlib import Path
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from app.services.observations.calibration import (
        compare_recordings, from_file, read_observation_file, recording)
    from app.store import Store
    from app.views.common.context import ScreenContext
    from app.views.observations.comparison import ComparisonDialog

    store = Store.open(Path(sys.argv[1]), backup_on_open=False)
    first = recording(store, uuid.UUID(sys.argv[2]))
    second = from_file(read_observation_file(Path(sys.argv[3])))
    dialog = ComparisonDialog(
        ScreenContext(store), first, second, compare_recordings(first, second), "share")
    dialog.show()
    for _ in range(5):
        app.processEvents()
    buttons = [dialog.export_button, dialog.buttons.buttons()[0]]
    inside = all(
        dialog.rect().contains(QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())) for b in buttons)
    screen = dialog.screen().availableGeometry()
    print(json.dumps({"height": dialog.height(), "width": dialog.width(),
                      "screen": [screen.width(), screen.height()], "buttons": inside}))
    """
)


def test_the_comparison_fits_a_1024_by_600_screen(demo_store, tmp_path):
    lesson = a_swept_lesson(demo_store)
    theirs = colleagues_file(demo_store, lesson, tmp_path)
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 1024, "height": 600}]})
    )
    result = subprocess.run(
        [sys.executable, "-c", SMALL_SCREEN, str(demo_store.path), str(lesson.id), str(theirs)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env=dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [1024, 600]
    assert shown["height"] <= 600 - TITLE_BAR_ROOM  # scrolls inside, never past the screen
    assert shown["width"] <= 1024
    assert shown["buttons"]


def test_export_writes_the_calibration_report(
    qtbot, main, demo_store, recorder, shown_dialogs, statuses, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)
    main.observations.calibration.compare(lesson.id)
    [dialog] = shown_dialogs
    recorder.save_path = tmp_path / "calibration"

    dialog.export_button.click()

    pdf = tmp_path / "calibration.pdf"
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=20000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert recorder.errors == []
    assert statuses[-1] == f"Saved the calibration report to {pdf}."


def test_removing_a_colleagues_recording_takes_it_out_and_the_line_goes(
    main, demo_store, recorder, picks, shown_dialogs, statuses, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    view = open_lesson(main, lesson)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)
    main.observations.import_colleague_recording()
    assert view.calibration.headline.isVisibleTo(view)
    picks.answers = [0]
    main.observations.calibration.compare(lesson.id)
    [dialog] = shown_dialogs
    assert dialog.remove_button.isVisibleTo(dialog)

    dialog.remove_button.click()

    assert recorder.confirms == ["Remove Ben Okafor's recording?"]
    assert colleague_recordings(demo_store) == []
    assert statuses[-1] == "Removed Ben Okafor's recording."
    assert not view.calibration.headline.isVisibleTo(view)
    assert view.calibration.lines.text().startswith("Not calibrated yet.")


def test_a_file_opened_to_compare_offers_no_removal(
    main, demo_store, recorder, shown_dialogs, tmp_path
):
    lesson = a_swept_lesson(demo_store)
    recorder.open_path = colleagues_file(demo_store, lesson, tmp_path)

    main.observations.calibration.compare(lesson.id)

    [dialog] = shown_dialogs
    assert not dialog.remove_button.isVisibleTo(dialog)
