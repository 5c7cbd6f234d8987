"""Who may see and move a rights issue (权益诉求).

The queue belongs to one union: its officers act on it. A school-union officer also
*reads* the college unions' queues (校-院-班 linkage) but does not act on them. Offices
see only what was referred to them; advisors oversee the whole school; federation staff
see an issue only once it has been escalated to the city.
"""

from typing import Any, cast

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import grants_of, has_role, reaches_node

from .models import Issue, SealedIdentity

FEDERATION_ROLES = [Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST]
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


@rules.predicate
def owns_issue(user: Any, issue: Issue | None) -> bool:
    """An officer of the union that holds the issue's queue."""
    return issue is not None and any(
        g.role == Role.OFFICER and g.node_id == issue.union_id for g in grants_of(user)
    )


@rules.predicate
def reads_queue_of(user: Any, issue: Issue | None) -> bool:
    return issue is not None and reaches_node(
        user, issue.union, roles=[Role.OFFICER, Role.COLLEGE_SECRETARY]
    )


@rules.predicate
def handles_lead_office(user: Any, issue: Issue | None) -> bool:
    return (
        issue is not None
        and issue.lead_office_id is not None
        and any(
            g.role == Role.OFFICE_HANDLER and g.node_id == issue.lead_office_id
            for g in grants_of(user)
        )
    )


@rules.predicate
def heads_lead_office(user: Any, issue: Issue | None) -> bool:
    return (
        issue is not None
        and issue.lead_office_id is not None
        and any(
            g.role == Role.OFFICE_HANDLER
            and g.node_id == issue.lead_office_id
            and g.position == "office_head"
            for g in grants_of(user)
        )
    )


@rules.predicate
def handles_co_office(user: Any, issue: Issue | None) -> bool:
    if issue is None or issue.pk is None:
        return False
    offices = {g.node_id for g in grants_of(user) if g.role == Role.OFFICE_HANDLER}
    return bool(offices) and issue.co_offices.filter(pk__in=offices).exists()


@rules.predicate
def oversees_issue(user: Any, issue: Issue | None) -> bool:
    return issue is not None and reaches_node(user, issue.school, roles=[Role.ADVISOR])


@rules.predicate
def escalated_to_federation(user: Any, issue: Issue | None) -> bool:
    return (
        issue is not None
        and issue.escalated_to_city
        and reaches_node(user, issue.school, roles=FEDERATION_ROLES)
    )


@rules.predicate
def is_student(user: Any) -> bool:
    return has_role(user, Role.STUDENT)


@rules.predicate
def is_officer(user: Any) -> bool:
    return has_role(user, Role.OFFICER)


@rules.predicate
def is_college_secretary(user: Any) -> bool:
    return has_role(user, Role.COLLEGE_SECRETARY)


@rules.predicate
def is_office_handler(user: Any) -> bool:
    return has_role(user, Role.OFFICE_HANDLER)


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


@rules.predicate
def advises_school(user: Any, school: Any) -> bool:
    return school is not None and reaches_node(user, school, roles=[Role.ADVISOR])


@rules.predicate
def is_federation_admin(user: Any) -> bool:
    return has_role(user, Role.FEDERATION_ADMIN)


@rules.predicate
def belongs_to_a_school(user: Any) -> bool:
    return any(g.school_id for g in grants_of(user))


rules.add_perm("rights.manage_settings", advises_school)
rules.add_perm("rights.manage_categories", is_federation_admin)
rules.add_perm("rights.view_wall", belongs_to_a_school)


@rules.predicate
def is_advisor(user: Any) -> bool:
    return has_role(user, Role.ADVISOR)


rules.add_perm("rights.open_settings", is_advisor)
