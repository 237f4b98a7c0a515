"""The desktop build's entry point: the same `main` as the `coachbook` command."""

import os
import sys

# A windowed Windows build starts without a console, so sys.stdout and sys.stderr are None;
# give print() and flush() somewhere harmless to write.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from app.cli import main  # noqa: E402

sys.exit(main())
