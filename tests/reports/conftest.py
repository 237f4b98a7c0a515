"""Fixtures for the PDF tests: reading a PDF's text back, and a notebook of hostile text."""

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models import Note
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    GoalInput,
    SessionDone,
    add_note,
    complete_session,
    cycle_detail,
    record_debrief,
    save_goal,
    start_cycle,
)
from app.services.evidence import attach_evidence
from app.services.observations import (
    ObservationStart,
    SweepInput,
    add_observation_note,
    add_paper_observation,
    set_coding,
)
from app.services.pilots import (
    AnswerInput,
    CheckInput,
    LogEntryForm,
    PilotForm,
    SurveyForm,
    add_log_entry,
    create_pilot,
    save_survey,
    save_vetting,
    set_usage,
)
from app.services.profile import get_profile, save_profile
from app.services.teachers import TeacherForm, save_teacher
from tests.images import png_bytes

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
HOSTILE_NAME = "<b>Bold</b> & Co"
VIETNAMESE = "Nguyễn Thị Hương"
CHINESE = "陈老师"
EMOJI = "Ms. Sunshine 🌞👩🏽‍🏫"
# A marker at each end, so a test can see the whole note made it across the pages.
LONG_NOTE = (
    "LONG-NOTE-START " + "The class worked quietly on their drafts. " * 476 + "LONG-NOTE-END"
)


@dataclass
class PdfText:
    pages: list[str]

    @property
    def text(self) -> str:
        """Every page's text, whitespace squeezed, as one string."""
        return " ".join(" ".join(page.split()) for page in self.pages)

    def __contains__(self, phrase: str) -> bool:
        return " ".join(phrase.split()) in self.text


def read_pdf(source) -> PdfText:
    data = source.read_bytes() if isinstance(source, Path) else source
    reader = PdfReader(io.BytesIO(data))
    return PdfText([page.extract_text() or "" for page in reader.pages])


@pytest.fixture
def pdf_text():
    return read_pdf


@dataclass
class HostileNotebook:
    store: object
    teacher_ids: dict[str, object]
    cycle_id: object
    observation_id: object
    pilot_id: object
    private_notes: list[str]
    shared_notes: list[str]
    hostile_name: str = HOSTILE_NAME
    vietnamese: str = VIETNAMESE
    chinese: str = CHINESE
    emoji: str = EMOJI
    long_note: str = LONG_NOTE
    today: date = TODAY


@pytest.fixture
def hostile(store) -> HostileNotebook:
    """A notebook whose names and notes try every trick: markup, scripts, emoji, length."""
    profile = get_profile(store)
    profile.name = "Coach <i>&amp;</i> Trần"
    profile.district = "Distrito Escolar Año & Co"
    save_profile(store, profile)
    ids = {}
    for name in (HOSTILE_NAME, VIETNAMESE, CHINESE, EMOJI):
        ids[name] = save_teacher(store, TeacherForm(name=name, school="Oak & <Elm>")).id
    teacher = ids[HOSTILE_NAME]
    cycle_id = start_cycle(
        store,
        CycleStart(teacher, date(2026, 10, 5), focus="<script>alert(1)</script> & Padlet"),
    )
    save_goal(
        store,
        cycle_id,
        GoalInput(
            goal="Students <b>will</b> explain & defend their reasoning 🌞",
            learning_target="I can say why — in Tiếng Việt too",
            baseline_value=52,
            target_value=80,
        ),
    )
    sessions = cycle_detail(store, cycle_id, TODAY).sessions
    for session in sessions:
        complete_session(store, session.id, SessionDone(session.scheduled_date, 40, "Next & <u>"))
    record_debrief(store, cycle_id, DebriefInput(final_value=74, goal_met=True, outcome="close"))
    private = ["PRIVATE-CYCLE: teacher is thinking of leaving", "PRIVATE-OBS: principal pressure"]
    shared = ["SHARED-CYCLE: <b>not bold</b> & fine", "SHARED-OBS: 陈老师 visited 🌞"]
    add_note(store, private[0], cycle_id=cycle_id, is_private=True)
    add_note(store, shared[0], cycle_id=cycle_id, session_id=sessions[0].id, is_private=False)
    add_note(store, LONG_NOTE, cycle_id=cycle_id, is_private=False)
    observation_id = add_paper_observation(
        store,
        ObservationStart(
            teacher,
            date(2026, 10, 20),
            period="3rd & 4th",
            lesson="Fractions <sup>1/2</sup>",
            technology="Desmos & Co",
            cycle_id=cycle_id,
        ),
        [
            SweepInput(20, 25, "whole_group", "All <b>on</b> task & quiet"),
            SweepInput(0, 0, "transition", "Nobody here"),
            SweepInput(22, 25, "independent", "x" * 1200),
        ],
        NOW,
    )
    set_coding(store, observation_id, "interactive", "amplification", "augmentation", LONG_NOTE)
    add_observation_note(store, observation_id, private[1], NOW, is_private=True)
    add_observation_note(store, observation_id, shared[1], NOW, is_private=False)
    attach_evidence(
        store,
        data=png_bytes(40, 30, (0x2B, 0x6C, 0xB0)),
        filename="board <1>.png",
        caption="Anchor chart & <b>notes</b>",
        observation_id=observation_id,
    )
    pilot_id = create_pilot(
        store,
        PilotForm(
            tool="Kahoot! <Pro> & Co 🚀",
            vendor="陈 Learning",
            learning_objective="Retrieval practice & <feedback>",
            start_date=date(2026, 9, 7),
            cost_per_student=4.5,
            licences=120,
        ),
        [ids[VIETNAMESE], ids[CHINESE]],
    )
    save_vetting(
        store,
        pilot_id,
        [
            CheckInput("privacy", "pass", "DPA signed <2026>"),
            CheckInput("sso", "fail", "No Clever & no Google"),
            CheckInput("accessibility", "unknown", ""),
            CheckInput("cost", "pass", "$4.50"),
            CheckInput("evidence", "pass", "Study", essa_tier=3),
            CheckInput("mobile", "pass", "iPads"),
        ],
    )
    for week in (1, 2, 3, 4):
        set_usage(store, pilot_id, ids[VIETNAMESE], week, True, TODAY)
    add_log_entry(
        store,
        pilot_id,
        LogEntryForm(date(2026, 9, 9), description="Login loop <again>", minutes_lost=12),
    )
    for phase, score in (("pre", 2), ("post", 4)):
        answers = [AnswerInput("I can <do> it", score)]
        form = SurveyForm(ids[VIETNAMESE], phase, date(2026, 9, 8), answers)
        save_survey(store, pilot_id, form)
    with store.session() as session:
        session.add(Note(body="PRIVATE-PILOT: vendor haggling", is_private=True, pilot_id=pilot_id))
        session.add(Note(body="SHARED-PILOT: teachers <3 it", is_private=False, pilot_id=pilot_id))
    private.append("PRIVATE-PILOT: vendor haggling")
    shared.append("SHARED-PILOT: teachers <3 it")
    return HostileNotebook(store, ids, cycle_id, observation_id, pilot_id, private, shared)
