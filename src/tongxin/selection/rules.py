"""Who may see and move a candidacy (候选人) through selection.

The college league secretary recommends students of their college and records the
college Party organisation's consent; the school's league advisor reviews, records the
Party committee's decision, publishes the notice, answers objections, appoints or
rejects. Any student of the school may object to a candidate under notice.

Grades' figures (DESIGN.md, sensitive fields): the candidate, the advisor always, and the
recommending college's league secretary while the selection is open; everyone else sees
only meets / does not meet. Political status stays with accounts.view_sensitive_user
(the advisor and the person).
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import (
    STUDENT_ROLES,
    advises_school,
    belongs_to_a_school,
    holds_role_over,
    is_advisor,
    is_college_secretary,
    school_ids_where,
    secretary_of_person,
)

from .models import OPEN_STATES, Candidacy


@rules.predicate
def is_candidate(user: Any, candidacy: Candidacy | None) -> bool:
    return candidacy is not None and candidacy.candidate_id == user.pk


@rules.predicate
def selection_open(user: Any, candidacy: Candidacy | None) -> bool:
    return candidacy is not None and candidacy.state in OPEN_STATES


@rules.predicate
def studies_at_school_of(user: Any, candidacy: Candidacy | None) -> bool:
    return candidacy is not None and candidacy.school_id in school_ids_where(user, *STUDENT_ROLES)


# The league secretary of the candidate's college (the recommending organisation).
recommends = holds_role_over(Role.COLLEGE_SECRETARY, node_attr="college")
advises_candidacy = holds_role_over(Role.ADVISOR, node_attr="school")

rules.add_perm("selection.view_candidacy", is_candidate | recommends | advises_candidacy)
rules.add_perm(
    "selection.view_candidate_grades",
    is_candidate | advises_candidacy | (recommends & selection_open),
)
# The college League organisation's steps.
rules.add_perm("selection.recommend_candidate", secretary_of_person)
rules.add_perm("selection.consent_candidacy", recommends)
rules.add_perm("selection.withdraw_candidacy", recommends)
# The school's steps, recorded by the league advisor.
rules.add_perm("selection.review_candidacy", advises_candidacy)
rules.add_perm("selection.decide_candidacy", advises_candidacy)
rules.add_perm("selection.publish_candidacy", advises_candidacy)
rules.add_perm("selection.resolve_objection", advises_candidacy)
rules.add_perm("selection.appoint_candidacy", advises_candidacy)
rules.add_perm("selection.reject_candidacy", advises_candidacy)
rules.add_perm("selection.manage_settings", advises_school)
# The public notice.
rules.add_perm("selection.object_to_candidacy", studies_at_school_of & ~is_candidate)
# Pages.
rules.add_perm("selection.view_notice", belongs_to_a_school)
rules.add_perm("selection.open_candidacy_list", is_advisor)
rules.add_perm("selection.open_college_list", is_college_secretary)
rules.add_perm("selection.open_settings", is_advisor)
