"""The notebook file: pragmas, migrations, refusing bad files untouched, locks, stamps, backups."""

import hashlib
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, Table, create_engine
from sqlalchemy.engine import URL
from sqlmodel import SQLModel, select

from app import backups
from app.models import School, Teacher
from app.services.listing import list_records
from app.services.teachers import delete_teacher, list_teachers, restore_teacher
from app.store import (
    HEAD_REVISION,
    DamagedNotebook,
    NewerNotebook,
    NotACoachbookFile,
    NotebookInUse,
    PassphraseNeeded,
    SaveFailed,
    Store,
    _alembic_config,
    inspect_file,
    migrations_dir,
    restore_backup,
)
from tests.images import png_bytes

SCRIPTS = ScriptDirectory(str(migrations_dir()))
# Oldest first: each is a schema some coach's notebook may still be at.
REVISIONS = [rev.revision for rev in reversed(list(SCRIPTS.walk_revisions()))]


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def add_teacher(store: Store, name: str, **values) -> uuid.UUID:
    with store.session() as s:
        teacher = Teacher(name=name, **values)
        s.add(teacher)
    return teacher.id


def teacher_names(path: Path) -> list[str]:
    """What a coach would see in the notebook at `path`, read with plain sqlite3."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM teacher"))
    finally:
        conn.close()


def make_notebook(path: Path, names: list[str]) -> Path:
    with Store.open(path, backup_on_open=False) as store, store.session() as s:
        for name in names:
            s.add(Teacher(name=name))
    return path


def turn_back_the_clock(db_path: Path, by: timedelta) -> None:
    """As if everything so far happened `by` earlier: backups (names, file times) and notebook."""
    for info in backups.list_backups(db_path):
        older = info.path.with_name(f"{db_path.stem}-{info.taken_at - by:%Y%m%d-%H%M%S}.sqlite3")
        info.path.rename(older)
    for path in [*backups.backup_dir_for(db_path).iterdir(), db_path, Path(f"{db_path}-wal")]:
        if path.exists():
            then = path.stat().st_mtime - by.total_seconds()
            os.utime(path, (then, then))


# ---- connections and schema -----------------------------------------------------------


def test_every_session_uses_wal_full_sync_and_foreign_keys(store):
    with store.session() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_new_notebook_is_created_at_the_newest_schema(db_path):
    with Store.open(db_path):
        pass
    conn = sqlite3.connect(db_path)
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert version == [(SCRIPTS.get_current_head(),)]
    assert set(SQLModel.metadata.tables) <= tables


def test_head_revision_in_the_store_is_the_newest_migration():
    assert SCRIPTS.get_current_head() == HEAD_REVISION


def test_the_migrations_build_exactly_the_tables_the_models_describe(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []


def build_notebook_at(path: Path, revision: str) -> dict[str, str]:
    """A notebook made by an older Coachbook: its schema at `revision`, with some data.

    Rows are written through today's column types, limited to the columns the table had
    then; a later migration that drops a required column must add its value here.
    """
    engine = create_engine(URL.create("sqlite", database=str(path)))
    values = {
        "school": {"id": uuid.uuid4(), "name": "Trường Tiểu học Lê Lợi"},
        "teacher": {"id": uuid.uuid4(), "name": "Ms. Ngọc <b>&", "notes": "王老师 🎉"},
    }
    values["teacher"]["school_id"] = values["school"]["id"]
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)
        existing = MetaData()
        existing.reflect(conn)
        for table_name, row in values.items():
            columns_then = set(existing.tables[table_name].columns.keys())
            model_columns = [
                c for c in SQLModel.metadata.tables[table_name].columns if c.name in columns_then
            ]
            full = dict(row)
            for column in model_columns:
                if column.name not in full and column.default is not None:
                    arg = column.default.arg
                    full[column.name] = arg(None) if callable(arg) else arg
            table_then = Table(
                table_name, MetaData(), *(Column(c.name, c.type) for c in model_columns)
            )
            conn.execute(table_then.insert().values(full))
    engine.dispose()
    return {"school": values["school"]["name"], "teacher": values["teacher"]["name"]}


@pytest.mark.parametrize("passphrase", [None, "a long passphrase"], ids=["plain", "protected"])
@pytest.mark.parametrize("revision", REVISIONS)
def test_opening_a_notebook_from_an_earlier_schema_keeps_its_data(db_path, revision, passphrase):
    expected = build_notebook_at(db_path, revision)
    if passphrase is not None:
        backups.swap_in_converted(db_path, None, passphrase)
    assert inspect_file(db_path, passphrase) == revision

    with Store.open(db_path, passphrase=passphrase) as store:
        rows = list_records(store, "teachers")
    assert [(r["name"], r["school"], r["notes"]) for r in rows] == [
        (expected["teacher"], expected["school"], "王老师 🎉")
    ]
    assert inspect_file(db_path, passphrase) == HEAD_REVISION
    # The notebook as it was before the upgrade is kept as a backup (encrypted alike).
    taken = backups.list_backups(db_path)
    assert taken, "no backup was taken before upgrading"
    assert any(inspect_file(b.path, passphrase) == revision for b in taken)
    assert all(backups.is_protected_file(b.path) == (passphrase is not None) for b in taken)


# ---- refusing files that are not (healthy, current) notebooks --------------------------


def write_text_file(path: Path) -> type[Exception]:
    path.write_text("Room 204 — period 3 notes\nOn task: 22/25\n", encoding="utf-8")
    return NotACoachbookFile


def write_png(path: Path) -> type[Exception]:
    path.write_bytes(png_bytes(1, 1))
    return NotACoachbookFile


def write_random_bytes(path: Path) -> type[Exception]:
    # Whole pages of random bytes are what a protected notebook looks like without its
    # passphrase (SQLCipher encrypts even the header): the coach is asked for one.
    path.write_bytes(random.Random(42).randbytes(64 * 1024))
    return PassphraseNeeded


def write_tiny_file(path: Path) -> type[Exception]:
    path.write_bytes(b"SQL")
    return NotACoachbookFile


def write_other_apps_database(path: Path, journal_mode: str = "delete") -> type[Exception]:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    conn.executemany("INSERT INTO bookmarks (url) VALUES (?)", [("https://example.org",)] * 50)
    conn.commit()
    conn.close()
    return NotACoachbookFile


def write_other_apps_wal_database(path: Path) -> type[Exception]:
    return write_other_apps_database(path, journal_mode="wal")


@pytest.fixture(scope="module")
def big_notebook(tmp_path_factory) -> Path:
    """A real notebook of some 800 pages, built once and copied by the tests that damage it.

    Big enough that the schema's pages, which grow with every table, stay before the middle
    third that the damage overwrites.
    """
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    with Store.open(path, backup_on_open=False) as store, store.session() as s:
        for i in range(4000):
            s.add(Teacher(name=f"Teacher {i}", notes="x" * 300))
    return path


def quick_check(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return f"error: {exc}"
    finally:
        conn.close()


def damage_pages(path: Path, first: int, last: int) -> None:
    noise = random.Random(7)
    with open(path, "r+b") as fh:
        for page in range(first, last):
            fh.seek(page * 4096)
            fh.write(noise.randbytes(4096))


def write_damaged_notebook(path: Path, big_notebook: Path) -> type[Exception]:
    """A third of the pages in the middle overwritten: SQLite lists the broken pages."""
    shutil.copy(big_notebook, path)
    pages = path.stat().st_size // 4096
    assert pages > 300, "the notebook should span many pages"
    damage_pages(path, pages // 3, 2 * pages // 3)
    verdict = quick_check(path)
    assert verdict.startswith("*** in database main ***\nPage "), verdict
    return DamagedNotebook


def write_notebook_with_one_bad_page(path: Path, big_notebook: Path) -> type[Exception]:
    """One page in the middle overwritten. Random UUID keys lay pages out differently each run,
    so SQLite either stops with "malformed" or reports the page: damage either way."""
    shutil.copy(big_notebook, path)
    middle = path.stat().st_size // 4096 // 2
    damage_pages(path, middle, middle + 1)
    verdict = quick_check(path)
    assert verdict == "error: database disk image is malformed" or verdict.startswith(
        "*** in database main ***"
    ), verdict
    return DamagedNotebook


def write_newer_notebook(path: Path) -> type[Exception]:
    make_notebook(path, ["Ms. Rivera"])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return NewerNotebook


BAD_FILES = [
    write_text_file,
    write_png,
    write_random_bytes,
    write_tiny_file,
    write_other_apps_database,
    write_other_apps_wal_database,
    write_damaged_notebook,
    write_notebook_with_one_bad_page,
    write_newer_notebook,
]
NEEDS_A_NOTEBOOK = {write_damaged_notebook, write_notebook_with_one_bad_page}


@pytest.mark.parametrize("write_bad_file", BAD_FILES, ids=lambda f: f.__name__[6:])
def test_a_file_that_is_not_a_usable_notebook_is_refused_and_left_untouched(
    tmp_path, write_bad_file, big_notebook
):
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "chosen.sqlite3"
    if write_bad_file in NEEDS_A_NOTEBOOK:
        expected_error = write_bad_file(path, big_notebook)
    else:
        expected_error = write_bad_file(path)
    before, files_before = fingerprint(path), folder_listing(folder)

    with pytest.raises(expected_error) as refused:
        Store.open(path, exclusive=True)

    message = str(refused.value)
    assert "chosen.sqlite3" in message
    assert "\n" not in message
    assert fingerprint(path) == before
    assert folder_listing(folder) == files_before


def test_a_damaged_notebook_is_named_as_damaged_in_one_line(tmp_path, big_notebook):
    path = tmp_path / "notebook.sqlite3"
    write_damaged_notebook(path, big_notebook)
    with pytest.raises(DamagedNotebook) as refused:
        Store.open(path)
    assert re.fullmatch(
        r"“notebook\.sqlite3” is damaged \(Page \d+: btreeInitPage\(\) returns error code 11\)\. "
        r"It was left untouched; restore its latest backup .*",
        str(refused.value),
    )


def test_a_newer_notebook_asks_for_a_newer_coachbook(tmp_path):
    path = tmp_path / "notebook.sqlite3"
    write_newer_notebook(path)
    with pytest.raises(NewerNotebook, match="made by a newer Coachbook"):
        Store.open(path)


def test_another_apps_database_is_named_as_not_a_notebook(tmp_path):
    path = tmp_path / "places.sqlite"
    write_other_apps_database(path)
    with pytest.raises(NotACoachbookFile, match="is a database, but not a Coachbook notebook"):
        Store.open(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(NotACoachbookFile, match="is a folder"):
        Store.open(tmp_path)


def test_an_empty_file_becomes_a_new_notebook(db_path):
    db_path.touch()
    with Store.open(db_path) as store:
        add_teacher(store, "Mr. Okafor")
    assert teacher_names(db_path) == ["Mr. Okafor"]


@pytest.mark.parametrize("folder_name", ["Coaching #2", "what? notes", "100% mine", "Ngọc 王"])
def test_a_notebook_in_a_folder_with_unusual_characters_opens_and_backs_up(tmp_path, folder_name):
    path = tmp_path / folder_name / "notebook.sqlite3"
    with Store.open(path) as store:
        add_teacher(store, "Ms. Rivera")
        taken = store.backup()
    assert path.exists()
    assert teacher_names(path) == ["Ms. Rivera"]
    assert taken.parent == backups.backup_dir_for(path)
    assert teacher_names(taken) == ["Ms. Rivera"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder_name]


def test_a_notebook_named_with_brackets_finds_its_own_backups(tmp_path):
    path = make_notebook(tmp_path / "Rivera [2026-27].sqlite3", ["Ms. Rivera"])
    Store.open(path).close()
    Store.open(path).close()
    taken = backups.list_backups(path)
    assert len(taken) == 1
    assert taken[0].path.name.startswith("Rivera [2026-27]-")


# ---- one window per notebook ------------------------------------------------------------


def test_a_second_exclusive_open_says_the_notebook_is_already_open(db_path):
    with (
        Store.open(db_path, exclusive=True),
        pytest.raises(NotebookInUse, match="already open"),
    ):
        Store.open(db_path, exclusive=True)


def test_closing_the_notebook_lets_it_open_again(db_path):
    first = Store.open(db_path, exclusive=True)
    first.close()
    with Store.open(db_path, exclusive=True) as second:
        add_teacher(second, "Ms. Rivera")


@pytest.mark.slow
def test_a_lock_held_by_a_killed_process_is_released(db_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from app.store import Store; "
            "store = Store.open(Path(sys.argv[1]), exclusive=True); print('open', flush=True); "
            "time.sleep(60)",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(NotebookInUse):
            Store.open(db_path, exclusive=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with Store.open(db_path, exclusive=True) as store:
        add_teacher(store, "Ms. Rivera")


# ---- change stamps and soft delete -------------------------------------------------------


def test_editing_a_record_changes_updated_at_but_not_created_at(store):
    teacher_id = add_teacher(store, "Ms. Rivera")
    with store.session() as s:
        before = s.get(Teacher, teacher_id)
        created, updated = before.created_at, before.updated_at
    later = updated + timedelta(minutes=5)
    store.clock = lambda: later
    with store.session() as s:
        s.get(Teacher, teacher_id).room = "204"
    with store.session() as s:
        after = s.get(Teacher, teacher_id)
    assert after.room == "204"
    assert after.created_at == created
    assert after.updated_at == later
    assert after.updated_at > updated
    assert after.updated_at.utcoffset() == timedelta(0)


def test_reading_a_record_leaves_updated_at_alone(store):
    teacher_id = add_teacher(store, "Ms. Rivera")
    with store.session() as s:
        updated = s.get(Teacher, teacher_id).updated_at
    store.clock = lambda: updated + timedelta(minutes=5)
    with store.session() as s:
        s.get(Teacher, teacher_id)
    with store.session() as s:
        assert s.get(Teacher, teacher_id).updated_at == updated


def test_a_deleted_teacher_leaves_the_lists_and_comes_back_on_undo(store):
    keep = add_teacher(store, "Mr. Okafor")
    gone = add_teacher(store, "Ms. Rivera")

    delete_teacher(store, gone)
    assert [t.id for t in list_teachers(store)] == [keep]
    assert [r["name"] for r in list_records(store, "teachers")] == ["Mr. Okafor"]
    with store.session() as s:
        row = s.get(Teacher, gone)
        assert row is not None and row.deleted_at is not None

    restore_teacher(store, gone)
    assert [t.name for t in list_teachers(store)] == ["Mr. Okafor", "Ms. Rivera"]


def test_a_failed_unit_of_work_saves_nothing(store):
    with pytest.raises(RuntimeError), store.session() as s:
        s.add(Teacher(name="Half saved"))
        s.flush()
        raise RuntimeError("the coach pressed cancel")
    assert list_teachers(store) == []


# ---- backups ------------------------------------------------------------------------------


def test_opening_a_notebook_with_no_backup_takes_one(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    assert backups.list_backups(db_path) == []
    with Store.open(db_path):
        pass
    taken = backups.list_backups(db_path)
    assert len(taken) == 1
    assert teacher_names(taken[0].path) == ["Ms. Rivera"]


def test_opening_a_notebook_changed_since_its_last_backup_takes_a_backup(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    with Store.open(db_path) as store:
        add_teacher(store, "Mr. Okafor")
    with Store.open(db_path):
        pass
    taken = backups.list_backups(db_path)
    assert len(taken) == 2
    assert teacher_names(taken[0].path) == ["Mr. Okafor", "Ms. Rivera"]


def test_opening_an_unchanged_notebook_takes_no_new_backup(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    with Store.open(db_path) as store:
        list_teachers(store)
    turn_back_the_clock(db_path, timedelta(hours=3))
    with Store.open(db_path) as store:
        list_teachers(store)
    with Store.open(db_path):
        pass
    assert len(backups.list_backups(db_path)) == 1


def test_backup_if_due_waits_an_hour_after_the_last_backup(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    with Store.open(db_path) as store:
        add_teacher(store, "Mr. Okafor")
        assert store.backup_if_due() is None
    assert len(backups.list_backups(db_path)) == 1


def test_backup_if_due_after_an_hour_backs_up_only_a_changed_notebook(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    with Store.open(db_path) as store:
        list_teachers(store)
        turn_back_the_clock(db_path, timedelta(minutes=61))
        list_teachers(store)
        assert store.backup_if_due() is None

        add_teacher(store, "Mr. Okafor")
        taken = store.backup_if_due()
    assert taken is not None
    assert teacher_names(taken) == ["Mr. Okafor", "Ms. Rivera"]


def test_backup_if_due_goes_by_the_stores_clock(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    with Store.open(db_path) as store:
        add_teacher(store, "Mr. Okafor")
        assert store.backup_if_due() is None
        an_hour_on = datetime.now(UTC) + timedelta(minutes=61)
        store.clock = lambda: an_hour_on
        taken = store.backup_if_due()
    assert taken is not None
    assert teacher_names(taken) == ["Mr. Okafor", "Ms. Rivera"]


def test_a_restored_notebook_keeps_the_stores_clock(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    moment = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    store = Store.open(db_path, clock=lambda: moment)
    chosen = backups.list_backups(db_path)[0].path
    store = restore_backup(store, chosen)
    try:
        teacher_id = list_teachers(store)[0].id
        with store.session() as s:
            s.get(Teacher, teacher_id).room = "204"
        with store.session() as s:
            assert s.get(Teacher, teacher_id).updated_at == moment
    finally:
        store.close()


def test_backup_to_a_chosen_file_writes_there_and_nowhere_else(db_path, tmp_path):
    make_notebook(db_path, ["Ms. Rivera"])
    target = tmp_path / "usb stick" / "rivera copy.sqlite3"
    with Store.open(db_path, backup_on_open=False) as store:
        assert store.backup(target) == target
    assert teacher_names(target) == ["Ms. Rivera"]
    assert backups.list_backups(db_path) == []


def test_a_backup_is_one_complete_file_that_opens_as_a_notebook(db_path, tmp_path):
    with Store.open(db_path) as store:
        add_teacher(store, "Ms. Rivera")
        # Still only in the write-ahead log: the backup must hold it anyway.
        assert Path(f"{db_path}-wal").stat().st_size > 0
        taken = store.backup()
    assert not Path(f"{taken}-wal").exists()
    conn = sqlite3.connect(taken)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()

    moved = tmp_path / "elsewhere" / "restored.sqlite3"
    moved.parent.mkdir()
    shutil.copy(taken, moved)
    with Store.open(moved) as copy:
        assert [t.name for t in list_teachers(copy)] == ["Ms. Rivera"]
        assert copy.integrity_problems() == []


def hourly_for_a_year(now: datetime) -> list[datetime]:
    return [now - timedelta(hours=h) for h in range(365 * 24)]


def newest_per(stamps: list[datetime], bucket, how_many: int) -> set[datetime]:
    newest: dict = {}
    for stamp in sorted(stamps, reverse=True):
        newest.setdefault(bucket(stamp), stamp)
    return set(list(newest.values())[:how_many])


def test_rotation_keeps_recent_backups_and_one_per_recent_day_week_and_month():
    now = datetime(2026, 11, 25, 16, 0)
    stamps = hourly_for_a_year(now)
    keep = backups.backups_to_keep(stamps, now)

    six_most_recent = set(sorted(stamps, reverse=True)[:6])
    daily = newest_per(stamps, lambda t: t.date(), 7)
    weekly = newest_per(stamps, lambda t: t.isocalendar()[:2], 8)
    monthly = newest_per(stamps, lambda t: (t.year, t.month), 12)
    assert keep == six_most_recent | daily | weekly | monthly
    assert len(keep) <= 33

    yesterday = [t for t in stamps if t.date() == date(2026, 11, 24)]
    assert max(yesterday) in keep
    assert sorted(yesterday)[-2] not in keep
    assert datetime(2026, 10, 31, 23, 0) in keep  # the newest of October
    assert datetime(2026, 10, 31, 22, 0) not in keep
    assert min(stamps) not in keep  # thirteen months back


def test_rotation_keeps_everything_while_there_are_few_backups():
    now = datetime(2026, 11, 25, 16, 0)
    stamps = [now - timedelta(hours=h) for h in range(4)]
    assert backups.backups_to_keep(stamps, now) == set(stamps)


def test_rotating_deletes_the_backup_files_it_does_not_keep(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    now = datetime(2026, 11, 25, 16, 0)
    folder = backups.take_backup(db_path, now=now).parent
    stamps = hourly_for_a_year(now)[::6]
    for stamp in stamps[1:]:
        # Empty stand-ins: rotation goes by the names, and real copies would be slow.
        (folder / f"{db_path.stem}-{stamp:%Y%m%d-%H%M%S}.sqlite3").touch()

    removed = backups.rotate_backups(db_path, now)

    left = backups.list_backups(db_path)
    kept = backups.backups_to_keep(stamps, now)
    assert {b.taken_at for b in left} == kept
    assert len(list(folder.iterdir())) == len(kept)
    assert len(removed) == len(stamps) - len(kept)
    assert not any(p.exists() for p in removed)


def test_taking_backups_never_leaves_more_than_the_rotation_keeps(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(0, 300, 3):
        backups.take_backup(db_path, now=start + timedelta(days=day))
    assert 6 <= len(backups.list_backups(db_path)) <= 33


def test_restoring_a_backup_brings_back_its_contents(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    store = Store.open(db_path)
    chosen = backups.list_backups(db_path)[0].path
    add_teacher(store, "Mr. Okafor")

    store = restore_backup(store, chosen)
    try:
        assert [t.name for t in list_teachers(store)] == ["Ms. Rivera"]
        assert store.integrity_problems() == []
    finally:
        store.close()
    assert teacher_names(db_path) == ["Ms. Rivera"]


def test_restoring_first_backs_up_what_is_there_now(db_path):
    make_notebook(db_path, ["Ms. Rivera"])
    store = Store.open(db_path)
    chosen = backups.list_backups(db_path)[0].path
    add_teacher(store, "Mr. Okafor")

    restore_backup(store, chosen).close()

    newest = backups.list_backups(db_path)[0]
    assert newest.path != chosen
    assert teacher_names(newest.path) == ["Mr. Okafor", "Ms. Rivera"]
    assert teacher_names(chosen) == ["Ms. Rivera"]


def test_restoring_the_oldest_of_the_recent_backups_works(db_path):
    """The backup taken before restoring must not rotate away the one being restored."""
    make_notebook(db_path, ["Ms. Rivera"])
    now = datetime.now()
    for minutes in range(6, 0, -1):
        backups.take_backup(db_path, now=now - timedelta(minutes=minutes))
    chosen = backups.list_backups(db_path)[-1].path
    store = Store.open(db_path, backup_on_open=False)
    add_teacher(store, "Mr. Okafor")

    store = restore_backup(store, chosen)
    try:
        assert [t.name for t in list_teachers(store)] == ["Ms. Rivera"]
    finally:
        store.close()


def test_restoring_refuses_a_file_that_is_not_a_notebook(db_path, tmp_path):
    make_notebook(db_path, ["Ms. Rivera"])
    bogus = tmp_path / "bogus.sqlite3"
    write_text_file(bogus)
    store = Store.open(db_path, backup_on_open=False)
    try:
        with pytest.raises(NotACoachbookFile):
            restore_backup(store, bogus)
        assert [t.name for t in list_teachers(store)] == ["Ms. Rivera"]
    finally:
        store.close()


# ---- a full disk --------------------------------------------------------------------------


def test_a_full_disk_fails_the_save_with_a_plain_message_and_keeps_earlier_data(db_path):
    store = Store.open(db_path)
    add_teacher(store, "Ms. Rivera")
    with pytest.raises(SaveFailed) as failed, store.session() as s:
        conn = s.connection()
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        # The honest way to run out of room: SQLite may not grow the file past this.
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages}")
        s.add(Teacher(name="Mr. Okafor", notes="Long evidence notes. " * 50_000))
    store.close()

    message = str(failed.value)
    assert "disk is full" in message
    assert "not saved" in message
    with Store.open(db_path) as reopened:
        assert [t.name for t in list_teachers(reopened)] == ["Ms. Rivera"]
        assert reopened.integrity_problems() == []


def test_a_healthy_notebook_has_no_integrity_problems(store):
    school = School(name="Lincoln Elementary")
    with store.session() as s:
        s.add(school)
        s.add(Teacher(name="Ms. Rivera", school_id=school.id))
    assert store.integrity_problems() == []
    with store.session() as s:
        assert s.exec(select(Teacher.name)).all() == ["Ms. Rivera"]
