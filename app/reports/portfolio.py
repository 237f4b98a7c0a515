"""The end-of-year portfolio: cover, contents, the year at a glance, then every section."""

from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from app.models import CycleStatus
from app.models.tools import BUY_IN_TARGET_PCT
from app.reports.document import Contents, after_cover, frame_height, frame_width, setup_for
from app.reports.flowables import data_table, empty, figures_row, heading
from app.reports.keeping import continued_block
from app.reports.pilot_report import pilot_section
from app.reports.sections import photo_blocks
from app.reports.styles import styles
from app.reports.teacher_report import cycle_section
from app.reports.text import clip, labelled, para
from app.reports.tool_report import recommendation_word, seats, utilisation
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.reports.year_chart import cycles_by_month_chart
from app.services.cycles import STATUS_LABELS
from app.services.reports.portfolio import PortfolioData, YearAtAGlance
from app.services.reports.shared import CancelCheck
from app.services.reports.tool import InventorySection, ToolFigures
from app.text import NO_VALUE, TOOL_STAGE_WORDS, full_date, money, percent_against, points

# A cycle or pilot starts on the page in hand when at least this share of the page is left:
# the page before is then two thirds full, and the section's title, dates, figures and goal
# fit under its heading.
SECTION_START_ROOM = 0.34


