"""Store a plan through the ORM in bulk.

The demo is generated data, not a sequence of domain actions: rows are written directly
with `bulk_create` (no per-row services, no per-row audit events, no per-row queries);
`build.build_demo()` records one `demo.province.generated` event for the whole build.
Nodes are written level by level with an empty path, then placed by `place_node()` (the
one rule for path, depth and school) and saved with `bulk_update`.
"""

from tongxin.accounts.models import Membership, Role, User
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.services import place_node
from tongxin.staff.models import Appointment, Department
from tongxin.workflow.generation.province import (
    BATCH,
    DepartmentSpec,
    NodeSpec,
    PersonSpec,
    PostSpec,
    ProvincePlan,
    Written,
)


def _node(spec: NodeSpec, parent: Node | None) -> Node:
    node = Node(
        kind=spec.kind,
        name=spec.name,
        code=spec.code,
        parent=parent,
        path="",
        is_demo=spec.kind == NodeKind.PROVINCE,
        **spec.attrs,
    )
    place_node(node)  # depth and school (a school's own id comes with the second placing)
    node.path = ""  # the path ends with the node's id: placed again after the insert
    return node


def write_nodes(specs: list[NodeSpec]) -> dict[str, Node]:
    """Level by level, so that every parent has its id and path before its children."""
    nodes: dict[str, Node] = {}
    for depth in sorted({spec.depth for spec in specs}):
        level = [spec for spec in specs if spec.depth == depth]
        objs = [_node(spec, nodes[spec.parent] if spec.parent else None) for spec in level]
        Node.objects.bulk_create(objs, batch_size=BATCH)
        for obj in objs:
            place_node(obj)
        # Only what needed the id changes: the path, and a school's pointer to itself.
        schools = any(spec.kind == NodeKind.SCHOOL for spec in level)
        Node.objects.bulk_update(
            objs, ["path", "school"] if schools else ["path"], batch_size=BATCH
        )
        nodes.update(zip((spec.key for spec in level), objs, strict=True))
    return nodes


def _node_id(nodes: dict[str, Node], key: str | None) -> int | None:
    return nodes[key].pk if key else None


def _user(person: PersonSpec, nodes: dict[str, Node], password_hash: str) -> User:
    return User(
        username=person.username,
        password=password_hash,
        real_name=person.real_name,
        school_id=_node_id(nodes, person.school),
        number=person.number,
        college_id=_node_id(nodes, person.college),
        klass_id=_node_id(nodes, person.klass),
        major=person.major,
        enrolment_year=person.enrolment_year,
        level=person.level,
        political_status=person.political_status,
        phone=person.phone,
    )


def write_users(
    people: list[PersonSpec], nodes: dict[str, Node], password_hash: str
) -> dict[str, int]:
    """Every account gets the same precomputed password hash. Returns username → id."""
    users = [_user(person, nodes, password_hash) for person in people]
    User.objects.bulk_create(users, batch_size=BATCH)
    if users and users[0].pk is None:  # a database that cannot return ids from bulk inserts
        wanted = {person.username for person in people}
        rows = User.objects.values_list("username", "pk").iterator(chunk_size=BATCH)
        return {name: pk for name, pk in rows if name in wanted}
    return {user.username: user.pk for user in users}


def _membership(post: PostSpec, nodes: dict[str, Node], users: dict[str, int]) -> Membership:
    node = nodes[post.node]
    return Membership(
        user_id=users[post.username],
        node_id=node.pk,
        school_id=node.school_id,
        role=post.role,
        position=post.position,
        start=post.start,
        end=post.end,
        end_reason=post.end_reason,
    )


def write_departments(
    specs: list[DepartmentSpec], nodes: dict[str, Node]
) -> dict[tuple[str, str], Department]:
    """Returns (union key, name) → department."""
    departments = {
        (spec.union, spec.name): Department(
            union_id=nodes[spec.union].pk, school_id=nodes[spec.union].school_pk, name=spec.name
        )
        for spec in specs
    }
    Department.objects.bulk_create(departments.values(), batch_size=BATCH)
    return departments


def write_appointments(
    posts: list[PostSpec],
    memberships: list[Membership],
    departments: dict[tuple[str, str], Department],
) -> int:
    """Every officer's seat: their department, or none for the presidium."""
    appointments = [
        Appointment(
            membership_id=membership.pk,
            school_id=membership.school_id or 0,  # officers sit in a school: never 0
            department=departments[(post.node, post.department)] if post.department else None,
        )
        for post, membership in zip(posts, memberships, strict=True)
        if post.role == Role.OFFICER
    ]
    Appointment.objects.bulk_create(appointments, batch_size=BATCH)
    return len(appointments)


def _with_ids(memberships: list[Membership]) -> list[Membership]:
    """On a database that cannot return ids from bulk inserts, read them back in order."""
    if not memberships or memberships[0].pk is not None:
        return memberships
    ids = Membership.objects.order_by("-pk").values_list("pk", flat=True)[: len(memberships)]
    for membership, pk in zip(memberships, reversed(list(ids)), strict=True):
        membership.pk = pk
    return memberships


def write_plan(plan: ProvincePlan, *, password_hash: str) -> Written:
    nodes = write_nodes(plan.nodes)
    users = write_users(plan.people, nodes, password_hash)
    memberships = [_membership(post, nodes, users) for post in plan.posts]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    departments = write_departments(plan.departments, nodes)
    write_appointments(plan.posts, _with_ids(memberships), departments)
    province = next(node for node in nodes.values() if node.kind == NodeKind.PROVINCE)
    return Written(
        province, len(nodes), len(users), len(memberships), len(departments), nodes, users
    )
