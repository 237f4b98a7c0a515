"""Observer calibration figures, checked against published and hand-worked examples.

Every expected number here is worked out in the test from the data (or taken from the
paper it cites), never by the code under test.
"""

import pytest

from app.services.observations.agreement import (
    MIN_PAIRS_FOR_ICC,
    NO_SPREAD,
    NOT_ENOUGH_SWEEPS,
    Sweep,
    calibration_share,
    calibration_share_words,
    compare,
    icc_2_1,
    icc_band,
    pair_sweeps,
)


def lesson(on_task: list[int], present: int | list[int], every: int = 5) -> list[Sweep]:
    """A recording with a sweep every `every` minutes from minute 0."""
    counts = present if isinstance(present, list) else [present] * len(on_task)
    return [
        Sweep(minute=every * i, on_task=n, present=p)
        for i, (n, p) in enumerate(zip(on_task, counts, strict=True))
    ]


def minutes(sweeps: list[Sweep]) -> list[int]:
    return [s.minute for s in sweeps]


# ---- The intraclass correlation ------------------------------------------------------------


def test_icc_matches_shrout_and_fleiss_published_example():
    # Shrout & Fleiss (1979), Table 2: six targets rated by four judges. Their Table 4 gives
    # ICC(2,1) = .29, from the mean squares BMS 11.24, JMS 32.49, EMS 1.02 (n = 6, k = 4):
    # (11.24 - 1.02) / (11.24 + 3 * 1.02 + 4 * (32.49 - 1.02) / 6) = 10.22 / 35.28 = .2897.
    ratings = [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ]
    icc = icc_2_1(ratings)
    assert icc is not None
    assert round(icc, 2) == 0.29
    assert icc == pytest.approx(10.22 / 35.28, abs=0.001)


def test_icc_of_two_observers_worked_by_hand():
    # Five sweeps, on-task % by observer A and B.
    ratings = [[50, 60], [60, 60], [70, 80], [80, 90], [90, 90]]
    # Grand mean 730 / 10 = 73. Sweep means 55, 60, 75, 85, 90; observer means 70 and 76.
    # Between sweeps: SS = 2 * (18² + 13² + 2² + 12² + 17²) = 2 * 930 = 1860, MSR = 1860 / 4 = 465
    # Between observers: SS = 5 * (3² + 3²) = 90, MSC = 90 / 1 = 90
    # Total: SS = (23² + 13² + 3² + 7² + 17²) + (13² + 13² + 7² + 17² + 17²) = 1045 + 965 = 2010
    # Error: SS = 2010 - 1860 - 90 = 60, MSE = 60 / (4 * 1) = 15
    # ICC(2,1) = (465 - 15) / (465 + 1 * 15 + 2 * (90 - 15) / 5) = 450 / 510 = 15 / 17
    assert icc_2_1(ratings) == pytest.approx(450 / 510)


def test_icc_is_undefined_when_every_rating_is_the_same():
    # No spread between sweeps: nothing for the observers to agree or disagree about.
    assert icc_2_1([[100, 100]] * 6) is None
    assert icc_2_1([[200 / 3, 200 / 3]] * 7) is None


def test_icc_is_zero_when_observers_differ_by_a_constant_and_sweeps_do_not_vary():
    # MSR = 0, MSE = 0, MSC > 0: (0 - 0) / (0 + 0 + 2 * MSC / 5) = 0.
    assert icc_2_1([[90, 100]] * 5) == 0.0


def test_icc_needs_two_sweeps_and_two_observers():
    assert icc_2_1([]) is None
    assert icc_2_1([[80, 90]]) is None
    assert icc_2_1([[80], [90], [70]]) is None


def test_icc_is_undefined_for_a_two_by_two_with_equal_means():
    # MSR = 0 and MSC = 0 while MSE = 1: the denominator 0 + 1 * 1 + 2 * (0 - 1) / 2 is 0.
    assert icc_2_1([[0, 1], [1, 0]]) is None


def test_icc_refuses_a_ragged_table():
    with pytest.raises(ValueError):
        icc_2_1([[1, 2], [3]])


@pytest.mark.parametrize(
    ("icc", "words"),
    [
        (-0.3, "poor"),
        (0.0, "poor"),
        (0.4999, "poor"),
        (0.5, "moderate"),
        (0.7499, "moderate"),
        (0.75, "good"),
        (0.9, "good"),
        (0.9001, "excellent"),
        (1.0, "excellent"),
        (None, "not enough sweeps"),
    ],
)
def test_icc_words_follow_koo_and_li_bands(icc, words):
    assert icc_band(icc) == words


# ---- Pairing sweeps by minute mark ---------------------------------------------------------


