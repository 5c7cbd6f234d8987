"""Comments on a rights issue (the first registered subject), through the real services."""

from typing import Any

from tongxin.comments import services
from tongxin.comments.models import Comment
from tongxin.rights.models import Issue
from tongxin.rights.tests.factories import submit
from tongxin.testing.province import TinyProvince


def issue_of(p: TinyProvince, **kwargs: Any) -> Issue:
    """Student A's issue, held by school A's union: read by student A, officer A (who
    moderates its comments) and advisor A."""
    return submit(p, **kwargs)


def comment_on(
    p: TinyProvince, issue: Issue, persona: str = "student_a", text: str = "食堂确实涨价了。"
) -> Comment:
    return services.comment_submit(actor=p.people[persona], subject=issue, text=text)


def approved(p: TinyProvince, issue: Issue, persona: str = "student_a") -> Comment:
    comment = comment_on(p, issue, persona)
    return services.comment_approve(
        actor=p.officer_a, comment=comment, expected_version=comment.version
    )
