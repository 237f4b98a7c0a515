"""Observer calibration from the command line: the observation file out and in, every bad
file refused in one line with nothing stored, and `coachbook agreement`."""

import json
import shutil

import pytest
from sqlmodel import func, select

from app.cli import main
from app.models import ColleagueRecording, ColleagueSweep, Note, Observation, ObservationInterval
from app.services.observations import time_on_task_trend
from app.store import Store


@pytest.fixture
def notebook(small_demo_template, tmp_path):
    path = tmp_path / "coach.sqlite3"
    shutil.copy(small_demo_template, path)
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def a_swept_lesson(path) -> Observation:
    """A finished lesson with several sweeps and a note, private or not."""
    with Store.open(path, backup_on_open=False) as store, store.session() as session:
        counts = dict(
            session.exec(
                select(ObservationInterval.observation_id, func.count())
                .where(ObservationInterval.deleted_at.is_(None))
                .group_by(ObservationInterval.observation_id)
            ).all()
        )
        with_notes = set(session.exec(select(Note.observation_id)).all())
        lessons = session.exec(select(Observation).order_by(Observation.observed_on)).all()
        return next(o for o in lessons if counts.get(o.id, 0) >= 6 and o.id in with_notes)


def exported(capsys, path, tmp_path) -> tuple[Observation, dict, object]:
    lesson = a_swept_lesson(path)
    out = tmp_path / "lesson.json"
    code, said, _ = run(
        capsys,
        "export",
        "observation-data",
        "--id",
        str(lesson.id),
        "--out",
        str(out),
        "--db",
        str(path),
    )
    assert code == 0 and "counts only" in said
    return lesson, json.loads(out.read_text(encoding="utf-8")), out


def stored_recordings(path) -> tuple[int, int]:
    with Store.open(path, backup_on_open=False) as store, store.session() as session:
        recordings = session.exec(select(func.count()).select_from(ColleagueRecording)).one()
        sweeps = session.exec(select(func.count()).select_from(ColleagueSweep)).one()
    return recordings, sweeps


def test_the_file_carries_counts_only(capsys, notebook, tmp_path):
    lesson, document, out = exported(capsys, notebook, tmp_path)

    assert document["format"] == "coachbook-observation/1"
    assert set(document) == {
        "format",
        "observer",
        "teacher",
        "date",
        "period",
        "interval_minutes",
        "sweeps",
    }
    assert document["date"] == lesson.observed_on.isoformat()
    assert document["interval_minutes"] == lesson.interval_minutes
    for sweep in document["sweeps"]:
        assert set(sweep) == {"minute", "on_task", "present", "format"}
    with Store.open(notebook, backup_on_open=False) as store, store.session() as session:
        notes = session.exec(select(Note.body).where(Note.observation_id == lesson.id)).all()
        sweep_notes = session.exec(
            select(ObservationInterval.note).where(
                ObservationInterval.observation_id == lesson.id, ObservationInterval.note != ""
            )
        ).all()
        live = session.exec(
            select(ObservationInterval.on_task, ObservationInterval.present)
            .where(
                ObservationInterval.observation_id == lesson.id,
                ObservationInterval.deleted_at.is_(None),
            )
            .order_by(ObservationInterval.index)
        ).all()
    text = out.read_text(encoding="utf-8")
    assert notes and all(body not in text for body in notes)
    assert all(note not in text for note in sweep_notes)
    assert [(s["on_task"], s["present"]) for s in document["sweeps"]] == [tuple(r) for r in live]


