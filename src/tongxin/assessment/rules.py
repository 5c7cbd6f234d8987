"""Who may open, run, rate in and read a 述职评议 round.

The school's league advisor runs the rounds of every union of the school. Raters are
exactly the people chosen for a round (never themselves as the rated). The rated officer
writes their own report and reads their own results — never who rated what. The
federation admin edits the weights and thresholds.
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import holds_role_over, is_advisor, is_federation_admin, is_officer
from tongxin.orgs.models import UNION_KINDS

from .models import RatedOfficer, Rater


def _memo(user: Any, key: str, compute: Any) -> bool:
    """Per-user-object memo for the navigation's per-page checks (one query per request)."""
    cache: dict[str, bool] = user.__dict__.setdefault("_assessment_flags", {})
    if key not in cache:
        cache[key] = bool(compute())
    return cache[key]


@rules.predicate
def is_union(user: Any, node: Any) -> bool:
    return node is not None and node.kind in UNION_KINDS


# On a union: the advisor of its school.
advises_union = is_union & holds_role_over(Role.ADVISOR, node_attr="school")
# The advisor of the school a round, rated officer or exit proposal belongs to.
advises_school_of = holds_role_over(Role.ADVISOR, node_attr="school")


@rules.predicate
def is_chosen_rater(user: Any) -> bool:
    if user.pk is None:
        return False
    return _memo(user, "rater", lambda: Rater.objects.filter(user_id=user.pk).exists())


@rules.predicate
def rates_officer(user: Any, rated: RatedOfficer | None) -> bool:
    return (
        rated is not None
        and user.pk is not None
        and rated.officer_id != user.pk
        and Rater.objects.filter(round_id=rated.round_id, user_id=user.pk).exists()
    )


@rules.predicate
def is_rated_officer(user: Any, rated: RatedOfficer | None) -> bool:
    return rated is not None and user.pk is not None and rated.officer_id == user.pk


@rules.predicate
def was_rated(user: Any) -> bool:
    if user.pk is None:
        return False
    return _memo(user, "rated", lambda: RatedOfficer.objects.filter(officer_id=user.pk).exists())


# Pages (no object): who may ever open them; everyone else gets 403.
rules.add_perm("assessment.open_rounds", is_advisor)
rules.add_perm("assessment.open_rating", is_chosen_rater)
rules.add_perm("assessment.view_own_results", is_officer | was_rated)
rules.add_perm("assessment.manage_policy", is_federation_admin)
# Objects.
rules.add_perm("assessment.open_round", advises_union)  # on a union
rules.add_perm("assessment.view_round", advises_school_of)  # on a round
rules.add_perm("assessment.manage_round", advises_school_of)  # close, publish
rules.add_perm("assessment.decide_exit", advises_school_of)  # on an exit proposal
rules.add_perm("assessment.rate_officer", rates_officer)  # on a rated officer
rules.add_perm("assessment.submit_report", is_rated_officer)
