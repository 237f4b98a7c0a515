"""The tool inventory after the pilot: the records, the semester figures and review, and the
usage import (issue 19)."""

from app.services.tools.figures import MonthUse, Review, SemesterUse, review, semester_use
from app.services.tools.inventory import (
    ToolRow,
    list_tools,
    load_tool_states,
    tool_json,
    tool_rows_in,
)
from app.services.tools.record import (
    STAGE_LABELS,
    STATUS_LABELS,
    ToolForm,
    add_tool,
    delete_tool,
    join_inventory,
    license_teacher,
    log_error,
    restore_tool,
    set_error_resolved,
    set_usage,
    unlicense_teacher,
    update_tool,
)
from app.services.tools.semesters import (
    Semester,
    current_semester,
    last_ended_semester,
    semesters_of,
)
from app.services.tools.usage_import import (
    UsageImportResult,
    UsageRejected,
    import_usage,
    read_usage_file,
)

__all__ = [
    "STAGE_LABELS",
    "STATUS_LABELS",
    "MonthUse",
    "Review",
    "Semester",
    "SemesterUse",
    "ToolForm",
    "ToolRow",
    "UsageImportResult",
    "UsageRejected",
    "add_tool",
    "current_semester",
    "delete_tool",
    "import_usage",
    "join_inventory",
    "last_ended_semester",
    "license_teacher",
    "list_tools",
    "load_tool_states",
    "log_error",
    "read_usage_file",
    "restore_tool",
    "review",
    "semester_use",
    "semesters_of",
    "set_error_resolved",
    "set_usage",
    "tool_json",
    "tool_rows_in",
    "unlicense_teacher",
    "update_tool",
]
