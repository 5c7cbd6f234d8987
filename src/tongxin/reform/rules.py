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
    belongs_to_a_school,
    grants_where,
    holds_role,
    holds_role_at,
    holds_role_over,
    is_federation_admin,
    is_federation_member,
    school_ids_where,
)
from tongxin.orgs.models import NodeKind

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


# --- issue 17: the review chain (object: a UnionSheet or a SchoolAssessment) ----------------
# Sheets: the college league secretary checks a college union's; the advisor checks every
# union's sheet of the school; either returns what they may check.
# The school's assessment: the advisor submits (for the League committee); the CITY
# federation whose subtree holds the school reviews (staff or admins held at that city —
# county specialists guide, they do not review); the PROVINCE federation confirms.
REVIEW_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)


def _federation_at(kind: str):
    @rules.predicate
    def check(user: object, obj: object) -> bool:
        school = getattr(obj, "school", None)
        if school is None:
            return False
        return any(
            school.path.startswith(g.path)
            for g in grants_where(user, *REVIEW_ROLES, node_kinds={kind})
        )

    return check


city_over_school = _federation_at(NodeKind.CITY)
province_over_school = _federation_at(NodeKind.PROVINCE)
secretary_over_sheet = holds_role_over(Role.COLLEGE_SECRETARY, node_attr="union")
advisor_over_school = holds_role_over(Role.ADVISOR, node_attr="school")


@rules.predicate
def sheet_of_college_union(user: object, sheet: object) -> bool:
    union = getattr(sheet, "union", None)
    return union is not None and union.kind == NodeKind.COLLEGE_UNION


rules.add_perm("reform.college_check_sheet", sheet_of_college_union & secretary_over_sheet)
rules.add_perm("reform.school_check_sheet", advisor_over_school)
rules.add_perm(
    "reform.return_sheet", (sheet_of_college_union & secretary_over_sheet) | advisor_over_school
)
rules.add_perm("reform.submit_assessment", advisor_over_school)
rules.add_perm("reform.city_review", city_over_school)
rules.add_perm("reform.province_confirm", province_over_school)
# Reading a school's assessment (its chain, timeline, rating, letter, rectification,
# meetings): the school's advisor and the federations over it (a union's officers read their
# own union's page, part 1).
rules.add_perm(
    "reform.view_assessment", holds_role_over(Role.ADVISOR, *FEDERATION_ROLES, node_attr="school")
)
# The review lists (who is waiting at my level): the advisor and the federations.
rules.add_perm("reform.open_review", holds_role(Role.ADVISOR) | is_federation_member)
rules.add_perm("reform.manage_calendar", is_federation_admin)


# --- issue 17: the public disclosure (公示) ---------------------------------------------------
# Object: a Disclosure (its school). The page itself is public (no login); these judge the
# logged-in side: reading its comments (anyone of the school and the federations over it),
# commenting while it is open (the school's students and teachers: every role held in the
# school), moderating (the school's advisor). Opening: the advisor, on the SchoolAssessment.


@rules.predicate
def belongs_to_school_of(user: object, obj: object) -> bool:
    school_id = getattr(obj, "school_id", None)
    return school_id is not None and school_id in school_ids_where(user)


@rules.predicate
def disclosure_is_open(user: object, disclosure: object) -> bool:
    return getattr(disclosure, "state", None) == "open"


rules.add_perm(
    "reform.view_disclosure",
    belongs_to_school_of | holds_role_over(*FEDERATION_ROLES, node_attr="school"),
)
rules.add_perm("reform.comment_disclosure", belongs_to_school_of & disclosure_is_open)
rules.add_perm("reform.moderate_disclosure", advisor_over_school)
rules.add_perm("reform.open_disclosure", advisor_over_school)
# The list of disclosures (their public pages, the advisor's opening): anyone who belongs
# to a school, and the federations.

rules.add_perm("reform.open_disclosures", belongs_to_a_school | is_federation_member)


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------
# Rating (object: a SchoolAssessment or its Rating): the CITY federation over the school
# proposes, the PROVINCE confirms (and writes the feedback letter).
# Rectification items (object: a RectificationItem): read by whoever reads its union and
# the federations over it; progress notes (and files) by the school's advisor and the
# union's officers while the item is open; the city or province accepts the evidence.
rules.add_perm("reform.propose_rating", city_over_school)
rules.add_perm("reform.confirm_rating", province_over_school)
rules.add_perm("reform.issue_letter", province_over_school)


@rules.predicate
def rectification_is_open(user: object, item: object) -> bool:
    return getattr(item, "state", None) == "open"


reads_rectification = holds_role_over(*SCHOOL_READERS, node_attr="union") | holds_role_over(
    *FEDERATION_ROLES, node_attr="union"
)
notes_rectification = advisor_over_school | holds_role_at(Role.OFFICER, node_id_attr="union_id")
rules.add_perm("reform.view_rectification", reads_rectification)
rules.add_perm("reform.note_rectification", notes_rectification)
rules.add_perm("reform.attach_to_rectification", notes_rectification & rectification_is_open)
rules.add_perm("reform.accept_rectification", city_over_school | province_over_school)
# Pages: the rectification list (items in reach) and the federations' rates and ratings.
rules.add_perm("reform.open_rectification", holds_role(*SCHOOL_READERS) | is_federation_member)
rules.add_perm("reform.open_rectification_rates", is_federation_member)
rules.add_perm("reform.open_ratings", is_federation_member)


# --- issue 17: call-ins, exchange visits and meeting records (part H) ----------------------
# Marking a school for a call-in (请上来) and recording meetings: the city federation over the
# school or the province (staff or admins; object: a SchoolAssessment, or a Meeting / an
# unsaved Meeting of the school). Reading a school's marks and meetings: the school's advisor
# and the federations over it (as reform.view_assessment). The list of marked schools is
# the federations' page.
calls_in_school = city_over_school | province_over_school
rules.add_perm("reform.mark_call_in", calls_in_school)
rules.add_perm("reform.record_meeting", calls_in_school)
rules.add_perm(
    "reform.view_meetings", holds_role_over(Role.ADVISOR, *FEDERATION_ROLES, node_attr="school")
)
rules.add_perm("reform.open_call_ins", is_federation_member)
rules.add_perm("reform.open_school_meetings", holds_role(Role.ADVISOR) | is_federation_member)
