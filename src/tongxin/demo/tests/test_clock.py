import datetime

import pytest
from django.utils import timezone

from tongxin.demo.clock import BuildDay, build_day
from tongxin.testing.clock import SHANGHAI, moment


@pytest.mark.time_machine(moment("2025-10-09", 15, 30), tick=False)
def test_the_build_day_defaults_to_today_and_its_now_is_the_real_moment():
    day = build_day()
    assert day.today == datetime.date(2025, 10, 9)
    assert day.now() == timezone.now()


@pytest.mark.time_machine(moment("2025-10-09", 15, 30), tick=False)
def test_another_build_day_is_dated_at_its_noon():
    day = build_day(datetime.date(2028, 3, 1))
    assert day == BuildDay(datetime.date(2028, 3, 1))
    assert day.now() == datetime.datetime(2028, 3, 1, 12, tzinfo=SHANGHAI)
