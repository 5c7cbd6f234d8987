"""What a viewer sees of a candidacy: eligibility with or without figures, the steps they
may take now, and the timeline with objections' texts kept to the advisor."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.core.authz import can
from tongxin.staff.eligibility import eligibility_of
from tongxin.workflow.notice.period import notice_run_out

from . import selectors
from .forms import objection_outcomes
from .machine import CANDIDACY, OBJECTIONS
from .models import Candidacy, State, Step

OBJECTOR_LABEL = "一名同学"


@dataclass(frozen=True)
class CheckLine:
    rule: str
    passed: bool
    text: str


def eligibility_lines(candidate: User, viewer: Any, candidacy: Candidacy | None) -> list[CheckLine]:
    """Figures only for those selection.view_candidate_grades allows; political status only
    for the advisor and the person (accounts.view_sensitive_user)."""
    grades = candidacy is not None and can(viewer, "selection.view_candidate_grades", candidacy)
    politics = can(viewer, "accounts.view_sensitive_user", candidate)
    lines = []
    for check in eligibility_of(candidate).checks:
        shown = politics if check.rule == "political" else grades
        lines.append(
            CheckLine(check.rule, check.passed, check.text if shown else check.public_text)
        )
    return lines


def available_steps(c: Candidacy, viewer: Any) -> list[str]:
    """The steps the transition table lets this viewer take now (selection.machine)."""
    return CANDIDACY.allowed(viewer, c)


def state_label(c: Candidacy, now: datetime.datetime | None = None) -> str:
    if notice_run_out(c, now or timezone.now()):
        return str(State.NOTICE_ENDED.label)
    return str(State(c.state).label)


@dataclass(frozen=True)
class TimelineLine:
    kind: str
    label: str
    actor: str
    text: str
    at: datetime.datetime


def timeline_lines(c: Candidacy, viewer: Any) -> list[TimelineLine]:
    """Objections and their answers: text and objector's name for the advisor only."""
    insider = can(viewer, "selection.resolve_objection", c)
    lines = []
    for e in selectors.timeline_for(c):
        hidden = e.restricted and not insider
        # The objector's name: on the objection and on the pause it caused.
        hidden_actor = not insider and e.kind in (Step.OBJECTED, Step.PAUSED)
        lines.append(
            TimelineLine(
                kind=e.kind,
                label=str(Step(e.kind).label),
                actor=OBJECTOR_LABEL if hidden_actor else e.actor_label,
                text="" if hidden else e.text,
                at=e.created_at,
            )
        )
    return lines


def detail_context(c: Candidacy, viewer: Any) -> dict[str, Any]:
    insider = can(viewer, "selection.resolve_objection", c)
    objections = list(selectors.objections_of(c)) if insider else []
    return {
        "c": c,
        "state_label": state_label(c),
        "eligibility": eligibility_lines(c.candidate, viewer, c),
        "shows_figures": can(viewer, "selection.view_candidate_grades", c),
        "steps": available_steps(c, viewer),
        "timeline": timeline_lines(c, viewer),
        "objections": objections,
        "open_objections": [o for o in objections if OBJECTIONS.answerable(o)],
        "outcomes": objection_outcomes(),
    }
