"""The rights desk's items of the to-do list (待办): each waits for exactly one side."""

from tongxin.core.todo import todo_for
from tongxin.rights import todo
from tongxin.rights.models import Status
from tongxin.rights.tests.factories import rights_world, submit, walk


def _titles(batch) -> set[str]:
    return {item.title for item in batch.items}


def test_the_union_sees_what_waits_for_acceptance_or_answer(province):
    p = rights_world(province)
    batch = todo.union_queue(p.officer_a, 20)
    assert {"宿管态度恶劣", "图书馆座位被长期占用"} <= _titles(batch)
    assert "二食堂晚餐涨价" not in _titles(batch)  # referred: the office's turn
    assert "乙学院食堂卫生" not in _titles(batch)
    assert batch.count == len(batch.items)
    assert _titles(todo.union_queue(p.student_a, 20)) == set()


def test_the_office_sees_the_issues_referred_to_it(province):
    p = rights_world(province)
    batch = todo.office_inbox(p.handler_a, 20)
    assert _titles(batch) == {"二食堂晚餐涨价"}
    assert [str(item.kind) for item in batch.items] == ["转办待答复"]
    assert todo.office_inbox(p.officer_a, 20).count == 0


def test_escalated_issues_wait_for_the_advisor_and_the_federation(province):
    p = rights_world(province)
    for persona in ("advisor_a", "city_staff_1", "province_admin"):
        assert _titles(todo.oversight(p.people[persona], 20)) == {"图书馆座位被长期占用"}
    assert todo.oversight(p.advisor_b, 20).count == 0
    assert todo.oversight(p.officer_a, 20).count == 0


def test_a_fed_back_issue_waits_for_its_reporter_only(province):
    issue = walk(province, Status.FED_BACK)
    assert _titles(todo.rating(province.student_a, 20)) == {issue.title}
    assert todo.rating(province.student_b, 20).count == 0


def test_a_provider_returns_at_most_limit_items_and_counts_them_all(province):
    for n in range(3):
        submit(province, title=f"诉求{n}")
    batch = todo.union_queue(province.officer_a, 2)
    assert (len(batch.items), batch.count) == (2, 3)
    assert todo.union_queue(province.officer_a, 0).items == []
    assert todo_for(province.officer_a).count >= 3


def test_the_todo_page_and_the_home_card(province, client_for):
    rights_world(province)
    page = client_for("handler_a").get("/todo/").content.decode()
    assert 'data-testid="todo-list"' in page and "二食堂晚餐涨价" in page and "转办待答复" in page
    home = client_for("handler_a").get("/").content.decode()
    assert 'data-testid="home-todo"' in home and 'href="/todo/"' in home
    assert 'data-testid="todo-empty"' in client_for("secretary_a1").get("/todo/").content.decode()
    assert 'data-testid="home-todo"' not in client_for("secretary_a1").get("/").content.decode()


def test_every_item_links_an_issue_its_viewer_may_open(province):
    from tongxin.accounts.models import User
    from tongxin.rights.models import Issue
    from tongxin.testing.province import PERSONAS

    p = rights_world(province)
    walk(p, Status.FED_BACK, title="待评价的诉求")
    for persona in PERSONAS:
        user = User.objects.get(pk=p.people[persona].pk)
        for provide in todo.PROVIDERS:
            for item in provide(user, 20).items:
                issue = Issue.objects.get(pk=int(item.url.rstrip("/").rsplit("/", 1)[1]))
                assert user.has_perm("rights.view_issue", issue), (persona, item.title)


def test_the_page_costs_the_same_queries_however_much_waits(province, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tongxin.rights.models import Issue

    client = client_for("officer_a")
    first = submit(province, title="第一件")
    client.get("/todo/")  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get("/todo/")
    for n in range(25):  # copies: a student may submit only a few a day
        copy = Issue.objects.get(pk=first.pk)
        copy.pk, copy.title = None, f"诉求{n}"
        copy.save()
    with CaptureQueriesContext(connection) as many:
        page = client.get("/todo/").content.decode()
    assert page.count("诉求待受理") == 20 and 'data-testid="todo-more"' in page
    assert len(many.captured_queries) <= len(few.captured_queries) + 1  # + the COUNT


def test_a_backlog_past_the_cap_is_counted_to_the_cap_and_shown_with_a_plus(
    province, client_for, monkeypatch
) -> None:
    """The count reads at most COUNT_CAP + 1 rows, unordered: "3+" with a cap of 3."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tongxin.core import todo as core_todo

    monkeypatch.setattr(core_todo, "COUNT_CAP", 3)
    for n in range(5):
        submit(province, title=f"宿舍热水时有时无（{n}）")
    with CaptureQueriesContext(connection) as ctx:
        listed = todo_for(province.officer_a, limit=2)
    assert (listed.count, listed.plus) == (3, "+")
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 4" in sql and "ORDER BY" not in sql for sql in counts)
    page = client_for("officer_a").get("/todo/").content.decode()
    assert "共 3+ 项" in page
