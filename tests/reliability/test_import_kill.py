"""Killing `coachbook import` mid-write leaves all of the roster or none of it, never a part."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.services.roster import PAUSE_MARKER_ENV
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]
ROWS = 20_000
SCHOOLS = 40

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "district.csv"
    lines = ["Name,School,Grade,Subject,Room,Email,Years,Notes"]
    lines += [
        f"Teacher {i},School {i % SCHOOLS},{i % 12 + 1},Science,{i},t{i}@district.org,"
        f'{i % 30},"Cohort {i % 7}, ""pilot"" group"'
        for i in range(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def empty_notebook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "notebook.sqlite3"
    Store.open(path, backup_on_open=False).close()
    return path


def start_import(roster: Path, db: Path, pause_marker: Path | None = None) -> subprocess.Popen:
    env = os.environ | {"PYTHONIOENCODING": "utf-8"}
    if pause_marker is not None:
        env[PAUSE_MARKER_ENV] = str(pause_marker)
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", "teachers", str(roster), "--db", str(db)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for_pause(process: subprocess.Popen, marker: Path, timeout: float = 60) -> None:
    """Until the import has written every row inside its transaction and paused there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists():
            return
        if process.poll() is not None:
            _, stderr = process.communicate()
            pytest.fail(f"the import ended before it paused: {stderr.decode('utf-8', 'replace')}")
        time.sleep(0.005)
    process.kill()
    pytest.fail("the import never reached its pause inside the transaction")


def counts(db: Path) -> tuple[int, int, list[str]]:
    """Teachers and schools in the notebook, and what the integrity check reports."""
    with Store.open(db, backup_on_open=False) as store:
        with store.engine.connect() as conn:
            teachers = conn.execute(text("SELECT count(*) FROM teacher")).scalar_one()
            schools = conn.execute(text("SELECT count(*) FROM school")).scalar_one()
        return teachers, schools, store.integrity_problems()


def fresh_notebook(template: Path, folder: Path) -> Path:
    folder.mkdir()
    return Path(shutil.copy(template, folder / "notebook.sqlite3"))


def test_an_uncut_import_writes_every_row(big_roster, empty_notebook, tmp_path):
    db = fresh_notebook(empty_notebook, tmp_path / "uncut")
    process = start_import(big_roster, db)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode("utf-8", "replace")
    assert counts(db) == (ROWS, SCHOOLS, [])


def test_an_import_killed_inside_its_transaction_leaves_no_rows(
    big_roster, empty_notebook, tmp_path
):
    db = fresh_notebook(empty_notebook, tmp_path / "killed")
    marker = tmp_path / "paused"
    process = start_import(big_roster, db, marker)
    wait_for_pause(process, marker)
    assert process.poll() is None, "the import was no longer running at its pause"
    process.kill()
    process.communicate(timeout=30)
    assert counts(db) == (0, 0, [])

    # The notebook takes the same import whole afterwards.
    process = start_import(big_roster, db)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode("utf-8", "replace")
    assert counts(db) == (ROWS, SCHOOLS, [])


def test_an_import_let_go_from_its_pause_commits_every_row(big_roster, empty_notebook, tmp_path):
    db = fresh_notebook(empty_notebook, tmp_path / "released")
    marker = tmp_path / "paused"
    process = start_import(big_roster, db, marker)
    wait_for_pause(process, marker)
    marker.unlink()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr.decode("utf-8", "replace")
    assert counts(db) == (ROWS, SCHOOLS, [])
