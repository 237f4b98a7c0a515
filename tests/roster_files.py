"""Roster exports written as the published formats give them, for the import tests.

Headers follow the specifications: OneRoster 1.1 and 1.2 CSV (1EdTech), Clever's SFTP CSV
files, PowerSchool's Teachers table export and Google Workspace's user download. The people
are made up; every student's name and id starts with "Pupil" or "STU", so a test can search
a notebook's bytes for them.
"""

import csv
import io
import zipfile
from pathlib import Path

OR11_USERS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
)
OR12_USERS = (
    "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
    "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,"
    "userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,"
    "preferredFamilyName,primaryOrgSourcedId,pronouns"
)
OR12_ROLES = (
    "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
    "orgSourcedId,userProfileSourcedId"
)
ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"
ENROLLMENTS = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
    "primary,beginDate,endDate"
)
CLEVER_TEACHERS = (
    "School_id,Teacher_id,Teacher_number,State_teacher_id,Teacher_email,First_name,"
    "Middle_name,Last_name,Title,Username,Password"
)
CLEVER_SCHOOLS = (
    "School_id,School_name,School_number,State_id,Low_grade,High_grade,Principal,"
    "Principal_email,School_address,School_city,School_state,School_zip,School_phone"
)
CLEVER_STUDENTS = (
    "School_id,Student_id,Student_number,State_id,Last_name,Middle_name,First_name,Grade,"
    "Gender,DOB,Race,Hispanic_Latino,Ell_status,Frl_status,IEP_status,Student_street,"
    "Student_city,Student_state,Student_zip,Student_email,Contact_relationship,Contact_type,"
    "Contact_name,Contact_phone,Contact_email,Username,Password"
)
GOOGLE_USERS = (
    "First Name [Required],Last Name [Required],Email Address [Required],Password [Required],"
    "Password Hash Function [UPLOAD ONLY],Org Unit Path [Required],New Primary Email "
    "[UPLOAD ONLY],Recovery Email,Home Secondary Email,Work Secondary Email,Recovery Phone "
    "[MUST BE IN THE E.164 FORMAT],Work Phone,Home Phone,Mobile Phone,Work Address,Home "
    "Address,Employee ID,Employee Type,Employee Title,Manager Email,Department,Cost Center,"
    "Building ID,Floor Name,Floor Section,Change Password at Next Sign-In,New Status "
    "[UPLOAD ONLY]"
)
STAMP = "2026-08-20T10:00:00.000Z"
DISTRICT, LINCOLN, JEFFERSON = "org-district-1", "org-school-lincoln", "org-school-jefferson"

STUDENT_NAMES = ("Pupilina", "Pupilson", "Pupilwright")
STUDENT_IDS = ("STU-000001", "STU-000002", "STU-000003")


