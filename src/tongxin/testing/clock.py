"""The one way tests move the clock: time-machine.

- A test that needs a date says so with time-machine's marker, which moves the clock before
  any fixture is built, so the tiny province and everything else exist at that moment:

      @pytest.mark.time_machine(moment("2026-11-27"))
      def test_admin_home_warns_while_next_year_is_missing(province, client_for): ...

- A test that walks through time takes the `time_machine` fixture and calls `move_to`.
- The whole session can be moved with TONGXIN_TEST_TODAY=YYYY-MM-DD (the root conftest reads
  it): `.ci/run` runs the suite again at 2025-10-09 and 2028-03-01 so that nothing depends on
  the day CI happens to run. The clock keeps ticking from there.

Patching `timezone.now` / `localdate` by hand is not done: it misses `date.today()`, the
database defaults and every module that imported the function, which is how data built at
the real time met a patched date before.
"""

import datetime
import os
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY_VARIABLE = "TONGXIN_TEST_TODAY"


def moment(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """ "2026-11-27" → 2026-11-27 10:00 in Asia/Shanghai (an aware datetime)."""
    date = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=SHANGHAI)


def session_moment() -> datetime.datetime | None:
    """Where TONGXIN_TEST_TODAY moves the whole test session, if it is set."""
    day = os.environ.get(TODAY_VARIABLE, "").strip()
    return moment(day) if day else None
