"""Observer calibration: a lesson's counts as a small JSON file a colleague can import, and
the comparison of two recordings of the same lesson.

The file (format "coachbook-observation/1") carries counts only: who observed, which teacher,
when, and each sweep's minute, on-task and present counts and activity format. No note, no
student. An imported file becomes a colleague's recording, kept in its own tables, so the
coach's trends, reports and totals never count it.
"""

import hashlib
import json
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, func, select

from app.errors import CoachbookError
from app.models import (
    ColleagueRecording,
    ColleagueSweep,
    Observation,
    ObservationInterval,
    Teacher,
)
from app.models.base import utc_now
from app.paths import replace_from_temp
from app.services.errors import NotFound, Refused
from app.services.observations.agreement import (
    PRACTICE_SHARE_PCT,
    THRESHOLD_PCT,
    Agreement,
    Sweep,
    compare,
)
from app.services.observations.common import FORMATS, MAX_INTERVAL, MAX_MINUTE, MAX_STUDENTS
from app.services.profile import calendar_in, get_profile
from app.services.records import live
from app.store import Store
from app.text import percent, percent_against

FILE_FORMAT = "coachbook-observation/1"
# A lesson's counts fit in a few kilobytes; anything much bigger is not such a file.
MAX_FILE_BYTES = 1_000_000
MAX_SWEEPS = MAX_MINUTE


class ObservationFileError(CoachbookError):
    """An observation file that can't be used; the message names what is wrong, in one line."""


@dataclass(frozen=True)
class ObservationFile:
    observer: str
    teacher: str
    observed_on: date
    period: str
    interval_minutes: int
    sweeps: list[Sweep]

    def fingerprint(self) -> str:
        """The same counts from the same observer digest alike, whatever the file's layout."""
        return hashlib.sha256(json.dumps(self.as_json(), sort_keys=True).encode()).hexdigest()

    def as_json(self) -> dict:
        return {
            "format": FILE_FORMAT,
            "observer": self.observer,
            "teacher": self.teacher,
            "date": self.observed_on.isoformat(),
            "period": self.period,
            "interval_minutes": self.interval_minutes,
            "sweeps": [
                {
                    "minute": s.minute,
                    "on_task": s.on_task,
                    "present": s.present,
                    "format": s.activity_format,
                }
                for s in self.sweeps
            ],
        }


@dataclass(frozen=True)
class Recording:
    """One recording to compare: the coach's own observation or a colleague's."""

    id: uuid.UUID
    observer: str
    teacher: str
    observed_on: date
    period: str
    interval_minutes: int
    sweeps: list[Sweep]
    is_colleague: bool


@dataclass(frozen=True)
class Calibration:
    """A colleague's recording of one of the coach's lessons, and how well the two agree."""

    recording_id: uuid.UUID
    observer: str
    agreement: Agreement


# ---- The file ---------------------------------------------------------------------------


def observation_file(store: Store, observation_id: uuid.UUID) -> ObservationFile:
    """The coach's own lesson as a file's contents: counts only."""
    observer = get_profile(store).name.strip() or "A coach"
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        teacher = session.get(Teacher, obs.teacher_id)
        sweeps = _own_sweeps(session, obs.id)
    if not sweeps:
        raise Refused("This observation has no sweeps yet: record some before sharing it.")
    return ObservationFile(
        observer=observer,
        teacher=teacher.name if teacher else "",
        observed_on=obs.observed_on,
        period=obs.period,
        interval_minutes=obs.interval_minutes,
        sweeps=sweeps,
    )


def write_observation_file(store: Store, observation_id: uuid.UUID, out: Path) -> ObservationFile:
    """Write the lesson's file whole or not at all; returns what was written."""
    contents = observation_file(store, observation_id)
    text = json.dumps(contents.as_json(), indent=2, ensure_ascii=False) + "\n"

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    try:
        replace_from_temp(Path(out), write)
    except OSError as exc:
        raise ObservationFileError(
            f"Could not write {out}: {exc.strerror or exc}. Choose another folder."
        ) from None
    return contents