def test_sweeps_pair_within_half_the_interval_and_the_rest_are_listed():
    a = [Sweep(0, 20, 24), Sweep(5, 20, 24), Sweep(10, 20, 24), Sweep(15, 20, 24)]
    b = [Sweep(1, 20, 24), Sweep(7, 20, 24), Sweep(13, 20, 24), Sweep(30, 20, 24)]
    pairs, unpaired_a, unpaired_b = pair_sweeps(a, b, 5)
    # 0-1 and 5-7 are 1 and 2 minutes apart; 10-13 is 3 (more than 2.5), but 15-13 is 2.
    assert [(x.minute, y.minute) for x, y in pairs] == [(0, 1), (5, 7), (15, 13)]
    assert minutes(unpaired_a) == [10]
    assert minutes(unpaired_b) == [30]


def test_the_closest_sweep_wins_the_pair():
    pairs, unpaired_a, unpaired_b = pair_sweeps(
        [Sweep(5, 1, 2)], [Sweep(3, 1, 2), Sweep(6, 1, 2)], 5
    )
    assert [(x.minute, y.minute) for x, y in pairs] == [(5, 6)]
    assert unpaired_a == []
    assert minutes(unpaired_b) == [3]


def test_half_the_interval_exactly_still_pairs_and_a_tie_goes_to_the_earlier_mark():
    pairs, unpaired_a, _ = pair_sweeps([Sweep(0, 1, 2), Sweep(4, 1, 2)], [Sweep(2, 1, 2)], 4)
    assert [(x.minute, y.minute) for x, y in pairs] == [(0, 2)]
    assert minutes(unpaired_a) == [4]
    pairs, unpaired_a, unpaired_b = pair_sweeps([Sweep(0, 1, 2)], [Sweep(3, 1, 2)], 5)
    assert pairs == []
    assert minutes(unpaired_a) == [0]
    assert minutes(unpaired_b) == [3]


def test_each_sweep_is_used_once():
    pairs, unpaired_a, unpaired_b = pair_sweeps(
        [Sweep(0, 1, 2), Sweep(1, 1, 2)], [Sweep(0, 1, 2)], 5
    )
    assert [(x.minute, y.minute) for x, y in pairs] == [(0, 0)]
    assert minutes(unpaired_a) == [1]
    assert unpaired_b == []


def test_pairing_needs_an_interval_of_a_minute_or_more():
    with pytest.raises(ValueError):
        pair_sweeps([Sweep(0, 1, 2)], [Sweep(0, 1, 2)], 0)


def test_unpaired_sweeps_count_in_no_figure():
    a = lesson([5, 6, 7, 8, 9], 10)
    b = lesson([6, 6, 8, 9, 9], 10)
    with_extra = compare(a, [*b, Sweep(40, 0, 30)], 5)
    without = compare(a, b, 5)
    assert minutes(with_extra.unpaired_b) == [40]
    assert with_extra.exact_pct == without.exact_pct
    assert with_extra.within_one_pct == without.within_one_pct
    assert with_extra.total_count_pct == without.total_count_pct
    assert with_extra.mean_abs_difference_pts == without.mean_abs_difference_pts
    assert with_extra.icc == without.icc


# ---- The agreement figures -----------------------------------------------------------------


def test_a_lesson_worked_by_hand():
    # Ten students present at every sweep; on task 5, 6, 7, 8, 9 (A) and 6, 6, 8, 9, 9 (B),
    # which is 50/60, 60/60, 70/80, 80/90, 90/90 percent: the two-observer ICC example above.
    result = compare(lesson([5, 6, 7, 8, 9], 10), lesson([6, 6, 8, 9, 9], 10), 5)
    assert [p.difference_pts for p in result.pairs] == pytest.approx([10, 0, 10, 10, 0])
    assert result.exact_count == 2  # minutes 5 and 20
    assert result.exact_pct == pytest.approx(100 * 2 / 5)  # 40%
    assert result.within_one_count == 5
    assert result.within_one_pct == pytest.approx(100.0)
    assert result.mean_abs_difference_pts == pytest.approx((10 + 0 + 10 + 10 + 0) / 5)  # 6 pts
    # A counted 5 + 6 + 7 + 8 + 9 = 35 on task, B 6 + 6 + 8 + 9 + 9 = 38: 35 / 38.
    assert result.total_count_pct == pytest.approx(100 * 35 / 38)
    assert result.icc == pytest.approx(450 / 510)
    assert result.icc_words == "good"
    assert result.icc_pairs == 5
    assert result.meets_threshold is True


def test_total_count_agreement_is_the_smaller_sum_over_the_larger():
    # Five sweeps of a class of 24: A counts 20 + 21 + 19 + 22 + 18 = 100 on task,
    # B counts 18 + 20 + 19 + 20 + 18 = 95; 95 / 100 = 95%.
    result = compare(lesson([20, 21, 19, 22, 18], 24), lesson([18, 20, 19, 20, 18], 24), 5)
    assert result.total_count_pct == pytest.approx(95.0)
    # It reads the same whichever recording comes first.
    swapped = compare(lesson([18, 20, 19, 20, 18], 24), lesson([20, 21, 19, 22, 18], 24), 5)
    assert swapped.total_count_pct == pytest.approx(95.0)


