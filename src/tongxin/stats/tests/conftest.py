"""A hand-computed week of school A (Monday 2025-03-03 to Sunday 2025-03-09), see WEEK.

Every step runs through the real rights services at the instant given; the expected
figures below are worked out by hand from these instants (March 2025 has no holidays).
"""

from dataclasses import dataclass
from typing import Any

import pytest

from tongxin.rights.models import Issue
from tongxin.testing.province import TinyProvince

from .factories import FakeClock, Story, at, install_clock

ANONYMOUS_TITLE = "三号楼夜间照明不足"
SILENT_TITLE = "图书馆空调太冷"


@dataclass
class Week:
    p: TinyProvince
    clock: FakeClock
    issues: dict[str, Issue]


@pytest.fixture
def clock(province: TinyProvince, time_machine: Any) -> FakeClock:
    return install_clock(time_machine, at(3, 3, 8))


def _story(week_p: TinyProvince, clock: FakeClock, **kwargs: str) -> Story:
    return Story(week_p, clock, **kwargs)


@pytest.fixture
def week(province: TinyProvince, clock: FakeClock) -> Week:
    p, s = province, (lambda **kw: _story(province, clock, **kw))
    i = {}
    # I10 began the week before: answered 02-24 (answer clock due 03-03, met), unrated,
    # auto-closed 03-04.
    i["I10"] = (
        s().submit(at(2, 24, 9)).accept(at(2, 24, 10)).start(at(2, 24, 10, 10))
        .answer(at(2, 24, 11, 10)).feed_back(at(2, 25, 9)).auto_close(at(3, 4, 10)).issue
    )  # fmt: skip
    i["I1"] = (
        s().submit(at(3, 3, 9)).accept(at(3, 3, 11)).refer(at(3, 3, 12))
        .answer(at(3, 5, 12)).feed_back(at(3, 5, 14)).rate(at(3, 6, 10), "satisfied").issue
    )  # fmt: skip
    i["I2"] = (
        s().submit(at(3, 3, 10), cat="宿舍与水电").accept(at(3, 5, 10)).start(at(3, 5, 11))
        .answer(at(3, 7, 11)).issue
    )  # fmt: skip
    i["I3"] = s().submit(at(3, 4, 9)).decline(at(3, 4, 13)).issue
    i["I4"] = (
        s().submit(at(3, 3, 8), cat="宿舍与水电", title=ANONYMOUS_TITLE, anonymous=True)
        .escalate_fully(at(3, 7, 9)).issue
    )  # fmt: skip
    i["I5"] = s().submit(at(3, 6, 9), cat="其他", title=SILENT_TITLE).issue
    i["I6"] = s().submit(at(3, 5, 9)).withdraw(at(3, 5, 10)).issue
    i["I7"] = s().submit(at(3, 6, 10), cat="宿舍与水电").merge_into(at(3, 6, 11), i["I5"]).issue
    i["I8"] = (
        s().submit(at(3, 3, 14)).accept(at(3, 3, 15)).start(at(3, 3, 16))
        .answer(at(3, 4, 16)).feed_back(at(3, 4, 17)).rate(at(3, 5, 9), "basically").issue
    )  # fmt: skip
    i["I9"] = (
        s().submit(at(3, 3, 9, 30)).accept(at(3, 3, 10, 30)).start(at(3, 3, 10, 40))
        .answer(at(3, 3, 12, 40)).feed_back(at(3, 3, 13)).rate(at(3, 4, 9), "dissatisfied")
        .start(at(3, 4, 10)).answer(at(3, 4, 14)).feed_back(at(3, 4, 15))
        .rate(at(3, 5, 9), "dissatisfied").issue
    )  # fmt: skip
    i["B1"] = (
        s(student="student_b", officer="officer_b").submit(at(3, 3, 9)).accept(at(3, 3, 10)).issue
    )
    clock.set(at(3, 10, 9))
    return Week(p=p, clock=clock, issues=i)


# The week of school A, by hand (see the module docstring of test_fold for the working).
WEEK = {
    "received": 9,
    "accepted": 4,
    "declined": 1,
    "merged": 1,
    "withdrawn": 1,
    "referred": 1,
    "answered": 5,
    "reopened": 1,
    "closed": 4,
    "rated_satisfied": 1,
    "rated_basically": 1,
    "rated_dissatisfied": 2,  # I9's first 不满意 (which reopened it) and its second
    "rated_unrated": 1,
    # I6 was withdrawn an hour after submission: its first-reply clock never fell due.
    "first_reply_due": 8,
    "first_reply_met": 5,
    "decide_due": 4,
    "decide_met": 4,
    "answer_due": 1,
    "answer_met": 1,
    "feedback_due": 4,
    "feedback_met": 4,
}