def render_portfolio(
    data: PortfolioData,
    out: PathOrFile,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the portfolio to a path (atomically) or an open binary file; returns its pages.

    `progress(done, total)` is called as the pages are laid out; `cancel()` is called just
    as often and stops the build by raising (nothing is written then).
    """
    width = frame_width(data.byline.paper_size)
    contents = Contents()
    body = _glance(data, contents, width)
    body += _cycles(data, contents, width)
    body += _pilots(data, contents, width)
    if data.inventory is not None:
        body += inventory_blocks(data.inventory, contents, width, data.byline.prepared_on)
    body += _activities(data, contents, width)
    body += _photos(data, contents, width)
    story = _cover(data) + after_cover() + contents.placeholders(data.byline.paper_size) + body
    return write_pdf(
        story,
        out,
        setup_for(f"End-of-year portfolio {data.school_year}", data.byline),
        invariant=invariant,
        contents=contents,
        cover=True,
        progress=progress,
        cancel=cancel,
    )


def _cover(data: PortfolioData) -> list[Flowable]:
    s = styles()
    byline = data.byline
    blocks: list[Flowable] = [
        Spacer(1, frame_height(byline.paper_size) * 0.22),
        para("END-OF-YEAR PORTFOLIO", s.kicker),
        para(f"School year {data.school_year}", s.cover_title),
    ]
    for line in (byline.coach, byline.title, byline.district):
        if line:
            blocks.append(para(line, s.cover_line))
    blocks += [
        Spacer(1, 24),
        para(
            f"Coaching cycles, classroom observations, edtech pilots and professional learning "
            f"from {full_date(data.first_day)} to {full_date(data.last_day)}.",
            s.body,
        ),
        para(
            "Coaching is confidential: notes the coach kept private are never included; only "
            "notes marked shareable appear.",
            s.muted,
        ),
        para(f"Prepared {full_date(byline.prepared_on)}.", s.muted),
    ]
    return blocks


def _glance(data: PortfolioData, contents: Contents, width: float) -> list[Flowable]:
    s = styles()
    g = data.glance
    blocks: list[Flowable] = [contents.heading("The year at a glance")]
    blocks.append(
        figures_row(
            [
                (str(g.cycles), "Coaching cycles"),
                (goals_met_figure(g), "Goals met"),
                (points(g.mean_change), average_change_label(g)),
            ],
            width,
        )
    )
    blocks.append(Spacer(1, 6))
    blocks.append(
        figures_row(
            [
                (str(g.teachers_coached), "Teachers in a cycle"),
                (str(g.observations), "Observations"),
                (str(g.pilots), "Edtech pilots"),
                (str(g.pd_sessions), "PD sessions given"),
            ],
            width,
        )
    )
    blocks.append(heading("Coaching cycles", s.h2))
    if g.cycles:
        parts = [f"{count} {label.lower()}" for label, count in g.cycles_by_status.items() if count]
        blocks.append(para(f"{g.cycles} cycles: " + ", ".join(parts) + "."))
        blocks.append(para(goals_met_sentence(g)))
    else:
        blocks.append(empty("No coaching cycles began this school year."))
    blocks.append(
        para(
            f"{g.teachers_coached} teachers were coached in a cycle and {g.teachers_observed} "
            f"were observed, over {g.observations} observations."
        )
    )
    if g.calibration:
        blocks.append(para(g.calibration))
    if g.mean_change is None:
        blocks.append(
            empty(
                "No cycle measured by time-on-task has both a baseline and a final value yet, "
                "so there is no average change to report."
            )
        )
    else:
        plural = "cycle" if g.change_cycles == 1 else "cycles"
        blocks.append(
            para(
                f"Time-on-task changed by {points(g.mean_change)} on average from "
                f"baseline to final, over {g.change_cycles} {plural} measured that way."
            )
        )
    if g.cycles:
        chart = cycles_by_month_chart(g.cycles_by_month, width)
        caption = para(
            "Each bar is the cycles that began that month, by what each cycle's “Goal met” "
            "says in its section; the number on top is how many began.",
            s.caption,
        )
        blocks += [Spacer(1, 8), chart, caption]  # the document keeps a caption with its chart
    blocks.append(heading("Edtech pilots and their decisions", s.h2))
    if g.pilot_outcomes:
        blocks += [para(f"• {line}") for line in g.pilot_outcomes]
    else:
        blocks.append(empty("No edtech pilots ran this school year."))
    blocks.append(heading("Professional learning", s.h2))
    blocks.append(
        para(
            f"{g.pd_sessions} PD sessions ({g.pd_hours:.1f} hours, {g.pd_attendees} attendees in "
            f"all) and {g.contacts} informal contacts."
        )
    )
    return blocks


def goals_met_figure(g: YearAtAGlance) -> str:
    """ "4 of 5": the cycles whose Goal met says Yes, of those that say Yes or Not yet."""
    return f"{g.goals_met} of {g.goals_answered}" if g.goals_answered else NO_VALUE


def goals_met_sentence(g: YearAtAGlance) -> str:
    stopped = g.cycles_by_status.get(STATUS_LABELS[CycleStatus.ABANDONED], 0)
    open_ = g.cycles - g.goals_answered - stopped
    if not g.goals_answered:
        sentence = f"Goals met: none of the {g.cycles} cycles has an answer yet"
    else:
        plural = "cycle" if g.goals_answered == 1 else "cycles"
        sentence = (
            f"Goals met: {g.goals_met} of {g.goals_answered} {plural} with an answer, "
            "as each cycle's own page shows it"
        )
        if open_:
            sentence += f"; {open_} more {'has' if open_ == 1 else 'have'} no answer yet"
    if stopped:
        sentence += f", and {stopped} {'was' if stopped == 1 else 'were'} stopped early"
    return sentence + "."


def average_change_label(g: YearAtAGlance) -> str:
    """What the average change is the average of, under the figure itself."""
    if g.mean_change is None:
        return "Average on-task change"
    return f"Average change, {g.change_cycles} {'cycle' if g.change_cycles == 1 else 'cycles'}"


def _cycles(data: PortfolioData, contents: Contents, width: float) -> list[Flowable]:
    blocks: list[Flowable] = [PageBreak(), contents.heading("Coaching cycles")]
    if not data.cycles:
        return [*blocks, empty("No coaching cycles began this school year.")]
    blocks.append(
        para(
            f"{len(data.cycles)} cycles, in the order they began. Each shows the goal and its "
            "baseline, target and final in the goal's own measure, the PEERS checklist, the "
            "outcome, the sessions and the time-on-task in observed lessons.",
            styles().muted,
        )
    )
    room = frame_height(data.byline.paper_size)
    for cycle in data.cycles:
        text = cycle.title_after(cycle.teacher_name)
        title, *body = cycle_section(
            cycle, width, title=contents.heading(text, level=1), with_observations=False
        )
        blocks += _running_on(title, text, body, room)
    return blocks


def _pilots(data: PortfolioData, contents: Contents, width: float) -> list[Flowable]:
    blocks: list[Flowable] = [PageBreak(), contents.heading("Edtech pilots")]
    if not data.pilots:
        return [*blocks, empty("No edtech pilots ran this school year.")]
    room = frame_height(data.byline.paper_size)
    for pilot in data.pilots:
        title, *body = pilot_section(pilot, width, title=contents.heading(pilot.tool, level=1))
        blocks += _running_on(title, pilot.tool, body, room)
    return blocks


def _running_on(
    title: Flowable, title_text: str, body: list[Flowable], frame_height: float
) -> list[Flowable]:
    """A cycle or pilot that goes on from the page in hand when there is room for its start
    (so no page is left mostly empty by the one before), and whose every later page begins
    with "`title_text` (continued)"."""
    return [
        CondPageBreak(frame_height * SECTION_START_ROOM),
        *continued_block(title, title_text, body),
    ]


def inventory_blocks(
    inventory: InventorySection, contents: Contents, width: float, today: date
) -> list[Flowable]:
    """Each tool in use with this semester's figures as `list tools` has them, and the tools
    that left the inventory in the school year with their leaving day."""
    s = styles()
    blocks: list[Flowable] = [PageBreak(), contents.heading("Tool inventory")]
    if not inventory.in_use:
        blocks.append(empty("No tool is in use in the inventory."))
    else:
        blocks.append(
            para(
                f"The {len(inventory.in_use)} tools in use on {full_date(today)}. Each "
                "semester's figure is the teachers with any use over those licensed; seats "
                "are used of bought; the cost per active teacher is the yearly cost over the "
                "teachers with any use this semester; buy-in is the latest quarter's share "
                f"agreeing, against {BUY_IN_TARGET_PCT}%; the advice is the semester review's.",
                s.muted,
            )
        )
        rows = [_inventory_cells(f) for f in inventory.in_use]
        header = [
            "Tool",
            "Stage",
            "This semester",
            "Last semester",
            "Seats",
            "Per active teacher",
            "Buy-in",
            "Advice",
        ]
        fractions = (0.17, 0.12, 0.115, 0.115, 0.1, 0.13, 0.12, 0.1)
        widths = [width * f for f in fractions]
        blocks.append(data_table(header, rows, widths, right=(2, 3, 4, 5, 6)))
        blocks.append(heading("Why each is advised so", s.h2))
        for figures in inventory.in_use:
            reasons = "; ".join(figures.row.review.reasons)
            blocks.append(
                labelled(
                    f"{clip(figures.row.tool.name, NAME_LIMIT)}: {recommendation_word(figures)}",
                    reasons[:1].upper() + reasons[1:] + "." if reasons else "",
                )
            )
    blocks.append(heading(f"Retired in {inventory.school_year}", s.h2))
    if not inventory.retired:
        blocks.append(empty(f"No tool left the inventory in {inventory.school_year}."))
        return blocks
    rows = [
        [
            f.row.tool.name,
            f.row.tool.vendor or NO_VALUE,
            TOOL_STAGE_WORDS.get(f.row.tool.stage, f.row.tool.stage),
            full_date(f.row.left_on),
        ]
        for f in inventory.retired
    ]
    widths = [width * f for f in (0.34, 0.3, 0.16, 0.2)]
    blocks.append(data_table(["Tool", "Vendor", "Stage", "Left on"], rows, widths))
    return blocks


# A tool's name before its advice, shortened past this (the table above shows more of it).
NAME_LIMIT = 120


def _inventory_cells(figures: ToolFigures) -> list[str]:
    row = figures.row
    latest = figures.latest_buy_in
    buy_in = NO_VALUE
    if latest is not None:
        shown = percent_against(latest.agree_pct, BUY_IN_TARGET_PCT)
        buy_in = f"Q{latest.quarter.number}: {shown}"
    return [
        row.tool.name,
        TOOL_STAGE_WORDS.get(row.tool.stage, row.tool.stage),
        utilisation(row.semester),
        utilisation(figures.last_semester),
        seats(figures),
        money(row.cost_per_active_teacher),
        buy_in,
        recommendation_word(figures),
    ]


def _activities(data: PortfolioData, contents: Contents, width: float) -> list[Flowable]:
    blocks: list[Flowable] = [PageBreak(), contents.heading("Activity log")]
    if not data.activities:
        return [*blocks, empty("No PD sessions or informal contacts were logged this year.")]
    g = data.glance
    blocks.append(
        para(
            f"{g.pd_sessions} PD sessions ({g.pd_hours:.1f} hours) and {g.contacts} informal "
            "contacts, oldest first.",
            styles().muted,
        )
    )
    rows = [
        [
            full_date(a.occurred_on),
            a.kind_label,
            a.topic,
            a.who,
            str(a.minutes),
            "" if a.attendees is None else str(a.attendees),
        ]
        for a in data.activities
    ]
    widths = [width * w for w in (0.14, 0.13, 0.32, 0.19, 0.1, 0.12)]
    header = ["Date", "Kind", "Topic", "With", "Minutes", "Attendees"]
    blocks.append(data_table(header, rows, widths, right=(4, 5)))
    return blocks


def _photos(data: PortfolioData, contents: Contents, width: float) -> list[Flowable]:
    blocks: list[Flowable] = [PageBreak(), contents.heading("Evidence photos")]
    return blocks + photo_blocks(data.photos, width, data.byline.paper_size)
