"""The roster import: forgiving reading, strict checking, all rows or none."""

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from app.backups import list_backups
from app.models import School
from app.services.roster import (
    ImportPlan,
    PlannedTeacher,
    RosterError,
    RosterRejected,
    RowProblem,
    apply_import,
    import_roster_file,
    plan_import,
    read_roster,
    result_message,
)
from app.services.teachers import (
    TeacherForm,
    clean_teacher_form,
    delete_teacher,
    list_teachers,
    save_teacher,
)

HEADER = "Name,School,Grade,Subject,Room,Email,Years,Notes\n"


def write(tmp_path: Path, text: str | bytes, name: str = "roster.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def by_name(store) -> dict:
    return {t.name: t for t in list_teachers(store)}


def problems_of(store, path: Path) -> list[RowProblem]:
    with pytest.raises(RosterRejected) as rejected:
        import_roster_file(store, path)
    return rejected.value.problems


def roster_error(store, path: Path) -> str:
    with pytest.raises(RosterError) as error:
        import_roster_file(store, path)
    return str(error.value)


# Reading: encodings, delimiters, quoting, line endings, spaces


def test_import_adds_every_teacher_with_every_field(store, tmp_path):
    path = write(
        tmp_path,
        HEADER + "Ana Díaz,Lincoln Elementary,K-2,Literacy,204,ana@lincoln.org,7,Loves Seesaw\n"
        "Ben Okafor,Jefferson Middle,6,Science,B12,ben@jms.org,,\n",
    )

    result = import_roster_file(store, path)

    assert (result.added, result.updated) == (2, 0)
    ana = by_name(store)["Ana Díaz"]
    assert (ana.school, ana.grades, ana.subjects, ana.room) == (
        "Lincoln Elementary",
        "K-2",
        "Literacy",
        "204",
    )
    assert (ana.email, ana.years_experience, ana.notes) == ("ana@lincoln.org", 7, "Loves Seesaw")
    assert by_name(store)["Ben Okafor"].years_experience is None


def test_import_reads_utf8_without_bom(store, tmp_path):
    path = write(tmp_path, "Name,School\nRenée Côté,École Saint-Jean\n")

    import_roster_file(store, path)

    assert by_name(store)["Renée Côté"].school == "École Saint-Jean"


def test_import_reads_utf8_with_bom_and_finds_the_name_column(store, tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + "Name,School\nRenée Côté,Lincoln\n".encode())

    import_roster_file(store, path)

    assert list(by_name(store)) == ["Renée Côté"]


def test_import_falls_back_to_windows_1252(store, tmp_path):
    text = "Name,School,Notes\nJosé Pérez,Lincoln,“Smart quotes” – and a dash\n"
    path = write(tmp_path, text, encoding="cp1252")

    import_roster_file(store, path)

    assert by_name(store)["José Pérez"].notes == "“Smart quotes” – and a dash"


def test_import_reads_excel_unicode_text_utf16_with_tabs(store, tmp_path):
    path = write(tmp_path, "Name\tSchool\r\nNguyễn Thị Hương\tLincoln\r\n", encoding="utf-16")

    import_roster_file(store, path)

    assert by_name(store)["Nguyễn Thị Hương"].school == "Lincoln"


def test_import_reads_semicolon_delimited_file(store, tmp_path):
    path = write(tmp_path, "Name;School;Grade\nAna Díaz;Lincoln, East campus;3, 4\n")

    import_roster_file(store, path)

    ana = by_name(store)["Ana Díaz"]
    assert (ana.school, ana.grades) == ("Lincoln, East campus", "3-4")


def test_import_reads_quoted_fields_with_commas_quotes_and_newlines(store, tmp_path):
    path = write(
        tmp_path,
        'Name,School,Notes\n"Okafor, Ben",Lincoln,"Said ""yes"" to a pilot,\nthen asked for PD"\n'
        "Cy Lee,Lincoln,plain\n",
    )

    import_roster_file(store, path)

    teachers = by_name(store)
    # "Okafor, Ben" in one Name column is written as people write it (issue 15).
    assert teachers["Ben Okafor"].notes == 'Said "yes" to a pilot,\nthen asked for PD'
    assert teachers["Cy Lee"].notes == "plain"


def test_import_reads_crlf_line_endings(store, tmp_path):
    path = write(tmp_path, 'Name,School,Notes\r\nAna,Lincoln,"one\r\ntwo"\r\nBen,Lincoln,x\r\n')

    import_roster_file(store, path)

    teachers = by_name(store)
    assert teachers["Ana"].notes == "one\ntwo"
    assert teachers["Ben"].school == "Lincoln"


def test_import_skips_blank_lines_and_keeps_file_line_numbers(store, tmp_path):
    path = write(tmp_path, "\nName,School,Email\n\nAna,Lincoln,\n,,\n   \nBen,Lincoln,bad\n")

    problems = problems_of(store, path)

    assert [p.line for p in problems] == [7]


def test_import_counts_lines_inside_quoted_fields(store, tmp_path):
    path = write(tmp_path, 'Name,Notes\nAna,"a\nb\nc"\n,no name\n')

    assert [p.line for p in problems_of(store, path)] == [5]


def test_import_trims_stray_spaces(store, tmp_path):
    path = write(tmp_path, "  Name ,  School , Email \n   Ana   Díaz ,  Lincoln  ,  ana@x.org  \n")

    import_roster_file(store, path)

    ana = by_name(store)["Ana Díaz"]
    assert (ana.school, ana.email) == ("Lincoln", "ana@x.org")


def test_import_reads_a_file_without_final_newline(store, tmp_path):
    path = write(tmp_path, "Name,School\nAna,Lincoln")

    import_roster_file(store, path)

    assert by_name(store)["Ana"].school == "Lincoln"


def test_import_falls_back_to_windows_1252_despite_a_utf8_bom(store, tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + "Name\nJosé\n".encode("cp1252"))

    import_roster_file(store, path)

    assert list(by_name(store)) == ["José"]


def test_import_keeps_a_20000_character_note_exactly(store, tmp_path):
    note = ('Observed a <b>great</b> lesson & more, "quoted"; ' * 500)[:20_000]
    path = write(tmp_path, f"Name,Notes\nAna,{quote(note)}\n")

    import_roster_file(store, path)

    assert by_name(store)["Ana"].notes == note.strip()


def test_import_refuses_a_value_too_long_to_be_a_cell_naming_its_line(store, tmp_path):
    path = write(tmp_path, f"Name,Notes\nAna,x\nBen,{quote('x' * 200_000)}\n", name="x.csv")

    assert problems_of(store, path) == [
        RowProblem(
            3,
            "the Notes is 200,000 characters long, more than a roster cell holds (100,000); "
            "shorten it.",
            "Ben",
        )
    ]


def test_a_10_mb_cell_is_refused_by_its_line_without_blaming_quotes(store, tmp_path):
    path = write(tmp_path, f"Name,Notes\nAna,{'x' * 10_000_000}\n", name="x.csv")

    (problem,) = problems_of(store, path)

    assert problem.line == 2
    assert "quote" not in problem.reason
    assert problem.reason.startswith("the Notes is 10,000,000 characters long")


# Headers


@pytest.mark.parametrize(
    ("header", "value", "attribute", "expected"),
    [
        ("Name", "Ana", "name", "Ana"),
        ("Teacher", "Ana", "name", "Ana"),
        ("Teacher Name", "Ana", "name", "Ana"),
        ("TEACHER NAME:", "Ana", "name", "Ana"),
        ("School", "Lincoln", "school", "Lincoln"),
        ("Building", "Lincoln", "school", "Lincoln"),
        ("Campus", "Lincoln", "school", "Lincoln"),
        ("Grade", "3", "grades", "3"),
        ("Grades", "3-5", "grades", "3-5"),
        ("Grade Level", "K", "grades", "K"),
        ("Subject", "Math", "subjects", "Math"),
        ("Subjects", "Math", "subjects", "Math"),
        ("Content Area", "Math", "subjects", "Math"),
        ("Course", "Algebra I", "subjects", "Algebra I"),
        ("Room", "204", "room", "204"),
        ("Room #", "204", "room", "204"),
        ("Room Number", "204", "room", "204"),
        ("Email", "a@x.org", "email", "a@x.org"),
        ("E-mail", "a@x.org", "email", "a@x.org"),
        ("Email Address", "a@x.org", "email", "a@x.org"),
        ("Years", "4", "years_experience", 4),
        ("Years of Experience", "4", "years_experience", 4),
        ("Notes", "hi", "notes", "hi"),
        ("  *notes*  ", "hi", "notes", "hi"),
    ],
)
def test_import_understands_header_variant(store, tmp_path, header, value, attribute, expected):
    columns = [header] if attribute == "name" else ["Name", header]
    values = [value] if attribute == "name" else ["Ana", value]
    path = write(tmp_path, f"{','.join(columns)}\n{','.join(values)}\n")

    import_roster_file(store, path)

    (teacher,) = list_teachers(store)
    assert getattr(teacher, attribute) == expected


def test_import_ignores_unknown_columns(store, tmp_path):
    path = write(tmp_path, "Staff ID,Name,Badge colour,School\n991,Ana,green,Lincoln\n")

    import_roster_file(store, path)

    (teacher,) = list_teachers(store)
    assert (teacher.name, teacher.school, teacher.notes) == ("Ana", "Lincoln", "")


def test_import_refuses_file_without_name_column(store, tmp_path):
    path = write(tmp_path, "Given,School\nAna,Lincoln\n")

    assert roster_error(store, path) == (
        "The file has no Name column (nor First name and Last name columns); the first "
        "line should name the columns, e.g. Name, School, Grade, Subject, Room, Email."
    )


def test_import_joins_first_and_last_columns(store, tmp_path):
    import_roster_file(store, write(tmp_path, "First,Last,School\nAna,Díaz,Lincoln\n"))

    (teacher,) = list_teachers(store)
    assert (teacher.name, teacher.school) == ("Ana Díaz", "Lincoln")


def test_import_refuses_two_columns_for_the_same_field(store, tmp_path):
    path = write(tmp_path, "Name,Subject,Course\nAna,Math,Algebra\n")

    assert roster_error(store, path) == (
        "The file has two Subject columns (“Subject” and “Course”): keep one and import again."
    )


# Bad rows: each named by line and reason, and nothing written


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",Lincoln,3,,,,,", "the Name is empty; fill it in or delete the line."),
        ("   ,Lincoln,3,,,,,", "the Name is empty; fill it in or delete the line."),
        (
            "Ana,Lincoln,3,,,ana@,,",
            "the Email “ana@” is not an email address like name@school.org.",
        ),
        (
            "Ana,Lincoln,13,,,,,",
            "the Grade “13” is not a grade from K to 12. Use grades K-12, e.g. “K-2” or “9, 10”.",
        ),
        (
            "Ana,Lincoln,5-3,,,,,",
            "the Grade “5-3” runs backwards; write the lower grade first. "
            "Use grades K-12, e.g. “K-2” or “9, 10”.",
        ),
        (
            "Ana,Lincoln,3,,,,lots,",
            "the Years of experience “lots” is not a whole number from 0 to 60.",
        ),
        (
            "Ana,Lincoln,3,,,,61,",
            "the Years of experience “61” is not a whole number from 0 to 60.",
        ),
        ("A" * 201 + ",Lincoln,,,,,,", "the Name is longer than 200 characters; shorten it."),
        (
            "Ana,Lincoln,3,Math,204,a@x.org,4,notes,extra",
            "the row has 9 values but line 1 names only 8 columns; "
            "put quotes around values that contain a comma.",
        ),
    ],
    ids=[
        "empty-name",
        "blank-name",
        "bad-email",
        "grade-13",
        "backwards-range",
        "years-text",
        "years-too-many",
        "name-too-long",
        "too-many-values",
    ],
)
def test_import_refuses_bad_row_naming_line_and_reason(store, tmp_path, row, reason):
    path = write(tmp_path, HEADER + "Ben,Lincoln,4,,,,,\n" + row + "\n")

    assert problems_of(store, path) == [RowProblem(3, reason)]
    assert list_teachers(store) == []


