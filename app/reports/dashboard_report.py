"""The director's monthly dashboard as a PDF: the district at a glance, then per school and per
coach, time-on-task by month, technology use (PICRAT), pilots, the tools' use by school, and the
tools in use in the coaches' inventories."""

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app import charts
from app.models.pilots import UTILISATION_FLOOR_PCT
from app.models.tools import BUY_IN_TARGET_PCT
from app.reports.document import DocumentSetup, frame_width
from app.reports.flowables import data_table, empty, figures_row, heading, title_block
from app.reports.styles import styles
from app.reports.text import para
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.district.dashboard import (
    FEWER_THAN,
    PICRAT_CELLS,
    SMALL_CELL,
    Dashboard,
    Figure,
    GroupFigures,
    ToolInUse,
    buy_in_text,
    figure_text,
    hours_text,
    utilisation_text,
)
from app.services.reports.shared import CancelCheck
from app.text import (
    ENGAGEMENT_LABELS,
    MONTHS,
    NO_VALUE,
    PILOT_STATUS_LABELS,
    USE_LABELS,
    date_and_time,
    full_date,
    money,
    percent,
    picrat_code,
)

CHART_HEIGHT = 170
WITHHELD_MARK = "<3"


def render_dashboard(
    dashboard: Dashboard,
    out: PathOrFile,
    *,
    paper_size: str = "letter",
    prepared_on,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the dashboard to a path (atomically) or an open binary file; returns the pages."""
    width = frame_width(paper_size)
    story: list[Flowable] = title_block(
        "District dashboard", dashboard.month_name, _intro_lines(dashboard, prepared_on)
    )
    story += glance(dashboard, width)
    story += synced_table(dashboard, width)
    story += group_tables(dashboard, width)
    story += trend_blocks(dashboard, width)
    story += picrat_blocks(dashboard, width)
    story += pilot_blocks(dashboard, width)
    story += tool_blocks(dashboard, width)
    story += inventory_blocks(dashboard, width)
    setup = DocumentSetup(
        f"District dashboard: {dashboard.month_name}", "Coachbook", paper_size, prepared_on
    )
    return write_pdf(story, out, setup, invariant=invariant, progress=progress, cancel=cancel)


def _intro_lines(dashboard: Dashboard, prepared_on) -> list[str]:
    total = sum(1 for c in dashboard.synced if not c.removed)
    lines = [
        f"From the district database at {dashboard.where}, read on {full_date(prepared_on)}",
        f"{dashboard.coaches_synced} of {total} coaches have synced",
    ]
    narrowed = [
        part
        for part in (
            dashboard.filters.school and f"school: {dashboard.filters.school}",
            dashboard.filters.coach_id and f"coach: {_coach(dashboard)}",
        )
        if part
    ]
    if narrowed:
        lines.append("Showing only " + ", ".join(narrowed))
    lines.append(f"A figure drawn from fewer than {SMALL_CELL} teachers is shown as “{FEWER_THAN}”")
    return lines


def _coach(dashboard: Dashboard) -> str:
    wanted = dashboard.filters.coach_id
    return next((n for n, cid in dashboard.coach_ids.items() if cid == wanted), "one coach")


def glance_figures(dashboard: Dashboard) -> list[tuple[str, str]]:
    """(value, caption) of the district's eight figures, as the page and the app show them."""
    d = dashboard.district
    return [
        (figure_text(d.cycles_started), "Cycles started"),
        (figure_text(d.cycles_active), "Cycles active"),
        (figure_text(d.cycles_completed), "Cycles completed"),
        (figure_text(d.goals_met), "Goals met"),
        (figure_text(d.sessions_done), "Coaching sessions done"),
        (figure_text(d.observations), "Lessons observed"),
        (figure_text(d.mean_time_on_task, as_percent=True), "Mean time-on-task"),
        (hours_text(d.pd_hours or 0.0), "PD hours given"),
    ]


def glance(dashboard: Dashboard, width: float) -> list[Flowable]:
    d = dashboard.district
    figures = glance_figures(dashboard)
    return [
        figures_row(figures[:4], width),
        Spacer(1, 4),
        figures_row(figures[4:], width),
        Spacer(1, 4),
        para(
            f"{figure_text(d.informal_contacts)} informal contacts and "
            f"{d.pd_sessions or 0:,} PD sessions this month. A cycle is active when it ran on "
            "any day of the month; goals met counts the cycles completed this month.",
            styles().muted,
        ),
    ]


def synced_table(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Coaches and their last sync", s.h2)]
    if not dashboard.synced:
        return [*blocks, empty("No coach has been added to the district yet.")]
    rows = [
        [
            coach.name,
            date_and_time(coach.synced_at) if coach.synced_at else "Not synced yet",
            "Removed" if coach.removed else "",
        ]
        for coach in dashboard.synced
    ]
    return [*blocks, data_table(["Coach", "Last synced (UTC)", ""], rows, _widths(width, 3, 2))]


GROUP_HEADER = [
    "Cycles started",
    "Cycles active",
    "Cycles done",
    "Goals met",
    "Sessions done",
    "Lessons seen",
    "Time on task",
]


def _group_cells(group: GroupFigures) -> list[str]:
    return [
        figure_text(group.cycles_started),
        figure_text(group.cycles_active),
        figure_text(group.cycles_completed),
        figure_text(group.goals_met),
        figure_text(group.sessions_done),
        figure_text(group.observations),
        figure_text(group.mean_time_on_task, as_percent=True),
    ]


def group_tables(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    numbers = list(range(1, len(GROUP_HEADER) + 2))
    blocks: list[Flowable] = [heading("By school", s.h2)]
    if dashboard.schools:
        rows = [
            [g.name, *_group_cells(g), figure_text(g.informal_contacts)] for g in dashboard.schools
        ]
        header = ["School", *GROUP_HEADER, "Contacts"]
        blocks.append(data_table(header, rows, _group_widths(width, len(header)), right=numbers))
    else:
        blocks.append(empty("Nothing was recorded at any school this month."))
    blocks.append(heading("By coach", s.h2))
    if not dashboard.coaches:
        return [*blocks, empty("No coach recorded anything this month.")]
    rows = [[g.name, *_group_cells(g)] for g in dashboard.coaches]
    header = ["Coach", *GROUP_HEADER]
    numbers = list(range(1, len(header)))
    blocks.append(data_table(header, rows, _group_widths(width, len(header)), right=numbers))
    blocks.append(heading("Professional development and informal contacts by coach", s.h2))
    rows = [
        [
            g.name,
            f"{g.pd_sessions or 0:,}",
            hours_text(g.pd_hours or 0.0),
            figure_text(g.informal_contacts),
        ]
        for g in dashboard.coaches
    ]
    header = ["Coach", "PD sessions", "PD hours", "Informal contacts"]
    blocks.append(data_table(header, rows, _widths(width, 4, 2), right=[1, 2, 3]))
    return blocks


def trend_blocks(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    bars = [
        charts.MonthBar(
            MONTHS[t.month.month - 1],
            t.mean_time_on_task.value,
            t.mean_time_on_task.withheld,
        )
        for t in dashboard.trend
    ]
    first, last = dashboard.trend[0].month, dashboard.trend[-1].month
    span = f"{MONTHS[first.month - 1]} {first.year} to {MONTHS[last.month - 1]} {last.year}"
    rows = [
        [
            f"{MONTHS[t.month.month - 1]} {t.month.year}",
            figure_text(t.observations),
            figure_text(t.mean_time_on_task, as_percent=True),
        ]
        for t in dashboard.trend
        if t.observations.value or t.observations.withheld
    ]
    blocks: list[Flowable] = [
        KeepTogether(
            [
                heading("Time-on-task by month", s.h2),
                para(
                    f"Mean time-on-task of the lessons observed each month, {span}; "
                    f"“{WITHHELD_MARK}” marks a month drawn from fewer than {SMALL_CELL} teachers.",
                    s.muted,
                ),
                charts.monthly_chart(bars, width, CHART_HEIGHT),
            ]
        ),
        Spacer(1, 6),
    ]
    if rows:
        header = ["Month", "Lessons observed", "Mean time-on-task"]
        blocks.append(data_table(header, rows, _widths(width, 3, 1), right=[1, 2]))
    return blocks


def picrat_blocks(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Technology use in observed lessons (PICRAT)", s.h2)]
    if not dashboard.picrat:
        return [*blocks, empty("No lesson observed this month was coded for PICRAT.")]
    columns = [picrat_code(e, u) for e, u in PICRAT_CELLS]
    cells = [
        [heat_cell(row.cells[cell], as_percent=False) for cell in PICRAT_CELLS]
        for row in dashboard.picrat
    ]
    legend = "; ".join(
        f"{engagement.value[0].upper()} {label.lower()}"
        for engagement, label in ENGAGEMENT_LABELS.items()
    )
    uses = "; ".join(f"{use.value[0].upper()} {label.lower()}" for use, label in USE_LABELS.items())
    blocks = [
        KeepTogether(
            [
                *blocks,
                para(
                    "Lessons observed this month by PICRAT cell, school by school. The first "
                    f"letter is how students engage ({legend}), the second what the technology "
                    f"does ({uses}). “{WITHHELD_MARK}”: fewer than {SMALL_CELL} teachers.",
                    s.muted,
                ),
                charts.heat_map_chart(
                    [row.school for row in dashboard.picrat], columns, cells, width
                ),
            ]
        ),
        Spacer(1, 6),
    ]
    return blocks


def pilot_blocks(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Pilots running this month", s.h2)]
    if not dashboard.pilots:
        return [*blocks, empty("No edtech pilot ran this month.")]
    rows = [
        [
            p.tool,
            p.coach,
            PILOT_STATUS_LABELS.get(p.status, p.status),
            full_date(p.start_date),
            f"{p.weeks_elapsed} of {p.length_weeks}",
            f"{p.enrolled:,}",
            figure_text(p.utilisation_pct, as_percent=True),
        ]
        for p in dashboard.pilots
    ]
    header = ["Tool", "Coach", "Status", "Started", "Weeks", "Teachers", "Utilisation"]
    blocks.append(
        para(
            f"Utilisation: the share of enrolled teacher-weeks marked as used, up to "
            f"{full_date(dashboard.as_of)}.",
            s.muted,
        )
    )
    blocks.append(data_table(header, rows, [w * width for w in PILOT_WIDTHS], right=[4, 5, 6]))
    return blocks


PILOT_WIDTHS = (0.2, 0.17, 0.12, 0.15, 0.11, 0.11, 0.14)


def tool_blocks(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Tools gathering dust: use by school", s.h2)]
    if not dashboard.tools:
        return [*blocks, empty("No pilot ran in the last twelve months.")]
    schools = dashboard.tool_schools
    cells = [
        [
            heat_cell(tool.by_school[school], as_percent=True)
            if school in tool.by_school
            else charts.HeatCell(None, "")
            for tool in dashboard.tools
        ]
        for school in schools
    ]
    blocks.append(
        para(
            "Utilisation of each tool piloted in the last twelve months, by the school of its "
            f"teachers: the paler, the less used. “{WITHHELD_MARK}”: fewer than {SMALL_CELL} "
            "teachers; blank: not piloted there.",
            s.muted,
        )
    )
    # Many tools print in groups of columns that fit the page.
    blocks += _heat_maps(schools, [tool.tool for tool in dashboard.tools], cells, width)
    # The heading and its sentence stay with the first map.
    return [KeepTogether(blocks[:3]), *blocks[3:]]


TOOL_COLUMN = 64


def heat_cell(figure: Figure, *, as_percent: bool) -> charts.HeatCell:
    if figure.withheld:
        return charts.HeatCell(None, WITHHELD_MARK, withheld=True)
    value = None if figure.value is None else float(figure.value)
    return charts.HeatCell(value, figure_text(figure, as_percent=as_percent))


def _widths(width: float, columns: int, first_share: int) -> list[float]:
    unit = width / (columns - 1 + first_share)
    return [unit * first_share] + [unit] * (columns - 1)


def _group_widths(width: float, columns: int) -> list[float]:
    first = width * 0.2
    rest = (width - first) / (columns - 1)
    return [first] + [rest] * (columns - 1)


# The columns of the tools in use, as the page and the app head them.
INVENTORY_HEADER = (
    "Tool",
    "Seated",
    "Used it",
    "Utilisation",
    "Seats bought",
    "Yearly cost",
    "Per active teacher",
    "Buy-in",
)


def tool_label(tool: ToolInUse) -> str:
    """The tool's name, saying when it is under a sunset notice (at all or some coaches)."""
    if not tool.under_notice:
        return tool.tool
    if tool.under_notice == tool.coaches:
        return f"{tool.tool} (sunset notice)"
    return f"{tool.tool} (sunset notice at {tool.under_notice} of {tool.coaches} coaches)"


def inventory_cells(tool: ToolInUse) -> list[str]:
    """A tool's row of figures, as the page and the app write them."""
    return [
        tool_label(tool),
        figure_text(tool.seated),
        figure_text(tool.active),
        utilisation_text(tool.utilisation_pct),
        NO_VALUE if tool.seats_bought is None else f"{tool.seats_bought:,}",
        money(tool.yearly_cost, cents=False),
        figure_text(tool.cost_per_active_teacher, as_money=True),
        buy_in_text(tool.buy_in_pct),
    ]


def inventory_sentence(dashboard: Dashboard) -> str:
    """What the tools in use count, said once for the page and the app."""
    tools = dashboard.tools_in_use
    notices = _tools(tools.under_notice)
    retired = _tools(tools.retired_this_year)
    return (
        f"Each tool in the coaches' inventories on {full_date(dashboard.as_of)}, matched by "
        f"name: its teachers with a seat (seated), and those of them who used it in "
        f"{tools.semester} up to that day; under {percent(UTILISATION_FLOOR_PCT)} at a "
        "semester's end, a tool is a sunset candidate. Per active teacher: the yearly cost "
        "over the teachers who used it. "
        f"Buy-in: the share of the teachers answering in {tools.quarter} whose mean answer "
        f"is 4 or more, against the {percent(BUY_IN_TARGET_PCT)} line. {notices} under a "
        f"sunset notice; {retired} retired this school year."
    )


def _tools(count: int) -> str:
    return f"{count:,} tool{'s' if count != 1 else ''} {'is' if count == 1 else 'are'}"


INVENTORY_WIDTHS = (0.22, 0.09, 0.09, 0.12, 0.1, 0.12, 0.14, 0.12)


def inventory_blocks(dashboard: Dashboard, width: float) -> list[Flowable]:
    s = styles()
    blocks: list[Flowable] = [heading("Tools in use", s.h2)]
    tools = dashboard.tools_in_use.tools
    if not tools:
        return [*blocks, empty("No coach's inventory held a tool at the month's end.")]
    blocks.append(para(inventory_sentence(dashboard), s.muted))
    rows = [inventory_cells(tool) for tool in tools]
    table = data_table(
        INVENTORY_HEADER,
        rows,
        [w * width for w in INVENTORY_WIDTHS],
        right=list(range(1, len(INVENTORY_WIDTHS))),
    )
    blocks = [KeepTogether([*blocks, table]), Spacer(1, 6)]
    schools = sorted({s for tool in tools for s in tool.by_school}, key=str.casefold)
    cells = [
        [
            heat_cell(tool.by_school[school], as_percent=True)
            if school in tool.by_school
            else charts.HeatCell(None, "")
            for tool in tools
        ]
        for school in schools
    ]
    maps = _heat_maps(schools, [tool.tool for tool in tools], cells, width)
    intro = [
        heading("Tools in use: utilisation by school", s.h2),
        para(
            "This semester's utilisation of each tool by the school of its seated teachers. "
            f"“{WITHHELD_MARK}”: fewer than {SMALL_CELL} teachers; blank: no seat there.",
            s.muted,
        ),
    ]
    return [*blocks, KeepTogether([*intro, maps[0]]), *maps[1:]]


def _heat_maps(rows: list[str], columns: list[str], cells, width: float) -> list[Flowable]:
    """Heat maps of `columns` in groups that fit the page, a little room between them (none
    after the last, which would start an empty page when it falls at a page's foot)."""
    fits = max(1, int((width - charts.HEAT_LABEL_ROOM) // TOOL_COLUMN))
    column = (width - charts.HEAT_LABEL_ROOM) / fits
    # As many maps as needed, sharing the columns evenly: 7 tools print as 4 and 3.
    per_map = -(-len(columns) // -(-len(columns) // fits)) if columns else fits
    maps: list[Flowable] = []
    for start in range(0, len(columns), per_map):
        if maps:
            maps.append(Spacer(1, 6))
        part = slice(start, start + per_map)
        fitted = charts.HEAT_LABEL_ROOM + column * len(columns[part])
        maps.append(
            charts.heat_map_chart(
                rows, columns[part], [row[part] for row in cells], min(width, fitted), top=100.0
            )
        )
    return maps
