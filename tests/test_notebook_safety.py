"""Never lose a notebook: full disks, quiet damage, empty files, leftovers (issue 11)."""

import os
import shutil
import sqlite3
import threading
import time
from datetime import datetime, timedelta

import pytest
from notebook_damage import add_teachers, damage_quietly, fill_disk, fingerprint
from sqlmodel import func, select

from app import backups
from app.cli import main
from app.models import Teacher
from app.services.teachers import list_teachers
from app.store import (
    DamagedNotebook,
    NotebookUnreadable,
    SaveFailed,
    Store,
    recover_notebook,
    restore_latest_good,
)


def notebook_with_a_backup(path, teachers: int = 20) -> backups.BackupInfo:
    with Store.open(path, backup_on_open=False) as store:
        add_teachers(store, teachers)
        store.backup()
    [taken] = backups.list_backups(path)
    return taken


def names_in(path) -> list[str]:
    conn = sqlite3.connect(backups.sqlite_uri(path, mode="ro"), uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM teacher ORDER BY name")]
    finally:
        conn.close()


# ---- quiet damage ------------------------------------------------------------------------


def test_quiet_damage_passes_the_quick_check_but_never_joins_the_backups(db_path):
    good = notebook_with_a_backup(db_path)
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 1, prefix="Added later")
    damage_quietly(db_path)

    with pytest.raises(DamagedNotebook, match="damaged"):
        Store.open(db_path)  # changed since the backup, so it backs up: the copy fails its check
    assert [b.path for b in backups.list_backups(db_path)] == [good.path]
    assert not list(backups.backup_dir_for(db_path).glob(".*"))


def test_damage_found_after_opening_stops_every_write(db_path):
    notebook_with_a_backup(db_path)
    damage_quietly(db_path)
    with Store.open(db_path, backup_on_open=False) as store:
        check = store.check_after_open()
        assert check.problems
        with pytest.raises(SaveFailed, match="nothing more is written"), store.session() as s:
            s.add(Teacher(name="Never written"))
        with store.session() as s:
            assert s.exec(select(func.count()).select_from(Teacher)).one() == 20


def test_check_and_import_refuse_a_quietly_damaged_notebook(db_path, tmp_path, capsys):
    notebook_with_a_backup(db_path)
    damage_quietly(db_path)
    before = fingerprint(db_path)
    assert main(["--db", str(db_path), "check"]) == 1
    assert "is damaged" in capsys.readouterr().err
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,School\nNew Teacher,Pinecrest\n", encoding="utf-8")
    assert main(["--db", str(db_path), "import", "teachers", str(roster)]) == 1
    error = capsys.readouterr().err
    assert "damaged" in error and "backup" in error
    assert fingerprint(db_path) == before


def test_restoring_the_latest_good_backup_skips_a_damaged_one(db_path):
    good = notebook_with_a_backup(db_path)
    # A damaged copy slipped into the rotation from an older Coachbook.
    bad = good.path.with_name(
        f"{db_path.stem}-{datetime.now() + timedelta(hours=1):%Y%m%d-%H%M%S}.sqlite3"
    )
    shutil.copy(good.path, bad)
    damage_quietly(bad)
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 3, prefix="Since")
        restored, used = restore_latest_good(store)
    try:
        assert used.path == good.path
        assert len(list_teachers(restored)) == 20
    finally:
        restored.close()


# ---- an empty file where a notebook was ------------------------------------------------


def test_an_empty_file_with_backups_beside_it_is_damage_not_a_new_notebook(
    db_path, tmp_path, capsys
):
    notebook_with_a_backup(db_path)
    db_path.write_bytes(b"")
    for side in ("-wal", "-shm"):
        (db_path.parent / f"{db_path.name}{side}").unlink(missing_ok=True)
    taken = backups.list_backups(db_path)

    with pytest.raises(DamagedNotebook, match="empty"):
        Store.open(db_path)
    assert main(["--db", str(db_path), "check"]) == 1
    assert "empty" in capsys.readouterr().err
    roster = tmp_path / "roster.csv"
    roster.write_text("Name\nNew Teacher\n", encoding="utf-8")
    assert main(["--db", str(db_path), "import", "teachers", str(roster)]) == 1
    assert db_path.stat().st_size == 0
    assert backups.list_backups(db_path) == taken


