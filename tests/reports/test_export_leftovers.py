"""Killed or failed exports leave nothing behind, and a CSV folder is always one whole export."""

import csv
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.reports import ExportCancelled, ExportError, write_csv_tables
from app.reports.common import write_atomically
from app.reports.leftovers import clean_leftover_exports, temp_folder_beside, unfinished_write
from app.services.reports import csv_tables
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

PROJECT = Path(__file__).resolve().parents[2]


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def teacher_names(folder: Path) -> set[str]:
    with (folder / "teacher.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    name = rows[0].index("name")
    return {row[name] for row in rows[1:]}


def run_and_die(script: str) -> subprocess.CompletedProcess:
    """Run a script that kills its own process (no clean-up at all) at a chosen moment."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr
    return done


@pytest.fixture
def notebook(small_demo_template, tmp_path) -> Path:
    path = tmp_path / "notebook" / "demo.sqlite3"
    path.parent.mkdir()
    shutil.copy(small_demo_template, path)
    return path


def earlier_export(folder: Path, tmp_path: Path) -> None:
    """A real export of a one-teacher notebook, the one a new export replaces."""
    with Store.open(tmp_path / "earlier.sqlite3", backup_on_open=False) as store:
        save_teacher(store, TeacherForm(name="Earlier Export Teacher"))
        write_csv_tables(csv_tables(store), folder)


@pytest.mark.slow
def test_a_killed_pdf_export_leaves_its_temp_file_for_the_next_start_to_remove(notebook, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "portfolio.pdf"
    target.write_bytes(b"%PDF- the earlier portfolio")
    run_and_die(
        f"""
        import os
        from datetime import date
        from app.reports import render_portfolio
        from app.services.reports import portfolio_data
        from app.store import Store

        def die(done, total):
            if done > total // 2:
                os._exit(9)

        with Store.open({str(notebook)!r}, backup_on_open=False) as store:
            data = portfolio_data(store, "2026-2027", date(2026, 11, 25))
        render_portfolio(data, {str(target)!r}, progress=die)
        """
    )
    (left,) = hidden(out)
    assert left.startswith(".portfolio.pdf.") and left.endswith(".part")

    removed = clean_leftover_exports()

    assert removed == [out / left]
    assert hidden(out) == []
    assert target.read_bytes() == b"%PDF- the earlier portfolio"
    assert clean_leftover_exports() == []  # the ledger is empty again


@pytest.mark.slow
def test_a_csv_export_killed_while_writing_leaves_the_earlier_export_whole(notebook, tmp_path):
    folder = tmp_path / "out" / "spreadsheets"
    earlier_export(folder, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run_and_die(
        f"""
        import os
        from app.reports import write_csv_tables
        from app.services.reports import csv_tables
        from app.store import Store

        def die(done, total):
            if done > total // 2:
                os._exit(9)

        with Store.open({str(notebook)!r}, backup_on_open=False) as store:
            tables = csv_tables(store)
        write_csv_tables(tables, {str(folder)!r}, progress=die)
        """
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    (left,) = hidden(folder.parent)
    assert left.startswith(".spreadsheets.tmp-")

    clean_leftover_exports()

    assert hidden(folder.parent) == []
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.slow
def test_a_csv_export_killed_mid_swap_is_one_whole_export_after_the_next_start(notebook, tmp_path):
    folder = tmp_path / "out" / "spreadsheets"
    earlier_export(folder, tmp_path)
    # Killed between moving the earlier folder aside and renaming the new one into place.
    run_and_die(
        f"""
        import os
        from app.reports import write_csv_tables
        from app.services.reports import csv_tables
        from app.store import Store

        real_rename = os.rename
        def rename_then_die(source, target):
            real_rename(source, target)
            if ".old-" in os.fspath(target):
                os._exit(9)
        os.rename = rename_then_die

        with Store.open({str(notebook)!r}, backup_on_open=False) as store:
            tables = csv_tables(store)
        write_csv_tables(tables, {str(folder)!r})
        """
    )
    assert not folder.exists()

    clean_leftover_exports()

    assert teacher_names(folder) == {"Earlier Export Teacher"}
    assert hidden(folder.parent) == []


def test_a_csv_export_replaces_the_earlier_one_whole(demo_store, tmp_path):
    folder = tmp_path / "spreadsheets"
    earlier_export(folder, tmp_path)

    write_csv_tables(csv_tables(demo_store), folder)

    assert "Earlier Export Teacher" not in teacher_names(folder)
    assert len(teacher_names(folder)) > 1
    assert hidden(tmp_path) == []


def test_a_cancelled_csv_export_leaves_no_temp_folder_and_the_earlier_export(demo_store, tmp_path):
    folder = tmp_path / "spreadsheets"
    earlier_export(folder, tmp_path)
    calls = []

    def cancel_third_table():
        calls.append(1)
        if len(calls) == 3:
            raise ExportCancelled

    with pytest.raises(ExportCancelled):
        write_csv_tables(csv_tables(demo_store), folder, cancel=cancel_third_table)

    assert teacher_names(folder) == {"Earlier Export Teacher"}
    assert hidden(tmp_path) == []
    assert clean_leftover_exports() == []


def test_a_csv_export_never_empties_a_folder_of_other_files(store, tmp_path, db_path):
    (tmp_path / "lesson plan.docx").write_bytes(b"the coach's own file")

    with pytest.raises(ExportError) as refused:
        write_csv_tables(csv_tables(store), tmp_path)

    assert str(refused.value) == (
        f"{tmp_path} already holds other files, and a CSV export replaces its folder whole. "
        "Choose an empty folder, or give a new folder name to make."
    )
    assert (tmp_path / "lesson plan.docx").read_bytes() == b"the coach's own file"
    assert db_path.exists()


def test_the_clean_up_leaves_a_write_still_running_alone(tmp_path):
    target = tmp_path / "spreadsheets"
    temp = temp_folder_beside(target)
    with unfinished_write(temp, target=target):
        temp.mkdir()

        assert clean_leftover_exports() == []
        assert temp.exists()


def test_a_failed_pdf_write_leaves_no_temp_file(tmp_path):
    def fail(stream):
        stream.write(b"half")
        raise ExportCancelled

    with pytest.raises(ExportCancelled):
        write_atomically(tmp_path / "report.pdf", fail)

    assert list(tmp_path.iterdir()) == []
    assert clean_leftover_exports() == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need extra rights on Windows")
def test_a_csv_export_through_a_symlinked_folder_leaves_nothing_beside_it(store, tmp_path):
    real = tmp_path / "real"
    earlier_export(real, tmp_path)
    link = tmp_path / "spreadsheets"
    link.symlink_to(real, target_is_directory=True)

    write_csv_tables(csv_tables(store), link)

    assert (link / "teacher.csv").exists()
    assert hidden(tmp_path) == []
    assert teacher_names(real) == {"Earlier Export Teacher"}  # what the link pointed at stays
