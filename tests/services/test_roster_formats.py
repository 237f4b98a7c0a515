"""District roster exports import as they come: OneRoster 1.1/1.2, Clever, PowerSchool,
Google Workspace, from a file, a folder or a .zip; students skipped and never stored."""

import zipfile

import pytest

from app.backups import list_backups
from app.services.roster import (
    RosterError,
    RosterRejected,
    apply_import,
    import_roster_file,
    import_summary,
    plan_import,
    read_roster,
    result_message,
)
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from tests.roster_files import (
    GOOGLE_USERS,
    STAMP,
    STUDENT_IDS,
    STUDENT_NAMES,
    clever_files,
    notebook_bytes,
    oneroster_11_files,
    oneroster_12_files,
    table,
    write_folder,
    write_zip,
)


def by_name(store) -> dict:
    return {t.name: t for t in list_teachers(store)}


def external_ids(store) -> dict[str, str]:
    from sqlmodel import select

    from app.models import Teacher

    with store.session() as session:
        return dict(session.exec(select(Teacher.name, Teacher.external_id)).all())


def assert_no_student_anywhere(db_path):
    stored = notebook_bytes(db_path)
    for secret in (*STUDENT_NAMES, *STUDENT_IDS, "pupil1@", "pupil2@", "pupil3@", "Parentis"):
        assert secret.encode() not in stored, secret


# OneRoster 1.1


def test_a_oneroster_11_zip_imports_its_teachers_with_school_names(store, tmp_path, db_path):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())

    roster = read_roster(bundle)
    plan = plan_import(store, roster)
    result = apply_import(store, plan)

    assert roster.format == "OneRoster 1.1"
    assert roster.files == ["users.csv", "manifest.csv", "orgs.csv"]
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    teachers = by_name(store)
    assert sorted(teachers) == ["Ana María Ruiz", "Ben Okafor"]
    ana, ben = teachers["Ana María Ruiz"], teachers["Ben Okafor"]
    # The district org in Ana's orgSourcedIds is passed over for her school.
    assert (ana.school, ana.email, ana.grades) == (
        "Lincoln Elementary",
        "ana.ruiz@district.org",
        "K-2",
    )
    assert (ben.school, ben.grades) == ("Jefferson High", "9-10")  # PK has no place in K-12
    assert external_ids(store) == {"Ana María Ruiz": "t-ana", "Ben Okafor": "t-ben"}


def test_students_parents_and_deleted_teachers_are_skipped_counted_and_never_stored(
    store, tmp_path, db_path
):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())

    roster = read_roster(bundle)
    import_roster_file(store, bundle)
    store.backup()

    assert (roster.students_skipped, roster.others_skipped, roster.inactive_skipped) == (2, 1, 1)
    assert roster.notes()[:3] == [
        "2 student rows skipped, not stored.",
        "1 row of other people (parents, administrators, aides, other staff) skipped, not stored.",
        "1 teacher marked inactive or to be deleted skipped.",
    ]
    assert "Cy Lee" not in by_name(store)
    assert list_backups(db_path)
    assert_no_student_anywhere(db_path)


def test_a_student_row_with_problems_never_refuses_the_import_nor_shows_in_a_message(
    store, tmp_path
):
    files = oneroster_11_files()
    # A student with a control character and a bad email, and more values than columns.
    files["users.csv"] += (
        f"{STUDENT_IDS[2]},active,{STAMP},true,x,student,p,,{STUDENT_NAMES[1]}\x1b,P,,S,"
        "not-an-email,,,,01,,extra,extra\r\n"
    )
    files["users.csv"] += "t-dan,active,,true,x,teacher,d,,Dan,Ode,,,not-an-email,,,,,\r\n"
    bundle = write_zip(tmp_path / "district.zip", files)

    with pytest.raises(RosterRejected) as rejected:
        import_roster_file(store, bundle)

    (problem,) = rejected.value.problems
    assert (problem.line, problem.name) == (9, "Dan Ode")
    roster = read_roster(bundle)
    assert "Schools not named in orgs.csv are kept by their id (x)." in roster.notes()
    everything = str(rejected.value) + " ".join(p.reason for p in rejected.value.problems)
    assert STUDENT_NAMES[1] not in everything and STUDENT_IDS[2] not in everything
    assert list_teachers(store) == []  # all rows or none


