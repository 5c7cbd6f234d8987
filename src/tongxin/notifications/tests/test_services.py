import pytest
from django.core import mail
from django.db import transaction

from tongxin.audit.models import AuditEvent
from tongxin.notifications.models import Notification
from tongxin.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notify,
)


@pytest.fixture
def with_email(province):
    province.student_a.email = "zhang@example.edu.cn"
    province.student_a.save()
    return province


@pytest.mark.django_db(transaction=True)
def test_email_goes_out_only_after_commit(with_email):
    with transaction.atomic():
        notify(recipients=[with_email.student_a], verb="test.thing.done", title="您的诉求已受理")
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["【同心】您的诉求已受理"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_notifies_nobody(with_email):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipients=[with_email.student_a], verb="test.thing.done", title="不会发出")
        raise RuntimeError("the service failed after notifying")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_each_recipient_gets_one_notification(province):
    rows = notify(
        recipients=[province.student_a, province.student_a, province.officer_a],
        verb="t.x.y",
        title="x",
    )
    assert sorted(n.recipient_id for n in rows) == sorted(
        [province.student_a.pk, province.officer_a.pk]
    )


def test_marking_read_is_audited_once(province):
    [n] = notify(recipients=[province.student_a], verb="t.x.y", title="x")
    notification_mark_read(actor=province.student_a, notification=n)
    notification_mark_read(actor=province.student_a, notification=n)
    assert AuditEvent.objects.filter(action="notifications.notification.read").count() == 1


def test_unread_count_shows_in_the_header_and_read_all_clears_it(province, client_for):
    notify(recipients=[province.student_a], verb="t.x.y", title="一")
    notify(recipients=[province.student_a], verb="t.x.y", title="二")
    client = client_for("student_a")
    assert client.get("/").context["unread_notifications"] == 2
    client.post("/notifications/read-all/")
    assert client.get("/").context["unread_notifications"] == 0
    assert notification_mark_all_read(actor=province.student_a) == 0
