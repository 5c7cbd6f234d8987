"""The worker reminds and escalates overdue clocks, one level per working day (督办)."""

import datetime

import pytest
from django.utils import timezone

from tongxin.accounts.services import system_actor
from tongxin.notifications.models import Notification
from tongxin.rights.models import Clock, Issue, IssueClock
from tongxin.rights.services import clock_escalate, overdue_clocks
from tongxin.rights.services.escalation import target_level

from .factories import fresh, submit

pytestmark = pytest.mark.django_db
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _at(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, tzinfo=SHANGHAI)


def test_levels_follow_working_days_past_due():
    due = _at(2025, 1, 24, 23)  # Friday before the Spring Festival
    assert target_level(due, _at(2025, 1, 24, 22)) == 0
    assert target_level(due, _at(2025, 1, 25)) == 1  # Saturday: overdue, no working day passed
    assert target_level(due, _at(2025, 1, 26)) == 2  # Sunday 01-26 is a make-up working day
    assert target_level(due, _at(2025, 1, 27)) == 3
    assert target_level(due, _at(2025, 2, 3)) == 3  # the holiday adds nothing
    assert target_level(due, _at(2025, 2, 5)) == 4


@pytest.fixture
def overdue(province):
    issue = submit(province)
    clock = IssueClock.objects.get(issue=issue)
    IssueClock.objects.filter(pk=clock.pk).update(due_at=_at(2025, 3, 3, 12))  # Monday noon
    return issue, clock


def _run(now):
    actor = system_actor()
    return [
        clock_escalate(actor=actor, clock=IssueClock(pk=pk), now=now) for pk in overdue_clocks(now)
    ]


def test_each_level_notifies_its_supervisors_and_the_holder_stays(province, overdue):
    issue, _clock = overdue
    assert _run(_at(2025, 3, 3, 11)) == []  # not yet due
    assert _run(_at(2025, 3, 3, 13)) == [1]
    assert (
        Notification.objects.filter(
            recipient=province.officer_a, title__startswith="【督办】"
        ).count()
        == 1
    )
    assert _run(_at(2025, 3, 3, 14)) == [0]  # already at level 1 today
    assert _run(_at(2025, 3, 4)) == [2]  # presidium (the 主席 is presidium)
    assert _run(_at(2025, 3, 5)) == [3]
    assert Notification.objects.filter(
        recipient=province.advisor_a, title__startswith="【督办】"
    ).exists()
    assert not fresh(issue).escalated_to_city
    assert _run(_at(2025, 3, 6)) == [4]
    assert Notification.objects.filter(
        recipient=province.city_staff_1, title__startswith="【督办】"
    ).exists()
    assert not Notification.objects.filter(
        recipient=province.city_staff_2, title__startswith="【督办】"
    ).exists()
    issue = fresh(issue)
    assert (
        issue.escalated_to_city
        and issue.escalation_level == 4
        and issue.union_id == province.union_a.pk
    )
    assert _run(_at(2025, 3, 20)) == []  # the top level is the last


def test_a_worker_that_slept_catches_up_one_level_per_run(province, overdue):
    assert _run(_at(2025, 3, 10)) == [1]
    assert _run(_at(2025, 3, 10)) == [2]


def test_each_step_is_on_the_timeline_and_audited(province, overdue, client_for):
    issue, _clock = overdue
    _run(_at(2025, 3, 3, 13))
    _run(_at(2025, 3, 4))
    from tongxin.audit.models import AuditEvent

    assert (
        AuditEvent.objects.filter(
            action__in=["rights.issue.reminded", "rights.issue.escalated"]
        ).count()
        == 2
    )
    page = client_for("officer_a").get(f"/rights/issues/{issue.pk}/").content.decode()
    assert "首次回复时限已到期" in page and "已报学生会主席团" in page


def test_a_stopped_clock_is_not_escalated(province, overdue):
    issue, _clock = overdue
    from tongxin.rights import services

    services.issue_accept(
        actor=province.officer_a, issue=issue, expected_version=issue.version, reply="收到"
    )
    now = timezone.now() + datetime.timedelta(days=30)
    levels = _run(now)
    assert Clock.FIRST_REPLY not in {
        c.clock for c in IssueClock.objects.filter(escalation_level__gt=0)
    }
    assert len(levels) == 1  # only the new decide clock, which is overdue a month later
    assert Issue.objects.get(pk=issue.pk).escalation_level == 1


def test_a_county_school_escalates_to_its_city_and_county(province):
    """A school under a county reaches the city federation as one directly under the city,
    and the county's specialist is told and may open the issue."""
    issue = submit(province, student="student_c", title="城关高中宿舍断水")
    IssueClock.objects.filter(issue=issue).update(due_at=_at(2025, 3, 3, 12))
    for day in (_at(2025, 3, 3, 13), _at(2025, 3, 4), _at(2025, 3, 5)):
        _run(day)
    assert not province.county_specialist.has_perm("rights.view_issue", fresh(issue))
    assert _run(_at(2025, 3, 6)) == [4]
    told = set(
        Notification.objects.filter(title__startswith="【督办】").values_list(
            "recipient_id", flat=True
        )
    )
    assert {province.city_staff_1.pk, province.county_specialist.pk} <= told
    assert province.city_staff_2.pk not in told
    issue = fresh(issue)
    assert issue.escalated_to_city
    assert province.county_specialist.has_perm("rights.view_issue", issue)
    assert province.city_staff_1.has_perm("rights.view_issue", issue)
    assert not province.city_staff_2.has_perm("rights.view_issue", issue)