def test_a_oneroster_folder_imports_like_its_zip(store, tmp_path):
    folder = write_folder(tmp_path / "OneRoster export", oneroster_11_files())

    roster = read_roster(folder)
    result = import_roster_file(store, folder)

    assert (roster.format, roster.source, result.added) == ("OneRoster 1.1", "OneRoster export", 2)
    assert by_name(store)["Ben Okafor"].school == "Jefferson High"


def test_a_zip_that_keeps_its_files_in_a_folder_inside_is_read(store, tmp_path):
    bundle = write_zip(tmp_path / "export.zip", oneroster_11_files(), inside="export-2026/")

    assert import_roster_file(store, bundle).added == 2


def test_users_csv_chosen_in_its_folder_finds_orgs_csv_beside_it(store, tmp_path):
    folder = write_folder(tmp_path / "bundle", oneroster_11_files())

    roster = read_roster(folder / "users.csv")
    import_roster_file(store, folder / "users.csv")

    assert "orgs.csv" in roster.files and roster.schools_by_id == []
    assert by_name(store)["Ana María Ruiz"].school == "Lincoln Elementary"


def test_users_csv_alone_keeps_schools_by_id_and_says_so(store, tmp_path):
    files = oneroster_11_files()
    path = write_folder(tmp_path / "alone", {"users.csv": files["users.csv"]}) / "users.csv"

    roster = read_roster(path)
    import_roster_file(store, path)

    # Without orgs.csv nothing says which org is the district: the first listed is kept.
    assert roster.schools_by_id == ["org-district-1", "org-school-jefferson"]
    assert (
        "Schools are kept by their id (org-district-1, org-school-jefferson): the file has "
        "no orgs.csv. Import the whole export (the folder or .zip) to get the schools' names."
    ) in roster.notes()
    assert by_name(store)["Ana María Ruiz"].school == "org-district-1"


def test_a_bundle_without_orgs_csv_keeps_schools_by_id(store, tmp_path):
    bundle = write_zip(tmp_path / "no-orgs.zip", oneroster_11_files(with_orgs=False))

    roster = read_roster(bundle)
    import_roster_file(store, bundle)

    assert roster.schools_by_id == ["org-district-1", "org-school-jefferson"]
    assert by_name(store)["Ben Okafor"].school == "org-school-jefferson"


def test_a_file_naming_schools_by_id_never_replaces_the_school_names_known(store, tmp_path):
    import_roster_file(store, write_zip(tmp_path / "full.zip", oneroster_11_files()))
    alone = write_folder(tmp_path / "alone", {"users.csv": oneroster_11_files()["users.csv"]})

    result = import_roster_file(store, alone / "users.csv")

    assert (result.updated, result.unchanged) == (0, 2)
    assert by_name(store)["Ben Okafor"].school == "Jefferson High"


def test_oneroster_header_variants_import_alike(store, tmp_path):
    # Column order shuffled, header case changed, semicolons, UTF-8 BOM: the same teachers.
    lines = oneroster_11_files()["users.csv"].splitlines()
    header = lines[0].split(",")
    order = list(reversed(range(len(header))))
    import csv

    rows = list(csv.reader(lines))
    text = "\r\n".join(
        ";".join(f'"{row[i]}"' if "," in row[i] else row[i] for i in order) for row in rows
    )
    text = text.replace("givenName", "GIVENNAME").replace("familyName", "FamilyName")
    path = tmp_path / "users.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())

    result = import_roster_file(store, path)

    assert result.added == 2
    assert sorted(by_name(store)) == ["Ana María Ruiz", "Ben Okafor"]


