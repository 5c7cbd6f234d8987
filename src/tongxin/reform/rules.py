"""Who may see and do what in the reform self-assessment (改革自评): the one place for it.

- The catalogue (指标体系): read by every school role and the federations; edited, copied
  and published by the federation admin; a published year is frozen (services refuse).
- Results: a union's officers, its college's league secretary and the school's advisor
  read their union; federation staff read every union below their node (city, county or
  province). The heat map is the federations' page.
- A union's officers (and, for a college union, its league secretary) attach evidence and
  explanations; they never set a computed verdict. The advisor confirms evidence.
- Recomputing: the federation staff over a scope, the advisor for their school.
"""

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    advises_school,
    holds_role,
    holds_role_at,
    holds_role_over,
    is_federation_admin,
    is_federation_member,
)

SCHOOL_READERS = (Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR)

federation_over = holds_role_over(*FEDERATION_ROLES)
reads_union = holds_role_over(*SCHOOL_READERS)
officer_of_union = holds_role_at(Role.OFFICER)
secretary_over_union = holds_role_over(Role.COLLEGE_SECRETARY)
advises_union = holds_role_over(Role.ADVISOR, node_attr="school")

# --- the catalogue ------------------------------------------------------------------------
rules.add_perm("reform.view_catalogues", holds_role(*SCHOOL_READERS) | is_federation_member)
rules.add_perm("reform.manage_catalogues", is_federation_admin)

# --- results and the heat map -------------------------------------------------------------
# Object: a union node.
rules.add_perm("reform.view_union_results", reads_union | federation_over)
rules.add_perm("reform.open_union_results", holds_role(*SCHOOL_READERS))
# Object: a school node (all its unions).
rules.add_perm("reform.view_school_results", advises_school | federation_over)
# Object: a federation node (city, county, province): the heat map's scope.
rules.add_perm("reform.open_heatmap", is_federation_member)
rules.add_perm("reform.view_scope", federation_over)
# Object: a scope node (a school for its advisor; a federation node for its staff).
rules.add_perm("reform.compute", advises_school | federation_over)

# --- evidence and explanations (object: a union node) ---------------------------------------
rules.add_perm("reform.explain_result", officer_of_union)
rules.add_perm("reform.submit_evidence", officer_of_union | secretary_over_union)
rules.add_perm("reform.confirm_evidence", advises_union)

# --- the heat map and a school's facts (part C) -------------------------------------------
# A page permission: the school page opens for the roles that may read some school's
# results (an advisor, federation staff); the school itself is judged by view_school_results.
rules.add_perm("reform.open_school_results", holds_role(Role.ADVISOR) | is_federation_member)

# --- part D: evidence as an object (attachments ask these on the Evidence) ----------------
# Read by whoever reads its union; files added by those who submit evidence for the union,
# while it waits for the advisor.


@rules.predicate
def evidence_is_open(user: object, evidence: object) -> bool:
    return getattr(evidence, "state", None) == "submitted"


reads_evidence = holds_role_over(*SCHOOL_READERS, node_attr="result.union") | holds_role_over(
    *FEDERATION_ROLES, node_attr="result.union"
)
submits_evidence = holds_role_at(Role.OFFICER, node_id_attr="result.union_id") | holds_role_over(
    Role.COLLEGE_SECRETARY, node_attr="result.union"
)
rules.add_perm("reform.view_evidence", reads_evidence)
rules.add_perm("reform.attach_to_evidence", submits_evidence & evidence_is_open)
