"""Writing a PDF: repeatable bytes, a file object, atomic replacement, and plain errors."""

import errno
import io
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from app.reports import ExportError, render_portfolio, render_teacher_report
from app.reports import writing as writing_module
from app.reports.common import write_atomically
from app.services.cycles import list_cycles
from app.services.reports import portfolio_data, teacher_report_data

TODAY = date(2026, 11, 25)
PROJECT = Path(__file__).resolve().parents[2]


def teacher_data(store):
    cycle = next(c for c in list_cycles(store, TODAY) if c.status == "completed")
    return teacher_report_data(store, cycle.teacher_id, TODAY, cycle.id)


def test_invariant_builds_are_byte_identical(demo_store):
    data = teacher_data(demo_store)
    first, second = io.BytesIO(), io.BytesIO()
    render_teacher_report(data, first, invariant=True)
    render_teacher_report(data, second, invariant=True)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().startswith(b"%PDF-")


def test_invariant_portfolio_is_byte_identical(demo_store, tmp_path):
    data = portfolio_data(demo_store, "2026-2027", TODAY)
    render_portfolio(data, tmp_path / "a.pdf", invariant=True)
    render_portfolio(data, tmp_path / "b.pdf", invariant=True)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_writes_into_an_open_file(demo_store, pdf_text):
    buffer = io.BytesIO()
    pages = render_teacher_report(teacher_data(demo_store), buffer)
    assert len(pdf_text(buffer.getvalue()).pages) == pages


def test_a_failure_mid_write_leaves_the_earlier_file_whole(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the earlier report, whole")

    def half_then_fail(stream):
        stream.write(b"%PDF-1.4 half a document")
        raise RuntimeError("the layout broke")

    with pytest.raises(RuntimeError):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"the earlier report, whole"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_full_disk_says_so_and_leaves_the_earlier_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"earlier")

    def disk_full(stream):
        stream.write(b"%PDF-")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match=r"The disk is full, so report\.pdf was not written"):
        write_atomically(target, disk_full)
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_folder_that_refuses_writing_says_what_to_do(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writing_module.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="Choose a folder you can save in"):
        write_atomically(tmp_path / "report.pdf", lambda stream: None)


def test_a_missing_folder_or_a_folder_as_the_file_is_named(tmp_path):
    with pytest.raises(ExportError, match=r"does not exist\. Create it first"):
        write_atomically(tmp_path / "nowhere" / "report.pdf", lambda stream: None)
    with pytest.raises(ExportError, match=r"is a folder\. Give a file name in it"):
        write_atomically(tmp_path, lambda stream: None)


def test_replacing_keeps_the_file_readable_by_others(tmp_path):
    target = write_atomically(tmp_path / "report.pdf", lambda stream: stream.write(b"x"))
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.slow
def test_a_killed_export_leaves_the_earlier_file_whole(small_demo_template, tmp_path):
    """The process dies (no clean-up at all) halfway through laying out the portfolio."""
    notebook = tmp_path / "notebook.sqlite3"
    shutil.copy(small_demo_template, notebook)
    target = tmp_path / "portfolio.pdf"
    target.write_bytes(b"%PDF- the earlier portfolio, whole")
    script = textwrap.dedent(
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
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 9, done.stderr
    assert target.read_bytes() == b"%PDF- the earlier portfolio, whole"
