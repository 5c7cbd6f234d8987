"""The authorization matrix's rows of the attachments piece (tests/test_authorization_matrix.py).

The subject is the rights issue referred to school A's logistics office (read by student A,
officer A, the office's handler and advisor A); its file is made on first use.
"""

from tongxin.testing.matrix import UNION_A, Grant, Row
from tongxin.testing.province import TinyProvince

READERS = ["student_a", "officer_a", "handler_a", "advisor_a"]
# Every person who reads the referred issue (rights' grant "an issue referred to logistics").
ISSUE_READERS = ["student_a", *UNION_A, "handler_a", "office_head_a", "advisor_a"]


def _file_on_referred(p: TinyProvince) -> int:
    from tongxin.attachments.models import Attachment
    from tongxin.attachments.services import attachment_upload
    from tongxin.attachments.tests.factories import pdf

    issue = p.issues["referred"]
    found = Attachment.objects.filter(object_id=issue.pk, content_type__model="issue").first()
    if found is None:
        found = attachment_upload(actor=p.student_a, subject=issue, upload=pdf())
    return found.pk


ROWS = [
    Row(
        "attachment of the referred issue",
        lambda p: f"/attachments/files/{_file_on_referred(p)}/",
        READERS,
        [],
    ),
    Row(
        "attachments panel of the referred issue",
        lambda p: f"/attachments/on/rights.issue/{p.issues['referred'].pk}/",
        READERS,
        [],
    ),
    Row(
        "attachments panel of the sibling school's issue",
        lambda p: f"/attachments/on/rights.issue/{p.issues['school_b'].pk}/",
        [],
        [],
    ),
    Row(
        "delete the referred issue's attachment",
        lambda p: f"/attachments/files/{_file_on_referred(p)}/delete/",
        ["student_a", "officer_a"],  # the uploader and the union holding the queue
        ["handler_a", "advisor_a"],
        method="post",
    ),
]


def _attachment(p: TinyProvince) -> object:
    from tongxin.attachments.models import Attachment

    return Attachment.objects.get(pk=_file_on_referred(p))


GRANTS = [
    Grant(
        "a file on the referred issue is read by the issue's readers",
        "attachments.view_attachment",
        _attachment,
        ISSUE_READERS,
    ),
    Grant(
        "attach to the referred issue: whoever may discuss it",
        "attachments.add_attachment",
        lambda p: p.issues["referred"],
        ISSUE_READERS,
    ),
    Grant(
        "attach to an anonymous issue: not its reporter (the name would sit beside it)",
        "attachments.add_attachment",
        lambda p: p.issues["anonymous"],
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "remove a file: its uploader (student A) or the union holding the issue",
        "attachments.delete_attachment",
        _attachment,
        ["student_a", *UNION_A],
    ),
]
