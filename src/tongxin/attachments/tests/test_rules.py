"""A file is read by whoever reads its object; adding and removing follow the subject app's
registered permissions (rights: readers add, the queue's union office removes any)."""

import pytest

from tongxin.attachments.models import Attachment
from tongxin.core.authz import can
from tongxin.core.subjects import subject_of
from tongxin.testing.matrix import EVERYONE

from .factories import attached, issue_of

READERS = {"student_a", "officer_a", "advisor_a"}


@pytest.mark.parametrize("persona", EVERYONE)
def test_each_persona_reads_and_adds_exactly_where_they_read_the_issue(province, persona):
    issue = issue_of(province)
    attachment = Attachment.objects.get(pk=attached(province, issue).pk)
    user = province.people[persona]
    reads = persona in READERS
    assert can(user, "attachments.view_attachment", attachment) is reads
    assert can(user, "attachments.add_attachment", issue) is reads
    removes = persona in {"student_a", "officer_a"}  # the uploader and the queue's holder
    assert can(user, "attachments.delete_attachment", attachment) is removes


def test_an_unregistered_object_takes_no_files(province):
    assert not can(province.student_a, "attachments.add_attachment", province.school_a)
    assert not can(province.student_a, "attachments.add_attachment", None)


def test_a_file_whose_subject_is_gone_is_read_by_nobody(province):
    issue = issue_of(province)
    attachment = attached(province, issue)
    Attachment.objects.filter(pk=attachment.pk).update(object_id=issue.pk + 1000)
    orphan = Attachment.objects.get(pk=attachment.pk)
    assert subject_of(orphan) is None
    assert not can(province.advisor_a, "attachments.view_attachment", orphan)