def test_empty_backups_never_push_out_the_last_one_with_records(db_path):
    start = datetime(2026, 9, 1, 8, 0)
    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 5)
    full = backups.take_backup(db_path, now=start)
    with Store.open(db_path, backup_on_open=False) as store, store.session() as s:
        s.exec(Teacher.__table__.delete())
    for hour in range(1, 80):
        backups.take_backup(db_path, now=start + timedelta(hours=hour))
    kept = [b.path for b in backups.list_backups(db_path)]
    assert full in kept
    assert len(kept) < 80


def test_an_empty_file_without_backups_is_still_a_new_notebook(db_path):
    db_path.write_bytes(b"")
    with Store.open(db_path) as store:
        assert list_teachers(store) == []


# ---- a full disk (a real small filesystem) ----------------------------------------------


def test_a_completely_full_disk_is_named_as_such_never_as_damage(small_disk):
    path = small_disk / "notebook.sqlite3"
    notebook_with_a_backup(path, teachers=40)
    before = fingerprint(path)
    filler = fill_disk(small_disk)
    for _launch in range(3):
        with pytest.raises(NotebookUnreadable, match="disk is full") as refused:
            Store.open(path, exclusive=True)
        assert "notebook is safe" in str(refused.value)
        assert fingerprint(path) == before
    filler.unlink()
    with Store.open(path, exclusive=True) as store:
        assert len(list_teachers(store)) == 40


def test_a_nearly_full_disk_opens_and_records_but_warns_about_backups(small_disk):
    path = small_disk / "notebook.sqlite3"
    notebook_with_a_backup(path, teachers=40)
    with Store.open(path, backup_on_open=False) as store:
        add_teachers(store, 2, prefix="Since the backup")
    # Room for the write-ahead log and a few sweeps, not for a whole copy of the notebook.
    filler = fill_disk(small_disk, leave_bytes=160 * 1024)

    for _launch in range(3):
        with Store.open(path, exclusive=True) as store:
            assert store.backup_problem and "disk is full" in store.backup_problem
            assert "your notebook is safe" in store.backup_problem.lower()
            assert len(list_teachers(store)) >= 42
            assert store.check_after_open().problems == []
            add_teachers(store, 1, prefix=f"Recorded at launch {_launch}")
    assert len(backups.list_backups(path)) == 1
    assert not [p for p in small_disk.rglob(".*.part*")]
    filler.unlink()
    with Store.open(path, exclusive=True) as store:
        assert store.backup_problem is None
        assert len(list_teachers(store)) == 45
    assert len(backups.list_backups(path)) == 2


def test_recovery_on_a_full_disk_leaves_the_damaged_notebook_where_and_as_it_was(small_disk):
    path = small_disk / "notebook.sqlite3"
    notebook_with_a_backup(path, teachers=40)
    damage_quietly(path)
    before = fingerprint(path)
    filler = fill_disk(small_disk)

    with pytest.raises(NotebookUnreadable, match="disk is full"):
        recover_notebook(path)
    assert fingerprint(path) == before
    assert sorted(p.name for p in small_disk.iterdir()) == [
        "backups",
        "filler.bin",
        "notebook.sqlite3",
    ]
    filler.unlink()
    used = recover_notebook(path)
    [aside] = small_disk.glob("notebook.sqlite3.damaged-*")
    assert fingerprint(aside) == before
    assert used.path == backups.list_backups(path)[0].path
    with Store.open(path) as store:
        assert store.integrity_problems() == []
        assert len(list_teachers(store)) == 40


def test_writes_on_a_full_disk_fail_honestly_and_keep_what_was_saved(small_disk):
    path = small_disk / "notebook.sqlite3"
    notebook_with_a_backup(path, teachers=10)
    fill_disk(small_disk, leave_bytes=160 * 1024)
    with Store.open(path, exclusive=True) as store:
        with pytest.raises(SaveFailed, match="disk is full"), store.session() as s:
            for number in range(2000):
                s.add(Teacher(name=f"Long note {number}", notes="evidence " * 500))
        assert len(list_teachers(store)) == 10


