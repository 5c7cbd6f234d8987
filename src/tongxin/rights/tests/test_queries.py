"""Query budgets of the students' and unions' busiest requests (issue 5, the province-scale
benchmark): each request runs a fixed number of statements, however many issues exist.
Behaviour, not timing: speed is measured by bench/ on generated data."""

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tongxin.rights.models import Issue, RightsSettings
from tongxin.testing.province import TinyProvince

from .factories import category, submit

pytestmark = pytest.mark.django_db
MORE = 25  # more issues than a page holds


# Transaction control is no statement of its own on PostgreSQL (psycopg begins implicitly
# and commits through the connection); SQLite's "BEGIN IMMEDIATE" and the savepoints of
# the test's own transaction would blur the count.
_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")


def _statements(request: Callable[[], object]) -> int:
    """Statements of one request, transaction control left out."""
    with CaptureQueriesContext(connection) as ctx:
        request()
    return sum(1 for q in ctx.captured_queries if not q["sql"].startswith(_CONTROL))


def _more_issues(p: TinyProvince, n: int = MORE) -> None:
    RightsSettings.objects.update_or_create(
        school=p.school_a, defaults={"daily_submission_limit": 1000}
    )
    for i in range(n):
        submit(p, title=f"宿舍热水时有时无（{i}）", anonymous=i % 3 == 0)


def _form(n: int) -> dict[str, object]:
    return {
        "category": category().pk,
        "title": f"澡堂热水时有时无 {n}",
        "description": "晚上九点后热水经常中断。",
        "place": "三号澡堂",
        "publication_consent": "on",
    }


def _more_officers(p: TinyProvince, n: int) -> None:
    """n more officers in the school union's queue (a big union has about 40)."""
    from tongxin.accounts.models import Membership, Role, User

    for i in range(n):
        user = User.objects.create_user(
            f"officer-extra-{i}", None, real_name=f"干事{i}", school=p.school_a, number=f"X{i}"
        )
        Membership.objects.create(
            user=user, node=p.union_a, school_id=p.school_a.pk, role=Role.OFFICER
        )


@pytest.mark.django_db(transaction=True)
def test_submission_post_runs_at_most_nine_statements(
    province: TinyProvince, client_for, settings
) -> None:
    """The session with the user and their grants, the intake read, the issue, its clock,
    its timeline entry, the audit chain (lock, event, head) and the worker's task row
    (written in the same transaction: one commit): nine, also with many issues in the
    table and 40 more officers in the union (they are told by the worker). Run as in
    production: a real transaction, the database task queue."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    RightsSettings.objects.update_or_create(
        school=province.school_a, defaults={"daily_submission_limit": 1000}
    )
    client = client_for("student_a")
    forms = [_form(n) for n in range(5)]

    def post(form: dict[str, object]) -> None:
        assert client.post("/rights/submit/", form).status_code == 302

    post(forms[0])  # the school's first event of the test opens its audit chain
    counts = [_statements(lambda: post(forms[1])), _statements(lambda: post(forms[2]))]
    _more_issues(province)
    counts.append(_statements(lambda: post(forms[3])))
    _more_officers(province, 40)
    counts.append(_statements(lambda: post(forms[4])))
    assert counts == [9, 9, 9, 9]
    assert Issue.objects.filter(title__startswith="澡堂热水时有时无").count() == 5


def test_the_announcement_tells_any_number_of_officers_in_a_fixed_number_of_statements(
    province: TinyProvince,
) -> None:
    """The worker's half of a submission (the similar-issues index, the union's officers
    told): one bulk insert per table whatever the union's size."""
    from tongxin.notifications.models import Notification
    from tongxin.rights.services import issue_announce
    from tongxin.rights.services.common import union_officers

    issue = submit(province)
    few = _statements(
        lambda: issue_announce(Issue.objects.select_related("school").get(pk=issue.pk))
    )
    _more_officers(province, 40)
    Issue.objects.filter(pk=issue.pk).update(title="宿舍热水时有时无")
    told = Notification.objects.filter(url__endswith=f"/{issue.pk}/")
    before = told.count()
    many = _statements(
        lambda: issue_announce(Issue.objects.select_related("school").get(pk=issue.pk))
    )
    assert many == few
    officers = union_officers(issue)
    assert len(officers) > 40
    assert told.count() == before + len(officers)


def _flat(p: TinyProvince, client: Client, url: Callable[[], str], budget: int) -> tuple[int, int]:
    client.get(url())  # warm: first-use lookups (content types, translations) aside
    before = _statements(lambda: client.get(url()))
    _more_issues(p)
    after = _statements(lambda: client.get(url()))
    assert before <= budget, before
    return before, after


def test_union_queue_first_page_does_not_grow(province, client_for) -> None:
    """The union ids of the actor's queues are read first (one small statement), so the
    page can walk each union's queue index on its own."""
    submit(province)
    url = f"/rights/queue/?status=submitted&category={category().pk}"
    before, after = _flat(province, client_for("officer_a"), lambda: url, budget=10)
    assert before == after


def test_my_issues_does_not_grow(province, client_for) -> None:
    submit(province)
    before, after = _flat(province, client_for("student_a"), lambda: "/rights/mine/", budget=7)
    assert before == after


@pytest.mark.parametrize(("persona", "budget"), [("student_a", 9), ("officer_a", 11)])
def test_issue_detail_does_not_grow(province, client_for, persona, budget) -> None:
    """The officer's page also lists the union's officers for assignment."""
    issue = submit(province)
    url = f"/rights/issues/{issue.pk}/"
    before, after = _flat(province, client_for(persona), lambda: url, budget=budget)
    assert before == after