def test_import_refuses_row_without_name(store, tmp_path):
    path = write(tmp_path, "Name,School\n,Lincoln\n")

    assert problems_of(store, path) == [
        RowProblem(2, "the Name is empty; fill it in or delete the line.")
    ]


def test_import_names_every_problem_of_a_row(store, tmp_path):
    path = write(tmp_path, "Name,Grade,Email\nAna,14,nope\n")

    assert [p.line for p in problems_of(store, path)] == [2, 2]


def test_import_refuses_same_teacher_twice_naming_both_lines(store, tmp_path):
    path = write(tmp_path, "Name,School\nAna Díaz,Lincoln\nBen,Lincoln\n  ana  DÍAZ , LINCOLN \n")

    assert problems_of(store, path) == [
        RowProblem(4, "“ana DÍAZ” at “LINCOLN” is also on line 2; keep one of the two lines.")
    ]


def test_import_allows_same_name_at_two_schools(store, tmp_path):
    path = write(tmp_path, "Name,School\nAna Díaz,Lincoln\nAna Díaz,Jefferson\n")

    assert import_roster_file(store, path).added == 2


def test_import_writes_nothing_when_any_row_is_bad(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana", school="Lincoln", room="101"))
    rows = "".join(f"Teacher {i},Lincoln,3,,,,,\n" for i in range(50))
    path = write(tmp_path, HEADER + "Ana,Lincoln,,,999,,,\n" + rows + ",Lincoln,,,,,,\n")
    before = list_teachers(store)

    with pytest.raises(RosterRejected) as rejected:
        import_roster_file(store, path)

    assert list_teachers(store) == before
    assert by_name(store)["Ana"].room == "101"
    assert [p.line for p in rejected.value.problems] == [53]


def test_rejection_message_counts_rows_not_problems(store, tmp_path):
    path = write(tmp_path, "Name,Grade,Email\nAna,14,nope\n,3,\nCy,3,\n")

    with pytest.raises(RosterRejected) as rejected:
        import_roster_file(store, path)

    assert str(rejected.value) == (
        "Nothing was imported: 2 rows have problems. Fix them and import again."
    )


def test_rejection_message_for_one_row(store, tmp_path):
    path = write(tmp_path, "Name,Email\nAna,x\n")

    with pytest.raises(RosterRejected) as rejected:
        import_roster_file(store, path)

    assert str(rejected.value) == (
        "Nothing was imported: 1 row has a problem. Fix them and import again."
    )


# Files that are not rosters


@pytest.mark.parametrize(
    "content",
    [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b",,,\n,,\n"],
    ids=["zero-bytes", "blank-lines", "bom-only", "empty-cells"],
)
def test_import_refuses_empty_file(store, tmp_path, content):
    path = write(tmp_path, content, name="x.csv")

    assert roster_error(store, path) == (
        "“x.csv” is empty: export the roster again from your spreadsheet as CSV."
    )


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"\x00\x01\x02\x03Name,School\nAna,Lincoln\n",
        bytes(range(256)) * 4,
    ],
    ids=["png", "nul-bytes", "noise"],
)
def test_import_refuses_binary_file(store, tmp_path, content):
    path = write(tmp_path, content, name="photo.csv")

    assert roster_error(store, path) == (
        "“photo.csv” is not a CSV file (it holds something else, like a picture): "
        "export the roster from your spreadsheet as CSV and import that file."
    )