# ---- a backup folder that can't be written ----------------------------------------------


def test_an_unwritable_backup_folder_still_opens_and_records(db_path):
    notebook_with_a_backup(db_path)
    folder = backups.backup_dir_for(db_path)
    shutil.rmtree(folder)
    folder.write_text("not a folder")  # what stands where the backups should go
    with Store.open(db_path, exclusive=True) as store:
        assert store.backup_problem.startswith(f"Backups can't be written to {folder}:")
        add_teachers(store, 1, prefix="Recorded")
        check = store.check_after_open()
        assert check.problems == []
        assert check.backup_problem.startswith(f"Backups can't be written to {folder}:")
        assert len(list_teachers(store)) == 21


# ---- two writers at once ------------------------------------------------------------------


def test_a_unit_of_work_takes_the_write_lock_before_it_reads(db_path):
    with Store.open(db_path) as first_store, Store.open(db_path) as second_store:
        add_teachers(first_store, 1)
        counts = []

        def count_then_add(store, pause):
            with store.session() as s:
                seen = s.exec(select(func.count()).select_from(Teacher)).one()
                time.sleep(pause)
                s.add(Teacher(name=f"Teacher number {seen + 1}"))
                counts.append(seen)

        first = threading.Thread(target=count_then_add, args=(first_store, 0.4))
        second = threading.Thread(target=count_then_add, args=(second_store, 0))
        first.start()
        time.sleep(0.1)
        second.start()
        first.join()
        second.join()
    # The second waited for the first to commit, so it saw two teachers, not one.
    assert sorted(counts) == [1, 2]


# ---- leftovers of killed writes ---------------------------------------------------------


def test_leftovers_of_killed_backups_are_cleaned_on_the_next_open(db_path):
    notebook_with_a_backup(db_path)
    folder = backups.backup_dir_for(db_path)
    leftovers = [
        folder / f".{db_path.stem}-20261201-101010.sqlite3.1a2b3c4d.part",
        folder / f".{db_path.stem}-20261201-101010.sqlite3.1a2b3c4d.part-journal",
        folder / f"{db_path.stem}-20261130-090000.sqlite3.partial",
        db_path.parent / f".{db_path.name}.5e6f7a8b.part",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a copy")
    with Store.open(db_path, exclusive=True):
        pass
    assert not any(p.exists() for p in leftovers)
    assert not [b for b in backups.list_backups(db_path) if b.path.name.startswith(".")]


@pytest.mark.slow
def test_a_backup_killed_midway_leaves_nothing_once_reopened(db_path):
    import subprocess
    import sys

    with Store.open(db_path, backup_on_open=False) as store:
        add_teachers(store, 3000)
    script = (
        "import sys; from pathlib import Path; from app import backups\n"
        "path = Path(sys.argv[1])\n"
        "print('ready', flush=True)\n"
        "while True: backups.take_backup(path)\n"
    )
    for delay in (0.05, 0.2, 0.45):
        writer = subprocess.Popen(
            [sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        writer.kill()
        writer.wait()
        writer.stdout.close()
    with Store.open(db_path, exclusive=True):
        pass
    folder = backups.backup_dir_for(db_path)
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".") or "part" in p.name]
    assert not list(folder.glob("*-journal"))
    for backup in backups.list_backups(db_path):
        conn = sqlite3.connect(backups.sqlite_uri(backup.path, mode="ro"), uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert os.path.exists(db_path)


def test_an_upgrade_whose_backup_cannot_be_written_says_where_and_why(db_path):
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.engine import URL

    from app.store import StoreError, _alembic_config

    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0003")
    engine.dispose()
    folder = backups.backup_dir_for(db_path)
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the backups folder should be")
    before = fingerprint(db_path)
    with pytest.raises(StoreError) as refused:
        Store.open(db_path)
    message = str(refused.value)
    assert f"backups can't be written to {folder}" in message
    assert "a file stands where the backups folder should be" in message
    assert "Nothing was changed" in message
    assert fingerprint(db_path) == before
