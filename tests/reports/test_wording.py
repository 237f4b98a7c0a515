"""Words that read the same in every document: "Grade 10" for one grade and "Grades 9-10" for
several, and "32 min" kept on one line."""

import re
from datetime import date

import pytest
from reportlab.platypus import SimpleDocTemplate

from app.reports.catalogue import BY_KEY
from app.reports.text import para
from app.services.cycles import CycleStart, start_cycle
from app.services.teachers import TeacherForm, save_teacher
from app.text import grades_words, minutes_short
from tests.reports.test_catalogue import TODAY


@pytest.mark.parametrize(
    ("typed", "printed", "not_printed"),
    [
        ("10", "Grade 10", "Grades 10"),
        ("9-10", "Grades 9-10", "Grade 9"),
        ("K", "Grade K", "Grades K"),
    ],
)
def test_the_teacher_report_says_grade_for_one_grade_and_grades_for_several(
    typed, printed, not_printed, store, tmp_path, pdf_text
):
    teacher = save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak", grades=typed)).id
    cycle = start_cycle(store, CycleStart(teacher, date(2026, 10, 5), focus="Padlet"))
    document = BY_KEY["teacher"]
    out = tmp_path / "teacher.pdf"
    document.write(document.gather(store, (teacher, cycle), TODAY), out)
    text = pdf_text(out)
    assert f"Oak · {printed} ·" in text or f"Oak · {printed}" in text
    assert not_printed not in text.text


def test_grades_words_for_every_shape_of_grades():
    assert grades_words("") == ""
    assert grades_words("12") == "Grade 12"
    assert grades_words("K-2, 5") == "Grades K-2, 5"
    assert grades_words("3, 5") == "Grades 3, 5"


def test_minutes_never_end_a_line_without_their_unit(tmp_path, pdf_text):
    assert minutes_short(32) == "32\u00a0min"
    sentence = f"Done Nov 3, 2026, {minutes_short(32)} and a few more words after it. "
    # Each paragraph starts one letter later, so "32 min" meets the end of a line somewhere.
    story = [para("x" * shift + " " + sentence * 6) for shift in range(1, 40)]
    out = tmp_path / "minutes.pdf"
    SimpleDocTemplate(str(out)).build(story)
    lines = [line for page in pdf_text(out).pages for line in page.splitlines()]
    assert sum(line.replace("\u00a0", " ").count("32 min") for line in lines) == 39 * 6
    assert not [line for line in lines if re.search(r"\b32\s*$", line)]


def test_no_demo_document_says_sso(demo_store, tmp_path, pdf_text):
    import re

    from app.reports.catalogue import DOCUMENTS
    from tests.reports.test_catalogue import subjects

    for document in (d for d in DOCUMENTS if d.is_pdf):
        out = tmp_path / f"{document.key}.pdf"
        document.write(document.gather(demo_store, subjects(demo_store)[document.key], TODAY), out)
        assert not re.search(r"\bsso\b", pdf_text(out).text, re.IGNORECASE), document.key


def test_session_minutes_stay_on_one_line(demo_store, tmp_path, pdf_text):
    import re

    from tests.reports.test_catalogue import subjects

    document = BY_KEY["teacher"]
    out = tmp_path / "teacher.pdf"
    document.write(document.gather(demo_store, subjects(demo_store)["teacher"], TODAY), out)
    lines = [line for page in pdf_text(out).pages for line in page.splitlines()]
    assert not [line for line in lines if re.search(r", \d+$", line) and "Done" in line]


def test_the_pilot_report_names_the_single_sign_on_check_in_words(hostile, tmp_path, pdf_text):
    import re

    document = BY_KEY["pilot"]
    out = tmp_path / "pilot.pdf"
    document.write(document.gather(hostile.store, hostile.pilot_id, hostile.today), out)
    text = pdf_text(out).text
    assert "the single sign-on check failed" in text
    assert not re.search(r"\bsso\b", text, re.IGNORECASE)
