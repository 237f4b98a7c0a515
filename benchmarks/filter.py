"""One keystroke of filter-as-you-type over 1,200 teachers, on the real Teachers screen:
the text lands in its filter field, the list filters, the counts update, the view repaints.

Prints the median time per keystroke against one frame (16 ms) and the worst against 30 ms.
"""

import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.models import Teacher
from app.services.teachers import TeacherRow
from app.store import Store
from app.views.common.context import ScreenContext
from app.views.teachers.screen import TeachersScreen

TEACHERS = 1200
MEDIAN_TARGET_MS = 16.0
WORST_TARGET_MS = 30.0
FIRST = [
    "Maria",
    "David",
    "Grace",
    "Hương",
    "Wei",
    "Aisha",
    "Tomás",
    "Olivia",
    "Noah",
    "Priya",
    "Samuel",
    "Lucía",
    "Minh",
    "Fatima",
    "Ethan",
    "Chloe",
    "Diego",
    "Hannah",
    "Kofi",
    "Mei",
]
LAST = [
    "Alvarez",
    "Chen",
    "Okafor",
    "Nguyễn",
    "Zhang",
    "Patel",
    "García",
    "Johnson",
    "Smith",
    "Kim",
    "Brown",
    "Rossi",
    "Tran",
    "Hassan",
    "Murphy",
    "Lee",
    "Silva",
    "Walker",
    "Osei",
]
SUBJECTS = [
    "Math",
    "Science",
    "ELA",
    "Social Studies",
    "Art",
    "Music",
    "PE",
    "Spanish",
    "Computer Science",
    "Literacy",
    "Biology",
    "Algebra I",
]


def roster(rng: random.Random) -> list[TeacherRow]:
    now = datetime.now(UTC)
    return [
        TeacherRow(
            id=uuid.uuid4(),
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            school=f"{rng.choice(['Lincoln', 'Roosevelt', 'Jefferson', 'Madison'])} "
            f"{rng.choice(['Elementary', 'Middle', 'High'])} {n % 40}",
            grades=str(rng.randint(1, 12)),
            subjects=rng.choice(SUBJECTS),
            room=str(rng.randint(100, 330)),
            email="",
            years_experience=rng.randint(0, 30),
            notes="",
            archived=rng.random() < 0.05,
            updated_at=now,
        )
        for n in range(TEACHERS)
    ]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    # The real screen, on a real notebook file holding the roster.
    folder = Path(tempfile.mkdtemp(prefix="coachbook-filter-"))
    store = Store.open(folder / "filter.sqlite3", backup_on_open=False)
    with store.session() as session:
        for row in roster(random.Random(7)):
            session.add(
                Teacher(
                    name=row.name,
                    grades=row.grades,
                    subjects=row.subjects,
                    room=row.room,
                    archived=row.archived,
                )
            )
    screen = TeachersScreen(ScreenContext(store))
    screen.resize(1100, 700)
    screen.show()
    app.processEvents()
    field, view = screen.filter_edit, screen.table

    timings = []
    for word in ("maria chen", "science", "nguy", "lab 12", "okafor"):
        for end in list(range(1, len(word) + 1)) + list(range(len(word) - 1, -1, -1)):
            started = time.perf_counter()
            field.setText(word[:end])
            view.viewport().repaint()
            app.processEvents()
            timings.append((time.perf_counter() - started) * 1000)
    if os.environ.get("FILTER_DEBUG"):
        print([round(t) for t in timings])
    median, worst = statistics.median(timings), max(timings)
    print(
        f"filter: {TEACHERS} teachers, {len(timings)} keystrokes: "
        f"median {median:.1f} ms (target < {MEDIAN_TARGET_MS:.0f} ms: "
        f"{'met' if median < MEDIAN_TARGET_MS else 'MISSED'}), "
        f"worst {worst:.1f} ms (target < {WORST_TARGET_MS:.0f} ms: "
        f"{'met' if worst < WORST_TARGET_MS else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
