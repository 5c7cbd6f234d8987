"""Who may see and move a rights issue (权益诉求).

The queue belongs to one union: its officers act on it. A school-union officer also
*reads* the college unions' queues (校-院-班 linkage) but does not act on them. Offices
see only what was referred to them (the predicates of the referral piece,
tongxin.workflow.referral.rules); advisors oversee the whole school; federation staff
see an issue only once it has been escalated to the city.
"""

from typing import Any, cast

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    advises_school,
    belongs_to_a_school,
    holds_role_at,
    holds_role_over,
    is_advisor,
    is_college_secretary,
    is_federation_admin,
    is_office_handler,
    is_officer,
    is_student,
)
from tongxin.workflow.referral.rules import (
    handles_co_office,
    handles_lead_office,
    heads_lead_office,
)

from .models import Issue, SealedIdentity

_SEALED = Issue._meta.get_field("sealed")


def reporter_id(issue: Issue) -> int | None:
    if not issue.is_anonymous:
        return issue.submitter_id
    if _SEALED.is_cached(issue):  # loaded with the issue (select_related) or just written
        sealed = cast(SealedIdentity | None, _SEALED.get_cached_value(issue))
        return sealed.user_id if sealed is not None else None
    return (
        SealedIdentity.objects.filter(issue_id=issue.pk).values_list("user_id", flat=True).first()
    )


@rules.predicate
def is_reporter(user: Any, issue: Issue | None) -> bool:
    return issue is not None and user.pk is not None and reporter_id(issue) == user.pk


# An officer of the union that holds the issue's queue.
owns_issue = holds_role_at(Role.OFFICER, node_id_attr="union_id")
reads_queue_of = holds_role_over(Role.OFFICER, Role.COLLEGE_SECRETARY, node_attr="union")
oversees_issue = holds_role_over(Role.ADVISOR, node_attr="school")


@rules.predicate
def is_escalated_to_city(user: Any, issue: Issue | None) -> bool:
    return issue is not None and issue.escalated_to_city


escalated_to_federation = is_escalated_to_city & holds_role_over(
    *FEDERATION_ROLES, node_attr="school"
)

reads_issue = (
    is_reporter
    | reads_queue_of
    | handles_lead_office
    | handles_co_office
    | oversees_issue
    | escalated_to_federation
)

rules.add_perm("rights.submit_issue", is_student)
rules.add_perm("rights.view_issue", reads_issue)
rules.add_perm("rights.view_queue", is_officer | is_college_secretary)
rules.add_perm("rights.view_inbox", is_office_handler)
rules.add_perm("rights.withdraw_issue", is_reporter)
rules.add_perm("rights.rate_issue", is_reporter)
rules.add_perm("rights.support_issue", is_student)
rules.add_perm(
    "rights.handle_issue", owns_issue
)  # accept, decline, merge, start, refer, answer, feed back
rules.add_perm("rights.answer_referred_issue", handles_lead_office)
rules.add_perm("rights.approve_answer", heads_lead_office)
rules.add_perm("rights.add_office_input", handles_co_office)
rules.add_perm("rights.unseal_issue", oversees_issue)

rules.add_perm("rights.manage_settings", advises_school)
rules.add_perm("rights.manage_categories", is_federation_admin)
rules.add_perm("rights.view_wall", belongs_to_a_school)
rules.add_perm("rights.open_settings", is_advisor)

# Comments and attachments (tongxin.comments, tongxin.attachments) name their author, so the
# reporter of an anonymous issue adds none: their name would sit beside the issue.
is_anonymous_issue = rules.predicate(lambda user, issue: issue is not None and issue.is_anonymous)
rules.add_perm("rights.discuss_issue", reads_issue & ~(is_reporter & is_anonymous_issue))
