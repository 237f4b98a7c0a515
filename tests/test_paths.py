"""The data folder is where Qt looks (organisation, then application), and a folder from
before issue 13 moves there once, losing nothing and overwriting nothing."""

from pathlib import Path

import pytest

from app.paths import (
    backup_dir_for,
    data_dir,
    data_folder_notice,
    last_notebook,
    remember_last_notebook,
    startup_notebook,
)
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.store import Store


@pytest.fixture
def local_data(tmp_path, monkeypatch) -> Path:
    """A fresh ~/.local/share, with no COACHBOOK_DATA_DIR override."""
    base = tmp_path / "share"
    base.mkdir()
    monkeypatch.delenv("COACHBOOK_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(base))
    return base


def old_folder_with_a_notebook(old: Path, monkeypatch) -> dict[str, bytes]:
    """A data folder as Coachbook wrote it before issue 13: notebook, backups, settings."""
    monkeypatch.setenv("COACHBOOK_DATA_DIR", str(old))
    with Store.open(old / "coachbook.sqlite3") as store:
        save_teacher(store, TeacherForm(name="Maria Alvarez"))
    Store.open(old / "coachbook.sqlite3").close()  # opening again backs it up
    remember_last_notebook(old / "coachbook.sqlite3")
    (old / "window-state.ini").write_text("[appearance]\ntheme=dark\n", encoding="utf-8")
    monkeypatch.delenv("COACHBOOK_DATA_DIR")
    assert any(backup_dir_for(old / "coachbook.sqlite3").iterdir())
    return files_in(old)


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "last-notebook.txt"
    }


def test_a_first_run_uses_the_organisation_and_application_folders(local_data):
    assert data_dir() == local_data / "Coachbook" / "Coachbook"
    assert data_folder_notice() is None
    assert not (local_data / "Coachbook").exists()  # nothing made until something is saved


def test_an_old_data_folder_moves_once_with_everything_in_it(local_data, monkeypatch):
    old = local_data / "Coachbook"
    before = old_folder_with_a_notebook(old, monkeypatch)

    new = data_dir()

    assert new == old / "Coachbook"
    assert files_in(new) == before
    assert [p.name for p in old.iterdir()] == ["Coachbook"]
    assert last_notebook() == startup_notebook(None) == new / "coachbook.sqlite3"
    with Store.open(new / "coachbook.sqlite3") as store:
        assert [t.name for t in list_teachers(store)] == ["Maria Alvarez"]
    assert data_folder_notice() is None
    assert data_dir() == new


def test_when_both_folders_hold_files_nothing_is_overwritten(local_data, monkeypatch):
    old = local_data / "Coachbook"
    before = old_folder_with_a_notebook(old, monkeypatch)
    new = old / "Coachbook"
    new.mkdir()
    (new / "coachbook.sqlite3").write_bytes(b"the newer notebook")

    assert data_dir() == new
    assert (new / "coachbook.sqlite3").read_bytes() == b"the newer notebook"
    assert {k: v for k, v in files_in(old).items() if not k.startswith("Coachbook/")} == before
    notice = data_folder_notice()
    assert f"older data folder at {old}" in notice
    assert "no file was overwritten" in notice


def test_a_move_that_fails_keeps_the_old_folder_in_use_and_says_so(local_data, monkeypatch):
    old = local_data / "Coachbook"
    before = old_folder_with_a_notebook(old, monkeypatch)

    def refuse(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)

    assert data_dir() == old
    assert files_in(old) == before
    assert last_notebook() == old / "coachbook.sqlite3"
    notice = data_folder_notice()
    assert notice.startswith("Coachbook couldn't move its data folder")
    assert f"still using {old} and nothing was lost" in notice


def test_a_move_that_fails_half_way_goes_back(local_data, monkeypatch):
    old = local_data / "Coachbook"
    before = old_folder_with_a_notebook(old, monkeypatch)
    rename = Path.rename

    def refuse_the_new_place(self, target):
        if Path(target) == old / "Coachbook":
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_the_new_place)

    assert data_dir() == old
    assert files_in(old) == before
    assert sorted(p.name for p in local_data.iterdir()) == ["Coachbook"]
    assert "(No space left on device)" in data_folder_notice()


def test_a_move_stopped_half_way_is_finished_on_the_next_start(local_data, monkeypatch):
    old = local_data / "Coachbook"
    before = old_folder_with_a_notebook(old, monkeypatch)
    old.rename(local_data / "Coachbook.moving")  # the app was stopped right after this step

    assert data_dir() == old / "Coachbook"
    assert files_in(old / "Coachbook") == before
    assert not (local_data / "Coachbook.moving").exists()


def test_a_write_that_fails_leaves_the_file_as_it_was_and_no_temp_file(tmp_path):
    from app.paths import replace_from_temp

    target = tmp_path / "last-notebook.txt"
    target.write_text("before", encoding="utf-8")

    def half_written(temp):
        temp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        replace_from_temp(target, half_written)
    assert target.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last-notebook.txt"]

    assert replace_from_temp(target, lambda temp: temp.write_text("after", encoding="utf-8")) == 5
    assert target.read_text(encoding="utf-8") == "after"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last-notebook.txt"]
