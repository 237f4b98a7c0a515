"""What the commands print: exit codes, one-line errors, terminal-safe text and JSON."""

import json
import re
import sys

EXIT_OK, EXIT_ERROR = 0, 1  # argparse exits 2 on a usage error


class CliError(Exception):
    """A failure to report as one line on stderr (exit 1)."""


# Control characters from a notebook (a roster name with ESC[2J) must not steer the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# JSON escapes C0 itself; DEL and C1 it leaves raw.
_JSON_UNESCAPED_CONTROL = re.compile(r"[\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with every control character but newline and tab shown as an escape (\\x1b)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class TerminalSafeStream:
    """A text stream that escapes control characters on the way out."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def write_json(value) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = _JSON_UNESCAPED_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, indent=2)
    sys.stdout.write(text + "\n")


def warn_backup_problem(store) -> None:
    if store.backup_problem:
        print(f"coachbook: warning: {store.backup_problem}", file=sys.stderr)
