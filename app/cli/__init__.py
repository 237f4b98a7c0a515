"""The `coachbook` command: the desktop app by default, and scriptable subcommands.

Errors print one line on stderr and exit 1; usage errors exit 2. Heavy modules (Qt,
the demo builder) are imported only by the command that needs them.
"""

from app.cli.parsing import build_parser
from app.cli.run import main

__all__ = ["build_parser", "main"]
