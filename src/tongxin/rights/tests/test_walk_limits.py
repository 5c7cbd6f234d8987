"""Lists walked by UNION ALL (tongxin.core.walks) past walks.MAX_PARTS parts: a handler of
13 offices with the done issues too (13 offices × 10 states × 2 walks × 2 parts = 520), an
officer reading 103 unions' queues (× 5 open states = 515; × 3 waiting states × 2 = 618).
SQLite refuses a compound SELECT of more than 500 terms; these lists read their single
filter instead, and give the rows and order the whole filter gives, as a small list does."""

import datetime
import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.accounts.models import Membership, Role, User
from tongxin.core import walks
from tongxin.orgs.models import Node, NodeKind, OfficeKind
from tongxin.rights import selectors
from tongxin.rights.models import Issue, Status
from tongxin.testing.province import TinyProvince, make_node

from .factories import category

pytestmark = pytest.mark.django_db
BASE = datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC)
OFFICES = 13  # handler_a's own office and 12 more
COLLEGES = 100  # beside the school union and the two college unions of school a


def _due(i: int) -> datetime.datetime | None:
    return None if i % 7 == 3 else BASE + datetime.timedelta(hours=i % 11)  # ties, NULLs


def _fresh(user: User) -> User:
    """The user read again, so no reach cached before the memberships were added counts."""
    return User.objects.get(pk=user.pk)


def _handler_of_many_offices(p: TinyProvince) -> tuple[User, list[Node]]:
    offices = [p.logistics_office_a]
    for n in range(OFFICES - 1):
        office = make_node(NodeKind.OFFICE, f"第{n}处", p.school_a, office_kind=OfficeKind.OTHER)
        Membership.objects.create(
            user=p.handler_a, node=office, school_id=office.school_id, role=Role.OFFICE_HANDLER
        )
        offices.append(office)
    return _fresh(p.handler_a), offices


def _many_unions(p: TinyProvince) -> list[Node]:
    unions = []
    for n in range(COLLEGES):
        college = make_node(NodeKind.COLLEGE, f"第{n}学院", p.school_a)
        unions.append(make_node(NodeKind.COLLEGE_UNION, f"第{n}学院学生会", college))
    return unions


def _issues(p: TinyProvince, unions: list[Node], offices: list[Node], n: int) -> None:
    """n issues over the unions, the offices (lead) and every state, deadlines tied and
    missing; another school's referred issues beside them."""
    cat = category()
    pairs = itertools.cycle(zip(itertools.cycle(unions), itertools.cycle(offices)))
    states = itertools.cycle(Status.values)
    rows = []
    for i in range(n):
        union, office = next(pairs)
        common = {"category": cat, "title": f"热水时有时无（{i}）", "due_at": _due(i)}
        rows += [
            Issue(school=p.school_a, union=union, status=next(states), lead_office=office,
                  **common),
            Issue(school=p.school_b, union=p.union_b, status="referred",
                  lead_office=p.logistics_office_b, **common),
        ]  # fmt: skip
    Issue.objects.bulk_create(rows, batch_size=1000)


def _compound_terms(run: Any) -> tuple[Any, int]:
    """What `run` answers, and the most parts any of its statements joins by UNION ALL."""
    with CaptureQueriesContext(connection) as ctx:
        result = run()
    return result, max([q["sql"].upper().count("UNION ALL") + 1 for q in ctx.captured_queries])


def test_an_inbox_of_13_offices_with_the_done_issues_reads_the_whole_filter(
    province, client_for
) -> None:
    handler, offices = _handler_of_many_offices(province)
    _issues(province, [province.union_a], offices, 1300)
    assert OFFICES * len(Status.values) * 2 * walks.PARTS_PER_WALK > 500
    for done in (True, False):
        whole = list(selectors.inbox_for(actor=handler, include_done=done))
        assert len(whole) > 60
        for end in (21, 41, 61):
            rows, terms = _compound_terms(
                lambda end=end, done=done: list(
                    selectors.inbox_for(actor=handler, include_done=done, first=end)[:end]
                )
            )
            assert rows == whole[:end]
            assert terms <= walks.MAX_PARTS
            # The waiting issues alone (13 × 1 × 2 × 2 parts) are still walked.
            assert (terms > 1) is (not done)
    first = selectors.inbox_for(actor=handler, include_done=True)[0]
    page = client_for("handler_a").get("/rights/inbox/?done=1")
    assert page.status_code == 200
    assert f'href="/rights/issues/{first.pk}/"' in page.content.decode()


def test_a_queue_of_103_unions_reads_the_whole_filter(province) -> None:
    officer = _fresh(province.officer_a)
    unions = _many_unions(province)
    _issues(province, [province.union_a, *unions], [province.logistics_office_a], 2000)
    reached = selectors.queue_unions(actor=officer)
    assert len(reached) == 3 + COLLEGES
    assert len(reached) * len(selectors.QUEUE_STATUSES) > 500
    whole = Issue.objects.filter(union_id__in=reached).order_by("-id")
    late = datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC)
    newest = whole.filter(status__in=selectors.QUEUE_STATUSES)
    cut = list(newest.values_list("id", flat=True))[30]
    cases = {
        selectors.QueueFilter(): newest,
        selectors.QueueFilter(before=cut): newest.filter(id__lt=cut),
        selectors.QueueFilter(status=Status.REFERRED): whole.filter(status=Status.REFERRED),
        selectors.QueueFilter(category=category().pk, overdue=True): newest.filter(
            category=category(), due_at__lt=late
        ),
    }
    for f, expected in cases.items():
        rows, terms = _compound_terms(
            lambda f=f: list(selectors.queue_for(actor=officer, f=f, now=late, limit=21))
        )
        assert rows == list(expected[:21]) and len(rows) == 21, f
        assert terms <= walks.MAX_PARTS
    # One state: 103 walks, fewer than MAX_PARTS: still walked.
    assert _compound_terms(
        lambda: list(selectors.queue_for(actor=officer, f=selectors.QueueFilter(status="referred")))
    )[1] == len(reached)


def test_a_to_do_list_of_103_unions_reads_the_whole_filter(province) -> None:
    officer = _fresh(province.officer_a)
    unions = _many_unions(province)
    _issues(province, [province.union_a, *unions], [province.logistics_office_a], 2000)
    whole = list(selectors.awaiting_union(actor=officer))
    assert len(whole) > 100
    for end in (20, 40, 100):
        rows, terms = _compound_terms(
            lambda end=end: list(selectors.awaiting_union(actor=officer, first=end)[:end])
        )
        assert rows == whole[:end] and terms <= walks.MAX_PARTS


def test_a_walk_past_the_limit_is_refused_on_either_engine() -> None:
    walk = walks.Walk(walks.table(Issue), f"{walks.column('status')} = %s", ("referred",))
    fits = walks.MAX_PARTS // walks.PARTS_PER_WALK
    assert walks.first_of([walk] * fits, deadline="due_at", newest_tie=False, limit=5)
    with pytest.raises(ValueError, match="MAX_PARTS"):
        walks.first_of([walk] * (fits + 1), deadline="due_at", newest_tie=False, limit=5)
    with pytest.raises(ValueError, match="MAX_PARTS"):
        walks.union_of([Issue.objects.order_by("-id")[:5]] * (walks.MAX_PARTS + 1))
