"""Writing a report: laying out the story, and saving any file through a temp file and a rename."""

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from app.errors import CoachbookError
from app.paths import replace_from_temp
from app.reports.document import Contents, DocumentSetup, ReportCanvas, ReportDocument
from app.reports.leftovers import TEMP_FILE_SUFFIX, temp_file_prefix, unfinished_write
from app.services.reports.shared import CancelCheck

PathOrFile = str | os.PathLike | BinaryIO
# progress(done, total): flowables laid out so far, of all; may raise to stop the build.
Progress = Callable[[int, int], None]


class ExportError(CoachbookError):
    """A report or export could not be written; the message says what to do."""


class ExportCancelled(Exception):
    """Raised by a cancel check to stop a build; the earlier file is left as it was."""

    def __init__(self, message: str = "The export was cancelled; nothing was written."):
        super().__init__(message)


def write_pdf(
    story: list[Flowable],
    out: PathOrFile,
    setup: DocumentSetup,
    *,
    invariant: bool = False,
    contents: Contents | None = None,
    cover: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Lay out the story and write it: to a path atomically, or into an open binary file.

    With `cover`, the first page has no running header; end it with `after_cover()`.
    Returns the number of pages.
    """
    pages = 0

    def build(target) -> None:
        nonlocal pages
        doc = ReportDocument(target, setup, invariant=invariant, contents=contents, cover=cover)
        total = max(1, len(story))
        done = 0

        def on_progress(kind: str, value: int) -> None:
            nonlocal done
            if kind != "PROGRESS":
                return
            if cancel is not None:
                cancel()
            if progress is not None and value > done:
                done = min(value, total)
                progress(done, total)

        doc.setProgressCallBack(on_progress)
        if cancel is not None:
            cancel()
        doc.build(
            list(story),
            canvasmaker=lambda *args, **kwargs: ReportCanvas(*args, report=doc, **kwargs),
        )
        pages = doc.page_count

    if hasattr(out, "write"):
        build(out)
    else:
        write_atomically(Path(out), build)
    return pages


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write through a temp file in the same folder, then rename it over `path`.

    A failed, cancelled or killed export leaves an earlier file of the same name whole, and
    never a half-written one under that name; a killed one's temp file is listed in the
    ledger that `clean_leftover_exports()` clears at the next start.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(
            f"{path} is a folder. Give a file name in it, such as {path / 'report.pdf'}."
        )
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            f"The folder {folder} does not exist. Create it first, or choose another folder."
        )
    prefix = temp_file_prefix(path)
    with unfinished_write(folder / prefix):
        try:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMP_FILE_SUFFIX)
        except OSError as exc:
            raise ExportError(write_problem(exc, path)) from exc

        def fill(temp: Path) -> None:
            with os.fdopen(handle, "wb") as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
            _copy_mode(path, temp)

        try:
            replace_from_temp(path, fill, Path(temp))
        except OSError as exc:
            raise ExportError(write_problem(exc, path)) from exc
    return path


@contextlib.contextmanager
def removed_if_failed(remove: Callable[[], None], target: Path) -> Iterator[None]:
    """Run the block; if it fails (or is cancelled), `remove()` what it left, and say an
    OSError about `target` in words."""
    try:
        yield
    except BaseException as exc:
        with contextlib.suppress(OSError):
            remove()
        if isinstance(exc, OSError):
            raise ExportError(write_problem(exc, target)) from exc
        raise


def _copy_mode(path: Path, temp: Path) -> None:
    """The replaced file's permissions, or the usual ones for a new file (not mkstemp's 0600)."""
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temp, mode)
    except OSError:
        pass


def write_problem(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"The disk is full, so {path.name} was not written. Free some space or save to "
            "another drive, then export again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Coachbook may not write to {path}. Choose a folder you can save in, such as "
            "your Documents; if the file is open in another program, close it first."
        )
    if exc.errno == errno.EROFS:
        return f"{path.parent} is read-only. Save to another folder or drive."
    reason = exc.strerror or exc.__class__.__name__
    return f"Couldn't write {path} ({reason}). Check the folder and try again."
