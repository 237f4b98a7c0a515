"""Killing `coachbook import` mid-write leaves all of the roster or none of it, never a part."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.paths import backup_dir_for
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]
ROWS = 20_000
SCHOOLS = 40
# When to kill, as shares of the time an uncut import spends writing (from its backup to
# its exit) on this machine, so the kills land all through the transaction anywhere.
KILL_POINTS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.95)

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


def start_import(roster: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", "teachers", str(roster), "--db", str(db)],
        cwd=PROJECT,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_writing(process: subprocess.Popen, db: Path, timeout: float = 60) -> None:
    """Until the import's pre-write backup exists (the one after the open backup), or it ends.

    `apply_import` backs up and then opens its one transaction, so from here on a kill
    lands before, inside or after that transaction.
    """
    folder = backup_dir_for(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return
        if folder.is_dir() and len(list(folder.glob("*.sqlite3"))) >= 2:
            return
        time.sleep(0.005)
    process.kill()
    pytest.fail("the import never started writing")


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


def test_killed_import_leaves_all_rows_or_none(big_roster, empty_notebook, tmp_path):
    db = fresh_notebook(empty_notebook, tmp_path / "uncut")
    process = start_import(big_roster, db)
    wait_until_writing(process, db)
    writing_started = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    writing_time = time.monotonic() - writing_started
    assert process.returncode == 0, stderr.decode("utf-8", "replace")
    assert counts(db) == (ROWS, SCHOOLS, [])

    outcomes = []
    for run, share in enumerate(KILL_POINTS):
        delay = share * writing_time
        db = fresh_notebook(empty_notebook, tmp_path / f"run{run}")
        process = start_import(big_roster, db)
        wait_until_writing(process, db)
        time.sleep(delay)
        killed = process.poll() is None
        process.kill()
        _, stderr = process.communicate(timeout=30)
        if not killed:
            assert process.returncode == 0, stderr.decode("utf-8", "replace")

        teachers, schools, problems = counts(db)
        where = f"run {run}, killed {delay:.2f} s into writing"
        assert problems == [], f"{where} damaged the notebook: {problems}"
        assert (teachers, schools) in ((0, 0), (ROWS, SCHOOLS)), (
            f"{where} left {teachers} teachers and {schools} schools"
        )
        outcomes.append((round(delay, 2), killed, teachers))

    assert any(killed for _, killed, _ in outcomes), f"no run was killed mid-import: {outcomes}"
