"""The authorization matrix's rows of the comments piece (tests/test_authorization_matrix.py).

The subject is the rights issue referred to school A's logistics office (read by student A,
officer A, the office's handler and advisor A; officer A's union moderates it). Its comments
— one of student A's waiting, one approved — are made on first use.
"""

from tongxin.comments.models import Status
from tongxin.testing.matrix import EVERYONE, UNION_A, Grant, Row
from tongxin.testing.province import TinyProvince

READERS = ["student_a", "officer_a", "handler_a", "advisor_a"]
# Every person who reads the referred issue (rights' grant "an issue referred to logistics").
ISSUE_READERS = ["student_a", *UNION_A, "handler_a", "office_head_a", "advisor_a"]


def _comment_on_referred(p: TinyProvince, status: str) -> int:
    from tongxin.comments import services
    from tongxin.comments.models import Comment

    issue = p.issues["referred"]
    text = f"矩阵用评论（{status}）"
    found = Comment.objects.filter(object_id=issue.pk, text=text).first()
    if found is None:
        found = services.comment_submit(actor=p.student_a, subject=issue, text=text)
        if status == Status.APPROVED:
            services.comment_approve(actor=p.officer_a, comment=found, expected_version=None)
    return found.pk


ROWS = [
    Row(
        "comments panel of the referred issue",
        lambda p: f"/comments/on/rights.issue/{p.issues['referred'].pk}/",
        READERS,
        [],
    ),
    Row(
        "comments panel of the sibling school's issue",
        lambda p: f"/comments/on/rights.issue/{p.issues['school_b'].pk}/",
        [],
        [],
    ),
    Row("comment moderation queue", lambda p: "/comments/queue/", EVERYONE, []),
    Row(
        "approve a waiting comment",
        lambda p: f"/comments/{_comment_on_referred(p, Status.SUBMITTED)}/approve/",
        ["officer_a"],
        ["student_a"],  # its author sees it waiting; the other readers do not see it
        method="post",
    ),
    Row(
        "hide an approved comment",
        lambda p: f"/comments/{_comment_on_referred(p, Status.APPROVED)}/hide/",
        ["officer_a"],
        ["student_a", "handler_a", "advisor_a"],
        method="post",
    ),
]


def _comment(status: str) -> object:
    def target(p: TinyProvince) -> object:
        from tongxin.comments.models import Comment

        return Comment.objects.get(pk=_comment_on_referred(p, status))

    return target


GRANTS = [
    Grant(
        "an approved comment is read by the issue's readers",
        "comments.view_comment",
        _comment(Status.APPROVED),
        ISSUE_READERS,
    ),
    Grant(
        "a waiting comment: its author and the union that moderates",
        "comments.view_comment",
        _comment(Status.SUBMITTED),
        ["student_a", *UNION_A],
    ),
    Grant(
        "comment on the referred issue: whoever may discuss it",
        "comments.add_comment",
        lambda p: p.issues["referred"],
        ISSUE_READERS,
    ),
    Grant(
        "moderate a comment: the union holding the issue",
        "comments.moderate_comment",
        _comment(Status.SUBMITTED),
        UNION_A,
    ),
]
