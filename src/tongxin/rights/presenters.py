"""What the issue page shows a given viewer: the timeline, the writer as the viewer may
see them, and the actions the viewer may take in the issue's current state."""

from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Role
from tongxin.accounts.reach import grants_of
from tongxin.core.authz import can

from . import selectors
from .forms import DeclineReason, Rating
from .models import Issue, Status
from .rules import reporter_id

# Which actions each state offers, and the permission each needs.
STATE_ACTIONS: dict[str, list[tuple[str, str]]] = {
    Status.SUBMITTED: [
        ("accept", "rights.handle_issue"),
        ("decline", "rights.handle_issue"),
        ("merge", "rights.handle_issue"),
        ("withdraw", "rights.withdraw_issue"),
    ],
    Status.ACCEPTED: [
        ("start", "rights.handle_issue"),
        ("refer", "rights.handle_issue"),
        ("merge", "rights.handle_issue"),
        ("withdraw", "rights.withdraw_issue"),
    ],
    Status.IN_PROGRESS: [("answer", "rights.handle_issue"), ("withdraw", "rights.withdraw_issue")],
    Status.REFERRED: [
        ("office-answer", "rights.answer_referred_issue"),
        ("return", "rights.answer_referred_issue"),
        ("approve", "rights.approve_answer"),
        ("office-input", "rights.add_office_input"),
        ("withdraw", "rights.withdraw_issue"),
    ],
    Status.ANSWERED: [("feed-back", "rights.handle_issue"), ("publish", "rights.handle_issue")],
    Status.FED_BACK: [("rate", "rights.rate_issue"), ("publish", "rights.handle_issue")],
    Status.CLOSED: [("publish", "rights.handle_issue")],
}


def available_actions(issue: Issue, user: Any) -> list[str]:
    actions = [name for name, perm in STATE_ACTIONS.get(issue.status, []) if can(user, perm, issue)]
    if "approve" in actions and not issue.answer_draft:
        actions.remove("approve")
    if "publish" in actions and (not issue.publication_consent or issue.published_at):
        actions.remove("publish")
    if issue.is_open and can(user, "rights.handle_issue", issue):
        actions.append("assign")
    return actions


def detail_context(issue: Issue, user: Any) -> dict[str, Any]:
    is_reporter = reporter_id(issue) == user.pk
    staff_view = not is_reporter or can(user, "rights.handle_issue", issue)
    actions = available_actions(issue, user)
    return {
        "issue": issue,
        "is_reporter": is_reporter,
        "writer": "我" if is_reporter else selectors.reporter_label(issue, user),
        "events": selectors.timeline_for(issue, student_view=not staff_view),
        "photos": list(issue.photos.all()),
        "office_inputs": list(issue.office_inputs.select_related("office")) if staff_view else [],
        # Co-offices exist only beside a lead office (a referral names both at once).
        "co_offices": list(issue.co_offices.all()) if issue.lead_office_id else [],
        "actions": actions,
        "offices": list(selectors.offices_of_school(issue.school_id)) if "refer" in actions else [],
        "officers": selectors.union_officer_choices(issue) if "assign" in actions else [],
        "my_co_offices": _my_co_offices(issue, user) if "office-input" in actions else [],
        "decline_reasons": DeclineReason.choices,
        "ratings": [
            (Rating.SATISFIED, Rating.SATISFIED.label),
            (Rating.BASICALLY, Rating.BASICALLY.label),
            (Rating.DISSATISFIED, Rating.DISSATISFIED.label),
        ],
        "can_unseal": issue.is_anonymous and can(user, "rights.unseal_issue", issue),
        "overdue": issue.due_at is not None and issue.due_at < timezone.now(),
    }


def _my_co_offices(issue: Issue, user: Any) -> list[Any]:
    mine = {g.node_id for g in grants_of(user) if g.role == Role.OFFICE_HANDLER}
    return [o for o in issue.co_offices.all() if o.pk in mine]
