"""kill -9 on a protected notebook: during protect (either the plain or the encrypted notebook
is left, whole), and mid-lesson (no sweep shown as saved is lost)."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from notebook_damage import add_teachers

from app import backups
from app.services.listing import list_records
from app.store import PassphraseNeeded, Store

PROJECT = Path(__file__).resolve().parents[2]
PASSPHRASE = "a kill in the night"
TEACHERS = 3000

pytestmark = pytest.mark.slow

PROTECTOR = """
import sys
from pathlib import Path
sys.path.insert(0, {project!r})
from app.store import Store, protect
store = Store.open(Path({db!r}), exclusive=True, backup_on_open=False)
print("ready", flush=True)
protect(store, {passphrase!r}).close()
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def plain_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "notebook.sqlite3"
    with Store.open(path, exclusive=True) as store:
        add_teachers(store, TEACHERS, "Quillon Marchbanks")
        store.backup()
    return path


def _copy_template(template: Path, folder: Path) -> Path:
    shutil.copytree(template.parent, folder)
    return folder / template.name


def _open_either(path: Path) -> Store:
    try:
        return Store.open(path, exclusive=True, backup_on_open=False)
    except PassphraseNeeded:
        return Store.open(path, exclusive=True, backup_on_open=False, passphrase=PASSPHRASE)


# Protecting this notebook takes about a second and a half here: the kills fall before,
# during the encrypted copy, around the swap, and while the backups are encrypted.
@pytest.mark.parametrize("delay", [0.0, 0.15, 0.3, 0.5, 0.8, 1.2, 1.8])
def test_a_protect_killed_at_any_moment_leaves_one_whole_notebook(plain_template, tmp_path, delay):
    db = _copy_template(plain_template, tmp_path / "run")
    script = PROTECTOR.format(project=str(PROJECT), db=str(db), passphrase=PASSPHRASE)
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=PROJECT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "ready"
    time.sleep(delay)
    process.kill()
    process.communicate(timeout=30)

    with _open_either(db) as store:
        assert store.integrity_problems() == []
        assert len(list_records(store, "teachers")) == TEACHERS
        protected = store.protected
    leftovers = [p.name for p in db.parent.rglob(".*") if p.is_file()]
    assert leftovers == []
    if protected:
        # Finishing what the killed protect began: no plain copy is left anywhere.
        for path in db.parent.rglob("*"):
            if path.is_file() and not path.name.endswith(".lock"):
                assert b"Marchbanks" not in path.read_bytes(), path
        assert all(backups.is_protected_file(b.path) for b in backups.list_backups(db))


RECORDER = """
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, {project!r})
from app.services.observations import ObservationStart, record_interval, start_observation
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

started = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
store = Store.open(Path({db!r}), passphrase={passphrase!r})
teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id
plan = ObservationStart(teacher, date(2026, 11, 25), students_present=25)
observation = start_observation(store, plan, started)
print("started", observation, flush=True)
for mark in range(10_000):
    now = started + timedelta(minutes=5 * mark, seconds=10)
    saved = record_interval(store, observation, mark % 26, 25, now=now)
    sweep = getattr(saved, "sweep", saved)  # the sweep, with or without the lesson's clock
    print("saved", sweep.index, sweep.on_task, flush=True)
"""


def test_a_killed_recorder_on_a_protected_notebook_keeps_every_sweep_it_showed(tmp_path):
    import uuid

    from app.services.observations import observation_summary

    db = tmp_path / "notebook.sqlite3"
    script = RECORDER.format(project=str(PROJECT), db=str(db), passphrase=PASSPHRASE)
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=PROJECT, stdout=subprocess.PIPE, text=True
    )
    shown, observation_id = [], None
    try:
        while len(shown) < 7:
            line = process.stdout.readline()
            assert line, "the recorder stopped early"
            word, *values = line.split()
            if word == "started":
                observation_id = uuid.UUID(values[0])
            else:
                shown.append((int(values[0]), int(values[1])))
    finally:
        process.kill()
        process.communicate(timeout=30)

    assert backups.is_protected_file(db)
    with Store.open(db, backup_on_open=False, passphrase=PASSPHRASE) as store:
        assert store.integrity_problems() == []
        summary = observation_summary(store, observation_id)
    assert [(s.index, s.on_task) for s in summary.sweeps][: len(shown)] == shown
    assert b"Ana Ruiz" not in db.read_bytes()
    assert not Path(f"{db}-wal").exists() or b"Ana Ruiz" not in Path(f"{db}-wal").read_bytes()
