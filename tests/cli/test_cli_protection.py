"""`coachbook protect | rekey | unprotect` and the passphrase options, through the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_damage import add_teachers

from app import backups
from app.cli import main
from app.store import Store

PASSPHRASE = "river bend at dusk"
NEW = "harbor lights in june"


@pytest.fixture
def pass_file(tmp_path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def new_pass_file(tmp_path) -> Path:
    path = tmp_path / "new-passphrase.txt"
    path.write_text(NEW + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def notebook(db_path) -> Path:
    with Store.open(db_path, exclusive=True) as store:
        add_teachers(store, 3, "Oriana Featherstone")
    return db_path


@pytest.fixture
def protected(notebook, pass_file) -> Path:
    assert main(["--db", str(notebook), "protect", "--passphrase-file", str(pass_file)]) == 0
    return notebook


def _names(capsys) -> list[str]:
    return [row["name"] for row in json.loads(capsys.readouterr().out)]


def test_protect_encrypts_the_notebook_and_its_backups_and_warns_about_forgetting(
    notebook, pass_file, capsys
):
    code = main(["--db", str(notebook), "protect", "--passphrase-file", str(pass_file)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Protected notebook.sqlite3 with your passphrase" in out
    assert "without it nobody, not even Coachbook, can open the notebook" in out
    for path in [notebook, *(b.path for b in backups.list_backups(notebook))]:
        assert b"Featherstone" not in path.read_bytes()


def test_a_protected_notebook_without_its_passphrase_is_refused_in_one_line(
    protected, capsys, monkeypatch
):
    capsys.readouterr()
    monkeypatch.delenv("COACHBOOK_PASSPHRASE_FILE", raising=False)
    for command in (["list", "teachers"], ["check"], ["backup"], ["demo"]):
        assert main(["--db", str(protected), *command]) == 1
        err = capsys.readouterr().err
        assert err == (
            "coachbook: “notebook.sqlite3” is protected with a passphrase: give it with "
            "--passphrase-file FILE (or $COACHBOOK_PASSPHRASE_FILE), or run the command in a "
            "terminal to be asked for it.\n"
        )


def test_list_check_backup_and_export_work_with_the_passphrase_file(
    protected, pass_file, tmp_path, capsys, monkeypatch
):
    capsys.readouterr()
    db = ["--db", str(protected), "--passphrase-file", str(pass_file)]
    assert main([*db, "list", "teachers", "--json"]) == 0
    assert len(_names(capsys)) == 3
    assert main([*db, "check"]) == 0
    assert "notebook.sqlite3 is healthy." in capsys.readouterr().out
    out = tmp_path / "copy.sqlite3"
    assert main([*db, "backup", "--out", str(out)]) == 0
    assert b"Featherstone" not in out.read_bytes()
    assert backups.opens_with(out, PASSPHRASE)
    csv_dir = tmp_path / "csv"
    assert main([*db, "export", "csv", "--out", str(csv_dir)]) == 0
    capsys.readouterr()
    # Exports are plain on purpose: they are made to be shared.
    assert "Featherstone" in (csv_dir / "teacher.csv").read_text(encoding="utf-8-sig")
    # The environment variable works as the option does, the option after the command too.
    monkeypatch.setenv("COACHBOOK_PASSPHRASE_FILE", str(pass_file))
    assert main(["--db", str(protected), "list", "teachers", "--json"]) == 0
    assert len(_names(capsys)) == 3
    monkeypatch.delenv("COACHBOOK_PASSPHRASE_FILE")
    args = ["list", "teachers", "--json", "--db", str(protected), "--passphrase-file"]
    assert main([*args, str(pass_file)]) == 0
    assert len(_names(capsys)) == 3


def test_a_wrong_passphrase_file_says_so_and_sqlcipher_prints_nothing(protected, tmp_path, capfd):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it at all\n", encoding="utf-8")
    capfd.readouterr()
    code = main(["--db", str(protected), "--passphrase-file", str(wrong), "list", "teachers"])
    out, err = capfd.readouterr()
    assert code == 1 and out == ""
    assert err == (
        "coachbook: That passphrase doesn't open “notebook.sqlite3”. Check it (is Caps Lock "
        "on?) and try again.\n"
    )


def test_rekey_takes_the_new_passphrase_from_its_own_file(
    protected, pass_file, new_pass_file, capsys
):
    capsys.readouterr()
    db = ["--db", str(protected)]
    code = main(
        [*db, "--passphrase-file", str(pass_file), "rekey", "--new-passphrase-file",
         str(new_pass_file)]
    )  # fmt: skip
    assert code == 0
    assert "Changed the passphrase of notebook.sqlite3" in capsys.readouterr().out
    assert main([*db, "--passphrase-file", str(pass_file), "check"]) == 1
    assert main([*db, "--passphrase-file", str(new_pass_file), "check"]) == 0
    assert all(backups.opens_with(b.path, NEW) for b in backups.list_backups(protected))


def test_unprotect_asks_first_and_needs_yes_without_a_terminal(protected, pass_file, capsys):
    capsys.readouterr()
    db = ["--db", str(protected), "--passphrase-file", str(pass_file)]
    assert main([*db, "unprotect"]) == 1
    assert "add --yes" in capsys.readouterr().err
    assert backups.is_protected_file(protected)
    assert main([*db, "unprotect", "--yes"]) == 0
    assert "backups are still encrypted" in capsys.readouterr().out
    assert protected.read_bytes().startswith(b"SQLite format 3")
    assert main(["--db", str(protected), "list", "teachers", "--json"]) == 0
    assert len(_names(capsys)) == 3


def test_protect_refuses_a_short_passphrase_and_an_empty_file(notebook, tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    assert main(["--db", str(notebook), "--passphrase-file", str(short), "protect"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["--db", str(notebook), "--passphrase-file", str(empty), "protect"]) == 1
    assert "is empty" in capsys.readouterr().err
    assert notebook.read_bytes().startswith(b"SQLite format 3")


def test_there_is_no_way_to_give_a_passphrase_on_the_command_line(capsys):
    with pytest.raises(SystemExit):
        main(["--passphrase", PASSPHRASE, "list", "teachers"])
    assert PASSPHRASE not in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_on_a_terminal_the_passphrase_is_asked_without_echo(protected):
    import pty
    import select

    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "COACHBOOK_PASSPHRASE_FILE"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(protected), "list", "teachers"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        start_new_session=True,
    )
    os.close(secondary)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([primary], [], [], 30)
            assert ready, f"no {marker!r} in {seen!r}"
            try:
                seen += os.read(primary, 4096)
            except OSError:
                return

    read_until(b"Passphrase for notebook.sqlite3: ")
    os.write(primary, PASSPHRASE.encode() + b"\n")
    read_until(b"Featherstone")
    process.wait(timeout=30)
    with __import__("contextlib").suppress(OSError):
        seen += os.read(primary, 65536)
    os.close(primary)
    assert process.returncode == 0
    assert PASSPHRASE.encode() not in seen
