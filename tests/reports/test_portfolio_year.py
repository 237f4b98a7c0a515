"""The portfolio's year at a glance: goals met as each cycle shows it, a chart of the cycles
by month, averages that say what they average, and the school year as Settings set it."""

import io
import re
from datetime import date

import pytest

from app.models import CycleStatus
from app.reports import render_portfolio
from app.services.cycles import shown_goal_met
from app.services.profile import get_profile, save_profile
from app.services.reports import portfolio_data
from app.text import MONTHS

TODAY = date(2026, 11, 25)
YEAR = "2026-2027"


def glance_page(data, pdf_text) -> str:
    out = io.BytesIO()
    render_portfolio(data, out)
    text = pdf_text(out.getvalue())
    page = next(p for p in text.pages if "The year at a glance" in p and "Goals met" in p)
    return " ".join(page.split()), text


def test_goals_met_counts_each_cycles_own_goal_met(demo_store, pdf_text):
    data = portfolio_data(demo_store, YEAR, TODAY)
    answered = [
        shown_goal_met(c.baseline, c.target, c.final, c.goal_met)
        for c in data.cycles
        if c.status != CycleStatus.ABANDONED and c.goal_met is not None
    ]
    met = sum(1 for a in answered if a)
    assert (data.glance.goals_met, data.glance.goals_answered) == (met, len(answered))
    assert 0 < met < len(answered)
    page, _ = glance_page(data, pdf_text)
    assert f" {met} of {len(answered)} " in page
    assert f"Goals met: {met} of {len(answered)} cycles with an answer" in page
    stopped = data.glance.cycles_by_status["Abandoned"]
    open_ = data.glance.cycles - len(answered) - stopped
    assert f"{open_} more have no answer yet, and {stopped} were stopped early." in page


def test_the_glance_charts_the_cycles_begun_each_month(demo_store, pdf_text):
    data = portfolio_data(demo_store, YEAR, TODAY)
    months = data.glance.cycles_by_month
    # August to June, as Settings set the school year, whatever month has no cycle.
    assert [m.month for m in months] == [date(2026, 8 + n, 1) for n in range(5)] + [
        date(2027, n, 1) for n in range(1, 7)
    ]
    assert sum(m.total for m in months) == data.glance.cycles
    assert sum(m.met for m in months) == data.glance.goals_met
    assert sum(m.stopped for m in months) == data.glance.cycles_by_status["Abandoned"]
    page, _ = glance_page(data, pdf_text)
    in_order = r".*".join(rf"\b{MONTHS[n % 12]}\b" for n in range(7, 18))  # Aug ... Jun
    assert re.search(in_order, page)
    for legend in ("Goal met", "Not met yet", "No answer yet", "Stopped early"):
        assert legend in page
    for month in months:
        if month.total:
            assert f" {month.total} " in page
    assert "Each bar is the cycles that began that month" in page


def test_the_average_change_says_how_many_cycles_it_comes_from(demo_store, pdf_text):
    data = portfolio_data(demo_store, YEAR, TODAY)
    count = data.glance.change_cycles
    plural = "cycle" if count == 1 else "cycles"
    page, _ = glance_page(data, pdf_text)
    assert f"Average change, {count} {plural}" in page
    assert f"on average from baseline to final, over {count} {plural} measured that way" in page


@pytest.mark.parametrize(
    ("start", "end", "year", "printed"),
    [
        (date(2026, 8, 1), date(2027, 6, 30), "2026-2027", "Aug 1, 2026 to Jun 30, 2027"),
        (date(2026, 8, 17), date(2027, 6, 4), "2026-2027", "Aug 17, 2026 to Jun 4, 2027"),
        (date(2026, 1, 5), date(2026, 11, 20), "2026", "Jan 5, 2026 to Nov 20, 2026"),
    ],
)
def test_the_school_year_runs_as_settings_set_it(demo_store, pdf_text, start, end, year, printed):
    profile = get_profile(demo_store)
    profile.school_year_start, profile.school_year_end = start, end
    save_profile(demo_store, profile)
    data = portfolio_data(demo_store, year, TODAY)
    assert (data.first_day, data.last_day) == (start, end)
    _, text = glance_page(data, pdf_text)
    cover = " ".join(text.pages[0].split())
    assert f"from {printed}." in cover
    assert "Jul 31" not in cover
    # The chart runs over the months of that school year and no others.
    months = data.glance.cycles_by_month
    assert months[0].month == start.replace(day=1)
    assert months[-1].month >= end.replace(day=1)