def test_reed_and_azulay_counts_total_100_but_agree_exactly_on_10_of_15_intervals():
    # Reed & Azulay (2011), Figure 1: fifteen 1-minute intervals. Observer 1 records one
    # response in each of minutes 1-3 and two in minute 4; observer 2 records one in minute 4
    # and four in minute 15. Totals 5 and 5: total count IOA 5 / 5 = 100%. The counts match
    # only in minutes 5-14 (both 0): exact agreement 10 / 15 = 66.7%.
    one = [1, 1, 1, 2] + [0] * 10 + [0]
    two = [0, 0, 0, 1] + [0] * 10 + [4]
    result = compare(lesson(one, 25, every=1), lesson(two, 25, every=1), 1)
    assert len(result.pairs) == 15
    assert result.total_count_pct == pytest.approx(100.0)
    assert result.exact_pct == pytest.approx(100 * 10 / 15)
    # Within one student: every minute but the 15th (4 against 0), 14 / 15.
    assert result.within_one_pct == pytest.approx(100 * 14 / 15)


def test_interval_by_interval_agreement_of_reed_and_azulay_figure_2():
    # Reed & Azulay (2011), Figure 2: seven intervals, scored (1) or not (0). The observers
    # disagree in the first and seventh: 5 agreements / (5 + 2 disagreements) = 71.4%.
    one = [1, 0, 0, 0, 1, 1, 0]
    two = [0, 0, 0, 0, 1, 1, 1]
    result = compare(lesson(one, 1, every=10), lesson(two, 1, every=10), 10)
    assert result.exact_count == 5
    assert result.exact_pct == pytest.approx(100 * 5 / 7)


def test_counts_one_student_apart_are_within_one_and_two_apart_are_not():
    a = [Sweep(0, 20, 24), Sweep(5, 20, 24), Sweep(10, 20, 24), Sweep(15, 20, 24)]
    b = [Sweep(0, 21, 25), Sweep(5, 19, 24), Sweep(10, 22, 24), Sweep(15, 20, 26)]
    result = compare(a, b, 5)
    assert [p.exact for p in result.pairs] == [False, False, False, False]
    assert [p.within_one for p in result.pairs] == [True, True, False, False]


def test_sweeps_with_nobody_present():
    # Minute 10: an empty room for both (agreement); minute 15: A saw nobody, B saw 24.
    a = [Sweep(0, 20, 24), Sweep(5, 22, 24), Sweep(10, 0, 0), Sweep(15, 0, 0)]
    b = [Sweep(0, 18, 24), Sweep(5, 22, 24), Sweep(10, 0, 0), Sweep(15, 20, 24)]
    result = compare(a, b, 5)
    empty, half_empty = result.pairs[2], result.pairs[3]
    assert (empty.pct_a, empty.pct_b, empty.difference_pts) == (None, None, None)
    assert empty.exact and empty.within_one
    assert (half_empty.pct_a, half_empty.pct_b) == (None, pytest.approx(100 * 20 / 24))
    assert half_empty.difference_pts is None
    assert not half_empty.within_one
    # Counts: exact at minutes 5 and 10 (2 of 4), within one the same (minute 0 is 2 apart).
    assert result.exact_pct == pytest.approx(50.0)
    assert result.within_one_pct == pytest.approx(50.0)
    # The percentage gap only where both saw students: |75 - 83.33| and |91.67 - 91.67|.
    gap_0 = abs(100 * 18 / 24 - 100 * 20 / 24)
    assert result.mean_abs_difference_pts == pytest.approx((gap_0 + 0) / 2)
    assert result.icc_pairs == 2
    # Totals take every pair: 20 + 22 + 0 + 0 = 42 against 18 + 22 + 0 + 20 = 60.
    assert result.total_count_pct == pytest.approx(100 * 42 / 60)


def test_an_empty_room_throughout_is_full_total_count_agreement():
    result = compare(lesson([0, 0], 0), lesson([0, 0], 0), 5)
    assert result.total_count_pct == 100.0
    assert result.exact_pct == 100.0
    assert result.mean_abs_difference_pts is None


def test_fewer_than_five_pairs_give_no_icc():
    result = compare(lesson([5, 6, 7, 8], 10), lesson([6, 6, 8, 9], 10), 5)
    assert MIN_PAIRS_FOR_ICC == 5
    assert result.icc is None
    assert result.icc_words == NOT_ENOUGH_SWEEPS == "not enough sweeps"


