"""Observer calibration: how well two coaches' sweeps of the same lesson agree.

Pure arithmetic over two lists of sweeps; no database, no Qt. The figures, and why:

- Sweeps are paired by minute mark, closest first, when they are at most half the interval
  apart (sweeps every 5 minutes pair up to 2 minutes apart; with sweeps every 4 minutes, a
  sweep exactly 2 minutes from two marks goes to the earlier one). A sweep is used once; the
  rest are returned as unpaired and take part in no figure, so one observer's extra sweeps
  cannot count for or against the other.
- **Exact agreement**: the share of paired sweeps with the same on-task count and the same
  present count (Cooper, Heron & Heward's exact count-per-interval IOA).
- **Within one student**: the share of paired sweeps whose on-task counts and present counts
  each differ by at most one student.
- **Mean absolute difference**: the average gap between the two on-task percentages of a
  sweep, in percentage points.
- **Total-count agreement**: the smaller sum of on-task counts over the larger, the standard
  total count IOA (100% when both sums are 0).
- **ICC(2,1)**: Shrout & Fleiss's two-way random-effects, absolute-agreement, single-rater
  intraclass correlation (McGraw & Wong's ICC(A,1)) on the per-sweep on-task percentages,
  with Koo & Li's (2016) words. It needs MIN_PAIRS_FOR_ICC pairs: with fewer, one odd sweep
  decides it.

The verdict and `meets_threshold` rest on **agreement within one student** against the usual
80%. Total-count agreement is the common figure for counts, but it lets disagreements cancel:
in Reed & Azulay's (2011) example the two observers record entirely different responses and
still total 100%. A figure taken sweep by sweep cannot be fooled that way. Exact agreement is
the strictest per-sweep reading, but with a whole class of 25 or 30 a single student walking
in during the sweep breaks it, so it is shown beside the verdict, not used for it.

Sweeps with nobody present (present 0) have no on-task percentage. They still count in exact
agreement, within one student and total-count agreement, because those compare the counts
themselves (both observers seeing an empty room is agreement; one seeing 0 and the other 24
is not). They are left out of the mean absolute difference and the ICC, which need a
percentage from both observers, and the ICC's pair count is of sweeps with both.

Every figure is a raw float; `app.text` formats them for the coach.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from app.models.observations import interval_pct
from app.text import percent, percent_against

THRESHOLD_PCT = 80.0
PRACTICE_SHARE_PCT = 20.0  # share of observations that should have a calibration
MIN_PAIRS_FOR_ICC = 5

NOT_ENOUGH_SWEEPS = "not enough sweeps"
# Every sweep had the same percentages: the ICC compares spread between sweeps with spread
# between observers, and there is no spread to compare.
NO_SPREAD = "no spread between sweeps"

# Koo & Li (2016): below .5 poor, .5 to .75 moderate, .75 to .9 good, above .9 excellent.
# An edge belongs to the band above it, except .9, which is still "good" ("above .9").
_MODERATE_FROM = 0.5
_GOOD_FROM = 0.75
_EXCELLENT_ABOVE = 0.9

# Below this share of the ratings' own spread, the ICC's denominator is rounding noise.
_DEGENERATE = 1e-12


@dataclass(frozen=True)
class Sweep:
    """One observer's count at one mark."""

    minute: int
    on_task: int
    present: int
    activity_format: str | None = None


@dataclass(frozen=True)
class SweepPair:
    a: Sweep
    b: Sweep
    pct_a: float | None  # on-task %, None when nobody was present
    pct_b: float | None
    difference_pts: float | None  # pct_b - pct_a, in percentage points
    exact: bool  # same on-task count and same present count
    within_one: bool  # on-task counts and present counts each at most one student apart


@dataclass(frozen=True)
class Agreement:
    interval_minutes: int
    pairs: list[SweepPair]  # in minute order of recording A
    unpaired_a: list[Sweep]  # listed, never dropped silently
    unpaired_b: list[Sweep]
    exact_pct: float | None
    within_one_pct: float | None
    mean_abs_difference_pts: float | None
    total_count_pct: float | None
    icc: float | None
    icc_words: str
    meets_threshold: bool | None  # within-one agreement against THRESHOLD_PCT; None, no pairs
    verdict: str
    exact_count: int  # pairs in exact agreement
    within_one_count: int  # pairs within one student
    icc_pairs: int  # pairs with an on-task percentage from both observers