def test_import_refuses_a_spreadsheet_workbook_saying_how_to_export(store, tmp_path):
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00", name="roster.xlsx")

    assert roster_error(store, path) == (
        "“roster.xlsx” is a spreadsheet workbook, not a CSV file: in your spreadsheet "
        "choose Save As (or Download) ▸ CSV and import that file."
    )


def test_import_refuses_missing_file(store, tmp_path):
    assert roster_error(store, tmp_path / "gone.csv") == (
        "“gone.csv” was not found: check the file's name and folder."
    )


def test_import_refuses_a_folder_without_a_roster(store, tmp_path):
    folder = tmp_path / "rosters"
    folder.mkdir()
    (folder / "classes.csv").write_text("sourcedId,title\nc1,Math\n")
    (folder / "courses.csv").write_text("sourcedId,title\nk1,Math\n")

    assert roster_error(store, folder) == (
        "“rosters” holds classes.csv, courses.csv, but no users.csv (OneRoster, ClassLink) or "
        "teachers.csv (Clever): choose the folder your rostering system exported, or the "
        "roster CSV file itself."
    )


def test_import_refuses_header_without_rows(store, tmp_path):
    path = write(tmp_path, "Name,School,Grade\r\n\r\n", name="x.csv")

    assert roster_error(store, path) == (
        "“x.csv” names its columns but has no teachers: add one teacher per line "
        "under the first line and import again."
    )


