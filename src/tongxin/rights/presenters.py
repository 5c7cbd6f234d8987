"""What the issue page shows a given viewer: the timeline, the writer as the viewer may
see them, and the actions the viewer may take in the issue's current state."""

from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.roles import node_ids_where
from tongxin.core.authz import can

from . import selectors
from .forms import UnsealForm
from .machine import ISSUE
from .models import Clock, Issue, Status
from .rules import reporter_id


def available_actions(issue: Issue, user: Any) -> list[str]:
    """The buttons of the issue page: what the transition table lets this viewer do now."""
    return ISSUE.allowed(user, issue)


# The answer and the feedback on the issue belong to the round under way only in these
# states; anywhere else (a 不满意 reopened the issue) they are the previous round's.
ANSWER_CURRENT = {Status.ANSWERED, Status.FED_BACK, Status.CLOSED}
FEEDBACK_CURRENT = {Status.FED_BACK, Status.CLOSED}


def _forms(issue: Issue, actions: list[str], bound: dict[str, Any]) -> list[dict[str, Any]]:
    from .actions import ACTIONS, action_form

    return [
        {"name": a, "spec": ACTIONS[a], "form": bound.get(a) or action_form(a, issue)}
        for a in actions
    ]


def _student_due(issue: Issue, staff_view: bool) -> dict[str, Any]:
    """The running deadline as the student should read it (never a bare internal date)."""
    clock = None if staff_view or issue.due_at is None else ISSUE.running_clock.get(issue.status)
    hours = 0
    if clock == Clock.FIRST_REPLY and issue.due_at:  # started when the issue was created
        hours = round((issue.due_at - issue.created_at).total_seconds() / 3600)
    return {"running_clock": clock, "first_reply_hours": hours, "due_at": issue.due_at}


def detail_context(issue: Issue, user: Any, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    """`bound` holds the forms of a refused POST, shown with what was typed and its errors."""
    is_reporter = reporter_id(issue) == user.pk
    staff_view = not is_reporter or can(user, "rights.handle_issue", issue)
    actions = available_actions(issue, user)
    bound = bound or {}
    history = issue.dissatisfied_count > 0 and (
        (issue.answer and issue.status not in ANSWER_CURRENT)
        or (issue.feedback and issue.status not in FEEDBACK_CURRENT)
    )
    return {
        "action_forms": _forms(issue, actions, bound),
        "unseal_form": bound.get("unseal") or UnsealForm(auto_id="unseal-%s"),
        "bound_forms": list(bound.values()),
        "history": history,
        "answer_current": issue.status in ANSWER_CURRENT,
        "feedback_current": issue.status in FEEDBACK_CURRENT,
        "student_view": not staff_view,
        **_student_due(issue, staff_view),
        "issue": issue,
        "is_reporter": is_reporter,
        "writer": "我" if is_reporter else selectors.reporter_label(issue, user),
        "events": selectors.timeline_for(issue, student_view=not staff_view),
        "photos": list(issue.photos.all()),
        "office_inputs": list(issue.office_inputs.select_related("office")) if staff_view else [],
        # Co-offices exist only beside a lead office (a referral names both at once).
        "co_offices": list(issue.co_offices.all()) if issue.lead_office_id else [],
        "actions": actions,
        "my_co_offices": _my_co_offices(issue, user) if "office-input" in actions else [],
        "can_unseal": issue.is_anonymous and can(user, "rights.unseal_issue", issue),
        "overdue": issue.due_at is not None and issue.due_at < timezone.now(),
    }


def _my_co_offices(issue: Issue, user: Any) -> list[Any]:
    mine = set(node_ids_where(user, Role.OFFICE_HANDLER))
    return [o for o in issue.co_offices.all() if o.pk in mine]
