"""Owner-only files on POSIX: the notebook, its -wal/-shm, lock, backups and last-notebook.txt
are created 0600 in 0700 folders, and existing ones are tightened on open."""

import os
import stat

import pytest

from app.paths import data_dir, remember_last_notebook
from app.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_notebook_and_its_files_are_owner_only(tmp_path):
    db = tmp_path / "new folder" / "notebook.sqlite3"
    with Store.open(db, exclusive=True) as store:
        store.backup()
        names = ("", "-wal", "-shm", ".lock")
        for side in names:
            assert _mode(db.with_name(db.name + side)) == 0o600, side
        taken = list((tmp_path / "new folder" / "backups" / "notebook").iterdir())
    assert [_mode(p) for p in taken] == [0o600]
    assert _mode(db.parent) == 0o700
    assert _mode(db.parent / "backups") == 0o700
    assert _mode(db.parent / "backups" / "notebook") == 0o700


def test_an_existing_world_readable_notebook_is_tightened_on_open(tmp_path):
    db = tmp_path / "notebook.sqlite3"
    with Store.open(db, exclusive=True) as store:
        store.backup()
    os.chmod(db, 0o644)
    os.chmod(tmp_path / "backups", 0o755)
    os.chmod(tmp_path / "backups" / "notebook", 0o755)
    with Store.open(db, exclusive=True):
        assert _mode(db) == 0o600
        assert _mode(db.with_name(db.name + "-wal")) == 0o600
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(tmp_path / "backups" / "notebook") == 0o700


def test_the_last_notebook_file_is_owner_only(tmp_path):
    remember_last_notebook(tmp_path / "notebook.sqlite3")
    assert _mode(data_dir()) == 0o700
    assert _mode(data_dir() / "last-notebook.txt") == 0o600
