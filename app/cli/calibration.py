"""`coachbook export|import observation-data` and `coachbook agreement`: observer calibration."""

from datetime import date
from pathlib import Path

from app.cli.opening import open_store
from app.cli.output import EXIT_OK, CliError, write_json


def export_observation_data(args) -> int:
    from app.services.observations.calibration import write_observation_file
    from app.services.reports.lookup import resolve_observation

    out = Path(args.out).expanduser()
    with open_store(args, write=False) as store:
        written = write_observation_file(store, resolve_observation(store, args.id), out)
    print(
        f"Wrote {len(written.sweeps)} sweeps of {written.teacher}'s lesson on "
        f"{written.observed_on.isoformat()} to {out} (counts only: no notes, no students)."
    )
    return EXIT_OK


def import_observation_data(args) -> int:
    from app.services.observations.calibration import (
        import_observation_file,
        read_observation_file,
    )

    contents = read_observation_file(Path(args.file))  # a bad file never touches the notebook
    with open_store(args, write=True, instead="or import it from the app") as store:
        store.require_healthy()
        recording_id = import_observation_file(store, contents)
        paired = _paired_with(store, recording_id)
    if args.json:
        write_json(
            {
                "recording_id": str(recording_id),
                "observer": contents.observer,
                "teacher": contents.teacher,
                "date": contents.observed_on.isoformat(),
                "sweeps": len(contents.sweeps),
                "paired_with_observation": str(paired) if paired else None,
            }
        )
        return EXIT_OK
    where = (
        f"paired with your observation {str(paired)[:8]}"
        if paired
        else "not paired: no observation of yours of that teacher on that day"
    )
    print(
        f"Added {contents.observer}'s recording of {contents.teacher}'s lesson on "
        f"{contents.observed_on.isoformat()} ({len(contents.sweeps)} sweeps) as a colleague's "
        f"recording, {where}. It is never counted in your own figures."
    )
    return EXIT_OK


def _paired_with(store, recording_id):
    from app.models import ColleagueRecording

    with store.session() as session:
        return session.get(ColleagueRecording, recording_id).observation_id


def agreement(args) -> int:
    from app.services.observations.agreement import calibration_share_words
    from app.services.observations.calibration import (
        agreement_for_json,
        calibrated_this_year,
        compare_recordings,
    )

    with open_store(args, write=False) as store:
        first, second = (_recording(store, given) for given in (args.first, args.second))
        calibrated, observations = calibrated_this_year(store, date.today())
        result = compare_recordings(first, second)
        share = calibration_share_words(calibrated, observations)
        if args.out:
            from app.reports.calibration_report import render_calibration_report
            from app.services.reports.shared import byline

            out = Path(args.out).expanduser()
            pages = render_calibration_report(
                first, second, result, out, byline=byline(store, date.today()), share_words=share
            )
            if not args.json:
                print(
                    f"Wrote the calibration report ({pages} page"
                    f"{'s' if pages != 1 else ''}) to {out}"
                )
    if args.json:
        write_json(
            {
                **agreement_for_json(first, second, result),
                "calibrated_this_year": calibrated,
                "observations_this_year": observations,
                "calibration_share": share,
            }
        )
        return EXIT_OK
    print(_report(first, second, result))
    print(share)
    return EXIT_OK


def _recording(store, given: str):
    """A file path, else an observation's or a colleague's recording's id (or its start)."""
    from app.models import ColleagueRecording, Observation
    from app.services.errors import NotFound
    from app.services.observations.calibration import (
        from_file,
        read_observation_file,
        recording,
    )
    from app.services.reports.lookup import resolve_id

    path = Path(given).expanduser()
    if path.is_file():
        return from_file(read_observation_file(path))
    for model, what in ((Observation, "observation"), (ColleagueRecording, "recording")):
        try:
            return recording(store, resolve_id(store, model, given, what))
        except NotFound:
            continue
    raise CliError(
        f"“{given}” is neither an observation file nor the id of an observation or a "
        "colleague's recording (coachbook list observations shows the ids)."
    )


def _report(first, second, result) -> str:
    from app.services.observations.agreement import THRESHOLD_PCT, icc_band
    from app.text import NO_VALUE, full_date, percent, percent_against, sweep_difference

    def pct(value):
        return NO_VALUE if value is None else percent(value)

    lines = [
        f"{first.observer} and {second.observer}: {first.teacher}, "
        f"{full_date(first.observed_on)}" + (f", {first.period}" if first.period else ""),
        "",
        f"{'Minute':>6}  {'A on task':>12}  {'B on task':>12}  {'A %':>5}  {'B %':>5}  Difference",
    ]
    for p in result.pairs:
        minute = str(p.a.minute) if p.a.minute == p.b.minute else f"{p.a.minute}/{p.b.minute}"
        lines.append(
            f"{minute:>6}  {f'{p.a.on_task} of {p.a.present}':>12}  "
            f"{f'{p.b.on_task} of {p.b.present}':>12}  {pct(p.pct_a):>5}  {pct(p.pct_b):>5}  "
            + sweep_difference(p.difference_pts)
        )
    for side, sweeps in (("A", result.unpaired_a), ("B", result.unpaired_b)):
        for s in sweeps:
            lines.append(
                f"Unpaired: {side}'s sweep at minute {s.minute} ({s.on_task} of {s.present})"
            )
    n = len(result.pairs)
    within = (
        NO_VALUE
        if result.within_one_pct is None
        else percent_against(result.within_one_pct, THRESHOLD_PCT)
    )
    icc = NO_VALUE if result.icc is None else f"{result.icc:.2f}"
    # The band follows the figure as shown, so "0.75" never reads "moderate".
    icc_words = result.icc_words if result.icc is None else icc_band(round(result.icc, 2))
    lines += [
        "",
        f"Exact agreement: {pct(result.exact_pct)} ({result.exact_count} of {n} sweeps)",
        f"Within one student: {within} ({result.within_one_count} of {n})",
        "Mean difference: "
        + (
            NO_VALUE
            if result.mean_abs_difference_pts is None
            else f"{result.mean_abs_difference_pts:.1f} pts"
        ),
        f"Total-count agreement: {pct(result.total_count_pct)}",
        f"Intraclass correlation ICC(2,1): {icc} ({icc_words})",
        "",
        result.verdict,
    ]
    return "\n".join(lines)
