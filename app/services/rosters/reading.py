"""Reading roster files safely: one CSV, a folder or a .zip bundle, streamed line by line.

Nothing is read whole into memory: a district's users.csv carries every student too, and
only the teachers' rows are kept. Every file is counted as it is read (a reported size can
lie), special files are refused without waiting on them, and a file that is not text says so.
"""

import codecs
import csv
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.services.errors import Refused

# A roster of thousands of teachers is well under a megabyte; a district's users.csv with
# every student is tens of megabytes. Anything bigger is not a roster.
MAX_FILE_BYTES = 50 * 1024 * 1024
# Five 20,000-character notes' worth: anything longer is a pasted document, not a cell.
MAX_CELL_CHARS = 100_000
_READ_CHUNK = 1024 * 1024
_HEAD_BYTES = 64 * 1024
DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
# Appended after the text: if a quote is never closed, the reader swallows this line too.
_ZIP_SIGNATURE = b"PK\x03\x04"
_WORKBOOK_SIGNATURES = (_ZIP_SIGNATURE, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_PICTURE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"\x7fELF")
# C0 and C1 controls and DEL: invisible, and some (ESC) drive a terminal. Notes may keep
# tabs and line breaks; every other field may keep neither.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NOTE_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_WORDS = {"\t": "a tab", "\n": "a line break"}


class RosterError(Refused):
    """A problem with the whole file, in one sentence that says what to do."""


@dataclass(frozen=True)
class Member:
    """One CSV file of what the coach chose: the file itself, or one file in a folder or zip."""

    name: str
    open: Callable[[], BinaryIO]


