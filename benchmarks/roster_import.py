"""A district's OneRoster bundle (3,000 teachers, 60,000 students) imported into a notebook.

Prints the time of a first import and of an identical re-import against the 3 s target,
and the peak memory of reading the bundle with 6,000 and with 60,000 students: the file is
streamed, so the second should be about the first.
"""

import csv
import io
import random
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from app.services.roster import apply_import, plan_import, read_roster
from app.store import Store

TEACHERS = 3000
STUDENTS = 60_000
SCHOOLS = 40
TARGET_S = 3.0
USERS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "userIds",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "sms",
    "phone",
    "agentSourcedIds",
    "grades",
    "password",
]
ORGS = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"]
FIRST = ["Maria", "David", "Grace", "Hương", "Wei", "Aisha", "Tomás", "Olivia", "Noah", "Priya"]
LAST = ["Alvarez", "Chen", "Okafor", "Nguyễn", "Zhang", "Patel", "García", "Johnson", "Kim"]
GRADES = ["KG", *[f"{n:02d}" for n in range(1, 13)]]


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def write_bundle(path: Path, teachers: int, students: int) -> Path:
    """A OneRoster 1.1 bundle, teachers and students interleaved as a SIS writes users.csv."""
    rng = random.Random(15)
    stamp = "2026-08-20T10:00:00.000Z"
    orgs = [["district", "active", stamp, "Riverside Unified", "district", "D", ""]]
    orgs += [
        [f"s{i}", "active", stamp, f"School {i}", "school", str(i), "district"]
        for i in range(SCHOOLS)
    ]
    people = [("teacher", i) for i in range(teachers)] + [("student", i) for i in range(students)]
    rng.shuffle(people)

    def rows():
        for role, i in people:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            grade = rng.choice(GRADES)
            yield [
                f"{role[0]}-{i:06d}",
                "active",
                stamp,
                "true",
                f"district,s{i % SCHOOLS}",
                role,
                f"{role}{i}",
                "",
                first,
                f"{last}{i}",
                "",
                str(i),
                f"{role}{i}@district.org",
                "",
                "",
                "",
                grade,
                "",
            ]

    manifest = [["manifest.version", "1.0"], ["oneroster.version", "1.1"], ["file.users", "bulk"]]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("manifest.csv", _csv(["propertyName", "value"], manifest))
        bundle.writestr("orgs.csv", _csv(ORGS, orgs))
        bundle.writestr("users.csv", _csv(USERS, rows()))
    return path


def peak_read_memory(path: Path) -> int:
    tracemalloc.start()
    read_roster(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        bundle = write_bundle(folder / "district.zip", TEACHERS, STUDENTS)
        small = write_bundle(folder / "small.zip", TEACHERS, STUDENTS // 10)
        with Store.open(folder / "notebook.sqlite3") as store:
            started = time.perf_counter()
            roster = read_roster(bundle)
            plan = plan_import(store, roster)
            first = apply_import(store, plan)
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            again = apply_import(store, plan_import(store, read_roster(bundle)))
            again_s = time.perf_counter() - started
        small_peak, big_peak = peak_read_memory(small), peak_read_memory(bundle)
    print(
        f"OneRoster bundle, {TEACHERS:,} teachers and {STUDENTS:,} students "
        f"({roster.students_skipped:,} skipped, not stored):"
    )
    print(f"  first import   {first_s:5.2f} s  ({first.added:,} added)  target < {TARGET_S:.0f} s")
    print(
        f"  re-import      {again_s:5.2f} s  ({again.added} added, {again.updated} updated, "
        f"{again.unchanged:,} unchanged)"
    )
    print(
        f"  peak memory reading: {small_peak / 2**20:.1f} MB with {STUDENTS // 10:,} students, "
        f"{big_peak / 2**20:.1f} MB with {STUDENTS:,} (ratio {big_peak / small_peak:.2f})"
    )
    return 0 if first_s < TARGET_S and again_s < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