def test_an_imported_recording_is_paired_and_never_counted_as_the_coachs_own(
    capsys, notebook, tmp_path
):
    lesson, document, _ = exported(capsys, notebook, tmp_path)
    document["observer"] = "Ben Okafor"
    document["sweeps"][1]["on_task"] -= 1
    theirs = tmp_path / "ben.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")
    _, before, _ = run(capsys, "list", "observations", "--json", "--db", str(notebook))
    with Store.open(notebook, backup_on_open=False) as store:
        trend_before = time_on_task_trend(store, lesson.teacher_id)

    code, said, _ = run(
        capsys, "import", "observation-data", str(theirs), "--json", "--db", str(notebook)
    )
    assert code == 0
    summary = json.loads(said)
    assert summary["paired_with_observation"] == str(lesson.id)
    assert summary["sweeps"] == len(document["sweeps"])
    assert stored_recordings(notebook) == (1, len(document["sweeps"]))

    _, after, _ = run(capsys, "list", "observations", "--json", "--db", str(notebook))
    assert json.loads(after) == json.loads(before)
    with Store.open(notebook, backup_on_open=False) as store:
        assert time_on_task_trend(store, lesson.teacher_id) == trend_before

    code, _, err = run(capsys, "import", "observation-data", str(theirs), "--db", str(notebook))
    assert code == 1 and "already in the notebook" in err
    assert stored_recordings(notebook) == (1, len(document["sweeps"]))


GOOD = {
    "format": "coachbook-observation/1",
    "observer": "Ben Okafor",
    "teacher": "Alejandro Ruiz",
    "date": "2026-09-04",
    "period": "Period 3",
    "interval_minutes": 5,
    "sweeps": [
        {"minute": 0, "on_task": 20, "present": 24, "format": "whole_group"},
        {"minute": 5, "on_task": 21, "present": 24, "format": None},
    ],
}


def changed(**changes) -> dict:
    document = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is KeyError:
            document.pop(key)
        else:
            document[key] = value
    return document


def sweeps_with(index: int, **values) -> list[dict]:
    sweeps = json.loads(json.dumps(GOOD["sweeps"]))
    sweeps[index].update(values)
    return sweeps


BAD_FILES = {
    "unknown format": (changed(format="coachbook-observation/9"), "coachbook-observation/9"),
    "no format": (changed(format=KeyError), "has no format"),
    "on task above present": (
        changed(sweeps=sweeps_with(1, on_task=25)),
        "sweep 2: on task (25) is above present (24)",
    ),
    "minutes not increasing": (
        changed(sweeps=sweeps_with(1, minute=0)),
        "minute 0 does not come after minute 0",
    ),
    "negative count": (changed(sweeps=sweeps_with(0, present=-1)), "“present” should be"),
    "count as text": (changed(sweeps=sweeps_with(0, on_task="20")), "“on_task” should be"),
    "count as true": (changed(sweeps=sweeps_with(0, on_task=True)), "“on_task” should be"),
    "unknown activity format": (
        changed(sweeps=sweeps_with(0, format="outdoors")),
        'format "outdoors" is not one of',
    ),
    "no sweeps": (changed(sweeps=[]), "at least one sweep"),
    "bad date": (changed(date="4/9/2026"), "YYYY-MM-DD"),
    "bad interval": (changed(interval_minutes=0), "interval_minutes"),
    "no teacher": (changed(teacher=""), "“teacher” should be"),
    "unknown teacher": (changed(teacher="Nobody Atall"), "No teacher called “Nobody Atall”"),
    "a list, not an object": ([GOOD], "one JSON object"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_every_bad_file_is_refused_in_one_line_and_nothing_is_stored(
    case, capsys, notebook, tmp_path
):
    document, expected = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")

    code, _, err = run(capsys, "import", "observation-data", str(bad), "--db", str(notebook))

    assert code == 1
    assert expected in err
    assert err.count("\n") == 1, "one line"
    assert stored_recordings(notebook) == (0, 0)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON (line 1"),
        (b"\xff\xfe\x00binary", "not text (UTF-8)"),
        (b" " * 1_000_001, "over 1 MB"),
    ],
)
def test_files_that_are_not_observation_files_are_refused(
    content, expected, capsys, notebook, tmp_path
):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = run(capsys, "import", "observation-data", str(bad), "--db", str(notebook))
    assert code == 1 and expected in err and err.count("\n") == 1
    assert stored_recordings(notebook) == (0, 0)


def test_agreement_compares_files_and_ids_and_prints_every_figure(capsys, notebook, tmp_path):
    lesson, document, mine = exported(capsys, notebook, tmp_path)
    document["observer"] = "Ben Okafor"
    document["sweeps"][2]["on_task"] -= 1
    document["sweeps"].append(
        {
            "minute": document["sweeps"][-1]["minute"] + 5,
            "on_task": 3,
            "present": 20,
            "format": None,
        }
    )
    theirs = tmp_path / "ben.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")

    code, said, _ = run(
        capsys, "agreement", str(lesson.id)[:8], str(theirs), "--json", "--db", str(notebook)
    )
    assert code == 0
    figures = json.loads(said)
    pairs = len(document["sweeps"]) - 1
    assert len(figures["pairs"]) == pairs
    assert figures["unpaired_b"] == [document["sweeps"][-1]]
    assert figures["exact_agreement_pct"] == pytest.approx(100 * (pairs - 1) / pairs)
    assert figures["within_one_student_pct"] == 100
    for name in (
        "mean_absolute_difference_pts",
        "total_count_agreement_pct",
        "icc_2_1",
        "icc_words",
        "meets_threshold",
        "verdict",
        "calibration_share",
    ):
        assert name in figures
    assert figures["meets_threshold"] is True

    code, said, _ = run(capsys, "agreement", str(mine), str(theirs), "--db", str(notebook))
    assert code == 0
    assert "Exact agreement:" in said and "Unpaired: B's sweep at minute" in said
    assert "within one student" in said

    code, _, err = run(capsys, "agreement", "nothing-like-this", str(theirs), "--db", str(notebook))
    assert code == 1 and "neither an observation file nor the id" in err