@dataclass
class Source:
    """What the coach chose (a CSV, a folder, a zip) and its CSV files by lower-case name."""

    label: str
    kind: str  # "file", "folder" or "zip"
    members: dict[str, Member]
    folder: Path | None = None  # the folder a single file sits in, for its companion files
    _zip: zipfile.ZipFile | None = None

    def get(self, name: str) -> Member | None:
        return self.members.get(name.casefold())

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "Source":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def open_source(path: Path) -> Source:
    """The roster's files; raises RosterError for a missing, special or unreadable path."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise RosterError(f"“{name}” was not found: check the file's name and folder.")
    if path.is_dir():
        return _folder_source(path)
    try:
        with _open_regular(path) as stream:
            start = stream.read(8)
    except OSError as exc:
        raise _unopenable(name, exc) from exc
    if start.startswith(_ZIP_SIGNATURE) and zipfile.is_zipfile(path):
        return _zip_source(path)
    member = Member(name, lambda: _open_regular(path))
    return Source(name, "file", {name.casefold(): member}, folder=path.parent)


def companion(source: Source, name: str) -> Member | None:
    """A file beside a single chosen file (orgs.csv beside users.csv), else in the bundle."""
    found = source.get(name)
    if found is not None or source.kind != "file" or source.folder is None:
        return found
    for entry in _folder_entries(source.folder):
        if entry.name.casefold() == name.casefold():
            return Member(entry.name, lambda e=entry: _open_regular(e))
    return None


def _folder_source(path: Path) -> Source:
    members = {
        entry.name.casefold(): Member(entry.name, lambda e=entry: _open_regular(e))
        for entry in _folder_entries(path)
    }
    return Source(path.name, "folder", members)


def _folder_entries(path: Path) -> list[Path]:
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        raise _unopenable(path.name, exc) from exc
    return [e for e in entries if e.suffix.casefold() in (".csv", ".txt") and not e.is_dir()]


def _zip_source(path: Path) -> Source:
    name = path.name
    try:
        bundle = zipfile.ZipFile(path)
        infos = bundle.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise RosterError(f"“{name}” is a damaged .zip file: download it again.") from exc
    names = {info.filename.casefold() for info in infos}
    if "[content_types].xml" in names and any(n.startswith("xl/") for n in names):
        bundle.close()
        raise RosterError(_workbook_message(name))
    members: dict[str, Member] = {}
    # Shallowest first: a bundle zipped with its folder keeps users.csv one level down.
    for info in sorted(infos, key=lambda i: i.filename.count("/")):
        base = info.filename.rsplit("/", 1)[-1]
        if info.is_dir() or not base.casefold().endswith((".csv", ".txt")):
            continue
        if base.startswith(".") or "__macosx/" in info.filename.casefold():
            continue
        if base.casefold() not in members:
            members[base.casefold()] = Member(base, lambda i=info: _zip_member(bundle, i, name))
    return Source(name, "zip", members, _zip=bundle)


def _zip_member(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str) -> BinaryIO:
    base = info.filename.rsplit("/", 1)[-1]
    if info.flag_bits & 0x1:
        raise RosterError(
            f"“{base}” in “{zip_name}” is protected by a password: export the bundle again "
            "without one, or unzip it and import the folder."
        )
    if info.file_size > MAX_FILE_BYTES:
        raise RosterError(_too_big_message(base))
    try:
        return bundle.open(info)
    except (OSError, zipfile.BadZipFile, NotImplementedError) as exc:
        raise RosterError(
            f"“{base}” in “{zip_name}” couldn't be unpacked ({exc}): download the bundle again."
        ) from exc


def _open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading; a pipe or device is refused without waiting on it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RosterError(
                f"“{path.name}” is not a file but a device or a pipe: choose the CSV file "
                "exported from your spreadsheet."
            )
        return os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise


class _Counted(io.RawIOBase):
    """A stream that refuses to go past MAX_FILE_BYTES, counting what it really reads."""

    def __init__(self, raw: BinaryIO, name: str):
        self._raw = raw
        self._name = name
        self._size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        self._size += len(data)
        if self._size > MAX_FILE_BYTES:
            raise RosterError(_too_big_message(self._name))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _counted(member: Member) -> io.BufferedReader:
    try:
        raw = member.open()
    except OSError as exc:
        raise _unopenable(member.name, exc) from exc
    return io.BufferedReader(_Counted(raw, member.name), _READ_CHUNK)


class CsvFile:
    """One CSV file: its encoding and delimiter found, its records streamed on demand."""

    def __init__(self, member: Member, knows_header: Callable[[list[str]], bool]):
        self.name = member.name
        self._member = member
        self.encoding, head = self._sniff()
        self.delimiter = _sniff_delimiter(head, knows_header)

    def _sniff(self) -> tuple[str, str]:
        with _counted(self._member) as stream:
            head = stream.read(_HEAD_BYTES)
            if head.startswith(_WORKBOOK_SIGNATURES):
                raise RosterError(_workbook_message(self.name))
            if head.startswith(_PICTURE_SIGNATURES):
                raise RosterError(_not_text_message(self.name))
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                if not _decodes(head, stream, "utf-16"):
                    raise RosterError(_not_text_message(self.name))
                encoding: str | None = "utf-16"
            else:
                encoding = "utf-8-sig" if _decodes(head, stream, "utf-8") else None
        if encoding is None:
            with _counted(self._member) as stream:
                head = stream.read(_HEAD_BYTES)
                encoding = "cp1252" if _decodes(head, stream, "cp1252") else None
        if encoding is None:
            raise RosterError(_not_text_message(self.name))
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
        if encoding == "cp1252":
            text = text.removeprefix("ï»¿")  # a UTF-8 BOM read as Windows-1252
        if _looks_binary(text):
            raise RosterError(_not_text_message(self.name))
        if not text.strip():
            raise RosterError(empty_message(self.name))
        return encoding, text

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line where the record starts, its fields) for each record, blank ones included."""
        # Cells are measured after reading (`text_problem`), to name the row and field; the
        # reader's own limit (128 KB) would stop at the first long cell and blame the quotes.
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
        with _counted(self._member) as stream:
            if self.encoding == "cp1252" and stream.peek(3)[:3] == codecs.BOM_UTF8:
                stream.read(3)
            text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
            # strict: a quote never closed ends in an error at the end of the file, not in
            # one last record that swallowed the rest of the file.
            reader = csv.reader(text, delimiter=self.delimiter, skipinitialspace=True, strict=True)
            line = 1
            try:
                for fields in reader:
                    yield line, fields
                    line = reader.line_num + 1
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    raise RosterError(
                        f'Line {line} of “{self.name}” opens a quote (") that is never '
                        "closed, so the rest of the file can't be read: close the quote "
                        "and import again."
                    ) from exc
                raise RosterError(
                    f"Line {line} of “{self.name}” couldn't be read ({exc}): check its quotes "
                    '(") and import again.'
                ) from exc
            except UnicodeDecodeError as exc:
                raise RosterError(_not_text_message(self.name)) from exc


