"""Honest empty states for the screens that later versions build. Never sample data."""

from app.views.widgets import EmptyState

UPCOMING = {
    "observations": (
        "Observations arrive in a coming version",
        "A calm live recorder for time-on-task sweeps every 5 minutes, with PICRAT and "
        "SAMR coding and a per-sweep chart.",
    ),
    "pilots": (
        "Edtech pilots arrive in a coming version",
        "Four-week pilots with the six-point vetting checklist, the error log, weekly "
        "utilisation, pre/post surveys and an adopt-or-sunset recommendation.",
    ),
    "reports": (
        "Reports arrive in a coming version",
        "PDF reports for principals and teachers, and your end-of-year portfolio.",
    ),
}


def upcoming_screen(key: str, actions=()) -> EmptyState:
    title, message = UPCOMING[key]
    return EmptyState(title, message, actions)