def table(header: str, rows: list[list[str]]) -> str:
    """A CSV as a system writes it: the header line, then each row, quoted where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue()


def oneroster_11_files(*, with_orgs: bool = True, delta: bool = False) -> dict[str, str]:
    users = [
        # sourcedId, status, date, enabled, orgs, role, username, userIds, given, family,
        # middle, identifier, email, sms, phone, agents, grades, password
        [
            "t-ana",
            "active",
            STAMP,
            "true",
            f"{DISTRICT},{LINCOLN}",
            "teacher",
            "aruiz",
            "",
            "Ana",
            "Ruiz",
            "María",
            "E100",
            "ana.ruiz@district.org",
            "",
            "",
            "",
            "KG,01,02",
            "",
        ],
        [
            "t-ben",
            "active",
            STAMP,
            "true",
            JEFFERSON,
            "teacher",
            "bokafor",
            "",
            "Ben",
            "Okafor",
            "",
            "E101",
            "ben.okafor@district.org",
            "",
            "",
            "",
            "09,10,PK",
            "",
        ],
        [
            STUDENT_IDS[0],
            "active",
            STAMP,
            "true",
            LINCOLN,
            "student",
            "pupil1",
            "",
            STUDENT_NAMES[0],
            "Pupilson",
            "",
            "S1",
            "pupil1@students.district.org",
            "",
            "",
            "",
            "01",
            "",
        ],
        [
            "p-1",
            "active",
            STAMP,
            "true",
            LINCOLN,
            "parent",
            "parent1",
            "",
            "Pat",
            "Parentis",
            "",
            "",
            "pat@example.org",
            "",
            "",
            STUDENT_IDS[0],
            "",
            "",
        ],
        [
            STUDENT_IDS[1],
            "active",
            STAMP,
            "true",
            JEFFERSON,
            "student",
            "pupil2",
            "",
            STUDENT_NAMES[2],
            "Pupilson",
            "",
            "S2",
            "pupil2@students.district.org",
            "",
            "",
            "",
            "10",
            "",
        ],
        [
            "t-cy",
            "tobedeleted",
            STAMP,
            "true",
            LINCOLN,
            "teacher",
            "clee",
            "",
            "Cy",
            "Lee",
            "",
            "E102",
            "cy.lee@district.org",
            "",
            "",
            "",
            "03",
            "",
        ],
    ]
    files = {
        "manifest.csv": table(
            "propertyName,value",
            [
                ["manifest.version", "1.0"],
                ["oneroster.version", "1.1"],
                ["file.academicSessions", "absent"],
                ["file.classes", "bulk"],
                ["file.enrollments", "bulk"],
                ["file.orgs", "bulk" if with_orgs else "absent"],
                ["file.users", "delta" if delta else "bulk"],
                ["source.systemName", "Example SIS"],
            ],
        ),
        "users.csv": table(OR11_USERS, users),
        "enrollments.csv": table(
            ENROLLMENTS,
            [["e1", "active", STAMP, "c1", LINCOLN, STUDENT_IDS[0], "student", "false", "", ""]],
        ),
        "classes.csv": "sourcedId,status,dateLastModified,title\r\nc1,active,,Grade 1\r\n",
    }
    if with_orgs:
        files["orgs.csv"] = table(
            ORGS,
            [
                [DISTRICT, "active", STAMP, "Riverside Unified", "district", "D1", ""],
                [LINCOLN, "active", STAMP, "Lincoln Elementary", "school", "101", DISTRICT],
                [JEFFERSON, "active", STAMP, "Jefferson High", "school", "102", DISTRICT],
            ],
        )
    return files


def oneroster_12_files() -> dict[str, str]:
    users = [
        # sourcedId .. password, userMasterIdentifier, resourceSourcedIds, preferredGiven,
        # preferredMiddle, preferredFamily, primaryOrgSourcedId, pronouns
        [
            "t-kate",
            "active",
            STAMP,
            "true",
            "kwong",
            "",
            "Katherine",
            "Wong",
            "",
            "E200",
            "kate.wong@district.org",
            "",
            "",
            "",
            "04",
            "",
            "",
            "",
            "Kate",
            "",
            "",
            LINCOLN,
            "she/her",
        ],
        [
            "t-omar",
            "active",
            STAMP,
            "true",
            "ofarah",
            "",
            "Omar",
            "Farah",
            "J",
            "E201",
            "omar.farah@district.org",
            "",
            "",
            "",
            "11,12",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            STUDENT_IDS[2],
            "active",
            STAMP,
            "true",
            "pupil3",
            "",
            STUDENT_NAMES[1],
            "Pupilwright",
            "",
            "S3",
            "pupil3@students.district.org",
            "",
            "",
            "",
            "04",
            "",
            "",
            "",
            "",
            "",
            "",
            LINCOLN,
            "",
        ],
    ]
    roles = [
        ["r1", "active", STAMP, "t-kate", "primary", "teacher", "", "", LINCOLN, ""],
        ["r2", "active", STAMP, "t-omar", "primary", "teacher", "", "", JEFFERSON, ""],
        ["r3", "active", STAMP, STUDENT_IDS[2], "primary", "student", "", "", LINCOLN, ""],
    ]
    files = oneroster_11_files()
    files["manifest.csv"] = table(
        "propertyName,value",
        [
            ["manifest.version", "1.0"],
            ["oneroster.version", "1.2"],
            ["file.users", "bulk"],
            ["file.roles", "bulk"],
            ["file.orgs", "bulk"],
        ],
    )
    files["users.csv"] = table(OR12_USERS, users)
    files["roles.csv"] = table(OR12_ROLES, roles)
    return files


def clever_files() -> dict[str, str]:
    return {
        "teachers.csv": table(
            CLEVER_TEACHERS,
            [
                [
                    "s-100",
                    "T-1",
                    "1001",
                    "ST-1",
                    "ana.ruiz@district.org",
                    "Ana",
                    "María",
                    "Ruiz",
                    "Teacher",
                    "aruiz",
                    "",
                ],
                [
                    "s-200",
                    "T-2",
                    "1002",
                    "",
                    "ben.okafor@district.org",
                    "Ben",
                    "",
                    "Okafor",
                    "Science Teacher",
                    "bokafor",
                    "",
                ],
            ],
        ),
        "schools.csv": table(
            CLEVER_SCHOOLS,
            [
                [
                    "s-100",
                    "Lincoln Elementary",
                    "100",
                    "",
                    "K",
                    "5",
                    "Dr. Hale",
                    "",
                    "1 Main",
                    "Riverside",
                    "CA",
                    "90000",
                    "",
                ],
                [
                    "s-200",
                    "Jefferson High",
                    "200",
                    "",
                    "9",
                    "12",
                    "Ms. Ode",
                    "",
                    "2 Main",
                    "Riverside",
                    "CA",
                    "90000",
                    "",
                ],
            ],
        ),
        "students.csv": table(
            CLEVER_STUDENTS,
            [
                [
                    "s-100",
                    STUDENT_IDS[0],
                    "1",
                    "",
                    "Pupilson",
                    "",
                    STUDENT_NAMES[0],
                    "1",
                    "F",
                    "2019-01-02",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            ],
        ),
        "sections.csv": "School_id,Section_id,Teacher_id,Name\r\ns-100,sec1,T-1,Grade 1\r\n",
        "enrollments.csv": f"School_id,Section_id,Student_id\r\ns-100,sec1,{STUDENT_IDS[0]}\r\n",
    }


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder


def write_zip(path: Path, files: dict[str, str], inside: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text in files.items():
            bundle.writestr(f"{inside}{name}", text.encode("utf-8"))
    return path


def notebook_bytes(db_path: Path) -> bytes:
    """Every byte the notebook left on disk: the file, its WAL and every backup."""
    from app.paths import backup_dir_for

    found = [db_path, db_path.with_name(db_path.name + "-wal")]
    folder = backup_dir_for(db_path)
    if folder.is_dir():
        found += sorted(folder.iterdir())
    return b"".join(p.read_bytes() for p in found if p.is_file())
