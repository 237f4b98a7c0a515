"""Reports and the CLI sort text as the app's lists do, without Qt."""

import subprocess
import sys

from app.services.collation import sort_key

NAMES = ["Łukasz", "Lara", "Öztürk", "Oscar", "Zoë", "Émile", "Eve"]
EXPECTED = ["Émile", "Eve", "Lara", "Łukasz", "Oscar", "Öztürk", "Zoë"]


def test_accented_and_stroked_letters_sort_with_their_base_letter():
    assert sorted(NAMES, key=sort_key) == EXPECTED


def test_numbers_sort_by_value():
    rooms = ["Room 10", "Room 2", "Room 1", "Period 12", "Period 3"]
    assert sorted(rooms, key=sort_key) == ["Period 3", "Period 12", "Room 1", "Room 2", "Room 10"]


def test_accents_then_case_only_break_ties():
    assert sorted(["Émile", "emile", "Emile", "Èmile"], key=sort_key) == [
        "emile",
        "Emile",
        "Émile",
        "Èmile",
    ]
    assert sorted(["Lukasz", "Łukasz", "Lula"], key=sort_key) == ["Lukasz", "Łukasz", "Lula"]


def test_spaces_and_punctuation_come_before_letters():
    assert sorted(["Anabel", "Ana Ruiz", "O'Neil", "Oneal"], key=sort_key) == [
        "Ana Ruiz",
        "Anabel",
        "O'Neil",
        "Oneal",
    ]


def test_hostile_and_empty_text_sort_without_error():
    texts = ["", "<b>Ms. O'Neil & co</b>", "张伟", "Nguyễn Thị Hương", "\u0301", "x" * 20_000]
    assert sorted(texts, key=sort_key)[0] == ""


def test_the_sort_key_needs_no_qt():
    code = "import sys, app.services.collation; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
