"""Sunsetting a tool: the 30-day notice, the checklist the coach ticks off, the notice to
teachers, and the rule for when the tool leaves the inventory (issue 19).

A tool leaves once its notice has ended and every step is ticked, on the later of the two
days. That is worked out from the data (`sunset_state`), so the inventory never shows such a
tool even before `retire_finished_sunsets` (or the last tick) records it as retired.
"""

import uuid
from dataclasses import dataclass, fields
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.models import Tool, ToolStatus
from app.models.tools import SUNSET_NOTICE_DAYS
from app.services.errors import Refused, ValidationError
from app.services.profile import ProfileData
from app.services.tools.record import live_tool
from app.store import Store
from app.text import MONTH_NAMES, WEEKDAY_NAMES, full_date

# The checklist in the order the coach works through it: the key is the Tool column that
# keeps the day the step was ticked.
SUNSET_STEPS = (
    ("teachers_told_on", "Tell the teachers"),
    ("work_archived_on", "Archive students' work to the district's drive"),
    ("sso_removed_on", "Remove the SSO app and the rostering sync"),
    ("renewal_cancelled_on", "Cancel the renewal"),
)
STEP_LABELS = dict(SUNSET_STEPS)
MAX_ARCHIVE_PLACE_LENGTH = 300


@dataclass(frozen=True)
class SunsetStep:
    key: str
    label: str
    done_on: date | None  # the day it was ticked; None while it waits


@dataclass(frozen=True)
class SunsetState:
    """Where a tool's sunset stands on `today`."""

    notice_date: date
    notice_ends_on: date  # the notice's last day is the day before: access ends this day
    days_left: int  # of the notice; 0 once it has ended
    steps: tuple[SunsetStep, ...]
    archive_place: str
    all_ticked: bool
    # The day it leaves the inventory: the later of the notice's end and the last tick;
    # None while a step waits.
    leaves_on: date | None
    # The day it left: recorded when retired, else as the rule finds it; None while in it.
    left_on: date | None
    has_left: bool  # retired, or its notice ended with every step ticked

    @property
    def notice_ended(self) -> bool:
        return self.days_left == 0

    @property
    def ticked(self) -> int:
        return sum(1 for step in self.steps if step.done_on is not None)

    def step(self, key: str) -> SunsetStep:
        return next(s for s in self.steps if s.key == key)


@dataclass(frozen=True)
class SunsetColumns:
    """A tool's sunset columns as they stood: what an undo or a redo puts back."""

    status: str
    notice_date: date | None
    teachers_told_on: date | None
    work_archived_on: date | None
    sso_removed_on: date | None
    renewal_cancelled_on: date | None
    archive_place: str
    retired_on: date | None


@dataclass(frozen=True)
class SunsetChange:
    """One committed sunset write: undo with `restore_sunset(store, id, before)`, redo with
    `restore_sunset(store, id, after)`."""

    tool_id: uuid.UUID
    name: str
    before: SunsetColumns
    after: SunsetColumns

    @property
    def retired(self) -> bool:
        """The write made the tool leave the inventory."""
        return self.after.status == ToolStatus.RETIRED and self.before.status != self.after.status


def notice_ends_on(notice_date: date) -> date:
    return notice_date + timedelta(days=SUNSET_NOTICE_DAYS)


def sunset_state(tool: Tool, today: date) -> SunsetState | None:
    """The tool's sunset on `today`; None for a tool in use, or retired without a notice."""
    if tool.notice_date is None or tool.status == ToolStatus.IN_USE:
        return None
    ends = notice_ends_on(tool.notice_date)
    steps = tuple(SunsetStep(key, label, getattr(tool, key)) for key, label in SUNSET_STEPS)
    all_ticked = all(step.done_on is not None for step in steps)
    leaves_on = max(ends, *(step.done_on for step in steps)) if all_ticked else None
    if tool.status == ToolStatus.RETIRED:
        left_on, has_left = tool.retired_on, True
    elif leaves_on is not None and leaves_on <= today:
        left_on, has_left = leaves_on, True
    else:
        left_on, has_left = None, False
    return SunsetState(
        notice_date=tool.notice_date,
        notice_ends_on=ends,
        days_left=max(0, (ends - today).days),
        steps=steps,
        archive_place=tool.archive_place,
        all_ticked=all_ticked,
        leaves_on=leaves_on,
        left_on=left_on,
        has_left=has_left,
    )