# OneRoster 1.2


def test_a_oneroster_12_bundle_takes_roles_from_roles_csv_and_preferred_names(store, tmp_path):
    bundle = write_zip(tmp_path / "or12.zip", oneroster_12_files())

    roster = read_roster(bundle)
    import_roster_file(store, bundle)

    assert roster.format == "OneRoster 1.2"
    assert "roles.csv" in roster.files
    assert roster.students_skipped == 1
    teachers = by_name(store)
    assert sorted(teachers) == ["Kate Wong", "Omar J Farah"]
    assert teachers["Kate Wong"].school == "Lincoln Elementary"  # primaryOrgSourcedId
    assert teachers["Omar J Farah"].school == "Jefferson High"  # the teacher role's org
    assert teachers["Omar J Farah"].grades == "11-12"


def test_oneroster_12_roles_csv_decides_even_beside_a_role_column(store, tmp_path):
    files = oneroster_12_files()
    # A 1.2 users.csv that also keeps the old role column, wrong for Omar: roles.csv wins.
    lines = files["users.csv"].splitlines()
    files["users.csv"] = "\r\n".join(
        [lines[0] + ",role", lines[1] + ",teacher", lines[2] + ",aide", lines[3] + ",student"]
    )

    roster = read_roster(write_zip(tmp_path / "or12.zip", files))

    assert sorted(r.form.name for r in roster) == ["Kate Wong", "Omar J Farah"]


def test_oneroster_12_users_without_roles_csv_is_refused_saying_what_to_import(store, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(oneroster_12_files()["users.csv"])

    with pytest.raises(RosterError) as error:
        import_roster_file(store, path)

    assert str(error.value) == (
        "“users.csv” says nobody's role (OneRoster 1.2 keeps roles in roles.csv, which is "
        "missing): import the whole bundle, the folder or .zip with users.csv and roles.csv."
    )


# Re-importing


def test_an_identical_reimport_reports_every_teacher_unchanged_and_writes_nothing(
    store, tmp_path, db_path
):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())
    import_roster_file(store, bundle)
    backups = list_backups(db_path)
    before = list_teachers(store)
    size = db_path.stat().st_size, db_path.with_name(db_path.name + "-wal").stat().st_size

    again = import_roster_file(store, bundle)

    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert result_message(again) == "Imported teachers: 0 added, 0 updated, 2 unchanged."
    assert list_teachers(store) == before  # same updated_at: nothing was written
    assert list_backups(db_path) == backups
    assert (db_path.stat().st_size, db_path.with_name(db_path.name + "-wal").stat().st_size) == size


def test_a_reimport_finds_a_teacher_by_the_district_id_after_a_new_name_and_email(store, tmp_path):
    import_roster_file(store, write_zip(tmp_path / "a.zip", oneroster_11_files()))
    files = oneroster_11_files()
    files["users.csv"] = (
        files["users.csv"].replace("Okafor", "Okafor-Hale").replace("ben.okafor@", "ben.hale@")
    )

    plan = plan_import(store, read_roster(write_zip(tmp_path / "b.zip", files)))
    result = apply_import(store, plan)

    (updated,) = plan.to_update
    assert updated.changes == ("Name", "Email")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert sorted(by_name(store)) == ["Ana María Ruiz", "Ben Okafor-Hale"]


