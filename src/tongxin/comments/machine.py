"""The one place that says what may happen to a comment — its transition table.

    (new) ── submit (a commenter of the subject) ──► submitted ── approve ──► approved
    submitted | approved ── hide (the unit's moderator) ──► hidden

Who moderates is the subject app's business (COMMENTABLE's `moderate` permission);
comments.moderate_comment asks it on the comment's subject. The services begin with
`COMMENT.begin(...)`; the panel and the moderation queue list `COMMENT.allowed(...)`.
"""

from tongxin.workflow.machine import Action, Machine

from .models import Status

S = Status
MODERATE = "comments.moderate_comment"

# fmt: off
COMMENT = Machine(
    name="comments.comment",
    states=Status,
    actions=[
        Action("submit", "提交", (), (S.SUBMITTED,), "comments.add_comment", done="submitted",
               on_page=False),
        Action("approve", "公开", (S.SUBMITTED,), (S.APPROVED,), MODERATE, done="approved"),
        Action("hide", "隐藏", (S.SUBMITTED, S.APPROVED), (S.HIDDEN,), MODERATE, done="hidden"),
    ],
)
# fmt: on