def test_the_calibration_report_is_one_page_with_the_same_figures(capsys, notebook, tmp_path):
    from pypdf import PdfReader

    from app.text import percent

    lesson, document, _ = exported(capsys, notebook, tmp_path)
    document["observer"] = "Ben Okafor"
    document["sweeps"][0]["on_task"] = max(0, document["sweeps"][0]["on_task"] - 3)
    document["sweeps"].append(
        {"minute": document["sweeps"][-1]["minute"] + 5, "on_task": 1, "present": 2, "format": None}
    )
    theirs = tmp_path / "ben.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "calibration.pdf"

    code, said, _ = run(
        capsys,
        "agreement",
        str(lesson.id),
        str(theirs),
        "--json",
        "--out",
        str(out),
        "--db",
        str(notebook),
    )
    assert code == 0
    figures = json.loads(said)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Observer calibration" in text and "Ben Okafor" in text
    assert figures["verdict"].split(":")[0] in text
    for name in ("within_one_student_pct", "exact_agreement_pct", "total_count_agreement_pct"):
        assert percent(figures[name]) in text, name
    assert f"{figures['mean_absolute_difference_pts']:.1f} pts" in text
    pairs = len(figures["pairs"])
    assert f"Within one student: {sum(p['within_one'] for p in figures['pairs'])}/{pairs}" in text
    assert text.count("not paired") == 1
    assert "A planned activity check" in text


def test_the_observation_report_and_the_portfolio_say_a_lesson_was_calibrated(
    capsys, notebook, tmp_path
):
    from pypdf import PdfReader

    lesson, document, _ = exported(capsys, notebook, tmp_path)
    document["observer"] = "Ben Okafor"
    theirs = tmp_path / "ben.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")
    report, portfolio = tmp_path / "lesson.pdf", tmp_path / "portfolio.pdf"

    def texts():
        for args in (
            ("export", "observation", "--id", str(lesson.id), "--out", str(report)),
            ("export", "portfolio", "--out", str(portfolio)),
        ):
            assert run(capsys, *args, "--db", str(notebook))[0] == 0
        return [
            " ".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", " ")
            for path in (report, portfolio)
        ]

    lesson_text, portfolio_text = texts()
    assert "Observer calibration" not in lesson_text
    assert "calibrated with a second observer" not in portfolio_text

    assert run(capsys, "import", "observation-data", str(theirs), "--db", str(notebook))[0] == 0
    lesson_text, portfolio_text = texts()
    sweeps = len(document["sweeps"])
    assert (
        f"Calibrated with Ben Okafor: {sweeps} of {sweeps} sweeps (100%) within one student"
        in lesson_text
    )
    assert "1 of " in portfolio_text and "calibrated with a second observer" in portfolio_text
    assert "on average 100% of their sweeps agreed within one student" in portfolio_text
