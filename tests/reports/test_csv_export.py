"""The CSV export: every table, a header row, live rows only, UTF-8 with a BOM, no photo bytes."""

import csv
import uuid

from sqlmodel import SQLModel, func, select

from app.models import EvidenceFile, Note, Teacher
from app.reports import write_csv_tables
from app.reports.csv_export import spreadsheet_text
from app.services.reports import csv_tables
from app.services.teachers import TeacherForm, delete_teacher, save_teacher


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_every_table_gets_a_file_with_its_columns_and_live_rows(demo_store, tmp_path):
    written = write_csv_tables(csv_tables(demo_store, include_private=True), tmp_path / "csv")
    names = {path.stem for path in written}
    records = [t for t in SQLModel.metadata.sorted_tables if t.name != "sync_state"]
    assert names == {table.name for table in records}
    for table in records:
        path = tmp_path / "csv" / f"{table.name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel looks for
        rows = read_csv(path)
        expected = [c.name for c in table.columns if c.name not in {"data", "change_sequence"}]
        assert rows[0] == expected
        with demo_store.session() as session:
            live = session.exec(
                select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            ).one()
        assert len(rows) - 1 == live, table.name


def test_photos_are_named_and_sized_not_dumped(demo_store, tmp_path):
    write_csv_tables(csv_tables(demo_store), tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "evidence_file.csv")
    header = rows[0]
    assert "data" not in header
    with demo_store.session() as session:
        files = {str(f.id): f for f in session.exec(select(EvidenceFile))}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        stored = files[record["id"]]
        assert record["filename"] == stored.filename
        assert int(record["size_bytes"]) == len(stored.data)
    assert (tmp_path / "csv" / "evidence_file.csv").stat().st_size < 10_000


def test_soft_deleted_rows_are_left_out(store, tmp_path):
    kept = save_teacher(store, TeacherForm(name="Kept Teacher")).id
    gone = save_teacher(store, TeacherForm(name="Deleted Teacher")).id
    delete_teacher(store, gone)
    write_csv_tables(csv_tables(store), tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "teacher.csv")
    ids = {row[0] for row in rows[1:]}
    assert ids == {str(kept)}


def test_hostile_text_round_trips(hostile, tmp_path):
    write_csv_tables(csv_tables(hostile.store, include_private=True), tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "teacher.csv")
    header = rows[0]
    names = {dict(zip(header, row, strict=True))["name"] for row in rows[1:]}
    assert names == {hostile.hostile_name, hostile.vietnamese, hostile.chinese, hostile.emoji}
    notes = read_csv(tmp_path / "csv" / "note.csv")
    bodies = {dict(zip(notes[0], row, strict=True))["body"] for row in notes[1:]}
    assert hostile.long_note in bodies
    with hostile.store.session() as session:
        stored = {n.body for n in session.exec(select(Note))}
    assert bodies == stored
    uuid.UUID(rows[1][0])  # ids with dashes, as `list --json` prints them


def test_formula_looking_text_is_kept_as_text(store, tmp_path):
    save_teacher(store, TeacherForm(name='=HYPERLINK("http://x")', room="-3"))
    write_csv_tables(csv_tables(store), tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "teacher.csv")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["name"] == '\'=HYPERLINK("http://x")'
    assert record["room"] == "-3"  # a number stays a number
    assert spreadsheet_text("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_text("plain") == "plain"


def test_an_earlier_export_is_replaced_whole(store, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "teacher.csv").write_text("old,file\n" * 1000)
    (folder / "pilot.csv").write_text("old,file\n")
    save_teacher(store, TeacherForm(name="Only Teacher"))
    write_csv_tables(csv_tables(store), folder)
    rows = read_csv(folder / "teacher.csv")
    assert len(rows) == 2
    assert read_csv(folder / "pilot.csv")[0][0] == "id"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_empty_notebook_exports_headers_only(store, tmp_path):
    write_csv_tables(csv_tables(store), tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "teacher.csv")
    assert rows == [[c.name for c in Teacher.__table__.columns if c.name != "change_sequence"]]


def exported_notes(folder) -> list[dict]:
    rows = read_csv(folder / "note.csv")
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_private_notes_are_left_out_unless_asked_for(demo_store, tmp_path):
    with demo_store.session() as session:
        notes = session.exec(select(Note).where(Note.deleted_at.is_(None))).all()
        shareable = {str(n.id) for n in notes if not n.is_private}
        everything = {str(n.id) for n in notes}
    assert shareable and shareable != everything  # the demo has both kinds

    write_csv_tables(csv_tables(demo_store), tmp_path / "default")
    write_csv_tables(csv_tables(demo_store, include_private=True), tmp_path / "everything")

    default = exported_notes(tmp_path / "default")
    assert {n["id"] for n in default} == shareable
    assert {n["is_private"] for n in default} == {"false"}
    assert {n["id"] for n in exported_notes(tmp_path / "everything")} == everything