def test_a_teacher_added_by_hand_is_found_by_email_and_gets_the_district_id(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ana Ruiz", email="Ana.Ruiz@district.org"))

    result = import_roster_file(store, write_zip(tmp_path / "a.zip", oneroster_11_files()))

    assert (result.added, result.updated) == (1, 1)
    assert external_ids(store)["Ana María Ruiz"] == "t-ana"
    assert len(list_teachers(store)) == 2


def test_a_teacher_added_by_hand_is_found_by_name_and_school(store, tmp_path):
    save_teacher(store, TeacherForm(name="Ben Okafor", school="jefferson high", room="B12"))

    import_roster_file(store, write_zip(tmp_path / "a.zip", oneroster_11_files()))

    ben = by_name(store)["Ben Okafor"]
    assert (ben.room, ben.email) == ("B12", "ben.okafor@district.org")
    assert len(list_teachers(store)) == 2


def test_the_same_name_with_another_district_id_is_another_teacher(store, tmp_path):
    import_roster_file(store, write_zip(tmp_path / "a.zip", oneroster_11_files()))
    files = oneroster_11_files()
    files["users.csv"] = (
        files["users.csv"].replace("t-ben", "t-ben-2").replace("ben.okafor@", "ben.okafor2@")
    )

    result = import_roster_file(store, write_zip(tmp_path / "b.zip", files))

    assert (result.added, result.unchanged) == (1, 1)


# A full sync: teachers the district no longer lists


def test_a_full_export_offers_to_archive_missing_teachers_and_never_deletes(store, tmp_path):
    gone = save_teacher(store, TeacherForm(name="Gail Gone", school="Lincoln Elementary"))
    bundle = write_zip(tmp_path / "a.zip", oneroster_11_files())

    plan = plan_import(store, read_roster(bundle))
    assert [m.name for m in plan.missing] == ["Gail Gone"]
    apply_import(store, plan)
    assert by_name(store)["Gail Gone"].archived is False  # off unless the coach asks

    plan = plan_import(store, read_roster(bundle))
    result = apply_import(store, plan, archive_missing=True)

    assert result.archived == 1
    gail = by_name(store)["Gail Gone"]
    assert (gail.id, gail.archived) == (gone.id, True)


def test_a_coachs_own_spreadsheet_offers_no_archiving(store, tmp_path):
    save_teacher(store, TeacherForm(name="Gail Gone"))
    path = tmp_path / "new teachers.csv"
    path.write_text("Name,School\nAna Ruiz,Lincoln\n")

    assert plan_import(store, read_roster(path)).missing == []


def test_a_staff_export_from_the_sis_offers_archiving(store, tmp_path):
    save_teacher(store, TeacherForm(name="Gail Gone"))
    path = tmp_path / "staff.csv"
    path.write_text("First_Name,Last_Name,Email_Addr\nAna,Ruiz,ana@district.org\n")

    assert [m.name for m in plan_import(store, read_roster(path)).missing] == ["Gail Gone"]


def test_a_delta_export_offers_no_archiving(store, tmp_path):
    save_teacher(store, TeacherForm(name="Gail Gone"))
    bundle = write_zip(tmp_path / "delta.zip", oneroster_11_files(delta=True))

    roster = read_roster(bundle)
    plan = plan_import(store, roster)

    assert plan.missing == []
    assert roster.full_sync is False
    assert roster.notes()[-1] == "This is a partial (delta) export: teachers missing from it stay."


# Clever


def test_a_clever_zip_imports_teachers_with_school_names_and_leaves_students_unread(
    store, tmp_path, db_path
):
    bundle = write_zip(tmp_path / "clever.zip", clever_files())

    roster = read_roster(bundle)
    import_roster_file(store, bundle)

    assert roster.format == "Clever"
    assert roster.files == ["teachers.csv", "schools.csv"]
    assert "students.csv" in roster.unread
    assert any(n.startswith("Not read: ") and "students.csv" in n for n in roster.notes())
    teachers = by_name(store)
    assert teachers["Ana María Ruiz"].school == "Lincoln Elementary"
    assert teachers["Ben Okafor"].email == "ben.okafor@district.org"
    assert external_ids(store) == {"Ana María Ruiz": "T-1", "Ben Okafor": "T-2"}
    assert_no_student_anywhere(db_path)


def test_clever_teachers_csv_alone_keeps_schools_by_id(store, tmp_path):
    path = tmp_path / "teachers.csv"
    path.write_text(clever_files()["teachers.csv"])

    roster = read_roster(path)
    import_roster_file(store, path)

    assert roster.schools_by_id == ["s-100", "s-200"]
    assert "no schools.csv" in " ".join(roster.notes())
    assert by_name(store)["Ben Okafor"].school == "s-200"


def test_clever_header_variants_lower_case_and_tabs(store, tmp_path):
    text = clever_files()["teachers.csv"].lower().replace(",", "\t")
    path = tmp_path / "teachers.txt"
    path.write_text(text)

    roster = read_roster(path)

    assert roster.format == "Clever"
    assert [r.form.name for r in roster] == ["ana maría ruiz", "ben okafor"]


# PowerSchool and other SIS staff exports


def test_a_powerschool_staff_export_joins_names_and_skips_inactive_staff(store, tmp_path):
    path = tmp_path / "teachers_export.csv"
    path.write_text(
        "Teachers.DCID\tTeachers.ID\tTeachers.TeacherNumber\tTeachers.First_Name\t"
        "Teachers.Middle_Name\tTeachers.Last_Name\tTeachers.LastFirst\tTeachers.Email_Addr\t"
        "Teachers.SchoolID\tTeachers.Home_Room\tTeachers.Status\n"
        "11\t1\t5001\tMaria\tElena\tGarcia\tGarcia, Maria Elena\tmgarcia@district.org\t100\t"
        "204\t1\n"
        "12\t2\t5002\tLuis\t\tPham\tPham, Luis\tlpham@district.org\t200\t12\t2\n"
    )

    roster = read_roster(path)
    import_roster_file(store, path)

    assert roster.format == "PowerSchool"
    assert roster.inactive_skipped == 1
    (maria,) = list_teachers(store)
    assert (maria.name, maria.school, maria.room) == ("Maria Elena Garcia", "100", "204")
    assert external_ids(store) == {"Maria Elena Garcia": "5001"}
    assert roster.schools_by_id == ["100"]


def test_a_lastfirst_column_alone_is_flipped(store, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text(
        "LastFirst,Email_Addr,School Name\n"
        '"Garcia, Maria",mgarcia@district.org,Lincoln Elementary\n'
        '"Nguyen, Tran Van, Jr.",tnguyen@district.org,Lincoln Elementary\n'
        '"Tom Hale, Jr.",thale@district.org,Lincoln Elementary\n'
    )

    import_roster_file(store, path)

    assert sorted(by_name(store)) == ["Maria Garcia", "Tom Hale, Jr.", "Tran Van Nguyen Jr."]


@pytest.mark.parametrize(
    "header",
    [
        "First_Name,Last_Name,Email_Addr,School_Name",
        "First Name,Last Name,Email,School",
        "FirstName,LastName,EmailAddress,SchoolName",
        "Staff First Name,Staff Last Name,Staff Email,Building",
        "first_name;last_name;e-mail;campus",
    ],
)
def test_staff_export_header_variants(store, tmp_path, header):
    delimiter = ";" if ";" in header else ","
    path = tmp_path / "staff.csv"
    path.write_text(f"{header}\n" + delimiter.join(["Ana", "Ruiz", "a@d.org", "Lincoln"]) + "\n")

    import_roster_file(store, path)

    (ana,) = list_teachers(store)
    assert (ana.name, ana.email, ana.school) == ("Ana Ruiz", "a@d.org", "Lincoln")


def test_a_mixed_export_with_a_role_column_skips_its_students(store, tmp_path, db_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,Role,Email\n"
        "Ana,Ruiz,Teacher,ana@district.org\n"
        f"{STUDENT_NAMES[0]},Pupilson,Student,pupil1@district.org\n"
    )

    roster = read_roster(path)
    import_roster_file(store, path)

    assert roster.students_skipped == 1
    assert [t.name for t in list_teachers(store)] == ["Ana Ruiz"]
    assert_no_student_anywhere(db_path)


# Google Workspace


def google_row(first, last, email, unit, employee_id="", department=""):
    row = [""] * len(GOOGLE_USERS.split(","))
    row[0], row[1], row[2], row[5], row[16], row[20] = (
        first,
        last,
        email,
        unit,
        employee_id,
        department,
    )
    return row


def test_a_google_workspace_export_takes_staff_and_skips_students(store, tmp_path, db_path):
    path = tmp_path / "User_Download_01122026.csv"
    path.write_text(
        table(
            GOOGLE_USERS,
            [
                google_row(
                    "Ana", "Ruiz", "ana@district.org", "/Staff/Lincoln Elementary", "E1", "Math"
                ),
                google_row("Ben", "Okafor", "ben@district.org", "/Staff/Jefferson High"),
                google_row(
                    STUDENT_NAMES[0],
                    "Pupilson",
                    "pupil1@district.org",
                    "/Students/Lincoln Elementary",
                ),
                google_row(
                    STUDENT_NAMES[2],
                    "Pupilson",
                    "pupil2@district.org",
                    "/Lincoln Elementary/Grade 5",
                ),
                google_row("Ivy", "Admin", "it@district.org", "/"),
            ],
        )
    )

    roster = read_roster(path)
    import_roster_file(store, path)

    assert roster.format == "Google Workspace"
    assert (roster.students_skipped, roster.others_skipped) == (1, 2)
    teachers = by_name(store)
    assert sorted(teachers) == ["Ana Ruiz", "Ben Okafor"]
    assert (teachers["Ana Ruiz"].school, teachers["Ana Ruiz"].subjects) == (
        "Lincoln Elementary",
        "Math",
    )
    assert external_ids(store)["Ana Ruiz"] == "E1"
    assert_no_student_anywhere(db_path)


# The simple format and the summary


def test_the_simple_format_is_named_as_such(store, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Name,School\nAna Ruiz,Lincoln\n")

    plan = plan_import(store, read_roster(path))
    summary = import_summary(plan, apply_import(store, plan))

    assert summary["format"] == "Coachbook CSV"
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (1, 0, 0)


def test_the_summary_names_format_counts_and_refused_rows(store, tmp_path):
    files = oneroster_11_files()
    files["users.csv"] += "t-dan,active,,true,x,teacher,d,,Dan,Ode,,,not-an-email,,,,,\r\n"
    plan = plan_import(store, read_roster(write_zip(tmp_path / "a.zip", files)))

    summary = import_summary(plan, None)

    assert summary["format"] == "OneRoster 1.1"
    assert summary["skipped_students"] == 2
    assert summary["imported"] is False
    assert summary["refused_rows"] == [
        {
            "line": 8,
            "name": "Dan Ode",
            "reasons": ["the Email “not-an-email” is not an email address like name@school.org."],
        }
    ]


# Bundles that are not what they seem


def test_a_zipped_workbook_is_named_a_workbook(store, tmp_path):
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")

    with pytest.raises(RosterError, match="is a spreadsheet workbook, not a CSV file"):
        import_roster_file(store, path)


def test_a_bundle_member_past_the_size_limit_is_refused_while_unpacking(
    store, tmp_path, monkeypatch
):
    bundle = write_zip(tmp_path / "big.zip", oneroster_11_files())
    monkeypatch.setattr("app.services.rosters.reading.MAX_FILE_BYTES", 200)

    with pytest.raises(RosterError, match=r"“users\.csv” is too big to be a roster"):
        import_roster_file(store, bundle)


def test_a_bundle_with_no_teachers_says_so(store, tmp_path):
    files = oneroster_11_files()
    lines = files["users.csv"].splitlines()
    files["users.csv"] = "\r\n".join([lines[0], lines[3], lines[5]]) + "\r\n"

    with pytest.raises(RosterError, match="has no teachers to import, only 2 other rows"):
        import_roster_file(store, write_zip(tmp_path / "a.zip", files))
