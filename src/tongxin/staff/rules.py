"""Who may see and shape a union's staff.

Grades' figures are sensitive (DESIGN.md): the advisor, the person, and — for candidates
of an open selection — the recommending college league secretary see them; office
handlers of the academic office see their own uploads; presidium members see warnings
without figures; everyone else only "meets / does not meet".
"""

from typing import Any

import rules

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Role
from tongxin.accounts.reach import grants_of, has_role, reaches_node
from tongxin.orgs.models import Node, OfficeKind

FEDERATION_ROLES = [Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN, Role.COUNTY_SPECIALIST]


@rules.predicate
def advises(user: Any, school: Node | None) -> bool:
    return school is not None and reaches_node(user, school, roles=[Role.ADVISOR])


@rules.predicate
def reads_union(user: Any, union: Node | None) -> bool:
    """School roles over the union: its officers (and school-union officers for college
    unions), the college league secretary, the advisor."""
    return union is not None and reaches_node(
        user, union, roles=[Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR]
    )


@rules.predicate
def manages_union(user: Any, union: Node | None) -> bool:
    return (
        union is not None
        and union.school is not None
        and reaches_node(user, union.school, roles=[Role.ADVISOR])
    )


@rules.predicate
def federation_over(user: Any, node: Node | None) -> bool:
    return node is not None and reaches_node(user, node, roles=FEDERATION_ROLES)


@rules.predicate
def academic_office_of(user: Any, school: Node | None) -> bool:
    if school is None:
        return False
    offices = [
        g.node_id
        for g in grants_of(user)
        if g.role == Role.OFFICE_HANDLER and g.school_id == school.pk
    ]
    return (
        bool(offices)
        and Node.objects.filter(pk__in=offices, office_kind=OfficeKind.ACADEMIC).exists()
    )


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def advises_person(user: Any, person: Any) -> bool:
    return (
        person is not None
        and person.school is not None
        and reaches_node(user, person.school, roles=[Role.ADVISOR])
    )


@rules.predicate
def in_presidium_of(user: Any, union: Node | None) -> bool:
    return union is not None and any(
        g.role == Role.OFFICER and g.node_id == union.pk and g.position in PRESIDIUM_POSITIONS
        for g in grants_of(user)
    )


@rules.predicate
def is_federation_admin(user: Any) -> bool:
    return has_role(user, Role.FEDERATION_ADMIN)


@rules.predicate
def is_federation_member(user: Any) -> bool:
    return has_role(user, *FEDERATION_ROLES)


@rules.predicate
def is_school_staff_reader(user: Any) -> bool:
    return has_role(user, Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR)


@rules.predicate
def uploads_grades_somewhere(user: Any) -> bool:
    """The grades page opens for those who may upload for some school (staff.upload_grades):
    an advisor, or a handler of an academic office — not every office handler, whose menu
    would otherwise link a page that answers 403."""
    if has_role(user, Role.ADVISOR):
        return True
    offices = [g.node_id for g in grants_of(user) if g.role == Role.OFFICE_HANDLER]
    return (
        bool(offices)
        and Node.objects.filter(pk__in=offices, office_kind=OfficeKind.ACADEMIC).exists()
    )


rules.add_perm("staff.view_union", reads_union)
rules.add_perm("staff.view_union_counts", reads_union | federation_over)
rules.add_perm("staff.manage_union", manages_union)
rules.add_perm("staff.upload_grades", advises | academic_office_of)
rules.add_perm("staff.open_grade_upload", uploads_grades_somewhere)
rules.add_perm("staff.view_grades", is_self | advises_person)
rules.add_perm("staff.view_school_warnings", advises)
rules.add_perm("staff.manage_school", advises)
rules.add_perm("staff.view_union_warnings", advises | in_presidium_of)
rules.add_perm("staff.manage_limits", is_federation_admin)


@rules.predicate
def is_advisor(user: Any) -> bool:
    return has_role(user, Role.ADVISOR)


rules.add_perm("staff.open_unions", is_school_staff_reader | is_federation_member)
rules.add_perm("staff.open_school_warnings", is_advisor)


@rules.predicate
def secretary_of(user: Any, person: Any) -> bool:
    return (
        person is not None
        and person.college is not None
        and reaches_node(user, person.college, roles=[Role.COLLEGE_SECRETARY])
    )


rules.add_perm("staff.view_archive", is_self | advises_person | secretary_of)