def test_a_sweep_with_nobody_present_does_not_count_towards_the_five_for_the_icc():
    result = compare(
        lesson([5, 6, 7, 8, 0], [10, 10, 10, 10, 0]),
        lesson([6, 6, 8, 9, 0], [10, 10, 10, 10, 0]),
        5,
    )
    assert len(result.pairs) == 5
    assert result.icc_pairs == 4
    assert result.icc is None
    assert result.icc_words == NOT_ENOUGH_SWEEPS


def test_identical_recordings_agree_fully_but_leave_the_icc_undefined():
    same = lesson([24, 24, 24, 24, 24, 24], 24)
    result = compare(same, same, 5)
    assert result.exact_pct == 100.0
    assert result.icc is None
    assert result.icc_words == NO_SPREAD
    assert result.meets_threshold is True


# ---- The verdict ---------------------------------------------------------------------------


def test_verdict_when_the_recordings_agree():
    # 11 of 12 sweeps within one student: 11 / 12 = 91.7%, shown as 92%.
    a = lesson([20] * 12, 24)
    b = lesson([20] * 11 + [17], 24)
    result = compare(a, b, 5)
    assert result.meets_threshold is True
    assert result.verdict == (
        "The two recordings agree well: 11 of 12 sweeps (92%) within one student "
        "(80% is the usual bar)."
    )


def test_exactly_80_percent_meets_the_bar():
    # 4 of 5 within one: 80%.
    result = compare(lesson([20, 20, 20, 20, 20], 24), lesson([20, 21, 19, 20, 15], 24), 5)
    assert result.within_one_pct == 80.0
    assert result.meets_threshold is True


def test_verdict_when_the_recordings_fall_short_never_rounds_up_to_the_bar():
    # 39 of 49 sweeps within one student: 79.59%, which is under 80% and says so.
    a = lesson([20] * 49, 24)
    b = lesson([20] * 39 + [15] * 10, 24)
    result = compare(a, b, 5)
    assert result.meets_threshold is False
    assert result.verdict == (
        "The two recordings don't agree closely enough yet: 39 of 49 sweeps (79.6%) within one "
        "student, under the usual 80% bar; talk through the sweeps where your counts differed."
    )


def test_verdict_on_too_few_sweeps_says_so():
    result = compare(lesson([20, 21, 22], 24), lesson([20, 21, 22], 24), 5)
    assert result.meets_threshold is True
    assert result.verdict == (
        "The two recordings agree on 3 of 3 sweeps (100%) within one student (80% is the usual "
        "bar), but 3 paired sweeps are too few to be sure."
    )
    one = compare(lesson([20], 24), lesson([20], 24), 5)
    assert "1 of 1 sweep (100%)" in one.verdict
    assert "1 paired sweep is too few" in one.verdict


def test_verdict_when_no_sweeps_pair():
    result = compare(lesson([20, 21], 24), [Sweep(30, 20, 24)], 5)
    assert result.pairs == []
    assert result.meets_threshold is None
    assert result.exact_pct is None
    assert result.within_one_pct is None
    assert result.total_count_pct is None
    assert result.mean_abs_difference_pts is None
    assert result.verdict == (
        "No sweeps of the two recordings fall at the same minute marks (within half the "
        "5-minute interval), so they can't be compared; check that both are of the same lesson."
    )


def test_verdict_when_a_recording_is_empty():
    assert compare([], [], 5).verdict == (
        "Neither recording has any sweeps yet, so there is nothing to compare."
    )
    assert compare(lesson([20], 24), [], 5).verdict == (
        "One of the recordings has no sweeps, so there is nothing to compare yet."
    )


# ---- The share of observations calibrated --------------------------------------------------


def test_calibration_share_in_words():
    assert calibration_share(3, 12) == 25.0
    assert calibration_share_words(3, 12) == (
        "3 of 12 observations this year (25%) have a calibration; practice is at least 20%."
    )
    assert calibration_share_words(1, 12) == (
        "1 of 12 observations this year (8%) has a calibration; practice is at least 20%."
    )
    assert calibration_share_words(1, 1) == (
        "1 of 1 observation this year (100%) has a calibration; practice is at least 20%."
    )


def test_calibration_share_just_under_the_practice_is_not_shown_as_20_percent():
    # 49 / 250 = 19.6%.
    assert calibration_share(49, 250) == pytest.approx(19.6)
    assert "(19.6%)" in calibration_share_words(49, 250)


def test_calibration_share_with_no_observations():
    assert calibration_share(0, 0) is None
    assert calibration_share_words(0, 0) == (
        "No observations this year yet; practice is to calibrate at least 20%."
    )


@pytest.mark.parametrize(("calibrated", "observations"), [(-1, 5), (6, 5), (0, -1)])
def test_calibration_share_refuses_impossible_counts(calibrated, observations):
    with pytest.raises(ValueError):
        calibration_share(calibrated, observations)
