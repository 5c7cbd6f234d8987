import datetime

import pytest

from tongxin.notifications.models import Notification
from tongxin.workdays.calendar import (
    due_after_workdays,
    is_workday,
    nth_workday_after,
    workdays_between,
)

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date


def test_spring_festival_2025_make_up_sunday_counts_and_the_holiday_does_not(db):
    assert is_workday(D(2025, 1, 26))  # Sunday, make-up working day
    assert not is_workday(D(2025, 1, 28))  # Spring Festival holiday on a Tuesday
    assert not is_workday(D(2025, 2, 1))  # an ordinary Saturday


def test_decide_clock_accepted_on_friday_2025_01_24_is_due_end_of_wednesday_02_05(db):
    accepted = datetime.datetime(2025, 1, 24, 15, 30, tzinfo=SHANGHAI)
    assert due_after_workdays(accepted, 3) == datetime.datetime(
        2025, 2, 5, 23, 59, 59, tzinfo=SHANGHAI
    )


def test_answer_clock_referred_the_same_day_is_due_end_of_friday_02_07(db):
    referred = datetime.datetime(2025, 1, 24, 16, 0, tzinfo=SHANGHAI)
    assert due_after_workdays(referred, 5) == datetime.datetime(
        2025, 2, 7, 23, 59, 59, tzinfo=SHANGHAI
    )


def test_feedback_clock_after_an_answer_on_2025_04_30_is_due_end_of_tuesday_05_06(db):
    answered = datetime.datetime(2025, 4, 30, 10, 0, tzinfo=SHANGHAI)
    assert due_after_workdays(answered, 1) == datetime.datetime(
        2025, 5, 6, 23, 59, 59, tzinfo=SHANGHAI
    )


def test_the_day_is_taken_in_shanghai_time(db):
    # 2025-01-23 17:00 UTC is already Friday 01-24 01:00 in Shanghai.
    late_utc = datetime.datetime(2025, 1, 23, 17, 0, tzinfo=datetime.UTC)
    assert due_after_workdays(late_utc, 3).date() == D(2025, 2, 5)


def test_a_year_without_calendar_counts_monday_to_friday_and_warns_the_admin(province):
    # 2031 is not in the table: Friday 2031-01-03 + 1 working day = Monday 01-06, no crash.
    assert nth_workday_after(D(2031, 1, 3), 1) == D(2031, 1, 6)
    warning = Notification.objects.get(
        recipient=province.province_admin, verb="workdays.year.missing"
    )
    assert "2031" in warning.title
    nth_workday_after(D(2031, 2, 3), 1)
    assert (
        Notification.objects.filter(verb="workdays.year.missing").count() == 1
    )  # once, not per call


def test_workdays_between_counts_the_later_end_only(db):
    assert workdays_between(D(2025, 1, 24), D(2025, 2, 5)) == 3
    assert workdays_between(D(2025, 2, 5), D(2025, 2, 5)) == 0


def test_n_must_be_positive(db):
    with pytest.raises(ValueError):
        nth_workday_after(D(2025, 1, 1), 0)
