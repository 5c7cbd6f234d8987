"""Reminders of the review calendar: each level whose date falls within remind_days
working days and has not finished is told once per assessment, at a moved clock."""

import datetime

import pytest

from tongxin.accounts.services import system_actor
from tongxin.core.errors import NotAllowed
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment

from ..models import AssessmentState, ReviewCalendar
from ..review_models import ReviewReminder
from ..services.review_calendar import review_remind
from ..tasks import remind_review_deadlines
from .review_world import assessment_of, computed_year, move

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
A = AssessmentState


@pytest.fixture
def world(province):
    computed_year(province)
    return province


def calendar(**dates: str) -> ReviewCalendar:
    days = {"fill_due": "2026-11-02", "school_due": "2026-11-10", "city_due": "2026-11-20"}
    days |= {"province_due": "2026-11-30"} | dates
    return ReviewCalendar.objects.create(
        academic_year=2026,
        remind_days=3,
        **{k: datetime.date.fromisoformat(v) for k, v in days.items()},
    )


def test_the_school_level_is_reminded_three_working_days_ahead_once(world, time_machine):
    p = world
    calendar()
    move(assessment_of(p, "b"), A.SUBMITTED)  # school B has finished its level
    time_machine.move_to(moment("2026-11-04"))  # 4 working days before 11-10
    assert review_remind(actor=system_actor()) == 0
    time_machine.move_to(moment("2026-11-05"))  # Thu: Fri, Mon, Tue = 3 working days
    assert review_remind(actor=system_actor()) == 2  # schools A and C are preparing
    told = Notification.objects.get(recipient=p.advisor_a, verb="reform.review.reminder")
    assert "学校报送将于 2026-11-10 截止" in told.title
    assert told.url == f"/reform/assessments/{assessment_of(p).pk}/"
    assert not Notification.objects.filter(recipient=p.advisor_b).exists()
    assert review_remind(actor=system_actor()) == 0  # once per (assessment, level)
    assert remind_review_deadlines.call() == 0
    assert ReviewReminder.objects.filter(level="school").count() == 2


@pytest.mark.time_machine(moment("2026-09-28"))
def test_the_national_day_holidays_count_as_no_working_days(world, time_machine):
    """2026-10-01..10-07 are off: on Mon 09-28 the 10-09 deadline is 4 working days away
    (09-29, 09-30, 10-08, 10-09), on Tue 09-29 three; a plain count would say 9 and 8."""
    calendar(fill_due="2026-10-09", school_due="2026-10-12")
    review_remind(actor=system_actor())
    assert not Notification.objects.exists()
    time_machine.move_to(moment("2026-09-29"))
    review_remind(actor=system_actor())
    union_told = Notification.objects.filter(recipient=world.officer_a)
    assert union_told.count() == 1
    assert union_told.get().url == f"/reform/unions/{world.union_a.pk}/"
    assert not Notification.objects.filter(recipient=world.advisor_a).exists()  # 10-12: 4 days


def test_only_the_worker_reminds(world):
    with pytest.raises(NotAllowed):
        review_remind(actor=world.province_admin)