def read_observation_file(path: Path) -> ObservationFile:
    """The file's contents, checked; an ObservationFileError names the first problem."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ObservationFileError(f"Could not read {path.name}: {exc.strerror or exc}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise ObservationFileError(
            f"{path.name} is over 1 MB: it is not an observation file (those are a few KB)."
        )
    return parse_observation_file(data, path.name)


def parse_observation_file(data: bytes, name: str = "The file") -> ObservationFile:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ObservationFileError(f"{name} is not text (UTF-8): is it the right file?") from None
    except json.JSONDecodeError as exc:
        raise ObservationFileError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(document, dict):
        raise ObservationFileError(f"{name} should hold one JSON object, {{…}}.")
    found = document.get("format")
    if found != FILE_FORMAT:
        said = "no format" if found is None else f"the format “{found}”"
        raise ObservationFileError(
            f"{name} has {said}; Coachbook reads “{FILE_FORMAT}” observation files."
        )
    observer = _text(document, "observer", name, required=True)
    teacher = _text(document, "teacher", name, required=True)
    period = _text(document, "period", name, required=False)
    observed_on = _date(document, name)
    interval = document.get("interval_minutes")
    if not _is_int(interval) or not 1 <= interval <= MAX_INTERVAL:
        raise ObservationFileError(
            f"{name}: interval_minutes should be a whole number of minutes from 1 to "
            f"{MAX_INTERVAL}, not {json.dumps(interval)}."
        )
    return ObservationFile(
        observer, teacher, observed_on, period, interval, _sweeps(document, name)
    )


def _text(document: dict, key: str, name: str, *, required: bool) -> str:
    value = document.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value.strip()):
        raise ObservationFileError(f"{name}: “{key}” should be a name in quotes.")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ObservationFileError(f"{name}: “{key}” holds control characters.")
    return value.strip()[:200]


def _date(document: dict, name: str) -> date:
    value = document.get("date")
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ObservationFileError(
            f"{name}: “date” should be the lesson's day as YYYY-MM-DD, not {json.dumps(value)}."
        ) from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sweeps(document: dict, name: str) -> list[Sweep]:
    rows = document.get("sweeps")
    if not isinstance(rows, list) or not rows:
        raise ObservationFileError(f"{name}: “sweeps” should be a list of at least one sweep.")
    if len(rows) > MAX_SWEEPS:
        raise ObservationFileError(f"{name} has {len(rows):,} sweeps: more than a day's lesson.")
    sweeps: list[Sweep] = []
    for number, row in enumerate(rows, start=1):
        where = f"{name}, sweep {number}"
        if not isinstance(row, dict):
            raise ObservationFileError(
                f"{where} should be an object with minute, on_task, present."
            )
        values = {key: row.get(key) for key in ("minute", "on_task", "present")}
        for key, value in values.items():
            if not _is_int(value) or value < 0:
                raise ObservationFileError(
                    f"{where}: “{key}” should be a whole number, 0 or more, not "
                    f"{json.dumps(value)}."
                )
        minute, on_task, present = values["minute"], values["on_task"], values["present"]
        if minute > MAX_MINUTE:
            raise ObservationFileError(f"{where}: minute {minute} is past a day's length.")
        if present > MAX_STUDENTS:
            raise ObservationFileError(
                f"{where}: {present} present is more than {MAX_STUDENTS} students."
            )
        if on_task > present:
            raise ObservationFileError(
                f"{where}: on task ({on_task}) is above present ({present})."
            )
        if sweeps and minute <= sweeps[-1].minute:
            raise ObservationFileError(
                f"{where}: minute {minute} does not come after minute {sweeps[-1].minute}; "
                "minutes must increase."
            )
        activity_format = row.get("format")
        if activity_format is not None and activity_format not in FORMATS:
            known = ", ".join(sorted(FORMATS))
            raise ObservationFileError(
                f"{where}: format {json.dumps(activity_format)} is not one of {known} (or null)."
            )
        sweeps.append(Sweep(minute, on_task, present, activity_format))
    return sweeps


# ---- Importing --------------------------------------------------------------------------


def import_observation_file(store: Store, contents: ObservationFile) -> uuid.UUID:
    """Add the file as a colleague's recording of the lesson; returns its id.

    The teacher must be in the notebook (matched by name, case and accents ignored); the
    recording is linked to the coach's own observation of that teacher that day (the same
    period, when several). Nothing is stored when the file is refused.
    """
    fingerprint = contents.fingerprint()
    with store.session() as session:
        teacher_id = _teacher_named(session, contents.teacher)
        already = session.exec(
            select(ColleagueRecording.id).where(
                ColleagueRecording.fingerprint == fingerprint,
                col(ColleagueRecording.deleted_at).is_(None),
            )
        ).first()
        if already is not None:
            raise Refused(
                f"This recording by {contents.observer} is already in the notebook; "
                "nothing was added."
            )
        recording = ColleagueRecording(
            teacher_id=teacher_id,
            observation_id=_own_lesson(session, teacher_id, contents),
            observer=contents.observer,
            observed_on=contents.observed_on,
            period=contents.period,
            interval_minutes=contents.interval_minutes,
            fingerprint=fingerprint,
        )
        session.add(recording)
        session.flush()
        for index, sweep in enumerate(contents.sweeps):
            session.add(
                ColleagueSweep(
                    recording_id=recording.id,
                    index=index,
                    minute=sweep.minute,
                    on_task=sweep.on_task,
                    present=sweep.present,
                    activity_format=sweep.activity_format,
                )
            )
        return recording.id


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _teacher_named(session: Session, name: str) -> uuid.UUID:
    rows = session.exec(
        select(Teacher.id, Teacher.name).where(col(Teacher.deleted_at).is_(None))
    ).all()
    matches = [tid for tid, known in rows if _plain(known) == _plain(name)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise Refused(
            f"{len(matches)} teachers in the notebook are called “{name}”; rename one, "
            "then import again."
        )
    raise NotFound(
        f"No teacher called “{name}” is in the notebook: add them (or correct the name) and "
        "import again. Nothing was added."
    )


def _own_lesson(session: Session, teacher_id: uuid.UUID, contents: ObservationFile):
    lessons = session.exec(
        select(Observation.id, Observation.period).where(
            Observation.teacher_id == teacher_id,
            Observation.observed_on == contents.observed_on,
            col(Observation.deleted_at).is_(None),
        )
    ).all()
    same_period = [lid for lid, period in lessons if _plain(period) == _plain(contents.period)]
    if len(same_period) == 1:
        return same_period[0]
    return lessons[0][0] if len(lessons) == 1 else None


def link_recording(store: Store, recording_id: uuid.UUID, observation_id: uuid.UUID) -> None:
    """Pair a colleague's recording with one of the coach's own lessons of that teacher."""
    with store.session() as session:
        recording = live(session, ColleagueRecording, recording_id, "colleague's recording")
        obs = live(session, Observation, observation_id, "observation")
        if obs.teacher_id != recording.teacher_id:
            raise Refused("That lesson is another teacher's; pick one of this teacher's.")
        recording.observation_id = obs.id
        recording.updated_at = utc_now()
        session.add(recording)


def delete_recording(store: Store, recording_id: uuid.UUID, now: datetime) -> None:
    with store.session() as session:
        recording = live(session, ColleagueRecording, recording_id, "colleague's recording")
        recording.deleted_at = now
        recording.updated_at = now
        session.add(recording)


# ---- Comparing --------------------------------------------------------------------------


def recording(store: Store, recording_id: uuid.UUID) -> Recording:
    """The coach's own observation, or a colleague's recording, with that id."""
    own_name = get_profile(store).name.strip() or "You"
    with store.session() as session:
        obs = session.get(Observation, recording_id)
        if obs is not None and obs.deleted_at is None:
            teacher = session.get(Teacher, obs.teacher_id)
            return Recording(
                obs.id,
                own_name,
                teacher.name if teacher else "",
                obs.observed_on,
                obs.period,
                obs.interval_minutes,
                _own_sweeps(session, obs.id),
                is_colleague=False,
            )
        row = session.get(ColleagueRecording, recording_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("No observation or colleague's recording has that id.")
        teacher = session.get(Teacher, row.teacher_id)
        return Recording(
            row.id,
            row.observer,
            teacher.name if teacher else "",
            row.observed_on,
            row.period,
            row.interval_minutes,
            _colleague_sweeps(session, row.id),
            is_colleague=True,
        )


def from_file(contents: ObservationFile) -> Recording:
    return Recording(
        uuid.uuid5(uuid.NAMESPACE_URL, contents.fingerprint()),
        contents.observer,
        contents.teacher,
        contents.observed_on,
        contents.period,
        contents.interval_minutes,
        contents.sweeps,
        is_colleague=True,
    )


def compare_recordings(first: Recording, second: Recording) -> Agreement:
    """Pair by minute mark within half the (first recording's) interval, and compare."""
    return compare(first.sweeps, second.sweeps, first.interval_minutes)


def calibrations_of(store: Store, observation_id: uuid.UUID) -> list[Calibration]:
    """Each colleague's recording paired with this lesson, with its agreement, oldest first."""
    own = recording(store, observation_id)
    with store.session() as session:
        ids = session.exec(
            select(ColleagueRecording.id)
            .where(
                ColleagueRecording.observation_id == observation_id,
                col(ColleagueRecording.deleted_at).is_(None),
            )
            .order_by(col(ColleagueRecording.created_at))
        ).all()
    result = []
    for recording_id in ids:
        theirs = recording(store, recording_id)
        result.append(Calibration(recording_id, theirs.observer, compare_recordings(own, theirs)))
    return result


@dataclass(frozen=True)
class RecordingRow:
    id: uuid.UUID
    observer: str
    teacher: str
    observed_on: date
    period: str
    sweeps: int
    observation_id: uuid.UUID | None


def colleague_recordings(store: Store) -> list[RecordingRow]:
    """Every colleague's recording in the notebook, newest lesson first."""
    with store.session() as session:
        rows = session.exec(
            select(ColleagueRecording, Teacher.name)
            .join(Teacher, col(Teacher.id) == ColleagueRecording.teacher_id)
            .where(col(ColleagueRecording.deleted_at).is_(None))
            .order_by(col(ColleagueRecording.observed_on).desc())
        ).all()
        sweep_counts = dict(
            session.exec(
                select(ColleagueSweep.recording_id, func.count(col(ColleagueSweep.id)))
                .where(col(ColleagueSweep.deleted_at).is_(None))
                .group_by(col(ColleagueSweep.recording_id))
            ).all()
        )
    return [
        RecordingRow(
            r.id,
            r.observer,
            name,
            r.observed_on,
            r.period,
            sweep_counts.get(r.id, 0),
            r.observation_id,
        )
        for r, name in rows
    ]


def calibrated_this_year(store: Store, today: date) -> tuple[int, int]:
    """(the coach's observations this school year with a colleague's recording, all of them)."""
    with store.session() as session:
        calendar = calendar_in(session)
        first, last = calendar.bounds(calendar.year_of(today))
        lessons = set(
            session.exec(
                select(Observation.id).where(
                    col(Observation.deleted_at).is_(None),
                    Observation.observed_on >= first,
                    Observation.observed_on <= last,
                )
            ).all()
        )
        paired = set(
            session.exec(
                select(ColleagueRecording.observation_id).where(
                    col(ColleagueRecording.deleted_at).is_(None),
                    col(ColleagueRecording.observation_id).is_not(None),
                )
            ).all()
        )
    return len(lessons & paired), len(lessons)


def _own_sweeps(session: Session, observation_id: uuid.UUID) -> list[Sweep]:
    return _live_sweeps(
        session, ObservationInterval, ObservationInterval.observation_id, observation_id
    )


def _colleague_sweeps(session: Session, recording_id: uuid.UUID) -> list[Sweep]:
    return _live_sweeps(session, ColleagueSweep, ColleagueSweep.recording_id, recording_id)


def _live_sweeps(session: Session, table, parent, parent_id: uuid.UUID) -> list[Sweep]:
    """A recording's live sweeps in number order, from the coach's or a colleague's table."""
    rows = session.exec(
        select(table.minute, table.on_task, table.present, table.activity_format)
        .where(parent == parent_id, col(table.deleted_at).is_(None))
        .order_by(col(table.index))
    ).all()
    return [Sweep(*row) for row in rows]


def agreement_for_json(first: Recording, second: Recording, agreement: Agreement) -> dict:
    """Every figure of a comparison under its own name, raw (not rounded for show)."""

    def sweep(s: Sweep) -> dict:
        return {
            "minute": s.minute,
            "on_task": s.on_task,
            "present": s.present,
            "format": s.activity_format,
        }

    def who(r: Recording) -> dict:
        return {
            "observer": r.observer,
            "teacher": r.teacher,
            "date": r.observed_on.isoformat(),
            "period": r.period,
            "interval_minutes": r.interval_minutes,
            "sweeps": len(r.sweeps),
            "colleague": r.is_colleague,
        }

    return {
        "a": who(first),
        "b": who(second),
        "pairs": [
            {
                "minute_a": p.a.minute,
                "minute_b": p.b.minute,
                "a": sweep(p.a),
                "b": sweep(p.b),
                "on_task_pct_a": p.pct_a,
                "on_task_pct_b": p.pct_b,
                "difference_pts": p.difference_pts,
                "exact": p.exact,
                "within_one": p.within_one,
            }
            for p in agreement.pairs
        ],
        "unpaired_a": [sweep(s) for s in agreement.unpaired_a],
        "unpaired_b": [sweep(s) for s in agreement.unpaired_b],
        "exact_agreement_pct": agreement.exact_pct,
        "within_one_student_pct": agreement.within_one_pct,
        "mean_absolute_difference_pts": agreement.mean_abs_difference_pts,
        "total_count_agreement_pct": agreement.total_count_pct,
        "icc_2_1": agreement.icc,
        "icc_words": agreement.icc_words,
        "icc_pairs": agreement.icc_pairs,
        "threshold_pct": THRESHOLD_PCT,
        "meets_threshold": agreement.meets_threshold,
        "verdict": agreement.verdict,
    }


def calibration_sentence(calibration: Calibration) -> str:
    """One line for a report: "Calibrated with Ben Okafor: 9 of 10 sweeps (90%) within one
    student; total-count agreement 93%." """
    a = calibration.agreement
    if not a.pairs:
        return f"Calibrated with {calibration.observer}: no sweeps fell at the same marks."
    # Against the bar, so 79.6% never shows as "80%" beside a verdict saying it fell short.
    shown = percent_against(a.within_one_pct, THRESHOLD_PCT)
    within = f"{a.within_one_count} of {len(a.pairs)} sweeps ({shown})"
    total = (
        "" if a.total_count_pct is None else f"; total-count agreement {percent(a.total_count_pct)}"
    )
    return f"Calibrated with {calibration.observer}: {within} within one student{total}."


@dataclass(frozen=True)
class YearCalibration:
    calibrated: int  # the year's observations with a colleague's recording
    observations: int
    mean_within_one_pct: float | None  # over the calibrated lessons' first calibration each


def year_calibration(store: Store, observation_ids: list[uuid.UUID]) -> YearCalibration:
    """How many of these lessons were calibrated, and how well they agreed on average."""
    wanted = set(observation_ids)
    with store.session() as session:
        paired = {
            oid
            for oid in session.exec(
                select(ColleagueRecording.observation_id).where(
                    col(ColleagueRecording.deleted_at).is_(None),
                    col(ColleagueRecording.observation_id).is_not(None),
                )
            ).all()
            if oid in wanted
        }
    shares = []
    for observation_id in sorted(paired):
        first = calibrations_of(store, observation_id)[0].agreement
        if first.within_one_pct is not None:
            shares.append(first.within_one_pct)
    mean = sum(shares) / len(shares) if shares else None
    return YearCalibration(len(paired), len(wanted), mean)


def year_calibration_sentence(year: YearCalibration) -> str:
    """The portfolio's note on calibration; "" when no lesson of the year was calibrated."""
    if not year.calibrated:
        return ""
    share = percent(100.0 * year.calibrated / year.observations)
    said = (
        f"{year.calibrated} of {year.observations} observations ({share}) were calibrated "
        "with a second observer"
    )
    if year.mean_within_one_pct is None:
        return said + f" (practice: at least {percent(PRACTICE_SHARE_PCT)})."
    return (
        f"{said}; on average {percent(year.mean_within_one_pct)} of their sweeps agreed within "
        f"one student (practice: at least {percent(PRACTICE_SHARE_PCT)} of observations, and "
        f"{percent(THRESHOLD_PCT)} agreement)."
    )
