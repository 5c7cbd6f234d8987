"""Rights-desk test helpers: an issue walked to any state through the real services."""

from typing import Any

from tongxin.rights import services
from tongxin.rights.models import Issue, IssueCategory, Status
from tongxin.testing.province import TinyProvince


def category(name: str = "食堂餐饮") -> IssueCategory:
    return IssueCategory.objects.get(name=name)


def submit(p: TinyProvince, *, student: str = "student_a", **kwargs: Any) -> Issue:
    fields: dict[str, Any] = {
        "category": category(kwargs.pop("category_name", "食堂餐饮")),
        "title": "二食堂晚餐涨价",
        "description": "二食堂晚餐套餐从 12 元涨到 15 元，没有任何通知。",
        "place": "二食堂",
        "publication_consent": True,
    }
    fields.update(kwargs)
    return services.issue_submit(actor=p.people[student], **fields)


def fresh(issue: Issue) -> Issue:
    return Issue.objects.get(pk=issue.pk)


def walk(p: TinyProvince, to: str, **kwargs: Any) -> Issue:
    """Submit an issue and move it along the happy path until it reaches status `to`."""
    issue = submit(p, **kwargs)
    officer = p.officer_a
    steps = [
        (
            Status.ACCEPTED,
            lambda i: services.issue_accept(
                actor=officer, issue=i, expected_version=i.version, reply="已收到，正在核实。"
            ),
        ),
        (
            Status.REFERRED,
            lambda i: services.issue_refer(
                actor=officer,
                issue=i,
                expected_version=i.version,
                lead_office=p.logistics_office_a,
                co_offices=[],
            ),
        ),
        (
            Status.ANSWERED,
            lambda i: services.issue_office_answer(
                actor=p.handler_a,
                issue=i,
                expected_version=i.version,
                answer="经核实，已恢复原价。",
            ),
        ),
        (
            Status.FED_BACK,
            lambda i: services.issue_feed_back(
                actor=officer,
                issue=i,
                expected_version=i.version,
                feedback="食堂已恢复 12 元套餐。",
            ),
        ),
        (
            Status.CLOSED,
            lambda i: services.issue_rate(
                actor=p.student_a, issue=i, expected_version=i.version, rating="satisfied"
            ),
        ),
    ]
    for status, step in steps:
        if issue.status == to:
            break
        issue = step(fresh(issue))
        assert issue.status == status
    return fresh(issue)
