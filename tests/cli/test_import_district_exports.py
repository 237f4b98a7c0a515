"""`coachbook import teachers FILE` with a district's export: a .zip bundle, a folder or a
CSV; `--json` prints the summary; `--archive-missing` archives who the district dropped."""

import json

from app.cli import main
from app.services.teachers import TeacherForm, list_teachers, save_teacher
from app.store import Store
from tests.roster_files import (
    STUDENT_IDS,
    STUDENT_NAMES,
    clever_files,
    notebook_bytes,
    oneroster_11_files,
    write_folder,
    write_zip,
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_oneroster_zip_prints_what_it_read_skipped_and_did(tmp_path, db_path, capsys):
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())

    code, out, err = run(capsys, "import", "teachers", str(bundle), "--db", str(db_path))

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Read district.zip: OneRoster 1.1 (users.csv, manifest.csv, orgs.csv).",
        "2 student rows skipped, not stored.",
        "1 row of other people (parents, administrators, aides, other staff) skipped, not stored.",
        "1 teacher marked inactive or to be deleted skipped.",
        "Not read: enrollments.csv, classes.csv (students and classes are never stored).",
        "Imported teachers: 2 added, 0 updated, 0 unchanged.",
    ]
    for secret in (*STUDENT_NAMES, *STUDENT_IDS):
        assert secret not in out
        assert secret.encode() not in notebook_bytes(db_path)


def test_json_summary_of_a_first_import_and_of_an_identical_reimport(tmp_path, db_path, capsys):
    folder = write_folder(tmp_path / "clever", clever_files())
    argv = ["import", "teachers", str(folder), "--json", "--db", str(db_path)]

    code, out, _err = run(capsys, *argv)
    first = json.loads(out)
    code_again, out_again, _err = run(capsys, *argv)
    again = json.loads(out_again)

    assert (code, code_again) == (0, 0)
    assert first["format"] == "Clever"
    assert first["files"] == ["teachers.csv", "schools.csv"]
    assert (first["added"], first["updated"], first["unchanged"]) == (2, 0, 0)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert first["skipped_students"] == 0 and first["refused_rows"] == []


def test_json_summary_of_a_refused_import_names_each_row_and_exits_1(tmp_path, db_path, capsys):
    files = oneroster_11_files()
    files["users.csv"] += "t-dan,active,,true,x,teacher,d,,Dan,Ode,,,dan@,,,,,\r\n"
    bundle = write_zip(tmp_path / "district.zip", files)

    code, out, err = run(capsys, "import", "teachers", str(bundle), "--json", "--db", str(db_path))

    summary = json.loads(out)
    assert code == 1
    assert summary["imported"] is False
    assert summary["skipped_students"] == 2
    assert summary["refused_rows"] == [
        {
            "line": 8,
            "name": "Dan Ode",
            "reasons": ["the Email “dan@” is not an email address like name@school.org."],
        }
    ]
    assert err.splitlines()[-1] == (
        "  line 8: the Email “dan@” is not an email address like name@school.org."
    )
    with Store.open(db_path) as store:
        assert list_teachers(store) == []


def test_teachers_missing_from_a_full_export_are_named_then_archived_on_request(
    tmp_path, db_path, capsys
):
    with Store.open(db_path) as store:
        save_teacher(store, TeacherForm(name="Gail Gone"))
    bundle = write_zip(tmp_path / "district.zip", oneroster_11_files())
    argv = ["import", "teachers", str(bundle), "--db", str(db_path)]

    _code, out, _err = run(capsys, *argv)
    assert (
        "1 active teacher of the notebook is not in this file; import again with "
        "--archive-missing to archive them (never deleted)."
    ) in out.splitlines()
    _code, out, _err = run(capsys, *argv, "--archive-missing")

    assert out.splitlines()[-1] == (
        "Imported teachers: 0 added, 0 updated, 2 unchanged, 1 archived."
    )
    with Store.open(db_path) as store:
        gail = next(t for t in list_teachers(store) if t.name == "Gail Gone")
    assert gail.archived is True
