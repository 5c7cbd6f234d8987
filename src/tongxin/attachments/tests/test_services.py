"""Upload and delete: permission, checks, the stored file and the audit event, together."""

import pytest
from django.db import transaction
from django.test import TestCase

from tongxin.attachments import services
from tongxin.attachments.models import Attachment, Kind
from tongxin.audit.models import AuditEvent
from tongxin.core.authz import can
from tongxin.core.errors import DomainError, NotAllowed

from .factories import attached, fake, issue_of, jpeg_with_gps, pdf


def test_an_upload_stores_the_file_with_its_school_and_an_event(province):
    issue = issue_of(province)
    attachment = services.attachment_upload(
        actor=province.student_a, subject=issue, upload=jpeg_with_gps(name="C:\\相册\\现场.jpeg")
    )
    assert attachment.school_id == issue.school_id and attachment.object_id == issue.pk
    assert attachment.kind == Kind.JPEG and attachment.name == "现场.jpg"
    assert attachment.file.storage.exists(attachment.file.name)
    assert attachment.size == attachment.file.size
    event = AuditEvent.objects.get(action="attachments.attachment.uploaded")
    assert event.actor == province.student_a and event.school_id == issue.school_id
    assert event.data == {
        "subject": "rights.issue",
        "object": issue.pk,
        "name": "现场.jpg",
        "kind": "jpeg",
        "size": attachment.size,
    }


def test_the_shown_name_follows_what_the_file_is():
    assert services.display_name("报告.JPG", "pdf") == "报告.pdf"
    assert services.display_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert services.display_name("\x00\n.pdf", "pdf") == "附件.pdf"
    assert len(services.display_name("长" * 300 + ".pdf", "pdf")) == 120


@pytest.mark.parametrize(
    "persona", ["student_b", "handler_a", "college_officer_a1", "city_staff_1"]
)
def test_someone_who_does_not_read_the_issue_may_not_attach(province, persona):
    issue = issue_of(province)
    with pytest.raises(NotAllowed):
        services.attachment_upload(actor=province.people[persona], subject=issue, upload=pdf())
    assert not Attachment.objects.exists()


def test_the_reporter_of_an_anonymous_issue_attaches_nothing(province):
    """The row would name them beside the issue."""
    issue = issue_of(province, anonymous=True)
    with pytest.raises(NotAllowed):
        services.attachment_upload(actor=province.student_a, subject=issue, upload=pdf())
    assert services.attachment_upload(actor=province.officer_a, subject=issue, upload=pdf())


def test_a_refused_file_changes_nothing(province):
    issue = issue_of(province)
    with pytest.raises(DomainError, match="类型不受支持"):
        services.attachment_upload(
            actor=province.student_a, subject=issue, upload=fake("a.exe", b"MZ")
        )
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="attachments.").exists()


def test_an_object_carries_at_most_the_set_number_of_files(province, settings):
    settings.ATTACHMENTS_PER_OBJECT = 2
    issue = issue_of(province)
    attached(province, issue)
    attached(province, issue)
    with pytest.raises(DomainError, match="每项最多上传 2 个附件"):
        attached(province, issue)
    assert Attachment.objects.count() == 2


def test_the_uploader_deletes_and_the_file_leaves_after_commit(province):
    attachment = attached(province, issue_of(province))
    storage, name = attachment.file.storage, attachment.file.name
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.attachment_delete(actor=province.student_a, attachment=attachment)
    assert not Attachment.objects.exists() and not storage.exists(name)
    event = AuditEvent.objects.get(action="attachments.attachment.deleted")
    assert event.data["name"] == "说明.pdf" and event.target_id == str(attachment.pk)


def test_the_queue_holder_removes_anyones_file_other_readers_none(province):
    issue = issue_of(province)
    attachment = attached(province, issue)
    with pytest.raises(NotAllowed):
        services.attachment_delete(actor=province.advisor_a, attachment=attachment)
    services.attachment_delete(actor=province.officer_a, attachment=attachment)
    assert not Attachment.objects.exists()


def test_a_file_deleted_twice_says_so(province):
    attachment = attached(province, issue_of(province))
    services.attachment_delete(actor=province.student_a, attachment=attachment)
    with pytest.raises(DomainError, match="已被删除"):
        services.attachment_delete(actor=province.student_a, attachment=attachment)


def test_a_subject_service_stores_a_file_naming_nobody(province):
    """What an anonymous submission needs: no uploader column, no event of its own (the
    submission's event covers it)."""
    issue = issue_of(province, anonymous=True)
    with transaction.atomic():
        stored = services.attachment_store(
            subject=issue, upload=jpeg_with_gps(), uploaded_by=None, images_only=True
        )
    assert stored.uploaded_by is None and stored.kind == Kind.JPEG
    assert not AuditEvent.objects.filter(action__startswith="attachments.").exists()
    # Nobody is its uploader: only the queue's holder may remove it.
    assert can(province.officer_a, "attachments.delete_attachment", stored)
    assert not can(province.student_a, "attachments.delete_attachment", stored)


def test_a_subject_service_may_ask_for_pictures_only(province):
    with transaction.atomic(), pytest.raises(DomainError, match="不是图片"):
        services.attachment_store(
            subject=issue_of(province), upload=pdf(), uploaded_by=None, images_only=True
        )
