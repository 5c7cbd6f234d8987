"""Who `bench/run` logs in as, and which pages it opens: chosen from the generated data
the same way every time, written out as JSON for the load client."""

from typing import Any

from django.db.models import Count

from tongxin.accounts.models import Membership, Role, User
from tongxin.bench.elections import prepare as election_personas
from tongxin.bench.proposals import prepare as proposal_personas
from tongxin.demo.build import PASSWORD
from tongxin.orgs.models import Node, NodeKind
from tongxin.rights.models import Issue, IssueCategory, RightsSettings
from tongxin.rights.selectors import mine_q, queue_unions

SUBMITTERS = 12  # students of different schools; each client connection takes its own
WRITERS = 6  # the writer scenarios' connections: six students submitting at once


def _login(user: User) -> dict[str, str]:
    code = user.school.code if user.school_id and user.school else ""
    return {
        "school_code": code,
        "login": user.number if code else user.username,
        "password": PASSWORD,
    }


def _member(role: str, **filters: Any) -> User:
    membership = (
        Membership.objects.active()
        .filter(role=role, **filters)
        .select_related("user__school")
        .order_by("school_id", "user_id")
        .first()
    )
    if membership is None:
        raise LookupError(f"no active {role} with {filters}")
    return membership.user


def _busy_student(school: Node) -> tuple[User, int]:
    """The school's student with the most issues, and their issue with the longest timeline."""
    top = (
        Issue.objects.filter(school=school, submitter__isnull=False)
        .values("submitter_id")
        .annotate(n=Count("id"))
        .order_by("-n", "submitter_id")
        .first()
    )
    if top is None:
        raise LookupError("no issues generated")
    student = User.objects.select_related("school").get(pk=top["submitter_id"])
    issue = (
        Issue.objects.filter(submitter=student)
        .annotate(n=Count("events"))
        .order_by("-n", "-id")
        .values_list("id", flat=True)
        .first()
    )
    return student, int(issue or 0)


def raise_submission_limits() -> int:
    """The rights desk's own setting, raised for every school so the load is never refused."""
    schools = list(Node.objects.filter(kind=NodeKind.SCHOOL).values_list("pk", flat=True))
    for pk in schools:
        RightsSettings.objects.update_or_create(
            school_id=pk, defaults={"daily_submission_limit": 32_000}
        )
    return len(schools)


def _submitters() -> list[dict[str, str]]:
    people = []
    for school in Node.objects.filter(kind=NodeKind.SCHOOL).order_by("code")[:SUBMITTERS]:
        try:
            people.append(_login(_member(Role.STUDENT, school=school)))
        except LookupError:
            continue
    return people


def _students(school: Node, count: int) -> list[User]:
    members = (
        Membership.objects.active()
        .filter(role=Role.STUDENT, school=school)
        .select_related("user__school")
        .order_by("user_id")[:count]
    )
    return [m.user for m in members]


def _writers() -> dict[str, Any]:
    """Six distinct students of ONE school, and six of six schools (of as many as there
    are, two or more per school at a smaller scale): the two writer scenarios, compared
    to see whether the school's audit-chain head serialises its writers. The daily limit
    is no concern: `prepare` raises it to 32,000 per student."""
    schools = list(Node.objects.filter(kind=NodeKind.SCHOOL).order_by("code")[:WRITERS])
    one = next((s for s in schools if len(_students(s, WRITERS)) == WRITERS), None)
    if one is None:
        raise LookupError(f"no school with {WRITERS} active students")
    per_school = -(-WRITERS // len(schools))  # ceiling: enough students from each school
    columns = [_students(s, per_school) for s in schools]
    spread = [column[i] for i in range(per_school) for column in columns if i < len(column)]
    spread = spread[:WRITERS]
    return {
        "one_school": [_login(u) for u in _students(one, WRITERS)],
        "six_schools": [_login(u) for u in spread],
        "writer_schools": {
            "one_school": [one.pk],
            "six_schools": sorted({u.school_id for u in spread if u.school_id}),
        },
    }


# The queue scenarios' two filters over the persona union's backlog (writer.backlog): the
# page over thousands of matching rows, and over a few dozen.
QUEUE_MANY, QUEUE_FEW = "submitted", "accepted"


def persona_union() -> Node | None:
    """The school union whose people the scenarios log in as (the first school by code)."""
    return Node.objects.filter(kind=NodeKind.SCHOOL_UNION).order_by("school__code").first()


def _queue_rows(officer: User, status: str) -> int:
    return Issue.objects.filter(union_id__in=queue_unions(actor=officer), status=status).count()


def _first_city() -> int:
    """The reform heat map's city filter: the first city (the demo's largest by path)."""
    city = Node.objects.filter(kind=NodeKind.CITY).order_by("path").values_list("pk", flat=True)
    return int(city.first() or 0)


def personas() -> dict[str, Any]:
    union = persona_union()
    if union is None or union.school is None:
        raise LookupError("no school union: run `tongxin bench generate` first")
    school = union.school
    student, issue_id = _busy_student(school)
    category = IssueCategory.objects.filter(is_active=True, is_urgent=False).order_by("pk").first()
    try:
        federation = _member(Role.FEDERATION_STAFF, node__kind=NodeKind.PROVINCE)
    except LookupError:
        federation = _member(Role.FEDERATION_ADMIN, node__kind=NodeKind.PROVINCE)
    officer = _member(Role.OFFICER, node=union)
    advisor = _member(Role.ADVISOR, node=school)
    mine_rows = Issue.objects.filter(mine_q(student)).count()
    congress = proposal_personas(union, advisor, _login)
    congress |= election_personas(congress["proposal_session"], advisor, _login)
    return (
        {
            "school_id": school.pk,
            "queue_many": QUEUE_MANY,
            "queue_few": QUEUE_FEW,
            # Rows each list scenario's filter matches, counted once here (not while timed).
            "matched": {
                "queue": _queue_rows(officer, QUEUE_MANY),
                "queue_few": _queue_rows(officer, QUEUE_FEW),
                "mine": mine_rows,
            },
            "issue_id": issue_id,
            "reform_city": _first_city(),
            "category_id": category.pk if category else 0,
            "student": _login(student),
            "officer": _login(officer),
            "advisor": _login(advisor),
            "federation": _login(federation),
            "submitters": _submitters(),
        }
        | _writers()
        | congress
    )