def pair_sweeps(
    a: Sequence[Sweep], b: Sequence[Sweep], interval_minutes: int
) -> tuple[list[tuple[Sweep, Sweep]], list[Sweep], list[Sweep]]:
    """Pairs A's and B's sweeps by minute mark, closest first, at most half the interval
    apart, each used once; returns the pairs (in A's minute order) and each side's unpaired
    sweeps (in their own order)."""
    if interval_minutes < 1:
        raise ValueError(f"The interval must be at least 1 minute, not {interval_minutes}.")
    candidates = sorted(
        (abs(x.minute - y.minute), x.minute, y.minute, i, j)
        for i, x in enumerate(a)
        for j, y in enumerate(b)
        # Whole minutes: "at most half the interval" without a fraction.
        if 2 * abs(x.minute - y.minute) <= interval_minutes
    )
    partner_of_a: dict[int, int] = {}
    taken_b: set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in partner_of_a and j not in taken_b:
            partner_of_a[i] = j
            taken_b.add(j)
    pairs = sorted(
        ((a[i], b[j]) for i, j in partner_of_a.items()),
        key=lambda pair: (pair[0].minute, pair[1].minute),
    )
    unpaired_a = [x for i, x in enumerate(a) if i not in partner_of_a]
    unpaired_b = [y for j, y in enumerate(b) if j not in taken_b]
    return pairs, unpaired_a, unpaired_b


def compare(a: Sequence[Sweep], b: Sequence[Sweep], interval_minutes: int) -> Agreement:
    """Every agreement figure for two recordings of one lesson, and the verdict in words."""
    matched, unpaired_a, unpaired_b = pair_sweeps(a, b, interval_minutes)
    pairs = [_sweep_pair(x, y) for x, y in matched]
    exact_count = sum(p.exact for p in pairs)
    within_one_count = sum(p.within_one for p in pairs)
    percents = [(p.pct_a, p.pct_b) for p in pairs if p.pct_a is not None and p.pct_b is not None]

    icc: float | None = None
    if len(percents) < MIN_PAIRS_FOR_ICC:
        icc_words = NOT_ENOUGH_SWEEPS
    else:
        icc = icc_2_1(percents)
        icc_words = NO_SPREAD if icc is None else icc_band(icc)

    within_one_pct = _share(within_one_count, len(pairs))
    meets = None if within_one_pct is None else within_one_pct >= THRESHOLD_PCT
    return Agreement(
        interval_minutes=interval_minutes,
        pairs=pairs,
        unpaired_a=unpaired_a,
        unpaired_b=unpaired_b,
        exact_pct=_share(exact_count, len(pairs)),
        within_one_pct=within_one_pct,
        mean_abs_difference_pts=(
            sum(abs(b - a) for a, b in percents) / len(percents) if percents else None
        ),
        total_count_pct=_total_count_pct(pairs),
        icc=icc,
        icc_words=icc_words,
        meets_threshold=meets,
        verdict=_verdict(a, b, interval_minutes, within_one_count, len(pairs), within_one_pct),
        exact_count=exact_count,
        within_one_count=within_one_count,
        icc_pairs=len(percents),
    )


