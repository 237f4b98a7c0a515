"""The observation report (for the teacher) and the pilot report (for the principal)."""

from datetime import date, datetime

from pypdf import PdfReader

from app.reports import render_observation_report, render_pilot_report
from app.services.evidence import list_evidence
from app.services.observations import (
    ObservationStart,
    add_paper_observation,
    list_observation_notes,
    list_observations,
    observation_summary,
)
from app.services.pilots import list_pilots, pilot_detail
from app.services.reports import observation_report_data, pilot_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 15, 0)


def test_observation_report_shows_sweeps_percent_sampling_and_codes(demo_store, tmp_path, pdf_text):
    photo = next(e for e in list_evidence(demo_store) if e.observation_id)
    summary = observation_summary(demo_store, photo.observation_id)
    data = observation_report_data(demo_store, photo.observation_id, TODAY)
    out = tmp_path / "observation.pdf"
    render_observation_report(data, out)
    text = pdf_text(out)
    assert "OBSERVATION REPORT" in text
    assert summary.teacher_name in text
    assert summary.lesson in text
    assert f"{round(summary.time_on_task_pct)}%" in text
    every = f"every {summary.interval_minutes} minutes"
    assert f"A planned activity check: students on task counted {every}." in text
    assert data.sampling.startswith(f"{len(summary.sweeps)} sweeps {every}")
    assert f"How it was sampled: {data.sampling}." in text
    assert "PICRAT:" in text and "SAMR:" in text
    assert data.picrat in text and data.samr in text
    for sweep in summary.sweeps:
        assert f"{sweep.on_task} {sweep.present}" in text
    assert photo.caption in text
    images = sum(len(page.images) for page in PdfReader(out).pages)
    assert images == 1


def test_observation_report_keeps_private_evidence_notes_out(demo_store, tmp_path, pdf_text):
    checked = 0
    for row in list_observations(demo_store):
        notes = list_observation_notes(demo_store, row.id)
        private = {n.body for n in notes if n.is_private} - {
            n.body for n in notes if not n.is_private
        }
        if not private:
            continue
        out = tmp_path / "observation.pdf"
        render_observation_report(observation_report_data(demo_store, row.id, TODAY), out)
        text = pdf_text(out)
        assert not any(body in text for body in private)
        assert all(n.body in text for n in notes if not n.is_private)
        checked += 1
        if checked == 3:
            break
    assert checked


def test_observation_with_no_sweeps_says_so(store, tmp_path, pdf_text):
    teacher = save_teacher(store, TeacherForm(name="Ana Silva")).id
    observation = add_paper_observation(
        store, ObservationStart(teacher, TODAY, lesson="Empty lesson"), [], NOW
    )
    out = tmp_path / "observation.pdf"
    render_observation_report(observation_report_data(store, observation, TODAY), out)
    text = pdf_text(out)
    assert "No sweeps were recorded in this lesson." in text
    assert "PICRAT: Not coded" in text
    assert "No photos are attached." in text
    assert "No shareable notes from this lesson." in text


def test_pilot_report_has_checks_cost_log_use_surveys_and_decision(demo_store, tmp_path, pdf_text):
    for row in list_pilots(demo_store, TODAY):
        detail = pilot_detail(demo_store, row.id, TODAY)
        data = pilot_report_data(demo_store, row.id, TODAY)
        out = tmp_path / f"{row.tool}.pdf"
        render_pilot_report(data, out)
        text = pdf_text(out)
        assert row.tool in text
        for check in detail.vetting.checks:
            assert f"{check.label} {check.result_label}" in text
        assert detail.vetting.cost.text in text
        assert "$5 line" in text
        assert f"{detail.log_totals.minutes_lost} minutes of instruction lost" in text
        assert f"Recommendation: {detail.decision.recommendation_label}." in text
        first_reason = detail.decision.reasons[0]
        assert first_reason[0].upper() + first_reason[1:] in text
        assert data.utilisation_text in text
        assert data.survey_summary in text
        if detail.decision.decision_label:
            assert f"Decision: {detail.decision.decision_label}" in text


def test_pilot_report_shows_shareable_notes_only(hostile, tmp_path, pdf_text):
    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(hostile.store, hostile.pilot_id, hostile.today), out)
    text = pdf_text(out)
    assert "SHARED-PILOT: teachers <3 it" in text
    assert "PRIVATE-PILOT" not in text
    assert "Tier 3: Promising evidence" in text
    assert "Single sign-on Fail" in text
    assert "1 technical error" in text
