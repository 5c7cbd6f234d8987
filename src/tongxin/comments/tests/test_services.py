"""Submit, approve, hide: permission, text checks, the version, the audit event."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.comments import services
from tongxin.comments.models import Comment, Status
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification

from .factories import approved, comment_on, issue_of


def test_a_submitted_comment_waits_carrying_its_school_and_an_event(province):
    issue = issue_of(province)
    comment = comment_on(province, issue, text="  也遇到过  ")
    assert comment.status == Status.SUBMITTED and comment.text == "也遇到过"
    assert comment.school_id == issue.school_id and comment.object_id == issue.pk
    event = AuditEvent.objects.get(action="comments.comment.submitted")
    assert event.actor == province.student_a and event.target_id == str(comment.pk)
    assert event.data == {"subject": "rights.issue", "object": issue.pk, "length": 4}


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "请填写评论内容"), ("   ", "请填写评论内容"), ("字" * 501, "评论内容不能超过 500 个字")],
)
def test_empty_or_long_text_is_refused_naming_the_field(province, text, message):
    with pytest.raises(DomainError, match=message) as refused:
        comment_on(province, issue_of(province), text=text)
    assert refused.value.field == "text"
    assert not Comment.objects.exists()


def test_the_length_limit_is_a_setting(province, settings):
    settings.COMMENT_MAX_LENGTH = 10
    with pytest.raises(DomainError, match="不能超过 10 个字"):
        comment_on(province, issue_of(province), text="字" * 11)


@pytest.mark.parametrize("persona", ["student_b", "handler_a", "secretary_a1", "province_staff"])
def test_someone_who_does_not_read_the_subject_may_not_comment(province, persona):
    with pytest.raises(NotAllowed):
        comment_on(province, issue_of(province), persona=persona)


def test_the_reporter_of_an_anonymous_issue_may_not_comment(province):
    issue = issue_of(province, anonymous=True)
    with pytest.raises(NotAllowed):
        comment_on(province, issue)


def test_the_moderator_approves_and_the_author_is_told(province):
    comment = comment_on(province, issue_of(province))
    done = services.comment_approve(
        actor=province.officer_a, comment=comment, expected_version=comment.version
    )
    assert done.status == Status.APPROVED and done.moderated_by == province.officer_a
    assert AuditEvent.objects.filter(action="comments.comment.approved").count() == 1
    told = Notification.objects.get(recipient=province.student_a)
    assert told.title == "您的评论已公开" and told.url.startswith("/rights/issues/")


def test_an_approved_comment_can_still_be_hidden(province):
    comment = approved(province, issue_of(province))
    done = services.comment_hide(
        actor=province.officer_a, comment=comment, expected_version=comment.version
    )
    assert done.status == Status.HIDDEN
    assert AuditEvent.objects.filter(action="comments.comment.hidden").count() == 1


@pytest.mark.parametrize("persona", ["student_a", "advisor_a", "student_b"])
def test_only_the_moderator_moderates(province, persona):
    comment = comment_on(province, issue_of(province))
    with pytest.raises(NotAllowed):
        services.comment_approve(
            actor=province.people[persona], comment=comment, expected_version=comment.version
        )
    assert Comment.objects.get(pk=comment.pk).status == Status.SUBMITTED


def test_a_stale_page_loses_no_update(province):
    comment = comment_on(province, issue_of(province))
    services.comment_hide(actor=province.officer_a, comment=comment, expected_version=1)
    with pytest.raises(StaleObject):
        services.comment_approve(actor=province.officer_a, comment=comment, expected_version=1)
    assert Comment.objects.get(pk=comment.pk).status == Status.HIDDEN