def icc_2_1(ratings: Sequence[Sequence[float]]) -> float | None:
    """ICC(2,1) of an n targets x k raters table (Shrout & Fleiss 1979; McGraw & Wong's
    ICC(A,1)): (MSR - MSE) / (MSR + (k-1) MSE + k (MSC - MSE) / n).

    None when it is undefined: fewer than 2 targets or 2 raters, or no spread at all (every
    rating the same, or, with 2 x 2, rows and columns with equal means). Identical ratings are
    not reported as a perfect 1.0: the ICC asks whether raters tell targets apart, and targets
    that never differ cannot show it; exact agreement already says the counts matched. It can
    be below 0 when raters differ more within a target than targets differ.
    """
    rows = [[float(value) for value in row] for row in ratings]
    n = len(rows)
    k = len(rows[0]) if rows else 0
    if any(len(row) != k for row in rows):
        raise ValueError("Every target needs a rating from every rater.")
    if n < 2 or k < 2:
        return None
    values = [value for row in rows for value in row]
    if max(values) == min(values):
        return None

    grand = sum(values) / (n * k)
    row_means = [sum(row) / k for row in rows]
    col_means = [sum(row[j] for row in rows) / n for j in range(k)]
    ss_total = sum((value - grand) ** 2 for value in values)
    ss_rows = k * sum((mean - grand) ** 2 for mean in row_means)
    ss_cols = n * sum((mean - grand) ** 2 for mean in col_means)
    # What targets and raters leave over; never below 0 but for rounding.
    ss_error = max(ss_total - ss_rows - ss_cols, 0.0)

    ms_rows = ss_rows / (n - 1)
    ms_cols = ss_cols / (k - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    if denominator <= _DEGENERATE * ss_total / (n * k - 1):
        return None
    return (ms_rows - ms_error) / denominator


def icc_band(icc: float | None) -> str:
    """Koo & Li's (2016) word for an ICC: poor, moderate, good or excellent."""
    if icc is None:
        return NOT_ENOUGH_SWEEPS
    if icc < _MODERATE_FROM:
        return "poor"
    if icc < _GOOD_FROM:
        return "moderate"
    if icc <= _EXCELLENT_ABOVE:
        return "good"
    return "excellent"


def calibration_share(calibrated: int, observations: int) -> float | None:
    """The percentage of observations that have a calibration; None with no observations."""
    if observations < 0 or not 0 <= calibrated <= observations:
        raise ValueError(f"{calibrated} calibrated of {observations} observations is not a share.")
    return _share(calibrated, observations)


def calibration_share_words(calibrated: int, observations: int) -> str:
    """ "3 of 12 observations this year (25%) have a calibration; practice is at least 20%." """
    share = calibration_share(calibrated, observations)
    practice = percent(PRACTICE_SHARE_PCT)
    if share is None:
        return f"No observations this year yet; practice is to calibrate at least {practice}."
    noun = "observation" if observations == 1 else "observations"
    verb = "has" if calibrated == 1 else "have"
    shown = percent_against(share, PRACTICE_SHARE_PCT)
    return (
        f"{calibrated} of {observations} {noun} this year ({shown}) {verb} a calibration; "
        f"practice is at least {practice}."
    )


def _sweep_pair(a: Sweep, b: Sweep) -> SweepPair:
    pct_a = interval_pct(a.on_task, a.present)
    pct_b = interval_pct(b.on_task, b.present)
    on_task_gap = abs(a.on_task - b.on_task)
    present_gap = abs(a.present - b.present)
    return SweepPair(
        a=a,
        b=b,
        pct_a=pct_a,
        pct_b=pct_b,
        difference_pts=None if pct_a is None or pct_b is None else pct_b - pct_a,
        exact=on_task_gap == 0 and present_gap == 0,
        within_one=on_task_gap <= 1 and present_gap <= 1,
    )


def _share(part: int, whole: int) -> float | None:
    # 100 * part / whole, not part / whole * 100: 4 of 5 is exactly 80.0, never 79.999….
    return None if whole == 0 else 100.0 * part / whole


def _total_count_pct(pairs: Sequence[SweepPair]) -> float | None:
    if not pairs:
        return None
    total_a = sum(p.a.on_task for p in pairs)
    total_b = sum(p.b.on_task for p in pairs)
    if total_a == total_b:  # both 0 included: they agree there was nobody on task
        return 100.0
    return 100.0 * min(total_a, total_b) / max(total_a, total_b)


def _verdict(
    a: Sequence[Sweep],
    b: Sequence[Sweep],
    interval_minutes: int,
    within_one: int,
    paired: int,
    within_one_pct: float | None,
) -> str:
    if not a and not b:
        return "Neither recording has any sweeps yet, so there is nothing to compare."
    if not a or not b:
        return "One of the recordings has no sweeps, so there is nothing to compare yet."
    if within_one_pct is None:
        return (
            "No sweeps of the two recordings fall at the same minute marks (within half the "
            f"{interval_minutes}-minute interval), so they can't be compared; check that both "
            "are of the same lesson."
        )
    bar = percent(THRESHOLD_PCT)
    counted = (
        f"{within_one} of {paired} sweep{'' if paired == 1 else 's'} "
        f"({percent_against(within_one_pct, THRESHOLD_PCT)}) within one student"
    )
    if within_one_pct < THRESHOLD_PCT:
        return (
            f"The two recordings don't agree closely enough yet: {counted}, under the usual "
            f"{bar} bar; talk through the sweeps where your counts differed."
        )
    if paired < MIN_PAIRS_FOR_ICC:
        return (
            f"The two recordings agree on {counted} ({bar} is the usual bar), but "
            f"{paired} paired sweep{'' if paired == 1 else 's'} "
            f"{'is' if paired == 1 else 'are'} too few to be sure."
        )
    return f"The two recordings agree well: {counted} ({bar} is the usual bar)."
