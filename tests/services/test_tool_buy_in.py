"""Buy-in: the quarterly Technology Acceptance Model surveys of a tool's teachers, their
statements, one survey per teacher per quarter, and the share agreeing against 85%."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event
from sqlmodel import func, select

from app.models import BuyInItem
from app.models.tools import DEFAULT_BUY_IN_ITEMS
from app.services.calendar import SchoolCalendar
from app.services.errors import NotFound, Refused
from app.services.profile import ProfileData, calendar_in, save_profile
from app.services.teachers import TeacherForm, delete_teacher, save_teacher, set_archived
from app.services.tools import ToolForm, add_tool, delete_tool
from app.services.tools.buy_in import (
    buy_in_by_quarter,
    buy_in_for_tools,
    buy_in_item_rows,
    buy_in_items,
    delete_buy_in,
    quarter_of,
    quarters_of,
    record_buy_in,
    restore_buy_in,
    save_buy_in_items,
    surveys_replaced_by,
    tool_buy_in,
)

# Settings: the school year runs Mon 17 Aug 2026 to Fri 11 Jun 2027. The first semester
# (17 Aug - 12 Jan, 149 days) splits at day 74, Fri 30 Oct; the second (13 Jan - 11 Jun,
# 150 days) at day 75, Mon 29 Mar.
YEAR = "2026-2027"
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
Q1 = (date(2026, 8, 17), date(2026, 10, 29))
Q2 = (date(2026, 10, 30), date(2027, 1, 12))
Q3 = (date(2027, 1, 13), date(2027, 3, 28))
Q4 = (date(2027, 3, 29), date(2027, 6, 11))
IN_Q1, LATER_IN_Q1, IN_Q2 = date(2026, 9, 15), date(2026, 10, 20), date(2026, 11, 10)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
AGREE = [5, 5, 5, 5, 5, 5]
DISAGREE = [2, 2, 2, 2, 2, 2]


@pytest.fixture
def school_year(store):
    save_profile(store, ProfileData(school_year_start=YEAR_START, school_year_end=YEAR_END))
    return store


def teacher(store, name: str):
    return save_teacher(store, TeacherForm(name=name)).id


def tool_with(store, name: str, count: int):
    teachers = [teacher(store, f"{name} teacher {n}") for n in range(count)]
    return add_tool(store, ToolForm(name=name), YEAR_START, teachers), teachers


def quarters(store, tool_id, year=YEAR):
    with store.session() as session:
        return buy_in_by_quarter(session, tool_id, calendar_in(session), year)


def calendar():
    return SchoolCalendar.from_dates(YEAR_START, YEAR_END)


# Quarters ---------------------------------------------------------------------------------


def test_quarters_split_each_semester_at_its_middle_day():
    got = quarters_of(calendar(), YEAR)
    assert [(q.first_day, q.last_day) for q in got] == [Q1, Q2, Q3, Q4]
    assert [q.label for q in got] == [f"Q{n} 2026-2027" for n in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (Q1[0], "Q1 2026-2027"),
        (Q1[1], "Q1 2026-2027"),
        (Q2[0], "Q2 2026-2027"),
        (Q2[1], "Q2 2026-2027"),
        (Q3[0], "Q3 2026-2027"),
        (Q3[1], "Q3 2026-2027"),
        (Q4[0], "Q4 2026-2027"),
        (Q4[1], "Q4 2026-2027"),
        (date(2027, 7, 20), "Q4 2026-2027"),  # the summer after the last day
        (date(2026, 8, 16), "Q4 2025-2026"),  # the day before the year begins
    ],
)
def test_each_day_falls_in_one_quarter(day, label):
    assert quarter_of(calendar(), day).label == label


# The statements ---------------------------------------------------------------------------


def test_a_new_notebook_asks_the_default_statements_once(store):
    rows = buy_in_item_rows(store)
    assert [(r.belief, r.text) for r in rows] == [(b.value, t) for b, t in DEFAULT_BUY_IN_ITEMS]
    assert [r.position for r in rows] == list(range(len(DEFAULT_BUY_IN_ITEMS)))
    buy_in_item_rows(store)
    with store.session() as session:
        assert len(buy_in_items(session)) == len(DEFAULT_BUY_IN_ITEMS)
        stored = session.exec(select(func.count()).select_from(BuyInItem)).one()
        assert stored == len(DEFAULT_BUY_IN_ITEMS)


def test_saving_statements_rewords_reorders_adds_and_removes(store):
    save_buy_in_items(
        store,
        [
            ("ease", "  Logging in is quick.  "),
            ("usefulness", "It helps my students learn."),
            ("ease", "I can fix a problem myself."),
        ],
    )
    rows = buy_in_item_rows(store)
    assert [(r.position, r.belief, r.text) for r in rows] == [
        (0, "ease", "Logging in is quick."),
        (1, "usefulness", "It helps my students learn."),
        (2, "ease", "I can fix a problem myself."),
    ]
    save_buy_in_items(store, [(r.belief, r.text) for r in rows] + [("usefulness", "A new one.")])
    assert [r.text for r in buy_in_item_rows(store)][-1] == "A new one."
    assert len(buy_in_item_rows(store)) == 4


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ([], "at least one statement"),
        ([("usefulness", "Fine."), ("ease", "   ")], "Statement 2 is empty"),
        ([("liking", "I like it.")], "Statement 1: choose whether it is about usefulness or ease"),
        ([("ease", "x" * 301)], "Statement 1 is too long"),
    ],
)
def test_saving_statements_refuses_what_cannot_be_asked(store, items, words):
    before = buy_in_item_rows(store)
    with pytest.raises(Refused, match=words):
        save_buy_in_items(store, items)
    assert buy_in_item_rows(store) == before


def test_answers_keep_the_words_and_belief_they_were_asked(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    record_buy_in(store, tool_id, ann, IN_Q1, [5, 4, 5, 2, 2, 2])
    save_buy_in_items(store, [("ease", "Reworded: it is easy."), ("usefulness", "Useful.")])
    (survey,) = tool_buy_in(store, tool_id, IN_Q2).surveys
    assert survey.answers[0] == ("usefulness", DEFAULT_BUY_IN_ITEMS[0][1], 5)
    assert survey.answers[3] == ("ease", DEFAULT_BUY_IN_ITEMS[3][1], 2)
    assert len(survey.answers) == 6
    # The old survey still counts by the beliefs it asked: useful (mean 4.67), not easy (2).
    q1 = quarters(store, tool_id)[0]
    assert (q1.usefulness_pct, q1.ease_pct) == (100.0, 0.0)
    # A new survey asks the new statements, two of them.
    with pytest.raises(Refused, match="asks 2 statements but 6 scores came"):
        record_buy_in(store, tool_id, ann, IN_Q2, AGREE)
    record_buy_in(store, tool_id, ann, IN_Q2, [4, 5])
    newest = tool_buy_in(store, tool_id, IN_Q2).surveys[0]
    assert newest.answers == (("ease", "Reworded: it is easy.", 4), ("usefulness", "Useful.", 5))


# Recording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "words"),
    [
        ([5, 5, 5], "asks 6 statements but 3 scores came"),
        ([5, 5, 5, 5, 5, 0], "Statement 6: choose a score from 1"),
        ([5, 6, 5, 5, 5, 5], "Statement 2: choose a score from 1"),
        ([5, 5, True, 5, 5, 5], "Statement 3: choose a score from 1"),
        ([5, 5, 4.5, 5, 5, 5], "Statement 3: choose a score from 1"),
    ],
)
def test_record_refuses_scores_that_are_not_one_per_statement_from_1_to_5(
    school_year, scores, words
):
    tool_id, (ann,) = tool_with(school_year, "Kami", 1)
    with pytest.raises(Refused, match=words):
        record_buy_in(school_year, tool_id, ann, IN_Q1, scores)
    assert tool_buy_in(school_year, tool_id, IN_Q2).surveys == []


def test_record_refuses_a_day_to_come_an_archived_teacher_and_a_deleted_tool(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    with pytest.raises(Refused, match="That day has not come yet"):
        record_buy_in(store, tool_id, ann, date(2026, 11, 26), AGREE, today=date(2026, 11, 25))
    set_archived(store, ann, True)
    with pytest.raises(Refused, match="archived; bring them back to the roster"):
        record_buy_in(store, tool_id, ann, IN_Q1, AGREE)
    bob = teacher(store, "Bob Ng")
    delete_tool(store, tool_id, NOW)
    with pytest.raises(NotFound, match="That tool is no longer in the notebook"):
        record_buy_in(store, tool_id, bob, IN_Q1, AGREE)


def test_a_second_survey_in_the_same_quarter_replaces_the_first(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    first = record_buy_in(store, tool_id, ann, IN_Q1, DISAGREE)
    assert [s.id for s in surveys_replaced_by(store, tool_id, ann, LATER_IN_Q1)] == [first]
    assert surveys_replaced_by(store, tool_id, ann, IN_Q2) == []
    second = record_buy_in(store, tool_id, ann, LATER_IN_Q1, AGREE)
    shown = tool_buy_in(store, tool_id, IN_Q2)
    assert [s.id for s in shown.surveys] == [second]
    assert (shown.quarters[0].teachers, shown.quarters[0].agreeing) == (1, 1)
    # Undo: the first comes back and the second steps aside; redo brings the second back.
    delete_buy_in(store, second, NOW)
    restore_buy_in(store, first)
    assert [s.id for s in tool_buy_in(store, tool_id, IN_Q2).surveys] == [first]
    restore_buy_in(store, second)
    assert [s.id for s in tool_buy_in(store, tool_id, IN_Q2).surveys] == [second]


def test_surveys_in_other_quarters_or_about_other_tools_are_kept(school_year):
    store = school_year
    kami, (ann,) = tool_with(store, "Kami", 1)
    other = add_tool(store, ToolForm(name="Nearpod"), YEAR_START, [ann])
    record_buy_in(store, kami, ann, IN_Q1, AGREE)
    record_buy_in(store, kami, ann, IN_Q2, DISAGREE)
    record_buy_in(store, other, ann, IN_Q1, DISAGREE)
    assert [q.teachers for q in quarters(store, kami)] == [1, 1, 0, 0]
    assert [q.teachers for q in quarters(store, other)] == [1, 0, 0, 0]


def test_a_summer_survey_counts_in_the_fourth_quarter_and_replaces_its_survey(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    june = record_buy_in(store, tool_id, ann, date(2027, 6, 1), DISAGREE)
    assert [s.id for s in surveys_replaced_by(store, tool_id, ann, date(2027, 7, 15))] == [june]
    record_buy_in(store, tool_id, ann, date(2027, 7, 15), AGREE)
    q4 = quarters(store, tool_id)[3]
    assert (q4.teachers, q4.agreeing, q4.meets_target) == (1, 1, True)


def test_deleting_a_survey_takes_it_out_until_restored(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    survey = record_buy_in(store, tool_id, ann, IN_Q1, AGREE)
    delete_buy_in(store, survey, NOW)
    assert quarters(store, tool_id)[0].teachers == 0
    with pytest.raises(NotFound, match="buy-in survey is no longer in the notebook"):
        delete_buy_in(store, survey, NOW)
    restore_buy_in(store, survey)
    assert quarters(store, tool_id)[0].teachers == 1


# The share agreeing -----------------------------------------------------------------------


def test_agreement_by_hand_with_a_mean_of_exactly_four(school_year):
    store = school_year
    tool_id, (a, b, c, d) = tool_with(store, "Kami", 4)
    # Statements 1-3 are about usefulness, 4-6 about ease.
    record_buy_in(store, tool_id, a, IN_Q1, [3, 5, 4, 4, 4, 4])  # mean 4: agrees; both 4
    record_buy_in(store, tool_id, b, IN_Q1, [4, 4, 4, 4, 4, 3])  # 23/6: no; useful 4, ease 3.67
    record_buy_in(store, tool_id, c, IN_Q1, [5, 5, 5, 5, 5, 5])  # agrees with both
    record_buy_in(store, tool_id, d, IN_Q1, [1, 1, 1, 5, 5, 5])  # mean 3: no; useful 1, ease 5
    q1 = quarters(store, tool_id)[0]
    assert (q1.teachers, q1.agreeing) == (4, 2)
    assert q1.agree_pct == 50.0
    assert q1.usefulness_pct == 75.0  # a, b, c
    assert q1.ease_pct == 75.0  # a, c, d
    assert q1.meets_target is False


@pytest.mark.parametrize(
    ("answered", "agreeing", "pct", "meets"),
    [
        (20, 17, 85.0, True),  # exactly on the line meets it
        (20, 16, 80.0, False),
        (7, 6, 600 / 7, True),  # 85.7%
        (6, 5, 500 / 6, False),  # 83.3%
    ],
)
def test_the_85_percent_line(school_year, answered, agreeing, pct, meets):
    store = school_year
    tool_id, teachers = tool_with(store, "Kami", answered)
    for n, teacher_id in enumerate(teachers):
        record_buy_in(store, tool_id, teacher_id, IN_Q2, AGREE if n < agreeing else DISAGREE)
    q2 = quarters(store, tool_id)[1]
    assert (q2.teachers, q2.agreeing) == (answered, agreeing)
    assert q2.agree_pct == pytest.approx(pct)
    assert q2.meets_target is meets


def test_quarters_without_answers_have_no_share(school_year):
    tool_id, _teachers = tool_with(school_year, "Kami", 2)
    got = quarters(school_year, tool_id)
    assert [q.quarter.number for q in got] == [1, 2, 3, 4]
    for q in got:
        assert (q.teachers, q.agreeing, q.agree_pct, q.meets_target) == (0, 0, None, None)
        assert (q.usefulness_pct, q.ease_pct) == (None, None)


def test_a_belief_with_no_statement_has_no_share(school_year):
    store = school_year
    save_buy_in_items(store, [("usefulness", "It helps."), ("usefulness", "It saves time.")])
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    record_buy_in(store, tool_id, ann, IN_Q1, [4, 4])
    q1 = quarters(store, tool_id)[0]
    assert (q1.agree_pct, q1.usefulness_pct, q1.ease_pct) == (100.0, 100.0, None)


def test_deleted_teachers_and_other_years_leave_the_figures(school_year):
    store = school_year
    tool_id, (ann, bob) = tool_with(store, "Kami", 2)
    record_buy_in(store, tool_id, ann, IN_Q1, AGREE)
    record_buy_in(store, tool_id, bob, IN_Q1, DISAGREE)
    record_buy_in(store, tool_id, bob, date(2027, 9, 15), AGREE)  # Q1 of the next year
    delete_teacher(store, bob)
    q1 = quarters(store, tool_id)[0]
    assert (q1.teachers, q1.agreeing, q1.agree_pct) == (1, 1, 100.0)
    assert quarters(store, tool_id, "2027-2028")[0].teachers == 0


def test_many_tools_are_read_in_the_same_few_queries(school_year):
    store = school_year
    tools = []
    for n in range(6):
        tool_id, teachers = tool_with(store, f"Tool {n}", 2)
        for teacher_id in teachers[: n % 3]:
            record_buy_in(store, tool_id, teacher_id, IN_Q1, AGREE if n % 2 else DISAGREE)
        tools.append(tool_id)
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.session() as session:
            cal = calendar_in(session)
            statements.clear()
            few = buy_in_for_tools(session, tools[:2], cal, YEAR)
            for_two = len(statements)
            statements.clear()
            every = buy_in_for_tools(session, tools, cal, YEAR)
            for_six = len(statements)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert for_two == for_six <= 3
    assert set(every) == set(tools) and set(few) == set(tools[:2])
    assert [every[t][0].teachers for t in tools] == [0, 1, 2, 0, 1, 2]
    assert [every[t][0].agreeing for t in tools] == [0, 1, 0, 0, 0, 2]
    assert every[tools[0]][0].agree_pct is None
    assert every[tools[5]] == quarters(store, tools[5])


def test_the_tab_reads_the_year_holding_today_and_lists_the_years_with_surveys(school_year):
    store = school_year
    tool_id, (ann,) = tool_with(store, "Kami", 1)
    record_buy_in(store, tool_id, ann, date(2026, 3, 2), AGREE)  # Q3 2025-2026
    record_buy_in(store, tool_id, ann, IN_Q1, DISAGREE)
    shown = tool_buy_in(store, tool_id, IN_Q2)
    assert (shown.school_year, shown.current.label) == (YEAR, "Q2 2026-2027")
    assert shown.years == ["2026-2027", "2025-2026"]
    assert [s.taken_on for s in shown.surveys] == [IN_Q1]
    earlier = tool_buy_in(store, tool_id, IN_Q2, "2025-2026")
    assert [q.teachers for q in earlier.quarters] == [0, 0, 1, 0]


# The demo ---------------------------------------------------------------------------------


def test_the_demo_surveys_its_tools_over_and_under_the_line(demo_store):
    from app.models import BuyInAnswer, BuyInSurvey, Tool
    from tests.conftest import TODAY

    # The demo builder runs build_buy_in after the tools.
    with demo_store.session() as session:
        counts = {
            "buy-in surveys": session.exec(select(func.count()).select_from(BuyInSurvey)).one(),
            "buy-in answers": session.exec(select(func.count()).select_from(BuyInAnswer)).one(),
        }
    assert counts["buy-in surveys"] > 20
    assert counts["buy-in answers"] == 6 * counts["buy-in surveys"]
    with demo_store.session() as session:
        cal = calendar_in(session)
        tools = {t.name: t for t in session.exec(select(Tool)).all()}
        ended = [q for q in quarters_of(cal, cal.year_of(TODAY)) if q.last_day < TODAY]
        year = cal.year_of(TODAY)
        figures = buy_in_for_tools(session, [t.id for t in tools.values()], cal, year)
    shares = {
        name: [q for q in figures[tool.id] if q.quarter in ended and q.teachers]
        for name, tool in tools.items()
    }
    assert any(q.meets_target for quarters_ in shares.values() for q in quarters_)
    assert any(q.meets_target is False for quarters_ in shares.values() for q in quarters_)
    assert all(q.usefulness_pct > q.ease_pct for q in shares["Pear Deck"])
    for tool in tools.values():
        shown = tool_buy_in(demo_store, tool.id, TODAY)
        assert all(s.taken_on <= TODAY and s.taken_on >= tool.added_on for s in shown.surveys)
        assert len({(s.teacher_id, s.quarter) for s in shown.surveys}) == len(shown.surveys)


def test_the_share_is_worded_so_it_never_reads_as_the_line_when_it_is_not(school_year):
    from app.services.tools.buy_in import quarter_summary, share_words

    store = school_year
    tool_id, teachers = tool_with(store, "Kami", 13)
    for n, teacher_id in enumerate(teachers):
        record_buy_in(store, tool_id, teacher_id, IN_Q1, AGREE if n < 11 else DISAGREE)
    q1, q2 = quarters(store, tool_id)[:2]
    assert share_words(q1) == "84.6%, under"  # 11 of 13, never "85%, under"
    assert quarter_summary(q1) == (
        "Q1 2026-2027: 11 of 13 teachers agree (84.6%), under the 85% line."
    )
    assert share_words(q2) == "—"
    assert quarter_summary(q2) == "Q2 2026-2027: no teacher has answered the buy-in survey yet."
