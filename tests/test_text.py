"""The one vocabulary: numbers rounded once, pages that add up, comparisons that read true."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from app import text

APP = Path(__file__).resolve().parent.parent / "app"
# %a %A %b %B name days and months in the machine's locale: "Di 3 Nov." on a German PC.
LOCALE_NAMES = re.compile(r"""(\{[^{}]*:[^{}]*%[aAbB])|(strftime\([^)]*%[aAbB])""")


def test_a_percentage_is_a_whole_number_or_a_dash():
    assert text.percent(83.4) == "83%"
    assert text.percent(0) == "0%"
    assert text.percent(100) == "100%"
    assert text.percent(-0.2) == "0%"
    assert text.percent(None) == text.NO_VALUE


@pytest.mark.parametrize(
    ("value", "threshold", "shown"),
    [
        (29.6, 30, "29.6%"),  # was "30%" beside "under 30%"
        (29.96, 30, "29.96%"),  # one decimal would still say 30
        (30.04, 30, "30.04%"),  # clears the line, so it must not read as exactly 30
        (17.2, 30, "17%"),  # a whole number already reads true
        (30, 30, "30%"),
        (45.5, 30, "46%"),
    ],
)
def test_a_value_beside_a_threshold_is_shown_precisely_enough_to_compare_truly(
    value, threshold, shown
):
    assert text.percent_against(value, threshold) == shown


def test_the_same_value_and_threshold_always_read_the_same():
    headline = text.percent_against(29.6, 30)
    sentence = f"utilisation {text.percent_against(29.6, 30)} is under 30%"
    assert headline in sentence


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (70.4, 87.6, "+18 pts"),  # shown 70% and 88%; the raw change 17.2 printed "+17"
        (69.6, 87.4, "+17 pts"),  # shown 70% and 87%; the raw change 17.8 printed "+18"
        (70, 70.4, "+0 pts"),
        (88, 70, "-18 pts"),
    ],
)
def test_a_cycle_change_comes_from_the_shown_percentages(before, after, change):
    row = text.goal_figures(before, None, after, percent=True)
    assert row.change == change
    shown_before = int(row.baseline.rstrip("%"))
    shown_after = int(row.final.rstrip("%"))
    assert int(change.split()[0]) == shown_after - shown_before


def test_a_change_without_both_values_is_a_dash():
    assert text.goal_figures(None, 80, 80, percent=True).change == text.NO_VALUE
    assert text.goal_figures(80, 80, None, percent=True).change == text.NO_VALUE


def test_an_average_change_has_one_decimal_and_a_sign():
    assert text.points(12.44) == "+12.4 pts"
    assert text.points(-0.31) == "-0.3 pts"
    assert text.points(None) == text.NO_VALUE


def test_goal_values_show_as_lessons_do_for_time_on_task_and_as_typed_otherwise():
    assert text.goal_value(69.9, percent=True) == "70%"  # as the baseline lesson shows
    assert text.goal_value(80.0, percent=True) == "80%"
    assert text.goal_value(7.5, percent=False) == "7.5"
    assert text.goal_value(8.0, percent=False) == "8"
    assert text.goal_value(None, percent=False) == text.NO_VALUE


def test_a_change_in_another_measure_has_the_typed_decimal():
    assert text.goal_figures(3, None, 4, percent=False).change == "+1"
    assert text.goal_figures(4.5, None, 3, percent=False).change == "-1.5"
    assert text.goal_figures(7.25, None, 8.5, percent=False).change == "+1.3"  # 7.2 -> 8.5


def test_a_final_beside_its_target_reads_true():
    assert text.goal_value_against(84.6, 85, percent=True) == "84.6%"
    assert text.goal_value_against(84.96, 85, percent=True) == "84.96%"
    assert text.goal_value_against(85, 84.6, percent=True) == "85%"
    assert text.goal_value_against(7.46, 7.5, percent=False) == "7.46"


def test_a_cycle_row_is_rounded_alike_and_adds_up():
    row = text.goal_figures(70.4, 84, 87.6, percent=True)
    assert (row.baseline, row.target, row.final, row.change) == ("70%", "84%", "88%", "+18 pts")
    # The final would round up to its target: the whole row shows one decimal.
    row = text.goal_figures(69.6, 85, 84.6, percent=True)
    assert (row.baseline, row.target, row.final, row.change) == (
        "69.6%",
        "85%",
        "84.6%",
        "+15 pts",
    )
    row = text.goal_figures(55, 68, None, percent=False)
    assert (row.baseline, row.target, row.final, row.change) == ("55", "68", "—", "—")


def test_goal_met_reads_the_same_in_the_app_and_on_paper():
    assert text.goal_met_words(True) == "Yes"
    assert text.goal_met_words(False, completed=True) == "Not yet"
    assert text.goal_met_words(None) == "Not decided yet"
    assert text.goal_met_words(None, completed=True) == "Not recorded"


def test_survey_means_have_one_decimal_everywhere():
    assert text.survey_average(3.444) == "3.4"
    assert text.survey_average(3.0) == "3.0"
    assert text.survey_average(None) == text.NO_VALUE


def test_a_survey_change_comes_from_the_shown_means():
    # Shown 3.4 and 4.1; the raw change 0.62 printed "+0.6".
    change = text.shown_survey_average(4.06) - text.shown_survey_average(3.44)
    assert text.survey_average_change(change) == "+0.7"
    assert text.survey_average_change(None) == text.NO_VALUE
    assert text.survey_average_change(-0.04) == "+0.0"


def test_dates_use_english_names():
    day = date(2026, 11, 3)
    assert text.month_day(day) == "Nov 3"
    assert text.weekday_day(day) == "Tue Nov 3"
    assert text.full_date(day) == "Nov 3, 2026"
    assert text.weekday_full_date(day) == "Tue Nov 3, 2026"
    assert text.long_weekday_date(day) == "Tuesday, November 3"
    assert text.weekday_name(date(2026, 11, 7)) == "Saturday"
    assert text.chart_day(day) == "Nov 3"
    assert text.chart_day(day, with_year=True) == "Nov 3 ’26"
    assert text.date_and_time(datetime(2026, 3, 4, 9, 5)) == "Mar 4, 2026 at 09:05"


def test_a_missing_date_is_empty_unless_asked_for_a_dash():
    assert text.full_date(None) == ""
    assert text.full_date(None, missing=text.NO_VALUE) == text.NO_VALUE


def test_date_spans_name_the_year_once_when_they_share_it():
    assert text.date_span(date(2026, 11, 3), date(2026, 12, 4)) == "Nov 3 – Dec 4, 2026"
    assert text.date_span(date(2026, 12, 1), date(2027, 1, 8)) == "Dec 1, 2026 – Jan 8, 2027"


def test_picrat_words_and_meanings():
    assert text.picrat_code("interactive", "amplification") == "IA"
    assert text.picrat_words("creative", "amplification") == "Creative amplification (CA)"
    assert text.picrat_words(None, "amplification") == text.NOT_CODED
    assert text.picrat_code("passive", None) == ""
    assert text.picrat_meaning("passive", "replacement") == (
        "Students take in content: they watch, read or listen. "
        "The technology does what an older way did, no better."
    )
    assert text.picrat_meaning(None, None) == ""


def test_samr_words_and_meanings():
    assert text.samr_words("augmentation") == "Augmentation"
    assert text.samr_words(None) == text.NOT_CODED
    assert text.samr_meaning("redefinition") == "The technology makes a new task possible."
    assert text.samr_meaning("nonsense") == ""


def test_no_module_names_days_or_months_through_the_locale():
    found = [
        f"{path.relative_to(APP)}:{number}"
        for path in sorted(APP.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LOCALE_NAMES.search(line)
    ]
    assert found == []