def test_anonymous_issue_detail_reads_the_sealed_identity_once(province, client_for) -> None:
    """The rules ask "is this the reporter?" for every action the page offers; the sealed
    identity comes with the issue instead of one lookup per question."""
    issue = submit(province, anonymous=True)
    client = client_for("student_a")
    url = f"/rights/issues/{issue.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url)
    assert page.status_code == 200 and "我" in page.content.decode()
    sealed_reads = [q for q in ctx.captured_queries if '"rights_sealedidentity"' in q["sql"]]
    assert len(sealed_reads) == 1  # the issue's own query, which joins it


# --- Lists read only the rows they show (issue 12) ------------------------------------------
# N=50 and N=5,000 issues that all match the page's filter, built with bulk_create (the
# services would take minutes), each followed by an issue of another school and a closed
# one, which match no filter here: the page can neither walk the whole table backwards
# nor read every matching row. It must read as many rows for 5,000 as for 50.
FEW, MANY = 50, 5_000


def _matching(p: TinyProvince, n: int, *, start: int = 0) -> None:
    cat = category()
    rows = []
    for i in range(start, start + n):
        for school, union, status in (
            (p.school_a, p.union_a, "submitted"),
            (p.school_b, p.union_b, "submitted"),
            (p.school_a, p.union_a, "closed"),
        ):
            rows.append(
                Issue(
                    school=school,
                    union=union,
                    category=cat,
                    title=f"宿舍热水时有时无（批量 {i}）",
                    description="晚上十点以后热水时有时无。",
                    status=status,
                )
            )
    Issue.objects.bulk_create(rows, batch_size=1000)
    if connection.vendor == "postgresql":
        _rest_of_province(p, REST)


# On PostgreSQL, a province around the school: a block of other schools' issues after
# each batch, so the planner sees the queue as the small part of a large table it is in
# production (the old page read every matching row, or walked this block backwards).
REST = 40_000


def _rest_of_province(p: TinyProvince, n: int) -> None:
    columns = [f.column for f in Issue._meta.concrete_fields if not f.primary_key]
    picked = [
        "%s" if c in {"school_id", "union_id"} else c for c in columns
    ]  # the newest issue, copied n times into school b
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO rights_issue ({', '.join(columns)}) "
            f"SELECT {', '.join(picked)} FROM rights_issue, generate_series(1, %s) "
            "WHERE id = (SELECT max(id) FROM rights_issue)",
            [
                p.school_b.pk if c == "school_id" else p.union_b.pk
                for c in columns
                if c in {"school_id", "union_id"}
            ]
            + [n],
        )


def _queue_sql(client: Client, url: str) -> list[str]:
    """The statements of one page that read the issue table."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if '"rights_issue"' in q["sql"]]


def _rows_read(plan: dict[str, object]) -> int:
    """Rows the scans of a PostgreSQL plan (EXPLAIN ANALYZE, JSON) produced or threw away."""
    own = 0
    if str(plan.get("Node Type", "")).endswith("Scan") and plan.get("Relation Name"):
        loops = int(plan.get("Actual Loops", 1))  # type: ignore[call-overload]
        removed = int(plan.get("Rows Removed by Filter", 0))  # type: ignore[call-overload]
        own = (int(plan["Actual Rows"]) + removed) * loops  # type: ignore[call-overload]
    children = plan.get("Plans", [])
    return own + sum(_rows_read(c) for c in children)  # type: ignore[union-attr]


def _queue_rows_read(p: TinyProvince, status: str) -> int:
    from tongxin.rights.selectors import QUEUE_PAGE, QUEUE_ROW_FIELDS, QueueFilter, queue_for

    page = queue_for(actor=p.officer_a, f=QueueFilter(status=status)).only(*QUEUE_ROW_FIELDS)
    sql, params = page[: QUEUE_PAGE + 1].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE rights_issue")  # the planner sees the table as it is
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return _rows_read(plan[0]["Plan"])


@pytest.mark.parametrize("query", ["?status=submitted", "", "?status=submitted&category={cat}"])
def test_union_queue_reads_the_same_rows_at_50_and_5000_matching(
    province, client_for, query
) -> None:
    """The first page of 5,000 matching issues costs what the first page of 50 costs: the
    same statements, each issue read LIMITed, no COUNT; on PostgreSQL the plan's scans
    read the same number of rows (at most a page and one per branch of the queue)."""
    client = client_for("officer_a")
    url = "/rights/queue/" + query.format(cat=category().pk)
    _matching(province, FEW)
    client.get(url)  # warm
    few = _queue_sql(client, url)
    few_rows = _queue_rows_read(province, "submitted") if connection.vendor == "postgresql" else 0
    _matching(province, MANY - FEW, start=FEW)
    many = _queue_sql(client, url)
    assert len(few) == len(many)
    page = client.get(url).content.decode()
    assert page.count("/rights/issues/") >= 20 and "批量 4999" in page
    for sql in many:
        assert "COUNT(" not in sql.upper()
        assert "LIMIT" in sql.upper(), sql
    if connection.vendor == "postgresql":
        many_rows = _queue_rows_read(province, "submitted")
        # A page and one per branch of officer_a's queue (or a short walk past the few
        # rows in between), never every matching row nor the other schools' block.
        assert few_rows <= 2 * 3 * 21 and many_rows <= 2 * 3 * 21, (few_rows, many_rows)
