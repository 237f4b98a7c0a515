"""Killing `coachbook sync` at any moment leaves the notebook and the district whole: the next
sync finishes the job, with no duplicate and nothing lost."""

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from app.cli import main
from app.services.district.address import parse_address
from app.services.district.records import sync_state, synced_tables
from app.services.district.sync import PAUSE_MARKER_ENV, sync_notebook
from app.store import Store
from tests.district.test_sync import local_rows, server_rows

PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture
def setup(small_demo_template, tmp_path, district_db, capsys):
    notebook = tmp_path / "demo.sqlite3"
    shutil.copy(small_demo_template, notebook)
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    return notebook, capsys.readouterr().out.strip().splitlines()[-1]


def start_sync(notebook: Path, line: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "sync", "--db", str(notebook), "--url", line],
        cwd=PROJECT,
        env=os.environ | (env or {}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def touch_every_row(notebook: Path) -> None:
    """A change to every row, so the next sync has the whole notebook to send again."""
    with Store.open(notebook, backup_on_open=False) as store, store.session() as session:
        for table in synced_tables():
            session.exec(text(f"UPDATE {table} SET updated_at = updated_at"))


def acknowledged(line: str) -> int:
    with psycopg.connect(line) as connection:
        return connection.execute("SELECT acknowledged_sequence FROM coach").fetchone()[0]


def finish_and_compare(notebook: Path, line: str) -> None:
    with Store.open(notebook, backup_on_open=False) as store:
        sync_notebook(store, parse_address(line))
        assert server_rows(line) == local_rows(store)
        assert sync_notebook(store, parse_address(line)).total_sent == 0
        assert acknowledged(line) == sync_state(store).last_sequence


@pytest.mark.parametrize("batch", [1, 2])
def test_a_kill_inside_a_batch_keeps_only_the_batches_before_it(setup, tmp_path, batch):
    notebook, line = setup
    marker = tmp_path / "inside-batch"
    process = start_sync(notebook, line, {PAUSE_MARKER_ENV: f"{batch}:{marker}"})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the sync never paused"
        time.sleep(0.02)
    process.kill()
    process.wait()

    on_server = sum(map(len, server_rows(line).values()))
    assert (on_server == 0) == (batch == 1)
    assert (acknowledged(line) == 0) == (batch == 1)
    finish_and_compare(notebook, line)


def test_twenty_kills_at_random_moments_then_one_more_sync_leave_both_whole(setup):
    notebook, line = setup
    chance = random.Random(14)
    with Store.open(notebook, backup_on_open=False) as store:
        expected_ids = {t: {i for i, _ in rows} for t, rows in local_rows(store).items()}
    for _ in range(20):
        touch_every_row(notebook)
        process = start_sync(notebook, line)
        time.sleep(chance.uniform(0.5, 1.6))
        process.kill()
        process.wait()
        for table, rows in server_rows(line).items():
            assert {i for i, _ in rows} <= expected_ids[table], table
    finish_and_compare(notebook, line)
