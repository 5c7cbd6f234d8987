"""Query budgets of the students' and unions' busiest requests (issue 5, the province-scale
benchmark): each request runs a fixed number of statements, however many issues exist.
Behaviour, not timing: speed is measured by bench/ on generated data."""

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


@pytest.mark.django_db(transaction=True)
def test_submission_post_runs_at_most_ten_statements(
    province: TinyProvince, client_for, settings
) -> None:
    """Session, user with grants, the intake read, the issue, its clock, its timeline
    entry, the audit chain (lock, event, head) and the after-commit task: ten, also with
    many issues in the table. Run as in production: a real transaction, the database
    task queue."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    RightsSettings.objects.update_or_create(
        school=province.school_a, defaults={"daily_submission_limit": 1000}
    )
    client = client_for("student_a")
    forms = [_form(n) for n in range(4)]

    def post(form: dict[str, object]) -> None:
        assert client.post("/rights/submit/", form).status_code == 302

    post(forms[0])  # the school's first event of the test opens its audit chain
    counts = [_statements(lambda: post(forms[1])), _statements(lambda: post(forms[2]))]
    _more_issues(province)
    counts.append(_statements(lambda: post(forms[3])))
    assert counts == [10, 10, 10]
    assert Issue.objects.filter(title__startswith="澡堂热水时有时无").count() == 4


def _flat(p: TinyProvince, client: Client, url: Callable[[], str], budget: int) -> tuple[int, int]:
    client.get(url())  # warm: first-use lookups (content types, translations) aside
    before = _statements(lambda: client.get(url()))
    _more_issues(p)
    after = _statements(lambda: client.get(url()))
    assert before <= budget, before
    return before, after


def test_union_queue_first_page_does_not_grow(province, client_for) -> None:
    submit(province)
    url = f"/rights/queue/?status=submitted&category={category().pk}"
    before, after = _flat(province, client_for("officer_a"), lambda: url, budget=9)
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