def _decodes(head: bytes, stream: BinaryIO, encoding: str) -> bool:
    """Whether the whole stream decodes; read in chunks, so memory stays flat."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(head)
        while chunk := stream.read(_READ_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(text: str) -> bool:
    """Controls in the header line, or everywhere: a picture or program, not a roster.

    A stray control in a row is the row's problem, refused by its line (`text_problem`).
    """
    start = text[:4096]
    header = next((line for line in start.splitlines() if line.strip()), "")
    controls = len(NOTE_CONTROLS.findall(start.replace("\r", "")))
    return bool(NOTE_CONTROLS.search(header)) or controls > len(start) // 10


def _sniff_delimiter(text: str, knows_header: Callable[[list[str]], bool]) -> str:
    """The delimiter of the header line: the most used one that gives known columns."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    candidates = sorted(DELIMITERS, key=lambda d: -first_line.count(d))
    for delimiter in candidates:
        header = next(csv.reader([first_line], delimiter=delimiter, skipinitialspace=True), [])
        if knows_header(header):
            return delimiter
    return candidates[0]


def text_problem(values: dict[str, str], labels: dict[str, str]) -> str | None:
    """Why a row's text can't go into the notebook: a control character or a huge cell."""
    for key, value in values.items():
        label = labels[key]
        if len(value) > MAX_CELL_CHARS:
            return (
                f"the {label} is {len(value):,} characters long, more than a roster cell "
                f"holds ({MAX_CELL_CHARS:,}); shorten it."
            )
        found = (NOTE_CONTROLS if key == "notes" else CONTROLS).search(value)
        if found:
            char = found.group()
            if char in _CONTROL_WORDS:
                what = f"{_CONTROL_WORDS[char]}, which only Notes may hold"
            else:
                what = f"an invisible control character (U+{ord(char):04X})"
            return (
                f"the {label} holds {what}; retype the {label} in your spreadsheet "
                "and import again."
            )
    return None


def shown(text: str) -> str:
    """A value safe to show: controls replaced, spaces collapsed, kept short."""
    value = " ".join(CONTROLS.sub("\ufffd", text).split())
    return value if len(value) <= 80 else value[:79] + "…"


def cell(fields: list[str], index: int | None) -> str:
    if index is None or index >= len(fields):
        return ""
    return fields[index].replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(fields: list[str]) -> bool:
    return all(not f.strip() for f in fields)


def empty_message(name: str) -> str:
    return f"“{name}” is empty: export the roster again from your spreadsheet as CSV."


def _unopenable(name: str, exc: OSError) -> RosterError:
    reason = (exc.strerror or str(exc)).lower()
    return RosterError(f"“{name}” couldn't be opened ({reason}): check the file.")


def _too_big_message(name: str) -> str:
    return (
        f"“{name}” is too big to be a roster (over {MAX_FILE_BYTES // 2**20} MB): "
        "choose the CSV file exported from your spreadsheet."
    )


def _workbook_message(name: str) -> str:
    return (
        f"“{name}” is a spreadsheet workbook, not a CSV file: in your spreadsheet choose "
        "Save As (or Download) ▸ CSV and import that file."
    )


def _not_text_message(name: str) -> str:
    return (
        f"“{name}” is not a CSV file (it holds something else, like a picture): "
        "export the roster from your spreadsheet as CSV and import that file."
    )
