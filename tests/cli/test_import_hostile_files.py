"""`coachbook import teachers` on files that must not reach the notebook: controls, pipes."""

import os
import sys

import pytest

from app.cli import main


def test_cli_refuses_a_utf16_roster_with_a_nul_naming_its_line(tmp_path, db_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_bytes("Name\tSchool\r\nAna\tLincoln\r\nB\x00en\tLincoln\r\n".encode("utf-16"))

    code = main(["import", "teachers", str(roster), "--db", str(db_path)])

    err = capsys.readouterr().err
    assert code == 1
    assert "Nothing was imported: 1 row has a problem." in err
    assert "  line 3: the Name holds an invisible control character (U+0000)" in err
    assert "\x00" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no FIFOs")
def test_cli_refuses_a_fifo_in_one_line(tmp_path, db_path, capsys):
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)

    code = main(["import", "teachers", str(fifo), "--db", str(db_path)])

    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "coachbook: “roster.csv” is not a file but a device or a pipe: choose the CSV file "
        "exported from your spreadsheet."
    )
    assert not db_path.exists()