def test_import_refuses_unclosed_quote_naming_its_line(store, tmp_path):
    path = write(tmp_path, 'Name,Notes\nAna,fine\nBen,"never closed\nCy,x\nDee,y\n', name="x.csv")

    assert roster_error(store, path) == (
        'Line 3 of “x.csv” opens a quote (") that is never closed, so the rest of the file '
        "can't be read: close the quote and import again."
    )
    assert list_teachers(store) == []


# Re-importing: the same teacher is updated, never duplicated


def test_reimport_updates_instead_of_duplicating(store, tmp_path):
    path = write(tmp_path, HEADER + "Ana,Lincoln,3,,,,,\nBen,Jefferson,4,,,,,\n")
    import_roster_file(store, path)

    result = import_roster_file(store, path)

    assert (result.added, result.updated, result.unchanged) == (0, 0, 2)
    assert sorted(by_name(store)) == ["Ana", "Ben"]


def test_reimport_matches_name_and_school_ignoring_case_and_spaces(store, tmp_path):
    import_roster_file(store, write(tmp_path, "Name,School,Room\nAna Díaz,Lincoln Elem,101\n"))

    result = import_roster_file(
        store, write(tmp_path, "Name,School,Room\n  ANA   díaz ,lincoln  elem,202\n")
    )

    assert (result.added, result.updated) == (0, 1)
    (ana,) = list_teachers(store)
    assert (ana.name, ana.school, ana.room) == ("ANA díaz", "Lincoln Elem", "202")