def status_on(tool: Tool, today: date) -> str:
    """The tool's status as the rules see it: retired once its sunset is finished."""
    state = sunset_state(tool, today)
    return ToolStatus.RETIRED.value if state is not None and state.has_left else tool.status


def start_sunset(store: Store, tool_id: uuid.UUID, today: date) -> SunsetChange:
    """Start the 30-day notice today, with every step waiting."""
    with store.session() as session:
        tool = live_tool(session, tool_id)
        _refuse_if_left(tool, today)
        if tool.status == ToolStatus.SUNSET_NOTICE and tool.notice_date is not None:
            raise Refused(
                f"{tool.name}'s 30-day notice started on {full_date(tool.notice_date)} already "
                f"and ends on {full_date(notice_ends_on(tool.notice_date))}."
            )
        return _change(
            session,
            tool,
            status=ToolStatus.SUNSET_NOTICE.value,
            notice_date=today,
            archive_place="",
            retired_on=None,
            **dict.fromkeys(STEP_LABELS),
        )


def tick_step(store: Store, tool_id: uuid.UUID, step: str, today: date) -> SunsetChange:
    """Tick a step off today; the last tick once the notice has ended retires the tool."""
    _check_step(step)
    with store.session() as session:
        tool = _in_notice(session, tool_id, today)
        if getattr(tool, step) is not None:
            return _change(session, tool)
        days = {key: getattr(tool, key) for key in STEP_LABELS} | {step: today}
        changes: dict = {step: today}
        if all(days.values()):
            leaves_on = max(notice_ends_on(tool.notice_date), *days.values())
            if leaves_on <= today:
                changes |= {"status": ToolStatus.RETIRED.value, "retired_on": leaves_on}
        return _change(session, tool, **changes)


def untick_step(store: Store, tool_id: uuid.UUID, step: str, today: date) -> SunsetChange:
    _check_step(step)
    with store.session() as session:
        tool = _in_notice(session, tool_id, today)
        return _change(session, tool, **{step: None})


def set_archive_place(store: Store, tool_id: uuid.UUID, place: str, today: date) -> SunsetChange:
    """Where students' work goes on the district's drive, as the notice to teachers says."""
    place = " ".join(place.split())
    if len(place) > MAX_ARCHIVE_PLACE_LENGTH:
        raise ValidationError(
            {
                "archive_place": f"Keep the place under {MAX_ARCHIVE_PLACE_LENGTH} characters: "
                "a folder's path or link is enough."
            }
        )
    with store.session() as session:
        tool = _in_notice(session, tool_id, today)
        return _change(session, tool, archive_place=place)


def cancel_sunset(store: Store, tool_id: uuid.UUID, today: date) -> SunsetChange:
    """Stop the sunset: the tool is back in use, its notice and steps cleared."""
    with store.session() as session:
        tool = _in_notice(session, tool_id, today)
        return _change(
            session,
            tool,
            status=ToolStatus.IN_USE.value,
            notice_date=None,
            archive_place="",
            retired_on=None,
            **dict.fromkeys(STEP_LABELS),
        )


def restore_sunset(store: Store, tool_id: uuid.UUID, columns: SunsetColumns) -> None:
    """Put a tool's sunset columns back as they were (an undo, or its redo)."""
    with store.session() as session:
        tool = live_tool(session, tool_id)
        for f in fields(SunsetColumns):
            setattr(tool, f.name, getattr(columns, f.name))


def retire_finished_sunsets(store: Store, today: date) -> list[str]:
    """Record as retired each tool whose notice has ended with every step ticked; returns
    their names. The inventory leaves them out already: this writes down what it shows."""
    with store.session() as session:
        return retire_finished_in(session, today)


