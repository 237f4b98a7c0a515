"""`coachbook import teachers FILE.csv`, run as the real command in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def coachbook(*args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def import_teachers(csv: Path, db: Path) -> subprocess.CompletedProcess:
    return coachbook("import", "teachers", str(csv), "--db", str(db))


def teachers_in(db: Path) -> list[dict]:
    listed = coachbook("list", "teachers", "--json", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


def test_cli_import_prints_counts_and_exits_0(tmp_path, db_path):
    csv = tmp_path / "roster.csv"
    csv.write_text("Name,School,Grade\nAna Díaz,Lincoln,K-2\nBen Okafor,Lincoln,5\n")

    done = import_teachers(csv, db_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Read roster.csv: Coachbook CSV (roster.csv).\n"
        "Imported teachers: 2 added, 0 updated, 0 unchanged.\n"
    )
    assert done.stderr == ""
    assert sorted(t["name"] for t in teachers_in(db_path)) == ["Ana Díaz", "Ben Okafor"]


def test_cli_reimport_updates_instead_of_adding(tmp_path, db_path):
    csv = tmp_path / "roster.csv"
    csv.write_text("Name,School\nAna Díaz,Lincoln\nBen Okafor,Lincoln\n")
    import_teachers(csv, db_path)
    csv.write_text("Name,School,Room\nAna Díaz,Lincoln,12\nBen Okafor,Lincoln,\n")

    again = import_teachers(csv, db_path)

    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "Imported teachers: 0 added, 1 updated, 1 unchanged."
    assert len(teachers_in(db_path)) == 2


def test_cli_import_names_bad_rows_on_stderr_and_exits_1(tmp_path, db_path):
    csv = tmp_path / "roster.csv"
    csv.write_text("Name,School,Email\nAna,Lincoln,ana@x.org\n,Lincoln,\nBen,Lincoln,ben@\n")

    done = import_teachers(csv, db_path)

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "coachbook: Nothing was imported: 2 rows have problems. Fix them and import again.",
        "  line 3: the Name is empty; fill it in or delete the line.",
        "  line 4: the Email “ben@” is not an email address like name@school.org.",
    ]
    assert teachers_in(db_path) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "gone.csv", "“gone.csv” was not found: check the file's name and folder."),
        (
            lambda d: _file(d / "x.csv", b""),
            "“x.csv” is empty: export the roster again from your spreadsheet as CSV.",
        ),
        (
            lambda d: _file(d / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "“logo.png” is not a CSV file (it holds something else, like a picture): "
            "export the roster from your spreadsheet as CSV and import that file.",
        ),
        (
            lambda d: _folder(d / "rosters"),
            "“rosters” holds no CSV files: choose the folder your rostering system exported "
            "(with users.csv or teachers.csv in it), or the roster CSV file itself.",
        ),
        (
            lambda d: _file(d / "x.csv", b"Colour,Size\nred,3\n"),
            "The file has no Name column (nor First name and Last name columns); the first "
            "line should name the columns, e.g. Name, School, Grade, Subject, Room, Email.",
        ),
        (
            lambda d: _file(d / "x.csv", b"Name,School\n"),
            "“x.csv” names its columns but has no teachers: add one teacher per line "
            "under the first line and import again.",
        ),
    ],
    ids=["missing", "empty", "binary", "folder", "no-name-column", "header-only"],
)
def test_cli_import_of_a_file_that_is_not_a_roster_prints_one_line(
    tmp_path, db_path, make, message
):
    done = import_teachers(make(tmp_path), db_path)

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"coachbook: {message}\n"


def test_cli_import_stores_hostile_text_exactly(tmp_path, db_path):
    names = ["<b>Ms. O'Neil & co</b>", "Nguyễn Thị Hương", "王老师", "Mr. Ahmed 🍎"]
    csv = tmp_path / "roster.csv"
    rows = "".join(f'"{name}",Trường Tiểu học,"{name} ✏️ <i>notes</i>"\n' for name in names)
    csv.write_text("Name,School,Notes\n" + rows, encoding="utf-8")

    done = import_teachers(csv, db_path)

    assert done.returncode == 0, done.stderr
    stored = {t["name"]: (t["school"], t["notes"]) for t in teachers_in(db_path)}
    assert stored == {n: ("Trường Tiểu học", f"{n} ✏️ <i>notes</i>") for n in names}


def test_cli_import_never_prints_a_traceback(tmp_path, db_path):
    csv = tmp_path / "roster.csv"
    csv.write_bytes('Name;Notes\nAna;"never closed\nBen;x\n'.encode("cp1252"))

    done = import_teachers(csv, db_path)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("coachbook: Line 2 of “roster.csv” opens a quote")
    assert len(done.stderr.splitlines()) == 1


def _file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path