def test_reimport_keeps_existing_values_for_blank_cells(store, tmp_path):
    first = HEADER + "Ana,Lincoln,3,Math,204,ana@x.org,5,Early adopter\n"
    import_roster_file(store, write(tmp_path, first))

    import_roster_file(store, write(tmp_path, HEADER + "Ana,Lincoln,,,301,,,\n"))

    ana = by_name(store)["Ana"]
    assert (ana.grades, ana.subjects, ana.room, ana.email) == ("3", "Math", "301", "ana@x.org")
    assert (ana.years_experience, ana.notes) == (5, "Early adopter")


def test_reimport_stamps_only_teachers_that_changed(store, tmp_path):
    import_roster_file(store, write(tmp_path, "Name,Room\nAna,101\nBen,102\n"))
    before = {t.name: t.updated_at for t in list_teachers(store)}

    import_roster_file(store, write(tmp_path, "Name,Room\nAna,101\nBen,202\n"))

    after = {t.name: t.updated_at for t in list_teachers(store)}
    assert after["Ana"] == before["Ana"]
    assert after["Ben"] > before["Ben"]


def test_reimport_keeps_fields_of_columns_the_file_lacks(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana", school="Lincoln", email="ana@x.org"))

    import_roster_file(store, write(tmp_path, "Name,School,Room\nAna,Lincoln,12\n"))

    assert by_name(store)["Ana"].email == "ana@x.org"


def test_reimport_adds_a_new_teacher_for_a_deleted_one(store, tmp_path):
    deleted = save_teacher(store, TeacherForm(name="Ana", school="Lincoln"))
    delete_teacher(store, deleted.id)

    result = import_roster_file(store, write(tmp_path, "Name,School\nAna,Lincoln\n"))

    assert result.added == 1
    (ana,) = list_teachers(store)
    assert ana.id != deleted.id


def test_import_without_school_updates_the_only_teacher_of_that_name(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana", school="Lincoln", room="101"))

    result = import_roster_file(store, write(tmp_path, "Name,Room\nAna,202\n"))

    assert (result.added, result.updated) == (0, 1)
    (ana,) = list_teachers(store)
    assert (ana.school, ana.room) == ("Lincoln", "202")


def test_import_with_school_fills_it_in_for_a_teacher_added_without_one(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana"))

    result = import_roster_file(store, write(tmp_path, "Name,School\nAna,Lincoln\n"))

    assert (result.added, result.updated) == (0, 1)
    assert by_name(store)["Ana"].school == "Lincoln"


def test_import_refuses_row_without_school_matching_two_teachers(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana", school="Lincoln"))
    save_teacher(store, TeacherForm(name="Ana", school="Jefferson"))

    assert problems_of(store, write(tmp_path, "Name,Room\nAna,202\n")) == [
        RowProblem(
            2,
            "the notebook has 2 teachers named “Ana” at different schools; fill in the "
            "School on this line so the right one is updated.",
        )
    ]


def test_import_refuses_two_rows_matching_the_same_teacher(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana"))
    path = write(tmp_path, "Name,School\nAna,Lincoln\nAna,Jefferson\n")

    assert problems_of(store, path) == [
        RowProblem(
            3, "this row and line 2 both match “Ana” in the notebook; keep one of the two lines."
        )
    ]


def test_import_reuses_schools_whatever_their_case(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana", school="Lincoln Elementary"))
    path = write(tmp_path, "Name,School\nBen,LINCOLN elementary\nCy,Jefferson\nDee,jefferson\n")

    import_roster_file(store, path)

    with store.session() as s:
        names = sorted(s.exec(select(School.name)).all())
    assert names == ["Jefferson", "Lincoln Elementary"]


# Hostile text is just text


@pytest.mark.parametrize(
    "name",
    [
        "<b>Ms. O'Neil & co</b>",
        "Nguyễn Thị Hương",
        "王老师",
        "Ms. Rivera 🍎✏️",
        '=HYPERLINK("http://x")',
        "Robert'); DROP TABLE teacher;--",
    ],
)
def test_import_stores_hostile_text_exactly(store, tmp_path, name):
    notes = f"{name}\n<script>alert(1)</script> 20% & “quotes” 👩🏽‍🏫"
    path = write(tmp_path, f"Name,School,Notes\n{quote(name)},王小学,{quote(notes)}\n")

    import_roster_file(store, path)

    (teacher,) = list_teachers(store)
    assert (teacher.name, teacher.school, teacher.notes) == (name, "王小学", notes)


# The steps on their own


def test_read_roster_gives_forms_with_line_numbers(tmp_path):
    path = write(tmp_path, "Name,School,Shoe size\n\nAna,Lincoln,38\n")

    (row,) = read_roster(path)

    assert row.line == 3
    assert row.form == TeacherForm(name="Ana", school="Lincoln")


def test_plan_import_writes_nothing(store, tmp_path, db_path):
    rows = read_roster(write(tmp_path, "Name,School\nAna,Lincoln\n"))
    backups_before = list_backups(db_path)

    plan = plan_import(store, rows)

    assert plan.ok
    assert plan.refused == []
    assert [p.teacher.name for p in plan.to_add] == ["Ana"]
    assert list_teachers(store) == []
    with store.session() as s:
        assert s.exec(select(School)).all() == []
    assert list_backups(db_path) == backups_before


def test_plan_import_uses_one_query_for_existing_teachers(store, tmp_path):
    for i in range(20):
        save_teacher(store, TeacherForm(name=f"Teacher {i}", school="Lincoln"))
    text = "Name,School\n" + "".join(f"Teacher {i},Lincoln\n" for i in range(200))
    rows = read_roster(write(tmp_path, text))
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if not statement.startswith("BEGIN"):  # the store opens every unit of work itself
            statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        plan = plan_import(store, rows)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)

    assert (len(plan.to_add), len(plan.to_update), len(plan.unchanged)) == (180, 0, 20)
    assert len(statements) == 1


def test_apply_import_backs_up_before_writing(store, tmp_path, db_path):
    save_teacher(store, TeacherForm(name="Ana"))
    plan = plan_import(store, read_roster(write(tmp_path, "Name\nBen\n")))
    backups_before = list_backups(db_path)

    apply_import(store, plan)

    newest = list_backups(db_path)[0]
    assert newest not in backups_before
    with closing(sqlite3.connect(newest.path)) as backup:
        assert backup.execute("SELECT name FROM teacher").fetchall() == [("Ana",)]


def test_apply_import_refuses_plan_with_problems(store, db_path):
    clean = clean_teacher_form(TeacherForm(name="Ana"))
    plan = ImportPlan(
        to_add=[PlannedTeacher(2, clean, None)],
        to_update=[],
        refused=[RowProblem(3, "the Name is empty; fill it in or delete the line.")],
    )
    backups_before = list_backups(db_path)

    with pytest.raises(RosterRejected):
        apply_import(store, plan)

    assert list_teachers(store) == []
    assert list_backups(db_path) == backups_before


def test_apply_import_refuses_when_a_planned_teacher_was_deleted_meanwhile(store, tmp_path):
    ana = save_teacher(store, TeacherForm(name="Ana"))
    plan = plan_import(store, read_roster(write(tmp_path, "Name,Room\nBen,1\nAna,2\n")))
    delete_teacher(store, ana.id)

    with pytest.raises(RosterError, match="line 3 was deleted"):
        apply_import(store, plan)

    assert list_teachers(store) == []


def test_import_of_5000_rows_is_quick_and_whole(store, tmp_path):
    rows = "".join(
        f"Teacher {i},School {i % 40},{i % 12 + 1},Math,{i},t{i}@district.org,{i % 30},\n"
        for i in range(5000)
    )
    path = write(tmp_path, HEADER + rows)

    started = time.perf_counter()
    result = import_roster_file(store, path)
    first = time.perf_counter() - started
    again = import_roster_file(store, path)

    assert (result.added, again.added, again.updated, again.unchanged) == (5000, 0, 0, 5000)
    assert "0 added, 0 updated, 5,000 unchanged" in result_message(again)
    assert len(list_teachers(store)) == 5000
    assert first < 15, f"5,000 rows took {first:.1f} s"


# Text that can't go into the notebook: control characters, special files, endless files

CONTROL_REASON = (
    "the {label} holds an invisible control character (U+{code}); retype the {label} in "
    "your spreadsheet and import again."
)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")],
    ids=["utf-8", "utf-8-bom", "utf-16", "windows-1252"],
)
def test_import_refuses_nul_in_every_encoding_naming_the_line(store, tmp_path, encoding, bom):
    text = "Name,School\r\nAna,Lincoln\r\nBen\x00,Lincoln\r\n"
    if encoding.startswith("utf-16"):
        text = text.replace(",", "\t")
    path = write(tmp_path, bom + text.encode(encoding))

    (problem,) = problems_of(store, path)

    assert problem == RowProblem(3, CONTROL_REASON.format(label="Name", code="0000"))
    assert problem.name == "Ben\ufffd"
    assert list_teachers(store) == []


@pytest.mark.parametrize(
    ("cell", "label", "code"),
    [
        ("Ben\x1b[2J", "Name", "001B"),  # clears a terminal
        ("Ben\x7f", "Name", "007F"),
        ("Ben\u009b2J", "Name", "009B"),  # C1: a terminal's CSI
        ("Ben\u0085x", "Name", "0085"),
    ],
)
def test_import_refuses_c0_and_c1_controls(store, tmp_path, cell, label, code):
    path = write(tmp_path, f"Name,School\n{quote(cell)},Lincoln\n")

    (problem,) = problems_of(store, path)

    assert problem == RowProblem(2, CONTROL_REASON.format(label=label, code=code))
    assert problem.name.startswith("Ben\ufffd")


def test_import_refuses_a_control_character_in_notes(store, tmp_path):
    path = write(tmp_path, 'Name,Notes\nAna,"bell \x07 here"\n')

    assert problems_of(store, path) == [
        RowProblem(2, CONTROL_REASON.format(label="Notes", code="0007"), "Ana")
    ]


def test_notes_keep_tabs_and_line_breaks(store, tmp_path):
    path = write(tmp_path, 'Name,Notes\nAna,"one\ttwo\r\nthree"\n')

    import_roster_file(store, path)

    assert by_name(store)["Ana"].notes == "one\ttwo\nthree"


def test_a_line_break_outside_notes_is_refused(store, tmp_path):
    path = write(tmp_path, 'Name,Room\nAna,"2\n04"\n')

    assert problems_of(store, path) == [
        RowProblem(
            2,
            "the Room holds a line break, which only Notes may hold; retype the Room in your "
            "spreadsheet and import again.",
            "Ana",
        )
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs")
def test_import_refuses_a_fifo_without_waiting_for_a_writer(store, tmp_path):
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    started = time.monotonic()

    message = roster_error(store, fifo)

    assert time.monotonic() - started < 5
    assert message == (
        "“roster.csv” is not a file but a device or a pipe: choose the CSV file exported from "
        "your spreadsheet."
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="this system has no /dev/zero")
def test_import_refuses_a_device_instead_of_reading_forever(store):
    assert roster_error(store, Path("/dev/zero")) == (
        "“zero” is not a file but a device or a pipe: choose the CSV file exported from "
        "your spreadsheet."
    )


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="this system has no /proc")
def test_size_limit_counts_what_is_read_not_the_reported_size(store, monkeypatch):
    # /proc files report a size of 0 but hold kilobytes: only counting while reading sees it.
    monkeypatch.setattr("app.services.rosters.reading.MAX_FILE_BYTES", 1024)
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0

    assert roster_error(store, path) == (
        "“maps” is too big to be a roster (over 0 MB): choose the CSV file exported from "
        "your spreadsheet."
    )
