"""The portfolio's Tool inventory: each tool in use with the figures `list_tools` gives it
(stage, utilisation this semester and last, seats, cost per active teacher, the latest
quarter's buy-in and the advice with its reasons), and the tools that left the inventory in
the school year with their leaving day."""

from dataclasses import dataclass, fields
from datetime import date

from app.reports import render_portfolio
from app.reports.document import Contents, frame_width, setup_for
from app.reports.portfolio import inventory_blocks
from app.reports.writing import write_pdf
from app.services.profile import school_calendar
from app.services.reports import PortfolioData, portfolio_data
from app.services.reports.shared import byline
from app.services.reports.tool import InventorySection, inventory_section
from app.services.teachers import list_teachers
from app.services.tools import ToolForm, add_tool, list_tools, tool_json
from app.services.tools.buy_in import buy_in_item_rows, quarter_of, record_buy_in
from app.text import full_date, percent_against

TODAY = date(2026, 11, 25)
YEAR = "2026-2027"
STAGES = {"pilot": "Pilot", "grade_level_teams": "Grade-level teams", "full": "Full"}
ADVICE = {"keep": "Keep", "pending": "Pending", "review": "Review", "sunset": "Sunset"}


@dataclass(frozen=True)
class _WithInventory(PortfolioData):
    """The portfolio's data as its service will carry the inventory (see the wiring note)."""

    inventory: InventorySection | None = None


def portfolio_with_inventory(store) -> PortfolioData:
    base = portfolio_data(store, YEAR, TODAY)
    values = {f.name: getattr(base, f.name) for f in fields(base)}
    values["inventory"] = inventory_section(store, YEAR, TODAY)
    return _WithInventory(**values)


def test_the_portfolio_lists_each_tool_in_use_with_the_lists_figures(
    demo_store, tmp_path, pdf_text
):
    teachers = [t.id for t in list_teachers(demo_store) if not t.archived]
    # A tool of its own, so the demo's surveys don't add to its buy-in.
    chalk = add_tool(demo_store, ToolForm(name="Chalk", cost_per_year=500.0), TODAY, teachers[:5])
    statements = len(buy_in_item_rows(demo_store))
    this_quarter = quarter_of(school_calendar(demo_store), TODAY)
    for n, teacher in enumerate(teachers[:5]):
        score = 5 if n < 4 else 1  # 4 of 5 agree: 80%, under the line
        record_buy_in(demo_store, chalk, teacher, this_quarter.first_day, [score] * statements)

    out = tmp_path / "portfolio.pdf"
    render_portfolio(portfolio_with_inventory(demo_store), out)
    text = pdf_text(out)
    rows = [tool_json(row) for row in list_tools(demo_store, TODAY)]
    assert rows
    assert "Tool inventory" in text
    assert f"The {len(rows)} tools in use on {full_date(TODAY)}" in text
    section = text.text[text.text.rindex("Tool inventory") :]
    by_name = {r.tool.name: r for r in list_tools(demo_store, TODAY)}
    for row in rows:
        last = by_name[row["name"]]
        bought = "—" if row["seats_bought"] is None else row["seats_bought"]
        seats = f"{row['seats_used']} of {bought}"
        cost = row["cost_per_active_teacher"]
        money = "—" if cost is None else f"${cost:,.2f}"
        assert row["name"] in section
        line = f"{row['name']} {STAGES[row['stage']]} {percent_against(row['utilisation_pct'], 30)}"
        assert line in section, line
        assert f"{seats} {money}" in section
        advice = ADVICE[row["recommendation"]]
        reasons = "; ".join(row["reasons"])
        assert f"{row['name']}: {advice}: {reasons[:1].upper()}{reasons[1:]}." in section
        assert last.review.reasons == row["reasons"]
    # Buy-in: the latest quarter answered, against 85%.
    row = next(r for r in rows if r["name"] == "Chalk")
    assert (row["seats_used"], row["cost_per_active_teacher"]) == (0, None)
    advice = ADVICE[row["recommendation"]]
    assert f"Chalk Pilot 0% — 0 of — — Q{this_quarter.number}: 80% {advice}" in section


def test_the_portfolio_names_the_tools_retired_in_the_year_with_their_leaving_day(
    demo_store, tmp_path, pdf_text
):
    retired = [
        tool_json(r)
        for r in list_tools(demo_store, TODAY, include_retired=True)
        if not r.in_inventory
    ]
    assert retired, "the demo retires a tool"
    out = tmp_path / "portfolio.pdf"
    render_portfolio(portfolio_with_inventory(demo_store), out)
    section = pdf_text(out).text
    section = section[section.rindex("Tool inventory") :]
    first, last = school_calendar(demo_store).bounds(YEAR)
    assert f"Retired in {YEAR}" in section
    in_year = [r for r in retired if first <= date.fromisoformat(r["retired_on"]) <= last]
    assert in_year, "the demo retires a tool in this school year"
    for row in retired:
        left = date.fromisoformat(row["retired_on"])
        if row in in_year:
            assert (
                f"{row['name']} {row['vendor']} {STAGES[row['stage']]} {full_date(left)}" in section
            )
        # A tool that has left is never listed among those in use.
        assert f"{row['name']}: " not in section


def test_an_empty_inventory_says_so(store, tmp_path, pdf_text):
    section = inventory_section(store, YEAR, TODAY)
    assert section.in_use == [] and section.retired == []
    common = byline(store, TODAY)
    contents = Contents()
    story = inventory_blocks(section, contents, frame_width(common.paper_size), TODAY)
    out = tmp_path / "inventory.pdf"
    write_pdf(story, out, setup_for("Inventory", common), contents=contents)
    text = pdf_text(out)
    assert "No tool is in use in the inventory." in text
    assert f"No tool left the inventory in {YEAR}." in text
