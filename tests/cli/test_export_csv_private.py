"""`coachbook export csv` leaves private notes out unless `--include-private` is given."""

import csv
import shutil
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def notebook(small_demo_template, tmp_path) -> Path:
    path = tmp_path / "notebook" / "demo.sqlite3"
    path.parent.mkdir()
    shutil.copy(small_demo_template, path)
    return path


def private_flags(folder: Path) -> set[str]:
    with (folder / "note.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["is_private"] for row in csv.DictReader(handle)}


def test_csv_export_leaves_private_notes_out_by_default(notebook, tmp_path):
    folder = tmp_path / "shareable"

    assert main(["export", "csv", "--out", str(folder), "--db", str(notebook)]) == 0

    assert private_flags(folder) == {"false"}


def test_csv_export_includes_private_notes_when_asked(notebook, tmp_path):
    folder = tmp_path / "everything"

    code = main(["export", "csv", "--out", str(folder), "--include-private", "--db", str(notebook)])

    assert code == 0
    assert private_flags(folder) == {"false", "true"}
