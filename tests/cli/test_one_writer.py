"""One writer per notebook for the CLI as for the app; readers work while the app is open;
read-only opens create nothing; control characters never reach the terminal (issue 11)."""

import json
import subprocess
import sys

import pytest
from notebook_damage import add_teachers
from sqlmodel import select

from app.cli import main
from app.models import Teacher
from app.store import Store

HOLD = (
    "import sys, time; from pathlib import Path; from app.store import Store\n"
    "store = Store.open(Path(sys.argv[1]), exclusive=True, holder=sys.argv[2])\n"
    "print('open', flush=True)\n"
    "time.sleep(60)\n"
)


@pytest.fixture
def holder(db_path):
    """Another process holding the notebook, as the app ("app") or a CLI writer ("cli")."""
    started = []

    def hold(who: str):
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db_path), who], stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout.readline().strip() == "open"
        return process

    yield hold
    for process in started:
        process.kill()
        process.wait()
        process.stdout.close()


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Name,School\nAarav Shah,Pinecrest\n", encoding="utf-8")
    return path


def teacher_names(db_path) -> list[str]:
    with Store.open_read_only(db_path) as store, store.session() as s:
        return sorted(s.exec(select(Teacher.name)).all())


@pytest.mark.slow
def test_an_import_into_a_notebook_open_in_the_app_is_refused_in_one_line(
    db_path, holder, roster, capsys
):
    with Store.open(db_path) as store:
        add_teachers(store, 2)
    holder("app")
    assert main(["--db", str(db_path), "import", "teachers", str(roster)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "coachbook: The notebook is open in Coachbook; close it or import from the app.\n"
    )
    assert main(["--db", str(db_path), "demo"]) == 1
    assert "open in Coachbook" in capsys.readouterr().err
    assert main(["--db", str(db_path), "backup"]) == 1
    assert teacher_names(db_path) == ["Teacher 0000", "Teacher 0001"]


@pytest.mark.slow
def test_reading_commands_work_while_the_app_has_the_notebook_open(
    db_path, holder, tmp_path, capsys
):
    with Store.open(db_path) as store:
        add_teachers(store, 2)
    holder("app")
    assert main(["--db", str(db_path), "list", "teachers", "--json"]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == [
        "Teacher 0000",
        "Teacher 0001",
    ]
    assert main(["--db", str(db_path), "check"]) == 0
    assert "healthy" in capsys.readouterr().out
    assert main(["--db", str(db_path), "export", "csv", "--out", str(tmp_path / "csv")]) == 0
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db_path), "backup", "--out", str(copy)]) == 0
    assert teacher_names(copy) == ["Teacher 0000", "Teacher 0001"]


@pytest.mark.slow
def test_two_cli_writers_exclude_each_other(db_path, holder, roster, capsys):
    Store.open(db_path).close()
    holder("cli")
    assert main(["--db", str(db_path), "import", "teachers", str(roster)]) == 1
    err = capsys.readouterr().err
    assert "A coachbook command is changing the notebook" in err
    assert "wait for it to finish" in err
    assert teacher_names(db_path) == []


def test_the_app_refuses_a_notebook_a_cli_command_is_changing(db_path, holder):
    from app.store import NotebookInUse

    Store.open(db_path).close()
    holder("cli")
    with pytest.raises(NotebookInUse, match="coachbook command is changing"):
        Store.open(db_path, exclusive=True)


@pytest.mark.slow
def test_a_read_only_notebook_is_read_without_leaving_files_that_block_writing(tmp_path, capsys):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("this machine forbids mounting a filesystem to make read-only")
    try:
        path = mount_point / "notebook.sqlite3"
        with Store.open(path, backup_on_open=False) as store:
            add_teachers(store, 3)
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        assert main(["--db", str(path), "list", "teachers"]) == 0
        assert "Teacher 0002" in capsys.readouterr().out
        assert main(["--db", str(path), "check"]) == 0
        subprocess.run(["mount", "-o", "remount,rw", str(mount_point)], check=True)
        assert sorted(p.name for p in mount_point.iterdir()) == ["notebook.sqlite3"]
        with Store.open(path, exclusive=True) as store:
            add_teachers(store, 1, prefix="Written after")
        assert len(teacher_names(path)) == 4
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_control_characters_in_names_never_reach_the_terminal(db_path, capsys):
    with Store.open(db_path) as store, store.session() as s:
        s.add(Teacher(name="Mallory\x1b[2J\x9b31m Rm 7", notes="bell\x07"))
    assert main(["--db", str(db_path), "list", "teachers"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out
    assert "Mallory\\x1b[2J\\x9b31m Rm 7" in out
    assert main(["--db", str(db_path), "list", "teachers", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out
    assert json.loads(out)[0]["name"] == "Mallory\x1b[2J\x9b31m Rm 7"
