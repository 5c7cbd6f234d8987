"""Who may see and shape a union's staff.

Grades' figures are sensitive (DESIGN.md): the advisor, the person, and — for candidates
of an open selection — the recommending college league secretary see them; office
handlers of the academic office see their own uploads; presidium members see warnings
without figures; everyone else only "meets / does not meet".
"""

from typing import Any

import rules

from tongxin.accounts.models import Role
from tongxin.accounts.reach import has_role
from tongxin.accounts.roles import (
    FEDERATION_ROLES,
    advises_person,
    advises_school,
    holds_role,
    holds_role_over,
    in_presidium_of,
    is_advisor,
    is_federation_admin,
    is_federation_member,
    is_self,
    node_ids_where,
    secretary_of_person,
)
from tongxin.orgs.models import Node, OfficeKind

# The school roles over a union: its officers (and school-union officers for college
# unions), the college league secretary, the advisor.
UNION_READERS = (Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR)

reads_union = holds_role_over(*UNION_READERS)
manages_union = holds_role_over(Role.ADVISOR, node_attr="school")
federation_over = holds_role_over(*FEDERATION_ROLES)
is_school_staff_reader = holds_role(*UNION_READERS)


def _handles_academic_office(office_ids: list[int]) -> bool:
    return (
        bool(office_ids)
        and Node.objects.filter(pk__in=office_ids, office_kind=OfficeKind.ACADEMIC).exists()
    )


@rules.predicate
def academic_office_of(user: Any, school: Node | None) -> bool:
    if school is None:
        return False
    return _handles_academic_office(node_ids_where(user, Role.OFFICE_HANDLER, school_id=school.pk))


@rules.predicate
def uploads_grades_somewhere(user: Any) -> bool:
    """The grades page opens for those who may upload for some school (staff.upload_grades):
    an advisor, or a handler of an academic office — not every office handler, whose menu
    would otherwise link a page that answers 403."""
    if has_role(user, Role.ADVISOR):
        return True
    return _handles_academic_office(node_ids_where(user, Role.OFFICE_HANDLER))


rules.add_perm("staff.view_union", reads_union)
rules.add_perm("staff.view_union_counts", reads_union | federation_over)
rules.add_perm("staff.manage_union", manages_union)
rules.add_perm("staff.upload_grades", advises_school | academic_office_of)
rules.add_perm("staff.open_grade_upload", uploads_grades_somewhere)
rules.add_perm("staff.view_grades", is_self | advises_person)
rules.add_perm("staff.view_school_warnings", advises_school)
rules.add_perm("staff.manage_school", advises_school)
rules.add_perm("staff.view_union_warnings", advises_school | in_presidium_of)
rules.add_perm("staff.manage_limits", is_federation_admin)
rules.add_perm("staff.open_unions", is_school_staff_reader | is_federation_member)
rules.add_perm("staff.open_school_warnings", is_advisor)
rules.add_perm("staff.view_archive", is_self | advises_person | secretary_of_person)
