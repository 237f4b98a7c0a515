"""`coachbook export …`: each document, clear one-line errors, and the exit codes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def notebook(small_demo_template, tmp_path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(small_demo_template, path)
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("coachbook: ")
    return lines[0]


def listed(notebook: Path, kind: str) -> list[dict]:
    done = run("list", kind, "--json", "--db", str(notebook))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_document_exports_from_the_command_line(notebook, tmp_path):
    teacher = listed(notebook, "cycles")[0]["teacher_id"]
    observation = listed(notebook, "observations")[0]["id"]
    pilot = listed(notebook, "pilots")[0]["id"]
    commands = {
        "teacher.pdf": ["teacher-report", "--teacher", teacher],
        "observation.pdf": ["observation", "--id", observation],
        "pilot.pdf": ["pilot", "--id", pilot[:8]],  # a unique start of the id will do
        "portfolio.pdf": ["portfolio", "--year", "2026-2027"],
    }
    for name, command in commands.items():
        out = tmp_path / name
        done = run("export", *command, "--out", str(out), "--db", str(notebook))
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        assert f"to {out}" in done.stdout
        pages = len(PdfReader(out).pages)
        assert f"({pages} page" in done.stdout


def test_teacher_found_by_name_without_accents(notebook, tmp_path, capsys):
    out = tmp_path / "t.pdf"
    code = main(
        [
            "export",
            "teacher-report",
            "--teacher",
            "lan nguyen",
            "--out",
            str(out),
            "--db",
            str(notebook),
        ]
    )
    assert code == 0
    assert "the coaching report for Lan Nguyễn" in capsys.readouterr().out
    assert out.stat().st_size > 1000


def test_unknown_teacher_is_one_clear_line(notebook, tmp_path, capsys):
    out = tmp_path / "t.pdf"
    code = main(
        [
            "export",
            "teacher-report",
            "--teacher",
            "Nobody Here",
            "--out",
            str(out),
            "--db",
            str(notebook),
        ]
    )
    assert code == 1
    line = one_error_line(capsys)
    assert "No teacher called “Nobody Here”" in line
    assert not out.exists()


def test_an_ambiguous_name_lists_the_matches(db_path, tmp_path, capsys):
    with Store.open(db_path, backup_on_open=False) as store:
        first = save_teacher(store, TeacherForm(name="Sam Lee", school="Oak")).id
        second = save_teacher(store, TeacherForm(name="sam lee", school="Elm")).id
    out = tmp_path / "t.pdf"
    code = main(
        [
            "export",
            "teacher-report",
            "--teacher",
            "Sam Lee",
            "--out",
            str(out),
            "--db",
            str(db_path),
        ]
    )
    assert code == 1
    line = one_error_line(capsys)
    assert "2 teachers are called “Sam Lee”" in line
    assert str(first) in line and str(second) in line
    assert "Give the full name, or the id" in line


def test_unknown_observation_and_pilot_ids(notebook, tmp_path, capsys):
    out = str(tmp_path / "x.pdf")
    assert main(["export", "observation", "--id", "nope", "--out", out, "--db", str(notebook)]) == 1
    assert "No observation has the id “nope”" in one_error_line(capsys)
    missing = "00000000-0000-0000-0000-000000000000"
    assert main(["export", "pilot", "--id", missing, "--out", out, "--db", str(notebook)]) == 1
    assert "coachbook list pilots shows the ids" in one_error_line(capsys)


def test_a_bad_school_year_is_a_usage_error(notebook, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "export",
                "portfolio",
                "--year",
                "26-27",
                "--out",
                str(tmp_path / "p.pdf"),
                "--db",
                str(notebook),
            ]
        )
    assert exit_info.value.code == 2
    assert "write it like 2025-2026 (or 2026)" in capsys.readouterr().err


def test_a_school_year_named_by_its_first_year_is_named_as_the_coach_names_it(notebook, tmp_path):
    out = tmp_path / "p.pdf"
    assert (
        main(["export", "portfolio", "--year", "2026", "--out", str(out), "--db", str(notebook)])
        == 0
    )
    first_page = PdfReader(out).pages[0].extract_text()
    assert "2026-2027" in first_page


def test_missing_out_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "portfolio"])
    assert exit_info.value.code == 2


def test_an_unwritable_place_says_what_to_do(notebook, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "p.pdf"
    code = main(["export", "portfolio", "--out", str(out), "--db", str(notebook)])
    assert code == 1
    assert "does not exist. Create it first, or choose another folder." in one_error_line(capsys)
    code = main(["export", "portfolio", "--out", str(tmp_path), "--db", str(notebook)])
    assert code == 1
    assert "is a folder. Give a file name in it" in one_error_line(capsys)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_full_disk_is_one_clear_line(notebook, tmp_path, capsys, monkeypatch):
    from app.reports import writing

    def full_disk_temp(dir, prefix, suffix):
        # /dev/full takes the bytes and answers "no space left", as a full disk does.
        return os.open("/dev/full", os.O_WRONLY), str(Path(dir) / f"{prefix}x{suffix}")

    monkeypatch.setattr(writing.tempfile, "mkstemp", full_disk_temp)
    out = tmp_path / "p.pdf"
    out.write_bytes(b"earlier")
    code = main(["export", "portfolio", "--out", str(out), "--db", str(notebook)])
    assert code == 1
    assert "The disk is full, so p.pdf was not written. Free some space" in one_error_line(capsys)
    assert out.read_bytes() == b"earlier"


def test_csv_export_writes_a_file_per_table(notebook, tmp_path, capsys):
    folder = tmp_path / "spreadsheets"
    code = main(["export", "csv", "--out", str(folder), "--db", str(notebook)])
    assert code == 0
    assert "Wrote 28 CSV files (one per table)" in capsys.readouterr().out
    assert (folder / "teacher.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_export_onto_a_file_is_refused(notebook, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code = main(["export", "csv", "--out", str(blocker), "--db", str(notebook)])
    assert code == 1
    assert "is a file, not a folder" in one_error_line(capsys)