def retire_finished_in(session: Session, today: date) -> list[str]:
    """`retire_finished_sunsets` inside a unit of work that is already open."""
    started_before = today - timedelta(days=SUNSET_NOTICE_DAYS)
    candidates = session.exec(
        select(Tool)
        .where(
            col(Tool.deleted_at).is_(None),
            Tool.status == ToolStatus.SUNSET_NOTICE.value,
            col(Tool.notice_date).is_not(None),
            col(Tool.notice_date) <= started_before,
            *(col(getattr(Tool, key)).is_not(None) for key in STEP_LABELS),
        )
        .order_by(col(Tool.name))
    ).all()
    retired = []
    for tool in candidates:
        state = sunset_state(tool, today)
        if state is not None and state.has_left:
            tool.status = ToolStatus.RETIRED.value
            tool.retired_on = state.left_on
            retired.append(tool.name)
    return retired


def notice_text(tool: Tool, state: SunsetState, profile: ProfileData) -> str:
    """The notice to the tool's teachers, for the coach to copy into an email."""
    name = tool.name
    last_day = state.notice_ends_on - timedelta(days=1)
    district = profile.district.strip()
    who = f"{district} is" if district else "We are"
    if state.archive_place:
        archive = (
            f"Your students' work in {name} will be archived to the district's drive, "
            f"in {state.archive_place}, before access ends."
        )
    else:
        archive = (
            f"Your students' work in {name} will be archived to the district's drive before "
            "access ends; I will tell you where to find it."
        )
    coach = profile.name.strip()
    ask = f"please ask me, {coach}" if coach else "please ask your instructional technology coach"
    signature = [coach] if coach else []
    role = ", ".join(part for part in (profile.title.strip(), district) if part)
    if role and coach:
        signature.append(role)
    lines = [
        f"Subject: {name} is being retired: access ends on {_long_date(state.notice_ends_on)}",
        "",
        "Dear teachers,",
        "",
        f"{who} retiring {name}. You can keep using it until {_long_date(last_day)}. "
        f"From {_long_date(state.notice_ends_on)} it will no longer be available: its "
        "district sign-in (SSO) and class rostering will be removed.",
        "",
        archive + " If there is anything else you want to keep, please save it before then.",
        "",
        f"If you have questions, or want help moving a lesson to another tool, {ask}.",
    ]
    if signature:
        lines += ["", "Thank you,", *signature]
    return "\n".join(lines)


def _long_date(day: date) -> str:
    """ "Monday, November 3, 2026", as a letter reads."""
    return f"{WEEKDAY_NAMES[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _check_step(step: str) -> None:
    if step not in STEP_LABELS:
        choices = "; ".join(STEP_LABELS.values())
        raise ValidationError({"step": f"Choose one of the sunset's steps: {choices}."})


def _refuse_if_left(tool: Tool, today: date) -> None:
    state = sunset_state(tool, today)
    if tool.status == ToolStatus.RETIRED or (state is not None and state.has_left):
        left = state.left_on if state is not None else tool.retired_on
        when = f" on {full_date(left)}" if left else ""
        raise Refused(
            f"{tool.name} left the inventory{when}. To use it again, edit it and set its "
            "status back to In use."
        )


def _in_notice(session: Session, tool_id: uuid.UUID, today: date) -> Tool:
    """The tool, while its sunset notice runs and it has not left the inventory."""
    tool = live_tool(session, tool_id)
    _refuse_if_left(tool, today)
    if tool.status != ToolStatus.SUNSET_NOTICE or tool.notice_date is None:
        raise Refused(f"{tool.name} has no sunset under way: start the sunset first.")
    return tool


def _columns(tool: Tool) -> SunsetColumns:
    return SunsetColumns(**{f.name: getattr(tool, f.name) for f in fields(SunsetColumns)})


def _change(session: Session, tool: Tool, **changes) -> SunsetChange:
    before = _columns(tool)
    for key, value in changes.items():
        setattr(tool, key, value)
    return SunsetChange(tool.id, tool.name, before, _columns(tool))
