"""Vetting: the six checks saved as one form, the ESSA tier, and cost against the $5 line."""

import uuid
from dataclasses import dataclass

from app.models import CheckResult, PilotStatus, VettingCheck, VettingCriterion
from app.models.pilots import COST_LINE_PER_STUDENT, ESSA_TIERS
from app.services.errors import ValidationError
from app.services.pilots.common import CRITERIA, PilotState, load_state, privacy_gate
from app.store import Store
from app.text import CRITERION_LABELS as CRITERION_LABELS
from app.text import RESULT_LABELS as RESULT_LABELS

# What each check asks, for the form.
CRITERION_QUESTIONS = {
    VettingCriterion.PRIVACY: "Does the vendor protect student data under FERPA and COPPA, "
    "with a signed data privacy agreement?",
    VettingCriterion.SSO: "Can students and teachers sign in with the district's single "
    "sign-on (Google, Microsoft, Clever)?",
    VettingCriterion.ACCESSIBILITY: "Does it meet WCAG 2.1 AA, with a screen reader and "
    "the keyboard alone?",
    VettingCriterion.COST: "Is a supplemental tool under $5 per student a year?",
    VettingCriterion.EVIDENCE: "What ESSA tier of evidence supports it?",
    VettingCriterion.MOBILE: "Does it work on the students' devices (iPads, Chromebooks)?",
}
# Statuses in which students would use the tool, so the privacy gate applies.
STUDENT_USE = (PilotStatus.PILOTING, PilotStatus.ADOPTED, PilotStatus.EXTENDED)


@dataclass
class CheckInput:
    criterion: str
    result: str = CheckResult.UNKNOWN.value
    evidence: str = ""
    essa_tier: int | None = None  # only for the evidence check: 1 strong to 4 rationale


@dataclass(frozen=True)
class CheckRow:
    id: uuid.UUID | None  # None: the pilot has no row for this check yet
    criterion: str
    label: str
    question: str
    result: str
    result_label: str
    evidence: str
    essa_tier: int | None
    essa_label: str | None


@dataclass(frozen=True)
class CostLine:
    """A pilot's cost per student against the $5-a-year line for supplemental tools."""

    cost_per_student: float | None
    under_line: bool | None  # None: no cost entered yet
    yearly_total: float | None  # cost per student times licences
    text: str


@dataclass(frozen=True)
class VettingView:
    pilot_id: uuid.UUID
    checks: list[CheckRow]
    cost: CostLine
    # Set when the privacy check failed: why students can't use the tool, and what to do.
    privacy_gate: str | None
    # The privacy check failed while students use the tool: stop and sunset or fix.
    privacy_alarm: bool


def essa_label(tier: int | None) -> str | None:
    return None if tier is None else f"Tier {tier}: {ESSA_TIERS[tier]}"


def cost_line(cost_per_student: float | None, licences: int | None = None) -> CostLine:
    """Whether the cost is under $5 per student a year, and a sentence saying so."""
    line = f"${COST_LINE_PER_STUDENT:.0f} line for supplemental tools"
    if cost_per_student is None:
        return CostLine(
            None,
            None,
            None,
            f"No cost per student yet; add the vendor's quote to compare it with the {line}.",
        )
    figure = f"${cost_per_student:,.2f} per student a year"
    under = cost_per_student < COST_LINE_PER_STUDENT
    if cost_per_student == 0:
        text = f"Free: {figure} is under the {line}."
    elif under:
        text = f"{figure} is under the {line}."
    elif cost_per_student == COST_LINE_PER_STUDENT:
        text = f"{figure} is at the {line}, not under it."
    else:
        text = f"{figure} is over the {line}."
    total = None
    if licences:
        total = cost_per_student * licences
        plural = "licence" if licences == 1 else "licences"
        text += f" For {licences:,} {plural} that is ${total:,.2f} a year."
    return CostLine(cost_per_student, under, total, text)


def save_vetting(store: Store, pilot_id: uuid.UUID, checks: list[CheckInput]) -> None:
    """Save the vetting form: every check given, all at once or (if one is wrong) none."""
    problems = validate_checks(checks)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        state = load_state(session, pilot_id)
        existing = {c.criterion: c for c in state.checks}
        for given in checks:
            row = existing.get(given.criterion)
            if row is None:
                row = VettingCheck(pilot_id=pilot_id, criterion=given.criterion)
                session.add(row)
            row.result = given.result
            row.evidence = given.evidence.strip()
            row.essa_tier = given.essa_tier


def validate_checks(checks: list[CheckInput]) -> dict[str, str]:
    problems = {}
    seen = set()
    results = {r.value for r in CheckResult}
    for given in checks:
        name = given.criterion
        if name not in CRITERIA:
            problems[name] = f"“{name}” is not one of the six checks."
            continue
        if name in seen:
            problems[name] = f"The {name} check is in the form twice; keep one."
        seen.add(name)
        if given.result not in results:
            problems[f"{name}.result"] = "Choose pass, fail or unknown."
        if given.essa_tier is not None:
            if name != VettingCriterion.EVIDENCE:
                problems[f"{name}.essa_tier"] = "Only the evidence check has an ESSA tier."
            elif given.essa_tier not in ESSA_TIERS:
                problems[f"{name}.essa_tier"] = (
                    "Choose an ESSA tier from 1 (strong evidence) to 4 (demonstrates a "
                    "rationale), or leave it empty."
                )
    return problems


def vetting_view(state: PilotState) -> VettingView:
    pilot = state.pilot
    by_criterion = {c.criterion: c for c in state.checks}
    rows = [_check_row(VettingCriterion(name), by_criterion.get(name)) for name in CRITERIA]
    failed = state.result_of(VettingCriterion.PRIVACY) == CheckResult.FAIL
    return VettingView(
        pilot_id=pilot.id,
        checks=rows,
        cost=cost_line(pilot.cost_per_student, pilot.licences),
        privacy_gate=privacy_gate(pilot.tool, "move to piloting") if failed else None,
        privacy_alarm=failed and pilot.status in STUDENT_USE,
    )


def _check_row(criterion: VettingCriterion, check: VettingCheck | None) -> CheckRow:
    result = CheckResult.UNKNOWN.value if check is None else check.result
    tier = None if check is None or check.essa_tier not in ESSA_TIERS else check.essa_tier
    return CheckRow(
        id=None if check is None else check.id,
        criterion=criterion.value,
        label=CRITERION_LABELS[criterion],
        question=CRITERION_QUESTIONS[criterion],
        result=result,
        result_label=RESULT_LABELS.get(result, result),
        evidence="" if check is None else check.evidence,
        essa_tier=tier,
        essa_label=essa_label(tier),
    )
