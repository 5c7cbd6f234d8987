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


def test_reading_notifications_writes_no_audit_event(province, client_for):
    """Issue 9 item 8: a read event sat in the school's chain next to the events that caused
    the notification (an inference channel about anonymous issues) and took the chain lock."""
    school = province.student_a.school
    [one] = notify(recipients=[province.student_a], verb="t.x.y", title="一", school=school)
    [two] = notify(recipients=[province.student_a], verb="t.x.y", title="二", url="/rights/mine/")
    notify(recipients=[province.student_a], verb="t.x.y", title="三", school=school)
    before = AuditEvent.objects.count()
    notification_mark_read(actor=province.student_a, notification=one)
    client = client_for("student_a")
    assert client.post(f"/notifications/{two.pk}/read/").status_code == 302
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert AuditEvent.objects.count() == before


def test_view_marks_the_notification_and_those_for_the_same_page_read(province, client_for):
    """Issue 9 item 19: tapping 查看 leaves no badge for what the opened page shows."""
    url = "/rights/mine/"
    first, second = (
        notify(recipients=[province.student_a], verb="t.x.y", title=t, url=url)[0]
        for t in ("已受理", "已答复")
    )
    [other] = notify(recipients=[province.student_a], verb="t.x.y", title="别的", url="/")
    client = client_for("student_a")
    assert client.get("/notifications/").context["unread_notifications"] == 3
    response = client.post(f"/notifications/{second.pk}/read/", follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert response.context["unread_notifications"] == 1
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.read_at is not None and other.read_at is None


def test_viewing_someone_elses_notification_is_404_and_reads_nothing(province, client_for):
    [n] = notify(recipients=[province.officer_a], verb="t.x.y", title="x", url="/")
    assert client_for("student_a").post(f"/notifications/{n.pk}/read/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_unread_count_shows_in_the_header_and_read_all_clears_it(province, client_for):
    notify(recipients=[province.student_a], verb="t.x.y", title="一")
    notify(recipients=[province.student_a], verb="t.x.y", title="二")
    client = client_for("student_a")
    assert client.get("/").context["unread_notifications"] == 2
    client.post("/notifications/read-all/")
    assert client.get("/").context["unread_notifications"] == 0
    assert notification_mark_all_read(actor=province.student_a) == 0


def test_the_header_badge_stops_counting_at_99_plus(province, client_for):
    from tongxin.notifications.models import Notification

    Notification.objects.bulk_create(
        Notification(recipient=province.student_a, verb="t.x.y", title=f"第{n}条")
        for n in range(120)
    )
    client = client_for("student_a")
    response = client.get("/")
    assert response.context["unread_badge"] == "99+"
    assert response.context["unread_notifications"] == 100  # counted up to the cap, no more
    assert 'data-testid="unread-count">99+<' in response.content.decode()
